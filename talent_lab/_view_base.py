"""What every HR notebook view shares: the language menu, showing itself, export messages."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol

import ipywidgets as widgets

from talent_core import TalentError

from ._export import ExportedFile, download_link
from ._html import Markup, notice
from ._messages import LANGUAGE_NAMES, UI_LANGUAGES, error_text, message, number

__all__ = ["FIT_LABEL", "NUMBER_FIELD", "NotebookView", "export_saved", "language_menu"]

_WIDE = {"description_width": "initial"}
#: Arguments of a number field that show its whole label (ipywidgets cuts a description at
#: about 8em otherwise). Settings are number fields rather than sliders: ipywidgets gives a
#: slider's handle no accessible name, so a screen reader announces an unnamed slider.
NUMBER_FIELD: dict[str, Any] = {
    "style": {"description_width": "initial"},
    "layout": {"width": "max-content"},
}
#: Layout of a button, upload button or checkbox as wide as its label, in every language
#: (ipywidgets cuts a label at a fixed width: "Tarieven toepa…"); "auto" would stretch it
#: across a column.
FIT_LABEL: dict[str, str] = {"width": "max-content"}


class _Session(Protocol):
    language: str


def language_menu(language: str) -> widgets.Dropdown:
    """The display-language menu every notebook view opens with."""
    return widgets.Dropdown(
        options=[(LANGUAGE_NAMES[code], code) for code in UI_LANGUAGES],
        value=language,
        style=_WIDE,
    )


def export_saved(exported: ExportedFile, language: str) -> Markup:
    """The "written to …" notice of an export, its size in the language's number format."""
    size = f"{number(len(exported.data) / 1024, language, 1)} KB"
    return notice(True, message("export.ok", language, path=exported.path, size=size))


class NotebookView:
    """Base of the views: a session with a language, a top widget, and ``refresh()``."""

    session: _Session
    widget: widgets.Widget
    export_status: widgets.HTML
    _syncing: bool = False

    def _show_export(self, write: Callable[[], ExportedFile], failed: str) -> bool:
        """Run an export and say in ``export_status`` where it was written, with a download
        link, or why it failed (headed by ``failed``, the view's own words)."""
        language = self.session.language
        try:
            exported = write()
        except TalentError as error:
            self.export_status.value = notice(False, failed, error_text(error, language))
            return False
        self.export_status.value = export_saved(exported, language) + download_link(
            exported, language
        )
        return True

    def refresh(self) -> None:
        raise NotImplementedError

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        """Show the view itself when it ends a notebook cell."""
        return self.widget._repr_mimebundle_(**kwargs)

    def _on_language(self, change: Mapping[str, Any]) -> None:
        if self._syncing or change["new"] is None:
            return
        self.session.language = change["new"]
        # what an earlier action reported is in the language before: not left half translated
        for name, value in vars(self).items():
            if name.endswith("_status") and isinstance(value, widgets.HTML):
                value.value = ""
        self.refresh()
