"""What the learner's handlers of the prior learning portfolio accept, and small helpers.

Every body is a strict model (unknown keys refused, JSON's own types only); texts are length
limited here and checked again by the ``talent_core.rpl`` models they become.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from talent_core import Identifier, StrictModel, Username, rpl

__all__ = [
    "AddEvidenceRequest",
    "ClaimRequest",
    "EvidenceEdit",
    "EvidenceFields",
    "EvidenceRequest",
    "NewClaimRequest",
    "NoPayload",
    "PersonRequest",
    "SaveClaimRequest",
    "UploadForm",
    "new_evidence_id",
    "now",
    "used_bytes",
]

ClaimId = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]
EvidenceId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,64}$")]
Title = Annotated[str, StringConstraints(max_length=300)]
Paragraph = Annotated[str, StringConstraints(max_length=4000)]
IndicatorIds = Annotated[list[Identifier], Field(max_length=100)]


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def new_evidence_id() -> str:
    """An evidence item's id: random, so a URL names no other item."""
    return secrets.token_hex(8)


def used_bytes(state: rpl.PortfolioState) -> int:
    """The bytes of every file the learner keeps in this portfolio."""
    return sum(
        item.file.size for claim in state.claims for item in claim.evidence if item.file is not None
    )


class NoPayload(StrictModel):
    """Body of a request that sends nothing but asks (``{}``)."""


class PersonRequest(StrictModel):
    """Body of ``erase_person_files``: whose files."""

    username: Username


class NewClaimRequest(StrictModel):
    """Body of ``create_claim``: the standard (a role id, or null for the course's
    competencies), the competency and the level claimed."""

    standard: Identifier | None = None
    competency_id: Identifier
    level: Annotated[int, Field(ge=0, le=100)]


class ClaimRequest(StrictModel):
    """Body of ``submit_claim``, ``delete_claim`` and ``reopen_claim``."""

    claim_id: ClaimId


class EvidenceRequest(StrictModel):
    """Body of ``remove_evidence``."""

    claim_id: ClaimId
    evidence_id: EvidenceId


class EvidenceFields(StrictModel):
    """What the learner says about a piece of evidence."""

    title: Title
    description: Paragraph = ""
    date: dt.date
    indicator_ids: IndicatorIds = []


class EvidenceEdit(EvidenceFields):
    """An evidence item's fields as the draft's form shows them (links keep their url)."""

    id: EvidenceId
    url: Annotated[str, StringConstraints(max_length=2000)] | None = None


class AddEvidenceRequest(EvidenceFields):
    """Body of ``add_evidence``: a link or a text."""

    claim_id: ClaimId
    kind: Literal["link", "text"]
    url: Annotated[str, StringConstraints(max_length=2000)] | None = None


class UploadForm(EvidenceFields):
    """The fields of ``upload_evidence``'s multipart form beside the file."""

    claim_id: ClaimId


class SaveClaimRequest(StrictModel):
    """Body of ``save_claim``: the draft as its form shows it, and when the page loaded it."""

    claim_id: ClaimId
    updated: dt.datetime
    account: rpl.StarAccount
    referee: rpl.Referee | None = None
    evidence: Annotated[list[EvidenceEdit], Field(max_length=rpl.MAX_EVIDENCE)] = []
