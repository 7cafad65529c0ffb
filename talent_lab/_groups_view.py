"""The intervision group designer: a thin ipywidgets view over a GroupingSession.

Everything the view shows is rendered into ``HTML.value`` or plotly ``FigureWidget`` data,
never printed into an ``Output`` context, so it works (and is tested) without a kernel: set a
widget's value or click a button and read the HTML or the figure's data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal, cast

import ipywidgets as widgets

from talent_core import TalentError
from talent_core.grouping import OPEN_EDX_MODES, AttributeGoal, ManagerRule, Policy

from . import _groups_render as render
from ._export import download_link
from ._groups_chart import GroupChart
from ._groups_messages import text
from ._groups_session import EXPORT_KINDS, ExportKind, GroupingSession, PairKind
from ._html import Markup, esc, notice
from ._messages import error_text, message, number
from ._view import _offer
from ._view_base import FIT_LABEL, NUMBER_FIELD, NotebookView, export_saved, language_menu

__all__ = ["GroupingView"]

_WIDE = {"description_width": "initial"}
_GOALS = ("department", "location", "seniority")
_UPLOADS: tuple[PairKind | Literal["history"], ...] = ("together", "apart", "history")
#: Largest demo organisation the notebook generates (as talent_core allows).
MAX_DEMO = 100_000


def _heading(label: str) -> widgets.HTML:
    return widgets.HTML(f"<h4>{esc(label)}</h4>")


class GroupingView(NotebookView):
    """Tabs to load people, set rules and goals, design and adjust groups, and export them."""

    session: GroupingSession
    #: The person the last search selected in the move form, while the form still shows them.
    _found: str | None = None

    def __init__(self, session: GroupingSession) -> None:
        self.session = session
        options = session.options
        # header and people
        self.language = language_menu(session.language)
        self.people_intro = widgets.HTML()
        self.demo_size = widgets.BoundedIntText(
            value=max(20, len(session.people) or 60), min=20, max=MAX_DEMO, style=_WIDE
        )
        self.demo_seed = widgets.IntText(value=1, style=_WIDE)
        self.generate_button = widgets.Button(layout=FIT_LABEL, icon="users")
        self.people_upload = widgets.FileUpload(accept=".csv", multiple=False, layout=FIT_LABEL)
        self.people_status = widgets.HTML()
        self.people_summary = widgets.HTML()
        # rules and goals
        self.hard_heading = widgets.HTML()
        # Number fields, not sliders: a slider's handle has no accessible name in ipywidgets.
        self.min_size = widgets.BoundedIntText(
            value=options.min_size, min=2, max=20, **NUMBER_FIELD
        )
        self.max_size = widgets.BoundedIntText(
            value=options.max_size, min=2, max=20, **NUMBER_FIELD
        )
        self.same_language = widgets.Checkbox(
            layout=FIT_LABEL, value=options.same_language, indent=False
        )
        self.manager_rule = widgets.Dropdown(style=_WIDE)
        self.uploads = {
            kind: widgets.FileUpload(accept=".csv", multiple=False, layout=FIT_LABEL)
            for kind in _UPLOADS
        }
        self.clear_buttons = {
            kind: widgets.Button(layout=FIT_LABEL, icon="times") for kind in _UPLOADS
        }
        self.upload_status = {kind: widgets.HTML() for kind in _UPLOADS}
        self.goals_heading = widgets.HTML()
        self.policies = {name: widgets.Dropdown(style=_WIDE) for name in _GOALS}
        self.weights = {
            name: widgets.BoundedFloatText(
                value=cast(AttributeGoal, getattr(options, name)).weight,
                min=0,
                max=10,
                step=0.5,
                **NUMBER_FIELD,
            )
            for name in _GOALS
        }
        self.timezone_weight = widgets.BoundedFloatText(
            value=options.timezone_weight, min=0, max=10, step=0.5, **NUMBER_FIELD
        )
        self.band_hours = widgets.BoundedIntText(
            value=options.timezone_band_hours, min=1, max=12, **NUMBER_FIELD
        )
        self.repeat_weight = widgets.BoundedFloatText(
            value=options.repeat_weight, min=0, max=10, step=0.5, **NUMBER_FIELD
        )
        self.run_heading = widgets.HTML()
        self.seed = widgets.IntText(value=1, style=_WIDE)
        self.time_limit = widgets.BoundedFloatText(value=60, min=0, max=3600, style=_WIDE)
        self.run_button = widgets.Button(layout=FIT_LABEL, icon="play", button_style="primary")
        self.progress = widgets.IntProgress(value=0, min=0, max=100, style=_WIDE)
        self.run_status = widgets.HTML()
        # groups
        self.summary = widgets.HTML()
        self.notices = widgets.HTML()
        self.move_heading = widgets.HTML()
        self.find = widgets.Text(style=_WIDE, continuous_update=False)
        self.find_button = widgets.Button(layout=FIT_LABEL, icon="search")
        self.move_group = widgets.Dropdown(style=_WIDE)
        self.move_person = widgets.Dropdown(style=_WIDE)
        self.move_target = widgets.Dropdown(style=_WIDE)
        self.move_button = widgets.Button(layout=FIT_LABEL, icon="arrow-right")
        self.move_status = widgets.HTML()
        self.sort = widgets.Dropdown(style=_WIDE)
        self.page = widgets.BoundedIntText(value=1, min=1, max=1, style=_WIDE)
        self.pages = widgets.HTML()
        self.table = widgets.HTML()
        self.chart_attribute = widgets.Dropdown(style=_WIDE)
        self.chart = GroupChart()
        # export
        self.export_intro = widgets.HTML()
        self.export_kind = widgets.Dropdown(style=_WIDE)
        self.teamset = widgets.Text(value="intervision", style=_WIDE)
        self.mode = widgets.Dropdown(style=_WIDE)
        self.header = widgets.Dropdown(style=_WIDE)
        self.folder = widgets.Text(value=str(session.out_dir), style=_WIDE)
        self.export_button = widgets.Button(
            layout=FIT_LABEL, icon="download", button_style="primary"
        )
        self.export_status = widgets.HTML()

        self.tabs = widgets.Tab(
            children=[
                self._people_tab(),
                self._rules_tab(),
                self._groups_tab(),
                self._export_tab(),
            ]
        )
        self.widget = widgets.VBox([self.language, self.tabs])
        self._wire()
        self.refresh()

    # -- layout ----------------------------------------------------------------------------

    def _people_tab(self) -> widgets.Widget:
        return widgets.VBox(
            [
                self.people_intro,
                widgets.HBox([self.demo_size, self.demo_seed, self.generate_button]),
                self.people_upload,
                self.people_status,
                self.people_summary,
            ]
        )

    def _rules_tab(self) -> widgets.Widget:
        uploads = [
            widgets.HBox([self.uploads[k], self.clear_buttons[k], self.upload_status[k]])
            for k in _UPLOADS
        ]
        goals = [widgets.HBox([self.policies[n], self.weights[n]]) for n in _GOALS]
        return widgets.VBox(
            [
                self.hard_heading,
                widgets.HBox([self.min_size, self.max_size]),
                self.same_language,
                self.manager_rule,
                *uploads,
                self.goals_heading,
                *goals,
                widgets.HBox([self.timezone_weight, self.band_hours]),
                widgets.HBox([self.repeat_weight]),
                self.run_heading,
                widgets.HBox([self.seed, self.time_limit]),
                widgets.HBox([self.run_button, self.progress]),
                self.run_status,
            ]
        )

    def _groups_tab(self) -> widgets.Widget:
        return widgets.VBox(
            [
                self.summary,
                self.notices,
                self.move_heading,
                widgets.HBox([self.find, self.find_button]),
                widgets.HBox([self.move_group, self.move_person]),
                widgets.HBox([self.move_target, self.move_button]),
                self.move_status,
                widgets.HBox([self.sort, self.page, self.pages]),
                self.table,
                self.chart_attribute,
                self.chart.figure,
            ]
        )

    def _export_tab(self) -> widgets.Widget:
        return widgets.VBox(
            [
                self.export_intro,
                self.export_kind,
                self.teamset,
                self.mode,
                self.header,
                self.folder,
                self.export_button,
                self.export_status,
            ]
        )

    def _wire(self) -> None:
        self.language.observe(self._on_language, "value")
        self.generate_button.on_click(lambda _: self.generate())
        self.people_upload.observe(self._on_people_upload, "value")
        for kind in _UPLOADS:
            self.uploads[kind].observe(
                lambda change, kind=kind: self._on_rule_upload(kind, change), "value"
            )
            self.clear_buttons[kind].on_click(lambda _, kind=kind: self.clear(kind))
        self.run_button.on_click(lambda _: self.design())
        self.find.observe(lambda _: self.find_person(), "value")
        self.find_button.on_click(lambda _: self.find_person())
        self.move_group.observe(self._on_move_group, "value")
        self.move_person.observe(self._on_move_person, "value")
        self.move_button.on_click(lambda _: self.move())
        for control in (self.sort, self.page, self.chart_attribute):
            control.observe(self._on_page, "value")
        self.export_button.on_click(lambda _: self.export())

    # -- rendering -------------------------------------------------------------------------

    def refresh(self) -> None:
        """Show the session in every label, table and chart, in the session's language."""
        language = self.session.language
        self._syncing = True
        try:
            self._label(language)
        finally:
            self._syncing = False
        self.people_summary.value = render.people_summary(self.session)
        for kind in _UPLOADS:
            self._show_upload(kind)
        self._show_groups()

    def _label(self, language: str) -> None:
        """Texts and choices of every control; keeps each choice that is still offered."""
        self.language.description = message("language", language)
        self.tabs.titles = tuple(
            text(f"tab.{tab}", language) for tab in ("people", "rules", "groups", "export")
        )
        self.people_intro.value = f"<p>{esc(text('people.intro', language))}</p>"
        self.demo_size.description = text("people.size", language)
        self.demo_seed.description = text("people.seed", language)
        self.generate_button.description = text("people.generate", language)
        self.people_upload.description = text("people.upload", language)
        self.hard_heading.value = f"<h4>{esc(text('rules.hard', language))}</h4>"
        self.min_size.description = text("rules.min_size", language)
        self.max_size.description = text("rules.max_size", language)
        self.same_language.description = text("rules.same_language", language)
        self.manager_rule.description = text("rules.manager", language)
        _offer(
            self.manager_rule,
            [(text(f"manager.{rule.value}", language), rule.value) for rule in ManagerRule],
            self.manager_rule.value or self.session.options.manager_rule.value,
        )
        for kind in _UPLOADS:
            self.uploads[kind].description = text(f"rules.{kind}", language)
            self.clear_buttons[kind].description = text("rules.clear", language)
        self.goals_heading.value = f"<h4>{esc(text('goals.heading', language))}</h4>"
        for name in _GOALS:
            goal = cast(AttributeGoal, getattr(self.session.options, name))
            self.policies[name].description = text(f"goal.{name}", language)
            _offer(
                self.policies[name],
                [(text(f"policy.{policy.value}", language), policy.value) for policy in Policy],
                self.policies[name].value or goal.policy.value,
            )
            self.weights[name].description = text("goal.weight", language)
        self.timezone_weight.description = text("goal.timezone", language)
        self.band_hours.description = text("goal.band_hours", language)
        self.repeat_weight.description = text("goal.repeat", language)
        self.run_heading.value = f"<h4>{esc(text('run.heading', language))}</h4>"
        self.seed.description = text("run.seed", language)
        self.time_limit.description = text("run.time_limit", language)
        self.run_button.description = text("run.button", language)
        self.progress.description = text("run.progress", language)
        self.move_heading.value = f"<h4>{esc(text('move.heading', language))}</h4>"
        self.find.description = text("move.find", language)
        self.find_button.description = text("move.find_button", language)
        self.move_group.description = text("move.group", language)
        self.move_person.description = text("move.person", language)
        self.move_target.description = text("move.target", language)
        self.move_button.description = text("move.button", language)
        self.sort.description = text("sort.label", language)
        _offer(
            self.sort,
            [(text(f"sort.{order}", language), order) for order in ("name", "worst")],
            self.sort.value,
        )
        self.page.description = text("page.label", language)
        self.chart_attribute.description = text("chart.attribute", language)
        _offer(
            self.chart_attribute,
            [(text(f"attr.{name}", language), name) for name in render.ATTRIBUTES],
            self.chart_attribute.value,
        )
        self.export_intro.value = f"<p>{esc(text('export.intro', language))}</p>"
        self.export_kind.description = text("export.kind", language)
        _offer(
            self.export_kind,
            [(text(f"export.kind.{kind}", language), kind) for kind in EXPORT_KINDS],
            self.export_kind.value,
        )
        self.teamset.description = text("export.teamset", language)
        self.mode.description = text("export.mode", language)
        columns = sorted({c for p in self.session.people[:1000] for c in p.extra} - {"username"})
        _offer(
            self.mode,
            [(mode, mode) for mode in OPEN_EDX_MODES]
            + [(text("export.mode_column", language, column=c), c) for c in columns],
            self.mode.value,
        )
        self.header.description = text("export.header", language)
        _offer(
            self.header,
            [(text(f"export.header.{h}", language), h) for h in ("user", "username")],
            self.header.value,
        )
        self.folder.description = message("export.folder", language)
        self.export_button.description = message("export.button", language)

    def _show_upload(self, kind: PairKind | Literal["history"]) -> None:
        session, language = self.session, self.session.language
        source = session.sources[kind]
        count = len(session.history if kind == "history" else getattr(session, kind))
        shown = (
            text("rules.loaded", language, file=source, count=number(count, language))
            if source
            else None
        )
        self.upload_status[kind].value = esc(shown or text("rules.none_loaded", language))

    def _show_groups(self) -> None:
        """Summary, notices, move choices, the table page and both charts."""
        session = self.session
        self.summary.value = render.scores_summary(session)
        self.notices.value = render.notices(session)
        names = [group.name for group in session.groups]
        self._syncing = True
        try:
            _offer(self.move_group, [(n, n) for n in names], self.move_group.value)
            _offer(self.move_target, [(n, n) for n in names], self.move_target.value)
        finally:
            self._syncing = False
        self._show_members()
        self._show_page()

    def _show_members(self, keep: str | None = None) -> None:
        group = next((g for g in self.session.groups if g.name == self.move_group.value), None)
        members = [self.session.person(x) for x in group.members] if group else []
        _offer(
            self.move_person,
            [(f"{p.name} ({p.id})", p.id) for p in members],
            keep or self.move_person.value,
        )

    def _show_page(self) -> None:
        session, language = self.session, self.session.language
        total = render.page_count(len(session.groups))
        self._syncing = True
        try:
            self.page.max = total
            self.page.value = min(self.page.value, total)
        finally:
            self._syncing = False
        self.pages.value = esc(text("page.of", language, pages=total))
        order = cast(render.SortOrder, self.sort.value)
        self.table.value = render.groups_page(session, order, self.page.value)
        shown = render.page_groups(session, order, self.page.value)
        attribute = cast(render.Attribute, self.chart_attribute.value)
        groups, values, counts = render.spread(session, shown, attribute)
        bands, band_counts = render.score_histogram(session)
        label = text(f"attr.{attribute}", language)
        self.chart.show(
            spread_title=text("chart.spread", language, attribute=label),
            groups=groups,
            values=values,
            counts=counts,
            count_label=text("chart.people", language),
            scores_title=text("chart.scores", language),
            bands=bands,
            band_counts=band_counts,
            score_label=text("col.score", language),
            groups_label=text("chart.groups", language),
        )

    # -- actions ---------------------------------------------------------------------------

    def generate(self) -> bool:
        """Replace the people by a demo organisation of the chosen size and seed."""
        language = self.session.language
        try:
            self.session.generate_demo(self.demo_size.value, self.demo_seed.value)
        except TalentError as error:
            return self._after_people(error, text("people.demo_failed", language))
        return self._after_people(None, "")

    def load_people(self, files: Sequence[Mapping[str, Any]]) -> bool:
        """Load the first uploaded people CSV (FileUpload's value format); False if it failed."""
        if not files:
            return False
        name = str(files[0]["name"])
        try:
            self.session.load_people(bytes(files[0]["content"]), name)
        except TalentError as error:
            failed = text("people.failed", self.session.language, file=name)
            return self._after_people(error, failed)
        return self._after_people(None, "")

    def _after_people(self, error: TalentError | None, failed: str) -> bool:
        language = self.session.language
        if error is None:
            # Messages about the groups of the people before no longer hold.
            self.run_status.value = self.move_status.value = ""
            self._found = None
            self.progress.value, self.progress.bar_style = 0, ""
            self.find.value = ""
            self.refresh()
            self.people_status.value = notice(
                True,
                text(
                    "people.ok",
                    language,
                    count=number(len(self.session.people), language),
                    source=self.session.source,
                ),
            )
        else:
            self.people_status.value = notice(False, failed, error_text(error, language))
        return error is None

    def load_rule_file(
        self, kind: PairKind | Literal["history"], files: Sequence[Mapping[str, Any]]
    ) -> bool:
        """Load must-together/must-apart pairs or earlier rounds from the first uploaded file."""
        if not files:
            return False
        name, data = str(files[0]["name"]), bytes(files[0]["content"])
        session, language = self.session, self.session.language
        try:
            if kind == "history":
                session.load_history(data, name)
            else:
                session.load_pairs(kind, data, name)
        except TalentError as error:
            failed = text("rules.upload_failed", language, file=name)
            self.upload_status[kind].value = notice(False, failed, error_text(error, language))
            return False
        self._show_upload(kind)
        return True

    def clear(self, kind: PairKind | Literal["history"]) -> None:
        self.session.clear(kind)
        self._show_upload(kind)

    def options_settings(self) -> dict[str, object]:
        """The rules and goals as set in the widgets (GroupingOptions field names)."""
        settings: dict[str, object] = {
            "min_size": self.min_size.value,
            "max_size": self.max_size.value,
            "same_language": self.same_language.value,
            "manager_rule": self.manager_rule.value,
            "timezone_weight": self.timezone_weight.value,
            "timezone_band_hours": self.band_hours.value,
            "repeat_weight": self.repeat_weight.value,
        }
        for name in _GOALS:
            settings[name] = {
                "policy": self.policies[name].value,
                "weight": self.weights[name].value,
            }
        return settings

    def design(self) -> bool:
        """Design groups with the widgets' settings, showing progress; False if none were made."""
        session, language = self.session, self.session.language
        try:
            options = session.make_options(**self.options_settings())
        except TalentError as error:
            self.run_status.value = notice(
                False, text("run.invalid", language), error_text(error, language)
            )
            return False
        self.progress.value, self.progress.bar_style = 0, ""

        def report(fraction: float, _score: float) -> None:
            self.progress.value = round(100 * fraction)

        try:
            result = session.design(
                options,
                seed=self.seed.value,
                time_limit=self.time_limit.value or None,
                progress=report,
            )
        except TalentError as error:
            self.progress.bar_style = "danger"
            self.run_status.value = notice(
                False, text("run.failed", language), error_text(error, language)
            )
            return False
        self.progress.bar_style = "success"
        self.move_status.value = ""  # a search or move in the groups before no longer holds
        self._found = None
        self.run_status.value = notice(
            True,
            text(
                "run.ok",
                language,
                groups=number(len(result.groups), language),
                people=number(len(session.people), language),
                seconds=number(result.seconds, language, 1),
                seed=result.seed,
            ),
        )
        self.page.value = 1
        self._show_groups()
        self.tabs.selected_index = 2
        return True

    def find_person(self) -> bool:
        """Select the first person whose id, e-mail or name matches the search, in their group."""
        session, language, query = self.session, self.session.language, self.find.value.strip()
        if not query:
            return False
        found = [p for p in session.find(query) if session.group_of(p.id) is not None]
        if not found:
            self.move_status.value = notice(False, text("move.not_found", language, query=query))
            return False
        person = found[0]
        group = session.group_of(person.id)
        assert group is not None
        self._syncing = True
        try:
            self.move_group.value = group.name
        finally:
            self._syncing = False
        self._syncing = True
        try:
            self._show_members(keep=person.id)
        finally:
            self._syncing = False
        self._found = person.id
        status = text(
            "move.found", language, person=f"{person.name} ({person.id})", group=group.name
        )
        if len(found) > 1:
            status += " " + text("move.found_more", language, count=len(found))
        self.move_status.value = notice(True, status)
        return True

    def move(self) -> bool:
        """Move the chosen person to the chosen group; scores and broken rules update at once."""
        session, language = self.session, self.session.language
        person_id, target = self.move_person.value, self.move_target.value
        if person_id is None or target is None:
            return False
        source = session.group_of(person_id)
        person = session.person(person_id)
        label = f"{person.name} ({person.id})"
        if source is not None and source.name == target:
            self.move_status.value = notice(
                True, text("move.same", language, person=label, group=target)
            )
            return True
        try:
            session.move(person_id, target)
        except TalentError as error:
            self.move_status.value = notice(
                False, text("move.failed", language), error_text(error, language)
            )
            return False
        assert source is not None  # the session moved them out of it
        assert session.scores is not None
        by_name = {g.name: g for g in session.scores.groups}
        status: Markup = notice(
            True,
            text(
                "move.ok",
                language,
                person=label,
                source=source.name,
                source_score=number(by_name[source.name].score, language, 1),
                target=target,
                target_score=number(by_name[target].score, language, 1),
            ),
        )
        if session.scores.violations:
            count = len(session.scores.violations)
            status += notice(False, text("move.broken", language, count=count))
        self._show_groups()
        self._syncing = True
        try:
            self.move_group.value = target
        finally:
            self._syncing = False
        self._show_members(keep=person_id)
        self.move_status.value, self._found = status, None
        return True

    def export(self) -> bool:
        """Export the chosen file to the chosen folder and offer it for download."""
        session, language = self.session, self.session.language
        kind = cast(ExportKind, self.export_kind.value)
        try:
            exported = session.export(
                kind,
                self.folder.value.strip() or None,
                teamset_id=self.teamset.value.strip(),
                mode=self.mode.value,
                header=self.header.value,
            )
        except TalentError as error:
            self.export_status.value = notice(
                False, text("export.failed", language), error_text(error, language)
            )
            return False
        status = export_saved(exported, language)
        if kind == "roster":
            if not any("username" in p.extra for p in session.people):
                status += Markup(f"<p>{esc(text('export.roster_ids', language))}</p>")
            problem = session.roster_problem(exported)
            if problem:
                status += notice(False, text("export.roster_refused", language, problem=problem))
        self.export_status.value = status + download_link(exported, language)
        return True

    # -- widget events ---------------------------------------------------------------------

    def _on_people_upload(self, change: Mapping[str, Any]) -> None:
        if change["new"]:
            self.load_people(change["new"])
            self.people_upload.value = ()  # lets the same file be chosen again after a fix

    def _on_rule_upload(
        self, kind: PairKind | Literal["history"], change: Mapping[str, Any]
    ) -> None:
        if change["new"]:
            self.load_rule_file(kind, change["new"])
            self.uploads[kind].value = ()

    def _on_move_group(self, change: Mapping[str, Any]) -> None:
        if not self._syncing:
            self._show_members()

    def _on_move_person(self, change: Mapping[str, Any]) -> None:
        """A person chosen by hand: "Found … in …" no longer says who is in the form."""
        if not self._syncing and self._found is not None and change["new"] != self._found:
            self._found = None
            self.move_status.value = ""

    def _on_page(self, change: Mapping[str, Any]) -> None:
        if not self._syncing:
            self._show_page()
