"""What an export leaves behind, found by reading the exported file back and comparing.

Comparing with the re-import (rather than listing rules per format) keeps the notes true to
what the readers and writers really do.
"""

from __future__ import annotations

from .._framework import CompetencyFramework, NodeType
from .._text import localize
from ._io import IMPORT_FORMATS, read_framework, write_framework
from ._moodle import MAX_SHORTNAME
from ._openedx import MAX_TAG_DEPTH, taxonomy_tags

__all__ = ["export_losses"]

_NODE_FIELDS = {
    "parent_id": "place in the tree",
    "type": "node type (this format infers types from the shape of the tree)",
    "name": "name (the format holds one language)",
    "description": "description (the format holds one language)",
    "description_format": "description format",
    "level": "indicator level",
    "cross_references": "cross references",
    "scale_id": "own scale",
    "coaching_questions": "coaching questions",
    "activities": "development activities",
}
_FRAMEWORK_FIELDS = {
    "id": "framework id",
    "name": "framework name (the format holds one language)",
    "description": "framework description (the format holds one language)",
    "description_format": "framework description format",
    "version": "framework version",
    "default_language": "framework default language",
    "scale": "proficiency scale (values, labels, descriptors, default or proficient levels)",
    "extra_scales": "further scales",
    "taxonomy": "Moodle taxonomy terms",
}
SHOWN = 5


def _some(ids: list[str]) -> str:
    shown = ", ".join(ids[:SHOWN])
    return shown + (f" and {len(ids) - SHOWN} more" if len(ids) > SHOWN else "")


def _taxonomy_losses(framework: CompetencyFramework, language: str) -> list[str]:
    notes = [
        "Open edX tags carry ids, names and the tree only: descriptions, scales, levels, "
        "cross references, coaching questions and activities are not exported"
    ]
    skipped = [n.id for n in framework.nodes if n.type in (NodeType.LEVEL, NodeType.OTHER)]
    if skipped:
        notes.append(f"level and section nodes are not tags: {_some(skipped)}")
    tags = taxonomy_tags(framework, language)
    depth: dict[str, int] = {}
    for tag in tags:
        depth[tag["id"]] = depth[tag["parent_id"]] + 1 if "parent_id" in tag else 0
    deep = [tag_id for tag_id, d in depth.items() if d >= MAX_TAG_DEPTH]
    if deep:
        notes.append(f"Open edX shows three levels of tags; deeper tags stay hidden: {_some(deep)}")
    renamed = [t["id"] for t in tags if t["value"] != framework.node(t["id"]).name.get(language)]
    if renamed:
        notes.append(
            "tag values differ from the names in this language (missing translation, "
            f"reserved characters or a repeated name made unique): {_some(renamed)}"
        )
    return notes


def _moodle_limits(framework: CompetencyFramework, language: str) -> list[str]:
    fallbacks = (framework.default_language, "en")
    long_names = [
        n.id for n in framework.nodes if len(localize(n.name, language, fallbacks)) > MAX_SHORTNAME
    ]
    long_ids = [n.id for n in framework.nodes if len(n.id) > MAX_SHORTNAME]
    notes = []
    if long_names:
        notes.append(
            f"Moodle cuts short names after {MAX_SHORTNAME} characters: {_some(long_names)}"
        )
    if long_ids:
        notes.append(f"Moodle cuts id numbers after {MAX_SHORTNAME} characters: {_some(long_ids)}")
    return notes


def export_losses(
    framework: CompetencyFramework,
    fmt: str,
    *,
    language: str | None = None,
    written: bytes | None = None,
) -> list[str]:
    """Plain-language notes on what ``fmt`` does not keep of this framework (empty: nothing).

    ``written`` is the exported file when the caller has it already.
    """
    language = language or framework.default_language
    if fmt not in IMPORT_FORMATS:
        return _taxonomy_losses(framework, language)
    data = written if written is not None else write_framework(framework, fmt, language=language)
    back = read_framework(data, f"export.{fmt}", fmt, language=language)
    notes = [
        f"{label} not kept"
        for field, label in _FRAMEWORK_FIELDS.items()
        if getattr(framework, field) != getattr(back, field)
    ]
    if fmt == "moodle-csv":
        notes += _moodle_limits(framework, language)
    for field, label in _NODE_FIELDS.items():
        changed = [
            node.id
            for node in framework.nodes
            if not back.has_node(node.id)
            or getattr(back.node(node.id), field) != getattr(node, field)
        ]
        if changed:
            notes.append(f"{label} not kept for {len(changed)} node(s): {_some(changed)}")
    return notes
