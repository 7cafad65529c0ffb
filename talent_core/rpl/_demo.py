"""A realistic demo of prior-learning review: learners' claims on the demo framework, a guide,
two assessors, VRAAK scores, interviews and decisions (one disputed, one sent back).

It is shaped like the block's staff downloads (the queue CSV, the reviewer roster, decisions),
so the review notebook and the tests run on what the block produces. Deterministic for a seed
and a day; every text is written for this product.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from dataclasses import dataclass
from typing import Any

from .._demo import demo_framework
from .._framework import CompetencyFramework
from .._validation import load
from ._model import ClaimState, PriorLearningClaim
from ._queue import QueueRow
from ._review import ClaimDecision, ClaimReview, DecisionOutcome, VraakScore
from ._roster import ReviewerRoster, read_reviewer_roster
from ._states import apply_decision, start_review, submit

__all__ = ["DEMO_ROSTER_CSV", "RplDemo", "demo_rpl"]

DEMO_ROSTER_CSV = """username,role,learners
guide_1,guide,
assessor_1,assessor,
assessor_2,assessor,
"""

_LEARNERS = (
    ("learner_1", "Mira Jansen"),
    ("learner_2", "Jonas Berg"),
    ("learner_3", "Fatima El Amrani"),
    ("learner_4", "Pieter de Vries"),
    ("learner_5", "Sara Lindqvist"),
    ("learner_6", "Tom Okafor"),
    ("learner_7", "Lotte Visser"),
    ("learner_8", "Erik Holm"),
)

_SITUATIONS = (
    "In my previous job at a logistics firm our team of nine moved to a new planning system "
    "within six weeks.",
    "As a volunteer coordinator at a sports club I was responsible for around forty helpers "
    "on match days.",
    "During a reorganisation two departments were merged and nobody owned the customer "
    "hand-over any more.",
    "A long-standing customer threatened to leave after three late deliveries in one month.",
)
_TASKS = (
    "I had to make sure that everyone could work with the change without losing quality.",
    "My task was to get the group to agree on one way of working and keep it going.",
    "I was asked to find out what went wrong and to propose what we would do differently.",
)
_ACTIONS = (
    "I talked to each person separately, wrote down what I saw and agreed small next steps "
    "that we reviewed every Friday.",
    "I prepared the meetings with a short written overview, asked the quiet people first "
    "and summarised the agreements by e-mail the same day.",
    "I made a simple checklist with the team, tried it for two weeks and adjusted it after "
    "the feedback I asked for.",
)
_RESULTS = (
    "After two months the error rate had halved and two colleagues took over parts of my role.",
    "The way of working is still used; the club asked me to train the new coordinator.",
    "The customer stayed, and our manager used the checklist in two other teams.",
)
_EVIDENCE = (
    ("text", "Notes of the weekly review talks", "My own notes, with the agreements we made."),
    ("link", "Article in the staff newsletter", "The newsletter describes the change I led."),
    ("file", "Certificate of the coaching course", "A two-day course I completed."),
    ("text", "Statement from my former team leader", "She describes what she saw me do."),
    ("link", "Shared checklist the team still uses", "The checklist we built together."),
    ("file", "Summary report to the management team", "The report I wrote after the project."),
)
_OUTCOMES = (
    "The interview confirmed the account: concrete examples, consistent with the evidence.",
    "Observed one team meeting; the behaviour matched the claimed level.",
)


@dataclass(frozen=True)
class RplDemo:
    """The demo: the framework, the reviewer roster (CSV and read), the queue and decisions."""

    framework: CompetencyFramework
    roster_csv: str
    roster: ReviewerRoster
    queue: list[QueueRow]
    #: Every decision in the queue's reviews, oldest first.
    decisions: list[ClaimDecision]


def _id(rng: random.Random) -> str:
    return uuid.UUID(int=rng.getrandbits(128), version=4).hex


def _claim(
    rng: random.Random, framework: CompetencyFramework, competency_id: str, today: dt.datetime
) -> dict[str, Any]:
    scale = framework.scale_for(competency_id)
    levels = [v for v in scale.values if framework.indicators(competency_id, v)] or scale.values
    level = rng.choice(levels[: max(1, len(levels) - 1)] if len(levels) > 1 else levels)
    indicators = [n.id for n in framework.indicators(competency_id, level)]
    created = today - dt.timedelta(days=rng.randint(20, 150), hours=rng.randint(0, 8))
    evidence = []
    for number, (kind, title, description) in enumerate(rng.sample(_EVIDENCE, rng.randint(1, 4))):
        years = rng.choice((0, 0, 1, 2, 3, 6))
        item: dict[str, Any] = {
            "id": f"e{number + 1}",
            "kind": kind,
            "title": title,
            "description": description,
            "date": (created - dt.timedelta(days=365 * years + rng.randint(5, 200)))
            .date()
            .isoformat(),
            "indicator_ids": rng.sample(indicators, rng.randint(1, len(indicators)))
            if indicators
            else [],
        }
        if kind == "link":
            item["url"] = f"https://intranet.example.org/stories/{rng.randint(100, 999)}"
        if kind == "file":
            item["file"] = {
                "storage_name": f"rpl/{_id(rng)}",
                "original_name": title.lower().replace(" ", "-") + ".pdf",
                "content_type": "application/pdf",
                "size": rng.randint(40_000, 900_000),
                "sha256": f"{rng.getrandbits(256):064x}",
            }
        evidence.append(item)
    return {
        "id": _id(rng),
        "competency_id": competency_id,
        "level": level,
        "account": {
            "situation": rng.choice(_SITUATIONS),
            "task": rng.choice(_TASKS),
            "action": rng.choice(_ACTIONS),
            "result": rng.choice(_RESULTS),
        },
        "evidence": evidence,
        "state": "draft",
        "history": [],
        "created": created.isoformat(),
        "updated": created.isoformat(),
    }


def _decide(
    rng: random.Random,
    framework: CompetencyFramework,
    claim: PriorLearningClaim,
    learner: str,
    assessor: str,
    outcome: DecisionOutcome,
    at: dt.datetime,
) -> tuple[ClaimReview, ClaimDecision]:
    level = claim.level
    awarded = None
    if outcome is DecisionOutcome.RECOGNISED:
        awarded = level
    elif outcome is DecisionOutcome.PARTLY_RECOGNISED:
        awarded = max(framework.scale_for(claim.competency_id).min_value, level - 1)
    shown = "Shown convincingly in the account and the evidence."
    reasons = {
        node.id: shown if outcome.awards_level else "Not yet shown in a work situation."
        for node in framework.indicators(claim.competency_id, level)
    }
    feedback = {
        DecisionOutcome.RECOGNISED: "Well documented; the interview confirmed it.",
        DecisionOutcome.PARTLY_RECOGNISED: "Recognised one level lower: the evidence shows "
        "the behaviour in familiar situations only.",
        DecisionOutcome.NOT_RECOGNISED: "The examples are from a supporting role.",
        DecisionOutcome.MORE_EVIDENCE_NEEDED: "Add a statement from someone who saw you do "
        "this, dated within the last five years.",
    }[outcome]
    instrument = {
        "kind": rng.choice(("criterion_interview", "workplace_observation")),
        "date": (at - dt.timedelta(days=rng.randint(1, 5))).date().isoformat(),
        "assessor": assessor,
        "outcome": rng.choice(_OUTCOMES),
    }
    decision = load(
        ClaimDecision,
        {
            "decision_id": _id(rng),
            "claim_id": claim.id,
            "learner": learner,
            "assessor": assessor,
            "outcome": outcome.value,
            "awarded_level": awarded,
            "reasons": reasons,
            "feedback": feedback,
            "decided_at": at.isoformat(),
            "instrument": instrument,
            "competency_id": claim.competency_id,
            "claimed_level": claim.level,
            "learner_email": f"{learner}@example.org",
        },
    )
    review = ClaimReview(
        claim_id=claim.id,
        learner=learner,
        assessor=assessor,
        scores=_scores(rng, claim),
        instrument=decision.instrument,
        decision=decision,
    )
    return review, decision


def _scores(rng: random.Random, claim: PriorLearningClaim) -> list[VraakScore]:
    return [
        VraakScore(
            evidence_id=item.id,
            variation=rng.choice(("met", "met", "partly")),
            relevance="met",
            authenticity=rng.choice(("met", "partly")),
            currency="met",
            quantity="met" if len(claim.evidence) >= 2 else "not_met",
        )
        for item in claim.evidence
    ]


def demo_rpl(seed: int = 9, today: dt.datetime | None = None) -> RplDemo:
    """The demo dataset: 14 submitted claims of 8 learners on the demo framework, reviewed by
    ``assessor_1`` and ``assessor_2`` (guide: ``guide_1``); among them recognised, partly
    recognised and not recognised claims, one sent back for more evidence, one disputed
    (the two assessors disagree), some in review and some waiting."""
    rng = random.Random(seed)
    today = (today or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    framework = demo_framework()
    competencies = [c.id for c in framework.competencies() if framework.indicators(c.id)]
    plan = [
        DecisionOutcome.RECOGNISED,
        DecisionOutcome.RECOGNISED,
        DecisionOutcome.RECOGNISED,
        DecisionOutcome.PARTLY_RECOGNISED,
        DecisionOutcome.NOT_RECOGNISED,
        DecisionOutcome.MORE_EVIDENCE_NEEDED,
        "disputed",
        DecisionOutcome.RECOGNISED,
        "in_review",
        "in_review",
        "submitted",
        "submitted",
        "submitted",
        DecisionOutcome.PARTLY_RECOGNISED,
    ]
    queue: list[QueueRow] = []
    decisions: list[ClaimDecision] = []
    for number, step in enumerate(plan):
        learner, name = _LEARNERS[number % len(_LEARNERS)]
        claim = load(PriorLearningClaim, _claim(rng, framework, rng.choice(competencies), today))
        submitted_at = claim.created + dt.timedelta(days=rng.randint(2, 10))
        claim = submit(claim, learner, submitted_at, framework)
        reviews: list[ClaimReview] = []
        if step != "submitted":
            assessor = rng.choice(("assessor_1", "assessor_2"))
            claim = start_review(
                claim, assessor, submitted_at + dt.timedelta(days=rng.randint(1, 4))
            )
        if step == "in_review":
            reviews.append(
                ClaimReview(
                    claim_id=claim.id,
                    learner=learner,
                    assessor=assessor,
                    scores=_scores(rng, claim),
                )
            )
        elif isinstance(step, DecisionOutcome) or step == "disputed":
            at = claim.updated + dt.timedelta(days=rng.randint(3, 12), hours=rng.randint(1, 6))
            first = step if isinstance(step, DecisionOutcome) else DecisionOutcome.RECOGNISED
            review, decision = _decide(rng, framework, claim, learner, assessor, first, at)
            reviews.append(review)
            decisions.append(decision)
            claim = apply_decision(claim, decision)
            if step == "disputed":
                other = "assessor_2" if assessor == "assessor_1" else "assessor_1"
                second = DecisionOutcome.NOT_RECOGNISED
                review, decision = _decide(
                    rng, framework, claim, learner, other, second, at + dt.timedelta(days=2)
                )
                reviews.append(review)
                decisions.append(decision)
                claim = apply_decision(claim, decision)
        assert claim.state is not ClaimState.DRAFT
        queue.append(
            QueueRow(
                learner=learner,
                learner_name=name,
                learner_email=f"{learner}@example.org",
                claim=claim,
                guides=["guide_1"],
                reviews=reviews,
            )
        )
    roster = read_reviewer_roster(DEMO_ROSTER_CSV)
    decisions.sort(key=lambda d: d.decided_at)
    return RplDemo(framework, DEMO_ROSTER_CSV, roster, queue, decisions)
