"""What HR asks of a grouping: hard constraints and weighted soft goals."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Self

from pydantic import Field, model_validator

from .._text import Identifier, StrictModel

__all__ = ["AttributeGoal", "GroupingOptions", "ManagerRule", "Policy"]

Weight = Annotated[float, Field(ge=0, le=100)]
GroupSize = Annotated[int, Field(ge=2, le=50)]


class Policy(StrEnum):
    """CATME's choice per attribute: spread it over groups, keep it together, or leave it."""

    DISSIMILAR = "dissimilar"
    SIMILAR = "similar"
    IGNORE = "ignore"


class ManagerRule(StrEnum):
    """Who may not share a group: a person and their direct manager, or anyone up the line."""

    DIRECT = "direct"
    LINE = "line"


class AttributeGoal(StrictModel):
    policy: Policy = Policy.DISSIMILAR
    weight: Weight = 1.0

    @property
    def active(self) -> bool:
        return self.policy is not Policy.IGNORE and self.weight > 0


class GroupingOptions(StrictModel):
    """Options of a grouping; every pair is two person ids.

    Hard constraints: ``min_size``/``max_size``, ``same_language``, ``manager_rule``,
    ``together`` and ``apart``. Soft goals, each weighted (0 switches a goal off): the three
    attribute goals, ``timezone_weight`` (few time-zone bands of ``timezone_band_hours`` per
    group) and ``repeat_weight`` (no pair that already met in one of ``earlier_groups``).
    """

    min_size: GroupSize = 5
    max_size: GroupSize = 7
    same_language: bool = True
    manager_rule: ManagerRule = ManagerRule.DIRECT
    together: list[tuple[Identifier, Identifier]] = []
    apart: list[tuple[Identifier, Identifier]] = []
    #: Member ids of each group of earlier rounds.
    earlier_groups: list[list[Identifier]] = []
    department: AttributeGoal = AttributeGoal(weight=3.0)
    location: AttributeGoal = AttributeGoal(weight=1.0)
    seniority: AttributeGoal = AttributeGoal(weight=1.0)
    timezone_weight: Weight = 2.0
    timezone_band_hours: Annotated[int, Field(ge=1, le=24)] = 3
    repeat_weight: Weight = 3.0

    @model_validator(mode="after")
    def _sizes(self) -> Self:
        if self.min_size > self.max_size:
            raise ValueError(f"min_size {self.min_size} is larger than max_size {self.max_size}")
        return self
