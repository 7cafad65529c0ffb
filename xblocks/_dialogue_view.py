"""What the development dialogue block shows, in one language, ready for its templates.

Pure functions from the framework, the learner's :class:`talent_core.DialogueRecord` and the
linked self-assessment to small frozen records: the competencies to choose from with their
coaching questions, the ratings side by side, the recorded conversations and the printable
preparation sheet. UI words arrive through the block's catalog; content is localized here.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

import talent_core as tc

from .competency_view import competency_groups, level_text, long_date, readable_text
from .i18n import N_

__all__ = [
    "PURPOSES",
    "SHOWN_SOURCES",
    "SOURCE_LABELS",
    "ConversationView",
    "FocusGroup",
    "FocusOption",
    "QuestionView",
    "RatingCell",
    "RatingTableRow",
    "SheetItem",
    "conversation_views",
    "focus_groups",
    "offered",
    "rating_rows",
    "sheet_items",
    "shown_questions",
    "table_competencies",
]

#: Studio's choice of coaching questions (msgids): which ``purpose`` values each shows.
PURPOSES: dict[str, tuple[str, frozenset[str]]] = {
    "both": (N_("All coaching questions"), frozenset({"reflection", "dialogue", "both"})),
    "dialogue": (N_("Questions for the dialogue"), frozenset({"dialogue", "both"})),
    "reflection": (N_("Questions for reflection"), frozenset({"reflection", "both"})),
}
#: Rating sources in the side-by-side table, in column order.
SHOWN_SOURCES: tuple[tc.RatingSource, ...] = (
    tc.RatingSource.SELF,
    tc.RatingSource.MANAGER,
    tc.RatingSource.ASSESSOR,
)
#: Column headings of the side-by-side table (msgids).
SOURCE_LABELS: dict[tc.RatingSource, str] = {
    tc.RatingSource.SELF: N_("Your self-assessment"),
    tc.RatingSource.MANAGER: N_("Your manager"),
    tc.RatingSource.ASSESSOR: N_("Assessor (prior learning)"),
}


@dataclass(frozen=True, slots=True)
class QuestionView:
    """A coaching question and the learner's saved answer (empty when none)."""

    id: str
    text: str
    answer: str


@dataclass(frozen=True, slots=True)
class FocusOption:
    """A competency the learner may choose to talk about."""

    id: str
    name: str
    chosen: bool
    suggested: bool
    questions: tuple[QuestionView, ...]


@dataclass(frozen=True, slots=True)
class FocusGroup:
    name: str
    options: tuple[FocusOption, ...]


@dataclass(frozen=True, slots=True)
class RatingCell:
    """One source's latest rating of a competency."""

    level: str
    date_iso: str
    date_text: str
    rater: str


@dataclass(frozen=True, slots=True)
class RatingTableRow:
    """A competency with one cell per :data:`SHOWN_SOURCES` (``None`` where not rated)."""

    name: str
    cells: tuple[RatingCell | None, ...]


@dataclass(frozen=True, slots=True)
class ConversationView:
    #: Position in the stored list (oldest first), which the remove handler is given.
    index: int
    date_iso: str
    date_text: str
    manager: str
    focus: str
    #: (competency name, level text) of each rating the manager gave.
    ratings: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class SheetItem:
    """One chosen competency on the printable preparation sheet."""

    id: str
    name: str
    description: str
    #: Latest rating text per :data:`SHOWN_SOURCES` (empty where not rated).
    levels: tuple[str, ...]
    questions: tuple[QuestionView, ...]


def shown_questions(
    framework: tc.CompetencyFramework, competency_id: str, purpose: str
) -> list[tc.CoachingQuestion]:
    """The competency's coaching questions the author's ``purpose`` setting shows."""
    wanted = PURPOSES.get(purpose, PURPOSES["both"])[1]
    return [q for q in framework.node(competency_id).coaching_questions if q.purpose in wanted]


def _questions(
    framework: tc.CompetencyFramework,
    competency_id: str,
    purpose: str,
    answers: Mapping[str, str],
    language: str,
) -> tuple[QuestionView, ...]:
    return tuple(
        QuestionView(q.id, tc.localize(q.text, language), answers.get(q.id, ""))
        for q in shown_questions(framework, competency_id, purpose)
    )


