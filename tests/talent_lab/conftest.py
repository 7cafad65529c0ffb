"""A small hand-built framework and roles, so the widget tests know every expected value."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import talent_core as tc
from talent_lab import FrameworkSession


def small_framework_data() -> dict[str, Any]:
    levels = [
        {"value": v, "label": {"en": f"Level {v}", "sv": f"Nivå {v}", "nl": f"Niveau {v}"}}
        for v in (1, 2, 3)
    ]
    return {
        "id": "small",
        "name": {"en": "Small framework", "sv": "Litet ramverk", "nl": "Klein raamwerk"},
        "scale": {"id": "three", "levels": levels},
        "nodes": [
            {"id": "people", "type": "cluster", "name": {"en": "People", "sv": "Människor"}},
            {
                "id": "team",
                "parent_id": "people",
                "type": "cluster",
                "name": {"en": "Teams", "nl": "Teams"},
            },
            {
                "id": "feedback",
                "parent_id": "team",
                "name": {"en": "Giving feedback", "sv": "Ge feedback", "nl": "Feedback geven"},
                "description": {"en": "Says what works.", "nl": "Zegt wat werkt."},
                "coaching_questions": [
                    {"id": "q1", "text": {"en": "What did you hold back?"}, "purpose": "reflection"}
                ],
                "activities": [
                    {
                        "id": "a1",
                        "title": {"en": "Weekly feedback"},
                        "mode": "classroom",
                        "hours": 2,
                    },
                    {"id": "a2", "title": {"en": "Ask a peer"}, "mode": "on_the_job", "hours": 1.5},
                ],
            },
            {
                "id": "fb-1",
                "parent_id": "feedback",
                "type": "indicator",
                "level": 1,
                "name": {"en": "Names one concrete behaviour"},
            },
            {
                "id": "fb-3",
                "parent_id": "feedback",
                "type": "indicator",
                "level": 3,
                "name": {"en": "Invites feedback in return"},
            },
            {"id": "listening", "parent_id": "people", "name": {"en": "Listening"}},
            {"id": "safety", "name": {"en": "Working safely"}},
        ],
    }


def small_roles() -> list[tc.RoleProfile]:
    return [
        tc.load(
            tc.RoleProfile,
            {
                "id": "lead",
                "name": {"en": "Team lead", "sv": "Teamledare"},
                "requirements": [
                    {"competency_id": "feedback", "level": 3, "importance": 5},
                    {"competency_id": "safety", "level": 1},
                ],
            },
        ),
        tc.load(
            tc.RoleProfile,
            {
                "id": "ghost",
                "name": {"en": "Ghost role"},
                "requirements": [{"competency_id": "not-here", "level": 2}],
            },
        ),
    ]


@pytest.fixture
def small_framework() -> tc.CompetencyFramework:
    return tc.load(tc.CompetencyFramework, small_framework_data())


@pytest.fixture
def session(small_framework: tc.CompetencyFramework, tmp_path: Path) -> FrameworkSession:
    return FrameworkSession(small_framework, small_roles(), out_dir=tmp_path / "out")
