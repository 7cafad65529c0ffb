"""Building and saving a development plan: goals from gaps, stable ids, safe saves.

The development_plan block calls these so its handlers stay thin: a click on "make goals of my
top gaps" becomes :func:`goals_from_gaps`, a save becomes :func:`apply_plan_save`, recording the
manager's agreement becomes :func:`apply_agreement`. None of them changes the plan passed in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from typing import Annotated, Any

from annotated_types import MaxLen
from pydantic import Field

from ._assessment import Gap
from ._dates import plausible_dates
from ._errors import InputError, Problem, StaleVersionError, ValidationError
from ._framework import CompetencyFramework, LearningMode
from ._plan import (
    DevelopmentPlan,
    Goal,
    PlannedActivity,
    accept_save,
    check_plan,
)
from ._scale import ProficiencyScale
from ._self_assessment import suggested_activities
from ._text import StrictModel, localize
from ._validation import load

__all__ = [
    "MAX_ACTIVITIES",
    "MAX_GOALS",
    "AgreementInput",
    "apply_agreement",
    "apply_plan_save",
    "default_target_level",
    "goal_why",
    "goals_from_gaps",
    "new_activity",
    "new_goal",
    "new_goal_id",
    "unique_id",
]


def _max_length(model: type[StrictModel], field: str) -> int:
    """The model's own length limit, so clipping here can never drift from the rule there."""
    return next(m.max_length for m in model.model_fields[field].metadata if isinstance(m, MaxLen))


MAX_ID = 200
#: Goals one plan holds and activities one goal holds (the domain model's own limits).
MAX_GOALS = _max_length(DevelopmentPlan, "goals")
MAX_ACTIVITIES = _max_length(Goal, "activities")
MAX_TITLE = _max_length(PlannedActivity, "title")
MAX_WHY = _max_length(Goal, "why")


def unique_id(base: str, taken: Collection[str]) -> str:
    """``base``, or ``base-2``, ``base-3``... : the first not in ``taken``, at most 200 chars.

    Deterministic, so the same plan always gets the same ids, and never an id in use.
    """
    candidate, n = base[:MAX_ID], 1
    while candidate in taken:
        n += 1
        suffix = f"-{n}"
        candidate = base[: MAX_ID - len(suffix)] + suffix
    return candidate


def new_goal_id(competency_id: str, taken: Collection[str]) -> str:
    """A goal id readable in exports and reports: ``g-<competency>`` made unique."""
    return unique_id(f"g-{competency_id}", taken)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def goal_why(
    framework: CompetencyFramework,
    competency_id: str,
    level: int,
    language: str | None,
    why_template: str,
) -> str:
    """The generated "why" of a goal at ``level``: ``why_template`` with ``{competency}`` and
    ``{level}`` (the level's label) filled in ``language``. Views offer it for every level, so
    an untouched "why" follows the target when the learner changes it."""
    fallbacks = (framework.default_language,)
    node = framework.node(competency_id)
    label = framework.scale_for(competency_id).level(level).label
    fields = {
        "competency": localize(node.name, language, fallbacks),
        "level": localize(label, language, fallbacks),
    }
    try:
        why = why_template.format_map(fields)
    except (KeyError, IndexError, AttributeError, ValueError) as error:
        raise InputError(
            f"why_template {why_template!r} cannot be filled ({error!r}); "
            f"it may use {{competency}} and {{level}}"
        ) from None
    return _clip(why, MAX_WHY)


def default_target_level(scale: ProficiencyScale) -> int:
    """Where a goal the learner picks aims: the scale's default level, else its first
    proficient one, else its top."""
    if scale.default_value is not None:
        return scale.default_value
    return next((lv.value for lv in scale.levels if lv.proficient), scale.max_value)


def _check_competency(framework: CompetencyFramework, competency_id: str) -> None:
    if framework.competency_problem(competency_id) is not None:
        problem = Problem.of(
            "competency_id", "problem.competency.not_in_framework", id=competency_id
        )
        raise ValidationError([problem])


def new_goal(framework: CompetencyFramework, competency_id: str, taken: Collection[str]) -> Goal:
    """A goal for a competency the learner picked, aiming at :func:`default_target_level`;
    ``taken`` are the plan's goal ids. ValidationError when the plan is full."""
    _check_competency(framework, competency_id)
    if len(taken) >= MAX_GOALS:
        raise ValidationError([Problem.of("taken", "problem.plan.too_many_goals", most=MAX_GOALS)])
    return Goal(
        id=new_goal_id(competency_id, taken),
        competency_id=competency_id,
        target_level=default_target_level(framework.scale_for(competency_id)),
    )


