"""What the development plan shows, in one language, ready for its templates.

Pure functions from the plan, the framework and the rates to small frozen records: the goal
and activity forms (with the framework's suggestions for each goal), where the plan stands
with the manager, and the learning mix (chart and table). New goals and activities are made
here too, so the handlers that add them stay one line each.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, replace
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_decimal, get_decimal_symbol

import talent_core as tc

from .charts import MixChartLabels, mix_chart_svg
from .competency_view import MODE_LABELS, format_hours, level_text, long_date
from .i18n import N_

__all__ = [
    "STATUS_LABELS",
    "TOP_GAPS",
    "ActivityForm",
    "AgreementView",
    "Choice",
    "GapOffer",
    "GoalForm",
    "MixRow",
    "MixView",
    "Suggestion",
    "Words",
    "activity_form",
    "agreement_view",
    "gap_offer",
    "goal_form",
    "is_competency",
    "mix_view",
    "new_activity_form",
    "top_open_gaps",
]

Translate = Callable[[str], str]
PluralTranslate = Callable[[str, str, int], str]

#: Open gaps of the linked assessment offered as goals in one click (as many as it advises on).
TOP_GAPS = 3

#: Activity statuses as learners read them (msgids).
STATUS_LABELS: dict[tc.ActivityStatus, str] = {
    tc.ActivityStatus.PLANNED: N_("Planned"),
    tc.ActivityStatus.DOING: N_("In progress"),
    tc.ActivityStatus.DONE: N_("Done"),
    tc.ActivityStatus.DROPPED: N_("Dropped"),
}

#: The generated "why" of a goal from a gap; true whatever target level the learner then picks.
WHY_TEMPLATE = N_("The role asks for {competency}; my target is the level {level}.")


@dataclass(frozen=True, slots=True)
class Words:
    """The language of one page and the words every goal and activity repeats, translated once
    (a plan of 20 goals with 5 activities each would otherwise look them up 2,000 times)."""

    language: str
    gettext: Translate
    ngettext: PluralTranslate
    modes: dict[tc.LearningMode, str]
    statuses: dict[tc.ActivityStatus, str]
    #: The generated "why" of a goal (``{competency}``, ``{level}``: the target level).
    why_template: str

    @classmethod
    def of(cls, language: str, gettext: Translate, ngettext: PluralTranslate) -> Words:
        return cls(
            language,
            gettext,
            ngettext,
            {mode: gettext(label) for mode, label in MODE_LABELS.items()},
            {status: gettext(label) for status, label in STATUS_LABELS.items()},
            gettext(WHY_TEMPLATE),
        )

    def hours(self, hours: float | Decimal) -> str:
        return format_hours(hours, self.language, self.ngettext)


@dataclass(frozen=True, slots=True)
class Choice:
    """One option of a select."""

    value: str
    label: str
    selected: bool


@dataclass(frozen=True, slots=True)
class LevelChoice:
    """A target level; ``why`` is the generated "why" for it, which an untouched "why" follows."""

    value: str
    label: str
    selected: bool
    why: str


@dataclass(frozen=True, slots=True)
class ActivityForm:
    dom_id: str
    id: str
    #: The framework activity it was picked from; empty for one the learner wrote.
    activity_ref: str
    title: str
    modes: tuple[Choice, ...]
    #: The hours as an ``<input type="number">`` value (decimal point, no grouping).
    hours: str
    #: The hours as learners read them ("2,5 timmar").
    hours_text: str
    due: str
    #: The due date as learners read it ("1 feb. 2031"); empty without one.
    due_text: str
    statuses: tuple[Choice, ...]
    reflection: str
    done: bool


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A framework activity the learner can add to a goal."""

    id: str
    label: str


@dataclass(frozen=True, slots=True)
class GoalForm:
    dom_id: str
    id: str
    competency_id: str
    competency_name: str
    #: The competency is gone from the framework: the goal must be removed before saving.
    unknown: bool
    levels: tuple[Choice | LevelChoice, ...]
    why: str
    activities: tuple[ActivityForm, ...]
    suggestions: tuple[Suggestion, ...]


def _choices(options: Iterable[tuple[str, str]], selected: str) -> tuple[Choice, ...]:
    return tuple(Choice(value, label, value == selected) for value, label in options)


def activity_form(activity: tc.PlannedActivity, dom_id: str, words: Words) -> ActivityForm:
    return ActivityForm(
        dom_id=dom_id,
        id=activity.id,
        activity_ref=activity.activity_ref or "",
        title=activity.title,
        modes=_choices(((m.value, label) for m, label in words.modes.items()), activity.mode),
        hours=f"{activity.hours:g}",
        hours_text=words.hours(activity.hours),
        due=activity.due.isoformat() if activity.due else "",
        due_text=format_date(activity.due, format="medium", locale=words.language)
        if activity.due
        else "",
        statuses=_choices(
            ((s.value, label) for s, label in words.statuses.items()), activity.status
        ),
        reflection=activity.reflection,
        done=activity.status is tc.ActivityStatus.DONE,
    )


