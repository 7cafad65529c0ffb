"""People and options turned into the arrays the scorer and both searches share.

Every soft goal is a sum over pairs of members: a pair is "bad" for a goal when it works
against it (two people of one department where departments should spread, two people of
different time-zone bands, a pair that already met...). A group's score is 100 minus the
weighted share of bad pairs, so groups of different sizes compare fairly.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

import numpy as np
import numpy.typing as npt

from .._errors import Problem, ValidationError
from .._people import Person
from ._notices import InfeasibleGroupingError, Notice, NoticeCode
from ._options import AttributeGoal, GroupingOptions, ManagerRule, Policy

__all__ = ["Criterion", "Instance", "Kind", "encode", "timezone_band"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

#: Offsets are read at one fixed instant, so a grouping does not change with the season.
BAND_INSTANT = dt.datetime(2026, 1, 15, 12, tzinfo=dt.UTC)


class Kind(Enum):
    SAME = "same"  # bad pair: same value (spread the attribute)
    DIFFERENT = "different"  # bad pair: different values (keep the attribute together)
    GAP = "gap"  # bad amount: squared difference of a number (keep levels close)
    MET = "met"  # bad pair: met in an earlier round


@dataclass(frozen=True, slots=True)
class Criterion:
    """One soft goal: its name, how pairs count, the per-person values and its weight."""

    name: str
    kind: Kind
    values: IntArray
    weight: float
    #: The largest bad amount one pair can have, so ``bad / (norm * pairs)`` is a share.
    norm: float


@dataclass(frozen=True, slots=True)
class Instance:
    people: Sequence[Person]
    index: dict[str, int]
    min_size: int
    max_size: int
    #: Language per bucket (``None`` when languages mix) and the people of each bucket.
    bucket_language: tuple[str | None, ...]
    buckets: tuple[tuple[int, ...], ...]
    criteria: tuple[Criterion, ...]
    #: People each person already met in an earlier round.
    met: tuple[tuple[int, ...], ...]
    #: The met pairs as sorted keys ``i * size + j``, for vectorised look-ups.
    met_keys: IntArray
    #: Must-apart partners per person.
    apart: tuple[frozenset[int], ...]
    #: Managers up the line that the rule forbids in a person's group, nearest first.
    line: tuple[tuple[int, ...], ...]
    #: Must-together components (sorted), singletons included.
    units: tuple[tuple[int, ...], ...]
    history_unknown: int

    @property
    def size(self) -> int:
        return len(self.people)

    @property
    def weight_total(self) -> float:
        return sum(c.weight for c in self.criteria)

    def label(self, i: int) -> str:
        """How a person is named in notices: id and name."""
        person = self.people[i]
        return f"{person.id} ({person.name})"

    def conflict(self, i: int, j: int) -> bool:
        """Whether ``i`` and ``j`` may never share a group (manager rule or must-apart)."""
        return j in self.apart[i] or j in self.line[i] or i in self.line[j]

    def pair_cost(self, i: int, j: int) -> float:
        """Weighted bad amount of one pair; a group's cost is the sum over its pairs."""
        met_j = j in self.met[i]
        cost = 0.0
        for c in self.criteria:
            if c.kind is Kind.MET:
                bad = float(met_j)
            elif c.kind is Kind.SAME:
                bad = float(c.values[i] == c.values[j])
            elif c.kind is Kind.DIFFERENT:
                bad = float(c.values[i] != c.values[j])
            else:
                bad = float((c.values[i] - c.values[j]) ** 2)
            cost += c.weight * bad / c.norm
        return cost


