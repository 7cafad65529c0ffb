"""How well a mentor fits a mentee: a score in points, the same for a whole matrix and a pair.

The score of a pair is the sum of four parts (weights in ``FitWeights``, 100 points in all):

- **competencies**: the mentor's strength in the mentee's focus competencies, each weighted
  by the mentee's gap there: ``sum(gap × strength) / sum(gap)``, where strength is the
  mentor's level as a share of its scale (bottom level 0, top level 1);
- **department**: full points when the two work in different departments;
- **seniority**: full points when the mentor is 1 or 2 steps more senior, half at 3 steps,
  a quarter at 4 or more steps or at the same seniority, none when the mentor is junior;
- **language**: full points when they share a language.

Hard rules make a pair impossible: the same person, a line relation (direct manager or
report, or anyone up and down the line), no shared language (unless only weighted), a pair
of an earlier programme, or a pair ruled out by hand.

Scores are kept in whole milli-points and every part is rounded on its own, so the matrix
that the assignment optimises and the explanation of a single pair agree to the last digit.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from .._errors import InputError, Problem, ValidationError
from .._framework import CompetencyFramework
from .._people_csv import MAX_SENIORITY
from ._assign import FORBIDDEN, ScoreMatrix
from ._blocks import map_row_blocks
from ._chain import programme_order
from ._model import MatchSettings, Mentee, Mentor, MentoringRecord
from ._reasons import Reason, ReasonCode
from ._rules import blocked_pairs
from ._scales import CompetencyScales

__all__ = ["SENIORITY_FIT", "MatchingProblem", "PairFit"]

#: Share of the seniority points, in quarters, per step (mentor minus mentee seniority).
SENIORITY_FIT: Mapping[int, int] = {0: 1, 1: 4, 2: 4, 3: 2}
_FAR_STEP_FIT = 1  # 4 or more steps
_JUNIOR_FIT = 0

#: Added to a pair without the required shared language: no sum of points lifts it above 0.
_NO_LANGUAGE = -(2**30)


def _milli(points: float) -> int:
    return round(points * 1000)


def _round_ratio(numerator: int, denominator: int) -> int:
    """``numerator / denominator`` rounded half up, in exact integers."""
    return (2 * numerator + denominator) // (2 * denominator)


def _quarters(step: int) -> int:
    if step < 0:
        return _JUNIOR_FIT
    return SENIORITY_FIT.get(step, _FAR_STEP_FIT)


@dataclass(frozen=True, slots=True)
class PairFit:
    """A pair's score and every reason behind it; ``blocked_by`` lists the hard rules it breaks."""

    mentee_id: str
    mentor_id: str
    score: float
    reasons: tuple[Reason, ...]
    blocked_by: tuple[Reason, ...]

    @property
    def allowed(self) -> bool:
        return not self.blocked_by


