"""Export to Open edX tag taxonomies (openedx-learning's ``openedx_tagging`` import files).

Course authors tag content with competencies: clusters, competencies and behaviour indicators
become tags (``id`` = node id, ``value`` = its name in one language, ``parent_id``), parents
before children. Level nodes and section nodes (``level``/``other``) are left out and their
children move up to the nearest tag. Open edX requires values unique within a taxonomy
(compared without case) and free of tabs, ``;`` and `` > ``; a repeated value gets its node id
appended, e.g. ``Listening (I-DS-1)``. Tags deeper than Open edX's three levels are kept but
Open edX does not show them (``export_losses`` says so).
"""

from __future__ import annotations

import json

from .._errors import Problem, ValidationError
from .._framework import CompetencyFramework, CompetencyNode, NodeType
from .._spreadsheet import csv_text
from .._text import localize

__all__ = [
    "MAX_TAG_DEPTH",
    "TAXONOMY_HEADER",
    "Tag",
    "taxonomy_tags",
    "write_taxonomy_csv",
    "write_taxonomy_json",
]

TAXONOMY_HEADER = "id,value,parent_id"
MAX_TAG_DEPTH = 3
MAX_VALUE = 500
MAX_EXTERNAL_ID = 255
_TAGGED = {NodeType.CLUSTER, NodeType.COMPETENCY, NodeType.INDICATOR}
_RESERVED = (("\t", " "), (" > ", " - "), (";", ","))

Tag = dict[str, str]


def _clean(value: str) -> str:
    for reserved, replacement in _RESERVED:
        value = value.replace(reserved, replacement)
    return " ".join(value.split())[:MAX_VALUE].strip()


def _tag_parent(framework: CompetencyFramework, node: CompetencyNode) -> str | None:
    for ancestor in framework.ancestors(node.id):
        if ancestor.type in _TAGGED:
            return ancestor.id
    return None


def taxonomy_tags(framework: CompetencyFramework, language: str) -> list[Tag]:
    """Tags in tree order with unique values, or ValidationError for ids Open edX cannot hold."""
    problems: list[Problem] = []
    used_ids: dict[str, str] = {}
    used_values: set[str] = set()
    tags: list[Tag] = []
    position = {node.id: i for i, node in enumerate(framework.nodes)}
    for node, _depth in framework.walk():
        if node.type not in _TAGGED:
            continue
        where = f"nodes[{position[node.id]}].id"
        if len(node.id) > MAX_EXTERNAL_ID:
            problems.append(Problem.of(where, "problem.openedx.id_too_long", most=MAX_EXTERNAL_ID))
        clash = used_ids.get(node.id.lower())
        if clash is not None:
            problems.append(
                Problem.of(where, "problem.openedx.case_clash", id=node.id, other=clash)
            )
        used_ids[node.id.lower()] = node.id
        base = _clean(localize(node.name, language, (framework.default_language, "en")))
        value = base or node.id
        suffix = 1
        while value.lower() in used_values:
            value = _clean(f"{base} ({node.id})" + (f" {suffix}" if suffix > 1 else ""))
            suffix += 1
        used_values.add(value.lower())
        tag: Tag = {"id": node.id, "value": value}
        parent = _tag_parent(framework, node)
        if parent is not None:
            tag["parent_id"] = parent
        tags.append(tag)
    if problems:
        raise ValidationError(problems)
    return tags


def write_taxonomy_csv(framework: CompetencyFramework, language: str) -> bytes:
    columns = TAXONOMY_HEADER.split(",")
    tags = taxonomy_tags(framework, language)
    return csv_text([columns, *([tag.get(c, "") for c in columns] for tag in tags)]).encode("utf-8")


def write_taxonomy_json(framework: CompetencyFramework, language: str) -> bytes:
    fallbacks = (framework.default_language, "en")
    data = {
        "name": localize(framework.name, language, fallbacks),
        "description": localize(framework.description, language, fallbacks),
        "tags": taxonomy_tags(framework, language),
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
