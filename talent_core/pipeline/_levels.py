"""Levels of many people in many competencies as one matrix, and the rating each fit uses.

HR's pipeline measures 100,000 people against every role: the levels are a float matrix
(people × competencies, NaN where not rated), so a role's fit is a few array operations per
requirement instead of a loop over people.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .._errors import InputError

__all__ = ["LevelMatrix"]


@dataclass(frozen=True, slots=True)
class LevelMatrix:
    """Levels per person (rows, in the pipeline's order of people) and competency (columns).

    NaN is "not rated". A competency that is not a column is not rated by anyone.
    """

    competencies: tuple[str, ...]
    levels: npt.NDArray[np.float64]

    def __post_init__(self) -> None:
        if self.levels.ndim != 2 or self.levels.shape[1] != len(self.competencies):
            raise InputError(
                f"levels: a matrix of people × {len(self.competencies)} competencies, "
                f"not of shape {self.levels.shape}"
            )
        if len(set(self.competencies)) != len(self.competencies):
            raise InputError("levels: a competency is a column twice")

    @classmethod
    def empty(cls, people: int) -> LevelMatrix:
        """Nobody rated anything."""
        return cls((), np.empty((people, 0), dtype=np.float64))

    @classmethod
    def of(cls, competencies: Sequence[str], levels: npt.ArrayLike) -> LevelMatrix:
        return cls(tuple(competencies), np.asarray(levels, dtype=np.float64))

    @property
    def people(self) -> int:
        return int(self.levels.shape[0])

    def column(self, competency_id: str) -> npt.NDArray[np.float64]:
        """The levels in one competency (all NaN when it is not a column)."""
        try:
            return self.levels[:, self.competencies.index(competency_id)]
        except ValueError:
            return np.full(self.people, np.nan)
