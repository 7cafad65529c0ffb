"""The line manager's faces of the plan block pass axe-core (no serious or critical violation)
in English, Swedish and Dutch: "My team", an opened report, the printable preparation sheet
and the roles charter as managers and learners see it (opened, so its text is checked too)."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

MANAGED = "/scenario/development_plan.2/"
LANGUAGES = ("en", "sv", "nl")
SERIOUS = {"serious", "critical"}


def serious_violations(page: Page, context: str | None = None) -> list[str]:
    """Axe's serious and critical findings, one line each: rule, impact and the first targets."""
    results: Any = Axe().run(page, context=context) if context else Axe().run(page)
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] in SERIOUS:
            targets = [str(node["target"]) for node in violation["nodes"][:3]]
            found.append(f"{violation['id']} ({violation['impact']}): {targets}")
    return found


def open_page(browser: Browser, base: str, student: str, lang: str) -> Page:
    page = browser.new_context().new_page()
    page.goto(f"{base}{MANAGED}?student={student}&lang={lang}")
    expect(page.locator(".talent-plan")).to_be_visible()
    return page


def open_charter(page: Page) -> None:
    charter = page.locator(".talent-plan [data-charter]")
    expect(charter).to_have_count(1)
    if charter.get_attribute("open") is None:
        charter.locator("summary").click()
    expect(charter).to_have_attribute("open", "")
    expect(charter.locator("li").first).to_be_visible()


def test_the_check_finds_an_unlabelled_field_and_low_contrast(browser: Browser) -> None:
    page = browser.new_context().new_page()
    page.set_content(
        '<html lang="en"><title>t</title><main><div class="talent-plan">'
        '<input type="text"><p style="color:#bbb;background:#fff">faint</p></div></main></html>'
    )
    found = " ".join(serious_violations(page, ".talent-plan"))
    assert "label" in found and "color-contrast" in found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_manager_views_and_sheet_are_axe_clean(
    browser: Browser, workbench_url: str, lang: str
) -> None:
    manager = open_page(browser, workbench_url, "manager_1", lang)
    expect(manager.locator(".talent-plan [data-team]")).to_be_visible()
    open_charter(manager)
    assert serious_violations(manager, ".talent-plan") == []

    card = manager.locator(".talent-plan [data-report]").first
    card.locator("[data-action=open-report]").click()
    expect(manager.locator(".talent-plan [data-talk]").first).to_be_visible()
    open_charter(manager)
    assert serious_violations(manager, ".talent-plan") == []

    sheet_link = manager.locator(".talent-plan [data-report] a[target=_blank]").first
    sheet = manager.context.new_page()
    sheet.goto(workbench_url + (sheet_link.get_attribute("href") or ""))
    expect(sheet.locator("body")).to_contain_text("·")
    expect(sheet.locator("html")).to_have_attribute("lang", lang)
    assert serious_violations(sheet) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_learners_plan_with_the_charter_is_axe_clean(
    browser: Browser, workbench_url: str, lang: str
) -> None:
    learner = open_page(browser, workbench_url, "learner_4", lang)
    open_charter(learner)
    assert serious_violations(learner, ".talent-plan") == []
