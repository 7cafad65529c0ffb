"""The reviewer part of the portfolio block's page: the staff part, the guide's and the
assessor's queues, and one claim as each of them sees it.

Each role sees only what it needs (GDPR): a guide reads the claims (drafts included) of the
learners they serve and the guides' comments, never scores or decisions in the making; an
assessor reads the submitted claims of the learners they assess (the account, evidence, files,
links, referee) and their own review, and the other assessors' decisions only after deciding
themselves (independent judgement first); staff manage the roster and download the files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlencode

from xblock.core import XBlock

import talent_core as tc
from talent_core import rpl

from . import _rpl_review_view as view
from . import compat
from ._rpl_review_access import ASSESSOR, GUIDE
from ._rpl_review_base import ReviewBaseMixin, loaded
from .mixins import Forbidden, script_json

__all__ = ["FILE_HANDLER", "REVIEW_HANDLERS", "ReviewPagesMixin"]

#: rpl-block's handler that serves an evidence file to its owner, their guides and assessors
#: and course staff (``?learner=&claim=&evidence=``).
FILE_HANDLER = "evidence_file"
#: The handlers the reviewer page's JavaScript calls (their URLs travel in data attributes).
REVIEW_HANDLERS = (
    "review_queue",
    "open_claim_review",
    "pick_up_claim",
    "score_evidence",
    "record_instrument",
    "decide_claim",
    "comment_on_claim",
    "upload_reviewers",
    "import_decisions",
)


def today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


class ReviewPagesMixin(ReviewBaseMixin):
    """Rendering of the reviewer part (the handlers live in the role mixins)."""

    if TYPE_CHECKING:
        currency_years: int
        min_evidence: int
        max_file_mb: int
        max_learner_mb: int

        @property
        def dom_id(self) -> str: ...

        def ungettext(self, singular: str, plural: str, count: int) -> str: ...

        def render_template(self, name: str, context: Mapping[str, Any]) -> str: ...

    def review_policy(self) -> rpl.RplPolicy:
        """The author's policy numbers (the defaults where they do not fit together)."""
        try:
            return rpl.RplPolicy(
                currency_years=self.currency_years,
                min_evidence=self.min_evidence,
                max_file_mb=self.max_file_mb,
                max_learner_mb=self.max_learner_mb,
            )
        except (tc.ValidationError, ValueError, AttributeError):
            return rpl.RplPolicy()

    def handler_link(self, name: str, **query: str) -> str:
        url = str(self.runtime.handler_url(cast(XBlock, self), name))
        if not query:
            return url
        return url + ("&" if "?" in url else "?") + urlencode(query)

    def evidence_file_url(self, learner: str, claim_id: str, evidence_id: str) -> str:
        return self.handler_link(
            FILE_HANDLER, learner=learner, claim=claim_id, evidence=evidence_id
        )

    # -- queue -------------------------------------------------------------------------------

    def queue_rows(self, username: str, role: str) -> list[view.QueueRow]:
        """Every claim of the learners ``username`` serves as ``role`` (assessors: submitted
        ones only; guides: drafts too).

        Each user's state is read once: for a reviewer of every learner in one pass over the
        block's states (the LMS's user-state client, one query), else per learner named; the
        assessors' records are read once each, not once per learner."""
        roster = self.review_roster()
        imported = self.imported_decision_list()
        framework = self.framework
        named = roster.learners_of(username, cast(rpl.ReviewerRole, role))
        states: dict[str, Mapping[str, Any]] = {}
        if named is None:
            states = {
                str(row.username): row.state for row in compat.iter_user_states(cast(XBlock, self))
            }
            learners = sorted(
                u for u, st in states.items() if st.get("portfolio") and u != username
            )
        else:
            learners = sorted(named)
        records: dict[str, rpl.ReviewerState] = {}

        def record(user: str) -> rpl.ReviewerState:
            if user not in records:
                if named is None and user != self.username:  # read in the one pass
                    try:
                        raw = states.get(user, {}).get("review_record")
                        records[user] = loaded(rpl.ReviewerState, raw)
                    except tc.ValidationError:
                        records[user] = rpl.ReviewerState()
                else:
                    records[user] = self.review_state_of(user)
            return records[user]

        rows = []
        for learner in learners:
            if learner in states:
                try:
                    claims = loaded(rpl.PortfolioState, states[learner].get("portfolio")).claims
                except tc.ValidationError:
                    continue
            else:
                claims = self.learner_portfolio(learner).claims
            if role == ASSESSOR:
                claims = [c for c in claims if c.state is not rpl.ClaimState.DRAFT]
            if not claims:
                continue
            pairs = [
                (assessor, review)
                for assessor in roster.assessors_of(learner)
                for review in record(assessor).reviews
                if review.learner == learner
            ]
            reviews = [review for _, review in pairs]
            for claim in claims:
                status = self.status_of_claim(claim, reviews, imported)
                assessors = (
                    [name for name, review in pairs if review.claim_id == claim.id]
                    if role == ASSESSOR
                    else []
                )
                rows.append(
                    view.queue_row(
                        learner,
                        claim,
                        status,
                        assessors,
                        framework,
                        self.language,
                        today(),
                        self.ugettext,
                    )
                )
        return rows

    def queue_html(self, rows: list[view.QueueRow]) -> str:
        caption = self.ungettext("{count} claim", "{count} claims", len(rows)).format(
            count=len(rows)
        )
        return self.render_template(
            "prior_learning_review_queue.html",
            {
                "rows": rows,
                "caption": caption,
                # guides are not told who assesses: no column that always reads empty
                "show_assessors": any(row.assessors for row in rows),
            },
        )

    # -- one claim ---------------------------------------------------------------------------

    def _context(
        self, learner: str, claim_id: str, review: rpl.ClaimReview | None = None, comments: Any = ()
    ) -> view.ClaimContext:
        claim = self.claim_of(learner, claim_id)
        status = self.status_of_claim(claim, self.reviews_of_learner(learner))
        return view.ClaimContext(
            learner=learner,
            claim=claim,
            status=status,
            framework=self.framework,
            language=self.language,
            today=today(),
            file_url=lambda evidence_id: self.evidence_file_url(learner, claim_id, evidence_id),
            dom_id=f"{self.dom_id}-c",
            review=review,
            policy=self.review_policy(),
            comments=comments,
        )

    def assessor_claim_html(self, learner: str, claim_id: str) -> str:
        review = self.my_review_state().review_of(learner, claim_id)
        ctx = self._context(learner, claim_id, review)
        return self.render_template(
            "prior_learning_review_claim.html",
            {"c": {**view.assessor_claim(ctx, self.ugettext), "me": self.username}},
        )

    def guide_claim_html(self, learner: str, claim_id: str) -> str:
        self.served(learner, GUIDE)
        ctx = self._context(learner, claim_id, comments=self.comments_of_learner(learner, claim_id))
        return self.render_template(
            "prior_learning_review_guide.html", {"c": view.guide_claim(ctx, self.ugettext)}
        )

    # -- the part of the page ----------------------------------------------------------------

    def review_part(self) -> str:
        """The reviewer part of the block's page for the current user: the staff part for
        course staff, a queue per reviewer role; empty for a learner."""
        roles = self.review_roles()
        staff = self.is_course_staff
        if not roles and not staff:
            return ""
        _ = self.ugettext
        framework = self.framework
        competencies = [(node.id, self.localized(node.name)) for node in framework.competencies()]
        queues = []
        for role in (GUIDE, ASSESSOR):
            if role not in roles:
                continue
            rows = view.filter_queue(self.queue_rows(self.username, role), None, "", None)
            queues.append(
                {
                    "role": role,
                    "title": _("Claims you guide") if role == GUIDE else _("Claims to assess"),
                    "html": self.queue_html(rows),
                    "uid": f"{self.dom_id}-{role}",
                }
            )
        context = {
            "uid": self.dom_id,
            "queues": queues,
            "competencies": competencies,
            "statuses": [
                *view.state_labels(_).items(),
                ("disagreement", _("Assessors disagree")),
            ],
            "staff": self.staff_context() if staff else None,
            "urls": {name: self.handler_link(name) for name in REVIEW_HANDLERS},
            "messages": script_json(self.review_messages()),
        }
        return self.render_template("prior_learning_review.html", context)

    def review_messages(self) -> dict[str, str]:
        _ = self.ugettext
        return {
            "failed": _("The request failed. Check your connection and try again."),
            "stale": _("This claim changed since the page was loaded. Reload the page."),
            "chooseFile": _("Choose a file first."),
            "commented": _("Your comment is saved."),
            "chooseAll": _("Choose met, partly met or not met for each VRAAK criterion."),
            "commentNeeded": _("Write a comment first."),
        }

    def staff_context(self) -> dict[str, Any]:
        raise NotImplementedError  # the staff mixin provides it

    def not_a_reviewer(self) -> Forbidden:
        return Forbidden(
            self.ugettext("Only the guides and assessors the reviewer roster names can do this.")
        )
