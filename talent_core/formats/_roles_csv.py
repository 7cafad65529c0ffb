"""Role profiles as a CSV HR edits in a spreadsheet: one row per role x competency.

Columns: ``role_id``, ``name_<lang>`` and ``description_<lang>`` (``en``, ``sv``, ``nl`` and
any other language code), ``competency_id``, ``level`` and ``importance`` (1-5). The role's
name and description repeat on each of its rows (a sorted or filtered sheet keeps them); a
later row may leave them empty, but may not give another one. The file is written through
:func:`talent_core.csv_text` (formula cells defused) and read back with the defusing apostrophe
taken off; a cell that *is* a formula (a spreadsheet dropped the apostrophe, or a hostile file)
is refused. Every problem of the file is named by row and column.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pydantic

from .._errors import Problem, ValidationError
from .._framework import CompetencyFramework
from .._people_csv import CsvRow, csv_rows
from .._roles import IMPORTANCE_RANGE, RoleProfile, RoleRequirement, requirement_problems
from .._spreadsheet import FORMULA_START, csv_text, restore_formula
from .._text import DEFAULT_LANGUAGES, MAX_LONG_TEXT, Identifier
from .._validation import load
from ._source import ProblemList

__all__ = ["ROLE_CSV_COLUMNS", "read_roles_csv", "write_roles_csv"]

#: The header :func:`write_roles_csv` writes for roles in English, Swedish and Dutch.
ROLE_CSV_COLUMNS: tuple[str, ...] = (
    "role_id",
    *(f"name_{code}" for code in DEFAULT_LANGUAGES),
    *(f"description_{code}" for code in DEFAULT_LANGUAGES),
    "competency_id",
    "level",
    "importance",
)
_REQUIRED = ("role_id", "competency_id", "level", "importance")
_TEXT_COLUMN = re.compile(r"^(name|description)_([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_WHOLE = re.compile(r"^\d{1,9}$")
_PLAIN_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
_ID = pydantic.TypeAdapter(Identifier)


def _where(row: int, column: str) -> str:
    return f"row {row}, column {column!r}"


@dataclass
class _Role:
    """A role as its rows give it: texts with the row that first gave each, requirements."""

    row: int
    texts: dict[str, tuple[str, int]] = field(default_factory=dict)
    requirements: list[RoleRequirement] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)  # competency id -> its row
    #: A name cell of the role was refused (its problem is named; "no name" would repeat it).
    refused_name: bool = False


class _Reader:
    def __init__(self, filename: str, problems: ProblemList, framework: CompetencyFramework | None):
        self.filename = filename
        self.problems = problems
        self.framework = framework
        self.roles: dict[str, _Role] = {}

    def add(self, row: int, column: str, message_id: str, /, **params: object) -> None:
        where = _where(row, column) if row else "row 1"
        problem = Problem.of(where, message_id, **params)
        self.problems.add(where, problem.message, problem)

    def header(self, header: Sequence[str]) -> list[str] | None:
        """The text columns of the header (``name_en`` ...), None when the rows cannot be read
        (a column missing); names every column problem."""
        texts = [name for name in header if _TEXT_COLUMN.match(name)]
        missing = [name for name in _REQUIRED if name not in header]
        if missing:
            self.add(0, "", "problem.role_csv.missing_columns", columns=", ".join(missing))
        if not any(name.startswith("name_") for name in texts):
            texts = []
            self.add(0, "", "problem.role_csv.no_name_column")
        for name in header:
            if name not in _REQUIRED and name not in texts:
                self.add(
                    1,
                    name,
                    "problem.role_csv.unknown_column",
                    column=name,
                    allowed=", ".join(ROLE_CSV_COLUMNS),
                )
        return None if missing or not texts else texts

    def cell(self, row: CsvRow, column: str, *, required: bool = True) -> str | None:
        """The cell's text with a defused formula restored; None (and a problem) if unusable."""
        raw = row.cells.get(column, "")
        if not raw:
            if required:
                self.add(row.number, column, "problem.role_csv.empty_cell")
                return None
            return ""
        if raw.startswith(FORMULA_START) and not _PLAIN_NUMBER.match(raw):
            self.add(row.number, column, "problem.role_csv.formula", text=raw[:40])
            return None
        if _CONTROL.search(raw):
            self.add(row.number, column, "problem.role_csv.control_character")
            return None
        if len(raw) > MAX_LONG_TEXT:
            self.add(row.number, column, "problem.role_csv.too_long", limit=MAX_LONG_TEXT)
            return None
        return restore_formula(raw)

    def identifier(self, row: CsvRow, column: str) -> str | None:
        value = self.cell(row, column)
        if value is None:
            return None
        try:
            return str(_ID.validate_python(value))
        except pydantic.ValidationError:
            self.add(row.number, column, "problem.role_csv.not_an_id", value=value[:40])
            return None

    def number(self, row: CsvRow, column: str) -> int | None:
        value = self.cell(row, column)
        if value is None:
            return None
        if not _WHOLE.match(value):
            self.add(row.number, column, "problem.role_csv.not_whole_number", value=value[:40])
            return None
        return int(value)

    def read_row(self, row: CsvRow, text_columns: Sequence[str]) -> None:
        role_id = self.identifier(row, "role_id")
        competency_id = self.identifier(row, "competency_id")
        level = self.number(row, "level")
        importance = self.number(row, "importance")
        if importance is not None and importance not in IMPORTANCE_RANGE:
            self.add(row.number, "importance", "problem.role.importance_range", value=importance)
            importance = None
        texts = {column: self.cell(row, column, required=False) for column in text_columns}
        if role_id is None:
            return
        role = self.roles.setdefault(role_id, _Role(row.number))
        role.refused_name |= any(t is None and c.startswith("name_") for c, t in texts.items())
        for column, text in texts.items():
            if not text:
                continue
            first = role.texts.setdefault(column, (text, row.number))
            if first[0] != text:
                self.add(
                    row.number,
                    column,
                    "problem.role_csv.conflict",
                    role=role_id,
                    first=first[1],
                )
        if competency_id is None:
            return
        if competency_id in role.rows:
            self.add(
                row.number,
                "competency_id",
                "problem.role_csv.duplicate_requirement",
                role=role_id,
                competency=competency_id,
                first=role.rows[competency_id],
            )
            return
        role.rows[competency_id] = row.number
        if self.framework is not None:
            probe = RoleRequirement(competency_id=competency_id, level=level or 0)
            for problem in requirement_problems(probe, self.framework):
                if problem.field == "level" and level is None:
                    continue  # the level cell's own problem is named already
                where = _where(row.number, problem.field)
                self.problems.add(where, problem.message, problem.at(where))
        if level is None or importance is None:
            return
        requirement = RoleRequirement(
            competency_id=competency_id, level=level, importance=importance
        )
        role.requirements.append(requirement)

    def profiles(self) -> list[RoleProfile]:
        out: list[RoleProfile] = []
        for role_id, role in self.roles.items():
            data: dict[str, Any] = {"id": role_id, "name": {}, "description": {}}
            for column, (text, _) in role.texts.items():
                kind, language = column.split("_", 1)
                data[kind][language] = text
            if not data["name"]:
                if not role.refused_name:
                    self.add(role.row, "name_en", "problem.role_csv.no_name", role=role_id)
                continue
            data["requirements"] = [r.model_dump() for r in role.requirements]
            if not role.requirements:
                continue  # its rows' problems are named already
            try:
                out.append(load(RoleProfile, data))
            except ValidationError as error:
                for problem in error.problems:
                    where = _where(role.row, "role_id")
                    self.problems.add(where, f"{problem.field}: {problem.message}", problem)
        return out


