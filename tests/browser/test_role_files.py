"""HR edits a role in JupyterLab (notebook 01's role editor) and exports it; a course author
uploads that file in the self-assessment block's Studio editor of the workbench, saves, and
learners choose the edited role. A file that does not fit is refused with every problem named
and changes nothing. Real JupyterLab, real workbench, Debian chromium."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

import talent_core as tc
from talent_core.formats import read_roles
from tests.notebooks.conftest import lab_url  # noqa: F401 (the JupyterLab server fixture)

pytestmark = pytest.mark.browser

NOTEBOOK = "01_competency_framework.ipynb"
STUDIO = "/scenario/competency_assessment.1/studio_view/?student=staff_author"
LEARNER = "/scenario/competency_assessment.1/?student=learner_roles"
SLOW = 60_000
NEW_NAME = "Specialist and mentor"
USAGE = (
    "competency-self-assessment-every-competency-specialist-or-project-roles-no-notes"
    ".competency_assessment.d0.u0"
)
SAVE_JS = """(url) => new Promise((resolve) => {
  const field = (name) => document.querySelector(
    `[data-field-name='${name}'] .field-data-control`).value;
  const values = {roles_source: field("roles_source"), roles_json: field("roles_json")};
  window.jQuery.ajax({type: "POST", url: url, contentType: "application/json",
    data: JSON.stringify({values: values, defaults: []})})
    .always((a, b, c) => resolve((c && c.status) || a.status));
})"""


def hr_edits_and_exports(page: Page, lab: str, folder: Path) -> Path:
    page.set_viewport_size({"width": 1400, "height": 3000})
    page.goto(f"{lab}/lab/tree/{NOTEBOOK}")
    expect(page.locator("#jp-main-statusbar")).to_contain_text("Idle", timeout=SLOW)
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    expect(page.get_by_role("tab", name="Edit role profiles")).to_be_visible(timeout=SLOW)

    specialist = next(r for r in tc.demo_roles() if r.id == "specialist")
    page.get_by_label("Role to edit").select_option(label=specialist.name["en"])
    name = page.get_by_label("Name (English)")
    expect(name).to_have_value(specialist.name["en"], timeout=SLOW)
    name.fill("")
    name.press_sequentially(NEW_NAME)
    first = tc.demo_framework().node(specialist.requirements[0].competency_id).name["en"]
    page.get_by_label(f"Importance of {first} (1–5)").select_option(label="5")
    page.get_by_role("button", name="Remove").first.click()  # validated as you type
    expect(page.get_by_text("The role can be saved.")).to_be_visible(timeout=SLOW)
    page.get_by_role("button", name="Save the role").click()
    expect(page.get_by_text(f"Saved the role {NEW_NAME}.")).to_be_visible(timeout=SLOW)

    page.get_by_role("tab", name="Export roles").click()
    page.get_by_label("Format", exact=True).last.select_option(
        label="Role CSV (one row per role and competency)"
    )
    page.get_by_role("button", name="Export the roles").click()
    link = page.get_by_role("link", name="Download roles.csv")
    expect(link).to_be_visible(timeout=SLOW)
    with page.expect_download() as download:
        link.click()
    exported = folder / "roles.csv"
    download.value.save_as(exported)
    return exported


def test_hr_exports_a_role_from_jupyterlab_and_an_author_uses_it_in_studio(
    page: Page,
    lab_url: str,  # noqa: F811
    workbench_url: str,
    tmp_path: Path,
) -> None:
    exported = hr_edits_and_exports(page, lab_url, tmp_path)
    roles = read_roles(exported.read_bytes(), "roles.csv", tc.demo_framework())
    specialist = next(r for r in roles if r.id == "specialist")
    assert specialist.name["en"] == NEW_NAME

    page.goto(workbench_url + STUDIO)
    upload = page.get_by_role("region", name="Upload role profiles")
    roles_json = page.locator("[data-field-name='roles_json'] textarea")
    before = roles_json.input_value()

    broken = tmp_path / "broken.csv"
    broken.write_text(
        "role_id,name_en,competency_id,level,importance\n"
        "x,X,ghost,1,1\nx,X,delegating,9,1\n=cmd,Y,delegating,1,1\n",
        "utf-8",
    )
    upload.get_by_label("Role file", exact=True).set_input_files(broken)
    upload.get_by_role("button", name="Check and use the role file").click()
    alert = upload.get_by_role("alert")
    expect(alert).to_contain_text("The role file does not fit this block's framework.")
    expect(alert.get_by_role("listitem")).to_have_count(3)
    expect(alert).to_contain_text("row 2, column 'competency_id': unknown competency 'ghost'")
    assert roles_json.input_value() == before  # the old value is kept

    upload.get_by_label("Role file", exact=True).set_input_files(exported)
    upload.get_by_role("button", name="Check and use the role file").click()
    expect(upload.get_by_role("status")).to_contain_text(f"Read {len(roles)} role profiles")
    expect(upload.get_by_role("alert")).to_be_hidden()
    expect(page.locator("[data-field-name='roles_source'] select")).to_have_value("custom")
    used = [tc.RoleProfile.model_validate(r) for r in json.loads(roles_json.input_value())]
    assert used == roles

    # Studio's Save. The workbench serves xblock-utils' studio_edit.js with a jQuery that sends
    # no CSRF header (its Save gets "403 CSRF token missing" there, not in Studio), so the test
    # posts the same request through the page's runtime jQuery, which carries the header.
    save = f"{workbench_url}/handler/{USAGE}/submit_studio_edits/?student=staff_author"
    status = page.evaluate(SAVE_JS, save)
    assert status == 200

    page.goto(workbench_url + LEARNER)
    expect(page.get_by_role("radio", name=NEW_NAME)).to_be_visible()
