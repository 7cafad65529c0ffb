"""A batch of recognitions as files: per learner folder, each signed credential verifies."""

from __future__ import annotations

import json

import pytest

import talent_core as tc
from talent_core import credentials as cr

from .conftest import recognise


def test_every_file_per_learner_and_each_token_verifies(
    framework: tc.CompetencyFramework, issuer: cr.Issuer, p256_key: tuple[bytes, bytes]
) -> None:
    items = [
        recognise(framework),
        recognise(framework, "delegating", 2, learner_id="bo", learner_email=None),
    ]
    issued = cr.issue_credentials(items, issuer, p256_key[0], "sv")
    assert sorted(issued.files) == [
        "ana/decision-giving-feedback-3.jwt",
        "ana/decision-giving-feedback-3.ob2.json",
        "ana/decision-giving-feedback-3.ob3.json",
        "ana/experience_profile.html",
        "bo/decision-delegating-2.jwt",
        "bo/decision-delegating-2.ob3.json",
        "bo/experience_profile.html",
    ]
    assert issued.learners == ("ana", "bo")
    assert issued.without_email == ("decision-delegating-2",)
    for name, data in issued.files.items():
        if name.endswith(".jwt"):
            unsigned = json.loads(issued.files[name.replace(".jwt", ".ob3.json")])
            assert cr.verify_vc_jwt(data, p256_key[1]) == unsigned
    assert "Erfarenhetsprofil" in issued.files["bo/experience_profile.html"].decode()


@pytest.mark.parametrize(
    "changes",
    [{"learner_id": "../x"}, {"learner_id": ".hidden"}, {"decision_id": "a/b"}],
)
def test_names_that_could_leave_the_folder_are_refused(
    changes: dict[str, str],
    framework: tc.CompetencyFramework,
    issuer: cr.Issuer,
    ed25519_key: tuple[bytes, bytes],
) -> None:
    with pytest.raises(tc.TalentError, match=r"cannot name a file"):
        cr.issue_credentials([recognise(framework, **changes)], issuer, ed25519_key[0])


def test_a_decision_given_twice_is_refused(
    framework: tc.CompetencyFramework, issuer: cr.Issuer, ed25519_key: tuple[bytes, bytes]
) -> None:
    with pytest.raises(tc.InputError, match="given twice"):
        cr.issue_credentials([recognise(framework)] * 2, issuer, ed25519_key[0])
