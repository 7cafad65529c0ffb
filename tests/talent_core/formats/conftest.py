"""Shared fixtures and hypothesis strategies for the framework format tests."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import strategies as st

import talent_core as tc


@pytest.fixture
def oecd_csv(oecd_csv_path: Path) -> bytes:
    return oecd_csv_path.read_bytes()


# -- hypothesis strategies -----------------------------------------------------------------

LANGUAGES = ("en", "sv", "nl")
_letters = st.characters(codec="utf-8", categories=("L", "N"), include_characters=" -'.åäöéë")
ids = st.from_regex(r"[A-Za-z][A-Za-z0-9_.-]{0,11}", fullmatch=True)


def _text(max_size: int = 40) -> st.SearchStrategy[str]:
    return st.text(_letters, min_size=1, max_size=max_size).map(str.strip).filter(bool)


@st.composite
def localized(draw: st.DrawFn, languages: tuple[str, ...], max_size: int = 40) -> dict[str, str]:
    chosen = draw(st.lists(st.sampled_from(languages), min_size=1, unique=True))
    return {lang: draw(_text(max_size)) for lang in chosen}


@st.composite
def scales(
    draw: st.DrawFn,
    scale_id: str,
    languages: tuple[str, ...],
    *,
    one_to_n: bool = False,
    flags: bool = True,
    descriptors: bool = True,
) -> dict[str, Any]:
    size = draw(st.integers(2, 6))
    if one_to_n:
        values = list(range(1, size + 1))
    else:
        values = sorted(draw(st.sets(st.integers(0, 100), min_size=size, max_size=size)))
    labels = draw(st.lists(_text(20), min_size=size, max_size=size, unique_by=str.lower))
    levels = [
        {
            "value": value,
            "label": {lang: f"{label} {lang}" for lang in languages},
            "descriptor": draw(localized(languages)) if descriptors and draw(st.booleans()) else {},
            "proficient": flags and draw(st.booleans()),
        }
        for value, label in zip(values, labels, strict=True)
    ]
    default = draw(st.sampled_from(values)) if flags and draw(st.booleans()) else None
    return {
        "id": scale_id,
        "name": draw(localized(languages)) if draw(st.booleans()) else {},
        "levels": levels,
        "default_value": default,
    }


@st.composite
def frameworks(
    draw: st.DrawFn,
    *,
    languages: tuple[str, ...] = LANGUAGES,
    structured: bool = False,
    rich: bool = True,
) -> tc.CompetencyFramework:
    """Random valid frameworks.

    ``structured`` builds the shape the Moodle/CASE type inference reads back (clusters over
    competencies over indicators, no own scales); ``rich`` adds what only native JSON keeps
    (questions, activities, several languages, formats, extra scales).
    """
    main = draw(scales("main", languages, one_to_n=not rich, descriptors=rich))
    extra = [draw(scales("extra", languages))] if rich and draw(st.booleans()) else []
    node_ids = draw(st.lists(ids, min_size=1, max_size=25, unique_by=str.lower))
    nodes: list[dict[str, Any]] = []
    for position, node_id in enumerate(node_ids):
        node: dict[str, Any] = {"id": node_id, "name": draw(localized(languages))}
        if draw(st.booleans()):
            node["description"] = draw(localized(languages, 200))
        if rich:
            node["description_format"] = draw(st.sampled_from(["plain", "html", "markdown"]))
            if draw(st.booleans()):
                node["coaching_questions"] = [{"id": "q1", "text": draw(localized(languages))}]
                node["activities"] = [
                    {
                        "id": "a1",
                        "title": draw(localized(languages)),
                        "mode": draw(st.sampled_from(list(tc.LearningMode))).value,
                        "hours": draw(st.integers(0, 40)),
                    }
                ]
        if position and not structured:
            node["parent_id"] = draw(st.sampled_from([*node_ids[:position], None]))
            node["type"] = draw(st.sampled_from(list(tc.NodeType))).value
        nodes.append(node)
    if structured:
        _shape(draw, nodes)
    for node in nodes:
        # Structured frameworks link competencies only: indicators that cross-reference the
        # indicators of two other competencies would read back as a level group.
        if draw(st.booleans()) and not (structured and node["type"] != "competency"):
            others = [n["id"] for n in nodes if n["id"] != node["id"]]
            if others:
                node["cross_references"] = draw(st.lists(st.sampled_from(others), unique=True))
    if rich and extra:
        for node in nodes:
            if node.get("type") == "competency" and draw(st.booleans()):
                node["scale_id"] = "extra"
    scale_of = {"main": main, "extra": extra[0] if extra else main}
    by_id = {n["id"]: n for n in nodes}
    for node in nodes:
        if node.get("type") == "indicator" and draw(st.booleans()):
            owner: dict[str, Any] | None = node
            while owner is not None and "scale_id" not in owner:
                owner = by_id.get(owner.get("parent_id"))
            scale = scale_of[owner["scale_id"] if owner else "main"]
            node["level"] = draw(st.sampled_from([lv["value"] for lv in scale["levels"]]))
    return tc.load(
        tc.CompetencyFramework,
        {
            "id": draw(ids),
            "name": draw(localized(languages)),
            "description": draw(localized(languages, 200)) if draw(st.booleans()) else {},
            "version": draw(st.sampled_from(["1", "2026.1"])),
            "default_language": languages[0],
            "scale": main,
            "extra_scales": extra,
            "nodes": nodes,
        },
    )


def _shape(draw: st.DrawFn, nodes: list[dict[str, Any]]) -> None:
    """Clusters at the top, competencies below them, indicators below competencies."""
    clusters = nodes[: max(1, len(nodes) // 5)]
    for cluster in clusters:
        cluster["type"] = "cluster"
    competencies: list[dict[str, Any]] = []
    for node in nodes[len(clusters) :]:
        if not competencies or draw(st.booleans()):
            node |= {"type": "competency", "parent_id": draw(st.sampled_from(clusters))["id"]}
            competencies.append(node)
        else:
            node |= {"type": "indicator", "parent_id": draw(st.sampled_from(competencies))["id"]}
    used = {n.get("parent_id") for n in nodes}
    for cluster in clusters:
        if cluster["id"] not in used:  # a childless top-level node reads back as a competency
            cluster["type"] = "competency"


@pytest.fixture(scope="session")
def strategies() -> SimpleNamespace:
    return SimpleNamespace(frameworks=frameworks, localized=localized)
