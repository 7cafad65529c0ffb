"""Recognition of prior learning (RPL, Dutch EVC): the learner's evidence portfolio.

The learner picks the standard (a target role or the competencies the author allows), claims a
competency at a level, writes a STAR account (situation, task, action, result), adds evidence
(files, links, text), each dated and linked to the behaviour indicators of the claimed level,
may name a referee, and submits the claim, which locks it. Guides and assessors named by the
staff-uploaded reviewer roster work in their own state (``PortfolioReviewMixin``); the
learner's view reads their decisions through the ``user_state`` service and shows status,
decision, awarded level, the reasons per indicator and the feedback. "More evidence needed"
reopens the claim. A recognised claim offers the credential and the experience profile.

Where the data lives (docs/xblocks.md, "prior_learning_portfolio"): the learner's claims in
``portfolio`` (``Scope.user_state``, ``talent_core.rpl.PortfolioState``), evidence files in
Django's default storage (``_rpl_files``), the reviewer roster and imported decisions in
``Scope.user_state_summary``, what a reviewer writes in their own ``review_record``.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import secrets
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from pydantic import Field, StringConstraints
from web_fragments.fragment import Fragment
from webob import Request, Response
from xblock.completable import CompletableXBlockMixin
from xblock.core import XBlock
from xblock.fields import Dict, Integer, List, Scope, String
from xblock.utils.studio_editable import StudioEditableXBlockMixin
from xblock.validation import ValidationMessage

import talent_core as tc
from talent_core import Identifier, StrictModel, Username, rpl
from talent_core.reports import rpl_claim_rows, rpl_review_rows

from . import _rpl_credentials as rpl_credentials
from . import _rpl_files, compat, scenarios
from . import _rpl_learner_view as view
from ._assessment_setup import CUSTOM_ROLES, DEMO_ROLES, competency_options, load_roles
from ._rpl_credentials import (
    CREDENTIAL_FORMATS,
    credential_file,
    credential_setup,
    recognised_of,
)
from .competency_view import level_text
from .concurrency import serialized
from .framework_source import FrameworkSourceMixin, load_framework
from .i18n import N_
from .mixins import (
    Conflict,
    Forbidden,
    TalentBlockMixin,
    UnreadableState,
    attachment,
    json_error,
    json_payload_handler,
    json_response,
    unreadable_state_page,
    unreadable_state_view,
)
from .reports import ReportDataMixin

__all__ = ["PriorLearningPortfolioBlock", "claim_status"]

log = logging.getLogger(__name__)

MB = 1024 * 1024
#: What a multipart body may carry beyond the file itself (the form's other fields).
MULTIPART_SLACK = 64 * 1024

#: The policy numbers' defaults and the range an author may set them in.
POLICY_LIMITS: dict[str, tuple[int, int, int]] = {
    # field: (default, lowest, highest)
    "max_file_mb": (10, 1, 100),
    "max_learner_mb": (50, 1, 1000),
    "currency_years": (5, 1, 50),
    "min_evidence": (2, 1, 20),
}

ClaimId = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]
EvidenceId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,64}$")]
Title = Annotated[str, StringConstraints(max_length=300)]
Paragraph = Annotated[str, StringConstraints(max_length=4000)]
IndicatorIds = Annotated[list[Identifier], Field(max_length=100)]


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def new_evidence_id() -> str:
    """An evidence item's id: random, so a URL names no other item."""
    return secrets.token_hex(8)


def _used_bytes(state: rpl.PortfolioState) -> int:
    """The bytes of every file the learner keeps in this portfolio."""
    return sum(
        item.file.size for claim in state.claims for item in claim.evidence if item.file is not None
    )


class NoPayload(StrictModel):
    """Body of a request that sends nothing but asks (``{}``)."""


class PersonRequest(StrictModel):
    """Body of ``erase_person_files``: whose files."""

    username: Username


class NewClaimRequest(StrictModel):
    """Body of ``create_claim``: the standard (a role id, or null for the course's
    competencies), the competency and the level claimed."""

    standard: Identifier | None = None
    competency_id: Identifier
    level: Annotated[int, Field(ge=0, le=100)]


class ClaimRequest(StrictModel):
    """Body of ``submit_claim``, ``delete_claim`` and ``reopen_claim``."""

    claim_id: ClaimId


