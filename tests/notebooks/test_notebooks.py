"""The HR notebooks run top to bottom in a real kernel on the shipped demo content.

Each is executed with nbclient from its own folder (as JupyterLab runs it), with the output
folder pointed at a temporary directory the way papermill injects parameters.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell

import talent_core as tc
import talent_core.formats

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def read(name: str) -> Any:
    return nbformat.read(NOTEBOOKS / name, as_version=4)


def parameters_index(notebook: Any) -> int:
    return next(
        i for i, cell in enumerate(notebook.cells) if "parameters" in cell.metadata.get("tags", [])
    )


def execute(notebook: Any, monkeypatch: pytest.MonkeyPatch, **parameters: object) -> None:
    """Run in a kernel of this interpreter, overriding parameters after the tagged cell."""
    # A user-wide "python3" kernelspec must not win over this environment's own.
    monkeypatch.setenv("JUPYTER_PREFER_ENV_PATH", "1")
    assignments = "\n".join(f"{name} = {value!r}" for name, value in parameters.items())
    notebook.cells.insert(parameters_index(notebook) + 1, new_code_cell(assignments))
    NotebookClient(
        notebook,
        timeout=180,
        kernel_name="python3",
        store_widget_state=True,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    ).execute()


def outputs(cell: Any) -> list[Any]:
    return [o for o in cell.outputs if o.output_type != "stream" or o.name != "stderr"]


def result_of(notebook: Any, last_line: str) -> Any:
    """The value shown by the code cell that ends with ``last_line``."""
    cell = next(
        c
        for c in notebook.cells
        if c.cell_type == "code" and ("\n" + c.source.rstrip()).endswith("\n" + last_line)
    )
    return next(o for o in cell.outputs if o.output_type == "execute_result")


def body_rows(html: str) -> int:
    return html.split("<tbody>", 1)[1].split("</tbody>", 1)[0].count("<tr")


@pytest.mark.parametrize("path", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda p: p.name)
def test_every_notebook_names_its_kernel(path: Path) -> None:
    """Without kernelspec metadata JupyterLab asks for a kernel and papermill fails."""
    assert read(path.name).metadata.kernelspec.name == "python3"


def test_competency_framework_notebook_is_thin() -> None:
    notebook = read("01_competency_framework.ipynb")
    assert notebook.metadata.kernelspec == {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    parameters_index(notebook)  # papermill needs the tagged cell
    code = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    assert all(len(source.splitlines()) <= 5 for source in code), "logic belongs in talent_lab"


@pytest.mark.notebook
def test_competency_framework_notebook(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    notebook = read("01_competency_framework.ipynb")
    notebook.cells.append(
        new_code_cell(
            "import sys\nprint(sys.prefix)\nprint(session.export('openedx-taxonomy-csv').path)\n"
            "print(role_editor.session.export('csv').path)"
        )
    )
    execute(notebook, monkeypatch, OUT_DIR=str(tmp_path), LANGUAGE="sv")
    errors = [
        o for cell in notebook.cells for o in cell.get("outputs", []) if o.output_type == "error"
    ]
    assert not errors, errors

    table = result_of(notebook, "session.competency_table()").data["text/html"]
    assert body_rows(table) >= 24
    assert "giving-feedback" in table and "Ge feedback" in table

    view = result_of(notebook, "explorer").data[WIDGET_VIEW]
    state = notebook.metadata.widgets[WIDGET_STATE]["state"]
    assert view["model_id"] in state
    html_values = [
        model["state"].get("value", "")
        for model in state.values()
        if model["model_name"] == "HTMLModel"
    ]
    assert any("Växa tillsammans" in value for value in html_values)
    assert any("<h3>Ge feedback</h3>" in value for value in html_values)  # one competency

    levels = result_of(notebook, "session.required_levels()").data["text/html"]
    assert "first-time-manager" in levels and body_rows(levels) >= 24

    editor = result_of(notebook, "role_editor").data[WIDGET_VIEW]
    assert editor["model_id"] in state
    titles = [m["state"].get("titles") for m in state.values() if m["model_name"] == "TabModel"]
    assert ["Redigera rollprofiler", "Importera roller", "Exportera roller"] in titles

    prefix, exported, roles = outputs(notebook.cells[-1])[0].text.splitlines()
    assert Path(roles) == tmp_path / "roles.csv"
    assert tc.formats.read_roles(Path(roles).read_bytes(), "roles.csv", tc.demo_framework()) == (
        tc.demo_roles()
    )
    assert prefix == sys.prefix, "the python3 kernel must run this environment's interpreter"
    assert Path(exported) == tmp_path / "talent-demo-openedx-taxonomy.csv"
    assert "Ge feedback" in Path(exported).read_text("utf-8")
