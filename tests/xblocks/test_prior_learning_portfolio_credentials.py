"""A recognised claim's credential (Open Badges 3.0 VC-JWT and JSON, Open Badges 2.0) and
the experience profile, from the portfolio block; and the view without a signing key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

from talent_core import credentials as cred
from talent_core import rpl
from tests.xblocks.markup import student_html, text_of
from tests.xblocks.rpl_helpers import (
    INDICATORS,
    ROSTER,
    RPL,
    decision,
    get,
    post,
    ready_claim,
    review_record,
)


@pytest.fixture
def recognised(make_block, workbench_field_data):
    """learner_1's claim, submitted and decided by assessor_1 (``outcome`` by default
    recognised at level 2); returns (make, claim id, decide)."""
    staff = make_block(RPL, user="staff_hr", field_data=workbench_field_data)
    staff.reviewer_roster = rpl.read_reviewer_roster(ROSTER).to_state()
    staff.save()
    usage = staff.scope_ids.usage_id

    def make(user: str = "learner_1"):
        return make_block(RPL, user=user, usage=usage, field_data=workbench_field_data)

    learner = make()
    claim_id = ready_claim(learner)
    assert post(learner, "submit_claim", {"claim_id": claim_id}).status_code == 200

    def decide(*decisions) -> None:
        assessor = make(decisions[0]["assessor"])
        assessor.review_record = review_record(*decisions)
        assessor.save()

    decide(decision(claim_id))
    return make, claim_id, decide


def _public_key() -> bytes:
    return cred.public_key_pem(Path(settings.TALENT_CREDENTIAL_KEY_FILE).read_bytes())


def test_the_workbench_made_a_demo_signing_key_readable_only_by_its_owner() -> None:
    path = Path(settings.TALENT_CREDENTIAL_KEY_FILE)
    assert path.exists() and b"PRIVATE KEY" in path.read_bytes()
    assert path.stat().st_mode & 0o077 == 0


def test_a_recognised_claim_offers_the_credential_and_the_profile(recognised) -> None:
    make, _claim_id, _decide = recognised
    words = text_of(student_html(make()))
    for link in (
        "Verifiable credential (Open Badges 3.0, signed)",
        "The same credential as JSON",
        "Open Badges 2.0 assertion",
        "Your experience profile (to print)",
    ):
        assert link in words


def test_the_signed_credential_verifies_with_the_issuer_s_public_key(recognised) -> None:
    make, claim_id, _decide = recognised
    response = get(make(), "download_credential", f"claim={claim_id}&format=jwt")
    assert response.status_code == 200
    assert response.content_type == "application/vc+jwt"
    assert "attachment" in response.headers["Content-Disposition"]
    credential = cred.verify_vc_jwt(response.body.decode("ascii"), _public_key())
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["achievementType"] == "Competency"
    assert "Giving feedback" in achievement["name"]
    assert credential["issuer"]["id"] == settings.TALENT_CREDENTIAL_ISSUER["id"]


def test_the_json_and_open_badges_2_downloads(recognised) -> None:
    make, claim_id, _decide = recognised
    ob3 = get(make(), "download_credential", f"claim={claim_id}&format=ob3")
    assert ob3.status_code == 200 and ob3.content_type == "application/json"
    assert "OpenBadgeCredential" in json.loads(ob3.body)["type"]
    ob2 = get(make(), "download_credential", f"claim={claim_id}&format=ob2")
    assert ob2.status_code == 200
    assertion = json.loads(ob2.body)
    assert assertion["type"] == "Assertion" and assertion["recipient"]["hashed"] is True
    assert "learner_1@example.com" not in ob2.text
    assert get(make(), "download_credential", f"claim={claim_id}&format=exe").status_code == 404


def test_the_experience_profile_lists_the_reasons_per_indicator(recognised) -> None:
    make, _claim_id, _decide = recognised
    page = get(make(), "experience_profile")
    assert page.status_code == 200 and page.content_type == "text/html"
    words = text_of(page.text)
    assert "Giving feedback" in words
    assert f"Shown in the evidence ({INDICATORS[0]})." in words


def test_nobody_else_gets_the_learner_s_credential(recognised) -> None:
    make, claim_id, _decide = recognised
    for user in ("learner_2", "assessor_1", "guide_1", "staff_hr"):
        response = get(make(user), "download_credential", f"claim={claim_id}&format=jwt")
        assert response.status_code == 404, user
        assert get(make(user), "experience_profile").status_code == 404


@pytest.mark.parametrize("outcome", ["not_recognised", "more_evidence_needed"])
def test_a_claim_not_recognised_has_no_credential(recognised, outcome: str) -> None:
    make, claim_id, decide = recognised
    decide(decision(claim_id, outcome, feedback="Add a recent example."))
    assert get(make(), "download_credential", f"claim={claim_id}&format=jwt").status_code == 404
    assert "Verifiable credential" not in text_of(student_html(make()))


def test_a_disputed_claim_has_no_credential(recognised) -> None:
    make, claim_id, decide = recognised
    decide(decision(claim_id, "not_recognised", assessor="assessor_2"))
    assert get(make(), "download_credential", f"claim={claim_id}&format=jwt").status_code == 404


def test_without_a_signing_key_the_view_says_credentials_are_not_set_up(recognised) -> None:
    make, claim_id, _decide = recognised
    with override_settings(TALENT_CREDENTIAL_KEY_FILE=""):
        words = text_of(student_html(make()))
        response = get(make(), "download_credential", f"claim={claim_id}&format=jwt")
        profile = get(make(), "experience_profile")
    assert "Credentials are not set up on this platform yet" in words
    assert "Verifiable credential" not in words
    assert response.status_code == 404 and b"not set up" in response.body
    assert profile.status_code == 200  # the profile needs no key


def test_a_broken_key_or_issuer_counts_as_not_set_up(recognised, tmp_path) -> None:
    make, claim_id, _decide = recognised
    bad = tmp_path / "key.pem"
    bad.write_text("not a key")
    with override_settings(TALENT_CREDENTIAL_KEY_FILE=str(bad)):
        assert "not set up" in text_of(student_html(make()))
    with override_settings(TALENT_CREDENTIAL_ISSUER={"id": "http://insecure", "name": "x"}):
        response = get(make(), "download_credential", f"claim={claim_id}&format=jwt")
        assert response.status_code == 404
