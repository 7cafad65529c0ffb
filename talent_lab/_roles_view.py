"""The role-profile editor of notebook 01: a thin ipywidgets view over a RoleSession.

HR picks a role (or starts a new one, or copies one), edits its name and description in
English, Swedish and Dutch and, per competency picked from the loaded framework, the required
level and the importance (1-5). Every change is checked as it is typed; Save keeps the role
only when nothing is wrong. Role files come in and go out as JSON or the role CSV. Everything
is rendered into widget values (no printing), so the view works and is tested without a kernel.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import ipywidgets as widgets

from talent_core import Problem, TalentError, localize
from talent_core.formats import ROLE_FORMATS
from talent_core.i18n import translate

from ._export import download_link
from ._html import Markup, esc, notice
from ._messages import LANGUAGE_NAMES, UI_LANGUAGES, error_text, message
from ._roles_session import Draft, RoleSession, draft_of
from ._session import FrameworkSession
from ._view_base import FIT_LABEL, NotebookView, export_saved, language_menu

__all__ = ["RoleEditorView"]

_WIDE = {"description_width": "initial"}
_FIELD = {"width": "min(100%, 40em)"}


def _m(key: str, language: str, **fields: object) -> str:
    return translate(f"lab.role_editor.{key}", language, **fields)


class _RequirementRow:
    """The controls of one requirement: its level, its importance, and a remove button."""

    def __init__(self, competency_id: str, level: int, importance: int) -> None:
        self.competency_id = competency_id
        self.level = widgets.Dropdown(style=_WIDE, layout={"width": "max-content"})
        self.importance = widgets.Dropdown(
            options=[(str(i), i) for i in range(1, 6)],
            value=importance,
            style=_WIDE,
            layout={"width": "max-content"},
        )
        self.remove = widgets.Button(icon="trash", layout=FIT_LABEL)
        self.widget = widgets.HBox([self.level, self.importance, self.remove])
        self._level = level

    def label(self, view: RoleEditorView) -> None:
        """Words and level choices in the display language."""
        framework, language = view.session.session.framework, view.session.language
        if self.level.value is not None:
            self._level = self.level.value
        name = self.competency_id
        options = [(str(self._level), self._level)]
        if framework.has_node(self.competency_id):
            name = localize(framework.node(self.competency_id).name, language)
            if framework.competency_problem(self.competency_id) is None:
                scale = framework.scale_for(self.competency_id)
                options = [
                    (f"{lv.value} – {localize(lv.label, language)}", lv.value)
                    for lv in scale.levels
                ]
                if self._level not in scale.values:
                    options.insert(0, (f"{self._level} – ?", self._level))
        self.level.options = options
        self.level.value = self._level
        self.level.description = _m("level", language, competency=name)
        self.importance.description = _m("importance", language, competency=name)
        self.remove.description = _m("remove", language, competency=name)
        self.remove.tooltip = self.remove.description

    def value(self) -> dict[str, Any]:
        self._level = self.level.value
        return {
            "competency_id": self.competency_id,
            "level": self.level.value,
            "importance": self.importance.value,
        }


class RoleEditorView(NotebookView):
    """Create, copy, edit, import and export role profiles against the loaded framework."""

    session: RoleSession

    def __init__(
        self,
        session: FrameworkSession | RoleSession,
        on_change: Callable[[], None] | None = None,
    ) -> None:
        self.session = session if isinstance(session, RoleSession) else RoleSession(session)
        #: Called after the saved roles change (the explorer's role table refreshes).
        self.on_change = on_change
        language = self.session.language
        self.language = language_menu(language)
        self.intro = widgets.HTML()
        self.misfit = widgets.HTML()
        self.pick = widgets.Dropdown(style=_WIDE, layout={"width": "max-content"})
        self.new_button = widgets.Button(icon="plus", layout=FIT_LABEL)
        self.copy_button = widgets.Button(icon="copy", layout=FIT_LABEL)
        self.delete_button = widgets.Button(icon="trash", layout=FIT_LABEL)
        self.role_id = widgets.Text(style=_WIDE, layout=_FIELD)
        self.names = {code: widgets.Text(style=_WIDE, layout=_FIELD) for code in UI_LANGUAGES}
        self.descriptions = {
            code: widgets.Textarea(style=_WIDE, layout=_FIELD) for code in UI_LANGUAGES
        }
        self.requirements_heading = widgets.HTML()
        self.rows: list[_RequirementRow] = []
        self.requirements_box = widgets.VBox()
        self.competency = widgets.Dropdown(style=_WIDE, layout={"width": "max-content"})
        self.add_button = widgets.Button(icon="plus", layout=FIT_LABEL)
        self.problems = widgets.HTML()
        self.save_button = widgets.Button(icon="check", button_style="primary", layout=FIT_LABEL)
        self.save_status = widgets.HTML()
        self.import_intro = widgets.HTML()
        self.upload = widgets.FileUpload(accept=".json,.csv", multiple=False, layout=FIT_LABEL)
        self.import_status = widgets.HTML()
        self.export_intro = widgets.HTML()
        self.export_format = widgets.Dropdown(style=_WIDE, layout={"width": "max-content"})
        self.folder = widgets.Text(value=str(self.session.session.out_dir), style=_WIDE)
        self.export_button = widgets.Button(
            layout=FIT_LABEL, icon="download", button_style="primary"
        )
        self.export_status = widgets.HTML()
        self.tabs = widgets.Tab(
            children=[
                widgets.VBox(
                    [
                        self.intro,
                        self.misfit,
                        self.pick,
                        widgets.HBox([self.new_button, self.copy_button, self.delete_button]),
                        self.role_id,
                        *self.names.values(),
                        *self.descriptions.values(),
                        self.requirements_heading,
                        self.requirements_box,
                        widgets.HBox([self.competency, self.add_button]),
                        self.problems,
                        self.save_button,
                        self.save_status,
                    ]
                ),
                widgets.VBox([self.import_intro, self.upload, self.import_status]),
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
        #: The id of the saved role the form edits; None for a new one.
        self.editing: str | None = None
        self.language.observe(self._on_language, "value")
        self.pick.observe(self._on_pick, "value")
        self.new_button.on_click(lambda _: self.new_role())
        self.copy_button.on_click(lambda _: self.copy_role())
        self.delete_button.on_click(lambda _: self.delete_role())
        self.add_button.on_click(lambda _: self.add_requirement())
        self.save_button.on_click(lambda _: self.save())
        self.upload.observe(self._on_upload, "value")
        self.export_button.on_click(lambda _: self.export())
        for control in (self.role_id, *self.names.values(), *self.descriptions.values()):
            control.observe(self._on_edit, "value")
        self._show_first()

    def _show_first(self) -> None:
        roles = self.session.roles
        if roles:
            self.load_draft(draft_of(roles[0]), roles[0].id)
        else:
            self.load_draft(self.session.new_draft(), None)

    # -- the form ----------------------------------------------------------------------------

    def draft(self) -> Draft:
        """The role as the form holds it now."""
        return {
            "id": self.role_id.value.strip(),
            "name": {code: w.value.strip() for code, w in self.names.items() if w.value.strip()},
            "description": {
                code: w.value.strip() for code, w in self.descriptions.items() if w.value.strip()
            },
            "requirements": [row.value() for row in self.rows],
        }

    def load_draft(self, draft: Draft, editing: str | None) -> None:
        """Show ``draft`` in the form; ``editing`` is the saved role it changes (None: new)."""
        self.editing = editing
        self._syncing = True
        try:
            self.role_id.value = str(draft.get("id", ""))
            for code, control in self.names.items():
                control.value = draft.get("name", {}).get(code, "")
            for code, control in self.descriptions.items():
                control.value = draft.get("description", {}).get(code, "")
            self.rows = [
                self._row(r["competency_id"], r["level"], r.get("importance", 3))
                for r in draft.get("requirements", [])
            ]
        finally:
            self._syncing = False
        self.refresh()

    def _row(self, competency_id: str, level: int, importance: int) -> _RequirementRow:
        row = _RequirementRow(competency_id, level, importance)
        row.level.observe(self._on_edit, "value")
        row.importance.observe(self._on_edit, "value")
        row.remove.on_click(lambda _: self.remove_requirement(competency_id))
        return row

    # -- rendering ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Words, choices and checks in the session's language."""
        session, language = self.session, self.session.language
        framework = session.session.framework
        self._syncing = True
        try:
            self.language.value = language
            self.pick.options = [(_m("pick.new", language), ""), *session.role_names()]
            self.pick.value = self.editing if self.editing in {r.id for r in session.roles} else ""
            chosen = {row.competency_id for row in self.rows}
            self.competency.options = [
                (localize(c.name, language), c.id)
                for c in framework.competencies()
                if c.id not in chosen
            ]
            keep = self.export_format.value or "csv"
            self.export_format.options = [
                (_m(f"format.{fmt}", language), fmt) for fmt in ROLE_FORMATS
            ]
            self.export_format.value = keep
            for row in self.rows:
                row.label(self)
            self.requirements_box.children = [row.widget for row in self.rows]
        finally:
            self._syncing = False
        self.language.description = message("language", language)
        self.pick.description = _m("pick", language)
        self.new_button.description = _m("new", language)
        self.copy_button.description = _m("copy", language)
        self.delete_button.description = _m("delete", language)
        self.role_id.description = _m("id", language)
        for code, control in self.names.items():
            control.description = _m("name", language, language_name=LANGUAGE_NAMES[code])
        for code, control in self.descriptions.items():
            control.description = _m("description", language, language_name=LANGUAGE_NAMES[code])
        self.competency.description = _m("competency", language)
        self.add_button.description = _m("add", language)
        self.save_button.description = _m("save", language)
        self.upload.description = _m("import.choose", language)
        self.export_format.description = _m("export.format", language)
        self.folder.description = message("export.folder", language)
        self.export_button.description = _m("export.button", language)
        self.intro.value = f"<p>{esc(_m('intro', language))}</p>"
        self.import_intro.value = f"<p>{esc(_m('import.intro', language))}</p>"
        self.export_intro.value = f"<p>{esc(_m('export.intro', language))}</p>"
        self.requirements_heading.value = f"<h4>{esc(_m('requirements', language))}</h4>"
        self.tabs.titles = tuple(_m(f"tab.{tab}", language) for tab in ("edit", "import", "export"))
        self.copy_button.disabled = self.delete_button.disabled = self.editing is None
        misfits = session.misfits()
        self.misfit.value = (
            notice(False, _m("misfit", language, count=len(misfits)), self._listed(misfits))
            if misfits
            else ""
        )
        self.check()

    def _field_label(self, field: str) -> str:
        language = self.session.language
        head = field.split(".")[0]
        if head == "id":
            return _m("id.short", language)
        if head in ("name", "description"):
            return _m(f"{head}.short", language)
        if head.startswith("requirements["):
            index = int(head[len("requirements[") : -1])
            if index < len(self.rows):
                framework = self.session.session.framework
                cid = self.rows[index].competency_id
                if framework.has_node(cid):
                    return localize(framework.node(cid).name, language)
                return cid
        if head == "requirements":
            return _m("requirements", language)
        return field

    def _listed(self, problems: Sequence[Problem]) -> str:
        language = self.session.language
        return "\n".join(f"{p.field}: {p.text(language)}" for p in problems)

    def check(self) -> list[Problem]:
        """Check the form as it is and show what is wrong (nothing when it can be saved)."""
        language = self.session.language
        problems = self.session.problems(self.draft(), self.editing)
        if not problems:
            self.problems.value = notice(True, _m("valid", language))
            return []
        items = "".join(
            f"<li>{esc(self._field_label(p.field))}: {esc(p.text(language))}</li>" for p in problems
        )
        self.problems.value = Markup(
            f'<div role="status" aria-live="polite"><p style="margin:.3em 0">'
            f"{esc(_m('problems', language, count=len(problems)))}</p><ul>{items}</ul></div>"
        )
        return problems

    # -- actions -----------------------------------------------------------------------------

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()

    def new_role(self) -> None:
        self.load_draft(self.session.new_draft(), None)
        self.save_status.value = ""

    def copy_role(self) -> None:
        if self.editing is None:
            return
        self.load_draft(self.session.copy_draft(self.editing), None)
        self.save_status.value = notice(True, _m("copied", self.session.language))

    def delete_role(self) -> bool:
        language = self.session.language
        if self.editing is None:
            return False
        try:
            self.session.delete(self.editing)
        except TalentError as error:
            self.save_status.value = notice(
                False, _m("failed", language), error_text(error, language)
            )
            return False
        self._show_first()
        self.save_status.value = notice(True, _m("deleted", language))
        self._changed()
        return True

    def add_requirement(self, competency_id: str | None = None) -> bool:
        """Add the chosen competency at the middle of its scale (HR then sets the level)."""
        framework = self.session.session.framework
        chosen = competency_id or self.competency.value
        if not chosen or any(row.competency_id == chosen for row in self.rows):
            return False
        values = framework.scale_for(chosen).values
        self.rows.append(self._row(chosen, values[len(values) // 2], 3))
        self.refresh()
        return True

    def remove_requirement(self, competency_id: str) -> None:
        self.rows = [row for row in self.rows if row.competency_id != competency_id]
        self.refresh()

    def save(self) -> bool:
        """Save the form's role; False (and every problem shown) when something is wrong."""
        language = self.session.language
        try:
            role = self.session.save(self.draft(), self.editing)
        except TalentError as error:
            self.check()
            self.save_status.value = notice(
                False, _m("failed", language), error_text(error, language)
            )
            return False
        self.editing = role.id
        self.refresh()
        name = localize(role.name, language)
        self.save_status.value = notice(True, _m("saved", language, role=name))
        self._changed()
        return True

    def import_files(self, files: Sequence[Mapping[str, Any]]) -> bool:
        """Import the first uploaded role file (FileUpload's value format); False if refused."""
        if not files:
            return False
        upload, language = files[0], self.session.language
        filename = str(upload["name"])
        try:
            roles = self.session.import_file(bytes(upload["content"]), filename)
        except TalentError as error:
            self.import_status.value = notice(
                False, _m("import.failed", language, file=filename), error_text(error, language)
            )
            return False
        self.load_draft(draft_of(roles[0]), roles[0].id)
        self.import_status.value = notice(
            True, _m("import.ok", language, file=filename, count=len(roles))
        )
        self._changed()
        return True

    def export(self) -> bool:
        language = self.session.language
        try:
            exported = self.session.export(
                self.export_format.value, self.folder.value.strip() or None
            )
        except TalentError as error:
            self.export_status.value = notice(
                False, _m("export.failed", language), error_text(error, language)
            )
            return False
        self.export_status.value = export_saved(exported, language) + download_link(
            exported, language
        )
        return True

    # -- widget events -----------------------------------------------------------------------

    def _on_pick(self, change: Mapping[str, Any]) -> None:
        if self._syncing or not change["new"]:
            return
        self.load_draft(draft_of(self.session.role(change["new"])), change["new"])
        self.save_status.value = ""

    def _on_edit(self, change: Mapping[str, Any]) -> None:
        if not self._syncing:
            self.check()

    def _on_upload(self, change: Mapping[str, Any]) -> None:
        if change["new"]:
            self.import_files(change["new"])
            self.upload.value = ()
