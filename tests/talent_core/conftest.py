"""Small hand-built frameworks for rule tests (the shipped demo framework has its own tests)."""

import pytest

import talent_core as tc


def make_framework() -> tc.CompetencyFramework:
    levels = [{"value": v, "label": {"en": f"L{v}"}} for v in (1, 2, 3, 4)]
    return tc.load(
        tc.CompetencyFramework,
        {
            "id": "fw",
            "name": {"en": "Framework"},
            "scale": {"id": "four", "levels": levels},
            "extra_scales": [
                {
                    "id": "binary",
                    "levels": [
                        {"value": 0, "label": {"en": "no"}},
                        {"value": 1, "label": {"en": "yes"}},
                    ],
                }
            ],
            "nodes": [
                {"id": "lead", "type": "cluster", "name": {"en": "Leading"}},
                {
                    "id": "feedback",
                    "parent_id": "lead",
                    "name": {"en": "Feedback"},
                    "activities": [
                        {"id": "a1", "title": {"en": "Ask"}, "mode": "on_the_job", "hours": 4},
                        {"id": "a2", "title": {"en": "Course"}, "mode": "classroom", "hours": 8},
                    ],
                },
                {
                    "id": "fb-2",
                    "parent_id": "feedback",
                    "type": "indicator",
                    "level": 2,
                    "name": {"en": "Gives"},
                },
                {"id": "delegate", "parent_id": "lead", "name": {"en": "Delegating"}},
                {"id": "safety", "name": {"en": "Safety"}, "scale_id": "binary"},
            ],
        },
    )


@pytest.fixture
def framework() -> tc.CompetencyFramework:
    return make_framework()
