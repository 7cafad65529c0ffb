"""What a learner reads about competencies, in one language, ready for a template.

Pure functions from a framework to small frozen records, shared by the blocks that show
competencies (the explorer's picker and detail, the assessment's rating rows). Content comes
translated from the framework; UI words (learning modes, hours) through the block's catalog.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_decimal
from django.utils.html import strip_tags

import talent_core as tc

from .i18n import N_

__all__ = [
    "MODE_LABELS",
    "ActivityView",
    "CompetencyDetail",
    "CompetencyGroup",
    "CompetencyOption",
    "LevelView",
    "competency_detail",
    "competency_groups",
    "first_competency",
    "format_hours",
    "level_text",
    "long_date",
    "readable_text",
    "visible_competencies",
]

Translate = Callable[[str], str]
PluralTranslate = Callable[[str, str, int], str]

#: Learning modes as learners read them (msgids; translate when shown).
MODE_LABELS: dict[tc.LearningMode, str] = {
    tc.LearningMode.ON_THE_JOB: N_("On the job"),
    tc.LearningMode.WITH_OTHERS: N_("With others (mentoring, intervision, coaching)"),
    tc.LearningMode.HOME_STUDY: N_("Home study"),
    tc.LearningMode.ONLINE: N_("Online"),
    tc.LearningMode.CLASSROOM: N_("Classroom"),
}


@dataclass(frozen=True, slots=True)
class CompetencyOption:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class CompetencyGroup:
    """Competencies under one cluster (``id`` is None for those outside any cluster)."""

    id: str | None
    name: str
    competencies: tuple[CompetencyOption, ...]


@dataclass(frozen=True, slots=True)
class LevelView:
    value: int
    label: str
    descriptor: str
    indicators: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ActivityView:
    title: str
    description: str
    mode: str
    hours: str


@dataclass(frozen=True, slots=True)
class CompetencyDetail:
    id: str
    name: str
    cluster: str
    description: str
    levels: tuple[LevelView, ...]
    questions: tuple[str, ...]
    activities: tuple[ActivityView, ...]


def _cluster_of(framework: tc.CompetencyFramework, node_id: str) -> tc.CompetencyNode | None:
    return next((n for n in framework.ancestors(node_id) if n.type is tc.NodeType.CLUSTER), None)


def visible_competencies(
    framework: tc.CompetencyFramework, clusters: Iterable[str] = ()
) -> list[tc.CompetencyNode]:
    """Competencies in tree order; with ``clusters``, only those below one of them."""
    wanted = set(clusters)
    return [
        node
        for node in framework.competencies()
        if not wanted or any(a.id in wanted for a in framework.ancestors(node.id))
    ]


def competency_groups(
    framework: tc.CompetencyFramework,
    language: str,
    clusters: Iterable[str] = (),
    *,
    ungrouped_name: str = "",
) -> list[CompetencyGroup]:
    """The visible competencies grouped by their nearest cluster, in tree order."""
    groups: dict[str | None, list[CompetencyOption]] = {}
    for node in visible_competencies(framework, clusters):
        cluster = _cluster_of(framework, node.id)
        option = CompetencyOption(node.id, tc.localize(node.name, language))
        groups.setdefault(cluster.id if cluster else None, []).append(option)
    return [
        CompetencyGroup(
            cluster_id,
            tc.localize(framework.node(cluster_id).name, language)
            if cluster_id
            else ungrouped_name,
            tuple(options),
        )
        for cluster_id, options in groups.items()
    ]


def readable_text(text: str, text_format: str) -> str:
    """Text to show escaped: HTML descriptions (Moodle imports) are reduced to their words."""
    return html.unescape(strip_tags(text)).strip() if text_format == "html" else text


def format_hours(hours: float | Decimal, language: str, ngettext: PluralTranslate) -> str:
    """``1.5 hours`` / ``1,5 timmar``: the number in the language's notation, to two decimals
    at most (docs/figures.md, "Hours")."""
    shown = tc.hours_shown(hours)
    count = int(shown) if shown == shown.to_integral_value() else 2
    return ngettext("{hours} hour", "{hours} hours", count).format(
        hours=format_decimal(shown, locale=language)
    )


def level_text(
    framework: tc.CompetencyFramework, competency_id: str, value: int, language: str
) -> str:
    """``2 Independent``: a level's value and label on the competency's scale (the value alone
    when the scale no longer has it)."""
    scale = framework.scale_for(competency_id)
    label = tc.localize(scale.level(value).label, language) if scale.contains(value) else ""
    return f"{value} {label}".strip()


def long_date(day: dt.date, language: str) -> str:
    """``14 March 2025`` / ``14 mars 2025`` / ``14 maart 2025``: a date as learners read it."""
    return format_date(day, format="long", locale=language)


def competency_detail(
    framework: tc.CompetencyFramework,
    competency_id: str,
    language: str,
    gettext: Translate,
    ngettext: PluralTranslate,
) -> CompetencyDetail:
    """Description, indicators per level, coaching questions and activities of a competency."""
    node = framework.node(competency_id)
    scale = framework.scale_for(competency_id)
    levels = []
    for level in scale.levels:
        indicators = framework.indicators(competency_id, level.value)
        if indicators:
            levels.append(
                LevelView(
                    level.value,
                    tc.localize(level.label, language),
                    tc.localize(level.descriptor, language),
                    tuple(tc.localize(i.name, language) for i in indicators),
                )
            )
    cluster = _cluster_of(framework, competency_id)
    return CompetencyDetail(
        id=node.id,
        name=tc.localize(node.name, language),
        cluster=tc.localize(cluster.name, language) if cluster else "",
        description=readable_text(tc.localize(node.description, language), node.description_format),
        levels=tuple(levels),
        questions=tuple(tc.localize(q.text, language) for q in node.coaching_questions),
        activities=tuple(
            ActivityView(
                title=tc.localize(a.title, language),
                description=tc.localize(a.description, language),
                mode=gettext(MODE_LABELS[a.mode]),
                hours=format_hours(a.hours, language, ngettext),
            )
            for a in node.activities
        ),
    )


def first_competency(groups: Sequence[CompetencyGroup]) -> str | None:
    return next((c.id for g in groups for c in g.competencies), None)
