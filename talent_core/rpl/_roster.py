"""The reviewer roster: who guides and who assesses whose prior-learning claims.

Course staff upload a CSV (UTF-8, header row) with the columns ``username`` and ``role``
(``guide`` or ``assessor``) and optionally ``learners``: the usernames that person serves,
separated by spaces or semicolons; empty means every learner of the course. One person may
have a row per role (a guide for one team, an assessor for another), never both roles for
the same learner: the same person may not guide and assess one claim. The whole file is
checked before anything is kept and every problem is named by row and column
(:class:`ReviewerRosterError`); the stored form is :meth:`ReviewerRoster.to_state`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal

from .._errors import FormatError, Problem
from .._people_csv import csv_rows, spreadsheet_text
from ._csvfile import RplFileError

__all__ = [
    "MAX_REVIEWER_ROSTER_BYTES",
    "REVIEWER_ROLES",
    "REVIEWER_ROSTER_COLUMNS",
    "REVIEWER_ROSTER_SCHEMA",
    "ReviewerRole",
    "ReviewerRoster",
    "ReviewerRosterError",
    "ReviewerRow",
    "load_reviewer_roster",
    "read_reviewer_roster",
]

ReviewerRole = Literal["guide", "assessor"]
REVIEWER_ROLES: tuple[ReviewerRole, ...] = ("guide", "assessor")
REVIEWER_ROSTER_COLUMNS: tuple[str, ...] = ("username", "role", "learners")
REVIEWER_ROSTER_SCHEMA: Final = 1
MAX_REVIEWER_ROSTER_BYTES: Final = 512 * 1024
MAX_USERNAME = 150
#: Learners one row may name (a row without any serves everyone).
MAX_LEARNERS = 5000
_USERNAME = re.compile(r"^[^\s,;\"'<>\x00-\x1f\x7f]{1,150}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class ReviewerRosterError(RplFileError):
    """Every problem of a refused reviewer roster, each at ``row N, column`` (row 1 is the
    header, as a spreadsheet numbers it)."""


@dataclass(frozen=True, slots=True)
class ReviewerRow:
    """One row: a guide or assessor, and the learners they serve (empty: every learner)."""

    username: str
    role: ReviewerRole
    learners: frozenset[str] = frozenset()

    def serves(self, learner: str) -> bool:
        return not self.learners or learner in self.learners


@dataclass(frozen=True)
class ReviewerRoster:
    """The guides and assessors of a course, in file order."""

    rows: tuple[ReviewerRow, ...] = ()

    def __len__(self) -> int:
        return len(self.rows)

    def _serving(self, learner: str, role: ReviewerRole) -> tuple[str, ...]:
        return tuple(r.username for r in self.rows if r.role == role and r.serves(learner))

    def guides_of(self, learner: str) -> tuple[str, ...]:
        """The usernames that may guide ``learner``, in file order."""
        return self._serving(learner, "guide")

    def assessors_of(self, learner: str) -> tuple[str, ...]:
        """The usernames that may assess ``learner``'s claims, in file order."""
        return self._serving(learner, "assessor")

    def roles_of(self, username: str) -> tuple[ReviewerRole, ...]:
        """Every role the roster gives ``username`` (none for a learner)."""
        return tuple(r.role for r in self.rows if r.username == username)

    def role_of(self, username: str, learner: str | None = None) -> ReviewerRole | None:
        """The role ``username`` has towards ``learner`` (or their first role when no learner
        is given); None when they have none."""
        for row in self.rows:
            if row.username == username and (learner is None or row.serves(learner)):
                return row.role
        return None

    def is_guide_of(self, username: str, learner: str) -> bool:
        return username in self.guides_of(learner)

    def is_assessor_of(self, username: str, learner: str) -> bool:
        return username in self.assessors_of(learner)

    def learners_of(self, username: str, role: ReviewerRole) -> frozenset[str] | None:
        """The learners ``username`` serves in ``role``: None for every learner, an empty set
        when the roster gives them no such role."""
        for row in self.rows:
            if row.username == username and row.role == role:
                return row.learners or None
        return frozenset()

    @property
    def upload_id(self) -> str:
        """A fingerprint of the rows: tells two uploads apart."""
        text = repr([(r.username, r.role, sorted(r.learners)) for r in self.rows])
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def to_state(self) -> dict[str, Any]:
        """JSON for a block's ``Scope.user_state_summary``."""
        return {
            "schema_version": REVIEWER_ROSTER_SCHEMA,
            "upload_id": self.upload_id,
            "rows": [[r.username, r.role, sorted(r.learners)] for r in self.rows],
        }


def _at(row: int, column: str, message_id: str, **params: object) -> Problem:
    return Problem.of(f"row {row}, {column}", message_id, **params)


