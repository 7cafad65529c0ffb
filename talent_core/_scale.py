"""Proficiency scales: the ordered levels a competency is rated on."""

from __future__ import annotations

import itertools
from typing import Annotated, Self

from pydantic import Field, model_validator

from ._text import Identifier, LocalizedText, StrictModel

__all__ = ["ProficiencyLevel", "ProficiencyScale"]


class ProficiencyLevel(StrictModel):
    """One step of a scale. ``proficient`` marks the levels that count as "competent" (Moodle)."""

    value: Annotated[int, Field(ge=0, le=100)]
    label: LocalizedText
    descriptor: LocalizedText = {}
    proficient: bool = False

    @model_validator(mode="after")
    def _has_label(self) -> Self:
        if not self.label:
            raise ValueError("a level needs a label in at least one language")
        return self


class ProficiencyScale(StrictModel):
    """Ordered levels, lowest first; a rating must be one of their values."""

    id: Identifier
    name: LocalizedText = {}
    levels: Annotated[list[ProficiencyLevel], Field(min_length=2, max_length=20)]
    default_value: int | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        values = [level.value for level in self.levels]
        if any(b <= a for a, b in itertools.pairwise(values)):
            raise ValueError(f"level values must rise strictly, got {values}")
        if self.default_value is not None and self.default_value not in values:
            raise ValueError(f"default_value {self.default_value} is not a level of the scale")
        return self

    @property
    def values(self) -> list[int]:
        return [level.value for level in self.levels]

    @property
    def min_value(self) -> int:
        return self.levels[0].value

    @property
    def max_value(self) -> int:
        return self.levels[-1].value

    def contains(self, value: int) -> bool:
        return any(level.value == value for level in self.levels)

    def level(self, value: int) -> ProficiencyLevel:
        for level in self.levels:
            if level.value == value:
                return level
        raise KeyError(f"{value} is not a level of scale {self.id!r} (levels: {self.values})")
