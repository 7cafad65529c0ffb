"""A CASE-sourced framework, an issuer, signing keys and recognitions built from them."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

import talent_core as tc
from talent_core import credentials as cr
from talent_core.formats import read_framework, write_framework

ISSUER = {
    "id": "https://talent.example.org/issuer",
    "name": "Example Organisation",
    "url": "https://talent.example.org",
    "email": "badges@example.org",
}
#: The CFItem URIs a published CASE package gives its items (not the urn:uuid ones we derive).
CASE_URI = "https://case.example.org/uri/{identifier}"


def case_framework() -> tc.CompetencyFramework:
    """The demo framework as it comes back from a CASE package with its own item URIs."""
    package: dict[str, Any] = json.loads(write_framework(tc.demo_framework(), "case"))
    for item in package["CFItems"]:
        item["uri"] = CASE_URI.format(identifier=item["identifier"])
    return read_framework(json.dumps(package).encode(), "demo.case.json", "case")


@pytest.fixture(scope="session")
def framework() -> tc.CompetencyFramework:
    return case_framework()


@pytest.fixture(scope="session")
def issuer() -> cr.Issuer:
    return cr.read_issuer(json.dumps(ISSUER))


@pytest.fixture(scope="session")
def ed25519_key() -> tuple[bytes, bytes]:
    return cr.generate_key_pair("EdDSA")


@pytest.fixture(scope="session")
def p256_key() -> tuple[bytes, bytes]:
    return cr.generate_key_pair("ES256")


def recognise(
    framework: tc.CompetencyFramework,
    competency_id: str = "giving-feedback",
    level: int = 3,
    **changes: Any,
) -> cr.RecognisedCompetency:
    reasons = {
        i.id: f"Shown in the evidence for {i.id}."
        for i in framework.indicators(competency_id, level)
    }
    arguments: dict[str, Any] = {
        "competency_id": competency_id,
        "level": level,
        "learner_id": "ana",
        "learner_name": "Ana Lind",
        "learner_email": "Ana.Lind@example.org",
        "decision_id": f"decision-{competency_id}-{level}",
        "issued_at": dt.datetime(2026, 5, 1, 9, 30, tzinfo=dt.UTC),
        "reasons": reasons,
        "evidence": [
            cr.EvidenceSummary(
                name="Feedback round with the team",
                description="Notes of a feedback round I led.",
                date=dt.date(2025, 3, 14),
                url="https://files.example.org/ana/feedback.pdf",
            ),
            cr.EvidenceSummary(name="Reference from my manager", date=dt.date(2025, 9, 2)),
        ],
    }
    arguments.update(changes)
    return cr.recognised_competency(framework, **arguments)


@pytest.fixture(scope="session")
def recognitions(framework: tc.CompetencyFramework) -> list[cr.RecognisedCompetency]:
    """Every competency of the demo framework recognised at every level of its scale."""
    return [
        recognise(framework, competency.id, level, outcome=outcome)
        for competency in framework.competencies()
        for level, outcome in zip(
            framework.scale_for(competency.id).values,
            ("partly_recognised", "recognised", "recognised", "recognised", "recognised"),
            strict=False,
        )
    ]
