"""Credentials for recognised claims: the issuer and key the platform provides, and the files.

The issuer (a dict like issuer.json) and the signing key's PEM file come from the Django
settings ``TALENT_CREDENTIAL_ISSUER`` and ``TALENT_CREDENTIAL_KEY_FILE``
(:func:`xblocks.compat.credential_settings`); without them the learner's view says credentials
are not set up. The credential itself is built by :mod:`talent_core.credentials`: an Open
Badges 3.0 ``OpenBadgeCredential`` signed as a VC-JWT, the same credential as JSON, an Open
Badges 2.0 assertion, and the printable experience profile.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import talent_core as tc
from talent_core import credentials as cred
from talent_core import rpl

from . import compat

__all__ = [
    "CREDENTIAL_FORMATS",
    "CredentialSetup",
    "credential_file",
    "credential_setup",
    "recognised_of",
]

log = logging.getLogger(__name__)

#: The downloads of a recognised claim: the signed VC-JWT, the OB 3.0 JSON, the OB 2.0 JSON.
CREDENTIAL_FORMATS: tuple[str, ...] = ("jwt", "ob3", "ob2")


@dataclass(frozen=True, slots=True)
class CredentialSetup:
    issuer: cred.Issuer
    private_key_pem: bytes


def credential_setup() -> CredentialSetup | None:
    """The platform's issuer and signing key; None (logged) when either is missing or broken."""
    issuer_data, key_file = compat.credential_settings()
    if not issuer_data or not key_file:
        return None
    try:
        issuer = cred.read_issuer(issuer_data, "TALENT_CREDENTIAL_ISSUER")
        path = Path(key_file)
        if path.stat().st_size > cred.MAX_KEY_BYTES:
            raise tc.InputError("TALENT_CREDENTIAL_KEY_FILE is too large for a PEM key")
        key = path.read_bytes()
        cred.public_key_pem(key)  # refuses a key it cannot sign with
    except (tc.TalentError, OSError, ValueError) as error:
        log.warning("prior_learning_portfolio: credentials not set up: %s", error)
        return None
    return CredentialSetup(issuer, key)


def recognised_of(
    framework: tc.CompetencyFramework,
    claim: rpl.PriorLearningClaim,
    decision: rpl.ClaimDecision,
    *,
    learner_name: str,
    learner_email: str | None,
    language: str,
) -> cred.RecognisedCompetency:
    """What the credential says about ``claim``, recognised by ``decision``."""
    if decision.awarded_level is None or not decision.outcome.awards_level:
        raise tc.InputError("the decision recognises no level")
    evidence = [
        cred.EvidenceSummary(
            name=item.title,
            description=item.description,
            date=item.date,
            url=item.url if item.kind == "link" else None,
        )
        for item in claim.evidence
    ]
    outcome: Literal["recognised", "partly_recognised"] = (
        "recognised" if decision.outcome is rpl.DecisionOutcome.RECOGNISED else "partly_recognised"
    )
    return cred.recognised_competency(
        framework,
        competency_id=claim.competency_id,
        level=decision.awarded_level,
        learner_id=decision.learner,
        learner_name=learner_name or decision.learner,
        decision_id=decision.decision_id,
        issued_at=decision.decided_at,
        reasons=decision.reasons,
        evidence=evidence,
        learner_email=learner_email,
        outcome=outcome,
        language=language,
    )


def credential_file(
    recognised: cred.RecognisedCompetency, setup: CredentialSetup, fmt: str
) -> tuple[bytes, str, str]:
    """(body, content type, file name) of one download format of a recognised claim."""
    stem = f"credential-{recognised.competency_id}-{recognised.level_id}"
    if fmt == "ob2":
        assertion = cred.build_ob2_assertion(recognised, setup.issuer)
        return _json(assertion), "application/json", f"{stem}.ob2.json"
    credential = cred.build_open_badge_credential(recognised, setup.issuer)
    if fmt == "ob3":
        return _json(credential), "application/json", f"{stem}.ob3.json"
    token = cred.sign_vc_jwt(credential, setup.private_key_pem, kid=setup.issuer.key_id)
    return token.encode("ascii"), "application/vc+jwt", f"{stem}.jwt"


def experience_profile(
    recognised: Sequence[cred.RecognisedCompetency], language: str, setup: CredentialSetup | None
) -> str:
    return str(
        cred.render_experience_profile(
            recognised, language, setup.issuer if setup is not None else None
        )
    )


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def issued_on(decision: rpl.ClaimDecision) -> dt.date:
    return decision.decided_at.date()
