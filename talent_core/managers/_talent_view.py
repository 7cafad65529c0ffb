"""The talent conversation: what a line manager sees in a report, and the report's answer.

The manager records a :class:`TalentView` per report in their own ``Scope.user_state`` (inside
the :class:`~talent_core.managers.ManagerRecord`): strengths to build on, readiness for named
roles, a stretch assignment or next step, and the day of the conversation. The learner reads it
(worded for a development conversation, not as a verdict) and answers in their own state with a
:class:`TalentResponse`; nobody writes another's state. HR reads the readiness through the
development plan block's report rows (``talent_core.reports.readiness_rows``) and the pipeline
(``talent_core.pipeline``) reads :class:`TalentView` records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from enum import StrEnum
from typing import Annotated, Self

from pydantic import Field, model_validator

from .._dates import plausible_dates
from .._errors import Problem, ValidationError
from .._framework import CompetencyFramework
from .._text import Identifier, StrictModel, Username

__all__ = [
    "MAX_NEXT_STEP",
    "MAX_RESPONSE",
    "READINESS_ORDER",
    "Readiness",
    "RoleReadiness",
    "TalentResponse",
    "TalentView",
    "check_talent_view",
]

#: Characters of the next step / stretch assignment a manager writes.
MAX_NEXT_STEP = 2000
#: Characters of the learner's response.
MAX_RESPONSE = 2000
#: Strengths and named roles one view holds.
MAX_ITEMS = 50


class Readiness(StrEnum):
    """How soon the manager sees the report ready for a role (the report rows' values)."""

    READY_NOW = "ready_now"
    ONE_TO_TWO_YEARS = "one_to_two_years"
    LATER = "later"
    NOT_A_FIT_NOW = "not_a_fit_now"


#: Readiness from soonest to not now (the order forms and the pipeline list them in).
READINESS_ORDER: tuple[Readiness, ...] = tuple(Readiness)


class RoleReadiness(StrictModel):
    """The manager's readiness for one named role."""

    role_id: Identifier
    readiness: Readiness


class TalentView(StrictModel):
    """One manager's view of one report's talent, as of the conversation on
    ``conversation_date``. The learner's response is in the learner's own state
    (:class:`TalentResponse`), never here."""

    learner: Username
    manager: Username
    #: Competency ids to build on, in the manager's order.
    strengths: Annotated[list[Identifier], Field(max_length=MAX_ITEMS)] = Field(
        default_factory=list
    )
    readiness: Annotated[list[RoleReadiness], Field(max_length=MAX_ITEMS)] = Field(
        default_factory=list
    )
    #: A stretch assignment or next step, in the manager's words.
    next_step: Annotated[str, Field(max_length=MAX_NEXT_STEP)] = ""
    conversation_date: dt.date

    @model_validator(mode="after")
    def _once_each(self) -> Self:
        problems: list[Problem] = []
        seen: set[str] = set()
        for i, competency_id in enumerate(self.strengths):
            if competency_id in seen:
                problems.append(Problem.of(f"strengths[{i}]", "problem.listed_twice"))
            seen.add(competency_id)
        roles: set[str] = set()
        for i, entry in enumerate(self.readiness):
            if entry.role_id in roles:
                problems.append(Problem.of(f"readiness[{i}].role_id", "problem.listed_twice"))
            roles.add(entry.role_id)
        if problems:
            raise ValidationError(problems)
        return self

    def readiness_for(self, role_id: str) -> Readiness | None:
        return next((r.readiness for r in self.readiness if r.role_id == role_id), None)


class TalentResponse(StrictModel):
    """The learner's answer to their manager's talent view, in the learner's own state."""

    text: Annotated[str, Field(min_length=1, max_length=MAX_RESPONSE)]
    #: The conversation date of the view answered (a newer view shows the answer as earlier).
    conversation_date: dt.date
    responded_on: dt.date


def check_talent_view(
    view: TalentView,
    framework: CompetencyFramework,
    role_ids: Collection[str],
    *,
    today: dt.date | None = None,
) -> TalentView:
    """The view with its next step trimmed, or ValidationError naming every problem: a strength
    that is no competency of the framework, a role not among ``role_ids`` (those the author
    offers), a conversation day in the future, or a view that records nothing."""
    problems: list[Problem] = []
    for i, competency_id in enumerate(view.strengths):
        problem = framework.competency_problem(competency_id)
        if problem is not None:
            problems.append(problem.at(f"strengths[{i}]"))
    for i, entry in enumerate(view.readiness):
        if entry.role_id not in role_ids:
            problems.append(
                Problem.of(f"readiness[{i}].role_id", "problem.role.unknown", id=entry.role_id)
            )
    dates = plausible_dates(happened=True, today=today)
    if not dates.earliest <= view.conversation_date <= dates.latest:
        problems.append(
            Problem.of(
                "conversation_date",
                "problem.date.implausible",
                date=view.conversation_date.isoformat(),
            )
        )
    next_step = view.next_step.strip()
    if not (view.strengths or view.readiness or next_step):
        problems.append(Problem.of("", "problem.talent_view.empty"))
    if problems:
        raise ValidationError(problems)
    return view.model_copy(update={"next_step": next_step})
