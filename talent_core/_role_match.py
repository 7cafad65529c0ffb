"""Where a learner fits and what they can build on: the roles they fit best, and strengths.

The learner's result page asks two questions after a self-assessment: "which of the roles on
offer am I closest to, and what would each take" (:func:`rank_roles`, over
:func:`~talent_core.role_fit`) and "what am I already good at for this role"
(:func:`strengths`). Both are pure, and the order is deterministic, so every face shows the same
ranking (docs/figures.md, "Role fit").
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from ._assessment import RoleFit, role_fit
from ._framework import CompetencyFramework
from ._roles import RoleProfile

__all__ = ["TOP_ROLES", "Strength", "rank_roles", "strengths"]

#: Roles the learner's result page shows as the best fits.
TOP_ROLES = 3


def rank_roles(
    framework: CompetencyFramework,
    roles: Iterable[RoleProfile],
    levels: Mapping[str, int],
    *,
    allowed: Collection[str] | None = None,
    limit: int | None = TOP_ROLES,
    rated_only: bool = False,
) -> list[RoleFit]:
    """The ``limit`` roles (all when None) among ``allowed`` (all of ``roles`` when None) that
    ``levels`` fit best, best first, each with its open gaps, largest importance-weighted first.

    Ties are broken the same way everywhere: the higher fit, then fewer suggested hours, then
    the role id, so the order never depends on the order the roles were given in. A level off
    its competency's scale raises ValidationError (as :func:`~talent_core.gap_analysis`).

    ``rated_only`` measures each role on the requirements ``levels`` rates (a self-assessment
    that rates one cluster says nothing about the rest) and leaves out roles with none rated.
    """
    offered = {r.id: r for r in roles if allowed is None or r.id in allowed}
    if rated_only:
        offered = {
            role_id: role.model_copy(
                update={"requirements": [q for q in role.requirements if q.competency_id in levels]}
            )
            for role_id, role in offered.items()
            if any(q.competency_id in levels for q in role.requirements)
        }
    ranked = role_fit(framework, offered.values(), levels)
    return ranked if limit is None else ranked[: max(0, limit)]


@dataclass(frozen=True, slots=True)
class Strength:
    """A competency where the learner is at or above what the role asks."""

    competency_id: str
    required: int
    current: int
    importance: int
    #: Scale steps above what the role asks (0: exactly there).
    above: int


def strengths(
    framework: CompetencyFramework, role: RoleProfile, levels: Mapping[str, int]
) -> list[Strength]:
    """The role's requirements the learner meets or exceeds (rated levels only), the most
    important first, then the furthest above, then the competency id.

    A level not on its competency's scale is no strength (the gap analysis refuses it)."""
    found: list[Strength] = []
    for req in role.requirements:
        current = levels.get(req.competency_id)
        if current is None or not framework.has_node(req.competency_id):
            continue
        values = list(framework.scale_for(req.competency_id).values)
        if current not in values:
            continue
        need = values.index(req.level) if req.level in values else len(values) - 1
        have = values.index(current)
        if have >= need:
            found.append(
                Strength(req.competency_id, req.level, current, req.importance, have - need)
            )
    found.sort(key=lambda s: (-s.importance, -s.above, s.competency_id))
    return found
