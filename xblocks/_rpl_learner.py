"""The learner's handlers of the prior learning portfolio: start a claim, save its account and
evidence, add links, texts and files, remove evidence, delete a draft, submit, reopen after
"more evidence needed", and keep the decisions the page shows.

A mixin of :class:`xblocks.prior_learning_portfolio.PriorLearningPortfolioBlock`, listed after
``TalentBlockMixin``. Every JSON handler runs in ``concurrency.exclusive`` (through
``json_payload_handler``); the multipart upload uses ``concurrency.serialized``. Rules are
``talent_core.rpl``'s; a refused request changes nothing and leaves no stored file behind.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from webob import Request, Response
from xblock.core import XBlock, XBlockMixin

import talent_core as tc
from talent_core import rpl

from . import _rpl_files
from ._rpl_learner_view import LearnerReviews, claim_status
from ._rpl_payloads import (
    AddEvidenceRequest,
    ClaimRequest,
    EvidenceRequest,
    NewClaimRequest,
    NoPayload,
    SaveClaimRequest,
    UploadForm,
    new_evidence_id,
    now,
    used_bytes,
)
from .concurrency import serialized
from .mixins import (
    Conflict,
    UnreadableState,
    json_error,
    json_payload_handler,
    json_response,
)

__all__ = ["MB", "MULTIPART_SLACK", "PortfolioLearnerMixin"]

log = logging.getLogger(__name__)

MB = 1024 * 1024
#: What a multipart body may carry beyond the file itself (the form's other fields).
MULTIPART_SLACK = 64 * 1024


class PortfolioLearnerMixin(XBlockMixin):
    """The learner's own claims: every handler writes only the current user's state."""

    if TYPE_CHECKING:
        seen_decisions: dict[str, Any]
        unreadable_notice: str

        @property
        def username(self) -> str: ...

        @property
        def language(self) -> str: ...

        @property
        def framework(self) -> tc.CompetencyFramework: ...

        @property
        def state(self) -> rpl.PortfolioState: ...

        @property
        def policy(self) -> rpl.RplPolicy: ...

        def _store(self, state: rpl.PortfolioState) -> None: ...

        def _claimable(self, standard: str | None) -> dict[str, int]: ...

        def _claims_html(self, state: rpl.PortfolioState) -> str: ...

        def reviews_about(self, learner: str) -> LearnerReviews: ...

        def ugettext(self, text: str) -> str: ...

        def ungettext(self, singular: str, plural: str, count: int) -> str: ...

        def publish_event(self, action: str, **data: Any) -> None: ...

        def emit_completion(self, completion_percent: float) -> None: ...

    # -- decisions the learner has seen -----------------------------------------------------

    def _current_decisions(self, state: rpl.PortfolioState) -> dict[str, list[dict[str, Any]]]:
        """Claim id -> the current decisions (latest per assessor) as the learner sees them."""
        found = self.reviews_about(self.username)
        current: dict[str, list[dict[str, Any]]] = {}
        for claim in state.claims:
            status = claim_status(claim, found)
            if status.decisions:
                current[claim.id] = [d.model_dump(mode="json") for d in status.decisions]
        return current

    def _unseen(self, state: rpl.PortfolioState) -> bool:
        """Whether the page shows decisions the learner's own state does not hold yet."""
        return self._current_decisions(state) != (self.seen_decisions or {})

    @json_payload_handler(NoPayload)
    def apply_decisions(self, payload: NoPayload) -> dict[str, Any]:
        """Keep the decisions the page shows in the learner's own state: each decided claim
        moves to ``decided`` (the step recorded as the assessor's, ``talent_core.rpl.
        apply_decision``) and the decisions are kept for the development dialogue. The page
        calls it when it shows a decision the state does not hold yet."""
        state = self.state
        current = self._current_decisions(state)
        for claim in state.claims:
            decisions = [tc.load(rpl.ClaimDecision, d) for d in current.get(claim.id, [])]
            if decisions and claim.state is not rpl.ClaimState.DRAFT:
                latest = max(decisions, key=lambda d: d.decided_at)
                state = state.with_claim(rpl.apply_decision(claim, latest))
        if current != (self.seen_decisions or {}):
            self.seen_decisions = current
        self._store(state)
        return {"applied": len(current)}

    # -- learner handlers -------------------------------------------------------------------

    def _answer(self, state: rpl.PortfolioState, **extra: Any) -> dict[str, Any]:
        return {"claims_html": self._claims_html(state), **extra}

    def _own_claim(self, state: rpl.PortfolioState, claim_id: str) -> rpl.PriorLearningClaim:
        claim = state.claim(claim_id)
        if claim is None:
            raise tc.ValidationError(
                [tc.Problem("claim_id", self.ugettext("This claim is not in your portfolio."))]
            )
        return claim

    def _draft(self, state: rpl.PortfolioState, claim_id: str) -> rpl.PriorLearningClaim:
        claim = self._own_claim(state, claim_id)
        if claim.state is not rpl.ClaimState.DRAFT:
            raise Conflict(
                self.ugettext(
                    "This claim is submitted and locked while it is assessed; reload the page "
                    "to see where it stands."
                )
            )
        return claim

    def _audit(
        self,
        state: rpl.PortfolioState,
        action: str,
        claim: rpl.PriorLearningClaim,
        detail: str = "",
    ) -> rpl.PortfolioState:
        entry = rpl.AuditEntry(
            at=now(),
            by=self.username,
            action=action,
            claim_id=claim.id,
            learner=self.username,
            detail=detail,
        )
        return state.with_audit(entry)

    def _check_indicators(
        self, claim: rpl.PriorLearningClaim, indicator_ids: Iterable[str], field: str
    ) -> None:
        known = {n.id for n in self.framework.indicators(claim.competency_id, claim.level)}
        unknown = [i for i in indicator_ids if i not in known]
        if unknown:
            message = self.ugettext(
                "Link evidence only to behaviour indicators of the level you claim."
            )
            raise tc.ValidationError([tc.Problem(field, message)])

    @json_payload_handler(NewClaimRequest)
    def create_claim(self, request: NewClaimRequest) -> dict[str, Any]:
        """Start a draft claim of a competency at a level against a standard."""
        _ = self.ugettext
        claimable = self._claimable(request.standard)
        if request.competency_id not in claimable:
            message = _("Choose a competency of the standard you claim against.")
            raise tc.ValidationError([tc.Problem("competency_id", message)])
        scale = self.framework.scale_for(request.competency_id)
        if not scale.contains(request.level):
            message = _("Choose one of the levels of this competency.")
            raise tc.ValidationError([tc.Problem("level", message)])
        state = self.state
        if any(
            c.competency_id == request.competency_id and c.state is not rpl.ClaimState.DECIDED
            for c in state.claims
        ):
            message = _("You already have an open claim of this competency: continue that one.")
            raise tc.ValidationError([tc.Problem("competency_id", message)])
        if len(state.claims) >= rpl.MAX_CLAIMS:
            message = _("Your portfolio holds as many claims as it can.")
            raise tc.ValidationError([tc.Problem("claims", message)])
        at = now()
        claim = rpl.PriorLearningClaim(
            id=rpl.new_claim_id(),
            competency_id=request.competency_id,
            level=request.level,
            standard=request.standard,
            history=[rpl.StateChange(state=rpl.ClaimState.DRAFT, by=self.username, at=at)],
            created=at,
            updated=at,
        )
        state = self._audit(state.with_claim(claim), "claim_created", claim)
        self._store(state)
        self.publish_event(
            "claim_created", claim_id=claim.id, competency_id=claim.competency_id, level=claim.level
        )
        return self._answer(state, claim_id=claim.id)

    @json_payload_handler(SaveClaimRequest)
    def save_claim(self, request: SaveClaimRequest) -> dict[str, Any]:
        """Save a draft's account, referee and its evidence's titles, dates and indicators."""
        state = self.state
        claim = self._draft(state, request.claim_id)
        if claim.updated != request.updated:
            raise Conflict(
                self.ugettext(
                    "This claim was changed in another tab or window since this page loaded. "
                    "Reload to see it; your changes here were not saved."
                )
            )
        edits = {edit.id: edit for edit in request.evidence}
        evidence = []
        for index, item in enumerate(claim.evidence):
            edit = edits.get(item.id)
            if edit is None:
                evidence.append(item)
                continue
            self._check_indicators(claim, edit.indicator_ids, f"evidence[{index}].indicator_ids")
            evidence.append(
                tc.load(
                    rpl.EvidenceItem,
                    {
                        **item.model_dump(mode="json"),
                        **edit.model_dump(mode="json", exclude={"id"}),
                    },
                    where=f"evidence[{index}]",
                )
            )
        at = now()
        saved = claim.model_copy(
            update={
                "account": request.account,
                "referee": request.referee,
                "evidence": evidence,
                "updated": at,
            }
        )
        state = state.with_claim(saved)
        self._store(state)
        self.publish_event("claim_saved", claim_id=claim.id, evidence=len(evidence))
        return self._answer(state)

    def _add_item(
        self, state: rpl.PortfolioState, claim: rpl.PriorLearningClaim, item: rpl.EvidenceItem
    ) -> rpl.PortfolioState:
        if len(claim.evidence) >= rpl.MAX_EVIDENCE:
            message = self.ugettext("This claim holds as much evidence as it can.")
            raise tc.ValidationError([tc.Problem("evidence", message)])
        saved = claim.model_copy(update={"evidence": [*claim.evidence, item], "updated": now()})
        return self._audit(state.with_claim(saved), "evidence_added", claim, item.kind)

    @json_payload_handler(AddEvidenceRequest)
    def add_evidence(self, request: AddEvidenceRequest) -> dict[str, Any]:
        """Add a link or a text as evidence to a draft."""
        state = self.state
        claim = self._draft(state, request.claim_id)
        self._check_indicators(claim, request.indicator_ids, "indicator_ids")
        item = tc.load(
            rpl.EvidenceItem,
            {
                "id": new_evidence_id(),
                **request.model_dump(mode="json", exclude={"claim_id"}),
            },
        )
        state = self._add_item(state, claim, item)
        self._store(state)
        self.publish_event("evidence_added", claim_id=claim.id, kind=item.kind)
        return self._answer(state)

    @XBlock.handler
    @serialized
    def upload_evidence(self, request: Request, suffix: str = "") -> Response:
        """Add a file as evidence to a draft (multipart: ``file`` and the evidence's fields).

        The file is checked (size, type by content) and stored before the claim is saved; if
        the claim cannot be saved, the stored file is deleted again."""
        _ = self.ugettext
        if request.method != "POST":
            response = json_error(405, _("Send this request as POST."))
            response.allow = ("POST",)
            return response
        limit = self.policy.max_file_mb * MB
        if (request.content_length or 0) > limit + MULTIPART_SLACK:
            return self._file_refused(self._too_large())
        try:
            upload = request.POST.get("file")
        except Exception:  # a body that is no multipart form (webob raises several kinds)
            upload = None
        if upload is None or not hasattr(upload, "file"):
            return self._file_refused(_("Choose a file to upload."))
        fields = {
            "claim_id": request.POST.get("claim_id", ""),
            "title": request.POST.get("title", ""),
            "description": request.POST.get("description", ""),
            "date": request.POST.get("date", ""),
            "indicator_ids": request.POST.getall("indicator_ids"),
        }
        stored: rpl.EvidenceFile | None = None
        try:
            hidden = tc.control_character_fields(fields)
            if hidden:
                message = _("Remove the invisible control characters (such as NUL or ESC).")
                raise tc.ValidationError([tc.Problem(field, message) for field in hidden])
            form = tc.load(UploadForm, fields)
            state = self.state
            claim = self._draft(state, form.claim_id)
            self._check_indicators(claim, form.indicator_ids, "indicator_ids")
            stored = _rpl_files.store_file(
                self,
                self.username,
                str(getattr(upload, "filename", "") or ""),
                upload.file,
                max_bytes=limit,
                used_bytes=used_bytes(state),
                max_learner_bytes=self.policy.max_learner_mb * MB,
            )
            item = tc.load(
                rpl.EvidenceItem,
                {
                    "id": new_evidence_id(),
                    "kind": "file",
                    **form.model_dump(mode="json", exclude={"claim_id"}),
                    "file": stored.model_dump(mode="json"),
                },
            )
            state = self._add_item(state, claim, item)
            self._store(state)
        except _rpl_files.FileTooLarge:
            return self._file_refused(self._too_large())
        except _rpl_files.LearnerQuotaFull:
            return self._file_refused(
                _(
                    "This file does not fit: your files in this portfolio may take {limit} MB "
                    "in all. Remove a file you no longer need first."
                ).format(limit=self.policy.max_learner_mb)
            )
        except Conflict as error:
            self._forget(stored)
            return json_error(409, str(error))
        except UnreadableState:
            self._forget(stored)
            return json_error(409, self.ugettext(self.unreadable_notice))
        except tc.ValidationError as error:
            self._forget(stored)
            return json_error(400, _("The file was not added."), error.problems, self.language)
        except Exception:
            self._forget(stored)
            raise
        self.publish_event(
            "evidence_added", claim_id=form.claim_id, kind="file", content_type=stored.content_type
        )
        return json_response(self._answer(state))

    def _forget(self, stored: rpl.EvidenceFile | None) -> None:
        if stored is not None:
            _rpl_files.delete_files(self, self.username, [stored.storage_name])

    def _too_large(self) -> str:
        return self.ugettext("The file is larger than {limit} MB.").format(
            limit=self.policy.max_file_mb
        )

    def _file_refused(self, message: str) -> Response:
        return json_error(
            400, self.ugettext("The file was not added."), [tc.Problem("file", message)]
        )

    @json_payload_handler(EvidenceRequest)
    def remove_evidence(self, request: EvidenceRequest) -> dict[str, Any]:
        """Remove a piece of evidence from a draft; its file is deleted from the storage."""
        state = self.state
        claim = self._draft(state, request.claim_id)
        item = claim.evidence_item(request.evidence_id)
        if item is None:
            message = self.ugettext("This evidence is not in the claim any more.")
            raise tc.ValidationError([tc.Problem("evidence_id", message)])
        saved = claim.model_copy(
            update={"evidence": [e for e in claim.evidence if e.id != item.id], "updated": now()}
        )
        state = self._audit(state.with_claim(saved), "evidence_removed", claim, item.kind)
        self._store(state)
        if item.file is not None:
            _rpl_files.delete_files(self, self.username, [item.file.storage_name])
        self.publish_event("evidence_removed", claim_id=claim.id, kind=item.kind)
        return self._answer(state)

    @json_payload_handler(ClaimRequest)
    def delete_claim(self, request: ClaimRequest) -> dict[str, Any]:
        """Delete a draft that was never submitted, with its files."""
        state = self.state
        claim = self._draft(state, request.claim_id)
        if claim.submitted_at is not None:
            message = self.ugettext(
                "A claim that was assessed stays in your portfolio; add evidence and submit it "
                "again instead."
            )
            raise tc.ValidationError([tc.Problem("claim_id", message)])
        names = [item.file.storage_name for item in claim.evidence if item.file is not None]
        state = state.model_copy(update={"claims": [c for c in state.claims if c.id != claim.id]})
        state = self._audit(state, "claim_deleted", claim)
        self._store(state)
        _rpl_files.delete_files(self, self.username, names)
        self.publish_event("claim_deleted", claim_id=claim.id)
        return self._answer(state)

    @json_payload_handler(ClaimRequest)
    def submit_claim(self, request: ClaimRequest) -> dict[str, Any]:
        """Submit a complete draft: it is locked while guides and assessors look at it."""
        state = self.state
        claim = self._draft(state, request.claim_id)
        problems = rpl.claim_problems(claim, self.framework)
        if len(claim.evidence) < self.policy.min_evidence:
            message = self.ungettext(
                "Add at least {count} piece of evidence.",
                "Add at least {count} pieces of evidence.",
                self.policy.min_evidence,
            ).format(count=self.policy.min_evidence)
            problems = [p for p in problems if p.field != "evidence"]
            problems.append(tc.Problem("evidence", message))
        if problems:
            raise tc.ValidationError(problems)
        submitted = rpl.submit(claim, self.username, now(), self.framework)
        state = self._audit(state.with_claim(submitted), "claim_submitted", claim)
        self._store(state)
        self.publish_event(
            "claim_submitted",
            claim_id=claim.id,
            competency_id=claim.competency_id,
            level=claim.level,
            evidence=len(claim.evidence),
        )
        self.emit_completion(1.0)
        return self._answer(state)

    @json_payload_handler(ClaimRequest)
    def reopen_claim(self, request: ClaimRequest) -> dict[str, Any]:
        """Open a claim again after an assessor asked for more evidence (with their feedback)."""
        state = self.state
        claim = self._own_claim(state, request.claim_id)
        status = claim_status(claim, self.reviews_about(self.username))
        latest = max(status.decisions, key=lambda d: d.decided_at, default=None)
        if (
            latest is None
            or status.disputed
            or latest.outcome is not rpl.DecisionOutcome.MORE_EVIDENCE_NEEDED
        ):
            raise Conflict(
                self.ugettext(
                    "Only a claim an assessor asked more evidence for can be opened again; "
                    "reload the page to see where it stands."
                )
            )
        reopened = rpl.reopen(claim, latest, self.username, now())
        state = self._audit(state.with_claim(reopened), "claim_reopened", claim)
        self._store(state)
        self.publish_event("claim_reopened", claim_id=claim.id)
        return self._answer(state)
