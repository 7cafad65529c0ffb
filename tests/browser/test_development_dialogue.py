"""A learner prepares and records the development dialogue in the running workbench.

By keyboard and pointer, in English and Dutch; in the talent course the dialogue reads the
learner's self-assessment, so self and manager ratings appear side by side.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Locator, Page, expect

import talent_core as tc
from tests.browser.layout import overflowing

pytestmark = pytest.mark.browser

SCENARIO = "/scenario/development_dialogue.0/"
#: The workbench's id for the self-assessment of the talent course unit.
COURSE_ASSESSMENT = "talent-course-grow-in-your-role.competency_assessment.d0.u0"
COURSE_CLUSTERS = ("leading-people", "working-with-others", "delivering-results")


def dialogue(page: Page) -> Locator:
    return page.locator(".talent-dialogue")


def ratings_row(block: Locator, name: str) -> list[str]:
    row = block.locator("table tbody tr").filter(has=block.page.get_by_role("rowheader", name=name))
    return [" ".join(text.split()) for text in row.locator("td").all_inner_texts()]


def record(block: Locator, day: str, manager: str, focus: str, levels: dict[str, str]) -> None:
    block.get_by_label("Date of the conversation").fill(day)
    block.get_by_label("Your manager's name").fill(manager)
    block.get_by_label("What you agreed to focus on").fill(focus)
    rated = block.get_by_role("group", name="Your manager's ratings (if your manager gave any)")
    for name, label in levels.items():
        rated.get_by_label(name).select_option(label=label)
    block.get_by_role("button", name="Record the conversation").click()
    expect(block.get_by_role("status")).to_have_text("The conversation is recorded.")


def test_learner_prepares_reloads_and_records_the_conversation(
    page: Page, workbench_url: str
) -> None:
    node = tc.demo_framework().node("giving-feedback")
    question = node.coaching_questions[0].text["en"]
    page.goto(workbench_url + SCENARIO + "?student=learner_dialogue")
    block = dialogue(page)
    expect(block.get_by_role("heading", name="Prepare your development dialogue")).to_be_visible()
    questions = block.get_by_role("group", name="Giving feedback", exact=True)
    expect(questions).to_be_hidden()

    feedback = block.get_by_role("checkbox", name="Giving feedback")
    feedback.focus()
    page.keyboard.press("Space")
    expect(feedback).to_be_checked()
    expect(questions).to_be_visible()
    block.get_by_role("checkbox", name="Delegating").check()
    expect(block.locator("[data-talent-count]")).to_have_text("2 chosen")
    questions.get_by_label(question).fill("The talk with Sam I keep putting off.")
    block.get_by_role("button", name="Save preparation").click()
    expect(block.get_by_role("status")).to_have_text("Your preparation is saved.")

    page.reload()
    block = dialogue(page)
    expect(block.get_by_role("checkbox", name="Giving feedback")).to_be_checked()
    expect(block.get_by_role("checkbox", name="Delegating")).to_be_checked()
    expect(block.get_by_label(question)).to_have_value("The talk with Sam I keep putting off.")

    record(
        block,
        "2025-03-14",
        "Mia Berg",
        "Delegate the weekly report.",
        {"Delegating": "2 Independent"},
    )
    expect(block.get_by_role("heading", name="Conversations recorded")).to_be_focused()
    expect(block.locator(".talent-dialogue__talk")).to_contain_text("March 14, 2025 · Mia Berg")
    assert ratings_row(block, "Delegating") == [
        "Not rated",
        "2 Independent March 14, 2025 · Mia Berg (self-reported)",
        "Not rated",
    ]

    with page.context.expect_page() as opened:
        block.get_by_role("link", name=re.compile("printable preparation sheet")).click()
    sheet = opened.value
    expect(sheet.get_by_role("heading", level=2, name="Giving feedback")).to_be_visible()
    expect(sheet.locator("main")).to_contain_text("The talk with Sam I keep putting off.")
    sheet.close()

    page.once("dialog", lambda dialog: dialog.accept())
    block.get_by_role("button", name="Remove March 14, 2025").click()
    expect(block.get_by_role("status")).to_have_text("The conversation is removed.")
    expect(block.get_by_text("No conversation recorded yet.")).to_be_visible()
    expect(block.get_by_role("heading", name="Conversations recorded")).to_be_focused()


def test_too_few_competencies_are_refused_with_a_message(page: Page, workbench_url: str) -> None:
    page.goto(workbench_url + SCENARIO + "?student=learner_dialogue_few")
    block = dialogue(page)
    block.get_by_role("checkbox", name="Resilience").check()
    block.get_by_role("button", name="Save preparation").click()
    expect(block.get_by_role("alert")).to_have_text("Choose 2 to 5 competencies to talk about.")
    page.reload()
    expect(dialogue(page).get_by_role("checkbox", name="Resilience")).not_to_be_checked()


def test_saving_by_keyboard_keeps_the_focus_on_the_button(page: Page, workbench_url: str) -> None:
    page.goto(workbench_url + SCENARIO + "?student=learner_dialogue_focus")
    block = dialogue(page)
    for name in ("Resilience", "Delegating"):
        block.get_by_role("checkbox", name=name).check()
    button = block.get_by_role("button", name="Save preparation")
    button.focus()
    page.keyboard.press("Enter")
    expect(block.get_by_role("status")).to_have_text("Your preparation is saved.")
    expect(button).to_be_focused()


def test_self_and_manager_ratings_side_by_side_in_the_talent_course(
    page: Page, workbench_url: str
) -> None:
    student = "learner_dialogue_course"
    page.goto(workbench_url + "/")
    course = page.get_by_role("link", name="Talent course: grow in your role")
    page.goto(workbench_url + (course.get_attribute("href") or "") + "?student=" + student)
    framework = tc.demo_framework()
    # Every competency the course's assessment rates (three clusters) at 3, leading people lower.
    levels = {c.id: 3 for cluster in COURSE_CLUSTERS for c in framework.competencies(cluster)}
    levels |= {"giving-feedback": 1, "coaching-others": 2, "delegating": 1, "developing-others": 1}
    status = page.evaluate(
        """async ([url, body]) => {
            const token = document.cookie.match(/csrftoken=([^;]+)/)[1];
            const answer = await fetch(url, {method: "POST", body: JSON.stringify(body),
                headers: {"Content-Type": "application/json", "X-CSRFToken": token}});
            return answer.status;
        }""",
        [
            f"/handler/{COURSE_ASSESSMENT}/submit_assessment/?student={student}",
            {"role_id": "first-time-manager", "levels": levels},
        ],
    )
    assert status == 200
    page.reload()
    block = dialogue(page)
    suggested = block.locator(".talent-dialogue__suggested")
    expect(suggested).to_contain_text("latest self-assessment: Delegating, Giving feedback")
    expect(block.get_by_role("checkbox", name=re.compile("^Delegating"))).to_be_checked()
    block.get_by_role("button", name="Save preparation").click()
    expect(block.get_by_role("status")).to_have_text("Your preparation is saved.")
    record(block, "2025-03-14", "Mia Berg", "", {"Delegating": "3 Skilled"})
    today = dt.datetime.now(dt.UTC).date()
    assert ratings_row(block, "Delegating") == [
        f"1 Developing {today:%B} {today.day}, {today.year}",
        "3 Skilled March 14, 2025 · Mia Berg (self-reported)",
        "Not rated",
    ]
    block.locator("[data-talent-after]").screenshot(path="/tmp/development_dialogue_course.png")


def test_dutch_page_shows_dutch_labels(page: Page, workbench_url: str) -> None:
    page.goto(workbench_url + SCENARIO + "?student=learner_dialogue_nl&lang=nl")
    block = dialogue(page)
    expect(block.get_by_role("heading", name="Bereid je ontwikkelgesprek voor")).to_be_visible()
    expect(block.get_by_role("heading", name="Voor het gesprek")).to_be_visible()
    expect(block.get_by_role("heading", name="Beoordelingen naast elkaar")).to_be_visible()
    block.get_by_role("checkbox", name="Feedback geven").check()
    block.get_by_role("checkbox", name="Delegeren").check()
    expect(block.locator("[data-talent-count]")).to_have_text("2 gekozen")
    block.get_by_role("button", name="Voorbereiding opslaan").click()
    expect(block.get_by_role("status")).to_have_text("Je voorbereiding is opgeslagen.")
    expect(block.get_by_label("Datum van het gesprek")).to_be_visible()
    expect(block.get_by_role("columnheader", name="Je leidinggevende")).to_be_visible()
    expect(block.get_by_role("rowheader", name="Delegeren")).to_be_visible()


def test_the_talent_course_fits_a_phone(page: Page, workbench_url: str) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(workbench_url + "/")
    course = page.get_by_role("link", name="Talent course: grow in your role")
    page.goto(workbench_url + (course.get_attribute("href") or "") + "?student=staff_hr&lang=sv")
    expect(dialogue(page).get_by_label("Din chefs namn")).to_be_visible()
    assert overflowing(page) == []


def test_the_dialogue_follows_a_self_assessment_submitted_on_the_same_page(
    page: Page, workbench_url: str
) -> None:
    page.goto(workbench_url + "/")
    course = page.get_by_role("link", name="Talent course: grow in your role")
    page.goto(workbench_url + (course.get_attribute("href") or "") + "?student=learner_follow")
    block = dialogue(page)
    expect(block.locator(".talent-dialogue__suggested")).to_be_hidden()
    assessment = page.locator(".talent-assessment")
    assessment.get_by_role("radio", name="First-time manager").check()
    for group in assessment.locator("fieldset[data-competency-id]").all():
        group.locator("input[type=radio]").first.check()
    assessment.get_by_role("button", name="Submit self-assessment").click()
    expect(page.get_by_role("heading", name="Your result")).to_be_visible()
    # no reload: the dialogue on the page suggests from the new gaps
    suggested = block.locator(".talent-dialogue__suggested")
    expect(suggested).to_contain_text("Suggested from the largest gaps in your latest")


BROWSER_KEPT = "/scenario/development_dialogue.2/"


def test_answers_kept_in_the_browser_never_reach_the_course(
    page: Page, workbench_url: str, tmp_path
) -> None:
    """The author's "only in the learner's browser": the saved request holds no answer, the
    answer comes back after a reload and on the sheet, and download, removal and loading the
    download again work by the learner's own hand."""
    question = tc.demo_framework().node("giving-feedback").coaching_questions[0].text["en"]
    page.goto(workbench_url + BROWSER_KEPT + "?student=learner_kept")
    block = dialogue(page)
    expect(block).to_contain_text("the course never receives them")
    block.get_by_role("checkbox", name="Giving feedback").check()
    block.get_by_role("checkbox", name="Delegating").check()
    block.get_by_label(question).fill("Only I may read this.")
    with page.expect_request(lambda r: "save_preparation" in r.url) as sent:
        block.get_by_role("button", name="Save preparation").click()
    assert sent.value.post_data_json["answers"] == {}
    expect(block.get_by_role("status")).to_have_text("Your preparation is saved.")

    page.reload()
    block = dialogue(page)
    expect(block.get_by_label(question)).to_have_value("Only I may read this.")
    with page.context.expect_page() as opened:
        block.get_by_role("link", name=re.compile("printable preparation sheet")).click()
    sheet = opened.value
    expect(sheet.get_by_text("Only I may read this.")).to_be_visible()
    sheet.close()

    with page.expect_download() as downloaded:
        block.get_by_role("button", name="Download my answers").click()
    saved = tmp_path / "answers.json"
    downloaded.value.save_as(saved)

    page.once("dialog", lambda d: d.accept())
    block.get_by_role("button", name="Remove my answers from this browser").click()
    expect(block.get_by_role("status")).to_have_text("Your answers are removed from this browser.")
    page.reload()
    block = dialogue(page)
    expect(block.get_by_label(question)).to_have_value("")

    bad = tmp_path / "other.json"
    bad.write_text('{"format": "talent-dialogue-answers", "answers": {"x": {"y": "z"}}}')
    block.get_by_label("Load answers from a file").set_input_files(bad)
    expect(block.get_by_role("alert")).to_contain_text("does not ask (x/y)")
    block.get_by_label("Load answers from a file").set_input_files(saved)
    expect(block.get_by_role("status")).to_have_text("Answers loaded from the file: 1.")
    expect(block.get_by_label(question)).to_have_value("Only I may read this.")
    page.reload()
    expect(dialogue(page).get_by_label(question)).to_have_value("Only I may read this.")
