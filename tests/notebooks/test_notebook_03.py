"""The HR dashboards notebook runs top to bottom in a real kernel on a small demo organisation.

The ``parameters`` cell is overridden the way papermill does it (a cell right after it) and
exports go to a temporary folder. The browser test runs it in real JupyterLab (the notebook's
own demo size) in headless chromium.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from nbformat.v4 import new_code_cell
from playwright.sync_api import Page, expect

from talent_core.managers import default_charter, load_charter
from tests.notebooks.test_notebooks import (
    WIDGET_STATE,
    WIDGET_VIEW,
    body_rows,
    execute,
    outputs,
    parameters_index,
    read,
    result_of,
)
from tests.notebooks.test_notebooks_02_05 import errors, widget_models
from tests.talent_lab.test_dashboard_figures import DIALOGUES, PLANS

NAME = "03_dashboards.ipynb"
SLOW = 60_000


def test_dashboards_notebook_is_thin_and_stored_without_outputs() -> None:
    notebook = read(NAME)
    assert notebook.metadata.kernelspec.name == "python3"
    parameters_index(notebook)  # papermill needs the tagged cell
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(len(cell.source.splitlines()) <= 6 for cell in code), "logic belongs in talent_lab"
    assert all(not cell.outputs and cell.execution_count is None for cell in code)


@pytest.mark.notebook
def test_dashboards_notebook(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    notebook = read(NAME)
    notebook.cells.append(
        new_code_cell(
            "print(session.export('agreement').path)\n"
            "print(len(session.reports['people'].rows), len(session.reports['plan'].rows))"
        )
    )
    execute(notebook, monkeypatch, OUT_DIR=str(tmp_path), LANGUAGE="nl", DEMO_PEOPLE=120)
    assert not errors(notebook), errors(notebook)

    view = result_of(notebook, "dashboards").data[WIDGET_VIEW]
    assert view["model_id"] in notebook.metadata.widgets[WIDGET_STATE]["state"]
    html = [model.get("value", "") for model in widget_models(notebook, "HTMLModel")]
    assert any("Voorbeeldorganisatie van 120 mensen (zaad 1)." in v for v in html)
    assert any("De 10 grootste tekorten" in v for v in html)
    assert any("Plannen afgesproken met de leidinggevende" in v for v in html)
    assert any(
        "De leermix van de organisatie en een klassikaal alternatief (EUR)" in v for v in html
    )
    (tabs,) = widget_models(notebook, "TabModel")
    assert tabs["titles"] == ["Gegevens", "Tekorten", "Voortgang plannen", "Leermix", "Exporteren"]
    # the charts' data reaches the browser as updates; the saved state has both figures
    traces = [[t["type"] for t in f["_widget_data"]] for f in widget_models(notebook, "AnyModel")]
    assert sorted(traces) == [["bar", "bar"], ["heatmap"]]

    # The largest gaps keep the dashboards' privacy threshold (docs/figures.md); the cells
    # themselves are checked in tests/figures/test_dashboard_figures.py.
    gaps = result_of(
        notebook, 'session.shown_gap_table().sort_values("mean_gap", ascending=False).head(10)'
    )
    assert 1 <= body_rows(gaps.data["text/html"]) <= 10
    mix = result_of(notebook, "session.mix_table()")
    assert "classroom_heavy_cost" in mix.data["text/html"]

    exported, counts = outputs(notebook.cells[-1])[0].text.splitlines()
    people, plans = map(int, counts.split())
    assert people == 120 and 0 < plans < people
    assert Path(exported) == tmp_path / "dashboard-agreement.csv"
    rows = list(csv.DictReader(io.StringIO(Path(exported).read_text("utf-8"))))
    assert [row["agreement"] for row in rows] == ["yes", "changed", "no"]
    assert sum(int(row["plans"]) for row in rows) == plans

    # HR's charter section: Markdown and HTML in the notebook's language for onboarding, and
    # the JSON the development plan block's charter setting loads.
    assert (tmp_path / "roles-charter-nl.md").read_text("utf-8").startswith("# ")
    assert '<html lang="nl">' in (tmp_path / "roles-charter-nl.html").read_text("utf-8")
    exported_charter = load_charter((tmp_path / "roles-charter.json").read_text("utf-8"))
    assert exported_charter == default_charter()


@pytest.mark.browser
def test_dashboards_in_jupyterlab(page: Page, lab_url: str) -> None:
    """The heatmap and the cost chart draw, and several files upload at once."""
    page.set_viewport_size({"width": 1400, "height": 3000})
    page.goto(f"{lab_url}/lab/tree/{NAME}")
    expect(page.locator("#jp-main-statusbar")).to_contain_text("Idle", timeout=SLOW)
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.get_by_text("Run All Cells", exact=True).click()

    expect(page.get_by_role("tab", name="Gaps")).to_be_visible(timeout=SLOW)
    page.get_by_role("tab", name="Gaps").click()
    expect(page.locator(".js-plotly-plot .heatmaplayer image").first).to_be_attached(timeout=SLOW)
    expect(page.get_by_text("Mean weighted gap per department").first).to_be_visible()

    page.get_by_role("tab", name="Learning mix").click()
    expect(page.locator(".js-plotly-plot .barlayer .point").first).to_be_attached(timeout=SLOW)

    page.get_by_role("tab", name="Data").click()
    with page.expect_file_chooser() as chooser:
        page.locator("button.widget-upload").click()
    files = [("plans.csv", PLANS), ("dialogue.csv", DIALOGUES)]
    chooser.value.set_files(
        files=[{"name": n, "mimeType": "text/csv", "buffer": c.encode()} for n, c in files]
    )
    status = page.get_by_role("status").filter(has_text="plans.csv")
    expect(status).to_contain_text("Loaded plans.csv, dialogue.csv.", timeout=SLOW)
    page.get_by_role("tab", name="Plan progress").click()
    expect(page.get_by_text("Learners with a recorded conversation")).to_be_visible()