def new_activity(
    framework: CompetencyFramework,
    competency_id: str,
    activity_ref: str | None,
    taken: Collection[str],
    language: str | None,
) -> PlannedActivity:
    """A goal's new activity: the framework's ``activity_ref`` for the competency (title in
    ``language``), or with no ref one of the learner's own (titled "-" until they name it).
    ``taken`` are the goal's activity ids. ValidationError when the goal is full."""
    _check_competency(framework, competency_id)
    if len(taken) >= MAX_ACTIVITIES:
        problem = Problem.of("taken", "problem.goal.too_many_activities", most=MAX_ACTIVITIES)
        raise ValidationError([problem])
    if activity_ref is None:
        return PlannedActivity(id=unique_id("own", taken), title="-", mode=LearningMode.ON_THE_JOB)
    suggestions = suggested_activities(framework, competency_id, language)
    picked = next((a for a in suggestions if a.id == activity_ref), None)
    if picked is None:
        problem = Problem.of(
            "activity_ref",
            "problem.activity.not_of_competency",
            activity=activity_ref,
            competency=competency_id,
        )
        raise ValidationError([problem])
    return PlannedActivity(
        id=unique_id(picked.id, taken),
        activity_ref=picked.id,
        title=_clip(picked.title, MAX_TITLE) or picked.id,
        mode=picked.mode,
        hours=picked.hours,
    )


def _goal(
    gap: Gap,
    framework: CompetencyFramework,
    language: str | None,
    why_template: str,
    goal_id: str,
) -> Goal:
    why = goal_why(framework, gap.competency_id, gap.required, language, why_template)
    activities = [
        PlannedActivity(
            id=suggestion.id,
            activity_ref=suggestion.id,
            title=_clip(suggestion.title, MAX_TITLE) or suggestion.id,
            mode=suggestion.mode,
            hours=suggestion.hours,
        )
        for suggestion in suggested_activities(framework, gap.competency_id, language)
    ]
    return Goal(
        id=goal_id,
        competency_id=gap.competency_id,
        target_level=gap.required,
        why=why,
        activities=activities,
    )


def goals_from_gaps(
    plan: DevelopmentPlan,
    gaps: Iterable[Gap],
    framework: CompetencyFramework,
    language: str | None,
    *,
    why_template: str,
) -> DevelopmentPlan:
    """A copy of ``plan`` with a goal for each open gap whose competency has none yet.

    Each goal aims at the required level, carries the framework's activities for the
    competency (titles in ``language``) and a "why" made from ``why_template``, a translated
    format string with the fields ``{competency}`` and ``{level}`` (the target level's label),
    e.g. ``"The role asks for {competency}; my target is the level {level}."``. The version is
    unchanged: store the result through ``accept_save`` so a stale page cannot add goals twice.
    """
    goals = list(plan.goals)
    planned = {goal.competency_id for goal in goals}
    for gap in gaps:
        if gap.size <= 0 or gap.competency_id in planned:
            continue
        if len(goals) >= MAX_GOALS:
            raise ValidationError(
                [Problem.of("goals", "problem.plan.too_many_goals", most=MAX_GOALS)]
            )
        goal_id = new_goal_id(gap.competency_id, {goal.id for goal in goals})
        goals.append(_goal(gap, framework, language, why_template, goal_id))
        planned.add(gap.competency_id)
    return plan.model_copy(update={"goals": goals})


def apply_plan_save(
    stored: DevelopmentPlan, payload: Any, framework: CompetencyFramework
) -> DevelopmentPlan:
    """The plan to store for a learner's save, which sends the whole plan with its ``version``.

    Raises ValidationError (fields named, e.g. ``goals[0].target_level``) or StaleVersionError
    (the page was loaded before another save). The owner and the manager's agreement are
    kept as stored: they are not the learner's to edit through a save (see
    :func:`apply_agreement`), and a changed goal shows as "changed since agreed".
    """
    if not isinstance(payload, Mapping):
        raise ValidationError([Problem.of("", "problem.plan.not_an_object")])
    data = {**payload, "owner": stored.owner, "agreement": None, "submission": None}
    proposed = load(DevelopmentPlan, data)
    check_plan(proposed, framework)
    saved = accept_save(stored, proposed)
    return saved.model_copy(update={"agreement": stored.agreement, "submission": stored.submission})


class AgreementInput(StrictModel):
    """What the learner records after the manager agreed with the plan."""

    version: Annotated[int, Field(ge=0)]
    manager_name: Annotated[str, Field(min_length=1, max_length=200)]
    agreed_on: dt.date
    comment: Annotated[str, Field(max_length=2000)] = ""


def apply_agreement(stored: DevelopmentPlan, payload: Any) -> DevelopmentPlan:
    """The plan to store after the learner records the manager's agreement with it as stored.

    The agreement covers the goals the page showed, so a payload whose ``version`` is not the
    stored one raises StaleVersionError rather than agreeing to goals the manager never saw.
    """
    given = load(AgreementInput, payload)
    if given.version != stored.version:
        raise StaleVersionError(stored.version, given.version)
    problems = plausible_dates(happened=True).problems(given.agreed_on, "agreed_on")
    if not given.manager_name.strip():
        problems.append(Problem.of("manager_name", "problem.plan.name_the_manager"))
    if problems:
        raise ValidationError(problems)
    agreed = stored.agreed(given.manager_name.strip(), given.agreed_on, given.comment)
    return agreed.model_copy(update={"version": stored.version + 1})
