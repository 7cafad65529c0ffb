"""The framework explorer: a thin ipywidgets view over a FrameworkSession.

Everything the view shows is rendered into ``HTML.value``, never printed into an ``Output``
context, so it works (and is tested) without a kernel: set a widget's value or click a
button and read the HTML.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import ipywidgets as widgets

from talent_core import TalentError, localize
from talent_core.formats import FORMATS, IMPORT_FORMATS

from . import _render
from ._export import download_link
from ._html import esc, notice
from ._messages import LANGUAGE_NAMES, UI_LANGUAGES, error_text, message
from ._session import FrameworkSession
from ._view_base import FIT_LABEL, NotebookView, export_saved

__all__ = ["FrameworkExplorerView"]

_WIDE = {"description_width": "initial"}


def _offer(dropdown: Any, options: list[tuple[str, str]], keep: str | None) -> None:
    """Give a dropdown new options, keeping its choice if still offered, else the first.

    The menu is as wide as its longest option, so no choice is cut off in any language.
    """
    dropdown.layout.width = "max-content"
    values = [value for _, value in options]
    dropdown.options = options
    dropdown.value = keep if keep in values else (values[0] if values else None)


class FrameworkExplorerView(NotebookView):
    """Tabs to look through, import and export the session's framework in a chosen language."""

    session: FrameworkSession

    def __init__(self, session: FrameworkSession) -> None:
        self.session = session
        self.language = widgets.Dropdown(style=_WIDE)
        self.overview = widgets.HTML()
        self.table = widgets.HTML()
        self.competency = widgets.Dropdown(style=_WIDE, layout={"width": "max-content"})
        self.detail = widgets.HTML()
        self.roles = widgets.HTML()
        self.import_intro = widgets.HTML()
        self.import_format = widgets.Dropdown(style=_WIDE)
        #: Moodle CSV does not say its language; HR does (an English export viewed in Swedish).
        self.import_language = widgets.Dropdown(style=_WIDE)
        self.upload = widgets.FileUpload(accept=".json,.csv", multiple=False, layout=FIT_LABEL)
        self.import_status = widgets.HTML()
        self.export_intro = widgets.HTML()
        self.export_format = widgets.Dropdown(style=_WIDE)
        self.folder = widgets.Text(value=str(session.out_dir), style=_WIDE)
        self.export_button = widgets.Button(
            layout=FIT_LABEL, icon="download", button_style="primary"
        )
        self.export_status = widgets.HTML()
        self.tabs = widgets.Tab(
            children=[
                self.overview,
                self.table,
                widgets.VBox([self.competency, self.detail]),
                self.roles,
                widgets.VBox(
                    [
                        self.import_intro,
                        self.import_format,
                        self.import_language,
                        self.upload,
                        self.import_status,
                    ]
                ),
                widgets.VBox(
                    [
                        self.export_intro,
                        self.export_format,
                        self.folder,
                        self.export_button,
                        self.export_status,
                    ]
                ),
            ]
        )
        self.widget = widgets.VBox([self.language, self.tabs])
        self.language.observe(self._on_language, "value")
        self.competency.observe(self._on_competency, "value")
        self.upload.observe(self._on_upload, "value")
        self.export_button.on_click(self._on_export)
        self.refresh()

    # -- rendering -------------------------------------------------------------------------

    def refresh(self) -> None:
        """Show the session's framework and language in every label and tab."""
        session, language = self.session, self.session.language
        self._syncing = True
        try:
            _offer(
                self.language,
                [(LANGUAGE_NAMES.get(code, code), code) for code in session.languages()],
                language,
            )
            _offer(
                self.competency,
                [
                    (localize(node.name, language), node.id)
                    for node in session.framework.competencies()
                ],
                self.competency.value,
            )
            _offer(
                self.import_format,
                [(message(f"format.{fmt}", language), fmt) for fmt in ("auto", *IMPORT_FORMATS)],
                self.import_format.value,
            )
            _offer(
                self.import_language,
                [(LANGUAGE_NAMES[code], code) for code in UI_LANGUAGES],
                self.import_language.value or language,
            )
            _offer(
                self.export_format,
                [(message(f"format.{fmt}", language), fmt) for fmt in FORMATS],
                self.export_format.value,
            )
        finally:
            self._syncing = False
        self.language.description = message("language", language)
        self.competency.description = message("detail.choose", language)
        self.import_format.description = message("import.format", language)
        self.import_language.description = message("import.language", language)
        self.upload.description = message("import.choose", language)
        self.export_format.description = message("export.format", language)
        self.folder.description = message("export.folder", language)
        self.export_button.description = message("export.button", language)
        self.import_intro.value = f"<p>{esc(message('import.intro', language))}</p>"
        self.export_intro.value = f"<p>{esc(message('export.intro', language))}</p>"
        self.tabs.titles = tuple(
            message(f"tab.{tab}", language)
            for tab in ("overview", "table", "competency", "roles", "import", "export")
        )
        self.overview.value = _render.overview(session)
        self.table.value = _render.competency_table(session)
        self.roles.value = _render.required_levels(session)
        self._show_competency()

    def _show_competency(self) -> None:
        self.detail.value = _render.competency_detail(
            self.session.framework, self.competency.value, self.session.language
        )

    # -- actions ---------------------------------------------------------------------------

    def import_files(self, files: Sequence[Mapping[str, Any]]) -> bool:
        """Import the first uploaded file (FileUpload's value format); False if it failed."""
        if not files:
            return False
        upload = files[0]
        filename, language = str(upload["name"]), self.session.language
        before = localize(self.session.framework.name, language)
        fmt = self.import_format.value
        try:
            self.session.import_file(
                bytes(upload["content"]),
                filename,
                None if fmt == "auto" else fmt,
                language=self.import_language.value,
            )
        except TalentError as error:
            self.import_status.value = notice(
                False,
                message("import.failed", language, file=filename, framework=before),
                error_text(error, language),
            )
            return False
        self.refresh()
        self.import_status.value = notice(
            True,
            message(
                "import.ok",
                language,
                framework=localize(self.session.framework.name, language),
                file=filename,
                competencies=len(self.session.framework.competencies()),
            ),
        )
        return True

    def export(self) -> bool:
        """Export in the chosen format to the chosen folder and offer the file for download."""
        language = self.session.language
        try:
            exported = self.session.export(
                self.export_format.value, self.folder.value.strip() or None
            )
        except TalentError as error:
            self.export_status.value = notice(
                False, message("export.failed", language), error_text(error, language)
            )
            return False
        status = export_saved(exported, language)
        self.export_status.value = status + download_link(exported, language)
        return True

    # -- widget events ---------------------------------------------------------------------

    def _on_competency(self, change: Mapping[str, Any]) -> None:
        if not self._syncing:
            self._show_competency()

    def _on_upload(self, change: Mapping[str, Any]) -> None:
        if change["new"]:
            self.import_files(change["new"])
            self.upload.value = ()  # lets the same file be chosen again after a fix

    def _on_export(self, _button: Any) -> None:
        self.export()
