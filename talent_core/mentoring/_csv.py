"""Mentoring CSV files: mentees, mentors, programme history, volunteers, and the pairs made.

Mentees and mentors are people CSV rows (extra columns such as ``location`` are ignored)
plus mentoring columns:

- mentees.csv: ``id,name,department,manager_id,seniority,language,focus`` and optionally
  ``email``; ``focus`` lists competencies as ``giving-feedback;delegating`` (chosen, gap 1)
  or with gap sizes from an assessment, ``giving-feedback:2;delegating:1``.
- mentors.csv: ``id,name,department,manager_id,seniority,language,capacity,strengths`` and
  optionally ``email`` and ``former_mentee_in``; ``strengths`` lists ``competency:level``.
- ``language`` holds one code or several separated by ``;`` (``sv;en``).
- history.csv: ``programme,mentor_id,mentee_id``; volunteers.csv: ``id,volunteer_as`` with
  ``mentor`` or ``host`` (the peer-group block's download, whose ``id`` is the Open edX
  username: give the people file to read it as a person id through its ``username`` column).

Every reader checks the whole file before returning and raises FormatError naming the
file, the row (the header is row 1) and the column.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

from .._errors import FormatError, Problem, ValidationError, place
from .._framework import CompetencyFramework
from .._people import Person
from .._people_csv import CsvRow, csv_rows
from .._roster import roster_username
from .._spreadsheet import csv_text
from .._validation import load
from ._fit import MatchingProblem
from ._match import Matching
from ._model import Mentee, Mentor, MentoringRecord, Volunteer, VolunteerRole
from ._reasons import Reason, render_reason
from ._scales import CompetencyScales

__all__ = [
    "HISTORY_COLUMNS",
    "MENTEE_COLUMNS",
    "MENTOR_COLUMNS",
    "PAIR_COLUMNS",
    "VOLUNTEER_COLUMNS",
    "read_history_csv",
    "read_mentees_csv",
    "read_mentors_csv",
    "read_volunteers_csv",
    "write_history_csv",
    "write_mentees_csv",
    "write_mentors_csv",
    "write_pairs_csv",
    "write_volunteers_csv",
]

_PERSON_COLUMNS = ("id", "name", "department", "manager_id", "seniority", "language")
MENTEE_COLUMNS: tuple[str, ...] = (*_PERSON_COLUMNS, "focus")
MENTOR_COLUMNS: tuple[str, ...] = (*_PERSON_COLUMNS, "capacity", "strengths")
HISTORY_COLUMNS: tuple[str, ...] = ("programme", "mentor_id", "mentee_id")
VOLUNTEER_COLUMNS: tuple[str, ...] = ("id", "volunteer_as")
PAIR_COLUMNS: tuple[str, ...] = ("mentee_id", "mentor_id", "score", "reasons")

#: Model field → the CSV column it comes from (others have the same name).
_COLUMN_OF = {"languages": "language"}
_WHOLE = re.compile(r"^\d{1,9}$")


def _where(row: CsvRow, column: str | None) -> Problem | None:
    return place(row=row.number, column=column) if column else place(row=row.number)


def _model_problem(filename: str, row: CsvRow, column: str, first: Problem) -> FormatError:
    """A model's first problem with a row's cell, worded by the model's own message id."""
    where = _where(row, column)
    return FormatError(filename, where.message if where else "", first.message, first, place=where)


def _items(row: CsvRow, column: str, filename: str, *, need_value: bool) -> dict[str, int | None]:
    """``a;b:2`` → ``{"a": None, "b": 2}``; a value is required when ``need_value``."""
    found: dict[str, int | None] = {}
    for item in filter(None, (part.strip() for part in row.cells[column].split(";"))):
        key, colon, value = (part.strip() for part in item.partition(":"))
        if not key:
            raise FormatError.of(
                filename, _where(row, column), "problem.mentoring.no_competency", item=repr(item)
            )
        if need_value and not colon:
            raise FormatError.of(
                filename,
                _where(row, column),
                "problem.mentoring.no_level",
                item=repr(item),
                key=key,
            )
        if colon and not _WHOLE.match(value):
            raise FormatError.of(
                filename,
                _where(row, column),
                "problem.mentoring.not_whole",
                value=repr(value),
                item=repr(item),
            )
        if key in found:
            raise FormatError.of(
                filename, _where(row, column), "problem.mentoring.listed_twice", key=repr(key)
            )
        found[key] = int(value) if colon else None
    return found


def _whole(row: CsvRow, column: str) -> int | str:
    """A whole number, or the cell as it is for the model to reject with its own message."""
    value = row.cells[column]
    return int(value) if _WHOLE.match(value) else value


def _person(row: CsvRow) -> dict[str, Any]:
    cells = row.cells
    return {
        "id": cells["id"],
        "name": cells["name"],
        "email": cells.get("email", ""),
        "department": cells["department"],
        "manager_id": cells["manager_id"] or None,
        "seniority": _whole(row, "seniority"),
        "languages": tuple(filter(None, (c.strip().lower() for c in cells["language"].split(";")))),
    }


