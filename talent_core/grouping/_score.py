"""Scores and hard-constraint checks of any grouping, designed or made by hand.

A group's score (0–100) is 100 minus the weighted share of its pairs that work against a
goal; per goal, the fit is 100 minus that goal's share of bad pairs. The total is the mean
over groups; the worst group is reported too, since one badly fitting group can sink a
programme however good the average (CATME maximises the worst-fitting team).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .._people import Person
from ._instance import Instance, encode, group_bad, group_scores, pair_counts
from ._notices import Notice, NoticeCode
from ._options import GroupingOptions

__all__ = [
    "Group",
    "GroupScore",
    "GroupingScores",
    "check_grouping",
    "score_grouping",
]


@dataclass(frozen=True, slots=True)
class Group:
    name: str
    members: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GroupScore:
    name: str
    size: int
    #: 0–100: 100 minus the weighted share of pairs that work against a goal.
    score: float
    #: Fit 0–100 per active goal (department, location, seniority, timezone, repeat).
    goals: Mapping[str, float]
    languages: tuple[str, ...]
    #: Pairs of members that already met in an earlier round.
    repeat_pairs: int


@dataclass(frozen=True, slots=True)
class GroupingScores:
    groups: tuple[GroupScore, ...]
    #: Mean group score.
    total: float
    worst: GroupScore | None
    #: Broken hard constraints (empty for every designed grouping).
    violations: tuple[Notice, ...] = ()
    #: Soft goals missed in a way worth a look, e.g. pairs meeting again.
    warnings: tuple[Notice, ...] = ()


def _members(instance: Instance, groups: Sequence[Group]) -> list[list[int]]:
    return [[instance.index[x] for x in g.members if x in instance.index] for g in groups]


def scores_of(
    instance: Instance, names: Sequence[str], members: Sequence[Sequence[int]]
) -> tuple[list[GroupScore], list[Notice]]:
    """Scores per group, plus a warning for each group with repeat pairs."""
    scored = group_scores_of(instance, names, members)
    return scored, repeat_warnings(instance, scored, members)


def group_scores_of(
    instance: Instance, names: Sequence[str], members: Sequence[Sequence[int]]
) -> list[GroupScore]:
    """The score of each group; a group's score depends on its own members only."""
    bad = group_bad(instance, members)
    sizes = np.array([len(m) for m in members])
    scores = group_scores(instance, bad, sizes)
    pairs = np.maximum(pair_counts(sizes), 1)
    result: list[GroupScore] = []
    names_of = [c.name for c in instance.criteria]
    repeat = names_of.index("repeat") if "repeat" in names_of else -1
    for row, (name, group) in enumerate(zip(names, members, strict=True)):
        goals = {
            c.name: float(100 * (1 - bad[row, k] / (c.norm * pairs[row])))
            for k, c in enumerate(instance.criteria)
        }
        repeats = int(bad[row, repeat]) if repeat >= 0 else 0
        languages = tuple(sorted({instance.people[i].language for i in group}))
        result.append(GroupScore(name, len(group), float(scores[row]), goals, languages, repeats))
    return result


def repeat_warnings(
    instance: Instance, scored: Sequence[GroupScore], members: Sequence[Sequence[int]]
) -> list[Notice]:
    """A warning for each group whose members include pairs that met before."""
    return [
        Notice(
            NoticeCode.REPEAT_PAIRS,
            {"group": score.name, "count": score.repeat_pairs},
            tuple(instance.people[i].id for i in group),
            score.name,
        )
        for score, group in zip(scored, members, strict=True)
        if score.repeat_pairs
    ]


def summarise(
    groups: Sequence[GroupScore], violations: Sequence[Notice], warnings: Sequence[Notice]
) -> GroupingScores:
    total = sum(g.score for g in groups) / len(groups) if groups else 0.0
    worst = min(groups, key=lambda g: g.score) if groups else None
    return GroupingScores(tuple(groups), total, worst, tuple(violations), tuple(warnings))


def history_warning(instance: Instance) -> list[Notice]:
    if not instance.history_unknown:
        return []
    return [Notice(NoticeCode.HISTORY_UNKNOWN, {"count": instance.history_unknown})]


def score_grouping(
    people: Sequence[Person], groups: Sequence[Group], options: GroupingOptions
) -> GroupingScores:
    """Scores, broken hard constraints and warnings of a grouping, e.g. after a hand edit."""
    instance = encode(people, options)
    members = _members(instance, groups)
    scored, warnings = scores_of(instance, [g.name for g in groups], members)
    violations = violations_of(instance, groups)
    return summarise(scored, violations, history_warning(instance) + warnings)


