"""What a learner keeps in a prior-learning portfolio: claims, their account and evidence.

A :class:`PortfolioState` is the learner's own ``Scope.user_state`` (field ``portfolio``): every
claim with its structured account (STAR), its evidence (files, links, texts, each dated and
linked to the claimed level's behaviour indicators), an optional referee, its state and the
history of every state change (who, when). The models refuse anything a person could type that
should not be kept: control characters, overlong texts, links that are not http(s), evidence
dated in the future, file names that could climb out of a folder.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from enum import StrEnum
from typing import Annotated, Final, Literal, Self

from pydantic import AfterValidator, Field, StringConstraints, field_validator, model_validator

from .._dates import plausible_dates
from .._errors import Problem, ValidationError
from .._text import CONTROL_CHARACTERS, Identifier, StrictModel, Username
from ._files import EVIDENCE_TYPES, safe_file_name

__all__ = [
    "MAX_CLAIMS",
    "MAX_EVIDENCE",
    "PORTFOLIO_SCHEMA",
    "AuditEntry",
    "ClaimId",
    "ClaimState",
    "EvidenceFile",
    "EvidenceItem",
    "EvidenceKind",
    "PortfolioState",
    "PriorLearningClaim",
    "Referee",
    "StarAccount",
    "StateChange",
    "new_claim_id",
    "utc_datetime",
]

PORTFOLIO_SCHEMA: Final = 1
#: Claims one learner's portfolio holds (a claim per competency and some history).
MAX_CLAIMS = 100
#: Evidence items one claim holds.
MAX_EVIDENCE = 30
#: State changes kept per claim (newest); a claim goes round a few times at most.
MAX_HISTORY = 200


def _no_control(value: str) -> str:
    if CONTROL_CHARACTERS.search(value):
        raise ValidationError([Problem.of("", "problem.text.control_character")])
    return value


_CLEAN = AfterValidator(_no_control)
#: One line (a title, a name, a relation).
Line = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300), _CLEAN]
RequiredLine = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300), _CLEAN
]
#: A paragraph of an account or a note.
Paragraph = Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000), _CLEAN]
RequiredParagraph = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000), _CLEAN
]
ClaimId = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]
#: An evidence item's id within its claim.
EvidenceId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,64}$")]


def utc_datetime(value: dt.datetime) -> dt.datetime:
    """``value`` in UTC; a datetime without a time zone is refused (it would be ambiguous)."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError([Problem.of("", "problem.rpl.naive_time")])
    return value.astimezone(dt.UTC)


UtcDateTime = Annotated[dt.datetime, AfterValidator(utc_datetime)]


def new_claim_id() -> str:
    """A fresh claim id (uuid4 hex): unguessable, so a URL names no one else's claim."""
    return uuid.uuid4().hex


class ClaimState(StrEnum):
    """Where a claim stands: the learner drafts, submits (locked), an assessor reviews, decides."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    IN_REVIEW = "in_review"
    DECIDED = "decided"


EvidenceKind = Literal["file", "link", "text"]


class StarAccount(StrictModel):
    """The learner's account of the competency in practice: situation, task, action, result."""

    situation: Paragraph = ""
    task: Paragraph = ""
    action: Paragraph = ""
    result: Paragraph = ""

    def is_complete(self) -> bool:
        return all((self.situation, self.task, self.action, self.result))


_EMAIL = r"^[^@\s,;<>\"']+@[^@\s,;<>\"']+\.[^@\s,;<>\"']+$"


class Referee(StrictModel):
    """Someone who can confirm the account (the assessor may contact them)."""

    name: RequiredLine
    email: Annotated[str, StringConstraints(max_length=254, pattern=_EMAIL)]
    relation: Line = ""


_STORAGE_NAME = re.compile(r"^(?!/)(?!.*(?:^|/)\.\.?(?:/|$))[A-Za-z0-9._/-]{1,500}$")


