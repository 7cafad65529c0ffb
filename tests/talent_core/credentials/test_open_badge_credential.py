"""Open Badges 3.0: every credential this package issues is valid against 1EdTech's schema."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest

import talent_core as tc
from talent_core import credentials as cr
from tests.shared_files import shared_file

from .conftest import CASE_URI, recognise


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(
        shared_file("schemas", "ob_v3p0_achievementcredential.schema.json").read_text("utf-8")
    )
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_every_issued_credential_validates_against_the_1edtech_schema(
    validator: jsonschema.protocols.Validator,
    recognitions: list[cr.RecognisedCompetency],
    issuer: cr.Issuer,
) -> None:
    assert len(recognitions) >= 20
    for item in recognitions:
        credential = cr.build_open_badge_credential(item, issuer)
        errors = [e.message for e in validator.iter_errors(credential)]
        assert errors == [], (item.competency_id, item.level_id, errors)


def test_a_credential_without_email_evidence_or_reasons_still_validates(
    validator: jsonschema.protocols.Validator, framework: tc.CompetencyFramework, issuer: cr.Issuer
) -> None:
    bare = recognise(framework, learner_email=None, evidence=[], reasons={})
    credential = cr.build_open_badge_credential(bare, issuer)
    assert list(validator.iter_errors(credential)) == []
    assert "evidence" not in credential
    assert [i["identityType"] for i in credential["credentialSubject"]["identifier"]] == ["name"]


def test_the_schema_the_credential_names_is_the_one_it_validates_against() -> None:
    schema = json.loads(
        shared_file("schemas", "ob_v3p0_achievementcredential.schema.json").read_text("utf-8")
    )
    assert schema["$id"] == cr.OB3_SCHEMA


def test_contexts_are_referenced_by_url_and_none_is_bundled(
    framework: tc.CompetencyFramework, issuer: cr.Issuer
) -> None:
    credential = cr.build_open_badge_credential(recognise(framework), issuer)
    assert credential["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    package = tc.__file__.rsplit("/", 1)[0]
    from pathlib import Path

    bundled = [p.name for p in Path(package).rglob("*.json") if "context" in p.name.lower()]
    assert bundled == []


def test_the_achievement_is_the_competency_at_the_level_aligned_to_the_case_item(
    framework: tc.CompetencyFramework, issuer: cr.Issuer
) -> None:
    item = recognise(framework, "giving-feedback", 3)
    credential = cr.build_open_badge_credential(item, issuer)
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    subject = credential["credentialSubject"]
    achievement = subject["achievement"]
    assert achievement["achievementType"] == "Competency"
    assert achievement["name"] == "Giving feedback: Skilled"
    assert "Skilled" in achievement["criteria"]["narrative"]
    [target] = achievement["alignment"]
    package: dict[str, Any] = json.loads(tc.formats.write_framework(tc.demo_framework(), "case"))
    [case_item] = [i for i in package["CFItems"] if i["humanCodingScheme"] == "giving-feedback"]
    assert target["targetUrl"] == CASE_URI.format(identifier=case_item["identifier"])
    assert framework.node("giving-feedback").extensions["case:uri"] == target["targetUrl"]
    assert target["targetType"] == "CFItem"
    assert target["targetCode"] == "giving-feedback"
    [levels] = achievement["resultDescription"]
    [level] = levels["rubricCriterionLevel"]
    assert (level["name"], level["level"]) == ("Skilled", "3")
    assert subject["result"] == [
        {"type": ["Result"], "resultDescription": levels["id"], "achievedLevel": level["id"]}
    ]
    assert credential["validFrom"] == "2026-05-01T09:30:00Z"
    assert credential["issuer"]["id"] == "https://talent.example.org/issuer"


def test_a_framework_not_from_case_aligns_to_the_item_its_case_export_holds(
    issuer: cr.Issuer,
) -> None:
    demo = tc.demo_framework()
    credential = cr.build_open_badge_credential(recognise(demo), issuer)
    [target] = credential["credentialSubject"]["achievement"]["alignment"]
    package: dict[str, Any] = json.loads(tc.formats.write_framework(demo, "case"))
    [item] = [i for i in package["CFItems"] if i["humanCodingScheme"] == "giving-feedback"]
    assert target["targetUrl"] == item["uri"]


def test_the_evidence_and_the_reasoning_per_indicator_are_in_the_credential(
    framework: tc.CompetencyFramework, issuer: cr.Issuer
) -> None:
    credential = cr.build_open_badge_credential(recognise(framework), issuer)
    first, second = credential["evidence"]
    assert first["id"] == "https://files.example.org/ana/feedback.pdf"
    assert first["name"] == "Feedback round with the team"
    assert "2025" in first["narrative"]
    assert "id" not in second
    narrative = credential["credentialSubject"]["narrative"]
    for indicator in framework.indicators("giving-feedback", 3):
        assert f"Shown in the evidence for {indicator.id}." in narrative


def test_the_email_address_is_only_there_as_a_salted_hash(
    framework: tc.CompetencyFramework, issuer: cr.Issuer
) -> None:
    credential = cr.build_open_badge_credential(recognise(framework), issuer, salt="pepper")
    text = json.dumps(credential).lower()
    assert "ana.lind@example.org" not in text
    [_, email] = credential["credentialSubject"]["identifier"]
    import hashlib

    expected = hashlib.sha256(b"ana.lind@example.orgpepper").hexdigest()
    assert email == {
        "type": "IdentityObject",
        "identityHash": f"sha256${expected}",
        "identityType": "emailAddress",
        "hashed": True,
        "salt": "pepper",
    }


def test_ids_are_stable_per_decision_and_per_competency_level(
    framework: tc.CompetencyFramework, issuer: cr.Issuer
) -> None:
    one = cr.build_open_badge_credential(recognise(framework), issuer)
    again = cr.build_open_badge_credential(recognise(framework), issuer)
    other = cr.build_open_badge_credential(recognise(framework, decision_id="d-2"), issuer)
    assert one["id"] == again["id"] != other["id"]
    same = one["credentialSubject"]["achievement"]["id"]
    assert same == other["credentialSubject"]["achievement"]["id"]
    assert one["credentialSubject"]["id"] == other["credentialSubject"]["id"]
    assert one["id"].startswith("urn:uuid:")


def test_texts_follow_the_language(framework: tc.CompetencyFramework, issuer: cr.Issuer) -> None:
    dutch = cr.build_open_badge_credential(recognise(framework, language="nl"), issuer)
    achievement = dutch["credentialSubject"]["achievement"]
    assert achievement["inLanguage"] == "nl"
    assert achievement["criteria"]["narrative"].startswith("Erkend via erkenning")


#: The W3C VC 2.0 context's terms a credential here uses (that context is not in ../shared).
VC_TERMS = {"id", "type", "issuer", "validFrom", "credentialSubject", "evidence", "name"}
VC_TERMS |= {"description", "credentialSchema", "VerifiableCredential"}


def _defined(context: object, found: set[str]) -> set[str]:
    """Every term any (scoped) context of the Open Badges 3.0 context defines."""
    if isinstance(context, dict):
        inner = context.get("@context")
        if isinstance(inner, dict):
            found |= {term for term in inner if not term.startswith("@")}
        for value in context.values():
            _defined(value, found)
    elif isinstance(context, list):
        for value in context:
            _defined(value, found)
    return found


def _used(value: object) -> set[str]:
    if isinstance(value, dict):
        kinds = value.get("type", [])
        named = set(kinds) if isinstance(kinds, list) else {kinds}
        return set(value) | named | {t for v in value.values() for t in _used(v)}
    if isinstance(value, list):
        return {t for v in value for t in _used(v)}
    return set()


def test_every_member_and_type_is_a_term_of_the_contexts(
    framework: tc.CompetencyFramework, issuer: cr.Issuer
) -> None:
    """A JSON-LD processor would drop a member no context defines: none is left undefined."""
    context = json.loads(shared_file("schemas", "ob_v3p0_context-3.0.3.json").read_text("utf-8"))
    terms = _defined(context, set()) | VC_TERMS
    credential = cr.build_open_badge_credential(recognise(framework), issuer)
    assert _used(credential) - {"@context", "1EdTechJsonSchemaValidator2019"} <= terms, (
        _used(credential) - terms
    )
