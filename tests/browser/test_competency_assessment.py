"""A learner rates, saves a draft, reloads, submits and reads the result in the running workbench;
another learner sees none of it; the page works in Swedish; an author converts a Moodle file."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

import talent_core as tc
from talent_core import formats
from tests.browser.layout import broken_words

pytestmark = pytest.mark.browser

SCENARIO = "/scenario/competency_assessment.0/"
RATED = ["leading-people", "working-with-others"]


def open_assessment(page: Page, base: str, student: str, lang: str = "") -> None:
    query = f"?student={student}" + (f"&lang={lang}" if lang else "")
    page.goto(base + SCENARIO + query)


def competency(page: Page, competency_id: str) -> Locator:
    return page.locator(f"fieldset[data-competency-id='{competency_id}']")


def rate_by_keyboard(page: Page, competency_id: str, steps_right: int) -> None:
    """Tab into the group's first level, tick it with Space, move with the arrow keys."""
    competency(page, competency_id).locator("input[type=radio]").first.focus()
    page.keyboard.press("Space")
    for _ in range(steps_right):
        page.keyboard.press("ArrowRight")


def test_learner_rates_saves_reloads_submits_and_sees_gaps(page: Page, workbench_url: str) -> None:
    framework = tc.demo_framework()
    ids = [c.id for cluster in RATED for c in framework.competencies(cluster)]
    open_assessment(page, workbench_url, "learner_rater")
    page.get_by_role("radio", name="First-time manager").check()
    rate_by_keyboard(page, "delegating", 2)
    expect(competency(page, "delegating").get_by_role("radio", name="3 Skilled")).to_be_checked()
    page.get_by_label("An example from your work (optional)").nth(2).fill("Handed over <the> plan")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("status")).to_have_text("Draft saved.")

    page.reload()
    expect(page.get_by_role("radio", name="First-time manager")).to_be_checked()
    expect(competency(page, "delegating").get_by_role("radio", name="3 Skilled")).to_be_checked()
    expect(competency(page, "delegating").locator("textarea")).to_have_value(
        "Handed over <the> plan"
    )

    page.get_by_role("button", name="Submit self-assessment").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Still to rate: Giving feedback, Coaching others")
    expect(competency(page, "giving-feedback").locator("input").first).to_be_focused()
    expect(competency(page, "giving-feedback")).to_have_attribute("aria-invalid", "true")

    for competency_id in ids:
        if competency_id != "delegating":
            competency(page, competency_id).locator("input[type=radio]").first.check()
    page.get_by_role("button", name="Submit self-assessment").click()
    result = page.locator(".talent-assessment__result")
    expect(result.get_by_role("heading", name="Your result")).to_be_focused()
    expect(alert).to_be_hidden()
    expect(page.get_by_role("heading", name="Take the self-assessment again")).to_be_visible()
    chart = result.get_by_role("img", name="Your levels against the role First-time manager")
    expect(chart).to_be_visible()
    [role] = [r for r in tc.demo_roles() if r.id == "first-time-manager"]
    required = [cid for cid in ids if role.requirement(cid) is not None]
    expect(chart.locator("rect.own")).to_have_count(len(required))
    gaps = result.locator("li.talent-gap")
    expect(gaps).to_have_count(3)
    levels = {cid: 3 if cid == "delegating" else 1 for cid in ids}
    largest = next(g for g in tc.gap_analysis(framework, role, levels) if g.current is not None)
    first_gap = framework.node(largest.competency_id)
    expect(gaps.first.get_by_role("heading")).to_have_text(first_gap.name["en"])
    expect(gaps.first).to_contain_text(first_gap.coaching_questions[0].text["en"])
    result.get_by_text("Show the chart as a table").click()
    expect(result.get_by_role("table").locator("tbody tr")).to_have_count(len(required))
    page.screenshot(path="/tmp/competency_assessment_result.png", full_page=True)

    open_assessment(page, workbench_url, "learner_other")
    expect(page.locator(".talent-assessment__result")).to_have_count(0)
    expect(page.locator("input[type=radio]:checked")).to_have_count(0)
    expect(page.get_by_role("heading", name="Rate yourself")).to_be_visible()


