"""The evaluator behind hand moves agrees with scoring the whole grouping afresh."""

from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import talent_core as tc
from talent_core.grouping import (
    AttributeGoal,
    Group,
    GroupingEvaluator,
    GroupingOptions,
    GroupingScores,
    NoticeCode,
    Policy,
    check_grouping,
    score_grouping,
)

from .conftest import make_person

LOCATIONS = ("Amsterdam", "Stockholm", "NYC")
DEPARTMENTS = ("Sales", "IT", "HR")
NAMES = ("A", "B", "C", "D")


def _people(count: int, languages: Sequence[str]) -> list[tc.Person]:
    return [
        make_person(
            f"p{i}",
            department=DEPARTMENTS[i % 3],
            location=LOCATIONS[i * 7 % 3],
            seniority=1 + i % 4,
            language=languages[i % len(languages)],
            manager=None if i % 5 == 0 else f"p{i - i % 5}",
        )
        for i in range(count)
    ]


@st.composite
def cases(draw: st.DrawFn) -> tuple[list[tc.Person], GroupingOptions, list[Group], list]:
    count = draw(st.integers(2, 12))
    people = _people(count, draw(st.sampled_from([("en",), ("en", "sv")])))
    ids = [p.id for p in people]
    pair = st.tuples(st.sampled_from(ids), st.sampled_from(ids)).filter(lambda p: p[0] != p[1])
    options = GroupingOptions(
        min_size=2,
        max_size=4,
        department=AttributeGoal(weight=draw(st.integers(0, 3))),
        seniority=AttributeGoal(policy=Policy.SIMILAR, weight=draw(st.integers(0, 2))),
        timezone_weight=draw(st.integers(0, 2)),
        same_language=draw(st.booleans()),
        together=draw(st.lists(pair, max_size=2)),
        apart=draw(st.lists(pair, max_size=2)),
        earlier_groups=draw(st.lists(st.lists(st.sampled_from(ids), max_size=4), max_size=3)),
    )
    # Hand-made groupings may list strangers, list someone twice or leave people out.
    listed = st.sampled_from([*ids, "stranger"])
    groups = [Group(name, tuple(draw(st.lists(listed, max_size=5)))) for name in NAMES]
    moves = draw(st.lists(st.tuples(st.sampled_from([*ids, "stranger"]), st.sampled_from(NAMES))))
    return people, options, groups, moves


def _assert_same(actual: GroupingScores, expected: GroupingScores) -> None:
    assert [g.name for g in actual.groups] == [g.name for g in expected.groups]
    for got, want in zip(actual.groups, expected.groups, strict=True):
        assert (got.size, got.languages, got.repeat_pairs) == (
            want.size,
            want.languages,
            want.repeat_pairs,
        )
        assert got.score == pytest.approx(want.score, abs=1e-9)
        assert got.goals == pytest.approx(want.goals, abs=1e-9)
    assert actual.total == pytest.approx(expected.total, abs=1e-9)
    assert actual.violations == expected.violations
    assert actual.warnings == expected.warnings


@settings(max_examples=150, deadline=None)
@given(cases())
def test_after_any_moves_the_evaluator_equals_a_fresh_score(case: tuple) -> None:
    people, options, groups, moves = case
    evaluator = GroupingEvaluator(people, options, groups)
    for person_id, group in moves:
        if person_id == "stranger" and not any("stranger" in g.members for g in evaluator.groups):
            with pytest.raises(KeyError):
                evaluator.move(person_id, group)
            continue
        evaluator.move(person_id, group)
        placed = [g.name for g in evaluator.groups if person_id in g.members]
        assert placed == [group]
    _assert_same(evaluator.scores, score_grouping(people, evaluator.groups, options))
    assert evaluator.violations() == check_grouping(people, evaluator.groups, options)


def test_a_move_out_of_the_way_is_reported_and_undone() -> None:
    people = _people(6, ("en",))
    options = GroupingOptions(min_size=3, max_size=3)
    groups = [Group("A", ("p0", "p1", "p2")), Group("B", ("p3", "p4", "p5"))]
    evaluator = GroupingEvaluator(people, options, groups)
    assert [n.code for n in evaluator.violations()] == [NoticeCode.WITH_MANAGER] * 2
    evaluator.move("p1", "B")
    codes = {n.code for n in evaluator.violations()}
    assert {NoticeCode.TOO_SMALL, NoticeCode.TOO_LARGE} <= codes
    evaluator.move("p1", "A")
    assert evaluator.groups == (Group("A", ("p0", "p2", "p1")), Group("B", ("p3", "p4", "p5")))
    with pytest.raises(KeyError):
        evaluator.move("p1", "No such group")
