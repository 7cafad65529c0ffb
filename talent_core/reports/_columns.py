"""The columns of each report and how a file is recognised by them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from .._errors import FormatError
from .._framework import LearningMode
from .._plan import ActivityStatus

__all__ = [
    "LEVEL_PREFIX",
    "MANAGER_PREFIX",
    "MANAGER_RATING_PREFIX",
    "REPORT_KINDS",
    "REPORT_SIGNATURES",
    "ReportKind",
    "activity_column",
    "hours_column",
    "report_kind",
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
    raise FormatError(filename, "header", f"not a report this dashboard knows (columns {expected})")
