"""HR's dashboards: a thin ipywidgets view over a DashboardSession.

Everything the view shows is rendered into ``HTML.value`` or a chart's data, so it works (and
is tested) without a kernel: set a widget's value or click a button and read the HTML.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast

import ipywidgets as widgets

from talent_core import LearningMode, TalentError

from . import _dashboard_render as render
from ._dashboard_charts import SEPARATORS, GapHeatmap, MixChart
from ._dashboard_messages import text
from ._dashboard_session import DASHBOARD_EXPORTS, DashboardExport, DashboardSession, GroupBy
from ._html import esc, notice
from ._messages import error_text, message
from ._view import _offer
from ._view_base import FIT_LABEL, NotebookView, language_menu

__all__ = ["DashboardView"]

_WIDE = {"description_width": "initial"}
#: A rate shows its whole label (a mode's name can be long: "With others (mentoring, …)");
#: a mode's two rates wrap onto two lines where the notebook is narrow.
_RATE = {"description_width": "initial"}
_RATE_BOX = widgets.Layout(width="auto", flex="0 0 auto", margin="2px 1.5em 2px 0")
_RATE_ROW = widgets.Layout(flex_flow="row wrap")
_GROUPINGS: tuple[GroupBy, ...] = ("department", "role")


class DashboardView(NotebookView):
    """Tabs: load the reports, gaps, plan progress, the learning mix and its cost, export."""

    session: DashboardSession

    def __init__(self, session: DashboardSession) -> None:
        self.session = session
        rates = session.rates
        self.language = language_menu(session.language)
        # data
        self.data_intro = widgets.HTML()
        self.upload = widgets.FileUpload(accept=".csv", multiple=True, layout=FIT_LABEL)
        self.upload_status = widgets.HTML()
        self.data_summary = widgets.HTML()
        # gaps
        self.gaps_intro = widgets.HTML()
        self.group_by = widgets.ToggleButtons(value=None, style=_WIDE)
        self.gaps_note = widgets.HTML()
        self.heatmap = GapHeatmap()
        self.heatmap_box = widgets.Box([self.heatmap.figure])
        self.top_gaps = widgets.HTML()
        # plans
        self.plans = widgets.HTML()
        # mix
        self.mix_intro = widgets.HTML()
        self.currency = widgets.Text(value=rates.currency, style=_RATE, layout=_RATE_BOX)
        self.salary = widgets.FloatText(value=rates.salary_per_hour, style=_RATE, layout=_RATE_BOX)
        self.cost_per_hour = {
            mode: widgets.FloatText(value=rates.cost_per_hour[mode], style=_RATE, layout=_RATE_BOX)
            for mode in LearningMode
        }
        self.away_share = {
            mode: widgets.FloatText(value=rates.away_share[mode], style=_RATE, layout=_RATE_BOX)
            for mode in LearningMode
        }
        self.apply_rates = widgets.Button(
            layout=FIT_LABEL, icon="calculator", button_style="primary"
        )
        self.rates_status = widgets.HTML()
        self.mix_table = widgets.HTML()
        self.mix_chart = MixChart()
        # export
        self.export_intro = widgets.HTML()
        self.export_kind = widgets.Dropdown(style=_WIDE)
        self.folder = widgets.Text(value=str(session.out_dir), style=_WIDE)
        self.export_button = widgets.Button(
            layout=FIT_LABEL, icon="download", button_style="primary"
        )
        self.export_status = widgets.HTML()

        rate_rows = [
            widgets.HBox([self.cost_per_hour[mode], self.away_share[mode]], layout=_RATE_ROW)
            for mode in LearningMode
        ]
        self.tabs = widgets.Tab(
            children=[
                widgets.VBox([self.data_intro, self.upload, self.upload_status, self.data_summary]),
                widgets.VBox(
                    [
                        self.gaps_intro,
                        self.group_by,
                        self.gaps_note,
                        self.heatmap_box,
                        self.top_gaps,
                    ]
                ),
                widgets.VBox([self.plans]),
                widgets.VBox(
                    [
                        self.mix_intro,
                        widgets.HBox([self.currency, self.salary]),
                        *rate_rows,
                        self.apply_rates,
                        self.rates_status,
                        self.mix_table,
                        self.mix_chart.figure,
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
        self.widget = widgets.VBox([self.language, self.tabs])
        self._wire()
        self.refresh()

    def _wire(self) -> None:
        self.language.observe(self._on_language, "value")
        self.upload.observe(self._on_upload, "value")
        self.group_by.observe(self._on_group_by, "value")
        self.apply_rates.on_click(lambda _: self.set_rates())
        self.export_button.on_click(lambda _: self.export())

    # -- rendering -------------------------------------------------------------------------

    def refresh(self) -> None:
        """Show the session in every label, table and chart, in its language."""
        self._syncing = True
        try:
            self._label(self.session.language)
        finally:
            self._syncing = False
        self.data_summary.value = render.data_summary(self.session)
        self._show_gaps()
        self.plans.value = render.plan_tables(self.session)
        self._show_mix()

    def _label(self, language: str) -> None:
        self.language.description = message("language", language)
        self.tabs.titles = tuple(
            text(f"tab.{tab}", language) for tab in ("data", "gaps", "plans", "mix", "export")
        )
        self.data_intro.value = f"<p>{esc(text('data.intro', language))}</p>"
        self.upload.description = text("data.upload", language)
        self.gaps_intro.value = f"<p>{esc(text('gaps.intro', language))}</p>"
        self.group_by.description = text("gaps.group_by", language)
        self.group_by.options = [(text(f"group.{g}", language), g) for g in _GROUPINGS]
        self.group_by.value = self.session.grouping
        self.mix_intro.value = f"<p>{esc(text('mix.intro', language))}</p>"
        self.currency.description = text("mix.currency", language)
        self.salary.description = text("mix.salary", language)
        for mode in LearningMode:
            name = message(f"mode.{mode.value}", language)
            self.cost_per_hour[mode].description = f"{name}: {text('mix.cost_per_hour', language)}"
            self.away_share[mode].description = f"{name}: {text('mix.away_share', language)}"
        self.apply_rates.description = text("mix.apply", language)
        self.export_intro.value = f"<p>{esc(text('export.intro', language))}</p>"
        self.export_kind.description = text("export.table", language)
        _offer(
            self.export_kind,
            [(text(f"export.{name}", language), name) for name in DASHBOARD_EXPORTS],
            self.export_kind.value,
        )
        self.folder.description = message("export.folder", language)
        self.export_button.description = message("export.button", language)

    def _show_gaps(self) -> None:
        session, language = self.session, self.session.language
        self._syncing = True
        try:  # the toggle shows the rows really shown (target roles until people are loaded)
            self.group_by.value = session.grouping
        finally:
            self._syncing = False
        rows, submitted = session.assessment_counts()
        notes = [text("gaps.loaded", language, rows=rows, submitted=submitted)] if rows else []
        missing_people = session.group_by == "department" and session.grouping == "role"
        if missing_people:
            notes.append(text("gaps.no_people", language))
        unknown = session.unknown_roles()
        if unknown:
            roles = ", ".join(f"{role} ({count})" for role, count in unknown.items())
            notes.append(text("gaps.unknown_roles", language, roles=roles))
        table = session.gap_table()  # the slow aggregate over every rating: once
        shown = session.shown_gap_table(table)
        if shown.empty and not table.empty:
            notes.append(text("gaps.hidden", language, least=session.min_ratings))
        elif len(shown) < len(table):
            hidden = len(table) - len(shown)
            notes.append(text("gaps.small", language, count=hidden, least=session.min_ratings))
        self.gaps_note.value = "".join(f"<p>{esc(note)}</p>" for note in notes)
        # an empty heatmap would only show axes without meaning: hide it, the text says why
        self.heatmap_box.layout.display = "none" if shown.empty else None
        groups, competencies, gaps = render.gap_matrix(session, shown)
        self.heatmap.show(
            title=text(
                "gaps.title", language, group=text(f"gaps.group.{session.grouping}", language)
            ),
            groups=groups,
            competencies=competencies,
            gaps=gaps,
            colorbar=text("gaps.colorbar", language),
        )
        if not shown.empty:
            self.top_gaps.value = render.top_gaps(session, shown)
        elif not table.empty:
            self.top_gaps.value = render.rating_counts(session, table)
        else:
            why = "gaps.none_loaded" if not rows else "gaps.none"
            self.top_gaps.value = f"<p>{esc(text(why, language))}</p>"

    def _show_mix(self) -> None:
        session, language = self.session, self.session.language
        mix = session.mix_table()
        self.mix_table.value = render.mix_table(session, mix)
        per_mode = mix[mix["mode"] != "total"]
        shown = render.shown_mix(mix)  # the bars are the table's numbers, rounded once
        self.mix_chart.show(
            title=text("mix.caption", language, currency=session.rates.currency),
            modes=[render.mode_label(mode, language) for mode in per_mode["mode"]],
            names=(text("mix.organisation", language), text("mix.alternative", language)),
            costs=(
                [float(cost) for cost in shown["organisation_cost"][:-1]],
                [float(cost) for cost in shown["classroom_heavy_cost"][:-1]],
            ),
            cost_axis=text("mix.cost_axis", language, currency=session.rates.currency),
            separators=SEPARATORS.get(language.split("-")[0], ".,"),
        )

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
            text(
                "skip.line",
                language,
                file=skip.filename,
                reason=text(f"skip.{skip.reason}", language),
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

    def rates(self) -> dict[str, Any]:
        """The rates as entered, in ``ModeRates`` fields (checked by the session)."""
        return {
            "currency": self.currency.value.strip(),
            "salary_per_hour": self.salary.value,
            "cost_per_hour": {m.value: w.value for m, w in self.cost_per_hour.items()},
            "away_share": {m.value: w.value for m, w in self.away_share.items()},
        }

    def rate_labels(self) -> dict[str, str]:
        """Each rate's field path → its label on screen, for naming a refused rate."""
        labels = {"currency": self.currency.description, "salary_per_hour": self.salary.description}
        for mode in LearningMode:
            labels[f"cost_per_hour.{mode.value}"] = self.cost_per_hour[mode].description
            labels[f"away_share.{mode.value}"] = self.away_share[mode].description
        return labels

    def set_rates(self) -> bool:
        """Apply the entered rates; a rate out of range is named and the old rates stay."""
        session, language = self.session, self.session.language
        try:
            session.set_rates(self.rates(), self.rate_labels())
        except TalentError as error:
            self.rates_status.value = notice(
                False, text("mix.rates_failed", language), error_text(error, language)
            )
            return False
        self.rates_status.value = notice(True, text("mix.rates_ok", language))
        self._show_mix()
        return True

    def export(self) -> bool:
        """Export the chosen table to the chosen folder and offer it for download."""
        name = cast(DashboardExport, self.export_kind.value)
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

    def _on_group_by(self, change: Mapping[str, Any]) -> None:
        if self._syncing or change["new"] is None:
            return
        self.session.group_by = change["new"]
        self._show_gaps()
