"""One learner's self-assessment: the draft being edited and the dated history of submissions.

The competency_assessment block stores a :class:`SelfAssessmentRecord` as compact JSON in
``Scope.user_state`` (:meth:`SelfAssessmentRecord.to_state`, :func:`load_self_assessment`).
Loading checks shapes only, so HR's report over many learners stays fast; the framework rules
(known competencies, levels on their scale, allowed roles) are checked when a learner saves
or submits, against the author's :class:`AssessmentSetup`.

History policy: attempts are kept oldest first and only the newest :data:`MAX_ATTEMPTS` are
kept; submitting one more drops the oldest. Fifty retakes cover years of quarterly check-ins,
and the cap bounds the size of a learner's stored state. Retaking never changes an earlier
attempt, and submitting keeps the draft so the learner can start the next retake from it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any, Final, Literal, Self

from pydantic import AwareDatetime, Field, field_validator, model_validator

from ._assessment import Gap, Rating, gap_analysis
from ._errors import Problem, Term, ValidationError
from ._framework import CompetencyFramework, LearningMode, NodeType
from ._roles import RoleProfile, check_role
from ._text import Identifier, StrictModel, localize
from ._validation import load

__all__ = [
    "MAX_ATTEMPTS",
    "SELF_ASSESSMENT_SCHEMA",
    "AssessmentAttempt",
    "AssessmentDraft",
    "AssessmentSetup",
    "AssessmentSummary",
    "GapAdvice",
    "LevelChange",
    "QuestionText",
    "RatingChange",
    "SelfAssessmentRecord",
    "SuggestedActivity",
    "TargetChoice",
    "check_draft",
    "choose_target",
    "coaching_questions",
    "latest_gaps",
    "load_self_assessment",
    "on_scale",
    "rating_changes",
    "save_draft",
    "submit",
    "suggested_activities",
    "summarize_self_assessment",
    "top_gaps",
]

#: Version of the stored JSON shape; bump it (and migrate in ``load_self_assessment``) on change.
SELF_ASSESSMENT_SCHEMA: Final = 1
#: Submitted attempts kept per learner; older ones are dropped first.
MAX_ATTEMPTS = 50

NoteText = Annotated[str, Field(max_length=2000)]


class AssessmentDraft(StrictModel):
    """What the learner is editing: the target role, a level and a note per competency."""

    role_id: Identifier | None = None
    levels: dict[Identifier, int] = Field(default_factory=dict)
    notes: dict[Identifier, NoteText] = Field(default_factory=dict)


class AssessmentAttempt(StrictModel):
    """One submitted self-assessment, frozen in time.

    Levels and notes are kept as plain maps, not a list of ratings: that halves the stored
    JSON and makes loading several times faster for HR's report; :meth:`ratings` gives them
    as :class:`Rating` objects.
    """

    submitted_at: AwareDatetime
    role_id: Identifier
    #: Level per competency, in the order the learner rated them.
    levels: Annotated[dict[Identifier, int], Field(min_length=1, max_length=2000)]
    notes: dict[Identifier, NoteText] = Field(default_factory=dict)

    @field_validator("submitted_at")
    @classmethod
    def _in_utc(cls, value: dt.datetime) -> dt.datetime:
        return value.astimezone(dt.UTC)

    @model_validator(mode="after")
    def _notes_on_ratings(self) -> Self:
        stray = [cid for cid in self.notes if cid not in self.levels]
        if stray:
            raise ValidationError(
                [
                    Problem.of(f"notes.{cid}", "problem.assessment.note_without_level", id=cid)
                    for cid in stray
                ]
            )
        return self

    def ratings(self) -> list[Rating]:
        """The attempt as self ratings dated on the (UTC) day it was submitted."""
        day = self.submitted_at.date()
        return [
            Rating(competency_id=cid, level=level, rated_on=day, note=self.notes.get(cid, ""))
            for cid, level in self.levels.items()
        ]


class TargetChoice(StrictModel):
    """A role the learner made their target after a submission ("use this role as my target"):
    the latest attempt's ratings now count against it, until the next submission."""

    role_id: Identifier
    chosen_at: AwareDatetime

    @field_validator("chosen_at")
    @classmethod
    def _in_utc(cls, value: dt.datetime) -> dt.datetime:
        return value.astimezone(dt.UTC)


def _retargeted(attempt: AssessmentAttempt, target: TargetChoice | None) -> AssessmentAttempt:
    """The attempt against the target chosen after it (the attempt itself when none was)."""
    if target is None or target.chosen_at < attempt.submitted_at:
        return attempt
    if target.role_id == attempt.role_id:
        return attempt
    return attempt.model_copy(update={"role_id": target.role_id})


