"""The individual development plan: the learner's goals and activities, agreed with a manager."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from enum import StrEnum
from typing import Annotated, Self

from pydantic import Field, model_validator

from ._dates import plausible_dates
from ._errors import Problem, StaleVersionError, ValidationError
from ._figures import percent_done
from ._framework import CompetencyFramework, LearningMode
from ._text import Identifier, ShortText, StrictModel, Username

__all__ = [
    "ActivityStatus",
    "DevelopmentPlan",
    "Goal",
    "ManagerAgreement",
    "PlanProgress",
    "PlanSubmission",
    "PlannedActivity",
    "accept_save",
    "check_plan",
]

ReflectionText = Annotated[str, Field(max_length=4000)]


class ActivityStatus(StrEnum):
    PLANNED = "planned"
    DOING = "doing"
    DONE = "done"
    DROPPED = "dropped"


class PlannedActivity(StrictModel):
    id: Identifier
    #: The framework activity this was picked from; ``None`` for one the learner wrote.
    activity_ref: Identifier | None = None
    title: Annotated[str, Field(min_length=1, max_length=300)]
    mode: LearningMode
    hours: Annotated[float, Field(ge=0, le=2000)] = 0
    due: dt.date | None = None
    status: ActivityStatus = ActivityStatus.PLANNED
    reflection: ReflectionText = ""


class Goal(StrictModel):
    id: Identifier
    competency_id: Identifier
    target_level: int
    why: Annotated[str, Field(max_length=2000)] = ""
    activities: Annotated[list[PlannedActivity], Field(max_length=50)] = []


class ManagerAgreement(StrictModel):
    manager_name: Annotated[str, Field(min_length=1, max_length=200)]
    agreed_on: dt.date
    comment: Annotated[str, Field(max_length=2000)] = ""
    #: Fingerprint of the goals as agreed; a later change to them voids "agreed".
    goals_fingerprint: ShortText


class PlanSubmission(StrictModel):
    """The learner asked their roster manager to agree the plan as it was then."""

    manager_username: Username
    #: The plan's version when submitted (a submission does not change the plan).
    version: Annotated[int, Field(ge=0)]
    goals_fingerprint: ShortText
    submitted_on: dt.date


class PlanProgress(StrictModel):
    activities: int
    done: int
    dropped: int

    @property
    def fraction(self) -> float:
        """Done share of the activities still in the plan (dropped ones do not count)."""
        live = self.activities - self.dropped
        return self.done / live if live else 0.0

    @property
    def percent(self) -> int:
        """``fraction`` as a whole percentage: 0 only when none is done, 100 only when all are
        (docs/figures.md, "Plan progress")."""
        return percent_done(self.done, self.activities - self.dropped)


class DevelopmentPlan(StrictModel):
    owner: ShortText
    #: Bumped by every accepted save; a save must carry the version it was based on.
    version: Annotated[int, Field(ge=0)] = 0
    goals: Annotated[list[Goal], Field(max_length=50)] = []
    #: The learner's own word that the manager agreed (self-reported).
    agreement: ManagerAgreement | None = None
    #: The latest request to the roster manager to agree the plan.
    submission: PlanSubmission | None = None
    #: The day of the last accepted change (the safety net finds plans left untouched).
    saved_on: dt.date | None = None
    #: The line manager the course's roster named when the plan was last saved: how blocks
    #: without the roster (the dialogue) find the manager's record.
    roster_manager: Username | None = None

    @model_validator(mode="after")
    def _rules(self) -> Self:
        problems: list[Problem] = []
        dates = plausible_dates(happened=False)
        goal_ids: set[str] = set()
        for i, goal in enumerate(self.goals):
            if goal.id in goal_ids:
                problems.append(
                    Problem.of(f"goals[{i}].id", "problem.goal.duplicate_id", id=goal.id)
                )
            goal_ids.add(goal.id)
            activity_ids: set[str] = set()
            for j, activity in enumerate(goal.activities):
                field = f"goals[{i}].activities[{j}]"
                if activity.id in activity_ids:
                    problems.append(
                        Problem.of(f"{field}.id", "problem.activity.duplicate_id", id=activity.id)
                    )
                activity_ids.add(activity.id)
                problems += dates.problems(activity.due, f"{field}.due")
        if self.agreement is not None:
            problems += dates.problems(self.agreement.agreed_on, "agreement.agreed_on")
        if problems:
            raise ValidationError(problems)
        return self

    def goals_fingerprint(self) -> str:
        """What the manager agreed to: goals and planned activities, not their progress."""
        content = [
            [
                g.id,
                g.competency_id,
                g.target_level,
                g.why,
                [
                    [a.id, a.activity_ref, a.title, a.mode.value, a.hours, str(a.due)]
                    for a in g.activities
                    if a.status is not ActivityStatus.DROPPED
                ],
            ]
            for g in self.goals
        ]
        return hashlib.sha256(json.dumps(content).encode()).hexdigest()[:16]

    @property
    def is_agreed(self) -> bool:
        return self.agreement is not None and not self.changed_since_agreed

    @property
    def changed_since_agreed(self) -> bool:
        return (
            self.agreement is not None
            and self.agreement.goals_fingerprint != self.goals_fingerprint()
        )

    def agreed(self, manager_name: str, agreed_on: dt.date, comment: str = "") -> DevelopmentPlan:
        """A copy recording the manager's agreement with the plan as it is now."""
        agreement = ManagerAgreement(
            manager_name=manager_name,
            agreed_on=agreed_on,
            comment=comment,
            goals_fingerprint=self.goals_fingerprint(),
        )
        return self.model_copy(update={"agreement": agreement})

    def next_due(self) -> dt.date | None:
        """The earliest due date of an activity planned or in progress."""
        return min(
            (
                a.due
                for a in self.all_activities()
                if a.due is not None and a.status in (ActivityStatus.PLANNED, ActivityStatus.DOING)
            ),
            default=None,
        )

    def all_activities(self) -> list[PlannedActivity]:
        return [a for g in self.goals for a in g.activities]

    def progress(self) -> PlanProgress:
        activities = self.all_activities()
        return PlanProgress(
            activities=len(activities),
            done=sum(a.status is ActivityStatus.DONE for a in activities),
            dropped=sum(a.status is ActivityStatus.DROPPED for a in activities),
        )


