"""A peer group's session log: what a member records and how each entry is stored and read.

The peer_group block keeps each learner's entries in their own ``Scope.user_state`` (one list
per learner, each entry tagged with the group it was written in), so nobody ever rewrites a
shared field. A member reads the group's log by merging the entries of every current member
that carry the group's id: two members logging at the same moment in different LMS processes
both keep their entry. Each stored entry carries :data:`PEER_LOG_SCHEMA`; an entry this
version cannot read is skipped, never fatal to the rest of the log.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Final, Literal

from pydantic import AfterValidator, StringConstraints

from ._dates import plausible_dates
from ._errors import ValidationError
from ._text import StrictModel
from ._validation import load

__all__ = [
    "MAX_LOG_ENTRIES",
    "PEER_LOG_SCHEMA",
    "LoggedSession",
    "PeerLogEntry",
    "PeerSession",
    "logged_sessions",
    "new_log_entry",
    "parse_day",
    "peer_group_log",
    "readable_log_entries",
    "roster_id",
]

#: Version of a stored entry's JSON shape; bump it (and read the old one) on change.
PEER_LOG_SCHEMA: Final = 1
#: Entries one learner may keep in one block (keeps their state small).
MAX_LOG_ENTRIES = 200
MAX_INSIGHT = 2000

GroupId = Annotated[str, StringConstraints(min_length=1, max_length=255)]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Note = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_INSIGHT)]


def parse_day(text: str) -> dt.date:
    """A ``YYYY-MM-DD`` day; ValueError names the expected form."""
    if len(text) != 10:
        raise ValueError(f"{text!r} is not a date in the form YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date in the form YYYY-MM-DD") from None


Day = Annotated[str, AfterValidator(lambda text: parse_day(text).isoformat())]


class PeerSession(StrictModel):
    """One session as a member records it."""

    group: GroupId
    date: Day
    case_owner: Line
    insight: Annotated[Note, StringConstraints(min_length=1)]
    action: Note = ""

    def date_is_plausible(self, today: dt.date) -> bool:
        """A session happened: :func:`talent_core.plausible_dates` of past events."""
        return dt.date.fromisoformat(self.date) in plausible_dates(happened=True, today=today)


class PeerLogEntry(StrictModel):
    """One entry as kept in its author's list (an entry without a version is version 1)."""

    schema_version: Literal[1] = PEER_LOG_SCHEMA
    id: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]
    group: GroupId
    date: Day
    case_owner: Line
    insight: Note
    action: Note = ""
    logged_at: str
    #: The roster the group came from (:func:`roster_id`); "" for Open edX teams and for
    #: entries logged before rosters had ids (those show in no group's log any more).
    roster: Annotated[str, StringConstraints(max_length=64)] = ""


def roster_id(roster_csv: str) -> str:
    """A short id of one roster's content: a group name reused in a later roster is another
    group, so its log starts empty instead of showing an earlier cohort's sessions."""
    text = roster_csv.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").strip()
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16] if text else ""


def new_log_entry(session: PeerSession, now: dt.datetime, roster: str = "") -> dict[str, Any]:
    """The stored form of a newly logged session (of a group of ``roster``, see roster_id)."""
    return PeerLogEntry(
        id=uuid.uuid4().hex,
        roster=roster,
        group=session.group,
        date=session.date,
        case_owner=session.case_owner,
        insight=session.insight,
        action=session.action,
        logged_at=now.astimezone(dt.UTC).isoformat(timespec="seconds"),
    ).model_dump()


@dataclass(frozen=True, slots=True)
class LoggedSession:
    """An entry as members read it: with who logged it."""

    id: str
    date: str
    case_owner: str
    insight: str
    action: str
    author: str
    author_name: str
    logged_at: str


def _readable(entries: Iterable[Any] | None) -> Iterator[PeerLogEntry]:
    """The entries this version can read (a damaged or newer one is skipped, not fatal)."""
    for raw in entries or ():
        try:
            yield load(PeerLogEntry, raw)
        except ValidationError:
            continue


def readable_log_entries(entries: Iterable[Any] | None) -> list[PeerLogEntry]:
    """A learner's stored entries this version can read (for staff: every roster's)."""
    return list(_readable(entries))


def peer_group_log(
    entries: Mapping[str, Iterable[Any] | None],
    group: str,
    names: Mapping[str, str],
    roster: str = "",
) -> list[LoggedSession]:
    """Every entry the members (stored ``entries`` by username) logged for ``group`` of
    ``roster`` (:func:`roster_id`), newest first."""
    log = [
        LoggedSession(
            entry.id,
            entry.date,
            entry.case_owner,
            entry.insight,
            entry.action,
            username,
            names.get(username, username),
            entry.logged_at,
        )
        for username, stored in entries.items()
        for entry in _readable(stored)
        if entry.group == group and entry.roster == roster
    ]
    log.sort(key=lambda e: (e.date, e.logged_at, e.id), reverse=True)
    return log


def logged_sessions(entries: Iterable[Any] | None) -> tuple[int, str]:
    """How many sessions a learner's stored entries hold, and the latest session day (or "")."""
    days = [entry.date for entry in _readable(entries)]
    return len(days), max(days, default="")