class SelfAssessmentRecord(StrictModel):
    """Everything one learner's assessment block keeps: the draft and the attempts, oldest first."""

    schema_version: Literal[1] = SELF_ASSESSMENT_SCHEMA
    draft: AssessmentDraft = Field(default_factory=AssessmentDraft)
    attempts: list[AssessmentAttempt] = Field(default_factory=list)
    target: TargetChoice | None = None

    @field_validator("attempts")
    @classmethod
    def _newest_only(cls, value: list[AssessmentAttempt]) -> list[AssessmentAttempt]:
        return value[-MAX_ATTEMPTS:]

    @property
    def latest(self) -> AssessmentAttempt | None:
        """The latest attempt, against the target the learner chose since (if they did)."""
        return _retargeted(self.attempts[-1], self.target) if self.attempts else None

    @property
    def previous(self) -> AssessmentAttempt | None:
        return self.attempts[-2] if len(self.attempts) > 1 else None

    def all_ratings(self) -> list[Rating]:
        """Every submitted rating, oldest first (the order ``latest_ratings`` expects)."""
        return [rating for attempt in self.attempts for rating in attempt.ratings()]

    def to_state(self) -> dict[str, Any]:
        """JSON for ``Scope.user_state``: defaults left out, the schema version always in."""
        state = self.model_dump(mode="json", exclude_defaults=True)
        return {"schema_version": SELF_ASSESSMENT_SCHEMA, **state}


def _term(kind: str) -> Term:
    """The catalog's word for a kind of stored record ("development plan")."""
    return Term("term." + kind.replace("-", "_").replace(" ", "_"))


def _not_an_object(kind: str) -> Problem:
    """A stored record of ``kind`` that is not a JSON object."""
    return Problem.of("", "problem.record.not_an_object", kind=_term(kind))


def _check_schema(state: Mapping[str, Any], expected: int, kind: str) -> None:
    """Refuse a stored state written in a schema this version cannot read."""
    found = state.get("schema_version", expected)
    if found != expected:
        raise ValidationError(
            [
                Problem.of(
                    "schema_version",
                    "problem.schema.unreadable",
                    found=found,
                    kind=_term(kind),
                    expected=expected,
                )
            ]
        )


def load_self_assessment(state: Any) -> SelfAssessmentRecord:
    """The record in a stored state; an empty state (a learner who never saved) is a new one."""
    if not state:
        return SelfAssessmentRecord()
    if isinstance(state, Mapping):
        _check_schema(state, SELF_ASSESSMENT_SCHEMA, "self-assessment")
    return load(SelfAssessmentRecord, state)


@dataclass(frozen=True, slots=True)
class AssessmentSummary:
    """What HR's report needs of one learner's record, read without the whole history."""

    attempts: int
    latest: AssessmentAttempt | None
    draft_role_id: str | None


def summarize_self_assessment(state: Any) -> AssessmentSummary:
    """The summary of a stored state, validating only its latest attempt.

    A report over 100,000 learners reads each state once; this keeps that cost independent of
    how long a learner's history is. Raises ValidationError like ``load_self_assessment``.
    """
    if not state:
        return AssessmentSummary(0, None, None)
    if not isinstance(state, Mapping):
        raise ValidationError([_not_an_object("self-assessment")])
    _check_schema(state, SELF_ASSESSMENT_SCHEMA, "self-assessment")
    attempts = state.get("attempts") or []
    if not isinstance(attempts, list):
        raise ValidationError([Problem.of("attempts", "problem.not_a_list")])
    latest = None
    if attempts:
        where = f"attempts[{len(attempts) - 1}]"
        latest = load(AssessmentAttempt, attempts[-1], where=where)
        target = state.get("target")
        if target:
            latest = _retargeted(latest, load(TargetChoice, target, where="target"))
    draft = state.get("draft") or {}
    role_id = draft.get("role_id") if isinstance(draft, Mapping) else None
    return AssessmentSummary(
        min(len(attempts), MAX_ATTEMPTS), latest, role_id if isinstance(role_id, str) else None
    )