def check_plan(plan: DevelopmentPlan, framework: CompetencyFramework) -> None:
    """Raise ValidationError unless goals name known competencies, levels and activities."""
    problems: list[Problem] = []
    for i, goal in enumerate(plan.goals):
        field = f"goals[{i}]"
        problem = framework.competency_problem(goal.competency_id)
        if problem:
            problems.append(problem.at(f"{field}.competency_id"))
        if not framework.has_node(goal.competency_id):
            continue
        node = framework.node(goal.competency_id)
        scale = framework.scale_for(goal.competency_id)
        if not scale.contains(goal.target_level):
            problems.append(
                Problem.of(
                    f"{field}.target_level",
                    "problem.level.not_on_scale",
                    level=goal.target_level,
                    values=scale.values,
                )
            )
        known = {a.id for a in node.activities}
        for j, activity in enumerate(goal.activities):
            if activity.activity_ref is not None and activity.activity_ref not in known:
                problems.append(
                    Problem.of(
                        f"{field}.activities[{j}].activity_ref",
                        "problem.activity.not_of_competency",
                        activity=activity.activity_ref,
                        competency=goal.competency_id,
                    )
                )
    if problems:
        raise ValidationError(problems)


def accept_save(stored: DevelopmentPlan, proposed: DevelopmentPlan) -> DevelopmentPlan:
    """The plan to store for a save of ``proposed``; refuses a save based on an old version.

    ``proposed.version`` must be the version the learner's page loaded. The result carries
    the next version number.
    """
    if proposed.version != stored.version:
        raise StaleVersionError(stored.version, proposed.version)
    return proposed.model_copy(update={"version": stored.version + 1, "owner": stored.owner})
