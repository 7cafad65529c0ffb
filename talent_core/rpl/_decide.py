"""What a decision needs: the rules an assessor's decision is checked against, in the LMS and
on import alike.

EVC practice: the decision rests on the portfolio and a second instrument (an interview,
observation or practical assessment), it is taken by an assessor who did not guide the
learner, it names the level recognised (never above the level claimed) and it is traceable to
every behaviour indicator of the claimed level. The VRAAK defaults an assessor sees (currency:
evidence not older than the policy's years; quantity: at least the policy's pieces) come from
:func:`currency_met` and :func:`quantity_met`.
"""

from __future__ import annotations

import datetime as dt

from .._errors import Problem, ValidationError
from .._framework import CompetencyFramework
from ._model import ClaimState, EvidenceItem, PriorLearningClaim
from ._review import ClaimDecision, ClaimReview, RplPolicy, VraakLevel
from ._roster import ReviewerRoster

__all__ = [
    "DECIDABLE_STATES",
    "check_decision",
    "currency_met",
    "decision_problems",
    "quantity_met",
    "vraak_defaults",
]

#: States a claim can be decided in (decided: a second assessor on a disputed claim).
DECIDABLE_STATES = frozenset({ClaimState.SUBMITTED, ClaimState.IN_REVIEW, ClaimState.DECIDED})


def currency_met(item: EvidenceItem, decided_on: dt.date, policy: RplPolicy) -> bool:
    """Whether the evidence is recent enough: dated within the policy's years before the day."""
    try:
        oldest = decided_on.replace(year=decided_on.year - policy.currency_years)
    except ValueError:  # 29 February
        oldest = decided_on.replace(year=decided_on.year - policy.currency_years, day=28)
    return item.date >= oldest


def quantity_met(claim: PriorLearningClaim, policy: RplPolicy) -> bool:
    """Whether the claim holds at least the policy's number of pieces of evidence."""
    return len(claim.evidence) >= policy.min_evidence


def vraak_defaults(
    claim: PriorLearningClaim, item: EvidenceItem, decided_on: dt.date, policy: RplPolicy
) -> dict[str, VraakLevel]:
    """The currency and quantity an assessor's form starts from for ``item``."""
    return {
        "currency": "met" if currency_met(item, decided_on, policy) else "not_met",
        "quantity": "met" if quantity_met(claim, policy) else "not_met",
    }


def decision_problems(
    claim: PriorLearningClaim,
    review: ClaimReview,
    roster: ReviewerRoster,
    policy: RplPolicy | None = None,
    framework: CompetencyFramework | None = None,
) -> list[Problem]:
    """Everything that keeps ``review``'s decision on ``claim`` from standing (see
    :func:`check_decision`)."""
    decision = review.decision
    if decision is None:
        return [Problem.of("decision", "problem.rpl.no_decision")]
    problems: list[Problem] = []
    learner = review.learner
    if decision.claim_id != claim.id or review.claim_id != claim.id:
        problems.append(Problem.of("claim_id", "problem.rpl.other_claim"))
    if decision.learner != learner:
        problems.append(Problem.of("learner", "problem.rpl.other_learner", learner=learner))
    if claim.state not in DECIDABLE_STATES:
        problems.append(Problem.of("state", "problem.rpl.not_submitted", state=claim.state.value))
    assessor = decision.assessor
    if roster.is_guide_of(assessor, learner):
        problems.append(Problem.of("assessor", "problem.rpl.guide_may_not_assess", user=assessor))
    elif not roster.is_assessor_of(assessor, learner):
        problems.append(
            Problem.of("assessor", "problem.rpl.not_an_assessor", user=assessor, learner=learner)
        )
    if (decision.instrument or review.instrument) is None:
        problems.append(Problem.of("instrument", "problem.rpl.instrument_first"))
    if decision.source == "lms":
        unscored = [item.title for item in claim.evidence if review.score_of(item.id) is None]
        if unscored:
            problems.append(
                Problem.of("scores", "problem.rpl.score_every_item", titles=", ".join(unscored))
            )
    if decision.awarded_level is not None and decision.awarded_level > claim.level:
        problems.append(
            Problem.of(
                "awarded_level",
                "problem.rpl.above_claim",
                level=decision.awarded_level,
                claimed=claim.level,
            )
        )
    if framework is not None:
        problems += _framework_problems(claim, decision, framework)
    return problems


def _framework_problems(
    claim: PriorLearningClaim, decision: ClaimDecision, framework: CompetencyFramework
) -> list[Problem]:
    unknown = framework.competency_problem(claim.competency_id)
    if unknown is not None:
        return [unknown.at("competency_id")]
    problems: list[Problem] = []
    scale = framework.scale_for(claim.competency_id)
    level = decision.awarded_level
    if level is not None and not scale.contains(level):
        problems.append(
            Problem.of(
                "awarded_level", "problem.level.not_on_scale", level=level, values=scale.values
            )
        )
    wanted = [node.id for node in framework.indicators(claim.competency_id, claim.level)]
    missing = [i for i in wanted if not decision.reasons.get(i, "").strip()]
    if missing:
        problems.append(Problem.of("reasons", "problem.rpl.reason_missing", ids=", ".join(missing)))
    extra = sorted(set(decision.reasons) - set(wanted))
    if extra:
        problems.append(
            Problem.of(
                "reasons", "problem.rpl.reason_unknown", ids=", ".join(extra), level=claim.level
            )
        )
    return problems


def check_decision(
    claim: PriorLearningClaim,
    review: ClaimReview,
    roster: ReviewerRoster,
    policy: RplPolicy | None = None,
    framework: CompetencyFramework | None = None,
) -> None:
    """Refuse (ValidationError naming every problem) a decision that may not stand: the claim
    is not submitted or in review, no second instrument is recorded, the assessor is a guide
    of this learner (the same person may not guide and assess one claim) or not their
    assessor, a piece of evidence is not scored on VRAAK (decisions in the LMS), the level is
    above the claim or (with ``framework``) off the scale, or an indicator of the claimed level
    has no reason."""
    problems = decision_problems(claim, review, roster, policy, framework)
    if problems:
        raise ValidationError(problems)
