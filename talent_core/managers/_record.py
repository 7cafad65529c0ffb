"""What a line manager records about their reports, kept in the manager's own block state.

Everything a manager writes (plan decisions, ratings, conversations held, checklist ticks)
lives in the manager's own ``Scope.user_state`` as a :class:`ManagerRecord`, so managers and
learners working at once in different processes never overwrite each other. The learner's
views read the manager's record (the ``user_state`` service) and :func:`verified_agreement`
tells what it means for the plan as it stands now: agreed (version N), changed since agreed,
sent back, or waiting for the manager.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from enum import StrEnum
from typing import Annotated, Any, Final, Literal

from pydantic import Field, field_validator

from .._assessment import Rating, RatingSource
from .._errors import Problem, StaleVersionError, ValidationError
from .._framework import CompetencyFramework
from .._plan import DevelopmentPlan, PlanSubmission
from .._self_assessment import _check_schema, _not_an_object
from .._text import Identifier, ShortText, StrictModel, Username
from .._validation import load
from ._talent_view import TalentView

__all__ = [
    "MANAGER_RECORD_SCHEMA",
    "AgreementSource",
    "ManagerConversation",
    "ManagerRatings",
    "ManagerRecord",
    "ManagerStatus",
    "PlanDecision",
    "PlanSubmission",
    "ReportRecord",
    "VerifiedAgreement",
    "decide_plan",
    "forget_talent_view",
    "latest_manager_levels",
    "load_manager_record",
    "rate_report",
    "record_talent_view",
    "record_talk",
    "submit_plan",
    "tick",
    "verified_agreement",
]

MANAGER_RECORD_SCHEMA: Final = 1
#: Entries kept per report and kind (newest); several a year fill this in decades.
MAX_ENTRIES = 100
#: Reports one manager's record holds (a manager keeps what they recorded for former reports).
MAX_REPORTS = 2000

CommentText = Annotated[str, Field(max_length=2000)]


class AgreementSource(StrEnum):
    """Who says the plan was agreed: the manager under their own login, or the learner."""

    MANAGER = "manager"
    SELF_REPORTED = "self-reported"


class PlanDecision(StrictModel):
    """The manager agreed the plan as shown, or sent it back with a comment."""

    decision: Literal["agreed", "sent_back"]
    version: Annotated[int, Field(ge=0)]
    goals_fingerprint: ShortText
    decided_on: dt.date
    manager_name: ShortText = ""
    comment: CommentText = ""


class ManagerRatings(StrictModel):
    """Levels the manager gave for the dialogue, per competency, on one day."""

    rated_on: dt.date
    levels: Annotated[dict[Identifier, int], Field(max_length=200)]
    #: The manager's name as the roster gave it that day.
    rater: ShortText = ""


class ManagerConversation(StrictModel):
    """A development conversation the manager held with the report."""

    held_on: dt.date
    agreed_focus: Annotated[str, Field(max_length=4000)] = ""


def _newest(value: list[Any]) -> list[Any]:
    return value[-MAX_ENTRIES:]


class ReportRecord(StrictModel):
    """What one manager recorded about one report, oldest first."""

    decisions: list[PlanDecision] = Field(default_factory=list)
    ratings: list[ManagerRatings] = Field(default_factory=list)
    conversations: list[ManagerConversation] = Field(default_factory=list)
    #: Checklist item id -> ticked.
    checklist: Annotated[dict[Identifier, bool], Field(max_length=50)] = Field(default_factory=dict)
    #: The manager's latest talent view of the report (docs/managers.md, "Talent conversation").
    talent: TalentView | None = None

    _keep_newest = field_validator("decisions", "ratings", "conversations")(_newest)

    def latest_decision(self) -> PlanDecision | None:
        return self.decisions[-1] if self.decisions else None

    def manager_ratings(self, rater: str) -> list[Rating]:
        """The manager's levels as ratings of source ``manager``, oldest first."""
        return [
            Rating(
                competency_id=cid,
                level=level,
                source=RatingSource.MANAGER,
                rated_on=entry.rated_on,
                rater=entry.rater or rater,
            )
            for entry in self.ratings
            for cid, level in entry.levels.items()
        ]

    def last_conversation(self) -> dt.date | None:
        return max((c.held_on for c in self.conversations), default=None)


