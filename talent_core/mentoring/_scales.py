"""Proficiency levels of the competencies that mentoring data names, looked up once each."""

from __future__ import annotations

from collections.abc import Iterable

from .._errors import Problem
from .._framework import CompetencyFramework, NodeType
from ._model import Mentee, Mentor

__all__ = ["DEFAULT_LEVELS", "CompetencyScales"]

#: Levels of a strength when no framework says which scale a competency uses.
DEFAULT_LEVELS: tuple[int, ...] = (1, 2, 3, 4, 5)


class CompetencyScales:
    """The levels of each competency that mentoring data names, looked up once per competency.

    With a framework, a competency must be one of its competencies and takes its scale;
    without one, every competency is rated 1–5 (``DEFAULT_LEVELS``).
    """

    def __init__(self, framework: CompetencyFramework | None) -> None:
        self.framework = framework
        self._levels: dict[str, list[int] | Problem] = {}

    def levels(self, competency: str) -> list[int] | Problem:
        """The scale's level values, or why the competency cannot be used."""
        known = self._levels.get(competency)
        if known is None:
            known = self._levels[competency] = self._look_up(competency)
        return known

    def _look_up(self, competency: str) -> list[int] | Problem:
        framework = self.framework
        if framework is None:
            return list(DEFAULT_LEVELS)
        if not framework.has_node(competency):
            return Problem.of(
                "", "problem.competency.unknown_in", id=competency, framework=framework.id
            )
        node_type = framework.node(competency).type
        if node_type is not NodeType.COMPETENCY:
            return Problem.of(
                "", "problem.competency.not_a_competency", id=competency, type=node_type.value
            )
        return framework.scale_for(competency).values

    def problems(self, participant: Mentee | Mentor) -> list[Problem]:
        """Focus gaps and strength levels the scales reject.

        Fields are relative to the participant: ``focus.<id>`` or ``strengths.<id>``.
        """
        problems: list[Problem] = []
        items: Iterable[tuple[str, str, int]] = (
            [("focus", c, size) for c, size in participant.focus.items()]
            if isinstance(participant, Mentee)
            else [("strengths", c, level) for c, level in participant.strengths.items()]
        )
        for kind, competency, value in items:
            field = f"{kind}.{competency}"
            levels = self.levels(competency)
            if isinstance(levels, Problem):
                problems.append(levels.at(field))
            elif kind == "strengths" and value not in levels:
                problems.append(
                    Problem.of(field, "problem.level.not_on_the_scale", level=value, levels=levels)
                )
            elif kind == "focus" and value > len(levels) - 1:
                problems.append(
                    Problem.of(
                        field,
                        "problem.gap.too_large",
                        gap=value,
                        levels=levels,
                        most=len(levels) - 1,
                    )
                )
        return problems
