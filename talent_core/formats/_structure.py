"""Node types from the shape of the tree, for formats that do not say what a node is.

Moodle's CSV has a taxonomy term per depth that is usually just "competency" everywhere, and
CASE items may lack a known ``CFItemType``. The rules, in order:

1. A *level group* is a node whose children are all leaves and are cross-referenced by
   indicators (see 2) of at least two other competencies (the OECD "Levels" branch, whose
   "Level 1" is referenced by the behaviour indicators of many competencies). Its children
   are ``level`` nodes and the group itself is ``other``.
2. Below the top level, a node whose children are all leaves is a ``competency`` and its
   children are ``indicator`` nodes. Leaves anywhere else (also the leaf children of a
   top-level node) are competencies.
3. Every other inner node is a ``cluster``, except a top-level node that sits beside a level
   group and holds only clusters: that is a section of the framework (``other``), like OECD's
   "Competencies" branch.
4. Where a Moodle taxonomy is informative (not "competency" at every depth), its terms win:
   behaviour/indicator, level/proficiency, domain/concept/practice and
   competency/skill/outcome name the types of their depth.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .._framework import NodeType

__all__ = ["TAXONOMY_TYPES", "Shape", "infer_types"]

TAXONOMY_TYPES: dict[str, NodeType] = {
    "behaviour": NodeType.INDICATOR,
    "indicator": NodeType.INDICATOR,
    "level": NodeType.LEVEL,
    "proficiency": NodeType.LEVEL,
    "domain": NodeType.CLUSTER,
    "concept": NodeType.CLUSTER,
    "practice": NodeType.CLUSTER,
    "competency": NodeType.COMPETENCY,
    "skill": NodeType.COMPETENCY,
    "outcome": NodeType.COMPETENCY,
}


@dataclass(frozen=True, slots=True)
class Shape:
    """What the inference needs of a node: its id, its parent and its cross references."""

    id: str
    parent_id: str | None
    cross_references: Sequence[str] = ()


def _depths(parents: dict[str, str | None]) -> dict[str, int]:
    depths: dict[str, int] = {}
    for start in parents:
        path: list[str] = []
        on_path: set[str] = set()
        current: str | None = start
        while current is not None and current not in depths and current not in on_path:
            path.append(current)
            on_path.add(current)
            current = parents.get(current)
        base = depths.get(current, -1) if current is not None else -1
        for offset, node_id in enumerate(reversed(path)):
            depths[node_id] = base + 1 + offset
    return depths


def infer_types(nodes: Sequence[Shape], taxonomy: Sequence[str] = ()) -> dict[str, NodeType]:
    """The type of each node id by the rules of this module (broken links count as roots)."""
    ids = {node.id for node in nodes}
    parents = {n.id: (n.parent_id if n.parent_id in ids else None) for n in nodes}
    children: dict[str | None, list[str]] = {}
    for node_id, parent in parents.items():
        children.setdefault(parent, []).append(node_id)
    is_leaf = {node_id: not children.get(node_id) for node_id in ids}
    leaves_only = {p: all(is_leaf[k] for k in kids) for p, kids in children.items() if p}

    def indicator_like(node_id: str) -> bool:
        parent = parents[node_id]
        return (
            is_leaf[node_id]
            and parent is not None
            and parents[parent] is not None
            and leaves_only[parent]
        )

    referrers: dict[str, set[str | None]] = {}
    for node in nodes:
        if indicator_like(node.id):
            for ref in node.cross_references:
                referrers.setdefault(ref, set()).add(parents[node.id])

    types: dict[str, NodeType] = {}
    level_groups: set[str] = set()
    for node_id in ids:
        kids = children.get(node_id, [])
        if not kids or not leaves_only[node_id]:
            continue
        other_parents = set().union(*(referrers.get(k, set()) for k in kids)) - {node_id}
        if len(other_parents) >= 2:
            level_groups.add(node_id)
            types[node_id] = NodeType.OTHER
            types.update((k, NodeType.LEVEL) for k in kids)

    for node_id in ids:
        if node_id in types:
            continue
        kids = children.get(node_id, [])
        if not kids:
            types[node_id] = NodeType.INDICATOR if indicator_like(node_id) else NodeType.COMPETENCY
        elif parents[node_id] is not None and leaves_only[node_id]:
            types[node_id] = NodeType.COMPETENCY
        else:
            types[node_id] = NodeType.CLUSTER

    if level_groups & set(children.get(None, [])):
        for root in children.get(None, []):
            kids = children.get(root, [])
            if kids and all(types[k] is NodeType.CLUSTER for k in kids):
                types[root] = NodeType.OTHER

    if any(term and term != "competency" for term in taxonomy):
        depths = _depths(parents)
        for node_id, depth in depths.items():
            term = taxonomy[depth] if depth < len(taxonomy) else ""
            if term in TAXONOMY_TYPES:
                types[node_id] = TAXONOMY_TYPES[term]
    return types
