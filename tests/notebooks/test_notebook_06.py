"""The pipeline notebook runs top to bottom in a real kernel on a small demo organisation."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from nbformat.v4 import new_code_cell

from tests.notebooks.test_notebooks import (
    WIDGET_STATE,
    WIDGET_VIEW,
    execute,
    outputs,
    parameters_index,
    read,
    result_of,
)
from tests.notebooks.test_notebooks_02_05 import errors, widget_models

NAME = "06_pipeline.ipynb"


def test_pipeline_notebook_is_thin_and_has_parameters() -> None:
    notebook = read(NAME)
    assert notebook.metadata.kernelspec.name == "python3"
    parameters_index(notebook)
    code = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    assert all(len(source.splitlines()) <= 6 for source in code), "logic belongs in talent_lab"


@pytest.mark.notebook
def test_pipeline_notebook(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    notebook = read(NAME)
    notebook.cells.append(new_code_cell("print(session.export('supply').path)"))
    execute(notebook, monkeypatch, OUT_DIR=str(tmp_path), LANGUAGE="nl", DEMO_PEOPLE=400)
    assert not errors(notebook), errors(notebook)

    view = result_of(notebook, "pipeline").data[WIDGET_VIEW]
    assert view["model_id"] in notebook.metadata.widgets[WIDGET_STATE]["state"]
    html = [model.get("value", "") for model in widget_models(notebook, "HTMLModel")]
    assert any("Demo-organisatie van 400 mensen" in v for v in html)
    assert any("Pijplijn per rol" in v and "Past nu" in v for v in html)
    assert any("Opvolgingssterkte van de kritieke rollen" in v for v in html)
    assert any("Aanbod tegenover vraag per competentie" in v for v in html)
    tabs = widget_models(notebook, "TabModel")
    assert [t["titles"] for t in tabs] == [
        ["Gegevens", "Rollen", "Mensen per rol", "Aanbod en vraag", "Exporteren"]
    ]

    bench = result_of(notebook, 'roles[roles["critical"]][[*bench, "bench_strength"]]')
    assert "experienced-leader-mentor" in bench.data["text/html"]
    candidates = result_of(notebook, "session.candidate_table().head(10)")
    assert "with_development" in candidates.data["text/html"]
    assert (tmp_path / "pipeline-candidates-experienced-leader-mentor.csv").exists()

    exported = Path(outputs(notebook.cells[-1])[0].text.strip())
    assert exported == tmp_path / "pipeline-supply.csv"
    rows = list(csv.DictReader(io.StringIO(exported.read_text("utf-8"))))
    assert rows and {"competency_id", "level", "positions", "supply"} <= set(rows[0])
