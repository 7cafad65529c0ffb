"""A learner explores competencies in the running workbench, by keyboard, in English and Swedish."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

import talent_core as tc

pytestmark = pytest.mark.browser

SCENARIO = "/scenario/competency_explorer.0/"


def open_explorer(page: Page, base: str, student: str, lang: str = "") -> None:
    query = f"?student={student}" + (f"&lang={lang}" if lang else "")
    page.goto(base + SCENARIO + query)


def detail(page: Page) -> Locator:
    return page.locator("[data-talent-detail]")


def test_learner_picks_a_competency_by_keyboard(page: Page, workbench_url: str) -> None:
    framework = tc.demo_framework()
    open_explorer(page, workbench_url, "learner_kb")
    picker = page.get_by_role("combobox", name="Competency")
    expect(picker).to_have_value("giving-feedback")

    picker.focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(picker).to_have_value("delegating")
    node = framework.node("delegating")
    expect(detail(page).get_by_role("heading", level=3)).to_have_text(node.name["en"])
    expect(picker).to_be_focused()
    expect(page.get_by_role("status")).to_have_text("Delegating: details shown below.")

    shown = detail(page)
    expect(shown).to_contain_text(node.description["en"])
    for indicator in framework.indicators("delegating"):
        expect(shown).to_contain_text(indicator.name["en"])
    for level in framework.scale.levels:
        if framework.indicators("delegating", level.value):
            expect(shown).to_contain_text(level.label["en"])
    for question in node.coaching_questions:
        expect(shown).to_contain_text(question.text["en"])
    for activity in node.activities:
        expect(shown).to_contain_text(activity.title["en"])
    expect(shown.locator(".talent-activity__meta").first).to_contain_text("hour")

    page.reload()
    expect(page.get_by_role("combobox", name="Competency")).to_have_value("delegating")
    open_explorer(page, workbench_url, "learner_other")
    expect(page.get_by_role("combobox", name="Competency")).to_have_value("giving-feedback")


def test_page_in_swedish_shows_swedish_labels_and_content(page: Page, workbench_url: str) -> None:
    framework = tc.demo_framework()
    open_explorer(page, workbench_url, "learner_sv", lang="sv")
    expect(page.get_by_role("heading", name="Utforska kompetenser")).to_be_visible()
    picker = page.get_by_role("combobox", name="Kompetens")
    expect(detail(page)).to_contain_text(framework.node("giving-feedback").description["sv"])
    expect(detail(page)).to_contain_text("Coachande frågor")

    picker.focus()
    page.keyboard.press("End")
    last = framework.competencies()[-1]
    expect(picker).to_have_value(last.id)
    expect(detail(page).get_by_role("heading", level=3)).to_have_text(last.name["sv"])
    shown = detail(page)
    for heading in ("Beteende på varje nivå", "Coachande frågor", "Utvecklingsaktiviteter"):
        expect(shown.get_by_role("heading", name=heading)).to_be_visible()
    expect(shown).to_contain_text(last.coaching_questions[0].text["sv"])
    expect(shown).to_contain_text(last.activities[0].title["sv"])
    expect(page.get_by_role("status")).to_have_text(f"{last.name['sv']}: detaljerna visas nedan.")
    page.screenshot(path="/tmp/competency_explorer_sv.png", full_page=True)
