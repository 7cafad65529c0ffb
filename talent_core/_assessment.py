"""Ratings, gap analysis against a role, and role fit.

Ratings from different sources (self, manager, peer, assessor) live side by side: a newer
rating replaces only an older one of the same source, a complaint users have of LMSs that
keep a single "current" rating.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from ._errors import Problem, ValidationError
from ._framework import CompetencyFramework, NodeType
from ._roles import RoleProfile
from ._text import Identifier, ShortText, StrictModel

__all__ = [
    "Gap",
    "Rating",
    "RatingSource",
    "RoleFit",
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
                Problem(
                    f"ratings[{i}].competency_id", f"unknown competency {rating.competency_id!r}"
                )
            )
            continue
        scale = framework.scale_for(rating.competency_id)
        if not scale.contains(rating.level):
            problems.append(
                Problem(f"ratings[{i}].level", f"{rating.level} is not on scale {scale.values}")
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


def gap_analysis(
    framework: CompetencyFramework, role: RoleProfile, levels: Mapping[str, int]
) -> list[Gap]:
    """Every requirement of the role with its gap, largest importance-weighted gap first."""
    gaps: list[Gap] = []
    for req in role.requirements:
        scale = framework.scale_for(req.competency_id)
        current = levels.get(req.competency_id)
        position = {v: i for i, v in enumerate(scale.values)}
        have = position.get(current, 0) if current is not None else 0
        need = position.get(req.level, len(position) - 1)
        size = max(0, need - have)
        span = max(1, len(position) - 1)
        gaps.append(
            Gap(
                competency_id=req.competency_id,
                required=req.level,
                current=current,
                importance=req.importance,
                size=size,
                weighted=req.importance * size / span,
            )
        )
    gaps.sort(key=lambda g: (-g.weighted, -g.size, -g.importance, g.competency_id))
    return gaps


@dataclass(frozen=True, slots=True)
class RoleFit:
    role_id: str
    #: 1.0 when every requirement is met; 0.0 when every one is at the bottom of its scale.
    fit: float
    open_gaps: tuple[Gap, ...]
    #: Hours of the framework's suggested activities for the open gaps: what the move would take.
    suggested_hours: float


def role_fit(
    framework: CompetencyFramework, roles: Iterable[RoleProfile], levels: Mapping[str, int]
) -> list[RoleFit]:
    """Roles ordered by how well a person's levels fit them, best first."""
    fits: list[RoleFit] = []
    for role in roles:
        gaps = gap_analysis(framework, role, levels)
        worst = sum(g.importance for g in gaps) or 1
        fit = 1.0 - sum(g.weighted for g in gaps) / worst
        open_gaps = tuple(g for g in gaps if g.size > 0)
        hours = 0.0
        for gap in open_gaps:
            node = framework.node(gap.competency_id)
            if node.type is NodeType.COMPETENCY and node.activities:
                hours += min(a.hours for a in node.activities) * gap.size
        fits.append(RoleFit(role.id, round(fit, 6), open_gaps, hours))
    fits.sort(key=lambda f: (-f.fit, f.suggested_hours, f.role_id))
    return fits