class ManagerRecord(StrictModel):
    """Everything one manager recorded, per report's username."""

    schema_version: Literal[1] = MANAGER_RECORD_SCHEMA
    reports: Annotated[dict[Username, ReportRecord], Field(max_length=MAX_REPORTS)] = Field(
        default_factory=dict
    )

    def of(self, username: str) -> ReportRecord:
        return self.reports.get(username) or ReportRecord()

    def with_report(self, username: str, record: ReportRecord) -> ManagerRecord:
        return self.model_copy(update={"reports": {**self.reports, username: record}})

    def talent_views(self) -> list[TalentView]:
        """Every report's talent view this manager recorded, by report's username."""
        return [
            report.talent for _, report in sorted(self.reports.items()) if report.talent is not None
        ]

    def to_state(self) -> dict[str, Any]:
        return {
            "schema_version": MANAGER_RECORD_SCHEMA,
            **self.model_dump(mode="json", exclude_defaults=True),
        }


def load_manager_record(state: Any) -> ManagerRecord:
    """The record in a stored state; an empty state (nothing recorded yet) is a new one."""
    if not state:
        return ManagerRecord()
    if not isinstance(state, Mapping):
        raise ValidationError([_not_an_object("manager record")])
    _check_schema(state, MANAGER_RECORD_SCHEMA, "manager record")
    return load(ManagerRecord, state)


class ManagerStatus(StrEnum):
    """Where a plan stands with the roster manager (the codes are the report's values)."""

    NOT_SUBMITTED = "not-submitted"
    WAITING = "waiting"
    AGREED = "yes"
    CHANGED = "changed"
    SENT_BACK = "sent-back"


class VerifiedAgreement(StrictModel):
    """The plan as its manager sees it now: status, the decision behind it, the submission."""

    status: ManagerStatus
    decision: PlanDecision | None = None
    submission: PlanSubmission | None = None


def verified_agreement(
    goals_fingerprint: str,
    submission: PlanSubmission | None,
    decision: PlanDecision | None,
) -> VerifiedAgreement:
    """The status of a plan whose goals have this fingerprint
    (``DevelopmentPlan.goals_fingerprint``), given the learner's latest submission and the
    manager's latest decision. An agreement holds while the goals are as agreed (progress may
    change); a submission of a newer version than the one decided on waits again."""
    if submission is not None and (decision is None or submission.version > decision.version):
        status = ManagerStatus.WAITING
    elif decision is None:
        status = ManagerStatus.NOT_SUBMITTED
    elif decision.decision == "sent_back":
        status = ManagerStatus.SENT_BACK
    elif decision.goals_fingerprint == goals_fingerprint:
        status = ManagerStatus.AGREED
    else:
        status = ManagerStatus.CHANGED
    return VerifiedAgreement(status=status, decision=decision, submission=submission)


def submit_plan(
    stored: DevelopmentPlan, version: int, manager_username: str, today: dt.date
) -> DevelopmentPlan:
    """The plan to store when the learner asks their roster manager to agree it as stored.

    ``version`` is the version the learner's page shows (a newer stored one: StaleVersionError).
    """
    if version != stored.version:
        raise StaleVersionError(stored.version, version)
    if not stored.goals:
        raise ValidationError([Problem.of("goals", "problem.plan.goal_before_agreement")])
    submission = PlanSubmission(
        manager_username=manager_username,
        version=stored.version + 1,
        goals_fingerprint=stored.goals_fingerprint(),
        submitted_on=today,
    )
    return stored.model_copy(update={"submission": submission, "version": stored.version + 1})