def goal_form(
    goal: tc.Goal,
    framework: tc.CompetencyFramework,
    dom_id: str,
    words: Words,
) -> GoalForm:
    """The goal's form; its activities get the ids ``<dom_id>-a<n>``."""
    activities = tuple(
        activity_form(activity, f"{dom_id}-a{j}", words)
        for j, activity in enumerate(goal.activities)
    )
    language = words.language
    level = str(goal.target_level)
    if not is_competency(framework, goal.competency_id):
        return GoalForm(
            dom_id=dom_id,
            id=goal.id,
            competency_id=goal.competency_id,
            competency_name=goal.competency_id,
            unknown=True,
            levels=(Choice(level, level, True),),
            why=goal.why,
            activities=activities,
            suggestions=(),
        )
    node = framework.node(goal.competency_id)
    scale = framework.scale_for(goal.competency_id)
    levels = tuple(
        LevelChoice(
            str(value),
            level_text(framework, goal.competency_id, value, language),
            str(value) == level,
            tc.goal_why(framework, goal.competency_id, value, language, words.why_template),
        )
        for value in scale.values
    )
    suggestions = tuple(
        Suggestion(
            a.id,
            f"{tc.localize(a.title, language)} ({words.modes[a.mode]}, {words.hours(a.hours)})",
        )
        for a in node.activities
    )
    return GoalForm(
        dom_id=dom_id,
        id=goal.id,
        competency_id=goal.competency_id,
        competency_name=tc.localize(node.name, language),
        unknown=False,
        levels=levels,
        why=goal.why,
        activities=activities,
        suggestions=suggestions,
    )


def is_competency(framework: tc.CompetencyFramework, node_id: str) -> bool:
    return framework.competency_problem(node_id) is None


def new_activity_form(
    framework: tc.CompetencyFramework,
    competency_id: str,
    activity_ref: str | None,
    taken: Collection[str],
    dom_id: str,
    words: Words,
) -> ActivityForm:
    """The form of a framework activity of the goal's competency, or of a blank one (no ref)."""
    activity = tc.new_activity(framework, competency_id, activity_ref, taken, words.language)
    form = activity_form(activity, dom_id, words)
    return form if activity_ref is not None else replace(form, title="")


@dataclass(frozen=True, slots=True)
class AgreementView:
    """Where the plan stands with the manager: ``state`` is an :class:`AgreementState` code."""

    state: str
    text: str
    comment: str


def agreement_view(plan: tc.DevelopmentPlan, language: str, gettext: Translate) -> AgreementView:
    agreement = plan.agreement
    if agreement is None:
        # Shown only when the roster names no manager for the learner (else the verified view).
        text = gettext(
            "No manager is set for you in this course. Once you have agreed the plan with "
            "someone, you can record the agreement below."
        )
        return AgreementView(tc.AgreementState.NOT_AGREED.value, text, "")
    fields = {
        "manager": agreement.manager_name,
        "date": long_date(agreement.agreed_on, language),
    }
    if plan.changed_since_agreed:
        state = tc.AgreementState.CHANGED
        text = gettext(
            "Changed since {manager} agreed on {date}. Talk the changes through and record "
            "the agreement again."
        )
    else:
        state, text = tc.AgreementState.AGREED, gettext("Agreed with {manager} on {date}.")
    return AgreementView(state.value, text.format(**fields), agreement.comment)


@dataclass(frozen=True, slots=True)
class MixRow:
    mode: str
    label: str
    hours: str
    share: str


@dataclass(frozen=True, slots=True)
class MixView:
    """The learning mix as a chart (empty when no hours are planned) and as a table."""

    svg: str
    rows: tuple[MixRow, ...]
    total: str
    away: str
    cost: str


def mix_view(mix: tc.LearningMix, words: Words) -> MixView:
    language, gettext = words.language, words.gettext

    # Parts beside their total add up to the total shown (docs/figures.md, "Rounding").
    per_mode = [mix.hours[m] for m in tc.LearningMode]
    shown_hours = tc.hours_parts_shown(per_mode)
    shares = tc.percent_shares(per_mode)

    modes = {m.value: label for m, label in words.modes.items()}
    svg = ""
    if mix.total_hours > 0:
        labels = MixChartLabels(
            modes=modes,
            hours=gettext("{hours} h"),
            away=gettext("Away from work: {hours} h"),
            decimal_mark=get_decimal_symbol(language),
        )
        svg = mix_chart_svg(
            {m.value: float(h) for m, h in zip(tc.LearningMode, shown_hours, strict=True)},
            title=gettext("Learning mix: hours per learning mode"),
            labels=labels,
            away_hours=mix.away_hours,
        )
    rows = tuple(
        MixRow(
            m.value,
            modes[m.value],
            words.hours(hours),
            format_decimal(share, locale=language) + " %",
        )
        for m, hours, share in zip(tc.LearningMode, shown_hours, shares, strict=True)
    )
    return MixView(
        svg=svg,
        rows=rows,
        total=words.hours(sum(shown_hours, Decimal(0))),
        away=words.hours(mix.away_hours),
        cost=tc.format_money(mix.total_cost, mix.currency, language),
    )


def top_open_gaps(gaps: Iterable[tc.Gap]) -> list[tc.Gap]:
    """The :data:`TOP_GAPS` largest gaps still open, in the order given (largest first)."""
    return [gap for gap in gaps if gap.size > 0][:TOP_GAPS]


@dataclass(frozen=True, slots=True)
class GapOffer:
    """What the plan offers from the linked self-assessment.

    ``state``: ``none`` (no assessment linked or readable), ``no_result`` (not submitted yet),
    ``met`` (no gap open), ``covered`` (each top gap has a goal) or ``offer`` (``names`` are the
    competencies that would get a goal).
    """

    state: str
    names: tuple[str, ...] = ()


def gap_offer(
    gaps: list[tc.Gap] | None,
    plan: tc.DevelopmentPlan,
    framework: tc.CompetencyFramework,
    language: str,
) -> GapOffer:
    if gaps is None:
        return GapOffer("none")
    if not gaps:
        return GapOffer("no_result")
    top = top_open_gaps(gaps)
    if not top:
        return GapOffer("met")
    planned = {goal.competency_id for goal in plan.goals}
    names = tuple(
        tc.localize(framework.node(g.competency_id).name, language)
        for g in top
        if g.competency_id not in planned
    )
    return GapOffer("offer", names) if names else GapOffer("covered")
