"""What guides and assessors record, each in their own block state.

An assessor's :class:`ClaimReview` holds, per claim, a VRAAK score for each piece of evidence
(variation, relevance, authenticity, currency, quantity: the Dutch EVC quality criteria), the
second instrument (an interview, observation or practical assessment, required before any
decision) and the decision with its reasons per behaviour indicator. A guide's comments and
everyone's :class:`AuditEntry` lines sit in the same :class:`ReviewerState`, the reviewer's
own ``Scope.user_state`` (field ``review_record``), so reviewers working at once never
overwrite each other; the learner's view and staff read them through the ``user_state`` service.
"""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Annotated, Final, Literal, Self

from pydantic import Field, StringConstraints, field_validator, model_validator

from .._dates import plausible_dates
from .._errors import Problem, ValidationError
from .._text import Identifier, StrictModel, Username
from ._model import MAX_AUDIT, AuditEntry, ClaimId, Paragraph, RequiredParagraph, UtcDateTime

__all__ = [
    "REVIEWER_SCHEMA",
    "ClaimDecision",
    "ClaimReview",
    "DecisionOutcome",
    "DecisionSource",
    "GuideComment",
    "InstrumentKind",
    "ReviewerState",
    "RplPolicy",
    "SecondInstrument",
    "VraakLevel",
    "VraakScore",
    "new_decision_id",
]

REVIEWER_SCHEMA: Final = 1
#: Reviews and comments one reviewer's state keeps.
MAX_REVIEWS = 2000
MAX_COMMENTS = 5000

DecisionId = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]
VraakLevel = Literal["met", "partly", "not_met"]
InstrumentKind = Literal["criterion_interview", "workplace_observation", "practical_assessment"]
DecisionSource = Literal["lms", "import"]


def new_decision_id() -> str:
    """A fresh decision id (uuid4 hex): the key that makes a decisions import idempotent."""
    return uuid.uuid4().hex


class DecisionOutcome(StrEnum):
    """What an assessor decided about a claim."""

    RECOGNISED = "recognised"
    PARTLY_RECOGNISED = "partly_recognised"
    NOT_RECOGNISED = "not_recognised"
    MORE_EVIDENCE_NEEDED = "more_evidence_needed"

    @property
    def awards_level(self) -> bool:
        return self in (DecisionOutcome.RECOGNISED, DecisionOutcome.PARTLY_RECOGNISED)


class RplPolicy(StrictModel):
    """The organisation's numbers: how old evidence may be, how much of it, how large files."""

    currency_years: Annotated[int, Field(ge=1, le=50)] = 5
    min_evidence: Annotated[int, Field(ge=1, le=30)] = 2
    max_file_mb: Annotated[int, Field(ge=1, le=100)] = 10
    max_learner_mb: Annotated[int, Field(ge=1, le=2000)] = 50

    @model_validator(mode="after")
    def _file_fits(self) -> Self:
        if self.max_file_mb > self.max_learner_mb:
            raise ValidationError(
                [
                    Problem.of(
                        "max_file_mb",
                        "problem.rpl.file_larger_than_total",
                        file=self.max_file_mb,
                        total=self.max_learner_mb,
                    )
                ]
            )
        return self


class VraakScore(StrictModel):
    """An assessor's judgement of one piece of evidence on the five VRAAK criteria."""

    evidence_id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,64}$")]
    variation: VraakLevel
    relevance: VraakLevel
    authenticity: VraakLevel
    currency: VraakLevel
    quantity: VraakLevel
    note: Paragraph = ""


class SecondInstrument(StrictModel):
    """The assessment beside the portfolio that every decision needs (EVC practice)."""

    kind: InstrumentKind
    date: dt.date
    assessor: Username
    outcome: RequiredParagraph
    notes: Paragraph = ""

    @field_validator("date")
    @classmethod
    def _plausible(cls, value: dt.date) -> dt.date:
        problems = plausible_dates(happened=True).problems(value, "")
        if problems:
            raise ValidationError(problems)
        return value


