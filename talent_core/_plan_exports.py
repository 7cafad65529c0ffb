"""Downloads of a development plan: an iCalendar file of due dates and a CSV of the plan.

The iCalendar file follows RFC 5545 closely (CRLF lines folded at 75 octets, escaped text,
stable UIDs) because calendar apps differ in how forgiving they are: each planned activity
with a due date becomes an all-day VEVENT, which Outlook, Google Calendar, Apple Calendar and
Thunderbird all import (VTODO is ignored by several). Importing a newer download updates
the events instead of duplicating them, as the UIDs stay the same.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from collections.abc import Mapping

from ._framework import CompetencyFramework, LearningMode
from ._plan import ActivityStatus, DevelopmentPlan, Goal, PlannedActivity
from ._spreadsheet import defuse_formula
from ._text import localize

__all__ = ["PLAN_CSV_COLUMNS", "plan_to_csv", "plan_to_ics"]

PRODID = "-//talent-development//development plan//EN"
MAX_OCTETS = 75
_DOMAIN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$")
#: Characters RFC 5545 does not allow in TEXT (controls other than tab, lone surrogates).
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")

#: Columns of :func:`plan_to_csv`; codes (mode, status) stay untranslated for spreadsheets.
PLAN_CSV_COLUMNS: tuple[str, ...] = (
    "goal",
    "competency_id",
    "competency",
    "target_level",
    "why",
    "activity",
    "mode",
    "hours",
    "due",
    "status",
    "reflection",
)


def _competency_name(framework: CompetencyFramework, competency_id: str, language: str) -> str:
    if not framework.has_node(competency_id):
        return competency_id
    return localize(framework.node(competency_id).name, language, (framework.default_language,))


def _escape_text(value: str) -> str:
    """An iCalendar TEXT value: backslash, semicolon, comma and newlines escaped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _NOT_TEXT.sub(" ", value)
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character (RFC 5545 3.1)."""
    parts: list[str] = []
    start, octets, limit = 0, 0, MAX_OCTETS
    for i, char in enumerate(line):
        size = len(char.encode("utf-8"))
        if octets + size > limit:
            parts.append(line[start:i])
            start, octets, limit = i, 0, MAX_OCTETS - 1  # continuation lines start with a space
        octets += size
    parts.append(line[start:])
    return "\r\n ".join(parts)


def _utc_stamp(now: dt.datetime) -> str:
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("plan_to_ics needs an aware datetime for 'now'")
    return now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _uid(plan: DevelopmentPlan, goal: Goal, activity: PlannedActivity, domain: str) -> str:
    """Same plan, goal and activity: same UID, without putting the username in the file."""
    key = "\x00".join((plan.owner, goal.id, activity.id)).encode()
    return f"{hashlib.sha256(key).hexdigest()[:32]}@{domain}"


def plan_to_ics(
    plan: DevelopmentPlan,
    framework: CompetencyFramework,
    language: str,
    *,
    uid_domain: str,
    now: dt.datetime,
    mode_labels: Mapping[LearningMode, str] | None = None,
) -> str:
    """The plan's activities that have a due date and are not dropped, as an iCalendar file.

    ``uid_domain`` (e.g. the site's host name) makes the UIDs unique worldwide; ``now`` (aware)
    is the DTSTAMP. The description names the goal's competency in ``language`` and the
    learning mode, translated through ``mode_labels`` (the mode's code when missing).
    """
    if not _DOMAIN.fullmatch(uid_domain):
        raise ValueError(f"uid_domain {uid_domain!r} is not a host name")
    stamp = _utc_stamp(now)
    labels = mode_labels or {}
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    for goal in plan.goals:
        competency = _competency_name(framework, goal.competency_id, language)
        for activity in goal.activities:
            due = activity.due
            if due is None or activity.status is ActivityStatus.DROPPED:
                continue
            mode = labels.get(activity.mode, activity.mode.value)
            description = f"{_escape_text(competency)}\\n{_escape_text(mode)}"
            lines += [
                "BEGIN:VEVENT",
                f"UID:{_uid(plan, goal, activity, uid_domain)}",
                f"DTSTAMP:{stamp}",
                f"DTSTART;VALUE=DATE:{due.strftime('%Y%m%d')}",
                f"DTEND;VALUE=DATE:{(due + dt.timedelta(days=1)).strftime('%Y%m%d')}",
                f"SUMMARY:{_escape_text(activity.title)}",
                f"DESCRIPTION:{description}",
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
            ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def plan_to_csv(plan: DevelopmentPlan, framework: CompetencyFramework, language: str) -> str:
    """The plan as CSV, one row per activity (dropped ones too) and one per goal without any.

    Columns are :data:`PLAN_CSV_COLUMNS`; names come in ``language``, modes and statuses as
    codes. Text that a spreadsheet would run as a formula gets a leading apostrophe.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(PLAN_CSV_COLUMNS)
    for goal in plan.goals:
        head = [
            goal.id,
            goal.competency_id,
            _competency_name(framework, goal.competency_id, language),
            str(goal.target_level),
            goal.why,
        ]
        if not goal.activities:
            writer.writerow([defuse_formula(v) for v in head + [""] * 6])
        for a in goal.activities:
            due = a.due.isoformat() if a.due else ""
            row = [*head, a.title, a.mode.value, f"{a.hours:g}", due, a.status.value, a.reflection]
            writer.writerow([defuse_formula(v) for v in row])
    return out.getvalue()
