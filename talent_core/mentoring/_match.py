"""Match mentees to mentors: the most mentees matched, then the highest total fit."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .._errors import Problem, ValidationError
from ._assign import FORBIDDEN, ScoreMatrix, assign_with_capacities
from ._fit import MatchingProblem
from ._reasons import Reason, ReasonCode, Reasons

__all__ = ["Matching", "MentorPair", "UnmatchedMentee", "match_mentors"]


@dataclass(frozen=True, slots=True)
class MentorPair:
    mentee_id: str
    mentor_id: str
    #: Fit in points (see ``MatchingProblem.explain_pair`` for the reasons).
    score: float
    #: Fixed by hand (``keep``) rather than chosen by the optimiser.
    kept: bool = False


@dataclass(frozen=True, slots=True)
class UnmatchedMentee:
    mentee_id: str
    reason: Reason


@dataclass(frozen=True, slots=True)
class Matching:
    #: In the order of the mentees.
    pairs: tuple[MentorPair, ...]
    unmatched: tuple[UnmatchedMentee, ...]
    #: Pairs the optimiser looked at, and the solves it took to prove the result optimal.
    candidate_pairs: int
    rounds: int

    @property
    def total_score(self) -> float:
        return round(sum(p.score for p in self.pairs), 3)

    @property
    def mean_score(self) -> float:
        return round(self.total_score / len(self.pairs), 3) if self.pairs else 0.0

    def mentees_of(self, mentor_id: str) -> list[str]:
        return [p.mentee_id for p in self.pairs if p.mentor_id == mentor_id]


def match_mentors(problem: MatchingProblem, *, keep: Mapping[str, str] | None = None) -> Matching:
    """The optimal matching, with ``keep`` (mentee id → mentor id) pairs fixed by hand.

    Kept pairs use up their mentor's capacity and must obey the hard rules. Every unmatched
    mentee gets a reason: no mentor is allowed at all, or all allowed mentors are full.
    """
    keep = dict(keep or {})
    scores = problem.score_matrix()
    capacities = problem.capacities.copy()
    kept_rows = _check_kept(problem, scores, capacities, keep)

    free = np.setdiff1d(np.arange(len(problem.mentees)), kept_rows)
    open_mentors = np.flatnonzero(capacities > 0)
    sub = scores[np.ix_(free, open_mentors)] if keep else scores
    result = assign_with_capacities(sub, capacities[open_mentors])

    mentor_of = np.full(len(problem.mentees), -1, dtype=np.int64)
    matched = result.mentor_of >= 0
    mentor_of[free[matched]] = open_mentors[result.mentor_of[matched]]
    for mentee_id, mentor_id in keep.items():
        mentor_of[problem.mentee_index[mentee_id]] = problem.mentor_index[mentor_id]

    pairs: list[MentorPair] = []
    unmatched: list[UnmatchedMentee] = []
    for i, mentee in enumerate(problem.mentees):
        j = int(mentor_of[i])
        if j >= 0:
            score = int(scores[i, j]) / 1000
            pairs.append(MentorPair(mentee.id, problem.mentors[j].id, score, mentee.id in keep))
            continue
        allowed = int(np.count_nonzero(scores[i] != FORBIDDEN))
        params: dict[str, str | int] = {"mentee": mentee.name, "count": allowed}
        if allowed:
            reason = Reason(ReasonCode.MENTORS_FULL, 0.0, params)
        else:
            rules = problem.ruled_out(mentee.id)
            params |= {"count": rules.pop("mentors"), **rules}
            reason = Reason(ReasonCode.NO_ALLOWED_MENTOR, 0.0, params)
        unmatched.append(UnmatchedMentee(mentee.id, reason))
    return Matching(tuple(pairs), tuple(unmatched), result.candidate_pairs, result.rounds)


def _check_kept(
    problem: MatchingProblem,
    scores: ScoreMatrix,
    capacities: npt.NDArray[np.int64],
    keep: Mapping[str, str],
) -> list[int]:
    """Rows of the kept mentees; takes their places off ``capacities``."""
    problems: list[Problem] = []
    rows: list[int] = []
    for mentee_id, mentor_id in keep.items():
        field = f"keep.{mentee_id}"
        i, j = problem.mentee_index.get(mentee_id), problem.mentor_index.get(mentor_id)
        if i is None or j is None:
            missing = mentee_id if i is None else mentor_id
            problems.append(Problem.of(field, "problem.pair.unknown_person", id=missing))
            continue
        if scores[i, j] == FORBIDDEN:
            fit = problem.explain_pair(mentee_id, mentor_id)
            why = Reasons(tuple(fit.blocked_by))
            problems.append(Problem.of(field, "problem.pair.forbidden", why=why))
            continue
        capacities[j] -= 1
        if capacities[j] < 0:
            problems.append(Problem.of(field, "problem.pair.mentor_full", id=mentor_id))
        rows.append(i)
    if problems:
        raise ValidationError(problems)
    return rows
