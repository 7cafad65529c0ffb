"""The life of a claim: draft → submitted (locked) → in review → decided, and back to draft
when an assessor asks for more evidence. Every step is kept with who took it and when.

The learner's block state holds the claim, but assessors write only their own state: the
block moves the learner's copy on when the learner next opens it (:func:`apply_decision`),
while :func:`claim_status_for_learner` (``_status``) already shows the decision. The functions
here are pure: they return a new claim or raise ValidationError naming the refused step.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from .._errors import Problem, ValidationError
from .._framework import CompetencyFramework
from ._model import ClaimState, PriorLearningClaim, StateChange, utc_datetime
from ._review import ClaimDecision, DecisionOutcome

__all__ = [
    "ALLOWED_STEPS",
    "apply_decision",
    "check_claim",
    "claim_problems",
    "move",
    "reopen",
    "require_draft",
    "start_review",
    "submit",
]

#: The states a claim may move to from each state.
ALLOWED_STEPS: Mapping[ClaimState, frozenset[ClaimState]] = {
    ClaimState.DRAFT: frozenset({ClaimState.SUBMITTED}),
    ClaimState.SUBMITTED: frozenset({ClaimState.IN_REVIEW, ClaimState.DECIDED}),
    ClaimState.IN_REVIEW: frozenset({ClaimState.DECIDED}),
    # a second assessor may decide a disputed claim; more evidence needed reopens it
    ClaimState.DECIDED: frozenset({ClaimState.DECIDED, ClaimState.DRAFT}),
}


def move(
    claim: PriorLearningClaim, to: ClaimState, by: str, at: dt.datetime, note: str = ""
) -> PriorLearningClaim:
    """The claim in state ``to``, with the step in its history; a step the life of a claim
    does not allow raises ValidationError (field ``state``)."""
    if to not in ALLOWED_STEPS[claim.state]:
        raise ValidationError(
            [Problem.of("state", "problem.rpl.step", current=claim.state.value, wanted=to.value)]
        )
    at = utc_datetime(at)
    change = StateChange(state=to, by=by, at=at, note=note)
    return claim.model_copy(
        update={"state": to, "history": [*claim.history, change], "updated": at}
    )


def require_draft(claim: PriorLearningClaim) -> None:
    """Refuse a change to a claim that is no longer a draft (submitted claims are locked)."""
    if claim.state is not ClaimState.DRAFT:
        raise ValidationError([Problem.of("state", "problem.rpl.locked", state=claim.state.value)])


def claim_problems(claim: PriorLearningClaim, framework: CompetencyFramework) -> list[Problem]:
    """Everything that keeps ``claim`` from being submitted against ``framework``."""
    problems: list[Problem] = []
    unknown = framework.competency_problem(claim.competency_id)
    if unknown is not None:
        return [unknown.at("competency_id")]
    scale = framework.scale_for(claim.competency_id)
    if not scale.contains(claim.level):
        problems.append(
            Problem.of(
                "level", "problem.level.not_on_scale", level=claim.level, values=scale.values
            )
        )
    missing = [
        part
        for part in ("situation", "task", "action", "result")
        if not getattr(claim.account, part)
    ]
    if missing:
        problems.append(
            Problem.of("account", "problem.rpl.account_incomplete", parts=", ".join(missing))
        )
    if not claim.evidence:
        problems.append(Problem.of("evidence", "problem.rpl.no_evidence"))
    indicators = {node.id for node in framework.indicators(claim.competency_id, claim.level)}
    for index, item in enumerate(claim.evidence):
        where = f"evidence[{index}].indicator_ids"
        if not item.indicator_ids:
            problems.append(Problem.of(where, "problem.rpl.evidence_unlinked", title=item.title))
        for indicator in item.indicator_ids:
            if indicator not in indicators:
                problems.append(
                    Problem.of(
                        where, "problem.rpl.indicator_unknown", id=indicator, level=claim.level
                    )
                )
    return problems


def check_claim(claim: PriorLearningClaim, framework: CompetencyFramework) -> None:
    """Raise ValidationError naming every problem (see :func:`claim_problems`)."""
    problems = claim_problems(claim, framework)
    if problems:
        raise ValidationError(problems)


def submit(
    claim: PriorLearningClaim,
    by: str,
    at: dt.datetime,
    framework: CompetencyFramework | None = None,
) -> PriorLearningClaim:
    """The claim submitted (and locked) by the learner ``by``; with ``framework`` it must
    pass :func:`check_claim` first (the block always passes it)."""
    require_draft(claim)
    if framework is not None:
        check_claim(claim, framework)
    return move(claim, ClaimState.SUBMITTED, by, at)


def start_review(claim: PriorLearningClaim, by: str, at: dt.datetime) -> PriorLearningClaim:
    """The claim taken into review by the assessor ``by``."""
    return move(claim, ClaimState.IN_REVIEW, by, at)


def _decision_is_current(claim: PriorLearningClaim, decision: ClaimDecision) -> bool:
    submitted = claim.submitted_at
    return submitted is None or decision.decided_at >= submitted


def apply_decision(claim: PriorLearningClaim, decision: ClaimDecision) -> PriorLearningClaim:
    """The learner's copy of the claim once ``decision`` is known: decided (and the step
    recorded as the assessor's). A decision older than the latest submission or already
    applied changes nothing; one about another claim raises ValidationError."""
    if decision.claim_id != claim.id:
        raise ValidationError([Problem.of("claim_id", "problem.rpl.other_claim")])
    if not _decision_is_current(claim, decision) or claim.state is ClaimState.DRAFT:
        return claim
    if any(
        change.state is ClaimState.DECIDED
        and change.by == decision.assessor
        and change.at == decision.decided_at
        for change in claim.history
    ):
        return claim
    return move(
        claim, ClaimState.DECIDED, decision.assessor, decision.decided_at, decision.outcome.value
    )


def reopen(
    claim: PriorLearningClaim, decision: ClaimDecision, by: str, at: dt.datetime
) -> PriorLearningClaim:
    """The claim back in draft after ``decision`` asked for more evidence (its feedback is the
    step's note), so the learner can add to it and submit it again."""
    if decision.claim_id != claim.id:
        raise ValidationError([Problem.of("claim_id", "problem.rpl.other_claim")])
    if decision.outcome is not DecisionOutcome.MORE_EVIDENCE_NEEDED or not _decision_is_current(
        claim, decision
    ):
        raise ValidationError([Problem.of("state", "problem.rpl.reopen_refused")])
    decided = apply_decision(claim, decision)
    if decided.state is ClaimState.DRAFT:
        raise ValidationError([Problem.of("state", "problem.rpl.reopen_refused")])
    return move(decided, ClaimState.DRAFT, by, at, decision.feedback)
