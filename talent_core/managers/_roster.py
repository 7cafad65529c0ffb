"""The manager roster: who is whose line manager in a course, so managers act as real users.

The roster is a CSV (UTF-8, header row) with the columns ``username`` and ``manager_username``
and optionally ``name`` (how others see the person in that row). An empty ``manager_username``
only names a person (a manager at the top of the course's tree). Any other column is refused,
so a people file is not uploaded by mistake; HR writes the roster from a people file with
:func:`manager_roster_csv` (the ``talent managers`` command).

The whole file is checked before anything is kept and every problem is named
(:class:`ManagerRosterError`): unknown or missing columns, empty or malformed usernames, a
person listed twice, a manager of themself, a chain of managers that comes back to itself,
control characters, overlong cells, a file over 1 MB. Problems are structured
(:class:`RosterError`: an English msgid and its parameters) so each face translates them.
The stored form (:meth:`ManagerRoster.to_state`) is JSON with a schema version.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Final

from .._errors import FormatError, TalentError
from .._people import Person
from .._people_csv import csv_rows
from .._roster import N_, RosterError, roster_username
from .._spreadsheet import csv_text

__all__ = [
    "MANAGER_ROSTER_COLUMNS",
    "MANAGER_ROSTER_HEADER",
    "MANAGER_ROSTER_SCHEMA",
    "MAX_MANAGER_ROSTER_BYTES",
    "ManagerRoster",
    "ManagerRosterError",
    "load_manager_roster",
    "manager_roster_csv",
    "read_manager_roster",
]

MANAGER_ROSTER_COLUMNS: tuple[str, ...] = ("username", "manager_username")
MANAGER_ROSTER_HEADER: tuple[str, ...] = ("username", "manager_username", "name")
#: Largest manager roster accepted (some 30,000 people).
MAX_MANAGER_ROSTER_BYTES: Final = 1024 * 1024
MANAGER_ROSTER_SCHEMA: Final = 1
#: Problems an error lists in its text; the rest are counted.
SHOWN_PROBLEMS = 20
MAX_USERNAME = 150
MAX_NAME = 300
_USERNAME = re.compile(r"^[^\s,;\"'<>\x00-\x1f\x7f]+$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class ManagerRosterError(TalentError, ValueError):
    """Every problem of a refused manager roster, in file order."""

    def __init__(self, problems: Iterable[RosterError]) -> None:
        self.problems: tuple[RosterError, ...] = tuple(problems)
        super().__init__(self.text(lambda text: text))

    def text(self, _: Callable[[str], str]) -> str:
        """The problems in the language of ``_``: the first :data:`SHOWN_PROBLEMS`, then a count."""
        shown = [problem.text(_) for problem in self.problems[:SHOWN_PROBLEMS]]
        hidden = len(self.problems) - len(shown)
        if hidden > 0:
            shown.append(_("… and {count} more problems.").format(count=hidden))
        return " ".join(shown)


@dataclass(frozen=True)
class ManagerRoster:
    """Each person's line manager (None for a person only named) and name, in file order."""

    rows: tuple[tuple[str, str, str], ...] = ()
    _manager: Mapping[str, str] = field(default_factory=dict, repr=False)
    _name: Mapping[str, str] = field(default_factory=dict, repr=False)
    _reports: Mapping[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, rows: Sequence[tuple[str, str, str]]) -> ManagerRoster:
        reports: dict[str, list[str]] = {}
        for username, manager, _ in rows:
            if manager:
                reports.setdefault(manager, []).append(username)
        return cls(
            tuple(rows),
            {u: m for u, m, _ in rows if m},
            {u: n for u, _, n in rows if n},
            {m: tuple(r) for m, r in reports.items()},
        )

    def __len__(self) -> int:
        return len(self.rows)

    def manager_of(self, username: str) -> str | None:
        return self._manager.get(username)

    def reports_of(self, manager: str) -> tuple[str, ...]:
        """The manager's direct reports, in file order (empty for anyone else)."""
        return self._reports.get(manager, ())

    def is_manager(self, username: str) -> bool:
        return username in self._reports

    def manages(self, manager: str, username: str) -> bool:
        return bool(manager) and self._manager.get(username) == manager

    def name_of(self, username: str) -> str:
        """The name the roster gives, else the username."""
        return self._name.get(username) or username

    @property
    def managers(self) -> tuple[str, ...]:
        return tuple(self._reports)

    @property
    def upload_id(self) -> str:
        """A fingerprint of the rows: tells two uploads apart."""
        return hashlib.sha256(repr(self.rows).encode()).hexdigest()[:16]

    def to_state(self) -> dict[str, Any]:
        """JSON for a block's ``Scope.user_state_summary``."""
        return {
            "schema_version": MANAGER_ROSTER_SCHEMA,
            "upload_id": self.upload_id,
            "rows": [list(row) for row in self.rows],
        }


def read_manager_roster(data: str | bytes) -> ManagerRoster:
    """The roster in ``data`` (text or UTF-8 bytes); raises :class:`ManagerRosterError`."""
    size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8"))
    if size > MAX_MANAGER_ROSTER_BYTES:
        raise ManagerRosterError(
            [
                RosterError(
                    N_("The roster is larger than {size} KB."),
                    size=MAX_MANAGER_ROSTER_BYTES // 1024,
                )
            ]
        )
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ManagerRosterError(
                [RosterError(N_("The roster is not UTF-8 text. Save it as CSV UTF-8."))]
            ) from None
    return _read(data)


