"""The learner's pages and downloads of the prior learning portfolio: evidence files (to their
owner, the roster's guides and assessors of that learner, course staff), the credential and
the experience profile of recognised claims, and personal data (export, erasure).

A mixin of :class:`xblocks.prior_learning_portfolio.PriorLearningPortfolioBlock`, listed after
``TalentBlockMixin``; it reads the learner's claims and the reviewers' decisions through the
block.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from webob import Request, Response
from xblock.core import XBlock, XBlockMixin

import talent_core as tc
from talent_core import rpl

from . import _rpl_credentials as rpl_credentials
from . import _rpl_files, compat
from ._rpl_credentials import CREDENTIAL_FORMATS, credential_file, credential_setup, recognised_of
from ._rpl_learner_view import LearnerReviews, claim_status
from ._rpl_payloads import NoPayload, PersonRequest, now
from .mixins import (
    Forbidden,
    UnreadableState,
    attachment,
    json_payload_handler,
    unreadable_state_page,
)

__all__ = ["PortfolioPagesMixin"]

log = logging.getLogger(__name__)


class PortfolioPagesMixin(XBlockMixin):
    """Files, credentials and personal data of the learner's portfolio."""

    if TYPE_CHECKING:
        portfolio: dict[str, Any]
        seen_decisions: dict[str, Any]
        unreadable_notice: str

        @property
        def username(self) -> str: ...

        @property
        def is_course_staff(self) -> bool: ...

        @property
        def language(self) -> str: ...

        @property
        def framework(self) -> tc.CompetencyFramework: ...

        @property
        def state(self) -> rpl.PortfolioState: ...

        def ugettext(self, text: str) -> str: ...

        def ungettext(self, singular: str, plural: str, count: int) -> str: ...

        def publish_event(self, action: str, **data: Any) -> None: ...

        def review_roster(self) -> rpl.ReviewerRoster: ...

        def reviews_about(self, learner: str) -> LearnerReviews: ...

        def _answer(self, state: rpl.PortfolioState, **extra: Any) -> dict[str, Any]: ...

    # -- files ------------------------------------------------------------------------------

    def may_read_files_of(self, learner: str) -> bool:
        """The owner, the roster's guides and assessors of ``learner``, and course staff."""
        if learner == self.username or self.is_course_staff:
            return True
        roster = self.review_roster()
        return roster.is_guide_of(self.username, learner) or roster.is_assessor_of(
            self.username, learner
        )

    def portfolio_of(self, learner: str) -> rpl.PortfolioState | None:
        """``learner``'s claims (the current user's own, or another's through the
        ``user_state`` service); None when they cannot be read."""
        try:
            if learner == self.username:
                return self.state
            raw = compat.user_state_of(self, learner).get("portfolio")
            return tc.load(rpl.PortfolioState, raw) if raw else rpl.PortfolioState()
        except tc.ValidationError as error:
            log.warning("prior_learning_portfolio: portfolio of %s: %s", learner, error)
            return None

    @XBlock.handler
    def evidence_file(self, request: Request, suffix: str = "") -> Response:
        """One evidence file (``?learner=&claim=&evidence=``) as a download, for its owner,
        their guides and assessors and course staff only (403); 404 for anything unknown."""
        learner = str(request.GET.get("learner", ""))
        claim_id = str(request.GET.get("claim", ""))
        evidence_id = str(request.GET.get("evidence", ""))
        if not (learner and claim_id and evidence_id):
            return self._plain(400, self.ugettext("Say which file to open."))
        if not self.may_read_files_of(learner):
            return self._plain(403, self.ugettext("You may not open this file."))
        state = self.portfolio_of(learner)
        claim = state.claim(claim_id) if state is not None else None
        item = claim.evidence_item(evidence_id) if claim is not None else None
        if item is None or item.file is None:
            return self._plain(404, self.ugettext("This file is not there (any more)."))
        data = _rpl_files.read_file(self, learner, item.file)
        if data is None:
            return self._plain(404, self.ugettext("This file is not there (any more)."))
        self.publish_event(
            "evidence_downloaded", learner=learner, claim_id=claim_id, evidence_id=evidence_id
        )
        return _rpl_files.file_response(item.file, data)

    def _plain(self, status: int, message: str) -> Response:
        return Response(message, status=status, content_type="text/plain", charset="utf-8")

    # -- credentials ------------------------------------------------------------------------

    def _learner_identity(self) -> tuple[str, str | None]:
        service = self.runtime.service(self, "user")
        user = service.get_current_user() if service is not None else None
        if user is None:
            return self.username, None
        emails = list(getattr(user, "emails", []) or [])
        return str(user.full_name or self.username), (str(emails[0]) if emails else None)

    def _recognised(self) -> list[tuple[rpl.PriorLearningClaim, Any]]:
        """(claim, RecognisedCompetency) for every claim recognised without dispute."""
        found = self.reviews_about(self.username)
        name, email = self._learner_identity()
        framework = self.framework
        recognised = []
        for claim in self.state.claims:
            status = claim_status(claim, found)
            awarding = [d for d in status.decisions if d.outcome.awards_level]
            if status.disputed or not awarding:
                continue
            decision = max(awarding, key=lambda d: d.decided_at)
            try:
                recognised.append(
                    (
                        claim,
                        recognised_of(
                            framework,
                            claim,
                            decision,
                            learner_name=name,
                            learner_email=email,
                            language=self.language,
                        ),
                    )
                )
            except tc.TalentError as error:
                log.warning("prior_learning_portfolio: credential of %s: %s", claim.id, error)
        return recognised

    @XBlock.handler
    @unreadable_state_page
    def download_credential(self, request: Request, suffix: str = "") -> Response:
        """A recognised claim's credential (``?claim=&format=jwt|ob3|ob2``), its learner only."""
        claim_id = str(request.GET.get("claim", ""))
        fmt = str(request.GET.get("format", "jwt"))
        if fmt not in CREDENTIAL_FORMATS:
            return self._plain(404, self.ugettext("There is no such download."))
        setup = credential_setup()
        if setup is None:
            return self._plain(404, self.credentials_not_set_up())
        match = next((r for c, r in self._recognised() if c.id == claim_id), None)
        if match is None:
            return self._plain(404, self.ugettext("This claim has no credential (yet)."))
        try:
            body, content_type, filename = credential_file(match, setup, fmt)
        except tc.TalentError as error:
            return self._plain(409, self.credential_refused(error))
        self.publish_event("credential_downloaded", claim_id=claim_id, format=fmt)
        return attachment(body, content_type, filename)

    def credentials_not_set_up(self) -> str:
        return self.ugettext(
            "Credentials are not set up on this platform yet: ask the course team. Your "
            "decision stands and is shown here."
        )

    def credential_refused(self, error: Exception) -> str:
        return self.ugettext("This credential cannot be made: {reason}").format(reason=str(error))

    @XBlock.handler
    @unreadable_state_page
    def experience_profile(self, request: Request, suffix: str = "") -> Response:
        """The learner's experience profile: every recognised competency with the reasoning
        per indicator, as a page to print or keep."""
        recognised = [r for _, r in self._recognised()]
        if not recognised:
            return self._plain(404, self.ugettext("No competency of yours is recognised yet."))
        html = rpl_credentials.experience_profile(recognised, self.language, credential_setup())
        self.publish_event("profile_downloaded", competencies=len(recognised))
        return Response(html, content_type="text/html", charset="utf-8")

    # -- personal data (GDPR) ---------------------------------------------------------------

    def personal_data(self, learner: str) -> dict[str, Any] | None:
        """Everything this block keeps about ``learner``: their portfolio and the decisions
        their page has shown (the files travel beside it in the zip), and what reviewers wrote
        about them in their own states. None when it cannot be read."""
        state = self.portfolio_of(learner)
        if state is None:
            return None
        seen = (
            self.seen_decisions
            if learner == self.username
            else compat.user_state_of(self, learner).get("seen_decisions", {})
        )
        return {
            "learner": learner,
            "block": str(self.scope_ids.usage_id),
            "exported_at": now().isoformat(),
            "portfolio": state.model_dump(mode="json"),
            "seen_decisions": seen or {},
            # what the roster's guides and assessors wrote about them (in their own states)
            "reviewers": self.reviewer_data_about(learner),
        }

    def _export_zip(self, learner: str) -> Response:
        data = self.personal_data(learner)
        state = self.portfolio_of(learner)
        if data is None or state is None:
            return self._plain(409, self.ugettext(self.unreadable_notice))
        files = [
            (f"files/{claim.id}/{item.id}-{item.file.original_name}", item.file)
            for claim in state.claims
            for item in claim.evidence
            if item.file is not None
        ]
        body = _rpl_files.export_zip(self, learner, data, files)
        return attachment(body, "application/zip", "prior-learning-portfolio.zip")

    @XBlock.handler
    def export_my_data(self, request: Request, suffix: str = "") -> Response:
        """The current learner's portfolio and files as a zip (``portfolio.json`` + files)."""
        self.publish_event("data_exported", learner=self.username)
        return self._export_zip(self.username)

    @XBlock.handler
    def export_person(self, request: Request, suffix: str = "") -> Response:
        """Staff: one person's portfolio and files as a zip (``?username=``), for a data
        subject's access request."""
        if not self.is_course_staff:
            return self._plain(403, self.ugettext("Only course staff can export a person's data."))
        learner = str(request.GET.get("username", "")).strip()
        if not learner:
            return self._plain(400, self.ugettext("Give the person's username."))
        self.publish_event("data_exported", learner=learner)
        return self._export_zip(learner)

    @json_payload_handler(NoPayload)
    def erase_my_portfolio(self, payload: NoPayload) -> dict[str, Any]:
        """The current learner's portfolio emptied and every file of theirs deleted."""
        names = _rpl_files.stored_names(self, self.username)
        try:
            state = self.state
            names += [
                item.file.storage_name
                for claim in state.claims
                for item in claim.evidence
                if item.file is not None
            ]
        except UnreadableState:
            pass  # the files still go; the unreadable state is emptied too
        self.portfolio = {}
        self.seen_decisions = {}
        self.save()
        _rpl_files.delete_files(self, self.username, dict.fromkeys(names))
        self.publish_event("data_erased", learner=self.username)
        return self._answer(rpl.PortfolioState())

    @json_payload_handler(PersonRequest)
    def erase_person_files(self, request: PersonRequest) -> dict[str, Any]:
        """Staff: delete every evidence file one person keeps in this block (an erasure
        request, or after the platform retired the user: their state rows go with the
        retirement, the files in the storage would not). Their claims stay in their own
        state until they or the retirement remove it; the files answer 404 from now on."""
        if not self.is_course_staff:
            raise Forbidden(self.ugettext("Only course staff can erase a person's files."))
        names = _rpl_files.stored_names(self, request.username)
        deleted = _rpl_files.delete_files(self, request.username, names)
        self.publish_event("files_erased", learner=request.username, files=deleted)
        message = self.ungettext(
            "{count} file of {username} deleted.", "{count} files of {username} deleted.", deleted
        )
        return {
            "deleted": deleted,
            "message": message.format(count=deleted, username=request.username),
        }
