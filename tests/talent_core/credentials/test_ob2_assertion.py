"""Open Badges 2.0: an Assertion with its BadgeClass and Issuer, the recipient hashed with salt."""

from __future__ import annotations

import hashlib
import json

import pytest

import talent_core as tc
from talent_core import credentials as cr
from tests.shared_files import shared_file

from .conftest import recognise


def test_an_assertion_with_badgeclass_per_competency_and_level_and_issuer_profile(
    framework: tc.CompetencyFramework, issuer: cr.Issuer
) -> None:
    assertion = cr.build_ob2_assertion(recognise(framework), issuer, salt="s4lt")
    assert assertion["@context"] == "https://w3id.org/openbadges/v2"
    assert assertion["type"] == "Assertion"
    assert assertion["issuedOn"] == "2026-05-01T09:30:00Z"
    assert assertion["verification"] == {"type": "hosted"}
    badge = assertion["badge"]
    assert badge["type"] == "BadgeClass" and badge["name"] == "Giving feedback: Skilled"
    assert badge["image"].startswith("data:image/svg+xml;base64,")
    assert badge["criteria"]["narrative"]
    assert badge["issuer"] == {
        "type": "Issuer",
        "id": "https://talent.example.org/issuer",
        "name": "Example Organisation",
        "url": "https://talent.example.org",
        "email": "badges@example.org",
    }
    [target] = badge["alignment"]
    assert target["targetUrl"].startswith("https://case.example.org/uri/")
    other_level = cr.build_ob2_assertion(recognise(framework, level=4), issuer)
    same = cr.build_ob2_assertion(recognise(framework, decision_id="again"), issuer)
    assert other_level["badge"]["id"] != badge["id"] == same["badge"]["id"]
    assert same["id"] != assertion["id"]


def test_the_recipient_is_the_salted_sha256_of_the_email(
    framework: tc.CompetencyFramework, issuer: cr.Issuer
) -> None:
    assertion = cr.build_ob2_assertion(recognise(framework), issuer, salt="s4lt")
    digest = hashlib.sha256(b"ana.lind@example.org" + b"s4lt").hexdigest()
    assert assertion["recipient"] == {
        "type": "email",
        "hashed": True,
        "salt": "s4lt",
        "identity": f"sha256${digest}",
    }
    assert "ana.lind" not in json.dumps(assertion).lower()
    one = cr.build_ob2_assertion(recognise(framework), issuer)
    two = cr.build_ob2_assertion(recognise(framework), issuer)
    assert one["recipient"]["salt"] != two["recipient"]["salt"]  # random by default


def test_evidence_and_reasoning_go_along(
    framework: tc.CompetencyFramework, issuer: cr.Issuer
) -> None:
    assertion = cr.build_ob2_assertion(recognise(framework), issuer)
    first, second = assertion["evidence"]
    assert first["id"] == "https://files.example.org/ana/feedback.pdf"
    assert "2025-03-14" in first["narrative"] and "id" not in second
    assert "Shown in the evidence for giving-feedback-l3-1." in assertion["narrative"]


def test_a_learner_without_email_gets_no_ob2_assertion_and_is_told_why(
    framework: tc.CompetencyFramework, issuer: cr.Issuer
) -> None:
    with pytest.raises(tc.InputError, match="ana has no e-mail address"):
        cr.build_ob2_assertion(recognise(framework, learner_email=None), issuer)


def test_the_issuer_image_is_the_badge_image_when_given(
    framework: tc.CompetencyFramework,
) -> None:
    issuer = cr.read_issuer(
        {
            "id": "did:web:talent.example.org",
            "name": "Example",
            "url": "https://talent.example.org",
            "email": "badges@example.org",
            "image": "https://talent.example.org/logo.png",
        }
    )
    assertion = cr.build_ob2_assertion(recognise(framework), issuer)
    assert assertion["badge"]["image"] == "https://talent.example.org/logo.png"
    assert assertion["badge"]["issuer"]["image"] == "https://talent.example.org/logo.png"


def _keys(value: object) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def test_every_member_and_type_is_a_term_of_the_open_badges_2_context(
    framework: tc.CompetencyFramework, issuer: cr.Issuer
) -> None:
    """A 2.0 consumer expands the assertion with this context: a member it lacks is lost."""
    context = json.loads(shared_file("schemas", "ob_v2p0_context.json").read_text("utf-8"))
    terms = set(context["@context"])
    assertion = cr.build_ob2_assertion(recognise(framework), issuer)
    assert _keys(assertion) - {"@context"} <= terms, _keys(assertion) - terms
    types = {assertion["type"], assertion["badge"]["type"], assertion["badge"]["issuer"]["type"]}
    assert types <= terms
    assert assertion["verification"]["type"] in terms