class EvidenceRequest(StrictModel):
    """Body of ``remove_evidence``."""

    claim_id: ClaimId
    evidence_id: EvidenceId


class EvidenceFields(StrictModel):
    """What the learner says about a piece of evidence."""

    title: Title
    description: Paragraph = ""
    date: dt.date
    indicator_ids: IndicatorIds = []


class EvidenceEdit(EvidenceFields):
    """An evidence item's fields as the draft's form shows them (links keep their url)."""

    id: EvidenceId
    url: Annotated[str, StringConstraints(max_length=2000)] | None = None


class AddEvidenceRequest(EvidenceFields):
    """Body of ``add_evidence``: a link or a text."""

    claim_id: ClaimId
    kind: Literal["link", "text"]
    url: Annotated[str, StringConstraints(max_length=2000)] | None = None


class UploadForm(EvidenceFields):
    """The fields of ``upload_evidence``'s multipart form beside the file."""

    claim_id: ClaimId


class SaveClaimRequest(StrictModel):
    """Body of ``save_claim``: the draft as its form shows it, and when the page loaded it."""

    claim_id: ClaimId
    updated: dt.datetime
    account: rpl.StarAccount
    referee: rpl.Referee | None = None
    evidence: Annotated[list[EvidenceEdit], Field(max_length=rpl.MAX_EVIDENCE)] = []


@dataclass(frozen=True, slots=True)
class LearnerReviews:
    """What the roster's reviewers wrote about one learner, and staff's imported decisions."""

    reviews: list[rpl.ClaimReview]
    comments: list[rpl.GuideComment]
    imported: list[rpl.ClaimDecision]


def claim_status(claim: rpl.PriorLearningClaim, found: LearnerReviews) -> rpl.LearnerClaimStatus:
    """The learner's view of ``claim`` (``talent_core.rpl.claim_status_for_learner``): the
    latest decision per assessor since it was last submitted, imported ones included; two
    assessors who disagree make it disputed, and neither decision silently wins."""
    return rpl.claim_status_for_learner(claim, found.reviews, found.imported)


def _policy_field(name: str, label: str, help_text: str) -> Integer:
    default, low, high = POLICY_LIMITS[name]
    return Integer(
        display_name=label,
        help=help_text,
        scope=Scope.settings,
        default=default,
        values={"min": low, "max": high, "step": 1},
    )


