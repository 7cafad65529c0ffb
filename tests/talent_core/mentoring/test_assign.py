"""The assignment is optimal (lexicographic: most mentees matched, then highest total fit).

Small instances are checked against brute force over every assignment; larger ones, solved
through the pruned candidate graph and its optimality certificate, against a dense
``linear_sum_assignment`` over repeated mentor slots (an independent exact method).
"""

from __future__ import annotations

import itertools

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy.optimize import linear_sum_assignment

from talent_core.mentoring import FORBIDDEN
from talent_core.mentoring._assign import assign_with_capacities

Scores = npt.NDArray[np.int32]


def objective(scores: Scores, mentor_of: npt.NDArray[np.int64]) -> tuple[int, int]:
    matched = np.flatnonzero(mentor_of >= 0)
    return int(matched.size), int(scores[matched, mentor_of[matched]].sum())


def check_feasible(
    scores: Scores, caps: npt.NDArray[np.int64], mentor_of: npt.NDArray[np.int64]
) -> None:
    matched = np.flatnonzero(mentor_of >= 0)
    assert (scores[matched, mentor_of[matched]] != FORBIDDEN).all()
    assert (np.bincount(mentor_of[matched], minlength=caps.size) <= caps).all()


def brute_force(scores: Scores, caps: npt.NDArray[np.int64]) -> tuple[int, int]:
    n, m = scores.shape
    best = (0, 0)
    for choice in itertools.product(range(-1, m), repeat=n):
        mentor_of = np.array(choice, dtype=np.int64)
        matched = np.flatnonzero(mentor_of >= 0)
        if (scores[matched, mentor_of[matched]] == FORBIDDEN).any():
            continue
        if (np.bincount(mentor_of[matched], minlength=m) > caps).any():
            continue
        best = max(best, objective(scores, mentor_of))
    return best


def dense_reference(scores: Scores, caps: npt.NDArray[np.int64]) -> tuple[int, int]:
    """Dense LSA over slots; a matched pair gains a bonus larger than any total of scores."""
    bonus = (int(scores.max()) + 1) * min(scores.shape[0], int(caps.sum())) + 1
    gain = np.where(scores == FORBIDDEN, 0, scores.astype(np.float64) + bonus)
    slots = np.repeat(gain.T, caps, axis=0)
    rows, cols = linear_sum_assignment(slots, maximize=True)
    used = slots[rows, cols] > 0
    return int(used.sum()), round(float(slots[rows, cols][used].sum()) - bonus * int(used.sum()))


@st.composite
def instances(
    draw: st.DrawFn, max_mentees: int = 5, max_mentors: int = 3
) -> tuple[Scores, npt.NDArray[np.int64]]:
    n = draw(st.integers(1, max_mentees))
    m = draw(st.integers(1, max_mentors))
    scores = draw(
        hnp.arrays(np.int32, (n, m), elements=st.sampled_from([FORBIDDEN, 0, 5, 10, 40, 99]))
    )
    caps = draw(hnp.arrays(np.int64, m, elements=st.integers(1, 2)))
    return scores, caps


@settings(max_examples=150, deadline=None)
@given(instances())
def test_small_instances_match_brute_force(instance: tuple[Scores, npt.NDArray[np.int64]]) -> None:
    scores, caps = instance
    result = assign_with_capacities(scores, caps)
    check_feasible(scores, caps, result.mentor_of)
    assert objective(scores, result.mentor_of) == brute_force(scores, caps)


@settings(max_examples=40, deadline=None)
@given(instances(max_mentees=30, max_mentors=12))
def test_pruned_candidates_with_certificate_stay_optimal(
    instance: tuple[Scores, npt.NDArray[np.int64]],
) -> None:
    scores, caps = instance
    result = assign_with_capacities(scores, caps, dense_below=0)
    check_feasible(scores, caps, result.mentor_of)
    assert objective(scores, result.mentor_of) == dense_reference(scores, caps)


@pytest.mark.parametrize(("mentees", "mentors", "forbidden"), [(700, 250, 0.02), (300, 400, 0.5)])
def test_larger_tied_instances_match_dense_assignment(
    mentees: int, mentors: int, forbidden: float
) -> None:
    rng = np.random.default_rng(mentees)
    # few distinct values: many ties, the hard case for pruning and certificates
    scores = rng.choice(np.array([10, 20, 35, 50, 80], dtype=np.int32), size=(mentees, mentors))
    scores[rng.random(scores.shape) < forbidden] = FORBIDDEN
    caps = rng.integers(1, 6, mentors)
    result = assign_with_capacities(scores, caps, dense_below=0)
    check_feasible(scores, caps, result.mentor_of)
    assert result.candidate_pairs < mentees * mentors
    assert objective(scores, result.mentor_of) == dense_reference(scores, caps)


def test_matching_more_mentees_beats_a_higher_total() -> None:
    # mentee 0 fits mentor 0 best by far, but only mentee 1 can use mentor 1's place
    scores = np.array([[99, FORBIDDEN], [98, 1]], dtype=np.int32)
    result = assign_with_capacities(scores, [1, 1])
    assert result.mentor_of.tolist() == [0, 1]
    scores = np.array([[99, 0], [98, FORBIDDEN]], dtype=np.int32)
    assert assign_with_capacities(scores, [1, 1]).mentor_of.tolist() == [1, 0]


def test_nothing_allowed_leaves_everyone_unmatched() -> None:
    scores = np.full((4, 3), FORBIDDEN, dtype=np.int32)
    for dense_below in (0, 10**6):
        result = assign_with_capacities(scores, [1, 2, 3], dense_below=dense_below)
        assert (result.mentor_of == -1).all()


def test_capacities_must_be_positive_one_per_mentor() -> None:
    scores = np.zeros((2, 2), dtype=np.int32)
    with pytest.raises(ValueError, match="capacities"):
        assign_with_capacities(scores, [1, 0])
    with pytest.raises(ValueError, match="capacities"):
        assign_with_capacities(scores, [1])


def test_same_input_gives_the_same_assignment() -> None:
    rng = np.random.default_rng(7)
    scores = rng.choice(np.array([0, 10, 20], dtype=np.int32), size=(400, 120))
    caps = rng.integers(1, 4, 120)
    first = assign_with_capacities(scores, caps, dense_below=0).mentor_of
    second = assign_with_capacities(scores.copy(), caps.copy(), dense_below=0).mentor_of
    assert first.tolist() == second.tolist()
