"""What the manager's "My team" and the learner's verified agreement show, in one language.

Pure functions from the core's records to small frozen records for the templates: each
report's plan (version, goals, activities, status, progress), where it stands with the
manager, and what needs attention. Never the learner's private dialogue answers or notes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import talent_core as tc
from talent_core import managers as mg

from ._plan_view import Words
from .competency_view import level_text, long_date
from .i18n import N_

__all__ = [
    "STATUS_TEXTS",
    "ActivityLine",
    "GoalLine",
    "ReportView",
    "VerifiedView",
    "report_view",
    "self_reported_view",
    "verified_view",
]

Translate = Callable[[str], str]

#: The manager's status of a plan as the manager's team view says it (msgids).
STATUS_TEXTS: dict[mg.ManagerStatus, str] = {
    mg.ManagerStatus.NOT_SUBMITTED: N_("Not submitted"),
    mg.ManagerStatus.WAITING: N_("Waiting for you"),
    mg.ManagerStatus.AGREED: N_("Agreed"),
    mg.ManagerStatus.CHANGED: N_("Changed since agreed"),
    mg.ManagerStatus.SENT_BACK: N_("Sent back"),
}


@dataclass(frozen=True, slots=True)
class VerifiedView:
    """The learner's plan as their roster manager sees it: ``state`` is a ManagerStatus code."""

    state: str
    text: str
    comment: str
    #: The learner may (re)submit the plan now.
    can_submit: bool
    manager_name: str
    submit_label: str


def verified_view(
    found: mg.VerifiedAgreement, manager_name: str, language: str, gettext: Translate
) -> VerifiedView:
    """ "Agreed by <manager> on <date> (version N)" and its siblings, for the learner."""
    decision, submission = found.decision, found.submission
    status = found.status
    name = decision.manager_name if decision is not None and decision.manager_name else manager_name
    comment = ""
    if status is mg.ManagerStatus.AGREED and decision is not None:
        text = gettext("Agreed by {manager} on {date} (version {version}).").format(
            manager=name, date=long_date(decision.decided_on, language), version=decision.version
        )
        comment = decision.comment
    elif status is mg.ManagerStatus.CHANGED and decision is not None:
        text = gettext(
            "Changed since {manager} agreed on {date} (version {version}). Submit the plan "
            "again when you have talked the changes through."
        ).format(
            manager=name, date=long_date(decision.decided_on, language), version=decision.version
        )
    elif status is mg.ManagerStatus.SENT_BACK and decision is not None:
        text = gettext("{manager} sent the plan back on {date} (version {version}).").format(
            manager=name, date=long_date(decision.decided_on, language), version=decision.version
        )
        comment = decision.comment
    elif status is mg.ManagerStatus.WAITING and submission is not None:
        text = gettext(
            "Submitted to {manager} on {date} (version {version}); waiting for agreement."
        ).format(
            manager=manager_name or submission.manager_username,
            date=long_date(submission.submitted_on, language),
            version=submission.version,
        )
    else:
        text = gettext(
            "{manager} has not agreed to this plan yet. Submit it when it is ready."
        ).format(manager=manager_name)
    submit_label = gettext("Ask {manager} to agree the plan").format(manager=manager_name)
    can_submit = status not in (mg.ManagerStatus.AGREED, mg.ManagerStatus.WAITING)
    return VerifiedView(status.value, text, comment, can_submit, manager_name, submit_label)


def self_reported_view(plan: tc.DevelopmentPlan, language: str, gettext: Translate) -> str:
    """The learner's own record of an agreement, labelled self-reported (empty without one)."""
    agreement = plan.agreement
    if agreement is None:
        return ""
    fields = {"manager": agreement.manager_name, "date": long_date(agreement.agreed_on, language)}
    if plan.changed_since_agreed:
        return gettext("Self-reported: changed since {manager} agreed on {date}.").format(**fields)
    return gettext("Self-reported: agreed with {manager} on {date}.").format(**fields)


@dataclass(frozen=True, slots=True)
class ActivityLine:
    title: str
    mode: str
    hours: str
    due: str
    status: str
    overdue: bool


@dataclass(frozen=True, slots=True)
class GoalLine:
    competency: str
    level: str
    why: str
    activities: tuple[ActivityLine, ...]


@dataclass(frozen=True, slots=True)
class ReportView:
    """One direct report in the manager's team view."""

    username: str
    name: str
    dom_id: str
    #: The plan could not be read (the manager is told, nothing else is shown).
    unreadable: bool
    version: int
    status: str
    status_text: str
    verified: VerifiedView | None
    self_reported: str
    goals: tuple[GoalLine, ...]
    progress: str
    attention: tuple[str, ...]
    version_text: str
    agree_label: str


def _goal_lines(
    plan: tc.DevelopmentPlan, framework: tc.CompetencyFramework, words: Words, today_: dt.date
) -> tuple[GoalLine, ...]:
    lines: list[GoalLine] = []
    for goal in plan.goals:
        if framework.has_node(goal.competency_id):
            node = framework.node(goal.competency_id)
            competency = tc.localize(node.name, words.language)
            level = level_text(framework, goal.competency_id, goal.target_level, words.language)
        else:
            competency, level = goal.competency_id, str(goal.target_level)
        activities = tuple(
            ActivityLine(
                a.title,
                words.modes[a.mode],
                words.hours(a.hours),
                words.gettext("due {date}").format(date=long_date(a.due, words.language))
                if a.due
                else "",
                words.statuses[a.status],
                a.due is not None
                and a.status in (tc.ActivityStatus.PLANNED, tc.ActivityStatus.DOING)
                and a.due < today_,
            )
            for a in goal.activities
        )
        lines.append(GoalLine(competency, level, goal.why, activities))
    return tuple(lines)


def report_view(
    username: str,
    name: str,
    dom_id: str,
    plan: tc.DevelopmentPlan | None,
    found: mg.VerifiedAgreement | None,
    manager_name: str,
    framework: tc.CompetencyFramework,
    words: Words,
    today_: dt.date,
    attention: Sequence[str] = (),
) -> ReportView:
    """One report's plan for their manager; ``plan`` None when it could not be read."""
    gettext = words.gettext
    if plan is None or found is None:
        return ReportView(
            username, name, dom_id, True, 0, "", "", None, "", (), "", tuple(attention), "", ""
        )
    progress = plan.progress()
    live = progress.activities - progress.dropped
    progress_text = gettext("{done} of {count} activities done ({percent}%)").format(
        done=progress.done, count=live, percent=round(100 * progress.fraction)
    )
    return ReportView(
        username,
        name,
        dom_id,
        False,
        plan.version,
        found.status.value,
        gettext(STATUS_TEXTS[found.status]),
        verified_view(found, manager_name, words.language, gettext),
        self_reported_view(plan, words.language, gettext),
        _goal_lines(plan, framework, words, today_),
        progress_text,
        tuple(attention),
        gettext("Plan version {version}").format(version=plan.version),
        gettext("Agree {name}'s plan (version {version})").format(name=name, version=plan.version),
    )
