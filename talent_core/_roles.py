"""Role profiles: what a role asks of each competency."""

from __future__ import annotations

from typing import Annotated, Self

from pydantic import Field, model_validator

from ._errors import Problem, ValidationError
from ._framework import CompetencyFramework
from ._text import Identifier, LocalizedText, StrictModel

__all__ = ["RoleProfile", "RoleRequirement", "check_role"]

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


def check_role(role: RoleProfile, framework: CompetencyFramework) -> None:
    """Raise ValidationError unless each requirement names a competency and a level on its scale."""
    problems: list[Problem] = []
    for i, req in enumerate(role.requirements):
        field = f"{role.id}.requirements[{i}]"
        problem = framework.competency_problem(req.competency_id)
        if problem:
            problems.append(problem.at(f"{field}.competency_id"))
        if not framework.has_node(req.competency_id):
            continue
        scale = framework.scale_for(req.competency_id)
        if not scale.contains(req.level):
            problems.append(
                Problem.of(
                    f"{field}.level",
                    "problem.level.not_on_named_scale",
                    level=req.level,
                    scale=scale.id,
                    values=scale.values,
                )
            )
    if problems:
        raise ValidationError(problems)
