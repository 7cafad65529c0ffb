"""Shared steps of the prior learning portfolio tests: claims, evidence, uploads, reviews."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from webob import Request, Response
from webob.multidict import MultiDict

import talent_core as tc
from talent_core import rpl

RPL = "prior_learning_portfolio"
COMPETENCY = "giving-feedback"
LEVEL = 2
#: The behaviour indicators of giving-feedback at level 2 in the demo framework.
INDICATORS = [n.id for n in tc.demo_framework().indicators(COMPETENCY, LEVEL)]
ACCOUNT = {
    "situation": "Our team missed two releases in a row.",
    "task": "As team lead I had to address it with two colleagues.",
    "action": "I gave each of them specific, timely feedback in a one-to-one.",
    "result": "The next three releases were on time.",
}
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EXE = b"MZ\x90\x00" + b"\x00" * 200
ROSTER = """username,role,learners
guide_1,guide,learner_1 learner_2
assessor_1,assessor,
assessor_2,assessor,
"""


def post(block: Any, handler: str, data: Any) -> Response:
    request = Request.blank(
        "/", method="POST", body=json.dumps(data).encode(), content_type="application/json"
    )
    return block.handle(handler, request)


def get(block: Any, handler: str, query: str = "") -> Response:
    return block.handle(handler, Request.blank("/?" + query))


def create_claim(block: Any, competency: str = COMPETENCY, level: int = LEVEL) -> str:
    response = post(
        block, "create_claim", {"standard": None, "competency_id": competency, "level": level}
    )
    assert response.status_code == 200, response.text
    return str(response.json["claim_id"])


def upload(
    block: Any,
    claim_id: str,
    content: bytes,
    name: str = "report.pdf",
    *,
    title: str = "Team report",
    date: str = "2024-03-01",
    indicators: list[str] | None = None,
) -> Response:
    fields: list[tuple[str, Any]] = [
        ("claim_id", claim_id),
        ("title", title),
        ("description", ""),
        ("date", date),
    ]
    fields += [("indicator_ids", i) for i in (INDICATORS[:1] if indicators is None else indicators)]
    fields.append(("file", (name, content)))
    request = Request.blank("/", POST=MultiDict(fields))
    return block.handle("upload_evidence", request)


def add_link(block: Any, claim_id: str, **overrides: Any) -> Response:
    body = {
        "claim_id": claim_id,
        "kind": "link",
        "title": "Feedback training certificate",
        "description": "",
        "date": "2023-05-10",
        "indicator_ids": INDICATORS[1:2],
        "url": "https://example.org/certificate",
        **overrides,
    }
    return post(block, "add_evidence", body)


def claim_of(block: Any, claim_id: str) -> rpl.PriorLearningClaim:
    claim = block.state.claim(claim_id)
    assert claim is not None
    return claim


def save_account(block: Any, claim_id: str, **account: str) -> Response:
    claim = claim_of(block, claim_id)
    return post(
        block,
        "save_claim",
        {
            "claim_id": claim_id,
            "updated": claim.updated.isoformat(),
            "account": {**ACCOUNT, **account},
            "referee": None,
            "evidence": [],
        },
    )


def ready_claim(block: Any) -> str:
    """A complete draft: account, a file and a link, each linked to an indicator."""
    claim_id = create_claim(block)
    assert save_account(block, claim_id).status_code == 200
    assert upload(block, claim_id, PDF).status_code == 200
    assert add_link(block, claim_id).status_code == 200
    return claim_id


def decision(
    claim_id: str,
    outcome: str = "recognised",
    *,
    learner: str = "learner_1",
    assessor: str = "assessor_1",
    level: int | None = LEVEL,
    feedback: str = "",
    at: dt.datetime | None = None,
) -> dict[str, Any]:
    return {
        "claim_id": claim_id,
        "learner": learner,
        "assessor": assessor,
        "outcome": outcome,
        "awarded_level": level if outcome in ("recognised", "partly_recognised") else None,
        "reasons": {i: f"Shown in the evidence ({i})." for i in INDICATORS},
        "feedback": feedback,
        "decided_at": (at or dt.datetime.now(dt.UTC)).isoformat(),
    }


def review_record(*decisions: dict[str, Any]) -> dict[str, Any]:
    """An assessor's ``review_record`` holding ``decisions`` (as the reviewer side stores it)."""
    state = rpl.ReviewerState(
        reviews=[
            rpl.ClaimReview(
                claim_id=d["claim_id"],
                learner=d["learner"],
                decision=tc.load(rpl.ClaimDecision, d),
            )
            for d in decisions
        ]
    )
    return state.model_dump(mode="json")