@dataclass(frozen=True, slots=True)
class AssessmentSetup:
    """What the author configured: the framework, the competencies to rate, the target roles."""

    framework: CompetencyFramework
    #: Rateable competencies in the order the learner sees them.
    competency_ids: tuple[str, ...]
    roles: tuple[RoleProfile, ...]

    @classmethod
    def create(
        cls,
        framework: CompetencyFramework,
        node_ids: Sequence[str],
        roles: Sequence[RoleProfile],
    ) -> AssessmentSetup:
        """Expand the selected clusters into their competencies and check the roles.

        Raises ValidationError naming ``competencies[i]`` or the role's field, so a block's
        ``validate()`` can show the author what is wrong.
        """
        problems: list[Problem] = []
        chosen: dict[str, None] = {}
        for i, node_id in enumerate(node_ids):
            if not framework.has_node(node_id):
                problems.append(
                    Problem.of(f"competencies[{i}]", "problem.competency.unknown", id=node_id)
                )
                continue
            node = framework.node(node_id)
            if node.type is NodeType.COMPETENCY:
                chosen[node_id] = None
            elif node.type is NodeType.INDICATOR:
                problems.append(
                    Problem.of(f"competencies[{i}]", "problem.competency.indicator", id=node_id)
                )
            else:
                chosen.update(dict.fromkeys(c.id for c in framework.competencies(node_id)))
        if not chosen and not problems:
            problems.append(Problem.of("competencies", "problem.assessment.choose_competency"))
        if not roles:
            problems.append(Problem.of("roles", "problem.assessment.choose_roles"))
        role_ids: set[str] = set()
        for role in roles:
            if role.id in role_ids:
                problems.append(Problem.of(f"roles.{role.id}", "problem.listed_twice"))
            role_ids.add(role.id)
            try:
                check_role(role, framework)
            except ValidationError as error:
                problems += error.problems
        if problems:
            raise ValidationError(problems)
        return cls(framework, tuple(chosen), tuple(roles))

    def role(self, role_id: str) -> RoleProfile | None:
        return next((role for role in self.roles if role.id == role_id), None)


def check_draft(payload: Any, setup: AssessmentSetup) -> AssessmentDraft:
    """The draft in a learner's JSON payload, or ValidationError naming each bad field."""
    draft = load(AssessmentDraft, payload)
    problems: list[Problem] = []
    if draft.role_id is not None and setup.role(draft.role_id) is None:
        problems.append(Problem.of("role_id", "problem.role.unknown", id=draft.role_id))
    allowed = set(setup.competency_ids)
    for competency_id, level in draft.levels.items():
        if competency_id not in allowed:
            problems.append(
                Problem.of(
                    f"levels.{competency_id}", "problem.competency.not_rated_here", id=competency_id
                )
            )
            continue
        scale = setup.framework.scale_for(competency_id)
        if not scale.contains(level):
            problems.append(
                Problem.of(
                    f"levels.{competency_id}",
                    "problem.level.not_on_scale",
                    level=level,
                    values=scale.values,
                )
            )
    for competency_id in draft.notes:
        if competency_id not in allowed:
            problems.append(
                Problem.of(
                    f"notes.{competency_id}", "problem.competency.not_rated_here", id=competency_id
                )
            )
    if problems:
        raise ValidationError(problems)
    notes = {cid: note for cid, note in draft.notes.items() if note.strip()}
    return draft.model_copy(update={"notes": notes})


def save_draft(
    record: SelfAssessmentRecord, payload: Any, setup: AssessmentSetup
) -> SelfAssessmentRecord:
    """A copy of ``record`` with the payload as its draft; ``record`` is left as it was."""
    return record.model_copy(update={"draft": check_draft(payload, setup)})


def submit(
    record: SelfAssessmentRecord, payload: Any, setup: AssessmentSetup, *, now: dt.datetime
) -> SelfAssessmentRecord:
    """A copy with the payload kept as draft and appended as a dated attempt.

    Every competency of the setup must be rated and a role chosen; ``now`` must carry a time
    zone (it is stored in UTC).
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("submit needs an aware datetime for 'now'")
    draft = check_draft(payload, setup)
    problems = [
        Problem.of(f"levels.{cid}", "problem.assessment.rate_before_submitting")
        for cid in setup.competency_ids
        if cid not in draft.levels
    ]
    role_id = draft.role_id
    if role_id is None:
        problems.insert(0, Problem.of("role_id", "problem.assessment.role_before_submitting"))
    if problems or role_id is None:
        raise ValidationError(problems)
    attempt = AssessmentAttempt(
        submitted_at=now.astimezone(dt.UTC),
        role_id=role_id,
        levels={cid: draft.levels[cid] for cid in setup.competency_ids},
        notes={cid: draft.notes[cid] for cid in setup.competency_ids if cid in draft.notes},
    )
    attempts = [*record.attempts, attempt][-MAX_ATTEMPTS:]
    return record.model_copy(update={"draft": draft, "attempts": attempts, "target": None})


def choose_target(
    record: SelfAssessmentRecord, role_id: str, setup: AssessmentSetup, *, now: dt.datetime
) -> SelfAssessmentRecord:
    """A copy with ``role_id`` (one of the roles the author offers) as the learner's target:
    the latest attempt's ratings count against it from ``now`` (the plan and dialogue, which
    read the latest result, follow), and the next retake starts from it. Before any submission
    only the draft's role changes."""
    if setup.role(role_id) is None:
        raise ValidationError([Problem.of("role_id", "problem.role.unknown", id=role_id)])
    draft = record.draft.model_copy(update={"role_id": role_id})
    if not record.attempts:
        return record.model_copy(update={"draft": draft})
    target = TargetChoice(role_id=role_id, chosen_at=now.astimezone(dt.UTC))
    return record.model_copy(update={"draft": draft, "target": target})


