"""Any names and texts (any script, HTML, quotes, emoji): the credential stays valid against the
1EdTech schema, signs and verifies to the same credential, and the 2.0 assertion is JSON."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import talent_core as tc
from talent_core import credentials as cr
from tests.shared_files import shared_file

from .conftest import recognise

texts = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=60
).filter(str.strip) | st.sampled_from(
    ['<script>alert("x")</script>', "Ana \u202eevil", "Zoë Ñúñez 李雷", "\" ' \\ & ; --", "🙂"]
)
KEY = cr.generate_key_pair()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=texts, reason=texts, evidence=texts, description=texts)
def test_any_text_gives_a_valid_credential_that_verifies(
    name: str,
    reason: str,
    evidence: str,
    description: str,
    framework: tc.CompetencyFramework,
    issuer: cr.Issuer,
) -> None:
    schema = json.loads(
        shared_file("schemas", "ob_v3p0_achievementcredential.schema.json").read_text("utf-8")
    )
    item = recognise(
        framework,
        learner_name=name,
        reasons={"giving-feedback-l3-1": reason},
        evidence=[
            tc.load(
                cr.EvidenceSummary,
                {"name": evidence, "description": description, "date": dt.date(2024, 2, 29)},
            )
        ],
    )
    credential = cr.build_open_badge_credential(item, issuer)
    jsonschema.validators.validator_for(schema)(schema).validate(credential)
    assert cr.verify_vc_jwt(cr.sign_vc_jwt(credential, KEY[0]), KEY[1]) == credential
    assertion = cr.build_ob2_assertion(item, issuer)
    assert json.loads(json.dumps(assertion)) == assertion
    assert credential["evidence"][0]["name"] == evidence.strip()


def test_control_characters_are_refused_by_name(framework: tc.CompetencyFramework) -> None:
    with pytest.raises(tc.ValidationError, match="learner_name: holds a control character"):
        recognise(framework, learner_name="Ana\x1b[31m")
