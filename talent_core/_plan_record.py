"""A learner's development plan as stored, with the summary HR's report reads.

The development_plan block keeps ``{"schema_version": 1, "plan": {...}, "summary": {...}}`` in
``Scope.user_state`` (:func:`plan_to_state`, :func:`load_plan`). The summary is derived from
the validated plan by :meth:`PlanSummary.of` whenever the plan is stored, so a report over
100,000 learners (:func:`summarize_plan`) checks a dozen numbers per learner instead of
validating every goal and activity, which costs ten times more for a plan of average size.
The plan stays the single source of truth: a summary is never edited on its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from enum import StrEnum
from typing import Annotated, Any, Final, Literal, Self

from pydantic import Field, model_validator

from ._errors import Problem, ValidationError
from ._framework import LearningMode
from ._mix import DEFAULT_RATES, LearningMix, ModeRates, mix_from_hours
from ._plan import ActivityStatus, DevelopmentPlan, PlanProgress, PlanSubmission
from ._self_assessment import _check_schema, _not_an_object
from ._text import Identifier, ShortText, StrictModel
from ._validation import load

__all__ = [
    "PLAN_SCHEMA",
    "AgreementState",
    "PlanSummary",
    "load_plan",
    "plan_to_state",
    "summarize_plan",
]

#: Version of the stored JSON shape; bump it (and migrate in ``load_plan``) on change.
PLAN_SCHEMA: Final = 1


class AgreementState(StrEnum):
    """Where the plan stands with the line manager (the codes are the report's values)."""

    NOT_AGREED = "no"
    AGREED = "yes"
    #: Agreed once, but the goals changed since: agree again.
    CHANGED = "changed"


Count = Annotated[int, Field(ge=0)]


class PlanSummary(StrictModel):
    """The figures of one plan that HR's report shows, derived from the plan itself."""

    version: Count
    #: Competency of each goal, in the plan's order.
    competency_ids: Annotated[list[Identifier], Field(max_length=50)]
    #: Activities per status; every status is present.
    activities: dict[ActivityStatus, Count]
    #: Hours per learning mode of the activities not dropped; every mode is present.
    hours: dict[LearningMode, Annotated[float, Field(ge=0)]]
    agreement: AgreementState
    manager_name: ShortText = ""
    agreed_on: dt.date | None = None
    #: What a manager's agreement is checked against (see DevelopmentPlan.goals_fingerprint).
    goals_fingerprint: ShortText = ""
    #: The latest request to the roster manager to agree the plan.
    submission: PlanSubmission | None = None
    saved_on: dt.date | None = None
    #: The earliest due date of an activity planned or in progress.
    next_due: dt.date | None = None

    @model_validator(mode="after")
    def _complete(self) -> Self:
        problems = [
            Problem.of(f"activities.{s.value}", "problem.missing")
            for s in ActivityStatus
            if s not in self.activities
        ]
        problems += [
            Problem.of(f"hours.{m.value}", "problem.missing")
            for m in LearningMode
            if m not in self.hours
        ]
        if problems:
            raise ValidationError(problems)
        return self

    @classmethod
    def of(cls, plan: DevelopmentPlan) -> PlanSummary:
        counts = dict.fromkeys(ActivityStatus, 0)
        hours = dict.fromkeys(LearningMode, 0.0)
        for activity in plan.all_activities():
            counts[activity.status] += 1
            if activity.status is not ActivityStatus.DROPPED:
                hours[activity.mode] += activity.hours
        agreement = plan.agreement
        if agreement is None:
            state = AgreementState.NOT_AGREED
        elif plan.changed_since_agreed:
            state = AgreementState.CHANGED
        else:
            state = AgreementState.AGREED
        return cls(
            version=plan.version,
            competency_ids=[goal.competency_id for goal in plan.goals],
            activities=counts,
            hours=hours,
            agreement=state,
            manager_name=agreement.manager_name if agreement else "",
            agreed_on=agreement.agreed_on if agreement else None,
            goals_fingerprint=plan.goals_fingerprint(),
            submission=plan.submission,
            saved_on=plan.saved_on,
            next_due=plan.next_due(),
        )

    @property
    def goals(self) -> int:
        return len(self.competency_ids)

    @property
    def progress(self) -> PlanProgress:
        return PlanProgress(
            activities=sum(self.activities.values()),
            done=self.activities[ActivityStatus.DONE],
            dropped=self.activities[ActivityStatus.DROPPED],
        )

    def mix(self, rates: ModeRates = DEFAULT_RATES) -> LearningMix:
        """Hours, time away from work and cost at ``rates`` (which may change after saving)."""
        return mix_from_hours(self.hours, rates)


class _StoredPlan(StrictModel):
    schema_version: Literal[1] = PLAN_SCHEMA
    plan: DevelopmentPlan
    summary: PlanSummary


def plan_to_state(plan: DevelopmentPlan) -> dict[str, Any]:
    """JSON for ``Scope.user_state``: the plan (defaults left out) and its fresh summary."""
    return {
        "schema_version": PLAN_SCHEMA,
        "plan": plan.model_dump(mode="json", exclude_defaults=True),
        "summary": PlanSummary.of(plan).model_dump(mode="json"),
    }


def _stored(state: Any) -> Mapping[str, Any]:
    if not isinstance(state, Mapping):
        raise ValidationError([_not_an_object("plan")])
    _check_schema(state, PLAN_SCHEMA, "development plan")
    return state


def load_plan(state: Any, owner: str) -> DevelopmentPlan:
    """The plan in a stored state; an empty state (nothing saved yet) is a new plan of ``owner``."""
    if not state:
        return DevelopmentPlan(owner=owner)
    return load(_StoredPlan, _stored(state)).plan


def summarize_plan(state: Any) -> PlanSummary | None:
    """The summary of a stored state (None when nothing was saved), without loading the plan.

    Raises ValidationError like :func:`load_plan` for a state this version cannot read.
    """
    if not state:
        return None
    return load(PlanSummary, _stored(state).get("summary"), where="summary")