def test_swedish_page_shows_swedish_labels_and_content(page: Page, workbench_url: str) -> None:
    framework = tc.demo_framework()
    open_assessment(page, workbench_url, "learner_sv", lang="sv")
    expect(page.get_by_role("group", name="Målroll")).to_be_visible()
    page.get_by_role("radio", name="Ny chef").check()
    delegating = framework.node("delegating")
    group = page.get_by_role("group", name=delegating.name["sv"])
    expect(group).to_contain_text(delegating.description["sv"])
    expect(group).to_contain_text(framework.indicators("delegating", 2)[0].name["sv"])
    group.get_by_role("radio", name="2 Självständig").check()
    page.get_by_role("button", name="Spara utkast").click()
    expect(page.get_by_role("status")).to_have_text("Utkastet är sparat.")
    page.get_by_role("button", name="Skicka in självskattningen").click()
    expect(page.get_by_role("alert")).to_contain_text("Kvar att skatta:")


def test_author_converts_a_moodle_file_in_the_editor(
    page: Page, workbench_url: str, oecd_csv_path: Path
) -> None:
    page.goto(workbench_url + "/scenario/competency_assessment.1/studio_view/?student=staff_author")
    importer = page.get_by_role("region", name="Import a framework file")
    importer.get_by_role("button", name="Convert the file").click()
    expect(importer.get_by_role("alert")).to_have_text("Choose a file first.")
    importer.get_by_label("Framework file", exact=True).set_input_files(oecd_csv_path)
    importer.get_by_role("button", name="Convert the file").click()
    expect(importer.get_by_role("status")).to_contain_text("Converted 15 competencies")
    expect(importer.get_by_role("alert")).to_be_hidden()
    expect(page.locator("[data-field-name='framework_source'] select")).to_have_value("custom")
    converted = page.locator("[data-field-name='framework_json'] textarea").input_value()
    framework = formats.read_framework(converted.encode(), "converted.json")
    assert framework.id == "OECD-CORE" and len(framework.competencies()) == 15


@pytest.mark.parametrize("width", [1280, 375])
def test_the_print_summary_breaks_lines_between_words(
    page: Page, workbench_url: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    open_assessment(page, workbench_url, f"learner_print_{width}")
    page.get_by_role("radio", name="First-time manager").check()
    for group in page.locator("fieldset[data-competency-id]").all():
        group.locator("input[type=radio]").first.check()
    page.get_by_label("An example from your work (optional)").first.fill(
        "See https://intranet.example.org/" + "handbook/" * 12 + "delegating.html for the plan"
    )
    page.get_by_role("button", name="Submit self-assessment").click()
    expect(page.get_by_role("heading", name="Your result")).to_be_focused()
    href = page.get_by_role("link", name="Print-friendly summary").get_attribute("href") or ""
    page.goto(workbench_url + href)
    expect(page.get_by_role("cell", name="1 Developing").first).to_be_visible()
    assert broken_words(page, "table") == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_result_s_table_fits_a_phone_in_dutch(page: Page, workbench_url: str) -> None:
    """At 375 px the chart's table ("Toon de grafiek als tabel") scrolls in its own box instead
    of reaching past the block's edge."""
    from tests.browser.layout import overflowing

    page.set_viewport_size({"width": 375, "height": 800})
    open_assessment(page, workbench_url, "learner_phone_table", lang="nl")
    page.locator("input[name][type=radio]").first.check()  # the first target role
    for group in page.locator("fieldset[data-competency-id]").all():
        group.locator("input[type=radio]").first.check()
    page.locator(".talent-assessment button[type=submit]").last.click()
    result = page.locator(".talent-assessment__result")
    expect(result).to_be_visible()
    result.locator(".talent-assessment__chart summary").click()
    expect(result.get_by_role("table").locator("tbody tr").first).to_be_visible()
    assert overflowing(page) == []  # (the workbench's own debug panel below is wider)
