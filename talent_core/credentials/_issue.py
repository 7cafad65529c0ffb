"""Every file of a batch of recognitions, as the command line writes them and the block serves
them: per learner folder the signed credential, its JSON, the 2.0 assertion and the profile."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .._errors import InputError
from ._issuer import Issuer
from ._jose import sign_vc_jwt
from ._ob2 import build_ob2_assertion
from ._ob3 import build_open_badge_credential
from ._profile import render_experience_profile
from ._recognised import RecognisedCompetency

__all__ = ["PROFILE_FILE", "IssuedCredentials", "issue_credentials"]

PROFILE_FILE = "experience_profile.html"
#: A learner's folder and a decision's files are named after them: nothing that could climb
#: out of the output folder or hide.
_SAFE_NAME = re.compile(r"^[A-Za-z0-9_@+-][A-Za-z0-9._@+-]{0,149}$")


@dataclass(frozen=True)
class IssuedCredentials:
    """The files of one batch: relative path (``<learner>/<decision_id>.jwt``) → bytes."""

    files: dict[str, bytes] = field(default_factory=dict)
    learners: tuple[str, ...] = ()
    #: Decisions whose learner has no e-mail address, hence no Open Badges 2.0 assertion.
    without_email: tuple[str, ...] = ()


def _json(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _safe(kind: str, value: str) -> str:
    if not _SAFE_NAME.fullmatch(value):
        raise InputError(
            f"the {kind} {value!r} cannot name a file: letters, digits and . _ @ + - only"
        )
    return value


def issue_credentials(
    recognised: Sequence[RecognisedCompetency],
    issuer: Issuer,
    private_key_pem: bytes | str,
    language: str = "en",
) -> IssuedCredentials:
    """Sign and render every recognition: ``<learner>/<decision_id>.jwt`` (Open Badges 3.0
    VC-JWT), ``.ob3.json`` (the same credential unsigned), ``.ob2.json`` (Open Badges 2.0, when
    the learner has an e-mail address) and one ``<learner>/experience_profile.html`` in
    ``language``. InputError for a learner or decision id that cannot name a file;
    CredentialError for a key that cannot sign."""
    files: dict[str, bytes] = {}
    by_learner: dict[str, list[RecognisedCompetency]] = {}
    without_email: list[str] = []
    for item in recognised:
        learner = _safe("learner", item.learner_id)
        base = f"{learner}/{_safe('decision id', item.decision_id)}"
        if f"{base}.jwt" in files:
            raise InputError(f"the decision {item.decision_id} is given twice")
        by_learner.setdefault(learner, []).append(item)
        credential = build_open_badge_credential(item, issuer)
        token = sign_vc_jwt(credential, private_key_pem, kid=issuer.key_id)
        files[f"{base}.jwt"] = (token + "\n").encode("ascii")
        files[f"{base}.ob3.json"] = _json(credential)
        if item.learner_email:
            files[f"{base}.ob2.json"] = _json(build_ob2_assertion(item, issuer))
        else:
            without_email.append(item.decision_id)
    for learner, items in by_learner.items():
        page = render_experience_profile(items, language, issuer)
        files[f"{learner}/{PROFILE_FILE}"] = page.encode("utf-8")
    return IssuedCredentials(files, tuple(by_learner), tuple(without_email))
