"""Designed groupings keep every hard constraint and do what the soft goals ask."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from itertools import combinations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import talent_core as tc
from talent_core.grouping import (
    AttributeGoal,
    GroupingOptions,
    InfeasibleGroupingError,
    ManagerRule,
    Method,
    NoticeCode,
    Policy,
    check_grouping,
    design_groups,
    score_grouping,
)

Crowd = Callable[..., list[tc.Person]]
QUICK = 0.05  # a twentieth of the planned search keeps property tests fast

LOCATIONS = ["Amsterdam", "Stockholm", "NYC"]
DEPARTMENTS = ["Sales", "IT", "HR", "Finance"]


@st.composite
def requests(draw: st.DrawFn) -> tuple[list[tc.Person], GroupingOptions, Method]:
    """Random organisations with random hard constraints, on either search."""
    size = draw(st.integers(15, 60))
    people = []
    for i in range(size):
        location = draw(st.sampled_from(LOCATIONS))
        manager = draw(st.one_of(st.none(), st.integers(0, i - 1))) if i else None
        people.append(
            tc.Person(
                id=f"p{i}",
                name=f"P {i}",
                email=f"p{i}@example.org",
                manager_id=None if manager is None else f"p{manager}",
                department=draw(st.sampled_from(DEPARTMENTS)),
                location=location,
                timezone={"NYC": "America/New_York"}.get(location, "Europe/Stockholm"),
                seniority=draw(st.integers(1, 5)),
                language=draw(st.sampled_from(["en", "en", "en", "sv"])),
            )
        )
    ids = st.sampled_from([p.id for p in people])
    pairs = st.lists(st.tuples(ids, ids).filter(lambda pair: pair[0] != pair[1]), max_size=3)
    low = draw(st.integers(3, 5))
    options = GroupingOptions(
        min_size=low,
        max_size=low + draw(st.integers(0, 2)),
        same_language=draw(st.booleans()),
        manager_rule=draw(st.sampled_from(ManagerRule)),
        together=draw(pairs),
        apart=draw(pairs),
        earlier_groups=draw(st.lists(st.lists(ids, min_size=2, max_size=6), max_size=4)),
    )
    return people, options, draw(st.sampled_from(["anneal", "batched"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(requests())
def test_any_result_keeps_every_hard_constraint(
    request: tuple[list[tc.Person], GroupingOptions, Method],
) -> None:
    people, options, method = request
    try:
        result = design_groups(people, options, seed=3, method=method, effort=QUICK)
    except InfeasibleGroupingError as error:
        assert error.reasons
        return
    groups = list(result.groups)
    assert check_grouping(people, groups, options) == []
    assert sorted(x for g in groups for x in g.members) == sorted(p.id for p in people)
    assert not result.scores.violations
    again = score_grouping(people, groups, options)
    assert again.total == pytest.approx(result.scores.total)
    assert [g.score for g in again.groups] == pytest.approx([g.score for g in result.scores.groups])


@pytest.mark.parametrize("method", ["anneal", "batched"])
def test_same_seed_same_groups(method: Method) -> None:
    people = tc.generate_organisation(150, seed=5)
    options = GroupingOptions(same_language=False)
    first = design_groups(people, options, seed=11, method=method, effort=0.2)
    assert first.groups == design_groups(people, options, seed=11, method=method, effort=0.2).groups
    other = design_groups(people, options, seed=12, method=method, effort=0.2)
    assert other.groups != first.groups


def test_repeat_pairs_are_avoided_when_possible(crowd: Crowd) -> None:
    people = crowd(25, department="Sales", seniority=3)
    earlier = [[p.id for p in people[k : k + 5]] for k in range(0, 25, 5)]
    options = GroupingOptions(min_size=5, max_size=5, earlier_groups=earlier)
    result = design_groups(people, options, seed=1)
    met = {frozenset(pair) for group in earlier for pair in combinations(group, 2)}
    for group in result.groups:
        assert not any(frozenset(pair) in met for pair in combinations(group.members, 2))
    assert all(g.repeat_pairs == 0 for g in result.scores.groups)
    assert not any(w.code == NoticeCode.REPEAT_PAIRS for w in result.warnings)


def test_repeat_pairs_that_cannot_be_avoided_are_warned_about(crowd: Crowd) -> None:
    people = crowd(10, department="Sales", seniority=3)
    earlier = [[p.id for p in people[:6]]]
    result = design_groups(people, GroupingOptions(earlier_groups=[*earlier, ["gone"]]), seed=1)
    codes = Counter(w.code for w in result.warnings)
    assert codes[NoticeCode.HISTORY_UNKNOWN] == 1
    assert codes[NoticeCode.REPEAT_PAIRS] >= 1
    assert sum(g.repeat_pairs for g in result.scores.groups) >= 3  # six people, two groups


def _distinct(result: tc.grouping.GroupingResult, people: list[tc.Person], field: str) -> float:
    by_id = {p.id: p for p in people}
    counts = [len({getattr(by_id[x], field) for x in g.members}) for g in result.groups]
    return sum(counts) / len(counts)


@pytest.mark.parametrize("field", ["department", "location", "seniority"])
def test_dissimilar_spreads_and_similar_gathers(field: str) -> None:
    people = tc.generate_organisation(120, seed=2)

    def run(policy: Policy) -> float:
        goals = {
            name: AttributeGoal(policy=Policy.IGNORE)
            for name in ("department", "location", "seniority")
        }
        goals[field] = AttributeGoal(policy=policy, weight=1)
        options = GroupingOptions(same_language=False, timezone_weight=0, **goals)
        return _distinct(design_groups(people, options, seed=4, effort=0.3), people, field)

    spread, ignored, gathered = run(Policy.DISSIMILAR), run(Policy.IGNORE), run(Policy.SIMILAR)
    assert spread > ignored > gathered


def test_few_timezone_bands_per_group(crowd: Crowd) -> None:
    people = crowd(12, "a", location="Amsterdam") + crowd(12, "n", location="NYC")
    ignored = design_groups(people, GroupingOptions(timezone_weight=0), seed=1)
    banded = design_groups(people, GroupingOptions(timezone_weight=5), seed=1)
    zones = {p.id: p.timezone for p in people}

    def mixed(result: tc.grouping.GroupingResult) -> int:
        return sum(len({zones[x] for x in g.members}) > 1 for g in result.groups)

    assert mixed(banded) == 0
    assert mixed(ignored) > 0


def test_groups_are_named_and_scored(crowd: Crowd) -> None:
    people = crowd(30, "e", language="en") + crowd(12, "s", language="sv")
    result = design_groups(people, GroupingOptions(), seed=1, name_prefix="Intervisie")
    names = [g.name for g in result.groups]
    assert names == [f"Intervisie {k:02d}" for k in range(1, len(names) + 1)]
    assert [s.name for s in result.scores.groups] == names
    scores = [s.score for s in result.scores.groups]
    assert result.scores.total == pytest.approx(sum(scores) / len(scores))
    assert result.scores.worst is not None and result.scores.worst.score == min(scores)
    assert {s.languages for s in result.scores.groups} == {("en",), ("sv",)}
    assert set(result.scores.groups[0].goals) == {"department", "location", "seniority", "timezone"}


def test_progress_is_reported_up_to_done(crowd: Crowd) -> None:
    seen: list[tuple[float, float]] = []
    design_groups(crowd(40), GroupingOptions(), seed=1, progress=lambda f, s: seen.append((f, s)))
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and len(seen) > 5
    assert all(0 <= s <= 100 for _, s in seen)


def test_time_limit_stops_early_and_says_so(crowd: Crowd) -> None:
    result = design_groups(crowd(60), GroupingOptions(), seed=1, time_limit=1e-6)
    assert result.stopped_by_time
    assert [w.code for w in result.warnings] == [NoticeCode.TIME_LIMIT]
    assert check_grouping(crowd(60), list(result.groups), GroupingOptions()) == []


@pytest.mark.parametrize("method", ["anneal", "batched"])
def test_nobody_up_the_line_on_a_demo_organisation(method: Method) -> None:
    # Without the CEO (whom everyone reports to) the line rule can hold.
    people = [p for p in tc.generate_organisation(400, seed=8) if p.manager_id is not None]
    options = GroupingOptions(manager_rule=ManagerRule.LINE)
    result = design_groups(people, options, seed=1, method=method, effort=0.1)
    manager = {p.id: p.manager_id for p in people}
    for group in result.groups:
        members = set(group.members)
        for x in group.members:
            up = manager.get(x)
            while up is not None:
                assert up not in members, (x, up)
                up = manager.get(up)
    assert check_grouping(people, list(result.groups), options) == []
