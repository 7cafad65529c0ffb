"""Shared set-up of the reviewer tests: one portfolio block seen by a learner, a guide, two
assessors and staff, in the workbench's database store (other users' state is read as the LMS
reads it, through ``compat.user_state_of``), and a learner's submitted claim stored as the
learner's block stores it."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from webob import Request

from talent_core import rpl
from tests.xblocks.conftest import post_json

RPL = "prior_learning_portfolio"
ROSTER = (
    "username,role,learners\n"
    "guide_1,guide,learner_1 learner_2\n"
    "assessor_1,assessor,\n"
    "assessor_2,assessor,\n"
)
INDICATORS = ["delegating-l2-1", "delegating-l2-2"]


def upload(block: Any, content: bytes, replace: bool = False, field: str = "roster") -> Any:
    post: dict[str, Any] = {field: ("file.csv", content)}
    if replace:
        post["replace"] = "yes"
    handler = "upload_reviewers" if field == "roster" else "import_decisions"
    return block.handle(handler, Request.blank("/", POST=post))


def claim(
    claim_id: str = "a" * 32,
    state: rpl.ClaimState = rpl.ClaimState.SUBMITTED,
    learner: str = "learner_1",
    evidence: int = 2,
    submitted: dt.datetime | None = None,
    title: str = "Delegated the <b>budget</b> round",
) -> rpl.PriorLearningClaim:
    """A claim of ``delegating`` at level 2 with dated evidence linked to its indicators."""
    at = submitted or dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    items = [
        rpl.EvidenceItem(
            id=f"e{i}",
            kind="link" if i % 2 else "text",
            title=f"{title} {i}",
            description="I agreed the result and the check-ins.",
            date=dt.date(2025, 6, 1) if i else dt.date(2015, 6, 1),
            indicator_ids=INDICATORS[: 1 + i % 2],
            url="https://example.org/report" if i % 2 else None,
        )
        for i in range(evidence)
    ]
    history = []
    if state is not rpl.ClaimState.DRAFT:
        history.append(rpl.StateChange(state=rpl.ClaimState.SUBMITTED, by=learner, at=at))
    return rpl.PriorLearningClaim(
        id=claim_id,
        competency_id="delegating",
        level=2,
        account=rpl.StarAccount(
            situation="A new team.", task="Hand over the budget.", action="Agreed.", result="Done."
        ),
        evidence=items,
        state=state,
        history=history,
        created=at - dt.timedelta(days=3),
        updated=at,
    )


def store_claims(block: Any, *claims: rpl.PriorLearningClaim) -> None:
    """Keep ``claims`` in the learner's own ``portfolio`` (the learner block's field)."""
    block.portfolio = rpl.PortfolioState(claims=list(claims)).model_dump(mode="json")
    block.save()


def ok(response: Any) -> dict[str, Any]:
    assert response.status_code == 200, response.body[:500]
    return dict(json.loads(response.body))


INSTRUMENT = {
    "kind": "criterion_interview",
    "date": "2026-03-05",
    "assessor": "assessor_1",
    "outcome": "Explained each hand-over convincingly.",
    "notes": "",
}


def decision(outcome: str = "recognised", level: int | None = 2, **extra: Any) -> dict[str, Any]:
    return {
        "learner": "learner_1",
        "claim_id": "a" * 32,
        "outcome": outcome,
        "awarded_level": level,
        "reasons": {i: f"Shown in e{n}." for n, i in enumerate(INDICATORS)},
        "feedback": "Well documented.",
        **extra,
    }


def score(evidence_id: str = "e0", **levels: str) -> dict[str, Any]:
    return {
        "learner": "learner_1",
        "claim_id": "a" * 32,
        "score": {
            "evidence_id": evidence_id,
            "variation": "met",
            "relevance": "met",
            "authenticity": "partly",
            "currency": "not_met",
            "quantity": "met",
            "note": "Old, but <script>x</script> convincing.",
            **levels,
        },
    }


Call = Callable[..., Any]
__all__ = [
    "INSTRUMENT",
    "ROSTER",
    "RPL",
    "claim",
    "decision",
    "ok",
    "post_json",
    "score",
    "store_claims",
    "upload",
]
