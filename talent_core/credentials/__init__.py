"""Credentials for recognised prior learning: Open Badges 3.0 as VC-JWT, Open Badges 2.0, and
the printable experience profile.

Build a :class:`RecognisedCompetency` (``recognised_competency`` fills in the framework's
names), then ``build_open_badge_credential`` + ``sign_vc_jwt`` for the verifiable credential,
``build_ob2_assertion`` for systems that read only 2.0, and ``render_experience_profile`` for
the learner's page; ``issue_credentials`` makes all of them for a batch, file by file.
``verify_vc_jwt`` checks a token with the issuer's public key. The JSON-LD contexts are
referenced by URL, never bundled or fetched. See docs/credentials.md.
"""

from ._issue import PROFILE_FILE, IssuedCredentials, issue_credentials
from ._issuer import MAX_ISSUER_BYTES, Issuer, read_issuer
from ._jose import (
    ALGORITHMS,
    MAX_KEY_BYTES,
    MAX_TOKEN_BYTES,
    CredentialError,
    generate_key_pair,
    public_key_pem,
    sign_vc_jwt,
    verify_vc_jwt,
)
from ._ob2 import OB2_CONTEXT, build_ob2_assertion
from ._ob3 import OB3_CONTEXT, OB3_SCHEMA, VC_CONTEXT, build_open_badge_credential
from ._profile import render_experience_profile
from ._recognised import (
    EvidenceSummary,
    IndicatorReason,
    RecognisedCompetency,
    recognised_competency,
)

__all__ = [
    "ALGORITHMS",
    "MAX_ISSUER_BYTES",
    "MAX_KEY_BYTES",
    "MAX_TOKEN_BYTES",
    "OB2_CONTEXT",
    "OB3_CONTEXT",
    "OB3_SCHEMA",
    "PROFILE_FILE",
    "VC_CONTEXT",
    "CredentialError",
    "EvidenceSummary",
    "IndicatorReason",
    "IssuedCredentials",
    "Issuer",
    "RecognisedCompetency",
    "build_ob2_assertion",
    "build_open_badge_credential",
    "generate_key_pair",
    "issue_credentials",
    "public_key_pem",
    "read_issuer",
    "recognised_competency",
    "render_experience_profile",
    "sign_vc_jwt",
    "verify_vc_jwt",
]
