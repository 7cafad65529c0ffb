"""Ratings, gap analysis against a role, and role fit.

Ratings from different sources (self, manager, peer, assessor) live side by side: a newer
rating replaces only an older one of the same source, a complaint users have of LMSs that
keep a single "current" rating.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from ._errors import Problem, ValidationError
from ._framework import CompetencyFramework, NodeType
from ._roles import RoleProfile, RoleRequirement
from ._text import Identifier, ShortText, StrictModel

__all__ = [
    "Gap",
    "Rating",
    "RatingSource",
    "RoleFit",
    "RoleGaps",
    "check_ratings",
    "gap_analysis",
    "latest_ratings",
    "levels_from",
    "role_fit",
]


class RatingSource(StrEnum):
    SELF = "self"
    MANAGER = "manager"
    PEER = "peer"
    ASSESSOR = "assessor"  # recognition of prior learning (RPL / EVC)


class Rating(StrictModel):
    competency_id: Identifier
    level: int
    source: RatingSource = RatingSource.SELF
    rated_on: dt.date
    rater: ShortText = ""
    note: Annotated[str, Field(max_length=2000)] = ""


def check_ratings(ratings: Iterable[Rating], framework: CompetencyFramework) -> None:
    """Raise ValidationError unless each rating is of a known competency and on its scale."""
    problems: list[Problem] = []
    for i, rating in enumerate(ratings):
        if not framework.has_node(rating.competency_id):
            problems.append(
                Problem.of(
                    f"ratings[{i}].competency_id",
                    "problem.competency.unknown",
                    id=rating.competency_id,
                )
            )
            continue
        scale = framework.scale_for(rating.competency_id)
        if not scale.contains(rating.level):
            problems.append(
                Problem.of(
                    f"ratings[{i}].level",
                    "problem.level.not_on_scale",
                    level=rating.level,
                    values=scale.values,
                )
            )
    if problems:
        raise ValidationError(problems)


def latest_ratings(ratings: Iterable[Rating]) -> dict[str, dict[RatingSource, Rating]]:
    """Newest rating per competency and source; later entries win ties on the same date."""
    result: dict[str, dict[RatingSource, Rating]] = {}
    for rating in ratings:
        per_source = result.setdefault(rating.competency_id, {})
        old = per_source.get(rating.source)
        if old is None or rating.rated_on >= old.rated_on:
            per_source[rating.source] = rating
    return result


def levels_from(
    ratings: Iterable[Rating],
    sources: Sequence[RatingSource] = (RatingSource.SELF,),
) -> dict[str, int]:
    """Current level per competency, taking the first source in ``sources`` that rated it."""
    latest = latest_ratings(ratings)
    levels: dict[str, int] = {}
    for competency_id, per_source in latest.items():
        for source in sources:
            if source in per_source:
                levels[competency_id] = per_source[source].level
                break
    return levels


@dataclass(frozen=True, slots=True)
class Gap:
    competency_id: str
    required: int
    #: ``None`` when not rated: counted as the bottom of the scale.
    current: int | None
    importance: int
    #: Scale steps still to climb (0 when met or exceeded).
    size: int
    #: ``size`` as a share of the scale's span, times importance: comparable across scales.
    weighted: float


def _largest_first(gap: Gap) -> tuple[float, int, int, str]:
    """docs/figures.md, "Gap analysis": the larger weighted gap first; among equal ones the
    more steps, then the more important requirement, then the competency id (A before Z)."""
    return (-gap.weighted, -gap.size, -gap.importance, gap.competency_id)


def _off_scale(req: RoleRequirement, position: dict[int, int], level: int) -> ValidationError:
    return ValidationError(
        [
            Problem.of(
                req.competency_id,
                "problem.level.not_on_competency_scale",
                level=level,
                competency=req.competency_id,
                values=list(position),
            )
        ]
    )


def _gap(
    req: RoleRequirement, position: dict[int, int], need: int, span: int, current: int | None
) -> Gap:
    if current is not None and current not in position:
        raise _off_scale(req, position, current)
    have = position[current] if current is not None else 0
    size = max(0, need - have)
    return Gap(
        competency_id=req.competency_id,
        required=req.level,
        current=current,
        importance=req.importance,
        size=size,
        weighted=req.importance * size / span,
    )


class RoleGaps:
    """The gaps of many people against one role: each requirement's scale is looked up once.

    HR's report over 100,000 learners measures each against the same role; this keeps the
    framework's tree walks out of the per-person work.
    """

    __slots__ = ("_requirements",)

    def __init__(self, framework: CompetencyFramework, role: RoleProfile) -> None:
        self._requirements: list[tuple[RoleRequirement, dict[int, int], int, int]] = []
        for req in role.requirements:
            scale = framework.scale_for(req.competency_id)
            position = {v: i for i, v in enumerate(scale.values)}
            need = position.get(req.level, len(position) - 1)
            span = max(1, len(position) - 1)
            self._requirements.append((req, position, need, span))

    def gaps(self, levels: Mapping[str, int]) -> list[Gap]:
        """Every requirement with its gap, largest importance-weighted gap first.

        Raises ValidationError for a level that is not on its competency's scale (a 5 on a
        1–4 scale is refused, not read as the bottom).
        """
        found = [
            _gap(req, position, need, span, levels.get(req.competency_id))
            for req, position, need, span in self._requirements
        ]
        found.sort(key=_largest_first)
        return found

    def largest_open(self, levels: Mapping[str, int], limit: int) -> list[Gap]:
        """The ``limit`` largest gaps still open among the requirements rated in ``levels``.

        Raises ValidationError for a level that is not on its competency's scale.
        """
        found = []
        for req, position, need, span in self._requirements:
            current = levels.get(req.competency_id)
            if current is not None and current not in position:
                raise _off_scale(req, position, current)
            if current is not None and need > position[current]:
                found.append(_gap(req, position, need, span, current))
        return heapq.nsmallest(limit, found, key=_largest_first)


def gap_analysis(
    framework: CompetencyFramework, role: RoleProfile, levels: Mapping[str, int]
) -> list[Gap]:
    """Every requirement of the role with its gap, largest importance-weighted gap first.

    An unrated requirement (``current`` None) counts as the bottom of its scale; a level not on
    its scale raises ValidationError. docs/figures.md, "Gap analysis".
    """
    return RoleGaps(framework, role).gaps(levels)


@dataclass(frozen=True, slots=True)
class RoleFit:
    """How close a person is to a role, and what the move would take (docs/figures.md,
    "Role fit")."""

    role_id: str
    #: 1 − Σ weighted gaps / Σ importances, to 6 decimals: 1.0 when every requirement is met;
    #: 0.0 only when every requirement asks for the top of its scale and the person is at the
    #: bottom of each. A role asking for less is closer to a beginner than one asking for more.
    fit: float
    open_gaps: tuple[Gap, ...]
    #: For each open gap, the hours of the competency's shortest suggested activity times the
    #: steps still to climb, summed: the least the framework's activities would take (a gap
    #: whose competency suggests no activity adds nothing; see ``unestimated``).
    suggested_hours: float
    #: Open gaps whose competency suggests no activity, so ``suggested_hours`` leaves them out.
    unestimated: int = 0


def role_fit(
    framework: CompetencyFramework, roles: Iterable[RoleProfile], levels: Mapping[str, int]
) -> list[RoleFit]:
    """Roles ordered by how well a person's levels fit them, best first; among equal fits the
    one that takes fewer suggested hours, then the role id.

    The learner asks "which roles am I closest to, and what would each take": the fit keeps the
    absolute distance (each gap as a share of its whole scale, weighted by importance), so a
    beginner sees which roles ask for less. Dividing by each role's own largest possible gap
    instead would make a beginner fit every role 0.0 and hide that. docs/figures.md, "Role fit".
    """
    fits: list[RoleFit] = []
    for role in roles:
        gaps = gap_analysis(framework, role, levels)
        worst = sum(g.importance for g in gaps) or 1
        fit = 1.0 - sum(g.weighted for g in gaps) / worst
        open_gaps = tuple(g for g in gaps if g.size > 0)
        hours, unestimated = 0.0, 0
        for gap in open_gaps:
            node = framework.node(gap.competency_id)
            if node.type is NodeType.COMPETENCY and node.activities:
                hours += min(a.hours for a in node.activities) * gap.size
            else:
                unestimated += 1
        fits.append(RoleFit(role.id, round(fit, 6), open_gaps, hours, unestimated))
    fits.sort(key=lambda f: (-f.fit, f.suggested_hours, f.role_id))
    return fits
