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

import logging
from collections.abc import Mapping
from typing import Any

from web_fragments.fragment import Fragment
from xblock.completable import CompletableXBlockMixin
from xblock.core import XBlock
from xblock.fields import Dict, Integer, List, Scope, String
from xblock.utils.studio_editable import StudioEditableXBlockMixin

import talent_core as tc

from . import scenarios
from ._assessment_setup import CUSTOM_ROLES, DEMO_ROLES, competency_options, load_roles
from .framework_source import FrameworkSourceMixin
from .i18n import N_
from .mixins import TalentBlockMixin, unreadable_state_view
from .reports import ReportDataMixin

__all__ = ["PriorLearningPortfolioBlock"]

log = logging.getLogger(__name__)

#: The policy numbers' defaults and the range an author may set them in.
POLICY_LIMITS: dict[str, tuple[int, int, int]] = {
    # field: (default, lowest, highest)
    "max_file_mb": (10, 1, 100),
    "max_learner_mb": (50, 1, 1000),
    "currency_years": (5, 1, 50),
    "min_evidence": (2, 1, 20),
}


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

    # -- views ------------------------------------------------------------------------------

    @unreadable_state_view
    def student_view(self, context: Mapping[str, Any] | None = None) -> Fragment:
        try:
            framework = self.framework
        except tc.ValidationError:
            return self.not_configured(self.framework_problems)
        log.debug("prior_learning_portfolio on %s", framework.id)
        html = self.render_template(
            "prior_learning_portfolio.html",
            {"title": self.title, "uid": self.dom_id, "claims": []},
        )
        return self.make_fragment(
            html,
            css=["talent.css", "prior_learning_portfolio.css"],
            js=["talent.js", "prior_learning_portfolio.js"],
            init="PriorLearningPortfolioBlock",
            init_args={"messages": {}},
        )

    # -- data for HR ------------------------------------------------------------------------

    def report_row(self, state: Mapping[str, Any]) -> dict[str, Any] | None:
        return None

    @staticmethod
    def workbench_scenarios() -> list[tuple[str, str]]:
        return scenarios.for_block("prior_learning_portfolio")