@XBlock.wants("user_state", "user")
class PriorLearningPortfolioBlock(
    TalentBlockMixin,
    FrameworkSourceMixin,
    ReportDataMixin,
    StudioEditableXBlockMixin,
    CompletableXBlockMixin,
    XBlock,
):
    """A learner's claims of prior learning with their evidence, and the decisions on them."""

    display_name = String(
        display_name=N_("Display name"),
        help=N_("The title learners see above their prior learning portfolio."),
        scope=Scope.settings,
        default=N_("Recognition of prior learning"),
    )
    roles_source = String(
        display_name=N_("Role profiles"),
        help=N_("Use the demo role profiles, or paste your own below."),
        scope=Scope.settings,
        default=DEMO_ROLES,
        values_provider=lambda block: block.roles_source_options(),
    )
    roles_json = String(
        display_name=N_("Role profiles JSON"),
        help=N_(
            "Your own role profiles as a JSON list (the format the talent command and the HR "
            "notebooks export). Used when the role profiles are set to your own."
        ),
        scope=Scope.settings,
        default="",
        multiline_editor=True,
        xml_node=True,
    )
    allowed_roles = List(
        display_name=N_("Target roles learners claim against"),
        help=N_(
            "Tick the roles whose competencies learners may claim; with none ticked, learners "
            "claim only the competencies allowed below."
        ),
        scope=Scope.settings,
        default=[],
        list_style="set",
        list_values_provider=lambda block: block.role_choices(),
    )
    allowed_competencies = List(
        display_name=N_("Competencies learners may claim"),
        help=N_(
            "Tick whole clusters (every competency in them) or single competencies. With "
            "nothing ticked here and no role ticked above, every competency may be claimed."
        ),
        scope=Scope.settings,
        default=[],
        list_style="set",
        list_values_provider=lambda block: block.competency_choices(),
    )
    max_file_mb = _policy_field(
        "max_file_mb",
        N_("Largest evidence file (MB)"),
        N_("The largest file a learner may attach as evidence, in megabytes (1 to 100)."),
    )
    max_learner_mb = _policy_field(
        "max_learner_mb",
        N_("Evidence files per learner (MB)"),
        N_("How many megabytes of files one learner may keep in this portfolio (1 to 1000)."),
    )
    currency_years = _policy_field(
        "currency_years",
        N_("Evidence stays current (years)"),
        N_("Evidence older than this many years counts as not current by default (1 to 50)."),
    )
    min_evidence = _policy_field(
        "min_evidence",
        N_("Fewest pieces of evidence"),
        N_("How many pieces of evidence a claim needs by default (1 to 20)."),
    )

    portfolio = Dict(
        help=N_("This learner's claims of prior learning, their evidence and history."),
        scope=Scope.user_state,
        default={},
    )
    seen_decisions = Dict(
        help=N_(
            "The decisions this learner's page has shown, per claim: what the development "
            "dialogue's assessor column reads."
        ),
        scope=Scope.user_state,
        default={},
    )
    review_record = Dict(
        help=N_("What this user recorded as a guide or assessor of others' claims."),
        scope=Scope.user_state,
        default={},
    )
    reviewer_roster = Dict(
        help=N_("The course's guides and assessors (username, role, learners), uploaded by staff."),
        scope=Scope.user_state_summary,
        default={},
    )
    imported_decisions = Dict(
        help=N_("Decisions staff imported from the review notebook, keyed by decision id."),
        scope=Scope.user_state_summary,
        default={},
    )

    unreadable_notice = N_(
        "Your saved portfolio could not be read. Please let the course team know; nothing has "
        "been changed."
    )

    editable_fields = (
        "display_name",
        "framework_source",
        "framework_json",
        "roles_source",
        "roles_json",
        "allowed_roles",
        "allowed_competencies",
        "max_file_mb",
        "max_learner_mb",
        "currency_years",
        "min_evidence",
    )

    # -- Studio choices ---------------------------------------------------------------------

    def roles_source_options(self) -> list[dict[str, str]]:
        return [
            {
                "display_name": self.ugettext(N_("Demo role profiles (shipped)")),
                "value": DEMO_ROLES,
            },
            {
                "display_name": self.ugettext(N_("Your own role profiles (JSON below)")),
                "value": CUSTOM_ROLES,
            },
        ]

    def role_choices(self) -> list[dict[str, str]]:
        try:
            roles = load_roles(self.roles_source, self.roles_json)
        except tc.ValidationError:
            return []
        return [{"display_name": self.localized(role.name), "value": role.id} for role in roles]

    def competency_choices(self) -> list[dict[str, str]]:
        try:
            return competency_options(self.framework, self.localized)
        except tc.ValidationError:
            return []

    # -- reading ----------------------------------------------------------------------------

    @property
    def policy(self) -> rpl.RplPolicy:
        """The author's policy numbers; the defaults while they are out of range."""
        try:
            return rpl.RplPolicy(
                currency_years=self.currency_years,
                min_evidence=self.min_evidence,
                max_file_mb=self.max_file_mb,
                max_learner_mb=self.max_learner_mb,
            )
        except (tc.ValidationError, ValueError):
            return rpl.RplPolicy()

    @property
    def state(self) -> rpl.PortfolioState:
        """This learner's claims; :class:`UnreadableState` when this version cannot read them."""
        if not self.portfolio:
            return rpl.PortfolioState()
        try:
            return tc.load(rpl.PortfolioState, self.portfolio)
        except tc.ValidationError as error:
            raise UnreadableState(error.problems) from error

    def _store(self, state: rpl.PortfolioState) -> None:
        self.portfolio = state.model_dump(mode="json")

    def roles(self) -> list[tc.RoleProfile]:
        """The role profiles learners claim against (none when none is ticked)."""
        if not self.allowed_roles:
            return []
        by_id = {role.id: role for role in load_roles(self.roles_source, self.roles_json)}
        return [by_id[role_id] for role_id in self.allowed_roles if role_id in by_id]

    def _offers_competencies(self) -> bool:
        return bool(self.allowed_competencies) or not self.allowed_roles

    def _claimable(self, standard: str | None) -> dict[str, int]:
        """Competency id -> level the standard asks for (0: any level) of ``standard``;
        empty when the standard is not offered."""
        framework = self.framework
        if standard is None:
            if not self._offers_competencies():
                return {}
            return dict.fromkeys(
                view.allowed_competency_ids(framework, self.allowed_competencies), 0
            )
        role = next((r for r in self.roles() if r.id == standard), None)
        if role is None:
            return {}
        return {
            req.competency_id: req.level
            for req in role.requirements
            if framework.has_node(req.competency_id)
        }

    def review_roster_now(self) -> rpl.ReviewerRoster:
        """The reviewer roster as stored; an unreadable one counts as none."""
        try:
            return rpl.load_reviewer_roster(self.reviewer_roster)
        except tc.ValidationError as error:
            log.warning("prior_learning_portfolio %s: roster: %s", self.scope_ids.usage_id, error)
            return rpl.ReviewerRoster()

    def _reviewer_state(self, username: str) -> rpl.ReviewerState | None:
        raw = compat.user_state_of(self, username).get("review_record")
        if not raw:
            return None
        try:
            return tc.load(rpl.ReviewerState, raw)
        except tc.ValidationError as error:
            log.warning("prior_learning_portfolio: review record of %s: %s", username, error)
            return None

    def _imported(self) -> list[rpl.ClaimDecision]:
        found: list[rpl.ClaimDecision] = []
        for key, value in (self.imported_decisions or {}).items():
            try:
                found.append(tc.load(rpl.ClaimDecision, value))
            except tc.ValidationError as error:
                log.warning("prior_learning_portfolio: imported decision %s: %s", key, error)
        return found

    def reviews_about(self, learner: str) -> LearnerReviews:
        """What the roster's guides and assessors of ``learner`` wrote about their claims,
        read from each reviewer's own state (the ``user_state`` service)."""
        roster = self.review_roster_now()
        reviews: list[rpl.ClaimReview] = []
        comments: list[rpl.GuideComment] = []
        for assessor in roster.assessors_of(learner):
            state = self._reviewer_state(assessor)
            if state is not None:
                reviews += [r for r in state.reviews if r.learner == learner]
        for guide in roster.guides_of(learner):
            state = self._reviewer_state(guide)
            if state is not None:
                comments += [c for c in state.comments if c.learner == learner]
        imported = [d for d in self._imported() if d.learner == learner]
        return LearnerReviews(reviews, sorted(comments, key=lambda c: c.at), imported)

    # -- views ------------------------------------------------------------------------------

    def _claim_views(
        self, state: rpl.PortfolioState, framework: tc.CompetencyFramework
    ) -> list[view.ClaimView]:
        found = self.reviews_about(self.username)
        role_names = {
            role.id: self.localized(role.name)
            for role in load_roles(self.roles_source, self.roles_json)
        }
        credentials = credential_setup() is not None
        views = []
        for claim in reversed(state.claims):
            status = claim_status(claim, found)
            shown = claim.model_copy(update={"state": status.state})
            urls = self._credential_urls(claim.id) if credentials else {}
            views.append(
                view.claim_view(
                    shown,
                    uid=self.dom_id,
                    framework=framework,
                    role_names=role_names,
                    decisions=status.decisions,
                    disputed=status.disputed,
                    comments=[c for c in found.comments if c.claim_id == claim.id],
                    file_url=functools.partial(self._file_url, self.username, claim.id),
                    credential_urls=urls,
                    language=self.language,
                    gettext=self.ugettext,
                )
            )
        return views

    def _file_url(self, learner: str, claim_id: str, evidence_id: str) -> str:
        query = urlencode({"learner": learner, "claim": claim_id, "evidence": evidence_id})
        return str(self.runtime.handler_url(self, "evidence_file", query=query))

    def _credential_urls(self, claim_id: str) -> dict[str, str]:
        return {
            fmt: str(
                self.runtime.handler_url(
                    self, "download_credential", query=urlencode({"claim": claim_id, "format": fmt})
                )
            )
            for fmt in CREDENTIAL_FORMATS
        }

    def _claims_html(self, state: rpl.PortfolioState) -> str:
        framework = self.framework
        return self.render_template(
            "prior_learning_portfolio_claims.html",
            {
                "uid": self.dom_id,
                "claims": self._claim_views(state, framework),
                "used": self._used_text(state),
                "latest_date": tc.plausible_dates(happened=True).latest.isoformat(),
                "earliest_date": tc.EARLIEST_DATE.isoformat(),
                "file_help": self.ugettext(
                    "PDF, images (PNG, JPEG, GIF, WebP), office documents or plain text; at most "
                    "{limit} MB."
                ).format(limit=self.policy.max_file_mb),
                "accept": ",".join(
                    sorted({ext for exts in rpl.EVIDENCE_TYPES.values() for ext in exts})
                ),
                "credentials_ready": credential_setup() is not None,
                "profile_url": self.runtime.handler_url(self, "experience_profile"),
            },
        )

    def _used_text(self, state: rpl.PortfolioState) -> str:
        used = _used_bytes(state)
        return self.ugettext("Your files use {used} of {limit} MB.").format(
            used=f"{used / (1024 * 1024):.1f}", limit=self.policy.max_learner_mb
        )

    @unreadable_state_view
    def student_view(self, context: Mapping[str, Any] | None = None) -> Fragment:
        try:
            framework = self.framework
            self.roles()
        except tc.ValidationError:
            return self.not_configured(
                lambda: self.framework_problems() + self.roles_problems(self)
            )
        state = self.state
        standards = view.standard_options(
            framework,
            self.roles(),
            self.allowed_competencies,
            self._offers_competencies(),
            self.language,
            self.ugettext,
        )
        levels = {
            option.id: [
                [level.value, level_text(framework, option.id, level.value, self.language)]
                for level in framework.scale_for(option.id).levels
            ]
            for standard in standards
            for option in standard.competencies
        }
        first = next((o for st in standards for o in st.competencies), None)
        html = self.render_template(
            "prior_learning_portfolio.html",
            {
                "title": self.title,
                "uid": self.dom_id,
                "standards": standards,
                "first_levels": levels.get(first.id, []) if first is not None else [],
                "claims_html": self._claims_html(state),
                "is_staff": self.is_course_staff,
                "urls": {
                    name: self.runtime.handler_url(self, name)
                    for name in ("download_data", "export_my_data", "export_person")
                },
                "review_html": self._review_html(),
            },
        )
        return self.make_fragment(
            html,
            css=["talent.css", "prior_learning_portfolio.css"],
            js=["talent.js", *self._review_js(), "prior_learning_portfolio.js"],
            init="PriorLearningPortfolioBlock",
            init_args={
                "sync": self._unseen(state),
                "messages": self._js_messages(),
                "levels": levels,
                "review": self._review_init_args(),
            },
        )

    # The reviewer side (PortfolioReviewMixin) adds its part of the page through these.
    def _review_html(self) -> str:
        return ""

    def _review_js(self) -> list[str]:
        return []

    def _review_init_args(self) -> dict[str, Any]:
        return {}

    def _js_messages(self) -> dict[str, str]:
        _ = self.ugettext
        return {
            "created": _("Your claim is started as a draft. Add your account and evidence below."),
            "saved": _("Your claim is saved."),
            "added": _("The evidence is added to your claim."),
            "removed": _("The evidence is removed, and its file deleted."),
            "deleted": _("The draft claim is deleted."),
            "submitted": _("Your claim is submitted. It is locked while it is assessed."),
            "reopened": _("Your claim is open again: add the evidence the assessor asked for."),
            "rejected": _("Not saved. Please check:"),
            "failed": _("Something went wrong. Please try again."),
            "uploading": _("Uploading the file…"),
            "confirmDelete": _("Delete this draft claim and its files?"),
            "confirmRemove": _("Remove this evidence? Its file is deleted."),
            "confirmSubmit": _("Submit this claim? You cannot change it while it is assessed."),
            "erased": _("Your portfolio and its files are erased."),
            "confirmErase": _("Erase your whole portfolio and its files? This cannot be undone."),
            "confirmErasePerson": _(
                "Delete every evidence file of this person in this activity? This cannot be undone."
            ),
        }

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
                used_bytes=_used_bytes(state),
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

    # -- files ------------------------------------------------------------------------------

    def may_read_files_of(self, learner: str) -> bool:
        """The owner, the roster's guides and assessors of ``learner``, and course staff."""
        if learner == self.username or self.is_course_staff:
            return True
        roster = self.review_roster_now()
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
        """Everything this block keeps about ``learner``: their portfolio and the list of their
        files (the files themselves travel in the zip). None when it cannot be read."""
        state = self.portfolio_of(learner)
        if state is None:
            return None
        return {
            "learner": learner,
            "block": str(self.scope_ids.usage_id),
            "exported_at": now().isoformat(),
            "portfolio": state.model_dump(mode="json"),
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

    # -- Studio -----------------------------------------------------------------------------

    def roles_problems(self, data: Any) -> list[str]:
        """What is wrong with the role settings of ``data`` (translated)."""
        try:
            roles = load_roles(data.roles_source, data.roles_json)
        except tc.ValidationError as error:
            return [
                self.ugettext("The role profiles are not valid: {problems}").format(
                    problems="; ".join(p.describe(self.language) for p in error.problems[:5])
                )
            ]
        known = {role.id for role in roles}
        unknown = [role_id for role_id in data.allowed_roles if role_id not in known]
        if unknown:
            return [
                self.ugettext("These roles are not in the role profiles: {roles}").format(
                    roles=", ".join(unknown)
                )
            ]
        return []

    def validate_field_data(self, validation: Any, data: Any) -> None:
        """Errors for a broken framework or roles, unknown competencies, bad policy numbers."""

        def error(message: str) -> None:
            validation.add(ValidationMessage(ValidationMessage.ERROR, message))

        for message in self.framework_problems(data) + self.roles_problems(data):
            error(message)
        for name, (_default, low, high) in POLICY_LIMITS.items():
            value = getattr(data, name)
            if not isinstance(value, int) or not low <= value <= high:
                label = self.ugettext(self.fields[name].display_name)
                error(
                    self.ugettext("{setting}: give a whole number from {low} to {high}.").format(
                        setting=label, low=low, high=high
                    )
                )
        if validation.messages:
            return
        if data.max_file_mb > data.max_learner_mb:
            error(
                self.ugettext(
                    "One file may not be larger than all of a learner's files together: "
                    "lower the largest file or raise the limit per learner."
                )
            )
        framework = load_framework(data.framework_source, data.framework_json)
        unknown = [
            node_id
            for node_id in data.allowed_competencies
            if not framework.has_node(node_id)
            or framework.node(node_id).type not in (tc.NodeType.COMPETENCY, tc.NodeType.CLUSTER)
        ]
        if unknown:
            error(
                self.ugettext(
                    "These are no competencies or clusters of the framework: {ids}"
                ).format(ids=", ".join(unknown))
            )

    # -- data for HR ------------------------------------------------------------------------

    def generate_report_data(
        self, user_state_iterator: Iterable[Any], limit_responses: int | None = None
    ) -> Iterator[tuple[str, dict[str, Any]]]:
        """``(username, row)``: one row per claim (learners) and per reviewed claim (guides and
        assessors), as :meth:`claim_rows` builds them."""
        count = 0
        for user_state in user_state_iterator:
            for row in self.claim_rows(user_state.username, user_state.state):
                if limit_responses is not None and count >= limit_responses:
                    return
                count += 1
                yield user_state.username, OrderedDict(row)

    def claim_rows(self, username: str, state: Mapping[str, Any]) -> list[dict[str, Any]]:
        """One row per claim of a learner and per claim a guide or assessor worked on
        (``talent_core.reports.rpl_claim_rows`` / ``rpl_review_rows``); a ``problem`` row for
        a state this version cannot read."""
        rows: list[dict[str, Any]] = []
        for field in ("portfolio", "review_record"):
            raw = state.get(field)
            if not raw:
                continue
            try:
                if field == "portfolio":
                    rows += rpl_claim_rows(tc.load(rpl.PortfolioState, raw))
                else:
                    rows += rpl_review_rows(tc.load(rpl.ReviewerState, raw))
            except tc.ValidationError as error:
                log.warning("prior_learning_portfolio: unreadable %s: %s", field, error)
                rows.append({"record": field, "problem": str(error)})
        return rows

    def report_row(self, state: Mapping[str, Any]) -> dict[str, Any] | None:
        rows = self.claim_rows("", state)
        return rows[0] if rows else None

    @staticmethod
    def workbench_scenarios() -> list[tuple[str, str]]:
        return scenarios.for_block("prior_learning_portfolio")
