"""Mentoring figures (docs/mentoring.md): an unmatched mentee's reason "full with mentees who
fit at least as well" holds by the definition: every occupant of every mentor allowed for the
mentee scores at least what the mentee would with that mentor."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

import talent_core as tc
from talent_core.mentoring import (
    FORBIDDEN,
    MatchingProblem,
    Mentee,
    Mentor,
    ReasonCode,
    match_mentors,
    render_reason,
)


def participants(seed: int, size: int) -> tuple[list[Mentee], list[Mentor]]:
    """Few mentors with little capacity, so that mentees are left over."""
    people = tc.generate_organisation(size, seed)
    competencies = [c.id for c in tc.demo_framework().competencies()]
    rng = random.Random(seed)
    mentees, mentors = [], []
    for person in people:
        if person.seniority >= 4 and rng.random() < 0.25:
            strengths = {c: rng.randint(1, 4) for c in rng.sample(competencies, 5)}
            mentors.append(Mentor.from_person(person, strengths, capacity=rng.randint(1, 2)))
        else:
            focus = {c: rng.randint(1, 3) for c in rng.sample(competencies, 2)}
            mentees.append(Mentee.from_person(person, focus))
    return mentees, mentors


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 10_000))
def test_full_mentors_hold_mentees_who_fit_at_least_as_well(seed: int) -> None:
    mentees, mentors = participants(seed, 60)
    problem = MatchingProblem(mentees, mentors, framework=tc.demo_framework())
    matching = match_mentors(problem)
    scores = problem.score_matrix()
    full = [u for u in matching.unmatched if u.reason.code is ReasonCode.MENTORS_FULL]
    for unmatched in full:
        i = problem.mentee_index[unmatched.mentee_id]
        for j, mentor in enumerate(problem.mentors):
            if scores[i, j] == FORBIDDEN:
                continue
            occupants = matching.mentees_of(mentor.id)
            assert len(occupants) == mentor.capacity  # full, as the reason says
            for other in occupants:
                assert scores[problem.mentee_index[other], j] >= scores[i, j]
        assert "fit at least as well" in render_reason(unmatched.reason, "en")
