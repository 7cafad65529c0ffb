"""The safety net: whose development needs attention, for their manager and for HR.

One rule set, computed here from what the blocks keep (or from their report rows, for HR's
notebook): activities overdue, plans not touched for N days (default 90), plans changed since
the manager agreed, no development dialogue in the last 12 months, and plans submitted to the
manager that have waited more than 14 days. :func:`needs_attention` takes one
:class:`FollowUp` per person; :func:`follow_ups_from_reports` builds them from the plan and
dialogue report rows (the blocks' staff CSVs) joined on ``username``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum

from ._record import ManagerStatus

__all__ = [
    "Attention",
    "AttentionReason",
    "AttentionRules",
    "FollowUp",
    "follow_ups_from_reports",
    "needs_attention",
]


class AttentionReason(StrEnum):
    """Why a person's development needs attention (the codes are the CSV's values)."""

    OVERDUE = "overdue-activity"
    UNTOUCHED = "plan-untouched"
    CHANGED = "changed-since-agreed"
    NO_DIALOGUE = "no-dialogue"
    WAITING = "waiting-for-manager"


@dataclass(frozen=True, slots=True)
class AttentionRules:
    """The thresholds, in days."""

    untouched_days: int = 90
    dialogue_days: int = 365
    waiting_days: int = 14


@dataclass(frozen=True, slots=True)
class FollowUp:
    """What the safety net needs to know about one person (None: nothing recorded)."""

    username: str
    manager_username: str = ""
    department: str = ""
    #: The person has a development plan at all (no plan: only the dialogue rule applies).
    has_plan: bool = False
    plan_saved_on: dt.date | None = None
    #: The earliest due date of an activity planned or in progress.
    next_due: dt.date | None = None
    manager_status: ManagerStatus | None = None
    submitted_on: dt.date | None = None
    #: The latest development dialogue, recorded by the learner or the manager.
    last_dialogue: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Attention:
    """One reason one person needs attention, since when and for how many days."""

    username: str
    manager_username: str
    department: str
    reason: AttentionReason
    since: dt.date | None
    days: int | None


def _item(
    person: FollowUp, reason: AttentionReason, since: dt.date | None, today: dt.date
) -> Attention:
    days = (today - since).days if since is not None else None
    return Attention(
        person.username, person.manager_username, person.department, reason, since, days
    )


def needs_attention(
    people: Iterable[FollowUp], today: dt.date, rules: AttentionRules = AttentionRules()
) -> Iterator[Attention]:
    """Every reason each person needs attention, person by person in the order given."""
    untouched = today - dt.timedelta(days=rules.untouched_days)
    no_dialogue = today - dt.timedelta(days=rules.dialogue_days)
    waiting = today - dt.timedelta(days=rules.waiting_days)
    for person in people:
        if person.has_plan:
            if person.next_due is not None and person.next_due < today:
                yield _item(person, AttentionReason.OVERDUE, person.next_due, today)
            if person.plan_saved_on is not None and person.plan_saved_on < untouched:
                yield _item(person, AttentionReason.UNTOUCHED, person.plan_saved_on, today)
            if person.manager_status is ManagerStatus.CHANGED:
                yield _item(person, AttentionReason.CHANGED, person.plan_saved_on, today)
            if (
                person.manager_status is ManagerStatus.WAITING
                and person.submitted_on is not None
                and person.submitted_on < waiting
            ):
                yield _item(person, AttentionReason.WAITING, person.submitted_on, today)
        if person.last_dialogue is None or person.last_dialogue < no_dialogue:
            yield _item(person, AttentionReason.NO_DIALOGUE, person.last_dialogue, today)


def _day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _status(value: str | None) -> ManagerStatus | None:
    try:
        return ManagerStatus(value) if value else None
    except ValueError:
        return None


def follow_ups_from_reports(
    plan_rows: Iterable[Mapping[str, str]],
    dialogue_rows: Iterable[Mapping[str, str]] = (),
    departments: Mapping[str, str] | None = None,
    managers: Mapping[str, str] | None = None,
) -> list[FollowUp]:
    """One FollowUp per username in the plan and dialogue reports (the blocks' staff CSVs as
    dicts); ``departments`` and ``managers`` (username → value, e.g. from the people file and
    the manager roster) fill what the reports do not say. Unreadable cells count as empty."""
    plans: dict[str, Mapping[str, str]] = {}
    for row in plan_rows:
        if row.get("username"):
            plans[row["username"]] = row
    dialogues: dict[str, dt.date | None] = {}
    for row in dialogue_rows:
        if row.get("username"):
            dialogues[row["username"]] = _day(row.get("last_conversation"))
    departments = departments or {}
    managers = managers or {}
    people: list[FollowUp] = []
    for username in dict.fromkeys([*plans, *dialogues]):
        plan = plans.get(username)
        manager = (plan or {}).get("manager_username") or managers.get(username, "")
        last = dialogues.get(username)
        manager_talk = _day((plan or {}).get("manager_last_conversation"))
        if manager_talk is not None and (last is None or manager_talk > last):
            last = manager_talk
        people.append(
            FollowUp(
                username=username,
                manager_username=manager,
                department=departments.get(username, ""),
                has_plan=plan is not None,
                plan_saved_on=_day((plan or {}).get("saved_on")),
                next_due=_day((plan or {}).get("next_due")),
                manager_status=_status((plan or {}).get("manager_status")),
                submitted_on=_day((plan or {}).get("submitted_on")),
                last_dialogue=last,
            )
        )
    return people