class ClaimDecision(StrictModel):
    """An assessor's decision on a claim, traceable to each behaviour indicator."""

    decision_id: DecisionId = Field(default_factory=new_decision_id)
    claim_id: ClaimId
    learner: Username
    assessor: Username
    outcome: DecisionOutcome
    #: The level recognised; required for recognised and partly recognised, else None.
    awarded_level: Annotated[int, Field(ge=0, le=100)] | None = None
    #: Indicator id -> why it is (not) shown; every indicator of the claimed level needs one.
    reasons: Annotated[dict[Identifier, Paragraph], Field(max_length=200)] = Field(
        default_factory=dict
    )
    feedback: Paragraph = ""
    decided_at: UtcDateTime
    source: DecisionSource = "lms"
    #: The second instrument behind the decision (an imported decision carries its own).
    instrument: SecondInstrument | None = None
    #: What the claim was, so a decision alone can become a credential.
    competency_id: Identifier | None = None
    claimed_level: Annotated[int, Field(ge=0, le=100)] | None = None
    learner_email: Annotated[str, StringConstraints(max_length=254)] = ""

    @model_validator(mode="after")
    def _level_fits_outcome(self) -> Self:
        if self.outcome.awards_level and self.awarded_level is None:
            raise ValidationError([Problem.of("awarded_level", "problem.rpl.level_required")])
        if not self.outcome.awards_level and self.awarded_level is not None:
            raise ValidationError(
                [Problem.of("awarded_level", "problem.rpl.level_not_awarded", outcome=self.outcome)]
            )
        if self.outcome is DecisionOutcome.MORE_EVIDENCE_NEEDED and not self.feedback:
            raise ValidationError([Problem.of("feedback", "problem.rpl.say_what_evidence")])
        return self


class ClaimReview(StrictModel):
    """What one assessor recorded about one claim."""

    claim_id: ClaimId
    learner: Username
    #: Whose review this is (filled in where reviews of several assessors travel together).
    assessor: Username | None = None
    scores: Annotated[list[VraakScore], Field(max_length=100)] = Field(default_factory=list)
    instrument: SecondInstrument | None = None
    decision: ClaimDecision | None = None
    #: Decisions this assessor made before (a claim reopened for more evidence), oldest first.
    earlier_decisions: Annotated[list[ClaimDecision], Field(max_length=50)] = Field(
        default_factory=list
    )

    def score_of(self, evidence_id: str) -> VraakScore | None:
        return next((s for s in self.scores if s.evidence_id == evidence_id), None)

    def with_score(self, score: VraakScore) -> ClaimReview:
        """The review with ``score`` replacing any earlier score of the same evidence."""
        scores = [s for s in self.scores if s.evidence_id != score.evidence_id] + [score]
        return self.model_copy(update={"scores": scores})

    def with_decision(self, decision: ClaimDecision) -> ClaimReview:
        """The review with a new decision; the one it replaces is kept as an earlier one."""
        earlier = list(self.earlier_decisions)
        if self.decision is not None and self.decision.decision_id != decision.decision_id:
            earlier.append(self.decision)
        return self.model_copy(update={"decision": decision, "earlier_decisions": earlier[-50:]})


class GuideComment(StrictModel):
    """A guide's (begeleider's) comment on a learner's draft claim."""

    claim_id: ClaimId
    learner: Username
    by: Username
    at: UtcDateTime
    text: RequiredParagraph


class ReviewerState(StrictModel):
    """A guide's or assessor's ``Scope.user_state`` (field ``review_record``)."""

    schema_version: Literal[1] = REVIEWER_SCHEMA
    reviews: Annotated[list[ClaimReview], Field(max_length=MAX_REVIEWS)] = Field(
        default_factory=list
    )
    comments: list[GuideComment] = Field(default_factory=list)
    audit: list[AuditEntry] = Field(default_factory=list)

    @field_validator("comments")
    @classmethod
    def _newest_comments(cls, value: list[GuideComment]) -> list[GuideComment]:
        return value[-MAX_COMMENTS:]

    @field_validator("audit")
    @classmethod
    def _newest_audit(cls, value: list[AuditEntry]) -> list[AuditEntry]:
        return value[-MAX_AUDIT:]

    def review_of(self, learner: str, claim_id: str) -> ClaimReview | None:
        """This reviewer's review of ``learner``'s claim (a claim id is the learner's own, so
        the learner is part of the key)."""
        return next(
            (r for r in self.reviews if r.claim_id == claim_id and r.learner == learner), None
        )

    def with_review(self, review: ClaimReview) -> ReviewerState:
        key = (review.learner, review.claim_id)
        reviews = [r for r in self.reviews if (r.learner, r.claim_id) != key] + [review]
        return self.model_copy(update={"reviews": reviews})

    def with_comment(self, comment: GuideComment) -> ReviewerState:
        return self.model_copy(update={"comments": [*self.comments, comment][-MAX_COMMENTS:]})

    def with_audit(self, entry: AuditEntry) -> ReviewerState:
        return self.model_copy(update={"audit": [*self.audit, entry][-MAX_AUDIT:]})
