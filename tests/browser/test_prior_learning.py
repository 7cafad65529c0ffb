"""Recognition of prior learning with three people at once in the running workbench: a learner
drafts a claim, links evidence to the level's behaviour indicators, attaches a file and submits;
the guide comments; the assessor scores the evidence on VRAAK, records the interview and
decides; the learner sees the decision and downloads the credential, which verifies with the
issuer's public key. A second learner reaches none of the first one's files (direct URLs
included) and the guide cannot decide (403 with the reason)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Locator, Page, expect

pytestmark = pytest.mark.browser

PORTFOLIO = "/scenario/prior_learning_portfolio.0/"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
INDICATOR_1 = "Before handing over a task, agrees on the expected result"
INDICATOR_2 = "Stays available for questions during a delegated task"


def as_user(browser: Browser, base: str, student: str, lang: str = "en") -> Page:
    """A page in its own browser context: each user has their own cookies, as in real life."""
    page = browser.new_context(viewport={"width": 1200, "height": 1600}).new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"{base}{PORTFOLIO}?student={student}&lang={lang}")
    return page


def serious_violations(page: Page) -> list[str]:
    """Axe's serious and critical findings in the reviewer part, one line each."""
    results: Any = Axe().run(page, context="[data-rpl-review]")
    return [
        f"{v['id']} ({v['impact']}): {[str(n['target']) for n in v['nodes'][:3]]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def review(page: Page) -> Locator:
    return page.locator("[data-rpl-review]")


def said(page: Page) -> Locator:
    return review(page).locator("[data-rpl-said]")


def post(page: Page, url: str, body: object) -> int:
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


def get_status(page: Page, url: str) -> int:
    status: int = page.evaluate("async (url) => (await fetch(url)).status", url)
    return status


def handler_url(page: Page, name: str) -> str:
    """A reviewer handler's URL as the page carries it (another user's page has the same)."""
    section = page.locator("[data-rpl-review]")
    if section.count():
        return str(section.get_attribute(f"data-url-{name}"))
    link = page.get_by_role("link", name="Download your portfolio and files (zip)")
    return re.sub(r"/export_my_data/", f"/{name}/", link.get_attribute("href") or "")


def learner_drafts_and_submits(page: Page, tmp: Path) -> None:
    page.get_by_label("Competency").select_option(label="Delegating")
    page.get_by_label("Level you claim").select_option(label="2 Independent")
    page.get_by_role("button", name="Start the claim").click()
    claim = page.locator("[data-claim-id]").first
    expect(claim.get_by_label(re.compile("^Situation"))).to_be_visible()
    claim.get_by_label(re.compile("^Situation")).fill("Our team grew from 4 to 11 people.")
    claim.get_by_label(re.compile("^Task")).fill("Hand over the monthly budget round.")
    claim.get_by_label(re.compile("^Action")).fill("I agreed results and check-ins with Sam.")
    claim.get_by_label(re.compile("^Result")).fill("Sam runs the round; I check in weekly.")
    claim.get_by_role("button", name="Save the claim").click()
    expect(page.locator("[data-talent-status]").first).to_contain_text("Your claim is saved.")

    report = tmp / "hand-over plan.pdf"
    report.write_bytes(PDF)
    add = page.locator("[data-rpl-add]").first
    add.get_by_label("A file (PDF, image, office document)").check()
    add.get_by_label("Title").fill("Hand-over plan")
    add.get_by_label("Date (when it happened)").fill("2025-09-15")
    add.get_by_label("File", exact=True).set_input_files(str(report))
    add.get_by_label(re.compile(INDICATOR_1)).check()
    add.get_by_role("button", name="Add the evidence").click()
    expect(page.get_by_role("link", name="hand-over plan.pdf")).to_be_visible()

    add = page.locator("[data-rpl-add]").first
    add.get_by_label("A link").check()
    add.get_by_label("Title").fill("Team retrospective notes")
    add.get_by_label("Date (when it happened)").fill("2025-11-03")
    add.get_by_label("Link (https://…)").fill("https://example.org/retro")
    add.get_by_label(re.compile(INDICATOR_1)).check()
    add.get_by_label(re.compile(INDICATOR_2)).check()
    add.get_by_role("button", name="Add the evidence").click()
    expect(page.locator('[data-kind="link"]')).to_have_count(1)

    page.get_by_role("button", name="Submit for assessment").click()
    expect(page.locator("[data-talent-status]").first).to_contain_text("Your claim is submitted.")


def guide_comments(page: Page) -> None:
    queue = page.locator('[data-queue="guide"]')
    queue.get_by_role("button", name=re.compile("^Open learner_1")).click()
    detail = page.locator('[data-claim-detail][data-role="guide"]')
    expect(detail).to_contain_text("Hand over the monthly budget round.")
    detail.get_by_label("Your comment to the learner").fill("Strong account; name the check-ins.")
    detail.get_by_role("button", name="Save comment").click()
    expect(said(page)).to_have_text("Your comment is saved.")
    expect(page.locator("[data-comments]")).to_contain_text("Strong account; name the check-ins.")


def assessor_decides(page: Page) -> None:
    queue = page.locator('[data-queue="assessor"]')
    queue.get_by_role("button", name=re.compile("^Open learner_1")).click()
    detail = page.locator('[data-claim-detail][data-role="assessor"]')
    expect(detail).to_contain_text("I agreed results and check-ins with Sam.")
    expect(detail).not_to_contain_text("Strong account")  # the guide's comment is not shown
    detail.get_by_role("button", name="Pick up this claim").click()
    expect(said(page)).to_have_text("The claim is in review with you.")
    detail = page.locator('[data-claim-detail][data-role="assessor"]')
    expect(detail.locator("[data-claim-state]")).to_have_text("In review")
    file_link = detail.get_by_role("link", name=re.compile("hand-over plan"))
    assert get_status(page, str(file_link.get_attribute("href"))) == 200

    for evidence in ("Hand-over plan", "Team retrospective notes"):
        box = page.locator("[data-evidence]").filter(
            has=page.get_by_role("heading", name=re.compile(evidence))
        )
        for criterion in ("Variation", "Relevance", "Authenticity", "Currency", "Quantity"):
            box.get_by_label(criterion).select_option(label="Met")
        box.get_by_label("Note").fill(f"{evidence}: convincing.")
        box.get_by_role("button", name=re.compile("^Save VRAAK score")).click()
        expect(said(page)).to_have_text("The VRAAK score is saved.")
        scored = page.locator("[data-evidence]").filter(
            has=page.get_by_role("heading", name=re.compile(evidence))
        )
        expect(scored).to_contain_text("Scored")

    decide = page.locator("[data-decision-form]")
    decide.get_by_label("Outcome").select_option(label="Recognised")
    page.get_by_role("button", name="Record decision").click()
    expect(review(page).locator("[data-rpl-error]")).to_contain_text("second instrument")

    form = page.locator("[data-instrument-form]")
    form.get_by_label("Kind").select_option(label="Criterion-based interview")
    form.get_by_label("Date").fill((dt.date.today() - dt.timedelta(days=1)).isoformat())
    form.get_by_label("Outcome").fill("Explained each hand-over and its check-ins.")
    form.get_by_role("button", name="Record second instrument").click()
    expect(said(page)).to_have_text("The second instrument is recorded.")

    decide = page.locator("[data-decision-form]")
    decide.get_by_label("Outcome").select_option(label="Recognised")
    decide.get_by_label("Awarded level (recognised or partly recognised)").select_option(
        label="2 Independent"
    )
    decide.get_by_label(re.compile(f"^Reason: {INDICATOR_1}")).fill("The plan and the retro.")
    decide.get_by_label(re.compile(f"^Reason: {INDICATOR_2}")).fill("The retro's check-ins.")
    decide.get_by_label("Feedback to the learner").fill("Well evidenced.")
    decide.get_by_role("button", name="Record decision").focus()
    page.keyboard.press("Enter")  # keyboard works as well as a click
    expect(said(page)).to_have_text("Your decision is recorded.")
    expect(page.locator("[data-my-decision]")).to_contain_text("Recognised, 2 Independent")


def test_learner_guide_and_assessor_take_a_claim_to_a_verified_credential(
    browser: Browser, workbench_url: str, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from talent_core.credentials import verify_vc_jwt

    learner = as_user(browser, workbench_url, "learner_1")
    learner_drafts_and_submits(learner, tmp_path)
    file_url = learner.get_by_role("link", name="hand-over plan.pdf").get_attribute("href")
    assert file_url

    guide = as_user(browser, workbench_url, "guide_1")
    guide_comments(guide)
    assert serious_violations(guide) == []
    assessor = as_user(browser, workbench_url, "assessor_1")
    assessor_decides(assessor)
    assert serious_violations(assessor) == []
    staff = as_user(browser, workbench_url, "staff_hr")
    expect(staff.locator("[data-roster-status]")).to_contain_text("Reviewer roster")
    assert serious_violations(staff) == []
    for lang in ("sv", "nl"):
        other_language = as_user(browser, workbench_url, "assessor_2", lang)
        queue = other_language.locator('[data-queue="assessor"]')
        queue.locator("[data-open-claim]").first.click()
        expect(other_language.locator("[data-claim-detail]")).to_be_visible()
        assert (
            "Pick up this claim" not in other_language.locator("[data-claim-detail]").inner_text()
        )
        assert serious_violations(other_language) == [], lang

    # the guide cannot decide, not even by a direct request
    claim_id = str(learner.locator("[data-claim-id]").first.get_attribute("data-claim-id"))
    body = {
        "learner": "learner_1",
        "claim_id": claim_id,
        "outcome": "recognised",
        "awarded_level": 2,
        "reasons": {},
        "feedback": "",
    }
    assert post(guide, handler_url(guide, "decide_claim"), body) == 403

    # a second learner reaches no file of the first and no reviewer handler
    other = as_user(browser, workbench_url, "learner_2")
    stolen = re.sub(r"student=learner_1", "student=learner_2", str(file_url))
    assert get_status(other, stolen) in (403, 404)
    assert other.get_by_text("Hand-over plan").count() == 0
    assert post(other, handler_url(other, "open_claim_review"), body) == 403

    learner.reload()
    claim = learner.locator("[data-claim-id]").first
    expect(claim).to_contain_text("Decision: Recognised")
    expect(claim).to_contain_text("The retro's check-ins.")
    expect(claim).to_contain_text("Strong account; name the check-ins.")
    with learner.expect_download() as download:
        claim.get_by_role("link", name="Verifiable credential (Open Badges 3.0, signed)").click()
    token = Path(download.value.path()).read_text("utf-8").strip()
    keys = {
        p.resolve()
        for p in tmp_path_factory.getbasetemp().glob("workbench*/var/credential-key.pem")
    }
    assert len(keys) == 1, keys
    from cryptography.hazmat.primitives import serialization

    private = serialization.load_pem_private_key(keys.pop().read_bytes(), password=None)
    public = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    payload = verify_vc_jwt(token, public.decode())
    assert "OpenBadgeCredential" in str(payload)