def focus_groups(
    framework: tc.CompetencyFramework,
    record: tc.DialogueRecord,
    *,
    suggested: Sequence[str],
    purpose: str,
    language: str,
    ungrouped_name: str,
) -> list[FocusGroup]:
    """Every competency by cluster, ticked as saved (or, before a first save, as suggested)."""
    preparation = record.preparation
    chosen = set(preparation.competency_ids if preparation else suggested)
    answers = preparation.answers if preparation else {}
    return [
        FocusGroup(
            group.name,
            tuple(
                FocusOption(
                    option.id,
                    option.name,
                    option.id in chosen,
                    option.id in suggested,
                    _questions(framework, option.id, purpose, answers.get(option.id, {}), language),
                )
                for option in group.competencies
            ),
        )
        for group in competency_groups(framework, language, ungrouped_name=ungrouped_name)
    ]


def _cell(
    framework: tc.CompetencyFramework, rating: tc.Rating | None, language: str
) -> RatingCell | None:
    if rating is None:
        return None
    return RatingCell(
        level_text(framework, rating.competency_id, rating.level, language),
        rating.rated_on.isoformat(),
        long_date(rating.rated_on, language),
        rating.rater,
    )


def rating_rows(
    framework: tc.CompetencyFramework,
    ratings: Iterable[tc.Rating],
    competency_ids: Sequence[str],
    language: str,
) -> list[RatingTableRow]:
    """The latest rating of each source per competency; no source hides another's."""
    return [
        RatingTableRow(
            tc.localize(framework.node(row.competency_id).name, language),
            tuple(_cell(framework, row.latest.get(source), language) for source in SHOWN_SOURCES),
        )
        for row in tc.ratings_side_by_side(ratings, competency_ids)
    ]


def table_competencies(framework: tc.CompetencyFramework, record: tc.DialogueRecord) -> list[str]:
    """Rows of the ratings table: the chosen competencies, then others the manager rated."""
    ids: dict[str, None] = dict.fromkeys(
        record.preparation.competency_ids if record.preparation else ()
    )
    ids.update(dict.fromkeys(r.competency_id for r in record.manager_ratings()))
    return [cid for cid in ids if framework.has_node(cid)]


def conversation_views(
    framework: tc.CompetencyFramework, record: tc.DialogueRecord, language: str
) -> list[ConversationView]:
    """The recorded conversations, newest first."""
    return [
        ConversationView(
            index,
            talk.held_on.isoformat(),
            long_date(talk.held_on, language),
            talk.manager_name,
            talk.agreed_focus,
            tuple(
                (
                    tc.localize(framework.node(cid).name, language),
                    level_text(framework, cid, level, language),
                )
                for cid, level in talk.levels.items()
                if framework.has_node(cid)
            ),
        )
        for index, talk in reversed(list(enumerate(record.conversations)))
    ]


def sheet_items(
    framework: tc.CompetencyFramework,
    record: tc.DialogueRecord,
    ratings: Iterable[tc.Rating],
    *,
    purpose: str,
    language: str,
) -> list[SheetItem]:
    """The chosen competencies with their description, ratings so far and questions."""
    preparation = record.preparation
    if preparation is None:
        return []
    chosen = [cid for cid in preparation.competency_ids if framework.has_node(cid)]
    rows = {row.competency_id: row for row in tc.ratings_side_by_side(ratings, chosen)}
    items = []
    for cid in chosen:
        node = framework.node(cid)
        latest = rows[cid].latest
        items.append(
            SheetItem(
                cid,
                tc.localize(node.name, language),
                readable_text(tc.localize(node.description, language), node.description_format),
                tuple(
                    level_text(framework, cid, latest[s].level, language) if s in latest else ""
                    for s in SHOWN_SOURCES
                ),
                _questions(framework, cid, purpose, preparation.answers.get(cid, {}), language),
            )
        )
    return items


def offered(framework: tc.CompetencyFramework) -> Collection[str]:
    """The competencies a learner may choose (every rateable one of the framework)."""
    return {node.id for node in framework.competencies()}