def read_reviewer_roster(data: str | bytes) -> ReviewerRoster:
    """The roster in ``data`` (text, or bytes in UTF-8 or UTF-16 with a byte order mark);
    raises :class:`ReviewerRosterError` naming every problem."""
    size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8", "replace"))
    if size > MAX_REVIEWER_ROSTER_BYTES:
        raise ReviewerRosterError(
            [Problem.of("", "problem.rpl.roster_too_large", size=MAX_REVIEWER_ROSTER_BYTES // 1024)]
        )
    if isinstance(data, bytes):
        try:
            data = spreadsheet_text(data)
        except UnicodeDecodeError:
            raise ReviewerRosterError([Problem.of("", "problem.rpl.not_utf8")]) from None
    problems: list[Problem] = []
    rows: list[ReviewerRow] = []
    numbers: list[int] = []
    try:
        header, data_rows = csv_rows(data, "roster", REVIEWER_ROSTER_COLUMNS[:2])
        unknown = [name for name in header if name not in REVIEWER_ROSTER_COLUMNS]
        if unknown:
            problems.append(
                _at(
                    1,
                    unknown[0],
                    "problem.rpl.roster_columns",
                    columns=", ".join(unknown),
                    allowed=", ".join(REVIEWER_ROSTER_COLUMNS),
                )
            )
        for row in data_rows:
            read = _row(row.number, row.cells, problems)
            if read is not None:
                rows.append(read)
                numbers.append(row.number)
    except FormatError as error:
        where = f"{error.location}: " if error.location else ""
        problems.append(Problem.of("", "problem.rpl.not_csv", detail=where + error.problem))
    problems += _clashes(rows, numbers)
    if not problems and not rows:
        problems.append(Problem.of("", "problem.rpl.roster_empty"))
    if problems:
        raise ReviewerRosterError(sorted(problems, key=lambda p: _row_number(p.field)))
    return ReviewerRoster(tuple(rows))


def _row(number: int, cells: Mapping[str, str], problems: list[Problem]) -> ReviewerRow | None:
    found = len(problems)
    username = cells.get("username", "")
    role = cells.get("role", "").lower()
    learners_cell = cells.get("learners", "")
    if not username:
        problems.append(_at(number, "username", "problem.rpl.cell_empty"))
    elif not _USERNAME.match(username):
        problems.append(_at(number, "username", "problem.rpl.not_a_username", username=username))
    if role not in REVIEWER_ROLES:
        problems.append(
            _at(number, "role", "problem.rpl.role_unknown", role=role, roles="guide, assessor")
        )
    learners = [name for name in re.split(r"[\s;]+", learners_cell) if name]
    if _CONTROL.search(learners_cell):
        problems.append(_at(number, "learners", "problem.text.control_character"))
    elif len(learners) > MAX_LEARNERS:
        problems.append(_at(number, "learners", "problem.rpl.too_many_learners", most=MAX_LEARNERS))
    else:
        for name in learners:
            if not _USERNAME.match(name):
                problems.append(
                    _at(number, "learners", "problem.rpl.not_a_username", username=name)
                )
                break
            if name == username:
                problems.append(
                    _at(number, "learners", "problem.rpl.serves_self", username=username)
                )
                break
    if len(problems) != found:
        return None
    return ReviewerRow(username, "guide" if role == "guide" else "assessor", frozenset(learners))


def _clashes(rows: Sequence[ReviewerRow], numbers: Sequence[int]) -> list[Problem]:
    """A person listed twice in one role, or guide and assessor of the same learner."""
    problems: list[Problem] = []
    first: dict[tuple[str, str], int] = {}
    for row, number in zip(rows, numbers, strict=True):
        key = (row.username, row.role)
        if key in first:
            problems.append(
                _at(
                    number,
                    "username",
                    "problem.rpl.roster_twice",
                    username=row.username,
                    role=row.role,
                    first=first[key],
                )
            )
            continue
        first[key] = number
    by_user: dict[str, dict[str, tuple[ReviewerRow, int]]] = {}
    for row, number in zip(rows, numbers, strict=True):
        by_user.setdefault(row.username, {}).setdefault(row.role, (row, number))
    for username, roles in by_user.items():
        if len(roles) < 2:
            continue
        (guide, _), (assessor, number) = roles["guide"], roles["assessor"]
        both = (
            guide.learners & assessor.learners
            if guide.learners and assessor.learners
            else guide.learners or assessor.learners or frozenset({"*"})
        )
        if both:
            shown = "all" if both == frozenset({"*"}) else " ".join(sorted(both)[:5])
            problems.append(
                _at(
                    max(number, roles["guide"][1]),
                    "learners",
                    "problem.rpl.guide_and_assessor",
                    username=username,
                    learners=shown,
                )
            )
    return problems


def _row_number(field: str) -> int:
    match = re.match(r"row (\d+)", field)
    return int(match.group(1)) if match else 0


def load_reviewer_roster(state: Any) -> ReviewerRoster:
    """The roster in a stored state (:meth:`ReviewerRoster.to_state`); empty: no roster."""
    if not state:
        return ReviewerRoster()
    unreadable = ReviewerRosterError([Problem.of("", "problem.rpl.roster_unreadable")])
    if not isinstance(state, Mapping) or state.get("schema_version") != REVIEWER_ROSTER_SCHEMA:
        raise unreadable
    rows: list[ReviewerRow] = []
    items = state.get("rows") or []
    if not isinstance(items, list):
        raise unreadable
    for item in items:
        if not (
            isinstance(item, list)
            and len(item) == 3
            and isinstance(item[0], str)
            and item[1] in REVIEWER_ROLES
            and isinstance(item[2], list)
            and all(isinstance(name, str) for name in item[2])
        ):
            raise unreadable
        rows.append(ReviewerRow(item[0], item[1], frozenset(item[2])))
    return ReviewerRoster(tuple(rows))