#: A mentee or a mentor row (a TypeVar: Python 3.11 has no PEP 695 type parameters).
_Person = TypeVar("_Person", Mentee, Mentor)


def _validated(
    model: type[_Person],
    data: dict[str, Any],
    row: CsvRow,
    filename: str,
    scales: CompetencyScales,
) -> _Person:
    try:
        item = load(model, data)
        problems = scales.problems(item)
    except ValidationError as error:
        problems = list(error.problems)
    if problems:
        first = problems[0]
        field = first.field.split(".")[0].split("[")[0]
        raise _model_problem(filename, row, _COLUMN_OF.get(field, field), first)
    return item


def _read_people(
    data: bytes | str,
    filename: str,
    columns: Sequence[str],
    build: Callable[[CsvRow], _Person],
) -> list[_Person]:
    _, rows = csv_rows(data, filename, columns)
    people: list[_Person] = []
    row_of: dict[str, int] = {}
    for row in rows:
        person = build(row)
        if person.id in row_of:
            raise FormatError.of(
                filename,
                _where(row, "id"),
                "problem.people.id_used",
                value=repr(person.id),
                row=row_of[person.id],
            )
        row_of[person.id] = row.number
        people.append(person)
    if not people:
        raise FormatError.of(filename, None, "problem.mentoring.no_rows")
    return people


def read_mentees_csv(
    data: bytes | str, filename: str, framework: CompetencyFramework | None = None
) -> list[Mentee]:
    """Mentees; with a framework, focus competencies must be its competencies."""
    scales = CompetencyScales(framework)

    def build(row: CsvRow) -> Mentee:
        focus = _items(row, "focus", filename, need_value=False)
        record = _person(row) | {
            "focus": {c: 1 if size is None else size for c, size in focus.items()}
        }
        return _validated(Mentee, record, row, filename, scales)

    return _read_people(data, filename, MENTEE_COLUMNS, build)


def read_mentors_csv(
    data: bytes | str,
    filename: str,
    framework: CompetencyFramework | None = None,
    mentees: Sequence[Mentee] = (),
) -> list[Mentor]:
    """Mentors; with a framework, strengths must be on its competencies' scales.

    Given the ``mentees`` of the same programme, someone in both files must have the same
    manager in both (the line rules depend on it).
    """
    manager_of = {m.id: m.manager_id for m in mentees}
    scales = CompetencyScales(framework)

    def build(row: CsvRow) -> Mentor:
        record = _person(row) | {
            "capacity": _whole(row, "capacity"),
            "strengths": _items(row, "strengths", filename, need_value=True),
            "former_mentee_in": row.cells.get("former_mentee_in") or None,
        }
        mentor = _validated(Mentor, record, row, filename, scales)
        if mentor.id in manager_of and manager_of[mentor.id] != mentor.manager_id:
            raise FormatError.of(
                filename,
                _where(row, "manager_id"),
                "problem.mentoring.mentee_manager",
                id=repr(mentor.id),
                manager=repr(manager_of[mentor.id] or "none"),
            )
        return mentor

    return _read_people(data, filename, MENTOR_COLUMNS, build)


def read_history_csv(data: bytes | str, filename: str) -> list[MentoringRecord]:
    """Pairs of earlier programmes; the same pair twice, or both ways round, in one programme
    is an error (who would be whose generation?)."""
    _, rows = csv_rows(data, filename, HISTORY_COLUMNS)
    records: list[MentoringRecord] = []
    seen: dict[tuple[str, str, str], int] = {}
    for row in rows:
        try:
            record = load(MentoringRecord, {c: row.cells[c] for c in HISTORY_COLUMNS})
        except ValidationError as error:
            first = error.problems[0]
            raise _model_problem(filename, row, first.field or "mentee_id", first) from None
        key = (record.programme, record.mentor_id, record.mentee_id)
        if key in seen:
            raise FormatError.of(
                filename, _where(row, "mentee_id"), "problem.mentoring.same_pair", row=seen[key]
            )
        reverse = (record.programme, record.mentee_id, record.mentor_id)
        if reverse in seen:
            raise FormatError.of(
                filename,
                _where(row, "mentee_id"),
                "problem.mentoring.both_ways",
                mentee=repr(record.mentee_id),
                mentor=repr(record.mentor_id),
                programme=repr(record.programme),
                row=seen[reverse],
            )
        seen[key] = row.number
        records.append(record)
    return records


