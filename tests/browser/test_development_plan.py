"""A learner builds a development plan in the running workbench: goals from the gaps of a real
self-assessment, a stale second tab refused, the manager's agreement, a refused save pointing
at the field, and the page in Swedish; another learner never sees the plan."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

import talent_core as tc
from tests.browser.layout import overflowing

pytestmark = pytest.mark.browser

ALONE = "/scenario/development_plan.0/"
WITH_ASSESSMENT = "/scenario/development_plan.1/"
#: A first-time manager's top gaps when rating every "leading people" competency 1.
GAP_GOALS = ["Delegating", "Giving feedback", "Coaching others"]


def open_plan(page: Page, base: str, scenario: str, student: str, lang: str = "") -> None:
    query = f"?student={student}" + (f"&lang={lang}" if lang else "")
    page.goto(base + scenario + query)


def plan(page: Page) -> Locator:
    return page.locator(".talent-plan")


def status(page: Page) -> Locator:
    return plan(page).get_by_role("status")


def goal_names(page: Page) -> Locator:
    return plan(page).locator("[data-goal] legend")


def add_goal(page: Page, competency: str) -> None:
    page.get_by_label("Competency for a new goal").select_option(label=competency)
    page.get_by_role("button", name="Add goal").click()
    expect(status(page)).to_have_text(f"Goal added: {competency}. Save the plan to keep it.")


def test_a_goal_with_its_activities_fits_a_phone(page: Page, workbench_url: str) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    open_plan(page, workbench_url, ALONE, "learner_phone", "sv")
    page.get_by_role("button", name="Lägg till mål").click()
    page.get_by_role("button", name="Lägg till föreslagen aktivitet").click()
    expect(plan(page).get_by_label("Lärform")).to_be_visible()
    assert overflowing(page) == []


def test_goals_from_gaps_survive_a_reload_and_stay_private(page: Page, workbench_url: str) -> None:
    framework = tc.demo_framework()
    open_plan(page, workbench_url, WITH_ASSESSMENT, "learner_gaps")
    expect(plan(page)).to_contain_text("Complete the self-assessment in this course")
    page.get_by_role("radio", name="First-time manager").check()
    for competency in framework.competencies("leading-people"):
        group = page.locator(f"fieldset[data-competency-id='{competency.id}']")
        group.get_by_role("radio", name="1 Developing").check()
    page.get_by_role("button", name="Submit self-assessment").click()
    expect(page.get_by_role("heading", name="Your result")).to_be_visible()

    page.reload()
    offer = plan(page).locator("[data-part=gaps] li")
    expect(offer).to_have_text(GAP_GOALS)
    page.get_by_role("button", name="Add goals for these gaps").click()
    expect(status(page)).to_have_text("Goals added for your top gaps and the plan saved.")
    expect(goal_names(page)).to_have_text(GAP_GOALS)
    expect(page.get_by_role("heading", name="Your goals")).to_be_focused()
    expect(plan(page)).to_contain_text("Your plan has a goal for each of your largest gaps.")
    expect(plan(page).locator("[data-part=mix] table")).to_be_visible()

    page.reload()
    expect(goal_names(page)).to_have_text(GAP_GOALS)
    first = plan(page).locator("[data-goal]").first
    why = first.get_by_label("Why it matters")
    expect(why).to_have_value("The role asks for Delegating; my target is the level Independent.")
    first.get_by_label("Target level").select_option(label="3 Skilled")
    expect(why).to_have_value("The role asks for Delegating; my target is the level Skilled.")
    why.fill("My team needs it.")
    first.get_by_label("Target level").select_option(label="1 Developing")
    expect(why).to_have_value("My team needs it.")
    titles = [a.title["en"] for a in framework.node("delegating").activities]
    for i, title in enumerate(titles):
        expect(first.locator("[data-field=title]").nth(i)).to_have_value(title)

    open_plan(page, workbench_url, WITH_ASSESSMENT, "learner_other")
    expect(goal_names(page)).to_have_count(0)
    expect(plan(page)).to_contain_text("Complete the self-assessment in this course")


def test_a_stale_tab_is_refused_and_the_newer_plan_kept(page: Page, workbench_url: str) -> None:
    second = page.context.new_page()
    for tab in (page, second):
        open_plan(tab, workbench_url, ALONE, "learner_tabs")
    add_goal(page, "Delegating")
    page.get_by_role("button", name="Save plan").click()
    expect(status(page)).to_have_text("Your plan is saved.")

    add_goal(second, "Resilience")
    save = second.get_by_role("button", name="Save plan")
    save.click()
    alert = plan(second).get_by_role("alert")
    expect(alert).to_contain_text("This plan was changed in another tab or window")
    assert below(save, alert) < 80  # the answer is next to the button, not at the block's top
    expect(plan(second).locator("[data-dirty]")).to_have_text(
        "Not saved: another tab saved a newer plan."
    )
    expect(alert.get_by_role("button", name="Reload the newer plan")).to_be_focused()
    alert.get_by_role("button", name="Keep my text").click()
    expect(alert).to_be_hidden()
    expect(status(second)).to_have_text(
        "Your text stays on this page. Copy what you need, then reload."
    )
    expect(goal_names(second)).to_have_text(["Resilience"])  # the learner's edits stay on the page
    save.click()
    alert.get_by_role("button", name="Reload the newer plan").click()
    expect(goal_names(second)).to_have_text(["Delegating"])
    second.close()


def below(control: Locator, message: Locator) -> float:
    """Pixels from the bottom of ``control`` to the top of ``message`` (negative: above it)."""
    under = control.bounding_box()
    over = message.bounding_box()
    assert under is not None and over is not None
    return over["y"] - (under["y"] + under["height"])


def test_answers_to_actions_show_next_to_their_controls(page: Page, workbench_url: str) -> None:
    open_plan(page, workbench_url, ALONE, "learner_feedback_near")
    add_goal(page, "Delegating")
    assert 0 <= below(page.get_by_role("button", name="Add goal"), status(page)) < 80
    save = page.get_by_role("button", name="Save plan")
    save.click()
    expect(status(page)).to_have_text("Your plan is saved.")
    expect(status(page)).to_be_visible()
    assert 0 <= below(save, status(page)) < 80
    page.get_by_label("Manager's name").fill("Mia Berg")
    page.get_by_label("Date agreed").fill("1989-12-31")
    record = page.get_by_role("button", name="Record agreement")
    record.click()
    expect(plan(page).get_by_role("alert")).to_contain_text("The agreement was not recorded")
    assert 0 <= below(record, plan(page).get_by_role("alert")) < 80


def test_agreement_is_recorded_and_voided_by_a_goal_change(page: Page, workbench_url: str) -> None:
    open_plan(page, workbench_url, ALONE, "learner_agree")
    add_goal(page, "Delegating")
    page.get_by_label("Manager's name").fill("Mia Berg")
    page.get_by_role("button", name="Record agreement").click()
    expect(plan(page).get_by_role("alert")).to_have_text(
        "Save your changes first: the agreement covers the plan as it is saved."
    )
    page.get_by_role("button", name="Save plan").click()
    expect(status(page)).to_have_text("Your plan is saved.")
    page.get_by_label("Date agreed").fill("2025-05-02")
    page.get_by_role("button", name="Record agreement").click()
    expect(status(page)).to_have_text("The agreement is recorded.")
    expect(plan(page).locator("[data-agreement]")).to_have_text(
        "Self-reported: Agreed with Mia Berg on May 2, 2025."
    )

    page.get_by_label("Target level").select_option("4")
    page.get_by_role("button", name="Save plan").click()
    expect(status(page)).to_have_text("Your plan is saved.")
    expect(plan(page).locator("[data-agreement]")).to_contain_text(
        "Changed since Mia Berg agreed on May 2, 2025."
    )


def test_a_refused_agreement_says_the_agreement_was_not_recorded(
    page: Page, workbench_url: str
) -> None:
    open_plan(page, workbench_url, ALONE, "learner_agree_later")
    add_goal(page, "Delegating")
    page.get_by_role("button", name="Save plan").click()
    expect(status(page)).to_have_text("Your plan is saved.")
    page.get_by_label("Manager's name").fill("Mia Berg")
    page.get_by_label("Date agreed").fill("2099-01-01")
    page.get_by_role("button", name="Record agreement").click()
    alert = plan(page).get_by_role("alert")
    expect(alert).to_contain_text("The agreement was not recorded. Please check:")
    expect(alert).to_contain_text("from January 1, 1990 until today")
    expect(page.get_by_label("Date agreed")).to_be_focused()


def test_the_print_view_wraps_a_long_unbroken_title(page: Page, workbench_url: str) -> None:
    open_plan(page, workbench_url, ALONE, "learner_long_title")
    add_goal(page, "Delegating")
    page.get_by_role("button", name="Add your own activity").click()
    page.get_by_label("Activity", exact=True).fill("https://example.org/" + "x" * 250)
    page.get_by_role("button", name="Save plan").click()
    expect(status(page)).to_have_text("Your plan is saved.")
    href = plan(page).get_by_role("link", name="Print view").get_attribute("href") or ""
    page.goto(workbench_url + href)
    expect(page.get_by_role("cell", name="https://example.org/", exact=False)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_refused_save_points_at_the_field(page: Page, workbench_url: str) -> None:
    open_plan(page, workbench_url, ALONE, "learner_typo")
    add_goal(page, "Delegating")
    page.get_by_role("button", name="Add your own activity").click()
    title = page.get_by_label("Activity", exact=True)
    expect(title).to_be_focused()
    title.fill("Run the weekly meeting")
    page.get_by_label("Hours", exact=True).fill("5000")
    page.get_by_role("button", name="Save plan").click()
    alert = plan(page).get_by_role("alert")
    expect(alert).to_contain_text("The plan was not saved. Please check:")
    expect(alert).to_contain_text("Delegating › Run the weekly meeting › Hours:")
    hours = page.get_by_label("Hours", exact=True)
    expect(hours).to_be_focused()
    expect(hours).to_have_attribute("aria-invalid", "true")

    hours.fill("5")
    page.get_by_role("button", name="Save plan").click()
    expect(status(page)).to_have_text("Your plan is saved.")
    expect(alert).to_be_hidden()
    expect(hours).not_to_have_attribute("aria-invalid", "true")


def test_plan_in_swedish_by_keyboard(page: Page, workbench_url: str) -> None:
    node = tc.demo_framework().node("giving-feedback")
    open_plan(page, workbench_url, ALONE, "learner_sv", lang="sv")
    expect(page.get_by_role("heading", name="Min utvecklingsplan")).to_be_visible()
    page.get_by_label("Kompetens för ett nytt mål").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # "Lägg till mål" for the first competency, Ge feedback
    expect(status(page)).to_have_text("Mål tillagt: Ge feedback. Spara planen för att behålla det.")
    expect(page.get_by_label("Målnivå")).to_be_focused()

    page.get_by_role("button", name="Lägg till föreslagen aktivitet").press("Enter")
    expect(page.get_by_label("Aktivitet", exact=True)).to_have_value(node.activities[0].title["sv"])
    page.get_by_label("Status").select_option(label="Klar")
    reflection = page.get_by_label("Reflektion: vad lärde du dig", exact=False)
    expect(reflection).to_be_visible()
    reflection.fill("Konkreta exempel <hjälper>.")
    page.get_by_role("button", name="Spara planen").press("Enter")
    expect(status(page)).to_have_text("Din plan är sparad.")
    mix = plan(page).locator("[data-part=mix]")
    expect(mix.get_by_role("heading", name="Lärmix")).to_be_visible()
    expect(mix.locator("tr[data-mode=on_the_job] td").first).to_have_text(
        f"{node.activities[0].hours:g} timmar"
    )
    page.reload()
    expect(page.get_by_label("Aktivitet", exact=True)).to_have_value(node.activities[0].title["sv"])
    expect(reflection).to_have_value("Konkreta exempel <hjälper>.")
    plan(page).screenshot(path="/tmp/development_plan_sv.png")


def test_the_plan_follows_a_self_assessment_submitted_on_the_same_page(
    page: Page, workbench_url: str
) -> None:
    framework = tc.demo_framework()
    open_plan(page, workbench_url, WITH_ASSESSMENT, "learner_follows")
    expect(plan(page)).to_contain_text("Complete the self-assessment in this course")
    page.get_by_role("radio", name="First-time manager").check()
    for competency in framework.competencies("leading-people"):
        group = page.locator(f"fieldset[data-competency-id='{competency.id}']")
        group.get_by_role("radio", name="1 Developing").check()
    page.get_by_role("button", name="Submit self-assessment").click()
    expect(page.get_by_role("heading", name="Your result")).to_be_visible()
    # no reload: the plan on the page takes the new gaps
    expect(plan(page).locator("[data-part=gaps] li")).to_have_text(GAP_GOALS)
    expect(plan(page)).not_to_contain_text("Complete the self-assessment in this course")
    page.get_by_role("button", name="Add goals for these gaps").click()
    expect(goal_names(page)).to_have_text(GAP_GOALS)