def decide_plan(
    record: ManagerRecord,
    username: str,
    plan: DevelopmentPlan,
    *,
    version: int,
    decision: Literal["agreed", "sent_back"],
    manager_name: str,
    today: dt.date,
    comment: str = "",
) -> ManagerRecord:
    """The manager's record after agreeing ``plan`` as their page showed it (``version``) or
    sending it back; a plan changed since the page loaded raises StaleVersionError."""
    if version != plan.version:
        raise StaleVersionError(plan.version, version)
    if not plan.goals:
        raise ValidationError([Problem.of("version", "problem.plan.no_goals_yet")])
    if decision == "sent_back" and not comment.strip():
        raise ValidationError([Problem.of("comment", "problem.plan.say_what_to_change")])
    entry = PlanDecision(
        decision=decision,
        version=plan.version,
        goals_fingerprint=plan.goals_fingerprint(),
        decided_on=today,
        manager_name=manager_name,
        comment=comment.strip(),
    )
    report = record.of(username)
    updated = report.model_copy(update={"decisions": _newest([*report.decisions, entry])})
    return record.with_report(username, updated)


def rate_report(
    record: ManagerRecord,
    username: str,
    levels: Mapping[str, int],
    framework: CompetencyFramework,
    today: dt.date,
    rater: str = "",
) -> ManagerRecord:
    """The record with the manager's levels for the dialogue (source ``manager``), checked
    against the framework; the learner's own ratings are never touched."""
    if not levels:
        raise ValidationError([Problem.of("levels", "problem.manager.rate_one")])
    problems: list[Problem] = []
    for competency_id, level in levels.items():
        field = f"levels.{competency_id}"
        problem = framework.competency_problem(competency_id)
        if problem:
            problems.append(problem.at(field))
        elif not framework.scale_for(competency_id).contains(level):
            values = framework.scale_for(competency_id).values
            problems.append(
                Problem.of(field, "problem.level.not_on_scale", level=level, values=values)
            )
    if problems:
        raise ValidationError(problems)
    entry = ManagerRatings(rated_on=today, levels=dict(levels), rater=rater)
    report = record.of(username)
    updated = report.model_copy(update={"ratings": _newest([*report.ratings, entry])})
    return record.with_report(username, updated)


def latest_manager_levels(report: ReportRecord) -> dict[str, int]:
    """Each competency's latest level from the manager, in first-rated order."""
    levels: dict[str, int] = {}
    for entry in report.ratings:
        levels.update(entry.levels)
    return levels


def record_talk(record: ManagerRecord, username: str, talk: ManagerConversation) -> ManagerRecord:
    """The record with a development conversation the manager held, in date order."""
    report = record.of(username)
    talks = sorted([*report.conversations, talk], key=lambda c: c.held_on)
    return record.with_report(username, report.model_copy(update={"conversations": _newest(talks)}))


def record_talent_view(record: ManagerRecord, view: TalentView) -> ManagerRecord:
    """The record with ``view`` as the manager's talent view of ``view.learner`` (it replaces
    the earlier one; check it first with :func:`check_talent_view`)."""
    report = record.of(view.learner)
    return record.with_report(view.learner, report.model_copy(update={"talent": view}))


def forget_talent_view(record: ManagerRecord, learner: str) -> ManagerRecord:
    """The record without the talent view about ``learner`` (an erasure request); the rest of
    what the manager recorded about them stays."""
    report = record.reports.get(learner)
    if report is None or report.talent is None:
        return record
    return record.with_report(learner, report.model_copy(update={"talent": None}))


def tick(
    record: ManagerRecord, username: str, item: str, done: bool, items: Collection[str]
) -> ManagerRecord:
    """The record with one checklist item of ``items`` ticked or cleared for the report."""
    if item not in items:
        raise ValidationError([Problem.of("item", "problem.checklist.unknown_item", item=item)])
    report = record.of(username)
    checklist = {**report.checklist, item: done}
    return record.with_report(username, report.model_copy(update={"checklist": checklist}))
