"""Claims against the shipped demo framework, built the way the block builds them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import talent_core as tc
from talent_core import rpl

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="session")
def framework() -> tc.CompetencyFramework:
    return tc.demo_framework()


def claim_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "a" * 32,
        "competency_id": "giving-feedback",
        "level": 2,
        "account": {
            "situation": "A new colleague kept missing hand-over notes.",
            "task": "Help her see the effect without blaming her.",
            "action": "I described two observed hand-overs and asked what she needed.",
            "result": "Her notes were complete for the next six weeks.",
        },
        "evidence": [
            {
                "id": "e1",
                "kind": "text",
                "title": "Notes of the feedback talk",
                "description": "What I said and what we agreed.",
                "date": "2025-05-12",
                "indicator_ids": ["giving-feedback-l2-1"],
            },
            {
                "id": "e2",
                "kind": "link",
                "title": "Team retrospective summary",
                "date": "2025-06-30",
                "url": "https://wiki.example.org/retro/2025-06",
                "indicator_ids": ["giving-feedback-l2-1", "giving-feedback-l2-2"],
            },
        ],
        "created": T0.isoformat(),
        "updated": T0.isoformat(),
    }
    data.update(changes)
    return data


def make_claim(**changes: Any) -> rpl.PriorLearningClaim:
    return tc.load(rpl.PriorLearningClaim, claim_data(**changes))
