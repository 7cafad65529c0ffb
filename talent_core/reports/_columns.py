"""The columns of each report and how a file is recognised by them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from .._errors import FormatError, place
from .._framework import LearningMode
from .._plan import ActivityStatus

__all__ = [
    "LEVEL_PREFIX",
    "MANAGER_PREFIX",
    "MANAGER_RATING_PREFIX",
    "READINESS_COLUMNS",
    "REPORT_KINDS",
    "REPORT_SIGNATURES",
    "SKIPPED_SIGNATURES",
    "ReportKind",
    "activity_column",
    "hours_column",
    "report_kind",
    "skipped_file",
]

ReportKind = Literal["assessment", "plan", "dialogue", "peer_group", "people"]
REPORT_KINDS: tuple[ReportKind, ...] = ("assessment", "plan", "dialogue", "peer_group", "people")

#: Columns that tell each kind of file apart (a file may have more).
REPORT_SIGNATURES: dict[ReportKind, frozenset[str]] = {
    "assessment": frozenset({"username", "role", "submitted_at", "attempts", "top_gaps"}),
    "plan": frozenset({"username", "goals", "progress_percent", "agreement"}),
    "dialogue": frozenset({"username", "conversations", "last_conversation", "agreed_focus"}),
    "peer_group": frozenset({"username", "sessions_logged", "volunteer_as"}),
    "people": frozenset({"id", "email", "department"}),
}

#: Files this product writes that the dashboards do not read, each with a key naming why
#: (``dashboards.skip.<key>`` in the talent catalog): dropped in with the reports, they are
#: skipped with that reason while the rest loads.
SKIPPED_SIGNATURES: dict[str, frozenset[str]] = {
    # Before "managers": a talent view row names the learner's manager too. Notebook 06 reads it.
    "talent_view": frozenset({"username", "role_id", "readiness"}),
    "mentees": frozenset({"id", "manager_id", "focus"}),
    "mentors": frozenset({"id", "capacity", "strengths"}),
    "explorer": frozenset({"username", "competencies_viewed", "viewed"}),
    "volunteers": frozenset({"id", "volunteer_as"}),
    "managers": frozenset({"username", "manager_username"}),
    "roster": frozenset({"username", "group"}),
    "teams": frozenset({"mode"}),
    "rounds": frozenset({"id", "round", "group"}),
    "groups": frozenset({"id", "group"}),
    "pairs": frozenset({"mentee_id", "mentor_id", "score"}),
    "chain": frozenset({"person_id", "generation"}),
    "history": frozenset({"programme", "mentor_id", "mentee_id"}),
    "plan_export": frozenset({"goal", "competency_id", "activity", "status"}),
    "taxonomy": frozenset({"id", "value", "parent_id"}),
    "rpl_report": frozenset({"record", "claim_id"}),
    "rpl_queue": frozenset({"claim_id", "competency_id", "evidence"}),
    "rpl_decisions": frozenset({"decision_id", "claim_id", "outcome"}),
    "rpl_roster": frozenset({"username", "role", "learners"}),
}
#: Files whose columns would pass for a people CSV but are mentoring files.
_BEFORE_PEOPLE = ("mentees", "mentors")


#: The development plan report's readiness rows, one per (report, role) a manager named in
#: their talent view (from the manager's own state; docs/xblocks.md).
READINESS_COLUMNS: tuple[str, ...] = (
    "username",
    "manager_username",
    "role_id",
    "readiness",
    "conversation_date",
)


#: The assessment report's self-rated level columns: ``level:<competency id>``.
LEVEL_PREFIX = "level:"
#: The dialogue report's manager level columns: ``manager:<competency id>``.
MANAGER_PREFIX = "manager:"
#: The plan report's levels a roster manager gave under their own login:
#: ``manager_rating:<competency id>``.
MANAGER_RATING_PREFIX = "manager_rating:"


def activity_column(status: ActivityStatus) -> str:
    """The plan report's count of activities with ``status``."""
    return f"activities_{status.value}"


def hours_column(mode: LearningMode) -> str:
    """The plan report's planned hours in ``mode``."""
    return f"hours_{mode.value}"


def report_kind(columns: Iterable[str], filename: str) -> ReportKind:
    """Which report a file with these header columns is; FormatError if none."""
    present = set(columns)
    for kind, needed in REPORT_SIGNATURES.items():
        if needed <= present:
            return kind
    expected = "; ".join(
        f"{kind}: {', '.join(sorted(cols))}" for kind, cols in REPORT_SIGNATURES.items()
    )
    raise FormatError.of(filename, place(row=1), "problem.reports.unknown", expected=expected)


def skipped_file(columns: Iterable[str]) -> str | None:
    """Why a file with these header columns is one of ours the dashboards skip (a key of
    :data:`SKIPPED_SIGNATURES`, or ``empty`` for a download with only its key column);
    None for a report the dashboards read, or a file this product does not write."""
    present = {str(column).strip() for column in columns}
    if present <= {"username", "id"}:
        return "empty"
    for key in _BEFORE_PEOPLE:
        if SKIPPED_SIGNATURES[key] <= present:
            return key
    if any(needed <= present for needed in REPORT_SIGNATURES.values()):
        return None
    return next((key for key, needed in SKIPPED_SIGNATURES.items() if needed <= present), None)
