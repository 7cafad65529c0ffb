"""Line managers as real users, with two and three people at once in the running workbench:
a learner submits a plan, their roster manager agrees it, the learner sees it; a changed goal
voids the agreement on both pages; a colleague gets 403 from every manager handler, direct
POSTs included, and sees nothing of the report; private dialogue answers never reach the
manager's page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

pytestmark = pytest.mark.browser

MANAGED = "/scenario/development_plan.2/"
MANAGER_HANDLERS = {
    "agree_plan": {"username": "learner_1", "version": 2, "comment": ""},
    "send_back": {"username": "learner_1", "version": 2, "comment": "x"},
    "rate_report": {"username": "learner_1", "levels": {"giving-feedback": 1}},
    "record_talk": {"username": "learner_1", "held_on": "2026-01-02", "agreed_focus": "x"},
    "tick_checklist": {"username": "learner_1", "item": "plan-agreed", "done": True},
}


def as_user(browser: Browser, base: str, path: str, student: str) -> Page:
    """A page in its own browser context: each user has their own cookies, as in real life."""
    page = browser.new_context().new_page()
    page.goto(f"{base}{path}?student={student}")
    return page


def plan(page: Page) -> Locator:
    return page.locator(".talent-plan")


def agreement(page: Page) -> Locator:
    return plan(page).locator("[data-part=agreement]")


def report(page: Page, name: str) -> Locator:
    return page.locator("[data-report]").filter(has=page.get_by_role("heading", name=name))


def post(page: Page, handler: str, body: object) -> int:
    """POST ``body`` as JSON to ``handler`` of the page's plan block, as a script could."""
    link = plan(page).get_by_role("link", name="Due dates for your calendar (.ics)")
    url = re.sub(r"/download_ics/", f"/{handler}/", link.get_attribute("href") or "")
    status: int = page.evaluate(
        """async ([url, body]) => {
            const token = (document.cookie.match(/csrftoken=([^;]+)/) || [])[1] || "";
            const answer = await fetch(url, {method: "POST", body: JSON.stringify(body),
                headers: {"Content-Type": "application/json", "X-CSRFToken": token}});
            return answer.status;
        }""",
        [url, body],
    )
    return status


def add_goal(page: Page, competency: str) -> None:
    page.get_by_label("Competency for a new goal").select_option(label=competency)
    page.get_by_role("button", name="Add goal").click()
    expect(plan(page).get_by_role("status")).to_contain_text(f"Goal added: {competency}.")
    page.get_by_role("button", name="Save plan").click()
    expect(plan(page).get_by_role("status")).to_have_text("Your plan is saved.")


def test_learner_submits_manager_agrees_a_goal_change_voids_it_and_a_colleague_gets_403(
    browser: Browser, workbench_url: str
) -> None:
    learner = as_user(browser, workbench_url, MANAGED, "learner_1")
    add_goal(learner, "Giving feedback")
    learner.get_by_role("button", name="Ask Maja Lund to agree the plan").click()
    expect(agreement(learner)).to_contain_text("Submitted to Maja Lund on")
    expect(agreement(learner)).to_contain_text("(version 2); waiting for agreement.")

    manager = as_user(browser, workbench_url, MANAGED, "manager_1")
    ann = report(manager, re.compile("^Ann Berg"))
    expect(ann).to_contain_text("Waiting for you")
    ann.get_by_role("button", name="Show plan and actions").click()
    expect(plan(manager).get_by_role("status")).to_have_text("The plan is shown with your actions.")
    ann = report(manager, re.compile("^Ann Berg"))
    expect(ann).to_contain_text("Giving feedback")
    ann.get_by_role("button", name="Agree Ann Berg's plan (version 2)").click()
    expect(report(manager, re.compile("^Ann Berg"))).to_contain_text("Agreed by Maja Lund on")
    expect(plan(manager).get_by_role("status")).to_have_text("Your decision is recorded.")

    learner.reload()
    expect(agreement(learner)).to_contain_text(
        re.compile(r"Agreed by Maja Lund on .* \(version 2\)")
    )
    expect(learner.get_by_role("button", name="Ask Maja Lund to agree the plan")).to_have_count(0)

    learner.get_by_label("Target level").first.select_option(label="4 Role model")
    learner.get_by_role("button", name="Save plan").click()
    expect(agreement(learner)).to_contain_text("Changed since Maja Lund agreed on")
    manager.reload()
    expect(report(manager, re.compile("^Ann Berg"))).to_contain_text("Changed since agreed")
    expect(report(manager, re.compile("^Ann Berg"))).to_contain_text(
        "The goals changed after you agreed the plan."
    )

    colleague = as_user(browser, workbench_url, MANAGED, "learner_6")
    expect(plan(colleague)).not_to_contain_text("My team")
    # (The workbench's own debug panel prints the scenario's OLX and the block's fields; the
    # LMS has no such panel, so only the block's part of the page is checked.)
    expect(plan(colleague)).not_to_contain_text("Ann Berg")
    expect(plan(colleague)).not_to_contain_text("Giving feedback →")
    for handler, body in MANAGER_HANDLERS.items():
        assert post(colleague, handler, body) == 403, handler
    # The other manager is no manager of Ann's either.
    other = as_user(browser, workbench_url, MANAGED, "manager_2")
    expect(report(other, re.compile("^Fay Jansen"))).to_be_visible()
    for handler, body in MANAGER_HANDLERS.items():
        assert post(other, handler, body) == 403, handler
    link = plan(other).get_by_role("link", name="Due dates for your calendar (.ics)")
    sheet_url = (link.get_attribute("href") or "").replace("/download_ics/", "/preparation_sheet/")
    sheet = other.context.request.get(workbench_url + sheet_url + "&username=learner_1")
    # (the workbench's handler URLs carry ?student=)
    assert sheet.status == 403 and "Ann Berg" not in sheet.text()
    manager.reload()
    expect(report(manager, re.compile("^Ann Berg"))).to_contain_text("Changed since agreed")