def read_volunteers_csv(
    data: bytes | str,
    filename: str,
    people: Sequence[Person] | None = None,
    people_file: str = "people",
) -> list[Volunteer]:
    """Who offered to mentor or host next round; a person may offer both, each once.

    The peer-group block writes Open edX usernames in ``id``, while mentoring history and
    mentor files use person ids. With ``people`` (read from ``people_file``), each ``id`` is
    looked up as a username (the people file's ``username`` column) first, then as a person
    id, and the volunteer gets the person id; an ``id`` that is neither is an error.
    """
    _, rows = csv_rows(data, filename, VOLUNTEER_COLUMNS)
    person_of = _person_of_username(people, people_file) if people is not None else None
    volunteers: list[Volunteer] = []
    seen: dict[tuple[str, str], int] = {}
    choices = ", ".join(role.value for role in VolunteerRole)
    for row in rows:
        role = row.cells["volunteer_as"].lower()
        if role not in {r.value for r in VolunteerRole}:
            raise FormatError.of(
                filename,
                _where(row, "volunteer_as"),
                "problem.mentoring.volunteer_as",
                value=repr(row.cells["volunteer_as"]),
                choices=choices,
            )
        person_id = row.cells["id"]
        if person_of is not None:
            person_id = person_of.get(person_id, "")
            if not person_id:
                raise FormatError.of(
                    filename,
                    _where(row, "id"),
                    "problem.mentoring.unknown_volunteer",
                    value=repr(row.cells["id"]),
                    file=people_file,
                )
        try:
            volunteer = load(Volunteer, {"person_id": person_id, "role": role})
        except ValidationError as error:
            raise _model_problem(filename, row, "id", error.problems[0]) from None
        key = (volunteer.person_id, role)
        if key in seen:
            raise FormatError.of(
                filename, _where(row, "id"), "problem.mentoring.same_offer", row=seen[key]
            )
        seen[key] = row.number
        volunteers.append(volunteer)
    return volunteers


def _person_of_username(people: Sequence[Person], people_file: str) -> Mapping[str, str]:
    """Person id by person id and, winning over those, by username; a username used twice
    is an error."""
    person_of = {person.id: person.id for person in people}
    owner: dict[str, int] = {}
    for number, person in enumerate(people, start=2):
        username = roster_username(person)
        if username == person.id:
            continue
        if username in owner:
            raise FormatError.of(
                people_file,
                place(row=number, column="username"),
                "problem.mentoring.username_used",
                value=repr(username),
                row=owner[username],
            )
        owner[username] = number
        person_of[username] = person.id
    return person_of


def write_pairs_csv(matching: Matching, problem: MatchingProblem) -> str:
    """``mentee_id,mentor_id,score,reasons``: one row per pair, then one per unmatched mentee
    (mentor and score empty, the reason why). Reasons are English sentences joined by ``; ``."""
    rows: list[list[str]] = [list(PAIR_COLUMNS)]
    for pair in matching.pairs:
        fit = problem.explain_pair(pair.mentee_id, pair.mentor_id)
        rows.append(
            [
                pair.mentee_id,
                pair.mentor_id,
                f"{pair.score:g}",
                _sentences(fit.reasons, problem.framework),
            ]
        )
    for mentee in matching.unmatched:
        rows.append([mentee.mentee_id, "", "", _sentences([mentee.reason], problem.framework)])
    return csv_text(rows)


def _sentences(reasons: Iterable[Reason], framework: CompetencyFramework | None) -> str:
    return "; ".join(render_reason(r, framework) for r in reasons)


def _items_text(items: Mapping[str, int]) -> str:
    return ";".join(f"{key}:{value}" for key, value in items.items())


def _participant_cells(person: Mentee | Mentor) -> list[str]:
    return [
        person.id,
        person.name,
        person.email,
        person.department,
        person.manager_id or "",
        str(person.seniority),
        ";".join(person.languages),
    ]


def _csv_text(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    return csv_text([header, *rows])


def write_mentees_csv(mentees: Iterable[Mentee]) -> str:
    """Mentees as :func:`read_mentees_csv` reads them (focus with gap sizes)."""
    header = (*_PERSON_COLUMNS[:2], "email", *_PERSON_COLUMNS[2:], "focus")
    rows = ([*_participant_cells(m), _items_text(m.focus)] for m in mentees)
    return _csv_text(header, rows)


def write_mentors_csv(mentors: Iterable[Mentor]) -> str:
    """Mentors as :func:`read_mentors_csv` reads them."""
    person = (*_PERSON_COLUMNS[:2], "email", *_PERSON_COLUMNS[2:])
    header = (*person, "capacity", "strengths", "former_mentee_in")
    rows = (
        [
            *_participant_cells(m),
            str(m.capacity),
            _items_text(m.strengths),
            m.former_mentee_in or "",
        ]
        for m in mentors
    )
    return _csv_text(header, rows)


def write_history_csv(records: Iterable[MentoringRecord]) -> str:
    """Earlier programmes as :func:`read_history_csv` reads them."""
    rows = ([r.programme, r.mentor_id, r.mentee_id] for r in records)
    return _csv_text(HISTORY_COLUMNS, rows)


def write_volunteers_csv(volunteers: Iterable[Volunteer]) -> str:
    """Volunteers (``id,volunteer_as``) as the peer-group block writes them."""
    return _csv_text(VOLUNTEER_COLUMNS, ([v.person_id, v.role.value] for v in volunteers))
