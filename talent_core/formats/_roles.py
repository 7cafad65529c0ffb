"""Role files: native JSON (a list of role profiles) or the role CSV, read and checked alike.

Every reader checks the whole file before returning anything; with a framework it also checks
that each requirement names one of its competencies and a level on its scale. Problems carry a
``talent`` catalog id (:class:`~talent_core.Problem`), so each face words them in its user's
language; :func:`validate_roles_file` lists them all, :func:`read_roles` raises the first.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import PurePath
from typing import Final

from .._errors import FormatError, InputError, Problem, ValidationError
from .._framework import CompetencyFramework
from .._roles import RoleProfile, check_role
from .._validation import load
from ._roles_csv import ROLE_CSV_COLUMNS, read_roles_csv, write_roles_csv
from ._source import ProblemList, decode_text, json_path, parse_json

__all__ = [
    "MAX_ROLE_FILE_BYTES",
    "ROLE_CSV_COLUMNS",
    "ROLE_FORMATS",
    "detect_role_format",
    "read_roles",
    "validate_roles_file",
    "write_roles",
]

#: The formats of a role file: native JSON and the role CSV.
ROLE_FORMATS: tuple[str, ...] = ("json", "csv")
#: Largest role file read (some 50,000 role x competency rows).
MAX_ROLE_FILE_BYTES: Final = 5 * 1024 * 1024


def detect_role_format(data: bytes, filename: str) -> str:
    """``json`` when the file opens like JSON (or is named .json), else ``csv``."""
    try:
        start = decode_text(data[:4096], filename).lstrip()[:1]
    except FormatError:
        start = ""
    if start in ("[", "{") or PurePath(filename).suffix.lower() == ".json":
        return "json"
    return "csv"


def _problem(problems: ProblemList, where: str, message_id: str, **params: object) -> None:
    problem = Problem.of(where, message_id, **params)
    problems.add(where, problem.message, problem)


def _read_json(
    data: bytes, filename: str, problems: ProblemList, framework: CompetencyFramework | None
) -> list[RoleProfile]:
    raw = parse_json(data, filename)
    if not isinstance(raw, list):
        _problem(problems, "$", "problem.role_file.not_a_list")
        return []
    if not raw:
        _problem(problems, "$", "problem.role_file.no_roles")
    roles: list[RoleProfile] = []
    seen: set[str] = set()
    for i, item in enumerate(raw):
        where = f"[{i}]"
        try:
            role = load(RoleProfile, item, where=where)
        except ValidationError as error:
            problems.add_problems(error.problems, json_path)
            continue
        if role.id in seen:
            _problem(
                problems, json_path(f"{where}.id"), "problem.role_file.duplicate_id", id=role.id
            )
        seen.add(role.id)
        if framework is not None:
            try:
                check_role(role, framework)
            except ValidationError as error:
                # check_role names fields after the role id; name them by position in the file.
                renamed = (p.at(where + p.field.removeprefix(role.id)) for p in error.problems)
                problems.add_problems(renamed, json_path)
        roles.append(role)
    return roles


def _read(
    data: bytes, filename: str, framework: CompetencyFramework | None, fmt: str | None
) -> tuple[list[RoleProfile], ProblemList]:
    problems = ProblemList(filename)
    if fmt is not None and fmt not in ROLE_FORMATS:
        raise InputError(f"unknown role file format {fmt!r}; choose from {', '.join(ROLE_FORMATS)}")
    if len(data) > MAX_ROLE_FILE_BYTES:
        limit = MAX_ROLE_FILE_BYTES // (1024 * 1024)
        _problem(problems, "", "problem.role_file.too_large", limit=limit)
        return [], problems
    if not data.strip():
        _problem(problems, "", "problem.role_file.empty")
        return [], problems
    fmt = fmt or detect_role_format(data, filename)
    try:
        if fmt == "json":
            roles = _read_json(data, filename, problems, framework)
        else:
            roles = read_roles_csv(data, filename, problems, framework)
    except FormatError as error:  # a file too broken to read on: one problem
        problems.errors.append(error)
        roles = []
    return roles, problems


def read_roles(
    data: bytes,
    filename: str,
    framework: CompetencyFramework | None = None,
    fmt: str | None = None,
) -> list[RoleProfile]:
    """Every role of a role file (``fmt`` json or csv; None detects it), checked against
    ``framework`` when one is given; else FormatError naming the place of the first problem
    and how many more there are (:func:`validate_roles_file` lists them all)."""
    roles, problems = _read(data, filename, framework, fmt)
    if problems.errors:
        first, more = problems.errors[0], len(problems.errors) - 1
        if not more:
            raise first
        suffix = f" (and {more} more problem{'s' if more > 1 else ''}; "
        suffix += "`talent roles validate` lists them all)"
        raise FormatError(first.file, first.location, first.problem + suffix)
    return roles


def validate_roles_file(
    data: bytes,
    filename: str,
    framework: CompetencyFramework | None = None,
    fmt: str | None = None,
    *,
    ui_language: str | None = "en",
) -> list[str]:
    """Every problem of a role file (empty when it reads), each naming its place, worded in
    ``ui_language``."""
    _, problems = _read(data, filename, framework, fmt)
    return [error.text(ui_language) for error in problems.errors]


def write_roles(roles: Sequence[RoleProfile], fmt: str = "json") -> bytes:
    """The roles as native JSON or as a role CSV (``fmt`` json or csv)."""
    if fmt == "csv":
        return write_roles_csv(roles)
    if fmt != "json":
        raise InputError(f"unknown role file format {fmt!r}; choose from {', '.join(ROLE_FORMATS)}")
    data = [role.model_dump(mode="json") for role in roles]
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
