"""Role profiles as native JSON: a list of profiles, checked against their framework."""

from __future__ import annotations

import json
from collections.abc import Sequence

from .._errors import FormatError, ValidationError
from .._framework import CompetencyFramework
from .._roles import RoleProfile, check_role
from .._validation import load
from ._source import ProblemList, json_path, parse_json, raise_first

__all__ = ["read_roles", "write_roles"]


def read_roles(data: bytes, filename: str, framework: CompetencyFramework) -> list[RoleProfile]:
    """Every role of the file, valid for ``framework``; else FormatError naming the JSON path."""
    raw = parse_json(data, filename)
    if not isinstance(raw, list):
        raise FormatError(filename, "$", "a role file holds a JSON list of role profiles")
    problems = ProblemList(filename)
    roles: list[RoleProfile] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(raw):
        where = f"[{i}]"
        try:
            role = load(RoleProfile, item, where=where)
        except ValidationError as error:
            problems.add_problems(error.problems, json_path)
            continue
        if role.id in seen:
            problems.add(json_path(f"{where}.id"), f"duplicate role id {role.id!r}")
        seen[role.id] = i
        try:
            check_role(role, framework)
        except ValidationError as error:
            # check_role names fields after the role id; name them by position in the file.
            renamed = (p.at(where + p.field.removeprefix(role.id)) for p in error.problems)
            problems.add_problems(renamed, json_path)
        roles.append(role)
    raise_first(problems)
    return roles


def write_roles(roles: Sequence[RoleProfile]) -> bytes:
    data = [role.model_dump(mode="json") for role in roles]
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
