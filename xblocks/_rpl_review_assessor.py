"""The assessor's work on a claim: the queue, picking a claim up, VRAAK scores, the second
instrument and the decision, each in the assessor's own ``review_record``.

A claim an assessor has picked up (a :class:`talent_core.rpl.ClaimReview` in their record) reads
as "in review" to its learner; the decision reads as decided. Two assessors may review one claim
(a disputed claim): both decisions are kept, each in its assessor's record, and the learner's
view and the queue flag a disagreement (``talent_core.rpl.claim_status_for_learner``).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints

import talent_core as tc
from talent_core import Identifier, StrictModel, Username, rpl

from . import _rpl_review_view as view
from ._rpl_review_access import ASSESSOR, reviewer_handler
from ._rpl_review_base import now
from ._rpl_review_pages import ReviewPagesMixin
from .mixins import Conflict, Forbidden

__all__ = [
    "AssessorMixin",
    "ClaimRef",
    "DecideRequest",
    "InstrumentRequest",
    "QueueRequest",
    "ScoreRequest",
]

ClaimId = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]
QueueStatus = Literal["", "draft", "submitted", "in_review", "decided", "disagreement"]


class ClaimRef(StrictModel):
    """Whose claim: the learner and the claim's id, as the reviewer's page showed them."""

    learner: Username
    claim_id: ClaimId


class QueueRequest(StrictModel):
    """Body of ``review_queue``: whose queue (the user's role) and the filters (empty: all)."""

    role: Literal["guide", "assessor"]
    competency_id: Identifier | None = None
    status: QueueStatus = ""
    older_than_days: Annotated[int, Field(ge=0, le=3650)] | None = None


class ScoreRequest(ClaimRef):
    """Body of ``score_evidence``: one piece of evidence judged on VRAAK."""

    score: rpl.VraakScore


class InstrumentRequest(ClaimRef):
    """Body of ``record_instrument``: the second instrument the decision rests on."""

    instrument: rpl.SecondInstrument


class DecideRequest(ClaimRef):
    """Body of ``decide_claim``: outcome, level, a reason per indicator, feedback."""

    outcome: rpl.DecisionOutcome
    awarded_level: Annotated[int, Field(ge=0, le=100)] | None = None
    reasons: Annotated[
        dict[Identifier, Annotated[str, Field(max_length=4000)]], Field(max_length=200)
    ] = {}
    feedback: Annotated[str, Field(max_length=4000)] = ""


class AssessorMixin(ReviewPagesMixin):
    """The assessor's handlers (list it after the reviewer base mixin)."""

    # -- reading -----------------------------------------------------------------------------

    def _assessed_claim(self, ref: ClaimRef) -> rpl.PriorLearningClaim:
        """The claim, if the current user may assess it: an assessor of the learner, not their
        guide, never a guide who commented on this claim; submitted (not a draft)."""
        self.served(ref.learner, ASSESSOR)
        claim = self.claim_of(ref.learner, ref.claim_id)
        state = self.my_review_state()
        if any(c.claim_id == claim.id and c.learner == ref.learner for c in state.comments):
            raise Forbidden(self.not_both())
        if claim.state is rpl.ClaimState.DRAFT:
            raise Conflict(
                self.ugettext(
                    "The learner has taken this claim back to work on it; it can be assessed "
                    "again once it is submitted. Reload the page."
                )
            )
        return claim

    def _my_review(
        self, state: rpl.ReviewerState, ref: ClaimRef, claim: rpl.PriorLearningClaim
    ) -> tuple[rpl.ClaimReview, bool]:
        """The current user's review of the claim, and whether it is picked up now (new, or
        taken up again after the learner resubmitted: the earlier round's decision moves to
        ``earlier_decisions``, so the learner sees "in review" again)."""
        review = state.review_of(ref.learner, ref.claim_id)
        if review is not None:
            decision, submitted = review.decision, claim.submitted_at
            if decision is not None and submitted is not None and decision.decided_at < submitted:
                earlier = [*review.earlier_decisions, decision][-50:]
                return review.model_copy(
                    update={"decision": None, "earlier_decisions": earlier}
                ), True
            return review, False
        review = rpl.ClaimReview(claim_id=ref.claim_id, learner=ref.learner, assessor=self.username)
        return review, True

    def _open_for_change(self, claim: rpl.PriorLearningClaim, review: rpl.ClaimReview) -> None:
        """Conflict when this assessor decided the claim as submitted now: a decision stands
        until the learner submits again."""
        submitted = claim.submitted_at
        if review.decision is not None and (
            submitted is None or review.decision.decided_at >= submitted
        ):
            raise Conflict(
                self.ugettext(
                    "You have decided this claim; it opens again only when the learner "
                    "submits it again."
                )
            )

    def _claim_answer(self, ref: ClaimRef, message: str) -> dict[str, Any]:
        return {"html": self.assessor_claim_html(ref.learner, ref.claim_id), "message": message}

    def _save_review(
        self,
        state: rpl.ReviewerState,
        review: rpl.ClaimReview,
        picked_up: bool,
        action: str,
        detail: str = "",
    ) -> None:
        if picked_up:
            state = state.with_audit(
                rpl.AuditEntry(
                    at=now(),
                    by=self.username,
                    action="picked_up",
                    claim_id=review.claim_id,
                    learner=review.learner,
                )
            )
        self.store_review_state(
            state.with_review(review),
            action,
            claim_id=review.claim_id,
            learner=review.learner,
            detail=detail,
        )

    # -- handlers ----------------------------------------------------------------------------

    @reviewer_handler(QueueRequest)
    def review_queue(self, request: QueueRequest) -> dict[str, Any]:
        """The claims of the learners the current reviewer serves, filtered."""
        if request.role not in self.review_roles():
            raise Forbidden(self.not_in_role())
        rows = self.queue_rows(self.username, request.role)
        shown = view.filter_queue(
            rows, request.competency_id, request.status, request.older_than_days
        )
        return {
            "html": self.queue_html(shown),
            "count": len(shown),
            "message": self.ungettext(
                "{count} claim shown.", "{count} claims shown.", len(shown)
            ).format(count=len(shown)),
        }

    @reviewer_handler(ClaimRef)
    def open_claim_review(self, ref: ClaimRef) -> dict[str, Any]:
        """One claim as the current reviewer may see it (assessor: to assess; guide: to comment)."""
        if not self.review_roster().is_guide_of(self.username, ref.learner):
            self._assessed_claim(ref)
            return self._claim_answer(ref, self.ugettext("The claim is shown."))
        return {
            "html": self.guide_claim_html(ref.learner, ref.claim_id),
            "message": self.ugettext("The claim is shown."),
        }

    @reviewer_handler(ClaimRef)
    def pick_up_claim(self, ref: ClaimRef) -> dict[str, Any]:
        """Take the claim into review (the learner then sees "in review")."""
        claim = self._assessed_claim(ref)
        state = self.my_review_state()
        review, new = self._my_review(state, ref, claim)
        if new:
            self.store_review_state(
                state.with_review(review), "picked_up", claim_id=ref.claim_id, learner=ref.learner
            )
            self.publish_event("claim_picked_up", claim_id=ref.claim_id)
        return self._claim_answer(ref, self.ugettext("The claim is in review with you."))

    @reviewer_handler(ScoreRequest)
    def score_evidence(self, request: ScoreRequest) -> dict[str, Any]:
        """Keep a VRAAK score and note for one piece of the claim's evidence."""
        claim = self._assessed_claim(request)
        if claim.evidence_item(request.score.evidence_id) is None:
            raise tc.ValidationError(
                [
                    tc.Problem(
                        "score.evidence_id",
                        self.ugettext("This evidence is not part of the claim."),
                    )
                ]
            )
        state = self.my_review_state()
        review, new = self._my_review(state, request, claim)
        self._open_for_change(claim, review)
        self._save_review(
            state, review.with_score(request.score), new, "scored", detail=request.score.evidence_id
        )
        self.publish_event("evidence_scored", claim_id=claim.id)
        return self._claim_answer(request, self.ugettext("The VRAAK score is saved."))

    @reviewer_handler(InstrumentRequest)
    def record_instrument(self, request: InstrumentRequest) -> dict[str, Any]:
        """Keep the second instrument (interview, observation or practical assessment)."""
        claim = self._assessed_claim(request)
        if request.instrument.date > tc.plausible_dates(happened=True).latest:
            raise tc.ValidationError(
                [tc.Problem("instrument.date", self.ugettext("The date is in the future."))]
            )
        state = self.my_review_state()
        review, new = self._my_review(state, request, claim)
        self._open_for_change(claim, review)
        updated = review.model_copy(update={"instrument": request.instrument})
        self._save_review(
            state, updated, new, "instrument_recorded", detail=request.instrument.kind
        )
        self.publish_event("instrument_recorded", claim_id=claim.id, kind=request.instrument.kind)
        return self._claim_answer(request, self.ugettext("The second instrument is recorded."))

    @reviewer_handler(DecideRequest)
    def decide_claim(self, request: DecideRequest) -> dict[str, Any]:
        """Decide the claim: outcome, awarded level, a reason per indicator, feedback."""
        claim = self._assessed_claim(request)
        state = self.my_review_state()
        review, new = self._my_review(state, request, claim)
        self._open_for_change(claim, review)
        decision = tc.load(
            rpl.ClaimDecision,
            {
                "claim_id": claim.id,
                "learner": request.learner,
                "assessor": self.username,
                "outcome": request.outcome,
                "awarded_level": request.awarded_level if request.outcome.awards_level else None,
                "reasons": {k: v.strip() for k, v in request.reasons.items() if v.strip()},
                "feedback": request.feedback.strip(),
                "decided_at": max(now(), (claim.submitted_at or now()) + dt.timedelta(seconds=1)),
                "source": "lms",
                "instrument": review.instrument,
                "competency_id": claim.competency_id,
                "claimed_level": claim.level,
            },
        )
        decided = review.with_decision(decision)
        rpl.check_decision(
            claim,
            decided,
            self.review_roster(),
            self.review_policy(),
            self.framework,
        )
        self._save_review(state, decided, new, "decided", detail=str(request.outcome))
        self.publish_event(
            "claim_decided",
            claim_id=claim.id,
            outcome=str(request.outcome),
            level=decision.awarded_level,
        )
        return self._claim_answer(request, self.ugettext("Your decision is recorded."))
