"""The development dialogue: preparing the conversation with the manager and recording it.

The development_dialogue block stores a :class:`DialogueRecord` in ``Scope.user_state``. The
learner prepares by choosing two to five competencies and answering their coaching questions
in private notes; after the conversation the learner records the date, the manager, the agreed
focus and any ratings the manager gave. :func:`ratings_side_by_side` then shows self, manager
and assessor ratings together, each source keeping its own latest rating.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Final, Literal

from pydantic import Field, field_validator

from ._aspirations import MAX_ASPIRATIONS, Aspiration
from ._assessment import Gap, Rating, RatingSource, latest_ratings
from ._dates import plausible_dates
from ._errors import Problem, ValidationError
from ._framework import CompetencyFramework
from ._self_assessment import _check_schema
from ._text import Identifier, StrictModel
from ._validation import load

__all__ = [
    "DIALOGUE_SCHEMA",
    "MAX_CONVERSATIONS",
    "Conversation",
    "DialoguePreparation",
    "DialogueRecord",
    "RatingRow",
    "check_conversation",
    "check_preparation",
    "load_dialogue",
    "ratings_side_by_side",
    "record_conversation",
    "save_preparation",
    "suggest_focus",
]

#: Version of the stored JSON shape; bump it (and migrate in ``load_dialogue``) on change.
DIALOGUE_SCHEMA: Final = 1
#: Conversations kept per learner (newest); a few a year fill this in decades.
MAX_CONVERSATIONS = 100
MIN_FOCUS, MAX_FOCUS = 2, 5

AnswerText = Annotated[str, Field(max_length=4000)]


class DialoguePreparation(StrictModel):
    """The competencies chosen for the conversation and private answers to their questions."""

    competency_ids: Annotated[list[Identifier], Field(min_length=MIN_FOCUS, max_length=MAX_FOCUS)]
    #: competency id -> coaching question id -> answer.
    answers: dict[Identifier, dict[Identifier, AnswerText]] = Field(default_factory=dict)


class Conversation(StrictModel):
    """What the learner recorded after a conversation with the manager."""

    held_on: dt.date
    manager_name: Annotated[str, Field(min_length=1, max_length=200)]
    agreed_focus: Annotated[str, Field(max_length=4000)] = ""
    #: Levels the manager gave, per competency; see :meth:`ratings`.
    levels: dict[Identifier, int] = Field(default_factory=dict)

    @field_validator("manager_name")
    @classmethod
    def _named(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("name the manager you spoke with")
        return value.strip()

    def ratings(self) -> list[Rating]:
        """The manager's levels as ratings: source manager, rated by the manager on the day."""
        return [
            Rating(
                competency_id=cid,
                level=level,
                source=RatingSource.MANAGER,
                rated_on=self.held_on,
                rater=self.manager_name,
            )
            for cid, level in self.levels.items()
        ]


class DialogueRecord(StrictModel):
    """Everything one learner's dialogue block keeps; conversations oldest first."""

    schema_version: Literal[1] = DIALOGUE_SCHEMA
    preparation: DialoguePreparation | None = None
    conversations: list[Conversation] = Field(default_factory=list)
    #: Drivers and aspirations, each shared with the manager or private (talent_core._aspirations).
    aspirations: Annotated[list[Aspiration], Field(max_length=MAX_ASPIRATIONS)] = Field(
        default_factory=list
    )

    @field_validator("conversations")
    @classmethod
    def _newest_only(cls, value: list[Conversation]) -> list[Conversation]:
        return value[-MAX_CONVERSATIONS:]

    def manager_ratings(self) -> list[Rating]:
        """Every rating a manager gave, oldest conversation first."""
        return [rating for talk in self.conversations for rating in talk.ratings()]

    def to_state(self) -> dict[str, Any]:
        """JSON for ``Scope.user_state``: defaults left out, the schema version always in."""
        state = self.model_dump(mode="json", exclude_defaults=True)
        return {"schema_version": DIALOGUE_SCHEMA, **state}


def load_dialogue(state: Any) -> DialogueRecord:
    """The record in a stored state; an empty state (nothing saved yet) is a new one."""
    if not state:
        return DialogueRecord()
    if isinstance(state, Mapping):
        _check_schema(state, DIALOGUE_SCHEMA, "dialogue")
    return load(DialogueRecord, state)


def _competency_problem(
    framework: CompetencyFramework, competency_id: str, allowed: Collection[str] | None
) -> Problem | None:
    problem = framework.competency_problem(competency_id)
    if problem is None and allowed is not None and competency_id not in allowed:
        return Problem.of("", "problem.competency.not_offered", id=competency_id)
    return problem


