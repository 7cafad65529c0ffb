"""The review notebook's view: a thin ipywidgets layer over an RplReviewSession.

Tabs: load the block's downloads, the queue with filters, one claim side by side with the
decision form, charts, export of the decisions CSV. Everything is rendered into ``HTML.value``
or a chart's data, so it is tested without a kernel; refusals of the session (TalentError)
are shown in the user's language, nothing recorded is lost.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import ipywidgets as widgets

from talent_core import TalentError

from ._html import esc, notice
from ._messages import error_text, message
from ._rpl_charts import DecisionTimeChart, RecognitionChart, StateChart
from ._rpl_render import claim_html, queue_html, text
from ._rpl_session import STATE_FILTERS, RplReviewSession
from ._view import _offer
from ._view_base import FIT_LABEL, NotebookView, language_menu

__all__ = ["RplReviewView"]

_WIDE = {"description_width": "initial"}
_FULL = widgets.Layout(width="min(100%, 48em)")
_OUTCOMES = ("recognised", "partly_recognised", "not_recognised", "more_evidence_needed")
_INSTRUMENTS = ("criterion_interview", "workplace_observation", "practical_assessment")
_ANY = ""


class RplReviewView(NotebookView):
    """Load, queue, claim (side by side + decision), charts, export."""

    session: RplReviewSession

    def __init__(self, session: RplReviewSession) -> None:
        self.session = session
        self.language = language_menu(session.language)
        # load
        self.load_intro = widgets.HTML()
        self.upload = widgets.FileUpload(accept=".csv,.zip,.json", multiple=True, layout=FIT_LABEL)
        self.load_status = widgets.HTML()
        # queue
        self.competency = widgets.Dropdown(style=_WIDE)
        self.state = widgets.Dropdown(style=_WIDE)
        self.max_age = widgets.BoundedIntText(value=0, min=0, max=10_000, style=_WIDE)
        self.queue = widgets.HTML()
        self.claim = widgets.Dropdown(style=_WIDE, layout=_FULL)
        # claim
        self.detail = widgets.HTML()
        self.assessor = widgets.Dropdown(style=_WIDE)
        self.outcome = widgets.Dropdown(style=_WIDE)
        self.level = widgets.Dropdown(style=_WIDE)
        self.instrument_kind = widgets.Dropdown(style=_WIDE)
        self.instrument_date = widgets.DatePicker(style=_WIDE)
        self.instrument_outcome = widgets.Textarea(style=_WIDE, layout=_FULL)
        self.reasons_box = widgets.VBox()
        self.reasons: dict[str, widgets.Textarea] = {}
        self.feedback = widgets.Textarea(style=_WIDE, layout=_FULL)
        self.record = widgets.Button(layout=FIT_LABEL, icon="check", button_style="primary")
        self.record_status = widgets.HTML()
        # charts
        self.states_chart = StateChart()
        self.time_chart = DecisionTimeChart()
        self.rate_chart = RecognitionChart()
        # export
        self.export_intro = widgets.HTML()
        self.folder = widgets.Text(value=str(session.out_dir), style=_WIDE)
        self.export_button = widgets.Button(
            layout=FIT_LABEL, icon="download", button_style="primary"
        )
        self.export_status = widgets.HTML()

        self.tabs = widgets.Tab(
            children=[
                widgets.VBox([self.load_intro, self.upload, self.load_status]),
                widgets.VBox(
                    [
                        widgets.HBox([self.competency, self.state, self.max_age]),
                        self.queue,
                        self.claim,
                    ]
                ),
                widgets.VBox(
                    [
                        self.detail,
                        self.assessor,
                        widgets.HBox([self.instrument_kind, self.instrument_date]),
                        self.instrument_outcome,
                        widgets.HBox([self.outcome, self.level]),
                        self.reasons_box,
                        self.feedback,
                        self.record,
                        self.record_status,
                    ]
                ),
                widgets.VBox(
                    [self.states_chart.figure, self.time_chart.figure, self.rate_chart.figure]
                ),
                widgets.VBox(
                    [self.export_intro, self.folder, self.export_button, self.export_status]
                ),
            ]
        )
        self.widget = widgets.VBox([self.language, self.tabs])
        self.language.observe(self._on_language, "value")
        self.upload.observe(self._on_upload, "value")
        for control in (self.competency, self.state, self.max_age):
            control.observe(self._on_filter, "value")
        self.claim.observe(self._on_claim, "value")
        self.record.on_click(lambda _: self.record_decision())
        self.export_button.on_click(lambda _: self.export())
        self.refresh()

    # -- rendering ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Show the session in every label, table and chart, in its language."""
        self._syncing = True
        try:
            self._label(self.session.language)
        finally:
            self._syncing = False
        self._show_queue()
        self._show_charts()

    def _label(self, language: str) -> None:
        session = self.session
        self.language.description = message("language", language)
        self.tabs.titles = tuple(
            text(f"tab.{t}", language) for t in ("load", "queue", "claim", "charts", "export")
        )
        self.load_intro.value = f"<p>{esc(text('load.intro', language))}</p>"
        self.upload.description = text("load.upload", language)
        self.competency.description = text("filter.competency", language)
        _offer(
            self.competency,
            [(text("filter.any", language), _ANY), *session.competencies()],
            session.competency or _ANY,
        )
        self.state.description = text("filter.state", language)
        _offer(
            self.state,
            [
                (text("filter.any", language), _ANY),
                *((text(f"state.{s}", language), s) for s in STATE_FILTERS),
            ],
            session.state or _ANY,
        )
        self.max_age.description = text("filter.max_age", language)
        self.assessor.description = text("form.assessor", language)
        self.outcome.description = text("form.outcome", language)
        _offer(
            self.outcome,
            [(text(f"outcome.{o}", language), o) for o in _OUTCOMES],
            self.outcome.value,
        )
        self.level.description = text("form.level", language)
        self.instrument_kind.description = text("form.instrument", language)
        _offer(
            self.instrument_kind,
            [(text(f"instrument.{k}", language), k) for k in _INSTRUMENTS],
            self.instrument_kind.value,
        )
        self.instrument_date.description = text("form.instrument_date", language)
        self.instrument_outcome.description = text("form.instrument_outcome", language)
        self.feedback.description = text("form.feedback", language)
        self.record.description = text("form.record", language)
        self.export_intro.value = f"<p>{esc(text('export.intro', language))}</p>"
        self.folder.description = message("export.folder", language)
        self.export_button.description = message("export.button", language)

    def _show_queue(self) -> None:
        session = self.session
        self.queue.value = queue_html(session)
        options = [
            (
                f"{e.row.learner_name or e.row.learner} · "
                f"{session.competency_name(e.claim.competency_id)} · {session.state_label(e)}",
                e.claim.id,
            )
            for e in session.entries()
        ]
        self._syncing = True
        try:
            self.claim.description = text("queue.open", session.language)
            _offer(self.claim, options, self.claim.value)
        finally:
            self._syncing = False
        self._show_claim()

    def _show_claim(self) -> None:
        session, language = self.session, self.session.language
        claim_id = self.claim.value
        if not claim_id:
            self.detail.value = f"<p>{esc(text('detail.none', language))}</p>"
            self.reasons_box.children = ()
            return
        try:
            detail = session.detail(claim_id)
        except TalentError as error:
            self.detail.value = notice(False, error_text(error, language))
            return
        self.detail.value = claim_html(session, detail)
        row = detail.entry.row
        _offer(
            self.assessor,
            [(a, a) for a in session.roster.assessors_of(row.learner)],
            self.assessor.value,
        )
        scale = (
            session.framework.scale_for(row.claim.competency_id)
            if session.framework.has_node(row.claim.competency_id)
            else None
        )
        levels = [v for v in (scale.values if scale else [row.claim.level]) if v <= row.claim.level]
        _offer(self.level, [("–", "")] + [(str(v), str(v)) for v in levels], str(row.claim.level))
        old = {k: w.value for k, w in self.reasons.items()}
        self.reasons = {
            ident: widgets.Textarea(
                value=old.get(ident, ""),
                description=text("form.reason", language, indicator=ident),
                style=_WIDE,
                layout=_FULL,
                tooltip=name,
            )
            for ident, name in detail.indicators
        }
        label = widgets.HTML(f"<p>{esc(text('form.reasons', language))}</p>")
        self.reasons_box.children = (label, *self.reasons.values())

    def _show_charts(self) -> None:
        session, language = self.session, self.session.language
        counts = session.state_counts()
        self.states_chart.show(
            title=text("chart.states", language),
            states=[text(f"state.{s}", language) for s in counts],
            counts=list(counts.values()),
            axis=text("chart.claims", language),
        )
        self.time_chart.show(
            title=text("chart.time", language),
            days=[days for _, days in session.decision_days()],
            x_axis=text("chart.days", language),
            y_axis=text("chart.claims", language),
        )
        rates = session.recognition_rates()
        self.rate_chart.show(
            title=text("chart.rate", language),
            competencies=[name for name, _, _ in rates],
            recognised=[r for _, r, _ in rates],
            not_recognised=[n - r for _, r, n in rates],
            names=(text("chart.recognised", language), text("chart.not_recognised", language)),
            axis=text("chart.claims", language),
        )

    # -- actions -----------------------------------------------------------------------------

    def load_files(self, files: Sequence[Mapping[str, Any]]) -> bool:
        """Load uploaded files (the FileUpload's value); a refused file is named."""
        language = self.session.language
        loaded = [(str(f["name"]), bytes(f["content"])) for f in files]
        try:
            kinds = self.session.load(loaded)
        except TalentError as error:
            self.load_status.value = notice(
                False, text("load.failed", language), error_text(error, language)
            )
            self.refresh()
            return False
        done = ", ".join(
            f"{name} ({text(f'load.kind.{kind}', language)})"
            for (name, _), kind in zip(loaded, kinds, strict=True)
        )
        self.load_status.value = notice(True, text("load.ok", language, files=done))
        self.refresh()
        return True

    def record_decision(self) -> bool:
        """Record the form's decision on the open claim; a refusal names every problem."""
        session, language = self.session, self.session.language
        claim_id = self.claim.value
        if not claim_id:
            self.record_status.value = notice(False, text("detail.none", language))
            return False
        day = self.instrument_date.value
        try:
            session.record_decision(
                claim_id,
                assessor=self.assessor.value or "",
                outcome=self.outcome.value,
                awarded_level=int(self.level.value) if self.level.value else None,
                reasons={k: w.value for k, w in self.reasons.items()},
                feedback=self.feedback.value,
                instrument={
                    "kind": self.instrument_kind.value,
                    "date": day.isoformat() if isinstance(day, dt.date) else None,
                    "outcome": self.instrument_outcome.value,
                },
            )
        except TalentError as error:
            self.record_status.value = notice(
                False, text("form.failed", language), error_text(error, language)
            )
            return False
        self.record_status.value = notice(True, text("form.recorded", language))
        self._show_queue()
        self._show_charts()
        return True

    def export(self) -> bool:
        folder = self.folder.value.strip() or None
        return self._show_export(
            lambda: self.session.export_decisions(folder),
            text("export.failed", self.session.language),
        )

    # -- events ------------------------------------------------------------------------------

    def _on_upload(self, change: Mapping[str, Any]) -> None:
        if change["new"]:
            self.load_files(change["new"])
            self.upload.value = ()

    def _on_filter(self, change: Mapping[str, Any]) -> None:
        if self._syncing:
            return
        self.session.competency = self.competency.value or None
        self.session.state = self.state.value or None
        self.session.max_age_days = self.max_age.value or None
        self._show_queue()

    def _on_claim(self, change: Mapping[str, Any]) -> None:
        if self._syncing:
            return
        self._show_claim()
