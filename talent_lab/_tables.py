"""Frameworks and role profiles as pandas tables, for display and for HR's own analysis.

Column names are stable identifiers (not translated) so that code written against a table
keeps working whatever language the names in its cells are shown in.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from talent_core import CompetencyFramework, CompetencyNode, LearningMode, NodeType, RoleProfile
from talent_core import localize as localize_text

__all__ = ["COMPETENCY_COLUMNS", "competency_table", "required_levels"]

COMPETENCY_COLUMNS: tuple[str, ...] = (
    "cluster",
    "competency_id",
    "name",
    "indicators",
    "questions",
    "activities",
    "modes",
)
_KEY_COLUMNS = COMPETENCY_COLUMNS[:3]


def _cluster_of(framework: CompetencyFramework, node_id: str) -> CompetencyNode | None:
    """The nearest cluster above a node, else its top-level ancestor (None for a root)."""
    ancestors = framework.ancestors(node_id)
    cluster = next((a for a in ancestors if a.type is NodeType.CLUSTER), None)
    return cluster or (ancestors[-1] if ancestors else None)


def _key_cells(framework: CompetencyFramework, node: CompetencyNode, language: str) -> list[str]:
    cluster = _cluster_of(framework, node.id)
    return [
        localize_text(cluster.name, language) if cluster else "",
        node.id,
        localize_text(node.name, language),
    ]


def competency_table(framework: CompetencyFramework, language: str) -> pd.DataFrame:
    """One row per competency in tree order; ``modes`` lists the learning modes it offers."""
    rows = []
    for node in framework.competencies():
        offered = {activity.mode for activity in node.activities}
        rows.append(
            [
                *_key_cells(framework, node, language),
                len(framework.indicators(node.id)),
                len(node.coaching_questions),
                len(node.activities),
                ", ".join(mode.value for mode in LearningMode if mode in offered),
            ]
        )
    return pd.DataFrame(rows, columns=list(COMPETENCY_COLUMNS)).astype(
        {"indicators": "int64", "questions": "int64", "activities": "int64"}
    )


def required_levels(
    framework: CompetencyFramework, roles: Sequence[RoleProfile], language: str
) -> pd.DataFrame:
    """Competencies against roles: one column per role id with its required level (NA: none).

    The roles must fit the framework (``talent_core.check_role``); a requirement naming a
    competency the framework lacks raises KeyError.
    """
    columns = {role.id: {r.competency_id: r.level for r in role.requirements} for role in roles}
    for role_id, levels in columns.items():
        unknown = [c for c in levels if not framework.has_node(c)]
        if unknown:
            raise KeyError(f"role {role_id!r} names unknown competencies {unknown}")
    rows = [
        [
            *_key_cells(framework, node, language),
            *(levels.get(node.id) for levels in columns.values()),
        ]
        for node in framework.competencies()
    ]
    table = pd.DataFrame(rows, columns=[*_KEY_COLUMNS, *columns])
    return table.astype({role_id: "Int64" for role_id in columns})
