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

import functools
import logging
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping
from typing import Annotated, Any
from urllib.parse import urlencode

from pydantic import Field, StringConstraints
from web_fragments.fragment import Fragment
from xblock.completable import CompletableXBlockMixin
from xblock.core import XBlock
from xblock.fields import Dict, Integer, List, Scope, String
from xblock.utils.studio_editable import StudioEditableXBlockMixin
from xblock.validation import ValidationMessage

import talent_core as tc
from talent_core import Identifier, rpl
from talent_core.i18n import format_number
from talent_core.reports import rpl_claim_rows, rpl_review_rows

from . import _rpl_learner_view as view
from . import scenarios
from ._assessment_setup import CUSTOM_ROLES, DEMO_ROLES, competency_options, load_roles
from ._rpl_credentials import CREDENTIAL_FORMATS, credential_setup
from ._rpl_learner import PortfolioLearnerMixin
from ._rpl_learner_pages import PortfolioPagesMixin
from ._rpl_learner_view import LearnerReviews, claim_status
from ._rpl_payloads import (
    used_bytes,
)
from ._rpl_review import PortfolioReviewMixin
from .competency_view import level_text
from .framework_source import FrameworkSourceMixin, load_framework
from .i18n import N_
from .mixins import (
    TalentBlockMixin,
    UnreadableState,
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
    PortfolioLearnerMixin,
    PortfolioPagesMixin,
    PortfolioReviewMixin,
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

    def reviews_about(self, learner: str) -> LearnerReviews:
        """What the roster's guides and assessors of ``learner`` wrote about their claims,
        read from each reviewer's own state (the ``user_state`` service), and the decisions
        staff imported for them."""
        return LearnerReviews(
            self.reviews_of_learner(learner),
            self.comments_of_learner(learner),
            [d for d in self.imported_decision_list() if d.learner == learner],
        )

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
        used = used_bytes(state)
        return self.ugettext("Your files use {used} of {limit} MB.").format(
            used=format_number(used / (1024 * 1024), self.language, 1),
            limit=self.policy.max_learner_mb,
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
        return self.review_part()

    def _review_js(self) -> list[str]:
        return ["prior_learning_review.js"]

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
