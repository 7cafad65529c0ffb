"""Competency frameworks: a tree of clusters, competencies and behaviour indicators.

Nodes are kept as a flat list with parent ids (the shape Moodle, CASE and Open edX
taxonomies all use) and the framework indexes them once, so look-ups stay O(1) for
frameworks with thousands of nodes.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from typing import Annotated, Literal, Self

from pydantic import Field, PrivateAttr, model_validator

from ._errors import Problem, ValidationError
from ._scale import ProficiencyScale
from ._text import Identifier, LanguageCode, LocalizedText, ShortText, StrictModel

__all__ = [
    "MAX_DEPTH",
    "CoachingQuestion",
    "CompetencyFramework",
    "CompetencyNode",
    "DevelopmentActivity",
    "ExternalReference",
    "LearningMode",
    "NodeType",
]

#: Deepest tree a framework may be (levels, the top level being 1): checked on every read, so
#: walking up from any node (``ancestors``) stays short and every export stays linear.
MAX_DEPTH = 64


class LearningMode(StrEnum):
    """Where and how learning happens: the blend of a development plan."""

    ON_THE_JOB = "on_the_job"
    WITH_OTHERS = "with_others"  # mentoring, intervision, coaching
    HOME_STUDY = "home_study"
    ONLINE = "online"
    CLASSROOM = "classroom"


class NodeType(StrEnum):
    """What a node is. Formats map their own vocabularies onto these and keep the original."""

    CLUSTER = "cluster"
    COMPETENCY = "competency"
    INDICATOR = "indicator"
    LEVEL = "level"
    OTHER = "other"


class CoachingQuestion(StrictModel):
    """A question for self-reflection or for the development dialogue with a manager or coach."""

    id: Identifier
    text: LocalizedText
    purpose: Literal["reflection", "dialogue", "both"] = "both"


class DevelopmentActivity(StrictModel):
    """A suggested way to grow a competency, with its learning mode and effort."""

    id: Identifier
    title: LocalizedText
    description: LocalizedText = {}
    mode: LearningMode
    hours: Annotated[float, Field(ge=0, le=2000)]


class ExternalReference(StrictModel):
    """A link between a node and an item of another framework (a CASE association such as
    ``exactMatchOf`` or ``isRelatedTo`` to an item outside the package), kept as it came:
    published frameworks point at each other, and the other item is not ours to check."""

    #: The CASE association type, e.g. ``exactMatchOf``, ``isRelatedTo``, ``isPeerOf``.
    association: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z]+$")]
    #: The other item's identifier (a CASE identifier is a UUID) and, when known, its URI
    #: and title.
    identifier: Annotated[str, Field(min_length=1, max_length=200)]
    uri: ShortText = ""
    title: ShortText = ""
    #: True when the other item points at this node (the node is the association's
    #: destination), False when this node points at it.
    inbound: bool = False


class CompetencyNode(StrictModel):
    id: Identifier
    parent_id: Identifier | None = None
    type: NodeType = NodeType.COMPETENCY
    name: LocalizedText
    description: LocalizedText = {}
    description_format: Literal["plain", "html", "markdown"] = "plain"
    #: For an indicator: the proficiency level whose behaviour it describes.
    level: int | None = None
    cross_references: list[Identifier] = []
    #: Links to items of other frameworks (kept, never checked; see ExternalReference).
    external_references: Annotated[list[ExternalReference], Field(max_length=100)] = []
    #: Its own scale (an id from the framework's scales); else the parent's, else the framework's.
    scale_id: Identifier | None = None
    coaching_questions: Annotated[list[CoachingQuestion], Field(max_length=100)] = []
    activities: Annotated[list[DevelopmentActivity], Field(max_length=100)] = []
    #: Format-specific data kept for lossless round trips, e.g. ``{"moodle:ruletype": "..."}``.
    extensions: dict[ShortText, str] = {}

    @model_validator(mode="after")
    def _has_name(self) -> Self:
        if not self.name:
            raise ValueError("a node needs a name in at least one language")
        return self


class CompetencyFramework(StrictModel):
    id: Identifier
    name: LocalizedText
    description: LocalizedText = {}
    description_format: Literal["plain", "html", "markdown"] = "plain"
    version: ShortText = "1"
    default_language: LanguageCode = "en"
    scale: ProficiencyScale
    #: Further scales that single nodes may use through ``scale_id``.
    extra_scales: list[ProficiencyScale] = []
    #: Moodle's taxonomy term per depth of the tree, kept for round trips.
    taxonomy: list[ShortText] = []
    nodes: Annotated[list[CompetencyNode], Field(max_length=50_000)] = []
    extensions: dict[ShortText, str] = {}

    _index: dict[str, CompetencyNode] = PrivateAttr(default_factory=dict)
    _children: dict[str | None, list[CompetencyNode]] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        problems: list[Problem] = []
        index: dict[str, CompetencyNode] = {}
        children: dict[str | None, list[CompetencyNode]] = {}
        for i, node in enumerate(self.nodes):
            if node.id in index:
                problems.append(
                    Problem.of(f"nodes[{i}].id", "problem.node.duplicate_id", id=node.id)
                )
            index[node.id] = node
        for i, node in enumerate(self.nodes):
            if node.parent_id is not None and node.parent_id not in index:
                problems.append(
                    Problem.of(
                        f"nodes[{i}].parent_id",
                        "problem.node.unknown_parent",
                        parent=node.parent_id,
                    )
                )
            children.setdefault(node.parent_id, []).append(node)
            for ref in node.cross_references:
                if ref not in index:
                    problems.append(
                        Problem.of(f"nodes[{i}].cross_references", "problem.node.unknown", id=ref)
                    )
        scales = {s.id for s in self.all_scales()}
        if len(scales) != 1 + len(self.extra_scales):
            problems.append(Problem.of("extra_scales", "problem.scale.ids_not_unique"))
        for i, node in enumerate(self.nodes):
            if node.scale_id is not None and node.scale_id not in scales:
                problems.append(
                    Problem.of(f"nodes[{i}].scale_id", "problem.scale.unknown", id=node.scale_id)
                )
            for kind, ids in (
                ("coaching_questions", [q.id for q in node.coaching_questions]),
                ("activities", [a.id for a in node.activities]),
            ):
                seen: set[str] = set()
                for j, item_id in enumerate(ids):
                    if item_id in seen:
                        problems.append(
                            Problem.of(
                                f"nodes[{i}].{kind}[{j}].id", "problem.duplicate_id", id=item_id
                            )
                        )
                    seen.add(item_id)
        self._index, self._children = index, children
        if not problems:
            problems += self._cycles()
        if not problems:
            for i, node in enumerate(self.nodes):
                if node.level is not None:
                    scale = self.scale_for(node.id)
                    if not scale.contains(node.level):
                        problems.append(
                            Problem.of(
                                f"nodes[{i}].level",
                                "problem.level.not_on_named_scale",
                                level=node.level,
                                scale=scale.id,
                                values=scale.values,
                            )
                        )
        if problems:
            raise ValidationError(problems)
        return self

    def _cycles(self) -> list[Problem]:
        """A parent cycle, named at the node that closes it (the one of the cycle last in the
        file), or a node deeper than ``MAX_DEPTH``; one pass over the tree."""
        position = {node.id: i for i, node in enumerate(self.nodes)}
        depth: dict[str, int] = {}
        for start in self._index:
            path: list[str] = []
            on_path: set[str] = set()
            current: str | None = start
            while current is not None and current not in depth:
                if current in on_path:
                    cycle = path[path.index(current) :]
                    closing = max(cycle, key=position.__getitem__)
                    at = cycle.index(closing)
                    loop = " → ".join([*cycle[at:], *cycle[:at], closing])
                    return [
                        Problem.of(
                            f"nodes[{position[closing]}].parent_id",
                            "problem.node.cycle",
                            id=closing,
                            loop=loop,
                        )
                    ]
                path.append(current)
                on_path.add(current)
                current = self._index[current].parent_id
            base = -1 if current is None else depth[current]
            for offset, node_id in enumerate(reversed(path), start=1):
                depth[node_id] = base + offset
        too_deep = [node_id for node_id, d in depth.items() if d >= MAX_DEPTH]
        if too_deep:
            first = min(too_deep, key=position.__getitem__)
            return [
                Problem.of(
                    f"nodes[{position[first]}].parent_id",
                    "problem.node.too_deep",
                    depth=depth[first] + 1,
                    most=MAX_DEPTH,
                )
            ]
        return []

    # -- navigation -------------------------------------------------------------------------

    def node(self, node_id: str) -> CompetencyNode:
        try:
            return self._index[node_id]
        except KeyError:
            raise KeyError(f"unknown competency {node_id!r} in framework {self.id!r}") from None

    def has_node(self, node_id: str) -> bool:
        return node_id in self._index

    def competency_problem(self, node_id: str) -> Problem | None:
        """Why ``node_id`` cannot be rated, required or planned for (placed with
        :meth:`Problem.at`); None when it can."""
        if not self.has_node(node_id):
            return Problem.of("", "problem.competency.unknown", id=node_id)
        if self.node(node_id).type is not NodeType.COMPETENCY:
            return Problem.of("", "problem.competency.not_rateable", id=node_id)
        return None

    def children(self, node_id: str | None = None) -> list[CompetencyNode]:
        """Children in file order; ``None`` gives the top-level nodes."""
        return list(self._children.get(node_id, ()))

    def roots(self) -> list[CompetencyNode]:
        return self.children(None)

    def ancestors(self, node_id: str) -> list[CompetencyNode]:
        """Parent first, root last."""
        result: list[CompetencyNode] = []
        parent = self.node(node_id).parent_id
        while parent is not None:
            result.append(self._index[parent])
            parent = self._index[parent].parent_id
        return result

    def depth(self, node_id: str) -> int:
        return len(self.ancestors(node_id))

    def walk(self, node_id: str | None = None) -> Iterator[tuple[CompetencyNode, int]]:
        """Pre-order (node, depth) below ``node_id`` (the whole tree for ``None``)."""
        base = -1 if node_id is None else self.depth(node_id)
        stack = [(child, base + 1) for child in reversed(self.children(node_id))]
        while stack:
            node, depth = stack.pop()
            yield node, depth
            stack.extend((child, depth + 1) for child in reversed(self.children(node.id)))

    def competencies(self, under: str | None = None) -> list[CompetencyNode]:
        """The rateable competencies (type ``competency``), in tree order."""
        return [node for node, _ in self.walk(under) if node.type is NodeType.COMPETENCY]

    def clusters(self) -> list[CompetencyNode]:
        return [node for node, _ in self.walk() if node.type is NodeType.CLUSTER]

    def indicators(self, competency_id: str, level: int | None = None) -> list[CompetencyNode]:
        """Behaviour indicators under a competency, optionally of one level."""
        return [
            node
            for node in self.children(competency_id)
            if node.type is NodeType.INDICATOR and (level is None or node.level == level)
        ]

    def all_scales(self) -> list[ProficiencyScale]:
        return [self.scale, *self.extra_scales]

    def scale_for(self, node_id: str) -> ProficiencyScale:
        """The node's own scale, else the nearest ancestor's, else the framework's."""
        by_id = {s.id: s for s in self.all_scales()}
        for node in [self.node(node_id), *self.ancestors(node_id)]:
            if node.scale_id is not None:
                return by_id[node.scale_id]
        return self.scale

    def languages(self) -> set[str]:
        """Every language any name of the framework is given in."""
        found: set[str] = set(self.name)
        for node in self.nodes:
            found.update(node.name)
        return found
