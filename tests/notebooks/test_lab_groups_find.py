"""Notebook 02's Find in real JupyterLab: the found person is selected in the move form (the
group and the person menus the browser shows), and a choice by hand ends the "Found" message."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.notebooks.test_lab_accessibility import SLOW, WIDGETS, run_all

NAME = "02_intervision_groups.ipynb"


def shown(page: Page, label: str) -> str:
    """The text of the option a labelled menu shows."""
    menu = page.locator(f"{WIDGETS} .widget-dropdown", has=page.get_by_text(label, exact=True))
    return menu.locator("select").evaluate("s => s.options[s.selectedIndex].text")


@pytest.mark.browser
def test_find_selects_the_found_person_in_the_move_form(page: Page, lab_url: str) -> None:
    run_all(page, lab_url, NAME)
    page.locator(f"{WIDGETS} .lm-TabBar-tab", has_text="Groups").click()
    find = page.get_by_label("Find (id, e-mail or name)")
    find.fill("p000078")
    find.press("Enter")
    status = page.get_by_role("status").filter(has_text="Found")
    expect(status).to_contain_text("(p000078) in Intervision", timeout=SLOW)
    group = re.search(r"in (Intervision \d+)\.", status.inner_text())
    assert group is not None
    assert shown(page, "From group").replace("\xa0", " ") == group.group(1)
    assert shown(page, "Person").replace("\xa0", " ").endswith("(p000078)")

    person = page.locator(f"{WIDGETS} .widget-dropdown", has=page.get_by_text("Person", exact=True))
    other = person.locator("option").filter(has_not_text="p000078").first.get_attribute("value")
    person.locator("select").select_option(other)
    expect(page.get_by_role("status").filter(has_text="Found")).to_have_count(0, timeout=SLOW)
    page.get_by_role("button", name="Find").click()
    expect(page.get_by_role("status").filter(has_text="Found")).to_be_visible(timeout=SLOW)
    assert shown(page, "Person").replace("\xa0", " ").endswith("(p000078)")