def read_roles_csv(
    data: bytes | str,
    filename: str,
    problems: ProblemList,
    framework: CompetencyFramework | None = None,
) -> list[RoleProfile]:
    """The roles of a role CSV, every problem added to ``problems`` (a structure problem, such
    as a row with too many cells, ends the reading: it raises FormatError)."""
    header, rows = csv_rows(data, filename, (), restore=False)
    reader = _Reader(filename, problems, framework)
    text_columns = reader.header(header)
    if text_columns is None:
        return []
    count = 0
    for row in rows:
        count += 1
        reader.read_row(row, text_columns)
    if not count:
        reader.add(0, "", "problem.role_csv.no_rows")
    return reader.profiles()


def _languages(roles: Sequence[RoleProfile]) -> list[str]:
    found = {code for role in roles for code in (*role.name, *role.description)}
    return [*DEFAULT_LANGUAGES, *sorted(found - set(DEFAULT_LANGUAGES))]


def write_roles_csv(roles: Sequence[RoleProfile]) -> bytes:
    """The roles as a role CSV (UTF-8, every formula-like cell defused); reads back equal."""
    languages = _languages(roles)
    header: list[object] = [
        "role_id",
        *(f"name_{code}" for code in languages),
        *(f"description_{code}" for code in languages),
        "competency_id",
        "level",
        "importance",
    ]
    rows: list[list[object]] = [header]
    for role in roles:
        texts = [role.name.get(code, "") for code in languages]
        texts += [role.description.get(code, "") for code in languages]
        for req in role.requirements:
            rows.append([role.id, *texts, req.competency_id, req.level, req.importance])
    return csv_text(rows, lineterminator="\r\n").encode("utf-8")
