"""The learner's prior learning portfolio in the running workbench: a claim drafted with a file
and a link, linked to indicators, submitted and locked; another learner cannot open the file.
(The three-user loop with guide and assessor is tests/browser/test_prior_learning.py.)"""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

pytestmark = pytest.mark.browser

SCENARIO = "/scenario/prior_learning_portfolio.0/"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def open_block(page: Page, base: str, student: str, lang: str = "") -> None:
    page.goto(f"{base}{SCENARIO}?student={student}" + (f"&lang={lang}" if lang else ""))


def status(page: Page) -> Locator:
    return page.locator("[data-talent-status]")


def test_a_learner_drafts_attaches_links_and_submits(page: Page, workbench_url: str) -> None:
    learner = f"learner_rpl_{uuid.uuid4().hex[:6]}"
    page.on("dialog", lambda dialog: dialog.accept())
    open_block(page, workbench_url, learner)
    start = page.locator("[data-rpl-new]")
    start.get_by_label("Competency").select_option("giving-feedback")
    start.get_by_label("Level you claim").select_option("2")
    start.get_by_role("button", name="Start the claim").click()
    expect(status(page)).to_have_text(
        "Your claim is started as a draft. Add your account and evidence below."
    )
    claim = page.locator(".talent-rpl__claim").first
    expect(claim.get_by_role("heading", level=4)).to_contain_text("Giving feedback")

    add = claim.locator("[data-rpl-add]")
    add.get_by_label("Title").fill("Release retrospective notes")
    add.get_by_label("Date (when it happened)").fill("2024-03-01")
    add.get_by_label("File", exact=True).set_input_files(
        {"name": "retro.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    add.locator("input[name='indicator_ids']").first.check()
    add.get_by_role("button", name="Add the evidence").click()
    expect(status(page)).to_have_text("The evidence is added to your claim.")
    claim = page.locator(".talent-rpl__claim").first
    expect(claim.get_by_role("link", name="retro.pdf")).to_be_visible()

    add = claim.locator("[data-rpl-add]")
    add.get_by_label("A link").check()
    add.get_by_label("Title").fill("Feedback course certificate")
    add.get_by_label("Date (when it happened)").fill("2023-05-10")
    add.get_by_label("Link (https://…)").fill("https://example.org/certificate")
    add.locator("input[name='indicator_ids']").nth(1).check()
    add.get_by_role("button", name="Add the evidence").click()
    claim = page.locator(".talent-rpl__claim").first
    expect(claim.get_by_role("group", name="Link: Feedback course certificate")).to_be_visible()

    claim.get_by_label("Situation: where and when did you show this competency?").fill(
        "Two releases were late <script>alert(1)</script>."
    )
    claim.get_by_label("Task: what was asked of you?").fill("Address it with two colleagues.")
    claim.get_by_label("Action: what did you do yourself?").fill("Specific, timely feedback.")
    claim.get_by_label("Result: what came of it?").fill("The next releases were on time.")
    claim.get_by_role("button", name="Submit for assessment").click()
    expect(page.locator("[data-talent-error]")).to_be_hidden()
    expect(status(page)).to_have_text("Your claim is submitted. It is locked while it is assessed.")
    claim = page.locator(".talent-rpl__claim").first
    expect(claim).to_contain_text("Status: Submitted")
    expect(claim).to_contain_text("Two releases were late <script>alert(1)</script>.")
    expect(claim.locator("[data-rpl-claim]")).to_have_count(0)  # locked: no form

    href = claim.get_by_role("link", name="retro.pdf").get_attribute("href")
    assert href
    own = page.request.get(workbench_url + href)
    assert own.status == 200 and own.body() == PDF
    assert own.headers["content-disposition"].startswith("attachment")
    assert own.headers["x-content-type-options"] == "nosniff"
    foreign = href.replace(f"student={learner}", "student=learner_2")
    other = page.request.get(workbench_url + foreign)
    assert other.status == 403 and PDF not in other.body()


def test_the_portfolio_reads_in_swedish(page: Page, workbench_url: str) -> None:
    open_block(page, workbench_url, f"learner_rpl_{uuid.uuid4().hex[:6]}", lang="sv")
    expect(page.get_by_role("heading", name="Validering av tidigare lärande")).to_be_visible()
    expect(page.get_by_role("button", name="Påbörja ansökan")).to_be_visible()


@pytest.mark.parametrize("lang", ["en", "sv", "nl"])
def test_the_learner_s_portfolio_with_a_draft_is_axe_clean(
    browser: Browser, workbench_url: str, lang: str
) -> None:
    from tests.browser.test_plan_team_accessibility import serious_violations

    page = browser.new_context().new_page()
    open_block(page, workbench_url, f"learner_rpl_{uuid.uuid4().hex[:6]}", lang=lang)
    page.locator("[data-rpl-new] button[type='submit']").click()
    expect(page.locator(".talent-rpl__claim")).to_have_count(1)
    assert serious_violations(page, ".talent-rpl") == []


def test_a_guide_s_queue_and_claim_fit_a_phone_with_readable_headings(
    browser: Browser, workbench_url: str
) -> None:
    """At 375 px the review queue (eight columns) scrolls inside its own box instead of pushing
    the "Open" button off the screen, and the claim's section headings are body size at least."""
    from tests.browser.layout import overflowing

    learner = browser.new_context().new_page()
    open_block(learner, workbench_url, "learner_5")
    learner.locator("[data-rpl-new] button[type='submit']").click()
    expect(learner.locator(".talent-rpl__claim")).to_have_count(1)

    guide = browser.new_context(viewport={"width": 375, "height": 800}).new_page()
    open_block(guide, workbench_url, "guide_1", lang="nl")
    queue = guide.locator('[data-queue="guide"]')
    expect(queue.locator("[data-claim-row]").first).to_be_visible()
    assert overflowing(guide) == []
    scroller = queue.get_by_role("region", name=re.compile("aanvra", re.I))
    assert scroller.evaluate("box => box.scrollWidth > box.clientWidth")  # scrolls, reachable
    queue.get_by_role("button", name=re.compile("^Openen learner_5")).click()
    detail = guide.locator('[data-claim-detail][data-role="guide"]')
    expect(detail).to_be_visible()
    assert overflowing(guide) == []
    body = float(detail.evaluate("node => parseFloat(getComputedStyle(node).fontSize)"))
    for heading in detail.locator("h5, h6").all():
        size = float(heading.evaluate("node => parseFloat(getComputedStyle(node).fontSize)"))
        assert size >= body, heading.inner_text()
