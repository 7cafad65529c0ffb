"""HR's pipeline per role: a thin ipywidgets view over a PipelineSession.

Filters (department, manager) above the tabs apply to every tab. Everything the view shows is
rendered into ``HTML.value`` or a chart's data, so it works (and is tested) without a kernel:
set a widget's value or click a button and read the HTML.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast

import ipywidgets as widgets

from talent_core import TalentError

from . import _pipeline_render as render
from ._html import esc, notice
from ._messages import error_text, message
from ._pipeline_charts import RoleChart, SupplyChart
from ._pipeline_render import text
from ._pipeline_session import PIPELINE_EXPORTS, PipelineExport, PipelineSession
from ._view import _offer
from ._view_base import FIT_LABEL, NotebookView, language_menu

__all__ = ["PipelineView"]

_WIDE = {"description_width": "initial"}
_TABS = ("data", "roles", "people", "supply", "export")
#: The value of "all" in the filter menus.
_ALL = ""


class PipelineView(NotebookView):
    """Filters, then tabs: load the files, roles and bench, people per role, supply, export."""

    session: PipelineSession

    def __init__(self, session: PipelineSession) -> None:
        self.session = session
        self.language = language_menu(session.language)
        self.department = widgets.Dropdown(style=_WIDE)
        self.manager = widgets.Dropdown(style=_WIDE)
        # data
        self.data_intro = widgets.HTML()
        self.upload = widgets.FileUpload(accept=".csv", multiple=True, layout=FIT_LABEL)
        self.upload_status = widgets.HTML()
        self.data_summary = widgets.HTML()
        # roles
        self.roles_intro = widgets.HTML()
        self.critical = widgets.SelectMultiple(style=_WIDE, rows=5)
        self.roles_note = widgets.HTML()
        self.role_chart = RoleChart()
        self.role_table = widgets.HTML()
        self.bench = widgets.HTML()
        # people
        self.people_intro = widgets.HTML()
        self.role = widgets.Dropdown(style=_WIDE)
        self.people = widgets.HTML()
        # supply
        self.supply_intro = widgets.HTML()
        self.supply_note = widgets.HTML()
        self.supply_chart = SupplyChart()
        self.supply_table = widgets.HTML()
        # export
        self.export_intro = widgets.HTML()
        self.export_kind = widgets.Dropdown(style=_WIDE)
        self.folder = widgets.Text(value=str(session.out_dir), style=_WIDE)
        self.export_button = widgets.Button(
            layout=FIT_LABEL, icon="download", button_style="primary"
        )
        self.export_status = widgets.HTML()

        self.tabs = widgets.Tab(
            children=[
                widgets.VBox([self.data_intro, self.upload, self.upload_status, self.data_summary]),
                widgets.VBox(
                    [
                        self.roles_intro,
                        self.critical,
                        self.roles_note,
                        self.role_chart.figure,
                        self.role_table,
                        self.bench,
                    ]
                ),
                widgets.VBox([self.people_intro, self.role, self.people]),
                widgets.VBox(
                    [
                        self.supply_intro,
                        self.supply_note,
                        self.supply_chart.figure,
                        self.supply_table,
                    ]
                ),
                widgets.VBox(
                    [
                        self.export_intro,
                        self.export_kind,
                        self.folder,
                        self.export_button,
                        self.export_status,
                    ]
                ),
            ]
        )
        filters = widgets.HBox([self.department, self.manager])
        self.widget = widgets.VBox([self.language, filters, self.tabs])
        self._wire()
        self.refresh()

    def _wire(self) -> None:
        self.language.observe(self._on_language, "value")
        self.upload.observe(self._on_upload, "value")
        self.department.observe(self._on_filter, "value")
        self.manager.observe(self._on_filter, "value")
        self.critical.observe(self._on_critical, "value")
        self.role.observe(self._on_role, "value")
        self.export_button.on_click(lambda _: self.export())

    # -- rendering -------------------------------------------------------------------------

    def refresh(self) -> None:
        """Show the session in every label, menu, table and chart, in its language."""
        self._syncing = True
        try:
            self._label(self.session.language)
        finally:
            self._syncing = False
        self.data_summary.value = render.data_summary(self.session)
        self._show_figures()

    def _label(self, language: str) -> None:
        session = self.session
        self.language.description = message("language", language)
        self.tabs.titles = tuple(text(f"tab.{tab}", language) for tab in _TABS)
        self.department.description = text("filter.department", language)
        everyone = (text("filter.all", language), _ALL)
        _offer(
            self.department,
            [everyone, *((d, d) for d in session.departments())],
            session.department or _ALL,
        )
        self.manager.description = text("filter.manager", language)
        _offer(
            self.manager,
            [everyone, *((self._person(m), m) for m in session.managers())],
            session.manager or _ALL,
        )
        self.data_intro.value = f"<p>{esc(text('data.intro', language))}</p>"
        self.upload.description = text("data.upload", language)
        intro = text("roles.intro", language, fit=render.development_fit_percent())
        self.roles_intro.value = f"<p>{esc(intro)}</p>"
        self.critical.description = text("roles.critical", language)
        self.critical.options = [(render.role_label(session, r.id), r.id) for r in session.roles]
        self.critical.value = tuple(r.id for r in session.roles if r.id in session.critical)
        self.people_intro.value = f"<p>{esc(text('people.intro', language))}</p>"
        self.role.description = text("people.role", language)
        _offer(
            self.role,
            [(render.role_label(session, r.id), r.id) for r in session.roles],
            session.role,
        )
        self.supply_intro.value = f"<p>{esc(text('supply.intro', language))}</p>"
        self.export_intro.value = f"<p>{esc(text('export.intro', language))}</p>"
        self.export_kind.description = text("export.table", language)
        _offer(
            self.export_kind,
            [(text(f"export.{name}", language), name) for name in PIPELINE_EXPORTS],
            self.export_kind.value,
        )
        self.folder.description = message("export.folder", language)
        self.export_button.description = message("export.button", language)

    def _person(self, key: str) -> str:
        name = self.session.person_name(key)
        return f"{name} ({key})" if name != key else key

    def _show_figures(self) -> None:
        self._show_roles()
        self._show_people()
        self._show_supply()

    def _show_roles(self) -> None:
        session, language = self.session, self.session.language
        table = session.role_table()
        shown = session.shown_role_table(table)
        hidden = len(table) - len(shown)
        note = text("roles.small", language, count=hidden, least=session.min_people)
        self.roles_note.value = f"<p>{esc(note)}</p>" if hidden else ""
        series = [
            (text(f"series.{name}", language), [int(v) for v in shown[column]])
            for name, column in (
                ("fits_now", "fits_now"),
                ("with_development", "with_development"),
                ("ready_now", "readiness_ready_now"),
                ("one_to_two_years", "readiness_one_to_two_years"),
            )
        ]
        self.role_chart.show(
            title=text("roles.chart_title", language),
            roles=[render.role_label(session, r) for r in shown["role_id"]],
            series=series,
            axis=text("roles.axis", language),
        )
        self.role_table.value = render.role_table(session, shown)
        self.bench.value = render.bench_table(session, shown)

    def _show_people(self) -> None:
        session, language = self.session, self.session.language
        if session.candidates_shown():
            self.people.value = render.candidate_table(session, session.candidate_table())
        else:
            small = text("people.small", language, least=session.min_people)
            self.people.value = f"<p>{esc(small)}</p>"

    def _show_supply(self) -> None:
        session, language = self.session, self.session.language
        table = session.supply_table()
        shown = session.shown_supply_table(table)
        hidden = len(table) - len(shown)
        note = text("supply.small", language, count=hidden, least=session.min_people)
        self.supply_note.value = f"<p>{esc(note)}</p>" if hidden else ""
        self.supply_chart.show(
            title=text("supply.chart_title", language),
            labels=[
                render.supply_label(session, row["competency_id"], int(row["level"]))
                for row in shown.to_dict("records")
            ],
            supply=(text("series.supply", language), [int(v) for v in shown["supply"]]),
            demand=(text("series.demand", language), [int(v) for v in shown["positions"]]),
            axis=text("supply.axis", language),
        )
        self.supply_table.value = render.supply_table(session, shown)

    # -- actions ---------------------------------------------------------------------------

    def load_files(self, files: Sequence[Mapping[str, Any]]) -> bool:
        """Load uploaded files (the FileUpload's value) into the session, all or none."""
        if not files:
            return False
        language = self.session.language
        loaded = [(str(f["name"]), bytes(f["content"])) for f in files]
        try:
            self.session.load(loaded)
        except TalentError as error:
            self.upload_status.value = notice(
                False, text("load.failed", language), error_text(error, language)
            )
            return False
        skipped = {skip.filename for skip in self.session.skipped}
        names = ", ".join(name for name, _ in loaded if name not in skipped)
        lines = [
            message(
                "skip.line",
                language,
                prefix="dashboards",
                file=skip.filename,
                reason=self._skip_reason(skip.reason),
            )
            for skip in self.session.skipped
        ]
        status = notice(True, text("load.ok", language, files=names)) if names else ""
        if lines:
            items = "".join(f"<li>{esc(line)}</li>" for line in lines)
            status += f'<ul class="talent-skipped">{items}</ul>'
        self.upload_status.value = status
        self.refresh()
        return True

    def _skip_reason(self, reason: str) -> str:
        language = self.session.language
        if reason == "unused":
            return text("skip.unused", language)
        return message(f"skip.{reason}", language, prefix="dashboards")

    def export(self) -> bool:
        """Export the chosen table to the chosen folder and offer it for download."""
        name = cast(PipelineExport, self.export_kind.value)
        folder = self.folder.value.strip() or None
        return self._show_export(
            lambda: self.session.export(name, folder),
            text("export.failed", self.session.language),
        )

    # -- events ----------------------------------------------------------------------------

    def _on_upload(self, change: Mapping[str, Any]) -> None:
        if change["new"]:
            self.load_files(change["new"])
            self.upload.value = ()  # lets the same files be chosen again after a fix

    def _on_filter(self, change: Mapping[str, Any]) -> None:
        if self._syncing or change["new"] is None:
            return
        self.session.department = self.department.value or None
        self.session.manager = self.manager.value or None
        self._show_figures()

    def _on_critical(self, change: Mapping[str, Any]) -> None:
        if self._syncing:
            return
        self.session.set_critical(change["new"])
        self._show_roles()

    def _on_role(self, change: Mapping[str, Any]) -> None:
        if self._syncing or change["new"] is None:
            return
        self.session.role = change["new"]
        self._show_people()
