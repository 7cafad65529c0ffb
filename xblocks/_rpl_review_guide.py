"""The guide's (begeleider's) part: comments on the claims of the learners they serve.

A comment lives in the guide's own ``review_record``; the learner's view and the other guides
of that learner read it (assessors do not: they judge the portfolio independently). A guide
never decides: every assessor handler answers them 403 with the reason.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import StringConstraints

from talent_core import rpl

from ._rpl_review_access import GUIDE, reviewer_handler
from ._rpl_review_assessor import ClaimRef
from ._rpl_review_base import now
from ._rpl_review_pages import ReviewPagesMixin

__all__ = ["CommentRequest", "GuideMixin"]


class CommentRequest(ClaimRef):
    """Body of ``comment_on_claim``."""

    text: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]


class GuideMixin(ReviewPagesMixin):
    """The guide's handler (list it after the reviewer base mixin)."""

    @reviewer_handler(CommentRequest)
    def comment_on_claim(self, request: CommentRequest) -> dict[str, Any]:
        """Keep a comment on one claim of a learner the current user guides."""
        self.served(request.learner, GUIDE)
        claim = self.claim_of(request.learner, request.claim_id)
        state = self.my_review_state()
        comment = rpl.GuideComment(
            claim_id=claim.id,
            learner=request.learner,
            by=self.username,
            at=now(),
            text=request.text,
        )
        self.store_review_state(
            state.with_comment(comment), "commented", claim_id=claim.id, learner=request.learner
        )
        self.publish_event("claim_commented", claim_id=claim.id)
        return {
            "html": self.guide_claim_html(request.learner, request.claim_id),
            "message": self.ugettext("Your comment is saved."),
        }