def test_manager_rates_and_records_a_talk_by_keyboard_and_never_sees_private_answers(
    browser: Browser, workbench_url: str
) -> None:
    learner = as_user(browser, workbench_url, MANAGED, "learner_2")
    add_goal(learner, "Delegating")

    manager = as_user(browser, workbench_url, MANAGED, "manager_1")
    bo = report(manager, re.compile("^Bo Lindqvist"))
    bo.get_by_role("button", name="Show plan and actions").click()
    expect(plan(manager).get_by_role("status")).to_have_text("The plan is shown with your actions.")
    bo = report(manager, re.compile("^Bo Lindqvist"))
    bo.get_by_role("group", name="Your ratings for the dialogue").get_by_label(
        "Delegating"
    ).select_option(label="2 Independent")
    bo.get_by_role("button", name="Save your ratings").click()
    expect(plan(manager).get_by_role("status")).to_have_text("Your ratings are saved.")
    bo = report(manager, re.compile("^Bo Lindqvist"))
    expect(
        bo.get_by_role("group", name="Your ratings for the dialogue").get_by_label("Delegating")
    ).to_have_value("2")
    expect(bo.get_by_role("button", name="Save your ratings")).to_be_focused()
    bo.get_by_label("Agreed focus").fill("Hand over the weekly report.")
    bo.get_by_role("button", name="Record conversation").click()
    expect(plan(manager).get_by_role("status")).to_have_text("The conversation is recorded.")
    expect(report(manager, re.compile("^Bo Lindqvist"))).to_contain_text(
        "Hand over the weekly report."
    )
    checkbox = report(manager, re.compile("^Bo Lindqvist")).get_by_label("Follow-up date set")
    checkbox.focus()
    manager.keyboard.press("Space")
    expect(plan(manager).get_by_role("status")).to_have_text("Your checklist is saved.")
    expect(
        report(manager, re.compile("^Bo Lindqvist")).get_by_label("Follow-up date set")
    ).to_be_checked()
    manager.reload()
    expect(report(manager, re.compile("^Bo Lindqvist"))).not_to_contain_text(
        "No development conversation in the last 12 months."
    )


def test_private_dialogue_answers_never_reach_the_managers_page(
    browser: Browser, workbench_url: str
) -> None:
    index = browser.new_context().new_page()
    index.goto(workbench_url + "/")
    course = index.get_by_role("link", name="Talent course: grow in your role").get_attribute(
        "href"
    )
    learner = as_user(browser, workbench_url, course or "", "learner_3")
    dialogue = learner.locator(".talent-dialogue")
    for name in ("Delegating", "Giving feedback"):
        dialogue.get_by_role("checkbox", name=re.compile(f"^{name}")).check()
    answer = dialogue.locator("textarea").first
    answer.fill("A private worry about my team")
    dialogue.get_by_role("button", name="Save preparation").click()
    expect(dialogue.get_by_role("status")).to_have_text("Your preparation is saved.")

    manager = as_user(browser, workbench_url, course or "", "manager_1")
    cai = report(manager, re.compile("^Cai de Vries"))
    cai.get_by_role("button", name="Show plan and actions").click()
    expect(manager.locator(".talent-plan").get_by_role("status")).to_have_text(
        "The plan is shown with your actions."
    )
    cai = report(manager, re.compile("^Cai de Vries"))
    expect(cai.get_by_role("link", name=re.compile("Preparation sheet"))).to_be_visible()
    assert "A private worry about my team" not in manager.content()
    expect(cai).not_to_contain_text("A private worry")
    sheet_url = cai.get_by_role("link", name=re.compile("Preparation sheet")).get_attribute("href")
    sheet = manager.context.request.get(workbench_url + (sheet_url or ""))
    assert sheet.status == 200
    assert "Cai de Vries" in sheet.text() and "A private worry" not in sheet.text()
