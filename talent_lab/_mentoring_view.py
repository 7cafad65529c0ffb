"""The mentoring matcher: a thin ipywidgets view over a MentoringSession.

Everything the view shows is rendered into ``HTML.value`` or the network widget's graph, so
it works (and is tested) without a kernel: set a widget's value or click a button and read
the HTML or the graph.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, cast

import ipywidgets as widgets

from talent_core import TalentError, half_away, load
from talent_core.grouping import ManagerRule
from talent_core.mentoring import FitWeights, MatchSettings

from . import _mentoring_render as render
from ._export import download_link
from ._groups_render import page_count
from ._html import esc, notice
from ._mentoring_graph import ChainDrawing, chain_graph
from ._mentoring_messages import text
from ._mentoring_session import MENTORING_EXPORTS, FileKind, MentoringExport, MentoringSession
from ._messages import error_text, message, number
from ._view import _offer
from ._view_base import FIT_LABEL, NUMBER_FIELD, NotebookView, export_saved, language_menu

__all__ = ["MentoringView"]

_WIDE = {"description_width": "initial"}
_FILES: tuple[FileKind, ...] = ("mentees", "mentors", "history", "people", "volunteers")
_WEIGHTS = tuple(FitWeights.model_fields)
#: Position of the pay-it-forward tab.
NETWORK_TAB = 3


class MentoringView(NotebookView):
    """Tabs to load a programme, match, inspect and adjust pairs, see the chain and export."""

    session: MentoringSession

    def __init__(self, session: MentoringSession) -> None:
        self.session = session
        settings = session.settings
        self.language = language_menu(session.language)
        # mentees and mentors
        self.people_intro = widgets.HTML()
        self.uploads = {
            kind: widgets.FileUpload(accept=".csv", multiple=False, layout=FIT_LABEL)
            for kind in _FILES
        }
        self.upload_status = widgets.HTML()
        self.people_summary = widgets.HTML()
        # match
        self.match_intro = widgets.HTML()
        self.weights = {
            # a number field, not a slider: a slider's handle has no accessible name
            name: widgets.BoundedFloatText(
                value=getattr(settings.weights, name), min=0, max=100, step=5, **NUMBER_FIELD
            )
            for name in _WEIGHTS
        }
        self.line = widgets.Dropdown(style=_WIDE)
        self.require_language = widgets.Checkbox(
            layout=FIT_LABEL, value=settings.require_shared_language, indent=False
        )
        self.avoid_earlier = widgets.Checkbox(
            layout=FIT_LABEL, value=settings.avoid_earlier_pairs, indent=False
        )
        self.match_button = widgets.Button(layout=FIT_LABEL, icon="link", button_style="primary")
        self.match_status = widgets.HTML()
        # pairs
        self.warnings = widgets.HTML()
        self.edit_heading = widgets.HTML()
        self.edit_mentee = widgets.Dropdown(style=_WIDE)
        self.edit_mentor = widgets.Dropdown(style=_WIDE)
        self.assign_button = widgets.Button(layout=FIT_LABEL, icon="check")
        self.unassign_button = widgets.Button(layout=FIT_LABEL, icon="unlink")
        self.edit_other = widgets.Dropdown(style=_WIDE)
        self.swap_button = widgets.Button(layout=FIT_LABEL, icon="exchange")
        self.edit_status = widgets.HTML()
        self.page = widgets.BoundedIntText(value=1, min=1, max=1, style=_WIDE)
        self.pages = widgets.HTML()
        self.table = widgets.HTML()
        # network
        self.network_text = widgets.HTML()
        self.drawing = ChainDrawing()
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
                widgets.VBox(
                    [
                        self.people_intro,
                        widgets.HBox([self.uploads["mentees"], self.uploads["mentors"]]),
                        widgets.HBox([self.uploads["history"]]),
                        widgets.HBox([self.uploads["people"], self.uploads["volunteers"]]),
                        self.upload_status,
                        self.people_summary,
                    ]
                ),
                widgets.VBox(
                    [
                        self.match_intro,
                        *self.weights.values(),
                        self.line,
                        self.require_language,
                        self.avoid_earlier,
                        self.match_button,
                        self.match_status,
                    ]
                ),
                widgets.VBox(
                    [
                        self.warnings,
                        self.edit_heading,
                        widgets.HBox([self.edit_mentee, self.edit_mentor]),
                        widgets.HBox([self.assign_button, self.unassign_button]),
                        widgets.HBox([self.edit_other, self.swap_button]),
                        self.edit_status,
                        widgets.HBox([self.page, self.pages]),
                        self.table,
                    ]
                ),
                widgets.VBox([self.network_text, self.drawing.widget]),
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
        for kind in _FILES:
            self.uploads[kind].observe(
                lambda change, kind=kind: self._on_upload(kind, change), "value"
            )
        self.match_button.on_click(lambda _: self.match())
        self.edit_mentee.observe(self._on_mentee, "value")
        self.assign_button.on_click(lambda _: self.assign())
        self.unassign_button.on_click(lambda _: self.unassign())
        self.swap_button.on_click(lambda _: self.swap())
        self.page.observe(self._on_page, "value")
        self.tabs.observe(self._on_tab, "selected_index")
        self.export_button.on_click(lambda _: self.export())

    # -- rendering -------------------------------------------------------------------------

    def refresh(self) -> None:
        """Show the session in every label, table and the network, in its language."""
        self._syncing = True
        try:
            self._label(self.session.language)
        finally:
            self._syncing = False
        self.people_summary.value = render.people_summary(self.session)
        self._show_pairs()

    def _label(self, language: str) -> None:
        self.language.description = message("language", language)
        self.tabs.titles = tuple(
            text(f"tab.{tab}", language)
            for tab in ("people", "match", "pairs", "network", "export")
        )
        self.people_intro.value = f"<p>{esc(text('people.intro', language))}</p>"
        for kind in _FILES:
            self.uploads[kind].description = text(f"upload.{kind}", language)
        self.match_intro.value = f"<p>{esc(text('match.intro', language))}</p>"
        for name in _WEIGHTS:
            self.weights[name].description = text(f"weight.{name}", language)
        self.line.description = text("rule.line", language)
        _offer(
            self.line,
            [(text(f"line.{rule.value}", language), rule.value) for rule in ManagerRule],
            self.line.value or self.session.settings.line.value,
        )
        self.require_language.description = text("rule.language", language)
        self.avoid_earlier.description = text("rule.earlier", language)
        self.match_button.description = text("match.button", language)
        self.edit_heading.value = f"<h4>{esc(text('edit.heading', language))}</h4>"
        self.edit_mentee.description = text("edit.mentee", language)
        self.edit_mentor.description = text("edit.mentor", language)
        self.edit_other.description = text("edit.other", language)
        self.assign_button.description = text("edit.assign", language)
        self.unassign_button.description = text("edit.unassign", language)
        self.swap_button.description = text("edit.swap", language)
        self.page.description = text("page.label", language)
        self.export_intro.value = f"<p>{esc(text('export.intro', language))}</p>"
        self.export_kind.description = text("export.kind", language)
        _offer(
            self.export_kind,
            [(text(f"export.kind.{kind}", language), kind) for kind in MENTORING_EXPORTS],
            self.export_kind.value,
        )
        self.folder.description = message("export.folder", language)
        self.export_button.description = message("export.button", language)

    def _show_pairs(self) -> None:
        """Warnings, edit choices, the table page and the pay-it-forward network."""
        session = self.session
        mentees = [(f"{m.name} ({m.id})", m.id) for m in session.mentees]
        mentors = [(f"{m.name} ({m.id})", m.id) for m in session.mentors]
        self._syncing = True
        try:
            _offer(self.edit_mentee, mentees, self.edit_mentee.value)
            _offer(self.edit_other, mentees, self.edit_other.value)
            _offer(
                self.edit_mentor,
                mentors,
                session.pairs.get(self.edit_mentee.value or "", self.edit_mentor.value),
            )
            pages = page_count(len(session.mentees))
            self.page.max = pages
            self.page.value = min(self.page.value, pages)
        finally:
            self._syncing = False
        self.pages.value = esc(text("page.of", session.language, pages=self.page.max))
        self.warnings.value = render.warnings(session)
        self.table.value = render.pairs_page(session, self.page.value)
        self.drawing.show(chain_graph(session.chain(), session.names()))
        self.network_text.value = render.generations(session, self.drawing.graph.number_of_nodes())

    # -- actions ---------------------------------------------------------------------------

    def load_file(self, kind: FileKind, files: Sequence[Mapping[str, Any]]) -> bool:
        """Load the first uploaded file as mentees, mentors, history, people or volunteers."""
        if not files:
            return False
        name, language = str(files[0]["name"]), self.session.language
        try:
            self.session.load(kind, bytes(files[0]["content"]), name)
        except TalentError as error:
            self.upload_status.value = notice(
                False, text("upload.failed", language, file=name), error_text(error, language)
            )
            return False
        self.upload_status.value = notice(True, text("upload.ok", language, file=name))
        self.refresh()
        return True

    def settings(self) -> MatchSettings:
        """The weights and rules as set in the widgets."""
        return load(
            MatchSettings,
            {
                "weights": {name: self.weights[name].value for name in _WEIGHTS},
                "line": self.line.value,
                "require_shared_language": self.require_language.value,
                "avoid_earlier_pairs": self.avoid_earlier.value,
            },
        )

    def match(self) -> bool:
        """Match with the widgets' settings; False (pairs kept) if it failed."""
        session, language = self.session, self.session.language
        try:
            session.match(self.settings())
        except TalentError as error:
            self.match_status.value = notice(
                False, text("match.failed", language), error_text(error, language)
            )
            return False
        rows = session.rows()
        scored = [row.fit.score for row in rows if row.fit is not None]
        self.match_status.value = notice(
            True,
            text(
                "match.ok",
                language,
                matched=len(scored),
                mentees=len(rows),
                mean=number(half_away(sum(scored) / len(scored), 1), language, 1)
                if scored
                else number(0, language),
            ),
        )
        self._show_pairs()
        self.tabs.selected_index = 2
        return True

    def _edit(self, action: Callable[[], None], changed: Sequence[str]) -> bool:
        """Run a hand edit; show the changed mentees' mentors, or why nothing changed."""
        session, language = self.session, self.session.language
        if not session.matched:
            self.edit_status.value = notice(False, text("match.none", language))
            return False
        try:
            action()
        except TalentError as error:
            self.edit_status.value = notice(
                False, text("edit.failed", language), error_text(error, language)
            )
            return False
        self._show_pairs()
        names = session.names()
        pairs = "; ".join(
            f"{names[mentee]} → "
            + names.get(session.pairs.get(mentee, ""), text("pairs.none", language))
            for mentee in changed
        )
        self.edit_status.value = notice(True, text("edit.ok", language, pairs=pairs))
        return True

    def assign(self) -> bool:
        """Give the chosen mentee the chosen mentor (warned about, if it breaks a rule)."""
        mentee, mentor = self.edit_mentee.value, self.edit_mentor.value
        return self._edit(lambda: self.session.assign(mentee, mentor), [mentee])

    def unassign(self) -> bool:
        """Leave the chosen mentee without a mentor."""
        mentee = self.edit_mentee.value
        return self._edit(lambda: self.session.unassign(mentee), [mentee])

    def swap(self) -> bool:
        """Exchange the mentors of the chosen mentee and the other chosen mentee."""
        first, second = self.edit_mentee.value, self.edit_other.value
        return self._edit(lambda: self.session.swap(first, second), [first, second])

    def export(self) -> bool:
        """Export the chosen file to the chosen folder and offer it for download."""
        session, language = self.session, self.session.language
        kind = cast(MentoringExport, self.export_kind.value)
        try:
            exported = session.export(kind, self.folder.value.strip() or None)
        except TalentError as error:
            self.export_status.value = notice(
                False, text("export.failed", language), error_text(error, language)
            )
            return False
        status = export_saved(exported, language)
        problem = session.roster_problem(exported) if kind == "roster" else None
        if problem:
            status += notice(False, text("export.roster_refused", language, problem=problem))
        self.export_status.value = status + download_link(exported, language)
        return True

    # -- widget events ---------------------------------------------------------------------

    def _on_upload(self, kind: FileKind, change: Mapping[str, Any]) -> None:
        if change["new"]:
            self.load_file(kind, change["new"])
            self.uploads[kind].value = ()  # lets the same file be chosen again after a fix

    def _on_mentee(self, change: Mapping[str, Any]) -> None:
        """Preselect the chosen mentee's current mentor."""
        if self._syncing:
            return
        mentor = self.session.pairs.get(change["new"] or "")
        if mentor is not None:
            self.edit_mentor.value = mentor

    def _on_tab(self, change: Mapping[str, Any]) -> None:
        """Fit the network once it is visible: a hidden one cannot measure its box."""
        if change["new"] == NETWORK_TAB:
            self.drawing.refit()

    def _on_page(self, change: Mapping[str, Any]) -> None:
        if not self._syncing:
            self.table.value = render.pairs_page(self.session, self.page.value)
