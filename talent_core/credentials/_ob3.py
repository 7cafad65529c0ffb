"""Open Badges 3.0: a recognised competency as an ``OpenBadgeCredential``.

The achievement is the competency at the awarded level (``achievementType`` Competency),
aligned to the framework item (its CASE CFItem URI), with the level as a rubric level the
result points at. The learner is named by an id derived from the issuer and the username, by
name, and by a salted hash of the e-mail address. The JSON-LD contexts are referenced by URL;
none is bundled or fetched.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from typing import Any

from ..i18n import format_date, translate
from ._issuer import Issuer
from ._recognised import EvidenceSummary, RecognisedCompetency

__all__ = [
    "OB3_CONTEXT",
    "OB3_SCHEMA",
    "VC_CONTEXT",
    "build_open_badge_credential",
    "hashed_email",
    "timestamp",
]

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB3_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
#: The 1EdTech JSON Schema every credential validates against (tests check it).
OB3_SCHEMA = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/"
    "ob_v3p0_achievementcredential-jsonschema1.json"
)
#: Namespace of the uuid5 ids of credentials, achievements and subjects.
NAMESPACE = uuid.UUID("9d3c1f0a-6b7e-4c52-8a1d-3e5f7b9c2d46")


def urn(*parts: str) -> str:
    """A stable ``urn:uuid:`` from the parts (the same parts give the same id)."""
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, chr(31).join(parts))}"


def timestamp(recognised: RecognisedCompetency) -> str:
    return recognised.issued_at.isoformat().replace("+00:00", "Z")


def hashed_email(email: str, salt: str) -> str:
    """``sha256$`` + hex SHA-256 of the (trimmed, lower-case) address and the salt, as Open
    Badges hashes a recipient's identity."""
    return "sha256$" + hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()


def _profile(issuer: Issuer) -> dict[str, Any]:
    profile: dict[str, Any] = {
        "id": issuer.id,
        "type": ["Profile"],
        "name": issuer.name,
        "url": issuer.url,
        "email": issuer.email,
    }
    if issuer.description:
        profile["description"] = issuer.description
    if issuer.image:
        profile["image"] = {"id": issuer.image, "type": "Image"}
    return profile


def achievement_name(recognised: RecognisedCompetency) -> str:
    return translate(
        "credential.achievement_name",
        recognised.language,
        competency=recognised.competency_name,
        level=recognised.level_name,
    )


def criteria_narrative(recognised: RecognisedCompetency) -> str:
    """How the level was reached, with the level's descriptor and its indicators."""
    lines = [
        translate(
            "credential.criteria",
            recognised.language,
            level=recognised.level_name,
            framework=recognised.framework_name,
        )
    ]
    if recognised.level_description:
        lines += ["", recognised.level_description]
    if recognised.reasons:
        lines.append("")
        lines += [f"- {reason.indicator}" for reason in recognised.reasons]
    return "\n".join(lines)


def reasoning_narrative(recognised: RecognisedCompetency) -> str:
    """The assessor's reasoning per indicator (an RPL report is traceable to indicators)."""
    return "\n".join(f"- {r.indicator}: {r.reason}" for r in recognised.reasons)


def alignment(recognised: RecognisedCompetency) -> dict[str, Any]:
    """The alignment to the framework item (its CASE CFItem URI where there is one)."""
    target: dict[str, Any] = {
        "type": ["Alignment"],
        "targetName": recognised.competency_name,
        "targetUrl": recognised.case_item_uri
        or urn(recognised.framework_id, "item", recognised.competency_id),
        "targetCode": recognised.competency_id,
        "targetFramework": recognised.framework_name,
    }
    if recognised.case_item_uri:
        target["targetType"] = "CFItem"
    if recognised.competency_description:
        target["targetDescription"] = recognised.competency_description
    return target


def build_open_badge_credential(
    recognised: RecognisedCompetency, issuer: Issuer, *, salt: str | None = None
) -> dict[str, Any]:
    """The OpenBadgeCredential (unsigned) for one recognised competency.

    ``salt`` (random by default) salts the hash of the learner's e-mail address.
    """
    achievement_id = urn(
        issuer.id,
        "achievement",
        recognised.framework_id,
        recognised.competency_id,
        recognised.level_id,
    )
    levels_id = urn(achievement_id, "levels")
    level_id = urn(achievement_id, "level", recognised.level_id)
    achievement: dict[str, Any] = {
        "id": achievement_id,
        "type": ["Achievement"],
        "achievementType": "Competency",
        "name": achievement_name(recognised),
        "description": recognised.competency_description or recognised.competency_name,
        "criteria": {"narrative": criteria_narrative(recognised)},
        "humanCode": recognised.competency_id,
        "inLanguage": recognised.language,
        "alignment": [alignment(recognised)],
        "resultDescription": [
            {
                "id": levels_id,
                "type": ["ResultDescription"],
                "name": translate("credential.level_reached", recognised.language),
                "resultType": "RubricCriterionLevel",
                "requiredLevel": level_id,
                "rubricCriterionLevel": [
                    {
                        "id": level_id,
                        "type": ["RubricCriterionLevel"],
                        "name": recognised.level_name,
                        "level": recognised.level_id,
                        **(
                            {"description": recognised.level_description}
                            if recognised.level_description
                            else {}
                        ),
                    }
                ],
            }
        ],
        "creator": _profile(issuer),
    }
    identifiers: list[dict[str, Any]] = [
        {
            "type": "IdentityObject",
            "identityHash": recognised.learner_name,
            "identityType": "name",
            "hashed": False,
        }
    ]
    if recognised.learner_email:
        salt = salt if salt is not None else secrets.token_hex(16)
        identifiers.append(
            {
                "type": "IdentityObject",
                "identityHash": hashed_email(recognised.learner_email, salt),
                "identityType": "emailAddress",
                "hashed": True,
                "salt": salt,
            }
        )
    subject: dict[str, Any] = {
        "id": urn(issuer.id, "learner", recognised.learner_id),
        "type": ["AchievementSubject"],
        "identifier": identifiers,
        "achievement": achievement,
        "result": [{"type": ["Result"], "resultDescription": levels_id, "achievedLevel": level_id}],
    }
    if recognised.reasons:
        subject["narrative"] = reasoning_narrative(recognised)
    credential: dict[str, Any] = {
        "@context": [VC_CONTEXT, OB3_CONTEXT],
        "id": urn(issuer.id, "credential", recognised.decision_id),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": achievement["name"],
        "description": achievement["description"],
        "issuer": _profile(issuer),
        "validFrom": timestamp(recognised),
        "awardedDate": timestamp(recognised),
        "credentialSubject": subject,
        "credentialSchema": [{"id": OB3_SCHEMA, "type": "1EdTechJsonSchemaValidator2019"}],
    }
    if recognised.evidence:
        credential["evidence"] = [
            _evidence(item, recognised.language) for item in recognised.evidence
        ]
    return credential


def _evidence(item: EvidenceSummary, language: str) -> dict[str, Any]:
    evidence: dict[str, Any] = {
        "type": ["Evidence"],
        "name": item.name,
        "narrative": translate(
            "credential.evidence_dated", language, date=format_date(item.date, language)
        ),
    }
    if item.url:
        evidence["id"] = item.url
    if item.description:
        evidence["description"] = item.description
    return evidence
