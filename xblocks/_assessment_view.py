"""What the competency assessment shows, in one language, ready for its templates.

Pure functions from the setup and a learner's record to small frozen records: the rating form
(competencies grouped by cluster, every level with its descriptor and behaviour indicators),
and the result (chart rows, the table behind the chart, the top gaps with their coaching
questions and activities, the change since the previous attempt, the dated history).
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from dataclasses import dataclass

from babel.numbers import get_decimal_symbol

import talent_core as tc

from .charts import GapChartLabels, GapChartRow, gap_chart_svg
from .competency_view import MODE_LABELS, format_hours, level_text, long_date, readable_text
from .i18n import N_

__all__ = [
    "NOTE_LIMIT",
    "AdviceView",
    "HistoryEntry",
    "RatingGroup",
    "RatingItem",
    "RatingLevel",
    "RatingLine",
    "ResultRow",
    "ResultView",
    "RoleOption",
    "rated_order",
    "rating_groups",
    "rating_lines",
    "result_view",
    "role_options",
]

Translate = Callable[[str], str]
PluralTranslate = Callable[[str, str, int], str]

#: Largest gaps shown with their advice.
TOP_GAPS = 3


def _note_limit() -> int:
    """The longest note talent_core accepts (``notes: dict[Identifier, NoteText]``)."""
    note_type = typing.get_args(tc.AssessmentDraft.model_fields["notes"].annotation)[1]
    [info] = note_type.__metadata__
    return int(next(m.max_length for m in info.metadata if hasattr(m, "max_length")))


#: For the note boxes' ``maxlength``: the same limit the handlers enforce.
NOTE_LIMIT = _note_limit()

#: Change since the previous attempt, as learners read it (msgids).
CHANGE_LABELS: dict[tc.LevelChange, str] = {
    tc.LevelChange.UP: N_("up from {level}"),
    tc.LevelChange.DOWN: N_("down from {level}"),
    tc.LevelChange.SAME: N_("unchanged"),
    tc.LevelChange.NEW: N_("not rated before"),
}


@dataclass(frozen=True, slots=True)
class RoleOption:
    id: str
    name: str
    description: str


@dataclass(frozen=True, slots=True)
class RatingLevel:
    value: int
    label: str
    descriptor: str
    indicators: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RatingItem:
    """One competency of the form with the learner's draft level (None) and note."""

    #: ``c1``, ``c2``...: a safe part of element ids (competency ids may hold any character).
    key: str
    id: str
    name: str
    description: str
    levels: tuple[RatingLevel, ...]
    level: int | None
    note: str


@dataclass(frozen=True, slots=True)
class RatingGroup:
    """Competencies under one cluster (``name`` is empty for those outside any cluster)."""

    name: str
    items: tuple[RatingItem, ...]


@dataclass(frozen=True, slots=True)
class ResultRow:
    """One required competency of the result table: the chart's figures in words."""

    id: str
    name: str
    own: str
    required: str
    gap: int
    change: str


@dataclass(frozen=True, slots=True)
class ActivityLine:
    title: str
    description: str
    mode: str
    hours: str


@dataclass(frozen=True, slots=True)
class AdviceView:
    """A top gap with its coaching questions and suggested activities."""

    id: str
    name: str
    own: str
    required: str
    size: int
    questions: tuple[str, ...]
    activities: tuple[ActivityLine, ...]


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    submitted_on: str
    role: str
    open_gaps: int


@dataclass(frozen=True, slots=True)
class ResultView:
    submitted_on: str
    role_id: str
    role: str
    chart_svg: str
    rows: tuple[ResultRow, ...]
    advice: tuple[AdviceView, ...]
    open_gaps: int
    #: "Since your previous self-assessment on ...": empty on the first attempt.
    change_summary: str
    history: tuple[HistoryEntry, ...]


def role_options(setup: tc.AssessmentSetup, language: str) -> list[RoleOption]:
    return [
        RoleOption(
            role.id, tc.localize(role.name, language), tc.localize(role.description, language)
        )
        for role in setup.roles
    ]


