"""The RPL review notebook runs top to bottom in a real kernel on the core's demo data, which
has the shape of the prior learning portfolio block's queue download."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from nbformat.v4 import new_code_cell

from talent_core import rpl
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

NAME = "04_rpl_review.ipynb"


def test_review_notebook_is_thin_and_stored_without_outputs() -> None:
    notebook = read(NAME)
    assert notebook.metadata.kernelspec.name == "python3"
    parameters_index(notebook)  # papermill needs the tagged cell
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(len(cell.source.splitlines()) <= 6 for cell in code), "logic belongs in talent_lab"
    assert all(not cell.outputs and cell.execution_count is None for cell in code)


@pytest.mark.notebook
def test_review_notebook(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    notebook = read(NAME)
    notebook.cells.append(
        new_code_cell(
            "row = next(r for r in session.queue if r.claim.state.value == 'submitted')\n"
            "detail = session.detail(row.claim.id)\n"
            "reasons = {i: 'Shown.' for i, _ in detail.indicators}\n"
            "met = {'kind': 'criterion_interview', 'date': '2026-01-15', 'outcome': 'ok'}\n"
            "session.record_decision(row.claim.id, assessor='assessor_1', outcome='recognised',\n"
            "    awarded_level=row.claim.level, reasons=reasons, instrument=met)\n"
            "print(session.export_decisions().path)"
        )
    )
    execute(notebook, monkeypatch, OUT_DIR=str(tmp_path), LANGUAGE="sv")
    assert not errors(notebook), errors(notebook)

    view = result_of(notebook, "review").data[WIDGET_VIEW]
    assert view["model_id"] in notebook.metadata.widgets[WIDGET_STATE]["state"]
    html = [model.get("value", "") for model in widget_models(notebook, "HTMLModel")]
    assert any("Granskningskö: 14 av 14 ansökningar" in value for value in html)
    assert any("VRAAK-checklista" in value for value in html)
    table = result_of(notebook, "session.queue_table()").data["text/html"]
    assert table.count("<tr") == 15

    exported = Path(outputs(notebook.cells[-1])[0].text.strip())
    assert exported == tmp_path / "rpl-decisions.csv"
    rows = list(csv.DictReader(io.StringIO(exported.read_text("utf-8"))))
    assert [r["outcome"] for r in rows] == ["recognised"]
    assert list(rows[0]) == list(rpl.DECISION_COLUMNS)
