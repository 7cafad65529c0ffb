"""One learner's report row per block (insertion order is column order; docs/xblocks.md).

A report may cover 100,000 learners, so the rows are built from the cheap summaries
(:func:`talent_core.summarize_self_assessment`, :func:`talent_core.summarize_plan`,
:func:`talent_core.summarize_dialogue`) and :class:`AssessmentRows` reads a block's setup and
each role's gap table once for the whole report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from .._assessment import RoleGaps
from .._dialogue_summary import DialogueSummary
from .._figures import report_figure
from .._framework import LearningMode
from .._mix import ModeRates
from .._plan import ActivityStatus
from .._plan_record import PlanSummary
from .._self_assessment import AssessmentSetup, AssessmentSummary, on_scale
from ..managers._record import AgreementSource, ManagerStatus, VerifiedAgreement
from ..managers._talent_view import TalentView
from ._columns import (
    LEVEL_PREFIX,
    MANAGER_PREFIX,
    MANAGER_RATING_PREFIX,
    activity_column,
    hours_column,
)

__all__ = [
    "TOP_GAPS",
    "AssessmentRows",
    "dialogue_row",
    "explorer_row",
    "peer_group_row",
    "plan_row",
    "readiness_rows",
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
        framework = self._setup.framework if self._setup is not None else None
        rated = on_scale(framework, levels) if framework is not None else {}
        top = gaps.largest_open(rated, TOP_GAPS) if gaps is not None else []
        row["top_gaps"] = "; ".join(gap.competency_id for gap in top)
        return row


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day is not None else ""


def plan_row(
    summary: PlanSummary,
    rates: ModeRates,
    verified: VerifiedAgreement | None = None,
    *,
    manager_username: str = "",
    manager_last_conversation: dt.date | None = None,
    manager_levels: Mapping[str, int] | None = None,
) -> dict[str, Any]:
    """The development plan report's columns for one plan: exact figures, rounded only where
    they are shown (docs/reports.md).

    ``verified`` is where the plan stands with the roster manager (from the manager's own
    record); without a manager's decision the agreement columns are the learner's own word and
    ``agreement_source`` says ``self-reported``. ``manager_levels`` are the manager's latest
    ratings (``manager_rating:<competency id>``).
    """
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
    decision = verified.decision if verified is not None else None
    if decision is not None and verified is not None:
        source = AgreementSource.MANAGER.value
        agreement = {ManagerStatus.AGREED: "yes", ManagerStatus.CHANGED: "changed"}.get(
            verified.status, "no"
        )
        agreed = decision if decision.decision == "agreed" else None
        manager_name = decision.manager_name
        agreed_on = agreed.decided_on if agreed is not None else None
    else:
        agreement = summary.agreement.value
        source = "" if agreement == "no" else AgreementSource.SELF_REPORTED.value
        manager_name, agreed_on = summary.manager_name, summary.agreed_on
        agreed = None
    row["agreement"] = agreement
    row["manager_name"] = manager_name
    row["agreed_on"] = _iso(agreed_on)
    row["plan_version"] = summary.version
    row["agreement_source"] = source
    submission = summary.submission
    row["manager_username"] = manager_username or (
        submission.manager_username if submission is not None else ""
    )
    row["manager_status"] = verified.status.value if verified is not None else ""
    row["agreed_version"] = agreed.version if agreed is not None else ""
    row["submitted_on"] = _iso(submission.submitted_on if submission is not None else None)
    row["saved_on"] = _iso(summary.saved_on)
    row["next_due"] = _iso(summary.next_due)
    row["manager_last_conversation"] = _iso(manager_last_conversation)
    for competency_id, level in (manager_levels or {}).items():
        row[f"{MANAGER_RATING_PREFIX}{competency_id}"] = level
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
        # The learner types these; a roster manager's own ratings are in the plan report.
        "ratings_source": AgreementSource.SELF_REPORTED.value if summary.manager_levels else "",
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


def readiness_rows(view: TalentView) -> list[dict[str, Any]]:
    """One row per role the manager named in ``view``, in the order of
    :data:`~talent_core.reports.READINESS_COLUMNS` (``username`` is the report, not the
    manager); no strengths or next step: HR reads the readiness, the words stay in the
    conversation."""
    return [
        {
            "username": view.learner,
            "manager_username": view.manager,
            "role_id": entry.role_id,
            "readiness": entry.readiness.value,
            "conversation_date": view.conversation_date.isoformat(),
        }
        for entry in view.readiness
    ]