class EvidenceFile(StrictModel):
    """A stored file: where storage keeps it, the learner's (safe) name, its checked type."""

    storage_name: str
    original_name: Annotated[str, StringConstraints(min_length=1, max_length=255)]
    content_type: str
    size: Annotated[int, Field(ge=1)]
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]

    @field_validator("storage_name")
    @classmethod
    def _inside_storage(cls, value: str) -> str:
        if not _STORAGE_NAME.match(value):
            raise ValidationError([Problem.of("", "problem.rpl.unsafe_file_name", name=value)])
        return value

    @field_validator("original_name")
    @classmethod
    def _safe_name(cls, value: str) -> str:
        if safe_file_name(value) != value:
            raise ValidationError([Problem.of("", "problem.rpl.unsafe_file_name", name=value)])
        return value

    @field_validator("content_type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        if value not in EVIDENCE_TYPES:
            raise ValidationError([Problem.of("", "problem.rpl.file_type", type=value)])
        return value


class EvidenceItem(StrictModel):
    """One piece of evidence, dated, and the behaviour indicators of the claimed level it shows."""

    id: EvidenceId
    kind: EvidenceKind
    title: RequiredLine
    description: Paragraph = ""
    date: dt.date
    indicator_ids: Annotated[list[Identifier], Field(max_length=100)] = Field(default_factory=list)
    url: Annotated[str, StringConstraints(max_length=2000)] | None = None
    file: EvidenceFile | None = None

    @field_validator("date")
    @classmethod
    def _plausible(cls, value: dt.date) -> dt.date:
        problems = plausible_dates(happened=True).problems(value, "")
        if problems:
            raise ValidationError(problems)
        return value

    @field_validator("url")
    @classmethod
    def _web_link(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.strip()
        if not re.match(r"^https?://[^\s/?#<>\"']+[^\s<>\"']*$", value, re.IGNORECASE) or (
            CONTROL_CHARACTERS.search(value)
        ):
            raise ValidationError([Problem.of("", "problem.rpl.link")])
        return value

    @model_validator(mode="after")
    def _kind_fits(self) -> Self:
        problems: list[Problem] = []
        if self.kind == "link" and not self.url:
            problems.append(Problem.of("url", "problem.rpl.link_missing"))
        if self.kind == "file" and self.file is None:
            problems.append(Problem.of("file", "problem.rpl.file_missing"))
        if self.kind == "text" and not self.description:
            problems.append(Problem.of("description", "problem.rpl.text_missing"))
        if len(set(self.indicator_ids)) != len(self.indicator_ids):
            problems.append(Problem.of("indicator_ids", "problem.listed_twice"))
        if problems:
            raise ValidationError(problems)
        return self


class StateChange(StrictModel):
    """One step of a claim's life: the state it reached, who moved it, when, and why."""

    state: ClaimState
    by: Username
    at: UtcDateTime
    note: Paragraph = ""


class PriorLearningClaim(StrictModel):
    """A learner's claim to master a competency at a level, with the account and evidence."""

    id: ClaimId
    competency_id: Identifier
    level: Annotated[int, Field(ge=0, le=100)]
    #: The role profile the claim is made against; None for a competency the author allows.
    standard: Identifier | None = None
    account: StarAccount = Field(default_factory=StarAccount)
    evidence: Annotated[list[EvidenceItem], Field(max_length=MAX_EVIDENCE)] = Field(
        default_factory=list
    )
    referee: Referee | None = None
    state: ClaimState = ClaimState.DRAFT
    history: list[StateChange] = Field(default_factory=list)
    created: UtcDateTime
    updated: UtcDateTime

    @field_validator("history")
    @classmethod
    def _newest(cls, value: list[StateChange]) -> list[StateChange]:
        return value[-MAX_HISTORY:]

    @model_validator(mode="after")
    def _unique_evidence(self) -> Self:
        seen: set[str] = set()
        for item in self.evidence:
            if item.id in seen:
                raise ValidationError([Problem.of("evidence", "problem.duplicate_id", id=item.id)])
            seen.add(item.id)
        return self

    def evidence_item(self, evidence_id: str) -> EvidenceItem | None:
        return next((item for item in self.evidence if item.id == evidence_id), None)

    def last_change(self, state: ClaimState) -> StateChange | None:
        """The latest step into ``state`` (e.g. when it was last submitted)."""
        return next((c for c in reversed(self.history) if c.state is state), None)

    @property
    def submitted_at(self) -> dt.datetime | None:
        change = self.last_change(ClaimState.SUBMITTED)
        return change.at if change else None


class AuditEntry(StrictModel):
    """One line of the audit trail: who did what to which claim, and when."""

    at: UtcDateTime
    by: Username
    action: Annotated[str, StringConstraints(pattern=r"^[a-z_]{1,40}$")]
    claim_id: ClaimId | None = None
    learner: Username | None = None
    detail: Line = ""


#: Audit lines one person's state keeps (newest): years of daily work.
MAX_AUDIT = 5000


class PortfolioState(StrictModel):
    """A learner's ``Scope.user_state`` (field ``portfolio``): every claim they made."""

    schema_version: Literal[1] = PORTFOLIO_SCHEMA
    claims: Annotated[list[PriorLearningClaim], Field(max_length=MAX_CLAIMS)] = Field(
        default_factory=list
    )
    #: What the learner did (created, submitted, reopened a claim...), oldest first.
    audit: list[AuditEntry] = Field(default_factory=list)

    @field_validator("audit")
    @classmethod
    def _newest_audit(cls, value: list[AuditEntry]) -> list[AuditEntry]:
        return value[-MAX_AUDIT:]

    @model_validator(mode="after")
    def _unique_claims(self) -> Self:
        seen: set[str] = set()
        for claim in self.claims:
            if claim.id in seen:
                raise ValidationError([Problem.of("claims", "problem.duplicate_id", id=claim.id)])
            seen.add(claim.id)
        return self

    def claim(self, claim_id: str) -> PriorLearningClaim | None:
        return next((c for c in self.claims if c.id == claim_id), None)

    def with_claim(self, claim: PriorLearningClaim) -> PortfolioState:
        """The portfolio with ``claim`` added or replacing the claim of the same id."""
        claims = [c for c in self.claims if c.id != claim.id]
        position = next((i for i, c in enumerate(self.claims) if c.id == claim.id), len(claims))
        claims.insert(position, claim)
        return self.model_copy(update={"claims": claims})

    def with_audit(self, entry: AuditEntry) -> PortfolioState:
        return self.model_copy(update={"audit": [*self.audit, entry][-MAX_AUDIT:]})
