"""One learner's report row per block (insertion order is column order; docs/xblocks.md).

A report may cover 100,000 learners, so the rows are built from the cheap summaries
(:func:`talent_core.summarize_self_assessment`, :func:`talent_core.summarize_plan`,
:func:`talent_core.summarize_dialogue`) and :class:`AssessmentRows` reads a block's setup and
each role's gap table once for the whole report.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .._assessment import RoleGaps
from .._dialogue_summary import DialogueSummary
from .._figures import report_figure
from .._framework import LearningMode
from .._mix import ModeRates
from .._plan import ActivityStatus
from .._plan_record import PlanSummary
from .._self_assessment import AssessmentSetup, AssessmentSummary
from ._columns import LEVEL_PREFIX, MANAGER_PREFIX, activity_column, hours_column

__all__ = [
    "TOP_GAPS",
    "AssessmentRows",
    "dialogue_row",
    "explorer_row",
    "peer_group_row",
    "plan_row",
]

#: Open gaps named in the assessment report's ``top_gaps`` column.
TOP_GAPS = 3


class AssessmentRows:
    """Turns learners' summaries into rows against one setup (None: the block is not set up)."""

    def __init__(self, setup: AssessmentSetup | None) -> None:
        self._setup = setup
        self._columns = setup.competency_ids if setup is not None else ()
        self._gaps: dict[str, RoleGaps | None] = {}

    def _role_gaps(self, role_id: str) -> RoleGaps | None:
        if role_id not in self._gaps:
            setup = self._setup
            role = setup.role(role_id) if setup is not None else None
            table = RoleGaps(setup.framework, role) if setup and role else None
            self._gaps[role_id] = table
        return self._gaps[role_id]

    def row(self, summary: AssessmentSummary) -> dict[str, Any]:
        """``role``, ``submitted_at``, ``attempts``, ``level:<id>`` per competency, ``top_gaps``.

        The level columns follow the setup's competencies (then any the latest attempt rated
        that the author has since removed), so the rows of one block share their columns.
        """
        latest = summary.latest
        levels = latest.levels if latest is not None else {}
        row: dict[str, Any] = {
            "role": latest.role_id if latest is not None else (summary.draft_role_id or ""),
            "submitted_at": latest.submitted_at.isoformat() if latest is not None else "",
            "attempts": summary.attempts,
        }
        for competency_id in self._columns:
            row[f"{LEVEL_PREFIX}{competency_id}"] = levels.get(competency_id, "")
        for competency_id, level in levels.items():
            row.setdefault(f"{LEVEL_PREFIX}{competency_id}", level)
        gaps = self._role_gaps(latest.role_id) if latest is not None else None
        top = gaps.largest_open(levels, TOP_GAPS) if gaps is not None else []
        row["top_gaps"] = "; ".join(gap.competency_id for gap in top)
        return row


def plan_row(summary: PlanSummary, rates: ModeRates) -> dict[str, Any]:
    """The development plan report's columns for one plan: exact figures, rounded only where
    they are shown (docs/reports.md)."""
    mix = summary.mix(rates)
    progress = summary.progress
    row: dict[str, Any] = {
        "goals": summary.goals,
        "goal_competencies": "; ".join(summary.competency_ids),
    }
    for status in ActivityStatus:
        row[activity_column(status)] = summary.activities[status]
    row["progress_percent"] = progress.percent
    hours = {mode: report_figure(mix.hours[mode]) for mode in LearningMode}
    for mode in LearningMode:
        row[hours_column(mode)] = hours[mode]
    # The total of the cells as written, so that the row adds up in a spreadsheet.
    row["hours_total"] = report_figure(sum(hours.values()))
    row["hours_away_from_work"] = report_figure(mix.away_hours)
    row["estimated_cost"] = report_figure(mix.total_cost)
    row["currency"] = mix.currency
    row["agreement"] = summary.agreement.value
    row["manager_name"] = summary.manager_name
    row["agreed_on"] = summary.agreed_on.isoformat() if summary.agreed_on else ""
    row["plan_version"] = summary.version
    return row


def dialogue_row(summary: DialogueSummary) -> dict[str, Any]:
    """One learner's shared dialogue data: choices, progress and what was agreed.

    Columns: ``competencies`` (chosen ids), ``questions_answered``, ``conversations``,
    ``last_conversation`` (ISO date), ``manager_name``, ``agreed_focus`` (of the latest
    conversation), then ``manager:<competency id>`` with the manager's latest level.
    The private answers are never in it.
    """
    preparation, last = summary.preparation, summary.latest
    row: dict[str, Any] = {
        "competencies": ", ".join(preparation.competency_ids) if preparation else "",
        "questions_answered": summary.answered,
        "conversations": summary.conversations,
        "last_conversation": last.held_on.isoformat() if last else "",
        "manager_name": last.manager_name if last else "",
        "agreed_focus": last.agreed_focus if last else "",
    }
    row.update({f"{MANAGER_PREFIX}{cid}": level for cid, level in summary.manager_levels.items()})
    return row


def peer_group_row(
    group: str, sessions: int, last_session: str, volunteer_as: str
) -> dict[str, Any] | None:
    """``group``, ``sessions_logged``, ``last_session`` (YYYY-MM-DD), ``volunteer_as``;
    None for a learner with none of them."""
    if not (group or sessions or volunteer_as):
        return None
    return {
        "group": group,
        "sessions_logged": sessions,
        "last_session": last_session,
        "volunteer_as": volunteer_as,
    }


def explorer_row(viewed: Sequence[str], last_competency: str) -> dict[str, Any] | None:
    """``competencies_viewed`` (count), ``viewed`` (ids, first first), ``last_competency``;
    None for a learner who viewed nothing."""
    if not viewed:
        return None
    return {
        "competencies_viewed": len(viewed),
        "viewed": ", ".join(viewed),
        "last_competency": last_competency,
    }
