"""rank_roles: the roles a learner fits best, in one deterministic order; strengths: what they
already meet for a role."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import talent_core as tc

FRAMEWORK = tc.demo_framework()
ROLES = tc.demo_roles()
COMPETENCIES = [node.id for node in FRAMEWORK.competencies()]

levels_maps = st.dictionaries(
    st.sampled_from(COMPETENCIES), st.integers(min_value=1, max_value=4), max_size=25
)


def role(role_id: str, *requirements: tuple[str, int, int]) -> tc.RoleProfile:
    return tc.RoleProfile(
        id=role_id,
        name={"en": role_id},
        requirements=[
            tc.RoleRequirement(competency_id=c, level=lvl, importance=imp)
            for c, lvl, imp in requirements
        ],
    )


def key(fit: tc.RoleFit) -> tuple[float, float, str]:
    return (-fit.fit, fit.suggested_hours, fit.role_id)


@settings(max_examples=60, deadline=None)
@given(levels=levels_maps, order=st.permutations(range(len(ROLES))), limit=st.integers(0, 6))
def test_the_ranking_is_best_first_and_does_not_depend_on_the_order_of_the_roles(
    levels: dict[str, int], order: list[int], limit: int
) -> None:
    everything = tc.rank_roles(FRAMEWORK, ROLES, levels, limit=None)
    shuffled = tc.rank_roles(FRAMEWORK, [ROLES[i] for i in order], levels, limit=limit)
    assert [key(f) for f in everything] == sorted(key(f) for f in everything)
    assert shuffled == everything[:limit]
    for fit in everything:
        weights = [g.weighted for g in fit.open_gaps]
        assert weights == sorted(weights, reverse=True)
        assert all(g.size > 0 for g in fit.open_gaps)


@settings(max_examples=60, deadline=None)
@given(levels=levels_maps, allowed=st.sets(st.sampled_from([r.id for r in ROLES])))
def test_only_the_roles_the_author_allows_are_ranked(
    levels: dict[str, int], allowed: set[str]
) -> None:
    ranked = tc.rank_roles(FRAMEWORK, ROLES, levels, allowed=allowed, limit=None)
    assert {f.role_id for f in ranked} == allowed
    whole = [f for f in tc.rank_roles(FRAMEWORK, ROLES, levels, limit=None) if f.role_id in allowed]
    assert ranked == whole


@settings(max_examples=60, deadline=None)
@given(levels=levels_maps, competency=st.sampled_from(COMPETENCIES))
def test_a_higher_level_never_lowers_a_roles_fit(levels: dict[str, int], competency: str) -> None:
    before = {f.role_id: f.fit for f in tc.rank_roles(FRAMEWORK, ROLES, levels, limit=None)}
    raised = {**levels, competency: min(4, levels.get(competency, 1) + 1)}
    after = {f.role_id: f.fit for f in tc.rank_roles(FRAMEWORK, ROLES, raised, limit=None)}
    assert all(after[r] >= before[r] for r in before)


def test_equal_fits_are_ordered_by_hours_then_role_id() -> None:
    twins = [role("b", ("giving-feedback", 3, 3)), role("a", ("giving-feedback", 3, 3))]
    ranked = tc.rank_roles(FRAMEWORK, twins, {"giving-feedback": 1}, limit=None)
    assert [f.role_id for f in ranked] == ["a", "b"]
    met = role("met", ("giving-feedback", 2, 5))
    ranked = tc.rank_roles(FRAMEWORK, [*twins, met], {"giving-feedback": 2})
    assert [f.role_id for f in ranked] == ["met", "a", "b"]
    assert ranked[0].fit == 1.0 and ranked[0].open_gaps == ()


@settings(max_examples=60, deadline=None)
@given(levels=levels_maps, index=st.integers(0, len(ROLES) - 1))
def test_strengths_are_the_met_requirements_and_the_rest_are_open_gaps(
    levels: dict[str, int], index: int
) -> None:
    profile = ROLES[index]
    found = tc.strengths(FRAMEWORK, profile, levels)
    gaps = tc.gap_analysis(FRAMEWORK, profile, levels)
    met = {g.competency_id for g in gaps if g.size == 0 and g.current is not None}
    assert {s.competency_id for s in found} == met
    order = [(-s.importance, -s.above, s.competency_id) for s in found]
    assert order == sorted(order)
    assert all(s.current == levels[s.competency_id] and s.above >= 0 for s in found)


def test_a_strength_counts_the_steps_above_what_the_role_asks() -> None:
    profile = role("r", ("giving-feedback", 2, 2), ("collaborating", 3, 5))
    found = tc.strengths(FRAMEWORK, profile, {"giving-feedback": 4, "collaborating": 3})
    assert [(s.competency_id, s.above) for s in found] == [
        ("collaborating", 0),
        ("giving-feedback", 2),
    ]
    assert tc.strengths(FRAMEWORK, profile, {"giving-feedback": 1}) == []


@settings(max_examples=40, deadline=None)
@given(levels=levels_maps)
def test_rated_only_measures_the_rated_requirements_and_skips_roles_with_none(
    levels: dict[str, int],
) -> None:
    ranked = tc.rank_roles(FRAMEWORK, ROLES, levels, limit=None, rated_only=True)
    rated = {r.id for r in ROLES if any(q.competency_id in levels for q in r.requirements)}
    assert {f.role_id for f in ranked} == rated
    for fit in ranked:
        assert all(g.current is not None for g in fit.open_gaps)
    assert [key(f) for f in ranked] == sorted(key(f) for f in ranked)