def check_preparation(
    payload: Any, framework: CompetencyFramework, *, allowed: Collection[str] | None = None
) -> DialoguePreparation:
    """The preparation in a learner's payload, or ValidationError naming each bad field.

    ``allowed`` limits the choice to the competencies the author offers (all of the framework
    when ``None``). Answers must belong to a chosen competency and one of its questions;
    blank answers are dropped.
    """
    preparation = load(DialoguePreparation, payload)
    problems: list[Problem] = []
    seen: set[str] = set()
    for i, cid in enumerate(preparation.competency_ids):
        problem = _competency_problem(framework, cid, allowed)
        if cid in seen:
            problem = Problem.of("", "problem.competency.chosen_twice", id=cid)
        seen.add(cid)
        if problem:
            problems.append(problem.at(f"competency_ids[{i}]"))
    for cid, given in preparation.answers.items():
        if cid not in seen:
            problems.append(Problem.of(f"answers.{cid}", "problem.competency.not_chosen", id=cid))
            continue
        if not framework.has_node(cid):
            continue
        questions = {q.id for q in framework.node(cid).coaching_questions}
        problems += [
            Problem.of(
                f"answers.{cid}.{qid}",
                "problem.question.not_of_competency",
                question=qid,
                competency=cid,
            )
            for qid in given
            if qid not in questions
        ]
    if problems:
        raise ValidationError(problems)
    kept = {
        cid: answered
        for cid, given in preparation.answers.items()
        if (answered := {qid: text for qid, text in given.items() if text.strip()})
    }
    return preparation.model_copy(update={"answers": kept})


def save_preparation(
    record: DialogueRecord,
    payload: Any,
    framework: CompetencyFramework,
    *,
    allowed: Collection[str] | None = None,
) -> DialogueRecord:
    """A copy of ``record`` with the payload as its preparation; ``record`` is left as it was."""
    preparation = check_preparation(payload, framework, allowed=allowed)
    return record.model_copy(update={"preparation": preparation})


def check_conversation(
    payload: Any, framework: CompetencyFramework, *, allowed: Collection[str] | None = None
) -> Conversation:
    """The conversation in a learner's payload, or ValidationError naming each bad field."""
    talk = load(Conversation, payload)
    problems = plausible_dates(happened=True).problems(talk.held_on, "held_on")
    for cid, level in talk.levels.items():
        problem = _competency_problem(framework, cid, allowed)
        if problem is None:
            scale = framework.scale_for(cid)
            if not scale.contains(level):
                problem = Problem.of(
                    "", "problem.level.not_on_scale", level=level, values=scale.values
                )
        if problem:
            problems.append(problem.at(f"levels.{cid}"))
    if problems:
        raise ValidationError(problems)
    return talk


def record_conversation(
    record: DialogueRecord,
    payload: Any,
    framework: CompetencyFramework,
    *,
    allowed: Collection[str] | None = None,
) -> DialogueRecord:
    """A copy with the conversation added in date order (a late entry goes where it belongs)."""
    talk = check_conversation(payload, framework, allowed=allowed)
    conversations = sorted([*record.conversations, talk], key=lambda c: c.held_on)
    return record.model_copy(update={"conversations": conversations[-MAX_CONVERSATIONS:]})


def suggest_focus(
    gaps: Iterable[Gap], *, limit: int = MAX_FOCUS, allowed: Collection[str] | None = None
) -> list[str]:
    """Competencies to talk about: open gaps, largest weighted first, each once.

    ``gaps`` may join the gaps of several assessment blocks; a competency counts with its
    largest gap.
    """
    best: dict[str, Gap] = {}
    for gap in gaps:
        if gap.size <= 0 or (allowed is not None and gap.competency_id not in allowed):
            continue
        known = best.get(gap.competency_id)
        if known is None or gap.weighted > known.weighted:
            best[gap.competency_id] = gap
    ranked = sorted(best.values(), key=lambda g: (-g.weighted, -g.size, g.competency_id))
    return [gap.competency_id for gap in ranked[:limit]]


@dataclass(frozen=True, slots=True)
class RatingRow:
    """One competency's ratings: the latest per source and every rating, oldest first."""

    competency_id: str
    latest: Mapping[RatingSource, Rating]
    history: tuple[Rating, ...]


def ratings_side_by_side(
    ratings: Iterable[Rating], competency_ids: Sequence[str] | None = None
) -> list[RatingRow]:
    """Self, manager, peer and assessor ratings per competency, none overwriting another.

    Pass ratings oldest first within a source (ties on a date go to the later one). Rows
    follow ``competency_ids`` when given (listing competencies without ratings too), else
    the order competencies first appear; ``latest`` lists sources in RatingSource order.
    """
    ratings = list(ratings)
    latest = latest_ratings(ratings)
    history: dict[str, list[Rating]] = {}
    for rating in ratings:
        history.setdefault(rating.competency_id, []).append(rating)
    order = list(competency_ids) if competency_ids is not None else list(history)
    return [
        RatingRow(
            competency_id=cid,
            latest={s: latest[cid][s] for s in RatingSource if s in latest.get(cid, {})},
            history=tuple(sorted(history.get(cid, []), key=lambda r: r.rated_on)),
        )
        for cid in order
    ]