def _cluster_name(framework: tc.CompetencyFramework, node_id: str, language: str) -> str:
    cluster = next((n for n in framework.ancestors(node_id) if n.type is tc.NodeType.CLUSTER), None)
    return tc.localize(cluster.name, language) if cluster else ""


def _levels(
    framework: tc.CompetencyFramework, competency_id: str, language: str
) -> tuple[RatingLevel, ...]:
    return tuple(
        RatingLevel(
            level.value,
            tc.localize(level.label, language),
            tc.localize(level.descriptor, language),
            tuple(
                tc.localize(i.name, language)
                for i in framework.indicators(competency_id, level.value)
            ),
        )
        for level in framework.scale_for(competency_id).levels
    )


def rating_groups(
    setup: tc.AssessmentSetup, draft: tc.AssessmentDraft, language: str
) -> list[RatingGroup]:
    """The competencies to rate in the author's order, consecutive ones of a cluster together."""
    framework = setup.framework
    groups: list[tuple[str, list[RatingItem]]] = []
    for position, competency_id in enumerate(setup.competency_ids, 1):
        node = framework.node(competency_id)
        cluster = _cluster_name(framework, competency_id, language)
        if not groups or groups[-1][0] != cluster:
            groups.append((cluster, []))
        groups[-1][1].append(
            RatingItem(
                key=f"c{position}",
                id=competency_id,
                name=tc.localize(node.name, language),
                description=readable_text(
                    tc.localize(node.description, language), node.description_format
                ),
                levels=_levels(framework, competency_id, language),
                level=draft.levels.get(competency_id),
                note=draft.notes.get(competency_id, ""),
            )
        )
    return [RatingGroup(name, tuple(items)) for name, items in groups]


def rated_order(setup: tc.AssessmentSetup, attempt: tc.AssessmentAttempt) -> list[str]:
    """The attempt's competencies in the form's order, then any the author has since removed.

    Stored maps come back with their keys sorted, so the attempt's own order is not kept.
    """
    rated = [cid for cid in setup.competency_ids if cid in attempt.levels]
    return rated + [cid for cid in attempt.levels if cid not in set(rated)]


@dataclass(frozen=True, slots=True)
class RatingLine:
    """One rating of the latest attempt for the print summary."""

    name: str
    own: str
    required: str
    note: str


def rating_lines(
    record: tc.SelfAssessmentRecord, setup: tc.AssessmentSetup, language: str
) -> list[RatingLine]:
    """Every rating of the latest attempt with the role's requirement (empty if none)."""
    latest = record.latest
    if latest is None:
        return []
    framework = setup.framework
    role = setup.role(latest.role_id)
    lines = []
    for competency_id in rated_order(setup, latest):
        requirement = role.requirement(competency_id) if role is not None else None
        lines.append(
            RatingLine(
                tc.localize(framework.node(competency_id).name, language),
                level_text(framework, competency_id, latest.levels[competency_id], language),
                level_text(framework, competency_id, requirement.level, language)
                if requirement is not None
                else "",
                latest.notes.get(competency_id, ""),
            )
        )
    return lines


def _change_text(change: tc.RatingChange | None, has_previous: bool, gettext: Translate) -> str:
    if change is None or not has_previous:
        return ""
    return gettext(CHANGE_LABELS[change.change]).format(level=change.previous)


def _change_summary(
    record: tc.SelfAssessmentRecord,
    changes: list[tc.RatingChange],
    language: str,
    gettext: Translate,
) -> str:
    previous = record.previous
    if previous is None:
        return ""
    count = {kind: sum(c.change is kind for c in changes) for kind in tc.LevelChange}
    return gettext(
        "Since your previous self-assessment on {date}: {up} rated higher, {down} lower, "
        "{same} unchanged."
    ).format(
        date=long_date(previous.submitted_at.date(), language),
        up=count[tc.LevelChange.UP],
        down=count[tc.LevelChange.DOWN],
        same=count[tc.LevelChange.SAME],
    )


