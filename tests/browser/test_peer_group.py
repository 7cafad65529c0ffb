"""Peer groups in the running workbench: a shared members-only log, roster upload, Swedish UI."""

from __future__ import annotations

import json
import uuid

import pytest
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.browser

INTERVISION = "/scenario/peer_group.0/"
MENTORING = "/scenario/peer_group.1/"
NO_ROSTER = "/scenario/peer_group.2/"
#: The workbench names a scenario's block "<slug of the scenario title>.<type>.d0.u0".
INTERVISION_BLOCK = "peer-group-intervision.peer_group.d0.u0"


def open_block(page: Page, base: str, scenario: str, student: str, lang: str = "") -> None:
    page.goto(f"{base}{scenario}?student={student}" + (f"&lang={lang}" if lang else ""))


def status(page: Page) -> Locator:
    return page.locator("[data-talent-status]")


def test_members_share_the_log_and_others_cannot_read_it(page: Page, workbench_url: str) -> None:
    insight = f"Name the deadline out loud ({uuid.uuid4().hex[:8]})"
    open_block(page, workbench_url, INTERVISION, "learner_1")
    form = page.locator("[data-log-form]")
    form.get_by_label("Case owner").fill("Bo Lindqvist")
    form.get_by_label("Key insight").fill(insight)
    form.get_by_label("Agreed action").fill("Bo sends the plan on Monday")
    form.get_by_label("Agreed action").press("Tab")
    page.keyboard.press("Enter")  # the submit button, reached by keyboard
    expect(status(page)).to_have_text("Session logged. The group's log is updated.")
    log = page.locator("[data-log]")
    expect(log).to_contain_text(insight)
    expect(form.get_by_label("Key insight")).to_have_value("")
    expect(form.get_by_role("button", name="Add to the log")).to_be_focused()  # not lost

    open_block(page, workbench_url, INTERVISION, "learner_2")
    expect(page.get_by_role("heading", name="Group: Harbour")).to_be_visible()
    entry = page.locator(".talent-peer__entry", has_text=insight)
    expect(entry).to_contain_text("Case owner: Bo Lindqvist")
    expect(entry).to_contain_text("Logged by Ann Berg")

    open_block(page, workbench_url, INTERVISION, "learner_6")
    expect(page.get_by_role("heading", name="Group: Lighthouse")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text(insight)

    open_block(page, workbench_url, INTERVISION, "learner_99")
    expect(page.locator("[data-no-group]")).to_contain_text("You are not in a group yet")
    expect(page.locator("[data-log-form]")).to_have_count(0)
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    answer = page.request.post(
        f"{workbench_url}/handler/{INTERVISION_BLOCK}/show_log/?student=learner_99",
        data=json.dumps({"group": "Harbour"}),
        headers={"Content-Type": "application/json", "X-CSRFToken": token},
    )
    assert answer.status == 403 and insight not in answer.text()


def test_staff_upload_a_roster_and_a_bad_one_keeps_it(page: Page, workbench_url: str) -> None:
    open_block(page, workbench_url, NO_ROSTER, "staff_hr")
    staff = page.locator("[data-staff]")
    expect(staff).to_contain_text("0 people in 0 groups")
    roster = b"username,group,role,name\nlearner_20,Dune,host,Mia Roos\nlearner_21,Dune,,Ola Berg\n"
    staff.get_by_label("New roster (CSV file)").set_input_files(
        {"name": "roster.csv", "mimeType": "text/csv", "buffer": roster}
    )
    staff.get_by_role("button", name="Upload roster").click()
    expect(status(page)).to_have_text("The roster is saved.")
    expect(staff).to_contain_text("2 people in 1 group.")

    staff.get_by_label("New roster (CSV file)").set_input_files(
        {"name": "bad.csv", "mimeType": "text/csv", "buffer": b"username,group,role\nx,Dune,boss\n"}
    )
    staff.get_by_role("button", name="Upload roster").click()
    alert = page.get_by_role("alert").filter(has_text="The roster was not saved")
    expect(alert).to_have_text(
        "The roster was not saved: Row 2, column role: The role boss is not one of: member, host."
    )
    page.reload()
    expect(page.locator("[data-staff]")).to_contain_text("2 people in 1 group.")

    open_block(page, workbench_url, NO_ROSTER, "learner_21")
    expect(page.get_by_role("heading", name="Group: Dune")).to_be_visible()
    expect(page.locator(".talent-peer__members")).to_contain_text("Mia Roos · host")
    expect(page.locator("[data-staff]")).to_have_count(0)


def test_mentee_volunteers_to_mentor_next_round(page: Page, workbench_url: str) -> None:
    open_block(page, workbench_url, MENTORING, "learner_12")
    expect(page.get_by_role("heading", name="Your mentoring pair")).to_be_visible()
    offer = page.get_by_role("group", name="Next round, I offer to")
    offer.get_by_label("mentor someone who is new to the programme").check()
    page.get_by_role("button", name="Save my offer").click()
    expect(status(page)).to_have_text("Thank you. Your offer is saved.")
    page.reload()
    expect(page.get_by_label("mentor someone who is new to the programme")).to_be_checked()


def test_swedish_ui_guides_a_session_step_by_step(page: Page, workbench_url: str) -> None:
    open_block(page, workbench_url, INTERVISION, "learner_3", lang="sv")
    expect(page.get_by_role("heading", name="Din intervisionsgrupp")).to_be_visible()
    expect(page.get_by_role("heading", name="Grupp: Harbour")).to_be_visible()
    expect(page.get_by_role("heading", name="Samtalslogg")).to_be_visible()
    for label in ("Datum för träffen", "Fallägare", "Viktigaste insikt", "Överenskommen åtgärd"):
        expect(page.get_by_label(label)).to_be_visible()

    expect(page.get_by_role("button", name="Nästa steg")).to_be_hidden()
    page.get_by_role("button", name="Led oss steg för steg").click()
    steps = page.locator("[data-step]")
    expect(page.locator("[data-step-position]")).to_have_text("Steg 1 av 5")
    expect(steps.nth(0)).to_be_visible()
    expect(steps.nth(1)).to_be_hidden()
    expect(page.get_by_role("heading", name="Fallet presenteras")).to_be_focused()
    next_step = page.get_by_role("button", name="Nästa steg")
    next_step.focus()
    page.keyboard.press("Enter")
    expect(page.locator("[data-step-position]")).to_have_text("Steg 2 av 5")
    expect(page.get_by_role("heading", name="Klargörande frågor")).to_be_focused()
    page.screenshot(path="/tmp/peer_group_sv.png", full_page=True)
    page.get_by_role("button", name="Visa alla steg").click()
    expect(page.get_by_role("button", name="Led oss steg för steg")).to_be_focused()
    expect(next_step).to_be_hidden()
    expect(steps).to_have_count(5)
    for index in range(5):
        expect(steps.nth(index)).to_be_visible()