class MatchingProblem:
    """Mentees, mentors and the rules of one matching run, checked and encoded for scoring.

    ``managers`` (person id → manager id, e.g. from the people CSV) lets the ``line`` rule see
    managers who are neither mentor nor mentee; the participants' own ``manager_id`` wins.
    ``history`` holds the pairs of earlier programmes; ``excluded`` (mentee id, mentor id)
    pairs HR ruled out.
    """

    def __init__(
        self,
        mentees: Sequence[Mentee],
        mentors: Sequence[Mentor],
        *,
        settings: MatchSettings | None = None,
        framework: CompetencyFramework | None = None,
        managers: Mapping[str, str | None] | None = None,
        history: Iterable[MentoringRecord] = (),
        excluded: Iterable[tuple[str, str]] = (),
    ) -> None:
        self.mentees = tuple(mentees)
        self.mentors = tuple(mentors)
        self.settings = settings or MatchSettings()
        self.framework = framework
        self.scales = CompetencyScales(framework)
        self.mentee_index = _index(self.mentees, "mentees")
        self.mentor_index = _index(self.mentors, "mentors")
        history, excluded = tuple(history), tuple(excluded)
        self._check(excluded)
        self._former_mentee_in = self._pay_it_forward(history)
        self._blocked = blocked_pairs(
            self.mentees,
            self.mentors,
            self.settings,
            managers=managers or {},
            history=history,
            excluded=excluded,
        )
        self._encode()

    # -- checks ---------------------------------------------------------------------------

    def _check(self, excluded: Iterable[tuple[str, str]]) -> None:
        problems: list[Problem] = []
        labelled: list[tuple[str, Mentee | Mentor]] = [
            *((f"mentees[{i}]", p) for i, p in enumerate(self.mentees)),
            *((f"mentors[{i}]", p) for i, p in enumerate(self.mentors)),
        ]
        for label, person in labelled:
            for p in self.scales.problems(person):
                problems.append(p.at(f"{label}.{p.field}"))
        for i, mentor in enumerate(self.mentors):
            same = self.mentee_index.get(mentor.id)
            if same is not None and self.mentees[same].manager_id != mentor.manager_id:
                problems.append(
                    Problem.of(
                        f"mentors[{i}].manager_id",
                        "problem.mentor.other_manager",
                        id=mentor.id,
                        mentee_manager=self.mentees[same].manager_id,
                        mentor_manager=mentor.manager_id,
                    )
                )
        for i, (mentee_id, mentor_id) in enumerate(excluded):
            for role, person_id, index in (
                ("mentee", mentee_id, self.mentee_index),
                ("mentor", mentor_id, self.mentor_index),
            ):
                if person_id not in index:
                    problems.append(
                        Problem.of(f"excluded[{i}]", f"problem.excluded.not_a_{role}", id=person_id)
                    )
        if problems:
            raise ValidationError(problems)

    def _pay_it_forward(self, history: Sequence[MentoringRecord]) -> dict[str, str]:
        """The latest programme each mentor was a mentee in, from the history or the mentor."""
        order = {name: i for i, name in enumerate(programme_order(r.programme for r in history))}
        found: dict[str, str] = {}
        for record in sorted(history, key=lambda r: order[r.programme]):
            if record.mentee_id in self.mentor_index:
                found[record.mentee_id] = record.programme
        for mentor in self.mentors:
            if mentor.former_mentee_in and mentor.id not in found:
                found[mentor.id] = mentor.former_mentee_in
        return found

    # -- encoding and scores --------------------------------------------------------------

    def _encode(self) -> None:
        weights = self.settings.weights
        self._w_competencies = _milli(weights.competencies)
        self._w_department = _milli(weights.department)
        self._w_seniority = _milli(weights.seniority)
        self._w_language = _milli(weights.language)

        competencies = sorted(
            {c for m in self.mentees for c in m.focus}
            | {c for m in self.mentors for c in m.strengths}
        )
        column = {c: k for k, c in enumerate(competencies)}
        self._levels = {c: self._checked_levels(c) for c in competencies}
        spans = {c: len(levels) - 1 for c, levels in self._levels.items()}
        #: Strength is counted in units of 1/``_unit`` of a scale, exact for every scale used.
        self._unit = math.lcm(*spans.values()) if spans else 1

        n, m = len(self.mentees), len(self.mentors)
        gaps = np.zeros((n, len(competencies)))
        for i, mentee in enumerate(self.mentees):
            for c, size in mentee.focus.items():
                gaps[i, column[c]] = size
        strength = np.zeros((m, len(competencies)))
        for j, mentor in enumerate(self.mentors):
            for c, level in mentor.strengths.items():
                strength[j, column[c]] = self._strength_units(c, level)
        gap_total = gaps.sum(axis=1).astype(np.int64)
        # float32 sums of whole numbers stay exact below 2**24
        exact = np.float32 if int(gap_total.max(initial=0)) * self._unit < 2**24 else np.float64
        self._gaps: npt.NDArray[np.floating[Any]] = gaps.astype(exact)
        self._strength: npt.NDArray[np.floating[Any]] = strength.astype(exact)
        self._encode_competency_points(gap_total)
        self._encode_profiles()
        pairs = np.array(sorted(self._blocked), dtype=np.int64).reshape(-1, 2)
        self._blocked_rows, self._blocked_cols = pairs[:, 0], pairs[:, 1]

    def _encode_competency_points(self, gap_total: npt.NDArray[np.int64]) -> None:
        """Competency points for every (gap total, strength units) a mentee can have.

        Strength units of a pair run from 0 to ``gap total × unit``; one flat table holds the
        rounded points of each, and ``_points_at[i]`` is where mentee ``i``'s part starts.
        """
        totals = sorted(set(gap_total.tolist()))
        offsets: dict[int, int] = {}
        table: list[int] = []
        for total in totals:
            offsets[total] = len(table)
            denominator = max(total, 1) * self._unit
            table += [
                _round_ratio(self._w_competencies * units, denominator)
                for units in range(total * self._unit + 1)
            ]
        self._competency_points = np.array(table, dtype=np.int32)
        self._points_at = np.array([offsets[t] for t in gap_total.tolist()], dtype=np.int32)

    def _encode_profiles(self) -> None:
        """Department, seniority and language points against every mentor, per kind of mentee.

        Mentees with the same department, seniority and languages score the same against a
        mentor apart from competencies: one row per such profile, ``_profile_of[i]`` says
        which. A required language that is not shared makes the row very negative.
        """
        departments: dict[str, int] = {}

        def department(name: str) -> int:
            key = name.strip().casefold()
            return departments.setdefault(key, len(departments)) if key else -1

        mentor_department = np.array([department(p.department) for p in self.mentors])
        mentor_seniority = np.array([p.seniority for p in self.mentors], dtype=np.int64)
        seniority_points = np.array(
            [
                _round_ratio(self._w_seniority * _quarters(s), 4)
                for s in range(-MAX_SENIORITY, MAX_SENIORITY + 1)
            ],
            dtype=np.int32,
        )
        mentor_languages = [set(p.languages) for p in self.mentors]
        profiles: dict[tuple[int, int, tuple[str, ...]], int] = {}
        rows: list[npt.NDArray[np.int32]] = []
        profile_of = np.empty(len(self.mentees), dtype=np.int64)
        for i, mentee in enumerate(self.mentees):
            key = (department(mentee.department), mentee.seniority, mentee.languages)
            if key not in profiles:
                profiles[key] = len(rows)
                other = (mentor_department != key[0]) & (mentor_department >= 0) & (key[0] >= 0)
                row = np.where(other, self._w_department, 0).astype(np.int32)
                row += seniority_points[mentor_seniority - mentee.seniority + MAX_SENIORITY]
                shared = np.array([not spoken.isdisjoint(key[2]) for spoken in mentor_languages])
                missing = _NO_LANGUAGE if self.settings.require_shared_language else 0
                row += np.where(shared, self._w_language, missing).astype(np.int32)
                rows.append(row)
            profile_of[i] = profiles[key]
        self._profiles = np.array(rows, dtype=np.int32).reshape(len(rows), len(self.mentors))
        self._profile_of = profile_of

    def _checked_levels(self, competency: str) -> list[int]:
        levels = self.scales.levels(competency)
        assert not isinstance(levels, Problem), "checked in _check"
        return levels

    def _strength_units(self, competency: str, level: int) -> int:
        levels = self._levels[competency]
        return levels.index(level) * self._unit // (len(levels) - 1)

    def _is_strong(self, competency: str, level: int) -> bool:
        """In the top third of the scale: "strong in" rather than "level 2 in"."""
        return 3 * self._strength_units(competency, level) >= 2 * self._unit

    @property
    def capacities(self) -> npt.NDArray[np.int64]:
        return np.array([m.capacity for m in self.mentors], dtype=np.int64)

    def scores(self, start: int = 0, stop: int | None = None) -> ScoreMatrix:
        """Scores in milli-points of mentees ``start:stop`` (rows) × all mentors (columns).

        Pairs that break a hard rule hold ``FORBIDDEN`` (-1); every other score is ≥ 0.
        """
        rows = slice(start, len(self.mentees) if stop is None else stop)
        total: ScoreMatrix = self._profiles[self._profile_of[rows]]
        units = (self._gaps[rows] @ self._strength.T).astype(np.int32)
        units += self._points_at[rows, np.newaxis]
        total += self._competency_points[units]
        np.maximum(total, FORBIDDEN, out=total)
        first, last = np.searchsorted(self._blocked_rows, [rows.start, rows.stop])
        total[self._blocked_rows[first:last] - rows.start, self._blocked_cols[first:last]] = (
            FORBIDDEN
        )
        return total

    def score_matrix(self) -> ScoreMatrix:
        """All mentees × all mentors, built in blocks so temporaries stay small."""
        matrix = np.empty((len(self.mentees), len(self.mentors)), dtype=np.int32)

        def fill(start: int, stop: int) -> None:
            matrix[start:stop] = self.scores(start, stop)

        map_row_blocks(fill, len(self.mentees))
        return matrix

    # -- one pair in words ----------------------------------------------------------------

    def explain_pair(self, mentee_id: str, mentor_id: str) -> PairFit:
        """The score of one pair and its reasons; the score equals the matrix entry."""
        try:
            i, j = self.mentee_index[mentee_id], self.mentor_index[mentor_id]
        except KeyError as error:
            raise InputError(f"{error.args[0]!r} is not a mentee or mentor here") from None
        mentee, mentor = self.mentees[i], self.mentors[j]
        reasons = [*self._strength_reasons(mentee, mentor)]

        known = mentee.department.strip() and mentor.department.strip()
        if known and mentee.department.strip().casefold() != mentor.department.strip().casefold():
            reasons.append(
                Reason(
                    ReasonCode.DIFFERENT_DEPARTMENT,
                    self._w_department / 1000,
                    {
                        "mentee_department": mentee.department,
                        "mentor_department": mentor.department,
                    },
                )
            )
        elif known:
            reasons.append(
                Reason(ReasonCode.SAME_DEPARTMENT, 0.0, {"department": mentor.department})
            )

        step = mentor.seniority - mentee.seniority
        code = (
            ReasonCode.MORE_SENIOR
            if step > 0
            else ReasonCode.SAME_SENIORITY
            if step == 0
            else ReasonCode.LESS_SENIOR
        )
        points = _round_ratio(self._w_seniority * _quarters(step), 4) / 1000
        reasons.append(
            Reason(
                code,
                points,
                {
                    "count": abs(step),
                    "mentor_seniority": mentor.seniority,
                    "mentee_seniority": mentee.seniority,
                },
            )
        )

        shared = [code for code in mentee.languages if code in mentor.languages]
        blocked = list(self._blocked.get((i, j), []))
        if shared:
            reasons.append(
                Reason(
                    ReasonCode.SHARED_LANGUAGE,
                    self._w_language / 1000,
                    {"languages": ", ".join(shared)},
                )
            )
        else:
            params: dict[str, str | int] = {
                "mentee": mentee.name,
                "mentor": mentor.name,
                "mentee_languages": ", ".join(mentee.languages),
                "mentor_languages": ", ".join(mentor.languages),
            }
            if self.settings.require_shared_language:
                blocked.append(Reason(ReasonCode.LANGUAGE_REQUIRED, 0.0, params))
            else:
                reasons.append(Reason(ReasonCode.NO_SHARED_LANGUAGE, 0.0, params))
        if mentor.id in self._former_mentee_in:
            reasons.append(
                Reason(
                    ReasonCode.PAYS_FORWARD, 0.0, {"programme": self._former_mentee_in[mentor.id]}
                )
            )
        score = sum(_milli(r.points) for r in reasons) / 1000
        return PairFit(mentee.id, mentor.id, score, tuple(reasons), tuple(blocked))

    def _strength_reasons(self, mentee: Mentee, mentor: Mentor) -> list[Reason]:
        """One reason per focus competency the mentor brings, sharing the competency points.

        The part is rounded once, then split by largest remainder so the shares add up to it.
        """
        total_gap = sum(mentee.focus.values())
        if not total_gap:
            return []
        denominator = total_gap * self._unit
        shares = [
            (c, size, self._w_competencies * size * self._strength_units(c, mentor.strengths[c]))
            for c, size in mentee.focus.items()
            if c in mentor.strengths
        ]
        whole = _round_ratio(sum(part for _, _, part in shares), denominator)
        floors = [part // denominator for _, _, part in shares]
        by_remainder = sorted(
            range(len(shares)), key=lambda k: (-(shares[k][2] % denominator), shares[k][0])
        )
        for k in by_remainder[: whole - sum(floors)]:
            floors[k] += 1
        return [
            Reason(
                ReasonCode.STRENGTH
                if self._is_strong(c, mentor.strengths[c])
                else ReasonCode.SOME_STRENGTH,
                floors[k] / 1000,
                {
                    "competency": c,
                    "level": mentor.strengths[c],
                    "mentee": mentee.name,
                    "count": size,
                },
            )
            for k, (c, size, _) in enumerate(shares)
            if floors[k] or shares[k][2]
        ]

    def ruled_out(self, mentee_id: str) -> dict[str, int]:
        """How many mentors each hard rule rules out for this mentee (a mentor may count twice).

        Keys: ``mentors`` (all of them), ``line`` (the person themselves or their management
        line), ``language``, ``earlier`` (pairs of earlier programmes), ``excluded`` (by hand).
        """
        i = self.mentee_index[mentee_id]
        kind = {ReasonCode.EARLIER_PAIR: "earlier", ReasonCode.EXCLUDED: "excluded"}
        counts = dict.fromkeys(("line", "language", "earlier", "excluded"), 0)
        counts = {"mentors": len(self.mentors)} | counts
        first, last = np.searchsorted(self._blocked_rows, [i, i + 1])
        for j in self._blocked_cols[first:last]:
            for reason in self._blocked[(i, int(j))]:
                counts[kind.get(reason.code, "line")] += 1
        if self.settings.require_shared_language:
            spoken = set(self.mentees[i].languages)
            counts["language"] = sum(spoken.isdisjoint(m.languages) for m in self.mentors)
        return counts

    def allowed_mentors(self, mentee_id: str) -> list[str]:
        """Mentors the hard rules allow for this mentee, in the mentors' order."""
        i = self.mentee_index[mentee_id]
        row = self.scores(i, i + 1)[0]
        return [self.mentors[j].id for j in np.flatnonzero(row != FORBIDDEN)]


def _index(people: Sequence[Mentee] | Sequence[Mentor], kind: str) -> dict[str, int]:
    index: dict[str, int] = {}
    problems: list[Problem] = []
    for i, person in enumerate(people):
        if person.id in index:
            problems.append(
                Problem.of(
                    f"{kind}[{i}].id",
                    "problem.person.listed_before",
                    id=person.id,
                    kind=kind,
                    index=index[person.id],
                )
            )
        index.setdefault(person.id, i)
    if problems:
        raise ValidationError(problems)
    return index
