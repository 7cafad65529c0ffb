"""The competency framework notebook in real JupyterLab, driven in headless chromium.

Checks what only a browser shows: the widgets render, an upload reaches the kernel (and can
be repeated), a bad file is reported in the page, and the export link downloads the file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

import talent_core as tc
from talent_core.formats import write_framework

NOTEBOOK = "01_competency_framework.ipynb"
SLOW = 60_000


def choose(page: Page, name: str, content: bytes, index: int = 0) -> None:
    """Pick a file through the ``index``-th FileUpload button (the explorer's first, the role
    editor's second; its file input is not in the DOM)."""
    with page.expect_file_chooser() as chooser:
        page.locator("button.widget-upload").nth(index).click()
    chooser.value.set_files(files=[{"name": name, "mimeType": "", "buffer": content}])


@pytest.mark.browser
def test_hr_imports_and_exports_in_jupyterlab(page: Page, lab_url: str, tmp_path: Path) -> None:
    page.set_viewport_size({"width": 1400, "height": 3000})
    page.goto(f"{lab_url}/lab/tree/{NOTEBOOK}")
    expect(page.locator("#jp-main-statusbar")).to_contain_text("Idle", timeout=SLOW)
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.get_by_text("Run All Cells", exact=True).click()

    expect(page.get_by_role("tab", name="Overview", exact=True)).to_be_visible(timeout=SLOW)
    expect(page.get_by_text("25 competencies").first).to_be_visible()

    page.get_by_role("tab", name="Import", exact=True).click()
    moodle = write_framework(tc.demo_framework(), "moodle-csv", language="en")
    choose(page, "ours.csv", moodle)
    status = page.get_by_role("status").filter(has_text="ours.csv")
    expect(status).to_contain_text("Imported", timeout=SLOW)

    choose(page, "broken.json", b'{"id": ')
    alert = page.get_by_role("alert").filter(has_text="broken.json")
    expect(alert).to_contain_text("was not imported", timeout=SLOW)
    expect(page.locator("button.widget-upload").first).to_have_text("Choose file (0)")  # reset
    choose(page, "ours.csv", moodle)  # the same file again still reaches the kernel
    expect(page.get_by_role("status").filter(has_text="ours.csv")).to_be_visible(timeout=SLOW)

    page.get_by_role("tab", name="Export", exact=True).click()
    exports = page.locator("option", has_text="taxonomy")  # only the export offers these
    formats = page.locator(".widget-dropdown select", has=exports)
    formats.select_option(label="CASE 1.0 JSON")
    page.get_by_role("button", name=re.compile(r"^\W*Export\W*$")).click()
    link = page.get_by_role("link", name="Download talent-demo-case.json")
    expect(link).to_be_visible(timeout=SLOW)
    with page.expect_download() as download:
        link.click()
    saved = tmp_path / "downloaded.json"
    download.value.save_as(saved)
    written = tmp_path / "notebooks" / "out" / "talent-demo-case.json"
    assert saved.read_bytes() == written.read_bytes()
    assert b"CFDocument" in saved.read_bytes()
