"""The session log of a group, kept so that concurrent writers never lose an entry.

Each learner's entries live in their own ``Scope.user_state`` (one list per learner, tagged
with the group it was written in); nobody ever rewrites a shared field. A member reads the
group's log by merging the entries of every current member that carry the group's id, so two
members logging at the same moment in different LMS processes both keep their entry.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, StringConstraints

import talent_core as tc
from talent_core._text import StrictModel
from talent_core.mentoring import VolunteerRole

__all__ = [
    "MAX_ENTRIES",
    "GroupRequest",
    "LogEntry",
    "ProgrammeEnd",
    "SessionInput",
    "StoredEntry",
    "VolunteerChoice",
    "group_log",
    "new_entry",
    "parse_day",
    "session_summary",
]

#: Entries one learner may keep in one block (keeps their state small).
MAX_ENTRIES = 200
MAX_INSIGHT = 2000

GroupId = Annotated[str, StringConstraints(min_length=1, max_length=255)]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Note = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_INSIGHT)]


def parse_day(text: str) -> date:
    """A ``YYYY-MM-DD`` day; ValueError names the expected form."""
    if len(text) != 10:
        raise ValueError(f"{text!r} is not a date in the form YYYY-MM-DD")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date in the form YYYY-MM-DD") from None


Day = Annotated[str, AfterValidator(lambda text: parse_day(text).isoformat())]


class GroupRequest(StrictModel):
    """Body of ``group_log``: the group whose log the page shows."""

    group: GroupId


class SessionInput(StrictModel):
    """Body of ``log_session``: one session as a member records it."""

    group: GroupId
    date: Day
    case_owner: Line
    insight: Annotated[Note, StringConstraints(min_length=1)]
    action: Note = ""

    def date_is_plausible(self, today: date) -> bool:
        """A session happened: :func:`talent_core.plausible_dates` of past events."""
        return date.fromisoformat(self.date) in tc.plausible_dates(happened=True, today=today)


class ProgrammeEnd(StrictModel):
    """Body of ``end_programme``: the learner says their programme is over."""

    ended: Literal[True]


class VolunteerChoice(StrictModel):
    """Body of ``volunteer``: mentor or host next round, or withdraw (empty)."""

    volunteer_as: VolunteerRole | Literal[""]


class StoredEntry(StrictModel):
    """One entry as kept in its author's ``log_entries``."""

    id: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]
    group: GroupId
    date: Day
    case_owner: Line
    insight: Note
    action: Note = ""
    logged_at: str


def new_entry(session: SessionInput, now: datetime) -> dict[str, str]:
    """The stored form of a newly logged session."""
    return StoredEntry(
        id=uuid.uuid4().hex,
        group=session.group,
        date=session.date,
        case_owner=session.case_owner,
        insight=session.insight,
        action=session.action,
        logged_at=now.astimezone(UTC).isoformat(timespec="seconds"),
    ).model_dump()


@dataclass(frozen=True, slots=True)
class LogEntry:
    """An entry as members read it: with who logged it."""

    id: str
    date: str
    case_owner: str
    insight: str
    action: str
    author: str
    author_name: str
    logged_at: str


def _entries(state: Mapping[str, Any]) -> Iterable[StoredEntry]:
    """The well-formed entries of one learner's state (a damaged one is skipped, not fatal)."""
    for raw in state.get("log_entries") or ():
        try:
            yield tc.load(StoredEntry, raw)
        except tc.ValidationError:
            continue


def group_log(
    states: Mapping[str, Mapping[str, Any]], group: str, names: Mapping[str, str]
) -> list[LogEntry]:
    """Every entry the members (``states`` by username) logged for ``group``, newest first."""
    log = [
        LogEntry(
            entry.id,
            entry.date,
            entry.case_owner,
            entry.insight,
            entry.action,
            username,
            names.get(username, username),
            entry.logged_at,
        )
        for username, state in states.items()
        for entry in _entries(state)
        if entry.group == group
    ]
    log.sort(key=lambda e: (e.date, e.logged_at, e.id), reverse=True)
    return log


def session_summary(state: Mapping[str, Any]) -> tuple[int, str]:
    """How many sessions this learner logged, and the latest session day (or "")."""
    days = [entry.date for entry in _entries(state)]
    return len(days), max(days, default="")
