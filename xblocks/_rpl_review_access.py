"""Who may do what on the reviewer side of the prior-learning portfolio.

The reviewer roster (staff upload, ``Scope.user_state_summary``) names guides and assessors and,
optionally, the learners each one serves. Every reviewer handler answers HTTP 403 to a user the
roster names as neither, before the body is read (:func:`reviewer_handler`); the method then
checks the learner the body names (:meth:`ReviewAccessMixin.served`). A guide may comment but
never decide; an assessor who guides the learner (by the roster, or by having commented on the
claim as a guide) may not assess that claim: both refusals say why.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from webob import Request, Response
from xblock.core import XBlock, XBlockMixin

from talent_core import rpl

from .mixins import Forbidden, json_error, json_payload_handler

__all__ = ["ASSESSOR", "GUIDE", "ReviewAccessMixin", "reviewer_handler"]

log = logging.getLogger(__name__)

GUIDE = "guide"
ASSESSOR = "assessor"


def reviewer_handler(
    payload: type[Any],
) -> Callable[[Callable[[Any, Any], Any]], Callable[[Any, Request, str], Response]]:
    """:func:`json_payload_handler` for guides and assessors only: anyone the roster names as
    neither (learners, staff who are no reviewer) gets HTTP 403 before the body is read."""

    def decorate(method: Callable[[Any, Any], Any]) -> Callable[[Any, Request, str], Response]:
        inner = json_payload_handler(payload)(method)

        @XBlock.handler
        @functools.wraps(method)
        def handler(self: Any, request: Request, suffix: str = "") -> Response:
            if not self.review_roles():
                return json_error(
                    403,
                    self.ugettext(
                        "Only the guides and assessors the reviewer roster names can do this."
                    ),
                )
            return inner(self, request, suffix)

        return cast(Callable[[Any, Request, str], Response], handler)

    return decorate


class ReviewAccessMixin(XBlockMixin):
    """The roster as stored, and the checks every reviewer handler makes."""

    if TYPE_CHECKING:
        reviewer_roster: dict[str, Any]

        @property
        def username(self) -> str: ...

        def ugettext(self, text: str) -> str: ...

    def review_roster(self) -> rpl.ReviewerRoster:
        """The stored reviewer roster; an unreadable one counts as none (staff see why)."""
        try:
            return rpl.load_reviewer_roster(self.reviewer_roster)
        except rpl.ReviewerRosterError as error:
            log.warning("prior_learning_portfolio %s: %s", self.scope_ids.usage_id, error)
            return rpl.ReviewerRoster()

    def review_roles(self) -> tuple[str, ...]:
        """The roles the roster gives the current user: ``guide`` and/or ``assessor`` (one
        person may guide one team and assess another, never both for one learner)."""
        return tuple(self.review_roster().roles_of(self.username))

    def served(self, learner: str, role: str) -> None:
        """Forbidden unless the current user is ``role`` (guide or assessor) of ``learner``."""
        roster = self.review_roster()
        if learner == self.username:
            raise Forbidden(self.ugettext("You cannot review your own claims."))
        if role == ASSESSOR:
            if roster.is_guide_of(self.username, learner):
                raise Forbidden(self.guide_cannot_assess())
            if not roster.is_assessor_of(self.username, learner):
                raise Forbidden(
                    self.ugettext(
                        "The reviewer roster does not name you as an assessor of this learner."
                    )
                )
        elif not roster.is_guide_of(self.username, learner):
            raise Forbidden(
                self.ugettext("The reviewer roster does not name you as a guide of this learner.")
            )

    def not_in_role(self) -> str:
        return self.ugettext("The reviewer roster does not give you this role.")

    def guide_cannot_assess(self) -> str:
        return self.ugettext(
            "You are this learner's guide. Guides help build the portfolio but cannot assess or "
            "decide: the same person may not guide and assess one claim."
        )

    def not_both(self) -> str:
        return self.ugettext(
            "The same person may not guide and assess one claim: you commented on this claim as "
            "its guide, so another assessor must assess it."
        )
