"""The competency explorer: a learner browses the framework, one competency at a time.

For a chosen competency it shows the description, the behaviour indicators per proficiency
level, coaching questions and development activities, all in the course language. The author
picks the framework and which clusters to show. The block remembers the last competency a
learner opened (so a return visit starts there) and counts as complete once one was opened.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from web_fragments.fragment import Fragment
from xblock.completable import CompletableXBlockMixin
from xblock.core import XBlock
from xblock.fields import List, Scope, String
from xblock.utils.studio_editable import StudioEditableXBlockMixin
from xblock.validation import ValidationMessage

import talent_core as tc
from talent_core import Identifier, StrictModel
from talent_core.reports import explorer_row

from . import scenarios
from .competency_view import (
    CompetencyDetail,
    competency_detail,
    competency_groups,
    first_competency,
    visible_competencies,
)
from .framework_source import FrameworkSourceMixin, load_framework
from .i18n import N_
from .mixins import TalentBlockMixin, json_payload_handler
from .reports import ReportDataMixin

__all__ = ["CompetencyChoice", "CompetencyExplorerBlock"]


class CompetencyChoice(StrictModel):
    """Body of ``show_competency``: the competency the learner picked."""

    competency_id: Identifier


class CompetencyExplorerBlock(
    TalentBlockMixin,
    FrameworkSourceMixin,
    ReportDataMixin,
    StudioEditableXBlockMixin,
    CompletableXBlockMixin,
    XBlock,
):
    """Shows one competency of the framework at a time, picked from a list grouped by cluster."""

    display_name = String(
        display_name=N_("Display name"),
        help=N_("The title learners see above the explorer."),
        scope=Scope.settings,
        default=N_("Competency explorer"),
    )
    clusters = List(
        display_name=N_("Clusters to show"),
        help=N_("Tick the clusters learners can explore; with none ticked, all are shown."),
        scope=Scope.settings,
        default=[],
        list_style="set",
        list_values_provider=lambda block: block.cluster_options(),
    )
    last_competency = String(
        help=N_("The competency this learner opened last."), scope=Scope.user_state, default=""
    )
    viewed = List(
        help=N_("The competencies this learner opened, first visit first."),
        scope=Scope.user_state,
        default=[],
    )

    editable_fields = ("display_name", "framework_source", "framework_json", "clusters")

    # -- views ------------------------------------------------------------------------------

    def _shown_clusters(self, framework: tc.CompetencyFramework) -> list[str]:
        """The author's clusters that exist in the framework (all clusters if none do)."""
        return [c for c in self.clusters if framework.has_node(c)]

    def _detail(self, framework: tc.CompetencyFramework, competency_id: str) -> CompetencyDetail:
        return competency_detail(
            framework, competency_id, self.language, self.ugettext, self.ungettext
        )

    def student_view(self, context: Mapping[str, Any] | None = None) -> Fragment:
        try:
            framework = self.framework
        except tc.ValidationError:
            return self.not_configured(self.framework_problems)
        groups = competency_groups(
            framework,
            self.language,
            self._shown_clusters(framework),
            ungrouped_name=self.ugettext("Other competencies"),
        )
        visible = {c.id for g in groups for c in g.competencies}
        selected = self.last_competency if self.last_competency in visible else None
        selected = selected or first_competency(groups)
        if selected is None:
            return self.not_configured()
        html = self.render_template(
            "competency_explorer.html",
            {
                "title": self.title,
                "uid": self.dom_id,
                "groups": groups,
                "selected": selected,
                "detail": self._detail(framework, selected),
                "is_staff": self.is_course_staff,
                "download_url": self.runtime.handler_url(self, "download_data"),
            },
        )
        return self.make_fragment(
            html,
            css=["talent.css"],
            js=["talent.js", "competency_explorer.js"],
            init="CompetencyExplorerBlock",
            init_args={
                "messages": {
                    "shown": self.ugettext("{name}: details shown below."),
                    "failed": self.ugettext("The competency could not be shown. Please try again."),
                }
            },
        )

    # -- handlers ---------------------------------------------------------------------------

    @json_payload_handler(CompetencyChoice)
    def show_competency(self, choice: CompetencyChoice) -> dict[str, str]:
        """Render one competency's detail and remember it as this learner's last one."""
        framework = self.framework
        competency_id = choice.competency_id
        shown = visible_competencies(framework, self._shown_clusters(framework))
        if competency_id not in {node.id for node in shown}:
            raise tc.ValidationError(
                [tc.Problem("competency_id", f"{competency_id!r} is not a competency shown here")]
            )
        html = self.render_template(
            "competency_detail.html",
            {"detail": self._detail(framework, competency_id), "uid": self.dom_id},
        )
        self.last_competency = competency_id
        if competency_id not in self.viewed:
            self.viewed = [*self.viewed, competency_id]
            if len(self.viewed) == 1:
                self.emit_completion(1.0)
        self.publish_event("viewed", competency_id=competency_id)
        return {"html": html, "name": self.localized(framework.node(competency_id).name)}

    # -- Studio -----------------------------------------------------------------------------

    def validate_field_data(self, validation: Any, data: Any) -> None:
        """Messages for a broken framework setting and for clusters the framework lacks."""
        for message in self.framework_problems(data):
            validation.add(ValidationMessage(ValidationMessage.ERROR, message))
        if validation.messages:
            return
        loaded = load_framework(data.framework_source, data.framework_json)
        unknown = [
            c
            for c in data.clusters
            if not loaded.has_node(c) or loaded.node(c).type is not tc.NodeType.CLUSTER
        ]
        if unknown:
            validation.add(
                ValidationMessage(
                    ValidationMessage.ERROR,
                    self.ugettext("These clusters are not in the framework: {clusters}").format(
                        clusters=", ".join(unknown)
                    ),
                )
            )

    # -- data for HR ------------------------------------------------------------------------

    def report_row(self, state: Mapping[str, Any]) -> dict[str, Any] | None:
        """:func:`talent_core.reports.explorer_row` of this learner's state."""
        return explorer_row(state.get("viewed") or [], state.get("last_competency", ""))

    @staticmethod
    def workbench_scenarios() -> list[tuple[str, str]]:
        """This block's scenarios and the talent course, which only this first block lists."""
        return [*scenarios.for_block("competency_explorer"), scenarios.talent_course()]
