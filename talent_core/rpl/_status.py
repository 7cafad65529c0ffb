"""What the learner sees of a claim: its state and the decisions on it, disagreement shown.

Assessors write only their own state and staff may import decisions from the review notebook,
so a claim's decisions come from several places. :func:`claim_status_for_learner` merges them:
the latest decision of each assessor since the claim was last submitted; when two assessors
disagree (another outcome or level) the claim is flagged as disputed and no outcome is shown
as final: the later decision does not silently win.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import Field

from .._text import StrictModel
from ._model import ClaimState, PriorLearningClaim
from ._review import ClaimDecision, ClaimReview, DecisionOutcome

__all__ = ["LearnerClaimStatus", "claim_status_for_learner", "current_decisions"]


class LearnerClaimStatus(StrictModel):
    """A claim as its learner sees it now."""

    claim_id: str
    state: ClaimState
    #: The latest decision of each assessor on the claim as last submitted, oldest first.
    decisions: list[ClaimDecision] = Field(default_factory=list)
    #: Two or more assessors decided differently: nothing is final until staff settle it.
    disputed: bool = False
    #: The agreed outcome (None while undecided or disputed) and what it awards.
    outcome: DecisionOutcome | None = None
    awarded_level: int | None = None
    reasons: dict[str, str] = Field(default_factory=dict)
    feedback: str = ""
    #: The decision that sent a reopened draft back for more evidence (its feedback is shown).
    sent_back_by: ClaimDecision | None = None

    @property
    def recognised(self) -> bool:
        """Whether a credential may be issued: recognised (in part) and not disputed."""
        return self.outcome is not None and self.outcome.awards_level


def current_decisions(
    claim: PriorLearningClaim, decisions: Iterable[ClaimDecision]
) -> list[ClaimDecision]:
    """The latest decision of each assessor on ``claim`` since it was last submitted (one per
    decision id), oldest first."""
    since = claim.submitted_at
    latest: dict[str, ClaimDecision] = {}
    seen: set[str] = set()
    for decision in sorted(decisions, key=lambda d: d.decided_at):
        if decision.claim_id != claim.id or decision.decision_id in seen:
            continue
        seen.add(decision.decision_id)
        if since is not None and decision.decided_at < since:
            continue
        latest.pop(decision.assessor, None)
        latest[decision.assessor] = decision
    return list(latest.values())


def _all_decisions(
    claim: PriorLearningClaim, reviews: Iterable[ClaimReview], imported: Iterable[ClaimDecision]
) -> list[ClaimDecision]:
    found = [d for d in imported if d.claim_id == claim.id]
    for review in reviews:
        if review.claim_id == claim.id:
            found += [*review.earlier_decisions, *([review.decision] if review.decision else [])]
    return found


def claim_status_for_learner(
    claim: PriorLearningClaim,
    reviews: Iterable[ClaimReview],
    imported_decisions: Iterable[ClaimDecision] = (),
) -> LearnerClaimStatus:
    """The learner's view of ``claim`` given every assessor's review of it and the decisions
    staff imported."""
    reviews = [r for r in reviews if r.claim_id == claim.id]
    every = _all_decisions(claim, reviews, imported_decisions)
    if claim.state is ClaimState.DRAFT:
        reopened = claim.last_change(ClaimState.DRAFT)
        sent_back = [
            d
            for d in every
            if d.outcome is DecisionOutcome.MORE_EVIDENCE_NEEDED
            and reopened is not None
            and d.decided_at <= reopened.at
        ]
        return LearnerClaimStatus(
            claim_id=claim.id,
            state=ClaimState.DRAFT,
            sent_back_by=max(sent_back, key=lambda d: d.decided_at, default=None),
        )
    decisions = current_decisions(claim, every)
    if not decisions:
        # An assessor working on the claim as submitted now: a review without a decision
        # (created when they pick it up, before any score; an earlier round's decision
        # moves to ``earlier_decisions`` when they take the resubmitted claim up again).
        started = any(r.decision is None for r in reviews)
        state = ClaimState.IN_REVIEW if started else claim.state
        if claim.state is ClaimState.DECIDED:
            state = ClaimState.DECIDED
        return LearnerClaimStatus(claim_id=claim.id, state=state)
    verdicts = {(d.outcome, d.awarded_level) for d in decisions}
    if len(verdicts) > 1:
        return LearnerClaimStatus(
            claim_id=claim.id, state=ClaimState.DECIDED, decisions=decisions, disputed=True
        )
    latest = decisions[-1]
    return LearnerClaimStatus(
        claim_id=claim.id,
        state=ClaimState.DECIDED,
        decisions=decisions,
        outcome=latest.outcome,
        awarded_level=latest.awarded_level,
        reasons=dict(latest.reasons),
        feedback=latest.feedback,
    )