def _role_name(setup: tc.AssessmentSetup, role_id: str, language: str) -> str:
    role = setup.role(role_id)
    return tc.localize(role.name, language) if role is not None else role_id


def _history(
    record: tc.SelfAssessmentRecord, setup: tc.AssessmentSetup, language: str
) -> tuple[HistoryEntry, ...]:
    """Every attempt, newest first, with its open gaps against the role it was made for."""
    tables: dict[str, tc.RoleGaps | None] = {}
    entries = []
    for attempt in reversed(record.attempts):
        if attempt.role_id not in tables:
            role = setup.role(attempt.role_id)
            tables[attempt.role_id] = tc.RoleGaps(setup.framework, role) if role else None
        table = tables[attempt.role_id]
        levels = tc.on_scale(setup.framework, attempt.levels)
        open_gaps = len(table.largest_open(levels, len(levels))) if table else 0
        entries.append(
            HistoryEntry(
                long_date(attempt.submitted_at.date(), language),
                _role_name(setup, attempt.role_id, language),
                open_gaps,
            )
        )
    return tuple(entries)


def result_view(
    record: tc.SelfAssessmentRecord,
    setup: tc.AssessmentSetup,
    language: str,
    gettext: Translate,
    ngettext: PluralTranslate,
    *,
    top: int = TOP_GAPS,
) -> ResultView | None:
    """The latest attempt against its role; None before the first submission."""
    latest = record.latest
    if latest is None:
        return None
    framework = setup.framework
    gaps = tc.latest_gaps(record, setup)
    changes = {c.competency_id: c for c in tc.rating_changes(record)}
    by_id = {gap.competency_id: gap for gap in gaps}
    # The chart and table follow the form's order; the advice follows the gap order.
    required = [by_id[cid] for cid in rated_order(setup, latest) if cid in by_id]

    def name(competency_id: str) -> str:
        return tc.localize(framework.node(competency_id).name, language)

    def level(competency_id: str, value: int) -> str:
        return level_text(framework, competency_id, value, language)

    rows = tuple(
        ResultRow(
            gap.competency_id,
            name(gap.competency_id),
            level(gap.competency_id, gap.current or 0),
            level(gap.competency_id, gap.required),
            gap.size,
            _change_text(changes.get(gap.competency_id), record.previous is not None, gettext),
        )
        for gap in required
    )
    role = _role_name(setup, latest.role_id, language)
    chart = ""
    if required:
        max_level = max(framework.scale_for(g.competency_id).max_value for g in required)
        chart = gap_chart_svg(
            [GapChartRow(name(g.competency_id), g.current, g.required) for g in required],
            title=gettext("Your levels against the role {role}").format(role=role),
            max_level=max_level,
            labels=GapChartLabels(
                own=gettext("Your level"),
                required=gettext("Required for the role"),
                not_rated=gettext("not rated"),
                row_summary=gettext("{competency}: your level {own}, required {required}"),
                decimal_mark=get_decimal_symbol(language),
            ),
        )
    advice = tuple(
        AdviceView(
            id=item.gap.competency_id,
            name=item.competency_name,
            own=level(item.gap.competency_id, item.gap.current or 0),
            required=level(item.gap.competency_id, item.gap.required),
            size=item.gap.size,
            questions=tuple(q.text for q in item.questions),
            activities=tuple(
                ActivityLine(
                    a.title,
                    a.description,
                    gettext(MODE_LABELS[a.mode]),
                    format_hours(a.hours, language, ngettext),
                )
                for a in item.activities
            ),
        )
        for item in tc.top_gaps(gaps, framework, language, limit=top)
    )
    return ResultView(
        submitted_on=long_date(latest.submitted_at.date(), language),
        role_id=latest.role_id,
        role=role,
        chart_svg=chart,
        rows=rows,
        advice=advice,
        open_gaps=sum(1 for g in gaps if g.size > 0),
        change_summary=_change_summary(record, list(changes.values()), language, gettext),
        history=_history(record, setup, language),
    )
