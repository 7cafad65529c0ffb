"""Grouping scores (docs/grouping.md, "Soft goals"), recomputed from the written formula on
random groupings: score(group) = 100 × (1 − Σ weight × bad pairs / (Σ weights × pairs)), the
total is the mean, and the no-repeat goal takes part only when the history has a pair of
these people who met."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from talent_core import Person
from talent_core.grouping import Group, GroupingOptions, score_grouping

WEIGHTS = {"department": 3, "location": 1, "seniority": 1, "repeat": 3}  # the defaults


def person(i: int, department: str, location: str, seniority: int) -> Person:
    return Person(
        id=f"p{i:02d}",
        name=f"P {i}",
        email=f"p{i}@example.org",
        manager_id=None,
        department=department,
        location=location,
        timezone="Europe/Amsterdam",  # one time-zone band: that goal has no bad pair
        seniority=seniority,
        language="en",
    )


def expected_score(group: list[Person], met: set[frozenset[str]], repeat: bool) -> Fraction:
    weights = dict(WEIGHTS, timezone=2)
    if not repeat:
        del weights["repeat"]
    bad = Fraction(0)
    pairs = list(itertools.combinations(group, 2))
    for a, b in pairs:
        bad += weights["department"] * (a.department == b.department)
        bad += weights["location"] * (a.location == b.location)
        bad += weights["seniority"] * (a.seniority == b.seniority)
        if repeat:
            bad += weights["repeat"] * (frozenset((a.id, b.id)) in met)
    return 100 * (1 - bad / (sum(weights.values()) * len(pairs)))


people_strategy = st.lists(
    st.tuples(st.sampled_from("ABC"), st.sampled_from("XY"), st.integers(1, 3)),
    min_size=10,
    max_size=10,
)


@settings(max_examples=80, deadline=None)
@given(
    people_strategy,
    st.permutations(range(10)),
    st.lists(st.lists(st.integers(0, 9), min_size=2, max_size=4, unique=True), max_size=3),
)
def test_group_scores_follow_the_formula_with_and_without_history(traits, order, earlier) -> None:
    people = [person(i, *t) for i, t in enumerate(traits)]
    groups = [
        Group("G1", tuple(people[i].id for i in order[:5])),
        Group("G2", tuple(people[i].id for i in order[5:])),
    ]
    history = [[people[i].id for i in g] for g in earlier]
    met = {frozenset(pair) for g in history for pair in itertools.combinations(g, 2)}
    options = GroupingOptions(min_size=5, max_size=5, earlier_groups=history)
    scores = score_grouping(people, groups, options)
    by_id = {p.id: p for p in people}
    expected = [
        expected_score([by_id[m] for m in g.members], met, repeat=bool(met)) for g in groups
    ]
    for found, value in zip(scores.groups, expected, strict=True):
        assert found.score == pytest.approx(float(value), abs=1e-6)
    assert scores.total == pytest.approx(float(sum(expected) / 2), abs=1e-6)
    assert ("repeat" in scores.groups[0].goals) == bool(met)


def test_a_history_where_no_pair_of_the_grouping_met_raises_its_score() -> None:
    """docs/grouping.md: without history the no-repeat goal is left out of Σ weights; with a
    history it counts, fully met when none of the grouping's pairs met before."""
    people = [person(i, "AB"[i % 2], "X", 1 + i % 3) for i in range(10)]
    groups = [
        Group("G1", tuple(p.id for p in people[:5])),
        Group("G2", tuple(p.id for p in people[5:])),
    ]
    alone = score_grouping(people, groups, GroupingOptions(min_size=5, max_size=5))
    history = [[people[0].id, people[5].id]]  # met, but are in different groups now
    with_history = score_grouping(
        people, groups, GroupingOptions(min_size=5, max_size=5, earlier_groups=history)
    )
    assert with_history.total > alone.total
    for group in groups:
        members = [p for p in people if p.id in group.members]
        assert float(expected_score(members, set(), repeat=False)) == pytest.approx(
            next(s.score for s in alone.groups if s.name == group.name)
        )
        assert float(
            expected_score(members, {frozenset(history[0])}, repeat=True)
        ) == pytest.approx(next(s.score for s in with_history.groups if s.name == group.name))
