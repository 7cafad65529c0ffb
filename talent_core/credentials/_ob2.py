"""Open Badges 2.0: the same recognition for systems that read only 2.0.

An Assertion with its BadgeClass (one per competency and level) and the Issuer profile
embedded, the recipient's e-mail address hashed with a salt. What 2.0 cannot carry is listed
in docs/credentials.md: no signature (the 3.0 VC-JWT is the proof), no result or rubric level,
no per-indicator reasoning beyond the narrative.
"""

from __future__ import annotations

import base64
import secrets
from typing import Any

from .._errors import InputError
from ._issuer import Issuer
from ._ob3 import (
    achievement_name,
    alignment,
    criteria_narrative,
    hashed_email,
    reasoning_narrative,
    timestamp,
    urn,
)
from ._recognised import RecognisedCompetency

__all__ = ["OB2_CONTEXT", "build_ob2_assertion"]

OB2_CONTEXT = "https://w3id.org/openbadges/v2"

#: A plain badge image (a rosette without text) for a BadgeClass when the issuer has no image:
#: Open Badges 2.0 requires one.
_BADGE_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="120" viewBox="0 0 120 120">'
    '<circle cx="60" cy="60" r="56" fill="#1d4f91"/>'
    '<circle cx="60" cy="60" r="40" fill="none" stroke="#ffffff" stroke-width="6"/>'
    '<path d="M42 62l12 12 24-28" fill="none" stroke="#ffffff" stroke-width="8"/></svg>'
)
BADGE_IMAGE = "data:image/svg+xml;base64," + base64.b64encode(_BADGE_SVG.encode()).decode()


def _issuer_profile(issuer: Issuer) -> dict[str, Any]:
    profile: dict[str, Any] = {
        "type": "Issuer",
        "id": issuer.id,
        "name": issuer.name,
        "url": issuer.url,
        "email": issuer.email,
    }
    if issuer.description:
        profile["description"] = issuer.description
    if issuer.image:
        profile["image"] = issuer.image
    return profile


def build_ob2_assertion(
    recognised: RecognisedCompetency, issuer: Issuer, *, salt: str | None = None
) -> dict[str, Any]:
    """The Open Badges 2.0 Assertion (BadgeClass and Issuer embedded) for one recognised
    competency. The recipient is ``sha256$`` + SHA-256 of the e-mail address and ``salt``
    (random by default), ``hashed: true``; InputError when the learner has no address."""
    if not recognised.learner_email:
        raise InputError(
            f"{recognised.learner_id} has no e-mail address: an Open Badges 2.0 assertion "
            "names its recipient by one"
        )
    salt = salt if salt is not None else secrets.token_hex(16)
    target = alignment(recognised)
    badge: dict[str, Any] = {
        "type": "BadgeClass",
        "id": urn(
            issuer.id,
            "badgeclass",
            recognised.framework_id,
            recognised.competency_id,
            recognised.level_id,
        ),
        "name": achievement_name(recognised),
        "description": recognised.competency_description or recognised.competency_name,
        "image": issuer.image or BADGE_IMAGE,
        "criteria": {"narrative": criteria_narrative(recognised)},
        "issuer": _issuer_profile(issuer),
        "alignment": [
            {
                key: target[key]
                for key in (
                    "targetName",
                    "targetUrl",
                    "targetDescription",
                    "targetFramework",
                    "targetCode",
                )
                if key in target
            }
        ],
        "tags": [recognised.competency_id, recognised.level_name],
    }
    assertion: dict[str, Any] = {
        "@context": OB2_CONTEXT,
        "type": "Assertion",
        "id": urn(issuer.id, "assertion", recognised.decision_id),
        "recipient": {
            "type": "email",
            "hashed": True,
            "salt": salt,
            "identity": hashed_email(recognised.learner_email, salt),
        },
        "badge": badge,
        "issuedOn": timestamp(recognised),
        "verification": {"type": "hosted"},
    }
    if recognised.reasons:
        assertion["narrative"] = reasoning_narrative(recognised)
    if recognised.evidence:
        assertion["evidence"] = [
            {
                **({"id": item.url} if item.url else {}),
                "name": item.name,
                "narrative": f"{item.description} ({item.date.isoformat()})".strip(),
            }
            for item in recognised.evidence
        ]
    return assertion
