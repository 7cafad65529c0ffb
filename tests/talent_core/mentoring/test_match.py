"""Matching: capacities, hard rules, unmatched mentees with reasons, pairs kept by hand."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import talent_core as tc
from talent_core.grouping import ManagerRule
from talent_core.mentoring import (
    FORBIDDEN,
    MatchingProblem,
    MatchSettings,
    Mentee,
    Mentor,
    ReasonCode,
    match_mentors,
    render_reason,
)

MakeMentee = Callable[..., Mentee]
MakeMentor = Callable[..., Mentor]


def demo_participants(
    seed: int, size: int
) -> tuple[list[Mentee], list[Mentor], dict[str, str | None]]:
    """Mentees and mentors drawn from a demo organisation (line relations included)."""
    people = tc.generate_organisation(size, seed)
    competencies = [c.id for c in tc.demo_framework().competencies()]
    rng = random.Random(seed)
    mentees, mentors = [], []
    for person in people:
        if person.seniority >= 4 and rng.random() < 0.6:
            strengths = {c: rng.randint(1, 4) for c in rng.sample(competencies, 5)}
            mentors.append(Mentor.from_person(person, strengths, capacity=rng.randint(1, 3)))
        else:
            focus = {c: rng.randint(1, 3) for c in rng.sample(competencies, 2)}
            mentees.append(Mentee.from_person(person, focus))
    return mentees, mentors, {p.id: p.manager_id for p in people}


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from(list(ManagerRule)))
def test_capacities_and_hard_rules_always_hold(seed: int, line: ManagerRule) -> None:
    mentees, mentors, managers = demo_participants(seed, 60)
    problem = MatchingProblem(
        mentees,
        mentors,
        framework=tc.demo_framework(),
        managers=managers,
        settings=MatchSettings(line=line),
    )
    matching = match_mentors(problem)
    load = Counter(p.mentor_id for p in matching.pairs)
    assert all(load[m.id] <= m.capacity for m in mentors)
    above: dict[str, set[str]] = {}
    for person_id in managers:
        chain, boss = set(), managers[person_id]
        while boss is not None:
            chain.add(boss)
            boss = managers[boss] if line is ManagerRule.LINE else None
        above[person_id] = chain
    for pair in matching.pairs:
        assert pair.mentor_id not in above[pair.mentee_id]
        assert pair.mentee_id not in above[pair.mentor_id]
        assert problem.explain_pair(pair.mentee_id, pair.mentor_id).allowed
    assert len(matching.pairs) + len(matching.unmatched) == len(mentees)
    capacity = {m.id: m.capacity for m in mentors}
    for mentee in matching.unmatched:
        allowed = problem.allowed_mentors(mentee.mentee_id)
        if mentee.reason.code is ReasonCode.MENTORS_FULL:
            assert allowed
            assert all(load[m] == capacity[m] for m in allowed)
        else:
            assert mentee.reason.code is ReasonCode.NO_ALLOWED_MENTOR
            assert not allowed


def test_unmatched_mentees_are_told_why(make_mentee: MakeMentee, make_mentor: MakeMentor) -> None:
    mentees = [
        make_mentee("a", name="Ann", focus={"x": 2}),
        make_mentee("b", name="Bo", focus={"x": 1}),
        make_mentee("c", name="Cas", languages=("nl",)),
    ]
    mentors = [make_mentor("m", capacity=1, strengths={"x": 5})]
    matching = match_mentors(MatchingProblem(mentees, mentors))
    assert [(p.mentee_id, p.mentor_id) for p in matching.pairs] == [("a", "m")]
    assert [render_reason(u.reason) for u in matching.unmatched] == [
        "The 1 mentor who may mentor Bo is full with mentees who fit at least as well",
        "The 1 mentor may not be paired with Cas; ruled out by the management line: 0, "
        "by language: 1, by an earlier pair: 0, by hand: 0",
    ]
    assert matching.total_score == pytest.approx(60 + 15 + 10)
    assert matching.mean_score == matching.total_score
    assert matching.mentees_of("m") == ["a"]


def test_more_mentees_matched_before_a_higher_total(
    make_mentee: MakeMentee, make_mentor: MakeMentor
) -> None:
    # Ann would fit Mia best, but only Mia may mentor Bo (Bo reports to Noor)
    mentees = [
        make_mentee("ann", focus={"x": 1}),
        make_mentee("bo", manager_id="noor", focus={"x": 1}),
    ]
    mentors = [
        make_mentor("mia", strengths={"x": 5}),
        make_mentor("noor", strengths={"x": 1}),
    ]
    matching = match_mentors(MatchingProblem(mentees, mentors))
    assert {(p.mentee_id, p.mentor_id) for p in matching.pairs} == {("ann", "noor"), ("bo", "mia")}


def test_kept_pairs_stay_and_use_up_capacity(
    make_mentee: MakeMentee, make_mentor: MakeMentor
) -> None:
    mentees = [make_mentee("a", focus={"x": 1}), make_mentee("b"), make_mentee("c")]
    mentors = [
        make_mentor("strong", strengths={"x": 5}, capacity=1),
        make_mentor("plain", capacity=2),
    ]
    problem = MatchingProblem(mentees, mentors)
    assert ("a", "strong") in {(p.mentee_id, p.mentor_id) for p in match_mentors(problem).pairs}
    kept = match_mentors(problem, keep={"b": "strong"})
    assert [(p.mentee_id, p.mentor_id, p.kept) for p in kept.pairs] == [
        ("a", "plain", False),
        ("b", "strong", True),
        ("c", "plain", False),
    ]


def test_kept_pairs_must_obey_the_rules(make_mentee: MakeMentee, make_mentor: MakeMentor) -> None:
    problem = MatchingProblem(
        [make_mentee("a", manager_id="m"), make_mentee("b"), make_mentee("c")],
        [make_mentor("m", capacity=1), make_mentor("n", capacity=1)],
    )
    with pytest.raises(tc.ValidationError, match=r"keep.a: the pair may not be made: .* manager"):
        match_mentors(problem, keep={"a": "m"})
    with pytest.raises(tc.ValidationError, match=r"keep.c: 'n' has no place left"):
        match_mentors(problem, keep={"b": "n", "c": "n"})
    with pytest.raises(tc.ValidationError, match=r"keep.zz: 'zz' is not a mentee or mentor"):
        match_mentors(problem, keep={"zz": "n"})


def test_matching_is_deterministic_and_never_uses_a_forbidden_pair() -> None:
    mentees, mentors, managers = demo_participants(11, 300)
    problem = MatchingProblem(mentees, mentors, managers=managers)
    first, second = match_mentors(problem), match_mentors(problem)
    assert first == second
    scores = problem.score_matrix()
    for pair in first.pairs:
        i, j = problem.mentee_index[pair.mentee_id], problem.mentor_index[pair.mentor_id]
        assert scores[i, j] != FORBIDDEN
        assert pair.score == scores[i, j] / 1000
