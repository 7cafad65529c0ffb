"""The intervision and mentoring notebooks run top to bottom in a real kernel on demo data.

Small demo organisations are injected after the ``parameters`` cell (as papermill does), and
the output folder points at a temporary directory.
"""

from __future__ import annotations

import ast
import csv
import io
from pathlib import Path
from typing import Any

import pytest
from nbformat.v4 import new_code_cell

from talent_core import read_roster
from tests.notebooks.test_notebooks import (
    WIDGET_STATE,
    WIDGET_VIEW,
    execute,
    outputs,
    parameters_index,
    read,
    result_of,
)


def errors(notebook: Any) -> list[Any]:
    return [
        o for cell in notebook.cells for o in cell.get("outputs", []) if o.output_type == "error"
    ]


def widget_models(notebook: Any, name: str) -> list[dict[str, Any]]:
    state = notebook.metadata.widgets[WIDGET_STATE]["state"]
    return [model["state"] for model in state.values() if model["model_name"] == name]


@pytest.mark.parametrize("name", ["02_intervision_groups.ipynb", "05_mentoring.ipynb"])
def test_notebook_is_thin_and_has_parameters(name: str) -> None:
    notebook = read(name)
    assert notebook.metadata.kernelspec.name == "python3"
    parameters_index(notebook)  # papermill needs the tagged cell
    code = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    assert all(len(source.splitlines()) <= 6 for source in code), "logic belongs in talent_lab"


@pytest.mark.notebook
def test_intervision_notebook(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    notebook = read("02_intervision_groups.ipynb")
    notebook.cells.append(
        new_code_cell(
            "print(session.export('teams', teamset_id='circles').path)\n"
            "print(len(session.people), len(session.groups))"
        )
    )
    execute(notebook, monkeypatch, OUT_DIR=str(tmp_path), LANGUAGE="nl", DEMO_PEOPLE=60)
    assert not errors(notebook), errors(notebook)

    view = result_of(notebook, "designer").data[WIDGET_VIEW]
    state = notebook.metadata.widgets[WIDGET_STATE]["state"]
    assert view["model_id"] in state
    html = [model.get("value", "") for model in widget_models(notebook, "HTMLModel")]
    assert any("60 mensen uit een voorbeeldorganisatie (60 mensen, zaad 1)" in v for v in html)
    assert any("10 groepen, gemiddelde score" in v for v in html)
    assert any("Groepen 1–10 van 10" in v and "Intervisie 01" in v for v in html)
    (progress,) = widget_models(notebook, "IntProgressModel")
    assert progress["value"] == 100
    # the chart's data reaches the browser as updates, not in the saved state
    (figure,) = widget_models(notebook, "AnyModel")
    assert [trace["type"] for trace in figure["_widget_data"]] == ["heatmap", "bar"]

    table = result_of(notebook, 'session.group_table().sort_values("score").head(10)')
    assert table.data["text/html"].count("Intervisie ") == 10

    exported, counts = outputs(notebook.cells[-1])[0].text.splitlines()
    assert counts == "60 10"
    assert Path(exported) == tmp_path / "intervision-teams-circles.csv"
    rows = list(csv.DictReader(io.StringIO(Path(exported).read_text("utf-8"))))
    assert len(rows) == 60 and {row["mode"] for row in rows} == {"audit"}
    assert len({row["circles"] for row in rows}) == 10


@pytest.mark.notebook
def test_mentoring_notebook(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    notebook = read("05_mentoring.ipynb")
    notebook.cells.append(
        new_code_cell(
            "print(session.export('roster').path)\nprint(len(session.mentees), len(session.pairs))"
        )
    )
    execute(notebook, monkeypatch, OUT_DIR=str(tmp_path), LANGUAGE="sv", DEMO_PEOPLE=300)
    assert not errors(notebook), errors(notebook)

    view = result_of(notebook, "matcher").data[WIDGET_VIEW]
    state = notebook.metadata.widgets[WIDGET_STATE]["state"]
    assert view["model_id"] in state
    html = [model.get("value", "") for model in widget_models(notebook, "HTMLModel")]
    assert any("adepter har en mentor" in v for v in html)
    assert any("Adepter 1–" in v and "Varför" in v for v in html)  # the pairs table
    assert any("Personer per generation" in v for v in html)
    (network,) = widget_models(notebook, "CytoscapeModel")
    node_style = next(s for s in network["cytoscape_style"] if s["selector"] == "node")
    assert node_style["style"]["label"] == "data(label)"

    table = result_of(notebook, 'session.pair_table().sort_values("score").head(10)')
    assert "mentor_id" in table.data["text/html"]
    generations = result_of(
        notebook,
        "{generation: len(people) for generation, people in session.chain().generations().items()}",
    )
    assert set(ast.literal_eval(generations.data["text/plain"])) >= {0, 1, 2, 3}

    exported, counts = outputs(notebook.cells[-1])[0].text.splitlines()
    mentees, pairs = map(int, counts.split())
    assert mentees > 0 and pairs == mentees
    assert Path(exported) == tmp_path / "mentoring-2026-roster.csv"
    roster = read_roster(Path(exported).read_text("utf-8"), "mentoring")
    assert sum(1 for member in roster.members if member.role == "mentee") == mentees
