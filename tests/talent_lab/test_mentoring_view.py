"""MentoringView driven like a user would: widget values, uploads and clicks, without a kernel.

The programme is the small hand-built one of test_mentoring_session.py (e1 can only have m2).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path
from typing import Any

import pytest

import talent_core as tc
from talent_lab import MentoringSession, MentoringView
from talent_lab._mentoring_graph import GENERATION_COLOURS, MAX_DRAWN, PER_ROW

MENTEES = """id,name,department,manager_id,seniority,language,focus
e1,Eva Eriksson,Sales,m1,2,nl;en,giving-feedback:2;delegating
e2,Erik Ek,IT,,3,sv;en,coaching-others
e3,Elin Ström,HR,,2,sv,delegating
"""
MENTORS = """id,name,department,manager_id,seniority,language,capacity,strengths
m1,Maarten Mulder,Sales,,4,nl;en,1,giving-feedback:4;delegating:3
m2,Maja Berg,Finance,,4,en;sv,2,coaching-others:4;delegating:4
"""
HISTORY = "programme,mentor_id,mentee_id\n2024,x8,m2\n2025,m2,x9\n"


def upload(name: str, content: str) -> tuple[dict[str, Any], ...]:
    data = content.encode()
    return (
        {
            "name": name,
            "type": "text/csv",
            "size": len(data),
            "content": memoryview(data),
            "last_modified": dt.datetime.now(dt.UTC),
        },
    )


@pytest.fixture
def view(tmp_path: Path) -> MentoringView:
    session = MentoringSession(
        framework=tc.demo_framework(), programme="2026", out_dir=tmp_path / "out"
    )
    view = MentoringView(session)
    for kind, content in (("mentees", MENTEES), ("mentors", MENTORS), ("history", HISTORY)):
        view.uploads[kind].value = upload(f"{kind}.csv", content)
        assert "Loaded" in view.upload_status.value, view.upload_status.value
    return view


def test_loaded_programme_and_the_history_network(view: MentoringView) -> None:
    assert "3 mentees and 2 mentors with 3 places; 2 pairs from 2 earlier programmes." in (
        view.people_summary.value
    )
    assert "No pairs yet" in view.table.value
    graph = view.drawing.widget.graph
    assert {node.data["id"] for node in graph.nodes} == {"x8", "m2", "x9"}
    assert {(e.data["source"], e.data["target"]) for e in graph.edges} == {
        ("x8", "m2"),
        ("m2", "x9"),
    }
    assert view.uploads["mentors"].value == ()


def test_matching_shows_pairs_with_reasons_and_the_grown_network(view: MentoringView) -> None:
    view.match_button.click()
    assert "3 of 3 mentees have a mentor" in view.match_status.value
    assert view.tabs.selected_index == 2
    table = view.table.value
    assert "Mentees 1–3 of 3" in table
    assert "Eva Eriksson (e1)</th>" in table and "Maja Berg (m2)" in table
    assert "Pays it forward: was a mentee in 2024" in table
    assert "Strong in Delegating (level 4)" in table
    assert "Every pair keeps the rules" in view.warnings.value
    nodes = {node.data["id"]: node.data for node in view.drawing.widget.graph.nodes}
    assert nodes["e1"]["generation"] == 2 and nodes["e2"]["generation"] == 1
    assert nodes["e1"]["label"] == "Eva Eriksson"
    assert "People per generation" in view.network_text.value


def test_the_network_has_a_style_that_shows_labels_and_generations(view: MentoringView) -> None:
    style = view.drawing.widget.cytoscape_style
    node = next(s for s in style if s["selector"] == "node")
    assert node["style"]["label"] == "data(label)"
    colours = {
        s["selector"]: s["style"]["background-color"]
        for s in style[1:]
        if "background-color" in s["style"]
    }
    assert colours["node[generation = 0]"] == GENERATION_COLOURS[0]
    assert view.drawing.widget.cytoscape_layout["name"] == "preset"


def test_the_network_keeps_names_legible_and_has_a_legend(tmp_path: Path) -> None:
    """A generation of 31 people in one row was shrunk to 5 px names: rows of PER_ROW, each
    generation below the one before, and the table says what each colour means."""
    view = MentoringView(MentoringSession.demo(400, 1, out_dir=tmp_path))
    nodes = view.drawing.widget.graph.nodes
    rows: dict[int, list[str]] = {}
    for node in nodes:
        rows.setdefault(node.position["y"], []).append(node.data["id"])
    assert max(len(row) for row in rows.values()) <= PER_ROW
    assert max(map(len, rows.values())) < len(nodes) / 4  # the demo's big generation wraps
    top = {g: min(n.position["y"] for n in nodes if n.data["generation"] == g) for g in range(3)}
    bottom = {g: max(n.position["y"] for n in nodes if n.data["generation"] == g) for g in range(3)}
    assert bottom[0] < top[1] and bottom[1] < top[2]
    widths = [n.position["x"] for n in nodes]
    assert max(widths) - min(widths) <= (PER_ROW - 1) * 150
    legend = view.network_text.value
    assert "Colour in the drawing" in legend and GENERATION_COLOURS[1] in legend
    assert "A gold border: ready to mentor next." in legend


def test_a_forbidden_hand_pair_is_kept_with_warnings(view: MentoringView) -> None:
    view.match_button.click()
    view.edit_mentee.value = "e1"
    assert view.edit_mentor.value == "m2"  # the current mentor is preselected
    view.edit_mentor.value = "m1"
    view.assign_button.click()
    assert "Changed: Eva Eriksson → Maarten Mulder." in view.edit_status.value
    warnings = html.unescape(view.warnings.value)
    assert 'role="alert"' in warnings and "Warnings: 2" in warnings
    assert "Maarten Mulder is Eva Eriksson's manager" in warnings
    assert "Maarten Mulder has 2 mentees but takes 1" in warnings
    assert "Breaks a rule:" in view.table.value and "(by hand)" in view.table.value
    view.unassign_button.click()
    assert "Eva Eriksson → no mentor" in view.edit_status.value
    assert "Left without a mentor by hand" in view.table.value
    assert "Every pair keeps the rules" in view.warnings.value


def test_swapping_mentors(view: MentoringView) -> None:
    view.match_button.click()
    view.edit_mentee.value, view.edit_other.value = "e1", "e2"
    view.swap_button.click()
    assert view.session.pairs["e1"] == "m1" and view.session.pairs["e2"] == "m2"
    assert "Eva Eriksson → Maarten Mulder; Erik Ek → Maja Berg" in view.edit_status.value


def test_edits_before_matching_say_what_to_do(view: MentoringView) -> None:
    view.assign_button.click()
    assert 'role="alert"' in view.edit_status.value
    assert "No pairs yet: match under Match." in view.edit_status.value


def test_a_bad_upload_keeps_the_programme(view: MentoringView) -> None:
    view.match_button.click()
    table = view.table.value
    view.uploads["mentees"].value = upload("bad.csv", MENTEES.replace("2,nl;en", "two,nl;en"))
    status = view.upload_status.value
    assert 'role="alert"' in status and "bad.csv was not loaded; what you had stays." in status
    assert "bad.csv, row 2, column &#x27;seniority&#x27;" in status
    assert view.table.value == table and len(view.session.mentees) == 3


def test_rules_and_weights_reach_the_matching(view: MentoringView) -> None:
    view.require_language.value = False  # e3 could now have m1 too
    view.weights["language"].value = 0
    view.line.value = "line"
    view.match_button.click()
    settings = view.session.settings
    assert not settings.require_shared_language and settings.weights.language == 0
    assert settings.line == "line"
    assert re.search(r"Shares language: [^<]*</li>", view.table.value)  # worth no points now
    assert not re.search(r"Shares language: [^<]*<small>", view.table.value)


def test_dutch(view: MentoringView) -> None:
    view.language.value = "nl"
    assert view.tabs.titles == (
        "Mentees en mentoren",
        "Koppelen",
        "Paren",
        "Geef het door",
        "Exporteren",
    )
    view.match_button.click()
    assert "3 van 3 mentees hebben een mentor; gemiddelde fit 66,7 punten" in (
        view.match_status.value
    )
    assert "Geeft het door: was mentee in 2024" in view.table.value
    assert "Sterk in Delegeren (niveau 4)" in view.table.value


def test_exports_with_download_links(view: MentoringView) -> None:
    view.export_button.click()
    assert "there are no pairs to export yet" in view.export_status.value
    view.match_button.click()
    view.export_button.click()
    path = Path(view.folder.value) / "mentoring-2026-pairs.csv"
    assert f"Saved {path}" in view.export_status.value and path.exists()
    assert 'download="mentoring-2026-pairs.csv"' in view.export_status.value
    view.export_kind.value = "roster"
    view.export_button.click()
    assert "mentoring-2026-roster.csv" in view.export_status.value
    assert "would not take" not in view.export_status.value


def test_large_histories_draw_the_best_connected(tmp_path: Path) -> None:
    session = MentoringSession.demo(20_000, 2, out_dir=tmp_path)
    view = MentoringView(session)
    chain = session.chain()
    assert len(chain.nodes) > MAX_DRAWN
    assert len(view.drawing.widget.graph.nodes) == MAX_DRAWN
    assert f"shows the {MAX_DRAWN} people of the {len(chain.nodes)}" in view.network_text.value


def test_showing_the_network_tab_refits_the_drawing(view: MentoringView) -> None:
    """ipycytoscape measures and fits its box again when the box's height changes."""
    heights = []
    view.drawing.widget.layout.observe(lambda change: heights.append(change["new"]), "height")
    view.tabs.selected_index = 3
    view.tabs.selected_index = 0
    view.tabs.selected_index = 3
    assert len(heights) == 2 and heights[0] != heights[1]


def test_a_new_language_leaves_no_message_in_the_old_one(view: MentoringView) -> None:
    view.match_button.click()
    assert "mentees have a mentor" in view.match_status.value
    view.language.value = "nl"
    assert view.match_status.value == ""
    assert "Koppelen" in view.match_button.description