@lru_cache(maxsize=8)
def _read(text: str) -> ManagerRoster:
    problems: list[RosterError] = []
    rows: list[tuple[str, str, str]] = []
    numbers: list[int] = []
    try:
        header, data_rows = csv_rows(text, "roster", MANAGER_ROSTER_COLUMNS)
        unknown = [name for name in header if name not in MANAGER_ROSTER_HEADER]
        if unknown:
            problems.append(
                RosterError(
                    N_("Unknown columns {columns}: a manager roster has only {allowed}."),
                    1,
                    unknown[0],
                    columns=", ".join(unknown),
                    allowed=", ".join(MANAGER_ROSTER_HEADER),
                )
            )
        first_row: dict[str, int] = {}
        for row in data_rows:
            cells = _row_cells(row.number, row.cells, problems)
            if cells is None:
                continue
            username = cells[0]
            if username in first_row:
                problems.append(
                    RosterError(
                        N_("{username} is already in the roster in row {first}."),
                        row.number,
                        "username",
                        username=username,
                        first=first_row[username],
                    )
                )
                continue
            first_row[username] = row.number
            rows.append(cells)
            numbers.append(row.number)
    except FormatError as error:
        problems.append(
            RosterError(
                N_("The file is not a roster CSV: {detail}"),
                detail=f"{error.location}: {error.problem}" if error.location else error.problem,
            )
        )
    if not problems and not rows:
        problems.append(RosterError(N_("The roster has a header but no people.")))
    problems += _cycles(rows, numbers)
    if problems:
        raise ManagerRosterError(sorted(problems, key=lambda p: p.row or 0))
    return ManagerRoster.of(rows)


def _row_cells(
    number: int, cells: Mapping[str, str], problems: list[RosterError]
) -> tuple[str, str, str] | None:
    found = len(problems)
    values: dict[str, str] = {}
    for column, limit in (("username", MAX_USERNAME), ("manager_username", MAX_USERNAME)):
        value = cells.get(column, "")
        values[column] = value
        if _CONTROL.search(value):
            problems.append(RosterError(N_("The cell holds a control character."), number, column))
        elif len(value) > limit:
            problems.append(
                RosterError(
                    N_("The cell is longer than {limit} characters."), number, column, limit=limit
                )
            )
        elif value and not _USERNAME.match(value):
            problems.append(
                RosterError(
                    N_("{username} is not a username (no spaces, commas or quotes)."),
                    number,
                    column,
                    username=value,
                )
            )
    name = cells.get("name", "")
    if _CONTROL.search(name):
        problems.append(RosterError(N_("The cell holds a control character."), number, "name"))
    elif len(name) > MAX_NAME:
        problems.append(
            RosterError(
                N_("The cell is longer than {limit} characters."), number, "name", limit=MAX_NAME
            )
        )
    username, manager = values["username"], values["manager_username"]
    if not username:
        problems.append(RosterError(N_("The cell is empty."), number, "username"))
    elif username == manager:
        problems.append(
            RosterError(
                N_("{username} cannot be their own manager."),
                number,
                "manager_username",
                username=username,
            )
        )
    return (username, manager, name) if len(problems) == found else None


def _cycles(rows: Sequence[tuple[str, str, str]], numbers: Sequence[int]) -> list[RosterError]:
    """One problem per chain of managers that comes back to where it started."""
    manager = {u: m for u, m, _ in rows if m}
    row_of = {u: n for (u, _, _), n in zip(rows, numbers, strict=True)}
    problems: list[RosterError] = []
    done: set[str] = set()
    for start in manager:
        path: list[str] = []
        on_path: set[str] = set()
        person: str | None = start
        while person is not None and person not in done and person not in on_path:
            path.append(person)
            on_path.add(person)
            person = manager.get(person)
        if person is not None and person in on_path:
            loop = path[path.index(person) :]
            problems.append(
                RosterError(
                    N_("The managers go round in a circle: {chain}."),
                    min(row_of[u] for u in loop),
                    "manager_username",
                    chain=" → ".join([*loop, person]),
                )
            )
        done.update(path)
    return problems


def load_manager_roster(state: Any) -> ManagerRoster:
    """The roster in a stored state; an empty state is an empty roster.

    Raises :class:`ManagerRosterError` for a state this version cannot read.
    """
    if not state:
        return ManagerRoster()
    if not isinstance(state, Mapping) or state.get("schema_version") != MANAGER_ROSTER_SCHEMA:
        raise ManagerRosterError([RosterError(N_("The stored manager roster is unreadable."))])
    rows = state.get("rows")
    if not isinstance(rows, list) or not all(
        isinstance(r, list) and len(r) == 3 and all(isinstance(c, str) for c in r) for r in rows
    ):
        raise ManagerRosterError([RosterError(N_("The stored manager roster is unreadable."))])
    return _loaded(state.get("upload_id"), tuple(tuple(r) for r in rows))


@lru_cache(maxsize=8)
def _loaded(upload_id: Any, rows: tuple[tuple[str, str, str], ...]) -> ManagerRoster:
    return ManagerRoster.of(rows)


def manager_roster_csv(people: Iterable[Person]) -> str:
    """A manager roster from a people file: each person's username, their manager's username
    (through ``manager_id``) and name. People whose manager is not in the file get none."""
    people = list(people)
    username = {p.id: roster_username(p) for p in people}
    rows: list[list[str]] = [list(MANAGER_ROSTER_HEADER)]
    for person in people:
        manager = username.get(person.manager_id or "", "")
        rows.append([username[person.id], manager, person.name])
    return csv_text(rows)