def timezone_band(timezone: str, band_hours: int) -> int:
    """Band of a time zone: its UTC offset (at ``BAND_INSTANT``) in steps of ``band_hours``."""
    offset = BAND_INSTANT.astimezone(zoneinfo.ZoneInfo(timezone)).utcoffset()
    hours = (offset or dt.timedelta()).total_seconds() / 3600
    return int((hours + 12) // band_hours)


def _codes(values: Iterable[str]) -> IntArray:
    table: dict[str, int] = {}
    return np.array([table.setdefault(v, len(table)) for v in values], dtype=np.int64)


def _attribute(name: str, goal: AttributeGoal, values: IntArray, numeric: bool) -> Criterion:
    if goal.policy is Policy.DISSIMILAR:
        return Criterion(name, Kind.SAME, values, goal.weight, 1.0)
    if numeric:
        spread = int(values.max() - values.min()) if values.size else 0
        return Criterion(name, Kind.GAP, values, goal.weight, float(max(1, spread) ** 2))
    return Criterion(name, Kind.DIFFERENT, values, goal.weight, 1.0)


def _criteria(people: Sequence[Person], options: GroupingOptions, met: bool) -> list[Criterion]:
    criteria: list[Criterion] = []
    attributes = (
        ("department", options.department, _codes(p.department for p in people), False),
        ("location", options.location, _codes(p.location for p in people), False),
        ("seniority", options.seniority, np.array([p.seniority for p in people]), True),
    )
    for name, goal, values, numeric in attributes:
        if goal.active:
            criteria.append(_attribute(name, goal, values.astype(np.int64), numeric))
    if options.timezone_weight > 0:
        problems: list[Problem] = []
        bands: dict[str, int] = {}
        for i, person in enumerate(people):
            if person.timezone not in bands:
                try:
                    bands[person.timezone] = timezone_band(
                        person.timezone, options.timezone_band_hours
                    )
                except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                    problems.append(
                        Problem.of(
                            f"people[{i}].timezone",
                            "problem.timezone.unknown",
                            zone=person.timezone,
                        )
                    )
                    bands[person.timezone] = -1
        if problems:
            raise ValidationError(problems)
        values = np.array([bands[p.timezone] for p in people], dtype=np.int64)
        criteria.append(Criterion("timezone", Kind.DIFFERENT, values, options.timezone_weight, 1))
    if met and options.repeat_weight > 0:
        zeros = np.zeros(len(people), dtype=np.int64)
        criteria.append(Criterion("repeat", Kind.MET, zeros, options.repeat_weight, 1.0))
    return criteria


def _line(
    people: Sequence[Person], index: dict[str, int], rule: ManagerRule
) -> list[tuple[int, ...]]:
    manager = [index.get(p.manager_id, -1) if p.manager_id else -1 for p in people]
    reach = 1 if rule is ManagerRule.DIRECT else len(people)
    line: list[tuple[int, ...]] = []
    for i in range(len(people)):
        up: list[int] = []
        current = manager[i]
        while current >= 0 and len(up) < reach and current != i and current not in up:
            up.append(current)
            current = manager[current]
        line.append(tuple(up))
    return line


def _pairs(
    pairs: Sequence[tuple[str, str]], index: dict[str, int], kind: str, reasons: list[Notice]
) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    for number, (a, b) in enumerate(pairs, start=1):
        where = f"{kind} pair {number}"
        unknown = [x for x in (a, b) if x not in index]
        for person in unknown:
            reasons.append(
                Notice(NoticeCode.UNKNOWN_PERSON, {"where": where, "person": person}, (person,))
            )
        if a == b:
            reasons.append(Notice(NoticeCode.PAIR_WITH_SELF, {"where": where, "person": a}, (a,)))
        elif not unknown:
            found.append((index[a], index[b]))
    return found


def _components(size: int, pairs: Iterable[tuple[int, int]]) -> list[tuple[int, ...]]:
    parent = list(range(size))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        parent[root(a)] = root(b)
    members: dict[int, list[int]] = {}
    for x in range(size):
        members.setdefault(root(x), []).append(x)
    return sorted((tuple(m) for m in members.values()), key=lambda unit: unit[0])


def encode(people: Sequence[Person], options: GroupingOptions) -> Instance:
    """Index people and options; unknown ids in pairs raise InfeasibleGroupingError."""
    index: dict[str, int] = {}
    problems: list[Problem] = []
    for i, person in enumerate(people):
        if person.id in index:
            problems.append(Problem.of(f"people[{i}].id", "problem.duplicate_id", id=person.id))
        index[person.id] = i
    if problems:
        raise ValidationError(problems)
    reasons: list[Notice] = []
    together = _pairs(options.together, index, "must-together", reasons)
    apart_pairs = _pairs(options.apart, index, "must-apart", reasons)
    if reasons:
        raise InfeasibleGroupingError(reasons)

    size = len(people)
    met_sets: list[set[int]] = [set() for _ in range(size)]
    unknown: set[str] = set()
    for group in options.earlier_groups:
        known = [index[x] for x in group if x in index]
        unknown.update(x for x in group if x not in index)
        for a in known:
            met_sets[a].update(b for b in known if b != a)
    apart: list[set[int]] = [set() for _ in range(size)]
    for a, b in apart_pairs:
        apart[a].add(b)
        apart[b].add(a)

    if options.same_language:
        languages = sorted({p.language for p in people})
        bucket_language: tuple[str | None, ...] = tuple(languages)
        position = {language: k for k, language in enumerate(languages)}
        members: list[list[int]] = [[] for _ in languages]
        for i, person in enumerate(people):
            members[position[person.language]].append(i)
        buckets = tuple(tuple(m) for m in members)
    else:
        bucket_language, buckets = (None,), (tuple(range(size)),)

    return Instance(
        people=people,
        index=index,
        min_size=options.min_size,
        max_size=options.max_size,
        bucket_language=bucket_language,
        buckets=buckets,
        criteria=tuple(_criteria(people, options, any(met_sets))),
        met=tuple(tuple(sorted(m)) for m in met_sets),
        met_keys=np.array(
            sorted(i * size + j for i, others in enumerate(met_sets) for j in others),
            dtype=np.int64,
        ),
        apart=tuple(frozenset(a) for a in apart),
        line=tuple(_line(people, index, options.manager_rule)),
        units=tuple(_components(size, together)),
        history_unknown=len(unknown),
    )


def group_bad(instance: Instance, groups: Sequence[Sequence[int]]) -> FloatArray:
    """Bad amount per group (rows) and criterion (columns), computed from scratch."""
    result = np.zeros((len(groups), len(instance.criteria)))
    width = max((len(g) for g in groups), default=0)
    if width < 2 or not instance.criteria:
        return result
    filled = np.array([len(g) for g in groups])
    slots = np.zeros((len(groups), width), dtype=np.int64)
    for row, group in enumerate(groups):
        slots[row, : len(group)] = group
    valid = np.arange(width)[None, :] < filled[:, None]
    first, second = np.triu_indices(width, k=1)
    pair_valid = valid[:, first] & valid[:, second]
    a, b = slots[:, first], slots[:, second]
    for column, c in enumerate(instance.criteria):
        if c.kind is Kind.MET:
            bad = np.isin(a * instance.size + b, instance.met_keys).astype(float)
        elif c.kind is Kind.SAME:
            bad = (c.values[a] == c.values[b]).astype(float)
        elif c.kind is Kind.DIFFERENT:
            bad = (c.values[a] != c.values[b]).astype(float)
        else:
            bad = ((c.values[a] - c.values[b]) ** 2).astype(float)
        result[:, column] = (bad * pair_valid).sum(axis=1)
    return result


def pair_counts(sizes: npt.ArrayLike) -> FloatArray:
    n = np.asarray(sizes, dtype=np.float64)
    return n * (n - 1) / 2


def group_scores(instance: Instance, bad: FloatArray, sizes: npt.ArrayLike) -> FloatArray:
    """Score 0–100 per group: 100 minus the weighted share of bad pairs (100 below 2 people)."""
    total = instance.weight_total
    pairs = pair_counts(sizes)
    if total == 0 or not instance.criteria:
        return np.full(pairs.shape, 100.0)
    scale = np.array([c.weight / c.norm for c in instance.criteria])
    cost = bad @ scale
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(pairs > 0, cost / (total * np.maximum(pairs, 1)), 0.0)
    return 100.0 * (1.0 - share)
