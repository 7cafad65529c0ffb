"""Issue 12 in the running workbench, two people at once, on the talent course unit (the
self-assessment, the dialogue and the plan with its manager roster on one page): a learner sees
the three roles they fit best and switches target in one click (the plan on the page follows);
the manager records readiness, the learner reads it and responds, a colleague cannot see it;
aspirations shared with the manager reach the preparation sheet, private ones never do."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

import talent_core as tc

pytestmark = pytest.mark.browser

COURSE = "/scenario/competency_explorer.2/"
CLUSTERS = ("leading-people", "working-with-others", "delivering-results")


def as_user(browser: Browser, base: str, student: str) -> Page:
    page = browser.new_context().new_page()
    page.goto(f"{base}{COURSE}?student={student}")
    return page


def assessment(page: Page) -> Locator:
    return page.locator(".talent-assessment")


def plan(page: Page) -> Locator:
    return page.locator(".talent-plan")


def report(page: Page, name: str) -> Locator:
    return page.locator("[data-report]").filter(has=page.get_by_role("heading", name=name))


def submit_all_at_level_one(page: Page) -> dict[str, int]:
    block = assessment(page)
    block.get_by_role("radio", name="First-time manager").check()
    levels = {}
    for cluster in CLUSTERS:
        for node in tc.demo_framework().competencies(cluster):
            block.locator(
                f"fieldset[data-competency-id='{node.id}'] input[type=radio]"
            ).first.check()
            levels[node.id] = 1
    block.get_by_role("button", name="Submit self-assessment").click()
    expect(block.get_by_role("heading", name="Your result")).to_be_focused()
    return levels


def gap_names(levels: dict[str, int], role_id: str) -> list[str]:
    framework = tc.demo_framework()
    [role] = [r for r in tc.demo_roles() if r.id == role_id]
    gaps = [g for g in tc.gap_analysis(framework, role, levels) if g.current is not None and g.size]
    return [framework.node(g.competency_id).name["en"] for g in gaps[:3]]


def test_a_learner_sees_the_top_three_fits_and_switches_target_and_the_plan_follows(
    browser: Browser, workbench_url: str
) -> None:
    page = as_user(browser, workbench_url, "learner_4")
    levels = submit_all_at_level_one(page)
    fits = assessment(page).locator("[data-role-fits]")
    expected = tc.rank_roles(tc.demo_framework(), tc.demo_roles(), levels, rated_only=True)
    names = {r.id: r.name["en"] for r in tc.demo_roles()}
    items = fits.locator("li[data-fit-role]")
    expect(items).to_have_count(3)
    for item, fit in zip(items.all(), expected, strict=True):
        expect(item.get_by_role("heading")).to_contain_text(names[fit.role_id])
        expect(item).to_contain_text(f"Fit {tc.whole_percent(fit.fit)}%")
    expect(fits).to_contain_text("What it would take")
    gaps = plan(page).locator("[data-part=gaps]")
    for name in gap_names(levels, "first-time-manager"):
        expect(gaps).to_contain_text(name)

    # Explore another role's profile and make it the target, by keyboard.
    fits.get_by_text("Explore every role's profile").click()
    profile = fits.locator("[data-role-profile='experienced-leader-mentor']")
    expect(profile).to_contain_text("What the role asks")
    profile.get_by_role("button", name="Use Experienced leader and mentor as my target").focus()
    page.keyboard.press("Enter")
    expect(assessment(page).get_by_role("status")).to_have_text(
        "Experienced leader and mentor is now your target role. "
        "Your gaps and strengths are shown for it."
    )
    expect(assessment(page).locator("input[value=experienced-leader-mentor]")).to_be_checked()
    mentor = assessment(page).locator("[data-role-profile='experienced-leader-mentor']")
    expect(mentor).to_contain_text("This is your target role.")
    for name in gap_names(levels, "experienced-leader-mentor"):
        expect(gaps).to_contain_text(name)  # the plan on the same page follows at once
    page.reload()
    expect(assessment(page).locator(".talent-assessment__result")).to_contain_text(
        "for the role Experienced leader and mentor"
    )


def test_the_manager_records_readiness_the_learner_responds_and_a_colleague_cannot_see_it(
    browser: Browser, workbench_url: str
) -> None:
    learner = as_user(browser, workbench_url, "learner_3")
    manager = as_user(browser, workbench_url, "manager_1")
    cai = report(manager, "Cai de Vries")
    expect(cai).to_contain_text("Plan status:")
    cai.get_by_role("button", name="Show plan and actions").click()
    cai = report(manager, "Cai de Vries")
    form = cai.locator("[data-talent-form]")
    form.locator("summary", has_text="Strengths to build on").click()
    form.get_by_label("Giving feedback").check()
    form.get_by_label("Readiness for First-time manager").select_option(label="Within 1–2 years")
    form.get_by_label("Readiness for Project lead").select_option(label="Ready now")
    form.get_by_label("Stretch assignment or next step").fill("Lead the <next> retrospective")
    form.get_by_role("button", name="Save talent view").click()
    form = report(manager, "Cai de Vries").locator("[data-talent-form]")
    expect(plan(manager).get_by_role("status")).to_have_text(
        "The talent view is saved. Your report can read it."
    )
    expect(form).to_contain_text("You recorded this view after the conversation on")

    learner.reload()
    talent = plan(learner).locator("[data-talent-view]")
    expect(talent).to_contain_text("From your development conversation with Maja Lund")
    expect(talent).to_contain_text(
        "First-time manager: you could grow into this within one to two years."
    )
    expect(talent).to_contain_text("Project lead: you could take this on now.")
    expect(talent).to_contain_text("Lead the <next> retrospective")
    expect(talent).not_to_contain_text("Ready now")  # the manager's words, not a verdict
    talent.get_by_label("Your response to your manager").fill("I would like to try it.")
    talent.get_by_role("button", name="Send your response").click()
    talent = plan(learner).locator("[data-talent-view]")
    expect(plan(learner).get_by_role("status")).to_have_text(
        "Your response is saved. Your manager can read it."
    )
    expect(talent).to_contain_text("I would like to try it.")

    manager.reload()
    cai = report(manager, "Cai de Vries")
    cai.get_by_role("button", name="Show plan and actions").click()
    expect(report(manager, "Cai de Vries")).to_contain_text("I would like to try it.")

    colleague = as_user(browser, workbench_url, "learner_6")
    expect(plan(colleague)).not_to_contain_text("Lead the <next> retrospective")
    expect(plan(colleague)).not_to_contain_text("Your talent conversation")
    other = as_user(browser, workbench_url, "manager_2")
    expect(plan(other)).not_to_contain_text("Cai de Vries")


def test_shared_aspirations_reach_the_managers_sheet_and_private_ones_do_not(
    browser: Browser, workbench_url: str
) -> None:
    learner = as_user(browser, workbench_url, "learner_5")
    part = learner.locator("[data-aspirations]")
    first = part.locator("[data-aspiration]").nth(0)
    first.get_by_label("What it is about").select_option(label="What gives me energy")
    first.get_by_label("In your words").fill("Untangling hard problems with others")
    first.get_by_label("Share with my manager").check()
    second = part.locator("[data-aspiration]").nth(1)
    second.get_by_label("What it is about").select_option(
        label="Mobility: moving team, place or country"
    )
    second.get_by_label("In your words").fill("Maybe Lisbon in two years")
    part.get_by_role("button", name="Save drivers and aspirations").click()
    part = learner.locator("[data-aspirations]")
    expect(learner.locator(".talent-dialogue").get_by_role("status")).to_have_text(
        "Your drivers and aspirations are saved."
    )
    expect(part.get_by_role("button", name="Save drivers and aspirations")).to_be_focused()

    manager = as_user(browser, workbench_url, "manager_1")
    eli = report(manager, "Eli Novak")
    eli.get_by_role("button", name="Show plan and actions").click()
    link = report(manager, "Eli Novak").get_by_role(
        "link", name=re.compile("Preparation sheet with coaching questions")
    )
    sheet = manager.context.request.get(workbench_url + (link.get_attribute("href") or ""))
    assert sheet.status == 200
    text = sheet.text()
    assert "What drives them (shared with you)" in text
    assert "Untangling hard problems with others" in text
    assert "Lisbon" not in text