class LevelChange(StrEnum):
    UP = "up"
    DOWN = "down"
    SAME = "same"
    #: Not rated in the previous attempt (or there is none).
    NEW = "new"


@dataclass(frozen=True, slots=True)
class RatingChange:
    competency_id: str
    previous: int | None
    current: int
    change: LevelChange


def rating_changes(record: SelfAssessmentRecord) -> list[RatingChange]:
    """How each rating of the latest attempt moved since the attempt before, in rating order."""
    latest = record.latest
    if latest is None:
        return []
    before = record.previous.levels if record.previous is not None else {}
    changes: list[RatingChange] = []
    for cid, level in latest.levels.items():
        old = before.get(cid)
        if old is None:
            change = LevelChange.NEW
        elif level > old:
            change = LevelChange.UP
        elif level < old:
            change = LevelChange.DOWN
        else:
            change = LevelChange.SAME
        changes.append(RatingChange(cid, old, level, change))
    return changes


def latest_gaps(record: SelfAssessmentRecord, setup: AssessmentSetup) -> list[Gap]:
    """Gaps of the latest attempt against the role it was made for, largest first.

    Only the requirements the learner rated in that attempt count: ranking an unrated
    requirement as the bottom of its scale would put unknowns above real gaps. Empty when
    nothing was submitted or the author has since removed the role.
    """
    latest = record.latest
    role = setup.role(latest.role_id) if latest is not None else None
    if latest is None or role is None:
        return []
    gaps = gap_analysis(setup.framework, role, on_scale(setup.framework, latest.levels))
    return [gap for gap in gaps if gap.current is not None]


def on_scale(framework: CompetencyFramework, levels: Mapping[str, int]) -> dict[str, int]:
    """The levels still on their competency's scale: a stored rating the framework's scale no
    longer has (the author changed the scale since) counts as not rated, never as the bottom."""
    return {
        cid: level
        for cid, level in levels.items()
        if framework.has_node(cid) and framework.scale_for(cid).contains(level)
    }


@dataclass(frozen=True, slots=True)
class QuestionText:
    """A coaching question in the learner's language."""

    id: str
    text: str
    purpose: str


@dataclass(frozen=True, slots=True)
class SuggestedActivity:
    """A framework activity in the learner's language."""

    id: str
    title: str
    description: str
    mode: LearningMode
    hours: float


@dataclass(frozen=True, slots=True)
class GapAdvice:
    """A gap with what helps close it: the competency's coaching questions and activities."""

    gap: Gap
    competency_name: str
    questions: tuple[QuestionText, ...]
    activities: tuple[SuggestedActivity, ...]


def coaching_questions(
    framework: CompetencyFramework, competency_id: str, language: str | None
) -> tuple[QuestionText, ...]:
    return tuple(
        QuestionText(q.id, localize(q.text, language, (framework.default_language,)), q.purpose)
        for q in framework.node(competency_id).coaching_questions
    )


def suggested_activities(
    framework: CompetencyFramework, competency_id: str, language: str | None
) -> tuple[SuggestedActivity, ...]:
    fallbacks = (framework.default_language,)
    return tuple(
        SuggestedActivity(
            a.id,
            localize(a.title, language, fallbacks),
            localize(a.description, language, fallbacks),
            a.mode,
            a.hours,
        )
        for a in framework.node(competency_id).activities
    )


def top_gaps(
    gaps: Iterable[Gap], framework: CompetencyFramework, language: str | None, *, limit: int = 3
) -> list[GapAdvice]:
    """The ``limit`` largest open gaps (in the given order) with their advice in ``language``."""
    advice: list[GapAdvice] = []
    for gap in gaps:
        if len(advice) >= limit:
            break
        if gap.size <= 0:
            continue
        node = framework.node(gap.competency_id)
        advice.append(
            GapAdvice(
                gap=gap,
                competency_name=localize(node.name, language, (framework.default_language,)),
                questions=coaching_questions(framework, gap.competency_id, language),
                activities=suggested_activities(framework, gap.competency_id, language),
            )
        )
    return advice
