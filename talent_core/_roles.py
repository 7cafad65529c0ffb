"""Role profiles: what a role asks of each competency."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Self

from pydantic import Field, model_validator

from ._errors import Problem, ValidationError
from ._framework import CompetencyFramework
from ._text import Identifier, LocalizedText, StrictModel

__all__ = [
    "IMPORTANCE_RANGE",
    "RoleProfile",
    "RoleRequirement",
    "check_role",
    "requirement_problems",
    "roles_fit_problems",
]

#: The importance a requirement may have: 1 (nice to have) to 5 (critical).
IMPORTANCE_RANGE = range(1, 6)
Importance = Annotated[int, Field(ge=1, le=5)]


class RoleRequirement(StrictModel):
    competency_id: Identifier
    level: int
    #: 1 (nice to have) to 5 (critical): weights the gap.
    importance: Importance = 3


class RoleProfile(StrictModel):
    id: Identifier
    name: LocalizedText
    description: LocalizedText = {}
    requirements: Annotated[list[RoleRequirement], Field(min_length=1, max_length=2000)]

    @model_validator(mode="after")
    def _unique(self) -> Self:
        seen: set[str] = set()
        for i, req in enumerate(self.requirements):
            if req.competency_id in seen:
                raise ValidationError(
                    [
                        Problem.of(
                            f"requirements[{i}]",
                            "problem.requirement.listed_twice",
                            competency=req.competency_id,
                        )
                    ]
                )
            seen.add(req.competency_id)
        return self

    def requirement(self, competency_id: str) -> RoleRequirement | None:
        return next((r for r in self.requirements if r.competency_id == competency_id), None)


def requirement_problems(
    requirement: RoleRequirement, framework: CompetencyFramework
) -> list[Problem]:
    """Why one requirement does not fit ``framework`` (fields ``competency_id``, ``level``)."""
    problem = framework.competency_problem(requirement.competency_id)
    if problem:
        return [problem.at("competency_id")]
    scale = framework.scale_for(requirement.competency_id)
    if scale.contains(requirement.level):
        return []
    return [
        Problem.of(
            "level",
            "problem.level.not_on_named_scale",
            level=requirement.level,
            scale=scale.id,
            values=scale.values,
        )
    ]


def check_role(role: RoleProfile, framework: CompetencyFramework) -> None:
    """Raise ValidationError unless each requirement names a competency and a level on its scale."""
    problems: list[Problem] = []
    for i, req in enumerate(role.requirements):
        field = f"{role.id}.requirements[{i}]"
        problems += [p.at(f"{field}.{p.field}") for p in requirement_problems(req, framework)]
    if problems:
        raise ValidationError(problems)


def roles_fit_problems(
    roles: Sequence[RoleProfile], framework: CompetencyFramework
) -> list[Problem]:
    """Every reason the roles do not fit ``framework`` (a framework changed after the role file
    was written: a competency gone or no longer rateable, a level off its new scale), each named
    ``<role id>.requirements[i].<field>``; empty when they all fit."""
    problems: list[Problem] = []
    for role in roles:
        try:
            check_role(role, framework)
        except ValidationError as error:
            problems += error.problems
    return problems
