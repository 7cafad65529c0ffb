"""Scoring and checking hand-made groupings, as HR does after moving someone."""

from collections.abc import Callable

import pytest

import talent_core as tc
from talent_core.grouping import (
    AttributeGoal,
    Group,
    GroupingOptions,
    NoticeCode,
    Policy,
    check_grouping,
    score_grouping,
)

Person = Callable[..., tc.Person]


def _five(person: Person) -> list[tc.Person]:
    return [
        person("a", department="Sales", location="Amsterdam", seniority=1),
        person("b", department="Sales", location="Amsterdam", seniority=2),
        person("c", department="Sales", location="Stockholm", seniority=3),
        person("d", department="IT", location="Stockholm", seniority=3),
        person("e", department="HR", location="NYC", seniority=5),
    ]


def test_group_score_is_the_weighted_share_of_good_pairs(person: Person) -> None:
    people = _five(person)
    options = GroupingOptions(
        department=AttributeGoal(weight=2),
        location=AttributeGoal(weight=1),
        seniority=AttributeGoal(policy=Policy.SIMILAR, weight=1),
        timezone_weight=1,
    )
    scores = score_grouping(people, [Group("G", ("a", "b", "c", "d", "e"))], options)
    goals = scores.groups[0].goals
    # Ten pairs. Sales×3 gives 3 same-department pairs; Amsterdam and Stockholm one each.
    assert goals["department"] == pytest.approx(70.0)
    assert goals["location"] == pytest.approx(80.0)
    # Seniority 1,2,3,3,5: squared gaps sum to 5*48 - 14**2 = 44, largest possible 16 a pair.
    assert goals["seniority"] == pytest.approx(100 * (1 - 44 / (16 * 10)))
    # One person in New York: four of ten pairs cross time-zone bands.
    assert goals["timezone"] == pytest.approx(60.0)
    expected = (2 * 70 + 80 + goals["seniority"] + 60) / 5
    assert scores.groups[0].score == pytest.approx(expected)
    assert scores.total == pytest.approx(expected)


def test_moving_a_person_by_hand_updates_scores_and_warnings(person: Person) -> None:
    people = [*_five(person), *(person(f"x{i}", department=f"D{i}") for i in range(5))]
    options = GroupingOptions()
    before = [Group("One", ("a", "b", "c", "d", "e")), Group("Two", ("x0", "x1", "x2", "x3", "x4"))]
    after = [Group("One", ("x0", "b", "c", "d", "e")), Group("Two", ("a", "x1", "x2", "x3", "x4"))]
    first, second = score_grouping(people, before, options), score_grouping(people, after, options)
    assert second.groups[0].goals["department"] > first.groups[0].goals["department"]
    assert first.worst is not None and first.worst.name == "One"
    assert second.violations == first.violations == ()
    moved = [Group("One", ("b", "c", "d", "e")), Group("Two", ("a", "x0", "x1", "x2", "x3", "x4"))]
    codes = [v.code for v in score_grouping(people, moved, options).violations]
    assert codes == [NoticeCode.TOO_SMALL]


def test_check_grouping_names_every_broken_rule(person: Person) -> None:
    people = [
        person("boss", language="en"),
        person("ann", manager="boss"),
        person("bo", language="sv"),
        *(person(f"p{i}") for i in range(8)),
        person("lost"),
    ]
    options = GroupingOptions(min_size=3, max_size=4, together=[("p0", "p5")], apart=[("p1", "p2")])
    groups = [
        Group("A", ("boss", "ann", "bo")),
        Group("B", ("p0", "p1", "p2", "p3", "p4")),
        Group("C", ("p5", "ghost")),
        Group("D", ("p6", "p7", "p3")),
    ]
    found = check_grouping(people, groups, options)
    texts = [str(v) for v in found]
    assert texts == [
        "A mixes the languages en, sv",
        "A: ann (Name ann) is in a group with their manager boss (Name boss)",
        "B has too many members (5; at most 4)",
        "B: p1 (Name p1) and p2 (Name p2) must be apart",
        "C: ghost is not in the people list",
        "C has too few members (1; at least 3)",
        "p3 (Name p3) is in B and in D",
        "lost (Name lost) is in no group",
        "p0 (Name p0) and p5 (Name p5) must be together but are in B and C",
    ]
    assert found[1].people == ("ann", "boss") and found[1].group == "A"
    assert found[-1].text("nl") == (
        "p0 (Name p0) en p5 (Name p5) moeten samen zijn maar zitten in B en C"
    )
    assert (
        check_grouping(people, groups, options.model_copy(update={"same_language": False}))[0].code
        == NoticeCode.WITH_MANAGER
    )


def test_unknown_pairs_in_options_are_refused_when_scoring(person: Person) -> None:
    with pytest.raises(tc.grouping.InfeasibleGroupingError, match="ghost"):
        score_grouping(_five(person), [], GroupingOptions(apart=[("a", "ghost")]))


def test_all_goals_off_scores_every_group_full(person: Person) -> None:
    off = AttributeGoal(policy=Policy.IGNORE)
    options = GroupingOptions(
        department=off, location=off, seniority=off, timezone_weight=0, repeat_weight=0
    )
    scores = score_grouping(_five(person), [Group("G", ("a", "b", "c", "d", "e"))], options)
    assert scores.total == 100.0 and scores.groups[0].goals == {}
