"""What an export leaves behind, found by reading the exported file back and comparing.

Comparing with the re-import (rather than listing rules per format) keeps the notes true to
what the readers and writers really do.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .._framework import CompetencyFramework, NodeType
from .._scale import ProficiencyScale
from .._text import localize
from ._io import IMPORT_FORMATS, read_framework, write_framework
from ._moodle import MAX_SHORTNAME
from ._openedx import MAX_TAG_DEPTH, taxonomy_tags

__all__ = ["export_losses"]

#: Texts per language: a format that holds one language keeps that one and drops the others.
_NODE_TEXTS = {"name": "names", "description": "descriptions"}
_NODE_FIELDS = {
    "parent_id": "place in the tree",
    "type": "node type (this format infers types from the shape of the tree)",
    "description_format": "description format",
    "level": "indicator level",
    "cross_references": "cross references",
    "external_references": "links to items of other frameworks (CASE associations)",
    "scale_id": "own scale",
    "coaching_questions": "coaching questions",
    "activities": "development activities",
}
_FRAMEWORK_TEXTS = {"name": "framework name", "description": "framework description"}
_FRAMEWORK_FIELDS = {
    "id": "framework id",
    "description_format": "framework description format",
    "version": "framework version",
    "default_language": "framework default language",
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


def _text_loss(before: Mapping[str, str], after: Mapping[str, str], language: str) -> str:
    """What of a text per language was lost: "" (nothing), "this" (its text in ``language``)
    or "others" (only the other languages, which a one-language format cannot hold)."""
    if dict(before) == dict(after):
        return ""
    if before.get(language, "") != after.get(language, ""):
        return "this"
    return "others"


def _others(texts: Iterable[Mapping[str, str]], language: str) -> str:
    found = sorted({lang for text in texts for lang in text if lang != language})
    return ", ".join(found)


def _text_notes(
    label: str, pairs: list[tuple[str, Mapping[str, str], Mapping[str, str]]], language: str
) -> list[str]:
    """Notes for one text field over ``(id, before, after)`` pairs; ids only when many."""
    notes = []
    changed = [item for item in pairs if _text_loss(item[1], item[2], language) == "this"]
    others = [item for item in pairs if _text_loss(item[1], item[2], language) == "others"]
    suffix = len(pairs) > 1
    if changed:
        ids = [item[0] for item in changed]
        where = f" for {len(ids)} node(s): {_some(ids)}" if suffix else ""
        notes.append(f"{label} in {language} not kept{where}")
    if others:
        ids = [item[0] for item in others]
        where = f" for {len(ids)} node(s)" if suffix else ""
        languages = _others((item[1] for item in others), language)
        notes.append(
            f"{label} in {languages} not kept{where} (the format holds one language, {language})"
        )
    return notes


def _scale_notes(before: ProficiencyScale, after: ProficiencyScale, language: str) -> list[str]:
    """Exactly which parts of the proficiency scale a trip through the format loses."""
    if before == after:
        return []
    notes = []
    if before.id != after.id:
        notes.append("scale id not kept")
    notes += _text_notes("scale name", [("", before.name, after.name)], language)
    if [lv.value for lv in before.levels] != [lv.value for lv in after.levels]:
        return [*notes, "scale levels not kept (values renumbered or levels missing)"]
    pairs = list(zip(before.levels, after.levels, strict=True))
    level_texts = (("scale level labels", "label"), ("scale level descriptors", "descriptor"))
    for label, field in level_texts:
        texts = [(str(b.value), getattr(b, field), getattr(a, field)) for b, a in pairs]
        losses = {_text_loss(b, a, language) for _, b, a in texts} - {""}
        if "this" in losses:
            notes.append(f"{label} in {language} not kept")
        if "others" in losses:
            languages = _others((b for _, b, _ in texts), language)
            notes.append(
                f"{label} in {languages} not kept (the format holds one language, {language})"
            )
    if before.default_value is None and after.default_value is not None:
        notes.append(
            f"the scale gets level {after.default_value} as its default (the format needs one)"
        )
    elif before.default_value != after.default_value:
        notes.append("the scale's default level not kept")
    if [lv.proficient for lv in before.levels] != [lv.proficient for lv in after.levels]:
        notes.append("the scale's proficient levels not kept")
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
        if field == "id" and getattr(framework, field) != getattr(back, field)
    ]
    for field, label in _FRAMEWORK_TEXTS.items():
        before, after = getattr(framework, field), getattr(back, field)
        notes += _text_notes(label, [("", before, after)], language)
    notes += [
        f"{label} not kept"
        for field, label in _FRAMEWORK_FIELDS.items()
        if field != "id" and getattr(framework, field) != getattr(back, field)
    ]
    notes += _scale_notes(framework.scale, back.scale, language)
    if fmt == "moodle-csv":
        notes += _moodle_limits(framework, language)
    for field, label in _NODE_TEXTS.items():
        pairs = [
            (node.id, getattr(node, field), getattr(back.node(node.id), field))
            for node in framework.nodes
            if back.has_node(node.id)
        ]
        notes += _text_notes(label, pairs, language)
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