def check_grouping(
    people: Sequence[Person], groups: Sequence[Group], options: GroupingOptions
) -> list[Notice]:
    """Every hard constraint the grouping breaks; empty when it keeps them all."""
    return violations_of(encode(people, options), groups)


def violations_of(instance: Instance, groups: Sequence[Group]) -> list[Notice]:
    names = [g.name for g in groups]
    first = first_groups(instance, groups)
    found: list[Notice] = []
    for k, group in enumerate(groups):
        found += group_violations(instance, names, k, group.members, first)
    return found + spanning_violations(instance, names, first, instance.units)


def first_groups(instance: Instance, groups: Sequence[Group]) -> dict[int, int]:
    """The first group (by position) that lists each person; people in none are absent."""
    first: dict[int, int] = {}
    for k, group in enumerate(groups):
        for person_id in group.members:
            i = instance.index.get(person_id)
            if i is not None:
                first.setdefault(i, k)
    return first


def group_violations(
    instance: Instance,
    names: Sequence[str],
    k: int,
    members: Sequence[str],
    first: Mapping[int, int],
) -> list[Notice]:
    """Constraints group ``k`` breaks: unknown or repeated members, then its own rules.

    A person listed before (in an earlier group, or earlier in this one) is reported here as
    listed twice; ``first`` gives each person's first group.
    """
    found: list[Notice] = []
    name = names[k]
    known: list[int] = []
    seen: set[int] = set()
    for person_id in members:
        i = instance.index.get(person_id)
        if i is None:
            params = {"group": name, "person": person_id}
            found.append(Notice(NoticeCode.NOT_A_PERSON, params, (person_id,), name))
            continue
        if first[i] < k or i in seen:
            params = {"person": instance.label(i), "group_a": names[first[i]], "group_b": name}
            found.append(Notice(NoticeCode.TWICE, params, (person_id,), name))
        seen.add(i)
        known.append(i)
    return found + _group_violations(instance, name, known)


def spanning_violations(
    instance: Instance,
    names: Sequence[str],
    first: Mapping[int, int],
    units: Sequence[tuple[int, ...]],
) -> list[Notice]:
    """Constraints across groups: people in no group, must-together ``units`` split."""
    found: list[Notice] = []
    for i in sorted(set(range(instance.size)) - first.keys()):
        person = instance.people[i]
        found.append(Notice(NoticeCode.MISSING, {"person": instance.label(i)}, (person.id,)))
    for unit in units:
        a = unit[0]
        for b in unit[1:]:
            if a in first and b in first and first[a] != first[b]:
                params = {
                    "a": instance.label(a),
                    "b": instance.label(b),
                    "group_a": names[first[a]],
                    "group_b": names[first[b]],
                }
                ids = (instance.people[a].id, instance.people[b].id)
                found.append(Notice(NoticeCode.TOGETHER_SPLIT, params, ids))
    return found


def _group_violations(instance: Instance, name: str, members: Sequence[int]) -> list[Notice]:
    found: list[Notice] = []
    ids = tuple(instance.people[i].id for i in members)
    limits = {"group": name, "size": len(members)}
    if len(members) < instance.min_size:
        params = limits | {"min_size": instance.min_size}
        found.append(Notice(NoticeCode.TOO_SMALL, params, ids, name))
    if len(members) > instance.max_size:
        params = limits | {"max_size": instance.max_size}
        found.append(Notice(NoticeCode.TOO_LARGE, params, ids, name))
    languages = sorted({instance.people[i].language for i in members})
    if instance.bucket_language != (None,) and len(languages) > 1:
        params = {"group": name, "languages": ", ".join(languages)}
        found.append(Notice(NoticeCode.MIXED_LANGUAGE, params, ids, name))
    inside = set(members)
    for i in members:
        for manager in instance.line[i]:
            if manager in inside:
                params = {
                    "group": name,
                    "person": instance.label(i),
                    "manager": instance.label(manager),
                }
                pair = (instance.people[i].id, instance.people[manager].id)
                found.append(Notice(NoticeCode.WITH_MANAGER, params, pair, name))
        for other in sorted(instance.apart[i] & inside):
            if i < other:
                params = {"group": name, "a": instance.label(i), "b": instance.label(other)}
                pair = (instance.people[i].id, instance.people[other].id)
                found.append(Notice(NoticeCode.APART_TOGETHER, params, pair, name))
    return found
