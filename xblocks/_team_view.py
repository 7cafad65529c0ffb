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

from ._plan_view import Choice, Words
from .competency_view import level_text, long_date
from .i18n import N_

__all__ = [
    "ATTENTION_TEXTS",
    "STATUS_TEXTS",
    "ActivityLine",
    "CheckItem",
    "GoalLine",
    "RatingLine",
    "ReportCard",
    "ReportInput",
    "ReportView",
    "VerifiedView",
    "attention_text",
    "report_card",
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


#: Why a report needs attention, as the manager reads it (msgids; ``{date}`` and ``{days}``).
ATTENTION_TEXTS: dict[mg.AttentionReason, str] = {
    mg.AttentionReason.OVERDUE: N_("An activity was due on {date}."),
    mg.AttentionReason.UNTOUCHED: N_("The plan has not changed for {days} days."),
    mg.AttentionReason.CHANGED: N_("The goals changed after you agreed the plan."),
    mg.AttentionReason.NO_DIALOGUE: N_("No development conversation in the last 12 months."),
    mg.AttentionReason.WAITING: N_("The plan has waited for your agreement for {days} days."),
}


def attention_text(item: mg.Attention, language: str, gettext: Translate) -> str:
    date = long_date(item.since, language) if item.since is not None else ""
    return gettext(ATTENTION_TEXTS[item.reason]).format(date=date, days=item.days or 0)


@dataclass(frozen=True, slots=True)
class CheckItem:
    id: str
    label: str
    done: bool


@dataclass(frozen=True, slots=True)
class RatingLine:
    """A competency the manager can rate: the levels, the manager's latest, the learner's own."""

    competency_id: str
    name: str
    levels: tuple[Choice, ...]
    manager_level: str


@dataclass(frozen=True, slots=True)
class ReportCard:
    """One report in the manager's team list, before the manager opens the plan."""

    username: str
    name: str
    status: str
    status_text: str
    unreadable: bool
    summary: str
    attention: tuple[str, ...]


def report_card(
    username: str,
    name: str,
    summary: tc.PlanSummary | None,
    found: mg.VerifiedAgreement | None,
    attention: Sequence[mg.Attention],
    words: Words,
) -> ReportCard:
    gettext, language = words.gettext, words.language
    texts = tuple(attention_text(item, language, gettext) for item in attention)
    if found is None and summary is not None:
        return ReportCard(username, name, "", "", True, "", texts)
    if summary is None or found is None:
        text = gettext("No plan yet.")
        return ReportCard(
            username,
            name,
            "",
            gettext(STATUS_TEXTS[mg.ManagerStatus.NOT_SUBMITTED]),
            False,
            text,
            texts,
        )
    progress = summary.progress
    line = gettext("Plan version {version}").format(version=summary.version)
    line += " · " + gettext("{done} of {count} activities done ({percent}%)").format(
        done=progress.done,
        count=progress.activities - progress.dropped,
        percent=round(100 * progress.fraction),
    )
    return ReportCard(
        username, name, found.status.value, gettext(STATUS_TEXTS[found.status]), False, line, texts
    )


@dataclass(frozen=True, slots=True)
class ReportInput:
    """What the block read about one report, for :func:`report_view`."""

    username: str
    name: str
    dom_id: str
    #: None when the plan could not be read.
    plan: tc.DevelopmentPlan | None
    found: mg.VerifiedAgreement | None
    manager_name: str
    record: mg.ReportRecord
    checklist: Sequence[mg.ChecklistItem]
    assessment: str
    dialogue: str
    attention: Sequence[mg.Attention]
    sheet_url: str


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
    assessment: str
    dialogue: str
    checklist: tuple[CheckItem, ...]
    ratings: tuple[RatingLine, ...]
    talks: tuple[str, ...]
    sheet_url: str


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


def _rating_lines(
    plan: tc.DevelopmentPlan,
    record: mg.ReportRecord,
    framework: tc.CompetencyFramework,
    words: Words,
) -> tuple[RatingLine, ...]:
    latest = mg.latest_manager_levels(record)
    lines: list[RatingLine] = []
    for competency_id in dict.fromkeys(goal.competency_id for goal in plan.goals):
        if framework.competency_problem(competency_id) is not None:
            continue
        scale = framework.scale_for(competency_id)
        given = latest.get(competency_id)
        levels = tuple(
            Choice(str(v), level_text(framework, competency_id, v, words.language), v == given)
            for v in scale.values
        )
        shown = level_text(framework, competency_id, given, words.language) if given else ""
        name = tc.localize(framework.node(competency_id).name, words.language)
        lines.append(RatingLine(competency_id, name, levels, shown))
    return tuple(lines)


def report_view(
    given: ReportInput, framework: tc.CompetencyFramework, words: Words, today_: dt.date
) -> ReportView:
    """One report's plan and the manager's own record of them, for their manager."""
    gettext, language = words.gettext, words.language
    attention = tuple(attention_text(item, language, gettext) for item in given.attention)
    plan, found = given.plan, given.found
    checklist = tuple(
        CheckItem(
            item.id, tc.localize(item.text, language), given.record.checklist.get(item.id, False)
        )
        for item in given.checklist
    )
    talks = tuple(
        gettext("Conversation on {date}").format(date=long_date(talk.held_on, language))
        + (": " + talk.agreed_focus if talk.agreed_focus else "")
        for talk in reversed(given.record.conversations)
    )
    if plan is None or found is None:
        return ReportView(
            given.username,
            given.name,
            given.dom_id,
            True,
            0,
            "",
            "",
            None,
            "",
            (),
            "",
            attention,
            "",
            "",
            given.assessment,
            given.dialogue,
            checklist,
            (),
            talks,
            given.sheet_url,
        )
    progress = plan.progress()
    live = progress.activities - progress.dropped
    progress_text = gettext("{done} of {count} activities done ({percent}%)").format(
        done=progress.done, count=live, percent=progress.percent
    )
    return ReportView(
        given.username,
        given.name,
        given.dom_id,
        False,
        plan.version,
        found.status.value,
        gettext(STATUS_TEXTS[found.status]),
        verified_view(found, given.manager_name, language, gettext),
        self_reported_view(plan, language, gettext),
        _goal_lines(plan, framework, words, today_),
        progress_text,
        attention,
        gettext("Plan version {version}").format(version=plan.version),
        gettext("Agree {name}'s plan (version {version})").format(
            name=given.name, version=plan.version
        ),
        given.assessment,
        given.dialogue,
        checklist,
        _rating_lines(plan, given.record, framework, words),
        talks,
        given.sheet_url,
    )
