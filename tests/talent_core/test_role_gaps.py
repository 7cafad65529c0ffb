"""RoleGaps: one role's gaps for many people, the same as gap_analysis, with the largest open."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import talent_core as tc

FRAMEWORK = tc.demo_framework()
ROLES = tc.demo_roles()
COMPETENCIES = [node.id for node in FRAMEWORK.competencies()]

# Levels on the demo scale (1-4); one off the scale is refused (tests/figures/test_gap_figures.py).
levels_maps = st.dictionaries(
    st.sampled_from(COMPETENCIES), st.integers(min_value=1, max_value=4), max_size=25
)


def stepped_framework() -> tc.CompetencyFramework:
    """A scale with gaps between its values, and a second scale on one competency."""
    return tc.load(
        tc.CompetencyFramework,
        {
            "id": "steps",
            "name": {"en": "Steps"},
            "scale": {
                "id": "pct",
                "levels": [{"value": v, "label": {"en": str(v)}} for v in (0, 50, 100)],
            },
            "extra_scales": [
                {"id": "two", "levels": [{"value": v, "label": {"en": str(v)}} for v in (1, 2)]}
            ],
            "nodes": [
                {"id": "a", "name": {"en": "A"}},
                {"id": "b", "name": {"en": "B"}, "scale_id": "two"},
                {"id": "c", "name": {"en": "C"}},
            ],
        },
    )


def test_gaps_count_scale_steps_weighted_by_importance_and_span() -> None:
    role = tc.RoleProfile(
        id="r",
        name={"en": "R"},
        requirements=[
            tc.RoleRequirement(competency_id="a", level=100, importance=2),
            tc.RoleRequirement(competency_id="b", level=2, importance=3),
            tc.RoleRequirement(competency_id="c", level=50, importance=5),
        ],
    )
    gaps = tc.RoleGaps(stepped_framework(), role)
    found = {g.competency_id: (g.size, g.weighted) for g in gaps.gaps({"a": 50, "b": 1})}
    assert found == {"a": (1, 1.0), "b": (1, 3.0), "c": (1, 2.5)}
    assert [g.competency_id for g in gaps.largest_open({"a": 50, "b": 1}, 5)] == ["b", "a"]
    assert gaps.largest_open({"a": 100, "b": 2, "c": 50}, 3) == []


@settings(max_examples=200, deadline=None)
@given(role_index=st.integers(0, len(ROLES) - 1), people=st.lists(levels_maps, max_size=6))
def test_one_role_gaps_for_many_people_equals_gap_analysis(
    role_index: int, people: list[dict[str, int]]
) -> None:
    role = ROLES[role_index]
    gaps = tc.RoleGaps(FRAMEWORK, role)
    for levels in people:
        assert gaps.gaps(levels) == tc.gap_analysis(FRAMEWORK, role, levels)


@settings(max_examples=200, deadline=None)
@given(
    role_index=st.integers(0, len(ROLES) - 1),
    levels=levels_maps,
    limit=st.integers(min_value=0, max_value=8),
)
def test_largest_open_are_the_first_rated_open_gaps(
    role_index: int, levels: dict[str, int], limit: int
) -> None:
    role = ROLES[role_index]
    every = tc.gap_analysis(FRAMEWORK, role, levels)
    expected = [g for g in every if g.current is not None and g.size > 0][:limit]
    assert tc.RoleGaps(FRAMEWORK, role).largest_open(levels, limit) == expected
