"""What the reviewer side of the prior-learning portfolio reads and writes, and where.

* Every guide's and assessor's own records (comments, VRAAK scores, second instruments,
  decisions, audit lines) are their ``Scope.user_state`` field ``review_record``
  (:class:`talent_core.rpl.ReviewerState`): no user writes another's state, so reviewers working
  at once never overwrite each other. Staff actions (roster upload, decisions import,
  downloads) are audited in the staff member's own ``review_record`` too.
* A learner's claims are the learner's ``portfolio`` (rpl-block's field), read through the
  ``user_state`` service (:func:`xblocks.compat.user_state_of`).
* The roster and imported decisions are the block's ``Scope.user_state_summary``.

The learner's view reads what reviewers wrote through :meth:`ReviewBaseMixin.reviews_of_learner`,
:meth:`~ReviewBaseMixin.comments_of_learner` and :meth:`~ReviewBaseMixin.status_of_claim`.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

import pydantic
from xblock.core import XBlock
from xblock.fields import Dict, Scope

import talent_core as tc
from talent_core import rpl

from . import compat
from ._rpl_review_access import ReviewAccessMixin
from .i18n import N_
from .mixins import UnreadableState

__all__ = ["ReviewBaseMixin", "loaded", "now"]

log = logging.getLogger(__name__)

M = TypeVar("M", bound=pydantic.BaseModel)


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def loaded(model: type[M], data: Any) -> M:
    """``data`` (a stored JSON value) as ``model``; nothing stored yet is an empty one."""
    if not data:
        return model()
    if not isinstance(data, Mapping):
        raise tc.ValidationError([tc.Problem.of("", "problem.not_an_object", what=model.__name__)])
    return tc.load(model, data)


class ReviewBaseMixin(ReviewAccessMixin):
    """The reviewer's own record, other users' states, the audit trail."""

    review_record = Dict(
        help=N_("What this user wrote as a guide or assessor of prior-learning claims."),
        scope=Scope.user_state,
        default={},
    )

    if TYPE_CHECKING:
        imported_decisions: dict[str, Any]

        @property
        def is_course_staff(self) -> bool: ...

        @property
        def language(self) -> str: ...

        @property
        def framework(self) -> tc.CompetencyFramework: ...

        def localized(self, text: Mapping[str, str]) -> str: ...

        def publish_event(self, action: str, **data: Any) -> None: ...

    # -- own record -------------------------------------------------------------------------

    def my_review_state(self) -> rpl.ReviewerState:
        """The current user's own record; :class:`UnreadableState` when this version cannot
        read it (nothing is then written over it)."""
        try:
            return loaded(rpl.ReviewerState, self.review_record)
        except tc.ValidationError as error:
            raise UnreadableState(error.problems) from error

    def store_review_state(
        self,
        state: rpl.ReviewerState,
        action: str,
        *,
        claim_id: str | None = None,
        learner: str | None = None,
        detail: str = "",
    ) -> None:
        """Keep ``state`` with one audit line for ``action`` (who, what, when)."""
        entry = rpl.AuditEntry(
            at=now(),
            by=self.username,
            action=action,
            claim_id=claim_id,
            learner=learner,
            detail=detail[:300],
        )
        self.review_record = state.with_audit(entry).model_dump(mode="json")

    def audit(self, action: str, **kwargs: Any) -> None:
        """One audit line in the current user's own record (staff actions, downloads)."""
        try:
            state = self.my_review_state()
        except UnreadableState:
            log.warning("prior_learning_portfolio: unreadable review record of %s", self.username)
            return
        self.store_review_state(state, action, **kwargs)

    # -- other users' states ----------------------------------------------------------------

    def state_of(self, username: str) -> Mapping[str, Any]:
        return compat.user_state_of(cast(XBlock, self), username)

    def review_state_of(self, username: str) -> rpl.ReviewerState:
        """What ``username`` recorded as a reviewer (empty when unreadable: nobody sees an
        error of someone else's state)."""
        raw = (
            self.review_record
            if username == self.username
            else self.state_of(username).get("review_record")
        )
        try:
            return loaded(rpl.ReviewerState, raw)
        except tc.ValidationError as error:
            log.warning("prior_learning_portfolio: review record of %s: %s", username, error)
            return rpl.ReviewerState()

    def learner_portfolio(self, learner: str) -> rpl.PortfolioState:
        """``learner``'s claims (empty when unreadable)."""
        try:
            return loaded(rpl.PortfolioState, self.state_of(learner).get("portfolio"))
        except tc.ValidationError as error:
            log.warning("prior_learning_portfolio: portfolio of %s: %s", learner, error)
            return rpl.PortfolioState()

    def claim_of(self, learner: str, claim_id: str) -> rpl.PriorLearningClaim:
        """One claim of ``learner``; a ValidationError naming ``claim_id`` when there is none."""
        claim = self.learner_portfolio(learner).claim(claim_id)
        if claim is None:
            raise tc.ValidationError(
                [tc.Problem("claim_id", self.ugettext("This claim does not exist (any more)."))]
            )
        return claim

    def learners_served(self, username: str, role: str) -> list[str]:
        """The learners the roster gives ``username`` as ``role``; for a reviewer of everyone
        (no learners listed), every learner with a portfolio in this block."""
        named = self.review_roster().learners_of(username, cast(rpl.ReviewerRole, role))
        if named is not None:
            return sorted(named)
        return [
            row.username
            for row in compat.iter_user_states(cast(XBlock, self))
            if row.state.get("portfolio") and row.username != username
        ]

    # -- what the learner's view reads -------------------------------------------------------

    def assessor_reviews_of_learner(self, learner: str) -> list[tuple[str, rpl.ClaimReview]]:
        """(assessor, review) for every review the roster's assessors of ``learner`` recorded
        about them."""
        return [
            (assessor, review.model_copy(update={"assessor": assessor}))
            for assessor in self.review_roster().assessors_of(learner)
            for review in self.review_state_of(assessor).reviews
            if review.learner == learner
        ]

    def reviews_of_learner(self, learner: str) -> list[rpl.ClaimReview]:
        """Every review the roster's assessors of ``learner`` recorded about them."""
        return [review for _, review in self.assessor_reviews_of_learner(learner)]

    def comments_of_learner(
        self, learner: str, claim_id: str | None = None
    ) -> list[rpl.GuideComment]:
        """The comments of ``learner``'s guides (on one claim), oldest first."""
        found = [
            comment
            for guide in self.review_roster().guides_of(learner)
            for comment in self.review_state_of(guide).comments
            if comment.learner == learner and (claim_id is None or comment.claim_id == claim_id)
        ]
        return sorted(found, key=lambda c: c.at)

    def imported_decision_list(self) -> list[rpl.ClaimDecision]:
        """The decisions staff imported (unreadable entries are skipped and logged)."""
        found = []
        for key, value in (self.imported_decisions or {}).items():
            try:
                found.append(tc.load(rpl.ClaimDecision, value))
            except tc.ValidationError as error:
                log.warning("prior_learning_portfolio: imported decision %s: %s", key, error)
        return found

    def status_of_claim(
        self,
        claim: rpl.PriorLearningClaim,
        reviews: Iterable[rpl.ClaimReview],
        imported: Iterable[rpl.ClaimDecision] | None = None,
    ) -> rpl.LearnerClaimStatus:
        """The claim as its learner sees it (state, decisions, disagreement)."""
        mine = [r for r in reviews if r.claim_id == claim.id]
        decisions = [
            d
            for d in (imported if imported is not None else self.imported_decision_list())
            if d.claim_id == claim.id
        ]
        return rpl.claim_status_for_learner(claim, mine, decisions)

    # -- GDPR --------------------------------------------------------------------------------

    def reviewer_data_about(self, learner: str) -> dict[str, Any]:
        """Everything guides and assessors of this block wrote about ``learner`` (reviews,
        comments, audit lines), per reviewer: part of the learner's data export. Reads every
        user's state of the block, so it is for an export, not for a page."""
        found: dict[str, Any] = {}
        for row in compat.iter_user_states(cast(XBlock, self)):
            if row.username == learner or not row.state.get("review_record"):
                continue
            try:
                state = loaded(rpl.ReviewerState, row.state["review_record"])
            except tc.ValidationError:
                continue
            part = rpl.ReviewerState(
                reviews=[r for r in state.reviews if r.learner == learner],
                comments=[c for c in state.comments if c.learner == learner],
                audit=[a for a in state.audit if a.learner == learner],
            )
            if part.reviews or part.comments or part.audit:
                found[str(row.username)] = part.model_dump(mode="json")
        return found

    def erase_reviewer_data_about(self, learner: str) -> int:
        """Remove what reviewers wrote about ``learner`` from every reviewer's state (audit
        lines keep who acted and when, with the learner and detail blanked); the number of
        reviewers' states changed. Writes other users' state, so only the platform's
        staff/retirement path may call it (see docs/xblocks.md, "Erasure"); a web handler
        never does."""
        changed = 0
        for row in list(compat.iter_user_states(cast(XBlock, self))):
            raw = row.state.get("review_record")
            if not raw or row.username == learner:
                continue
            try:
                state = loaded(rpl.ReviewerState, raw)
            except tc.ValidationError:
                continue
            erased = forget_learner(state, learner)
            if erased != state:
                compat.replace_user_state_field(
                    cast(XBlock, self),
                    str(row.username),
                    "review_record",
                    erased.model_dump(mode="json"),
                )
                changed += 1
        return changed


def forget_learner(state: rpl.ReviewerState, learner: str) -> rpl.ReviewerState:
    """``state`` without the reviews and comments about ``learner``; their audit lines stay as
    "who did what when" with the learner, claim and detail removed."""
    audit = [
        a.model_copy(update={"learner": None, "claim_id": None, "detail": ""})
        if a.learner == learner
        else a
        for a in state.audit
    ]
    return state.model_copy(
        update={
            "reviews": [r for r in state.reviews if r.learner != learner],
            "comments": [c for c in state.comments if c.learner != learner],
            "audit": audit,
        }
    )
