"""Feasibility check and a first grouping that keeps every hard constraint.

The check runs before any search and lists every reason it finds. The construction then
works per language bucket: must-together components are placed as units, largest and most
constrained first, each into the smallest group that has room and no conflict; ties rotate,
so people sorted by the goals to spread are dealt out across groups like cards.
"""

from __future__ import annotations

import heapq
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

from ._instance import Instance, Kind
from ._notices import InfeasibleGroupingError, Notice, NoticeCode

__all__ = ["Start", "check_feasible", "construct", "group_count"]

#: Reasons of one kind listed in full before the rest are summed up.
MAX_LISTED = 5
#: Further placement orders tried when the first greedy placement gets stuck.
RETRIES = 20


@dataclass(slots=True)
class Start:
    """A first grouping: member lists and the bucket of each group."""

    groups: list[list[int]]
    bucket_of_group: list[int]


def group_count(people: int, min_size: int, max_size: int) -> int:
    """Groups for ``people``: sizes as close to the middle of [min, max] as the limits allow.

    Returns 0 when no split fits.
    """
    low, high = math.ceil(people / max_size), people // min_size
    if low > high:
        return 0
    return min(high, max(low, round(people / ((min_size + max_size) / 2))))


def _pool(instance: Instance, bucket: int) -> dict[str, object]:
    language = instance.bucket_language[bucket]
    return {"pool": "all"} if language is None else {"pool": "language", "language": language}


def _names(instance: Instance, unit: Sequence[int]) -> str:
    shown = ", ".join(instance.people[i].id for i in unit[:MAX_LISTED])
    return shown + (", …" if len(unit) > MAX_LISTED else "")


def _unit_reasons(instance: Instance) -> list[Notice]:
    reasons: list[Notice] = []
    for unit in instance.units:
        if len(unit) == 1:
            continue
        ids = tuple(instance.people[i].id for i in unit)
        if len(unit) > instance.max_size:
            params = {"count": len(unit), "people": _names(instance, unit)}
            reasons.append(
                Notice(NoticeCode.TOGETHER_TOO_BIG, {**params, "max_size": instance.max_size}, ids)
            )
        members = set(unit)
        for a in unit:
            for b in sorted(instance.apart[a] & members):
                if a < b:
                    labels = {"a": instance.label(a), "b": instance.label(b)}
                    reasons.append(Notice(NoticeCode.TOGETHER_AND_APART, labels, ids))
            for m in instance.line[a]:
                if m in members:
                    labels = {"a": instance.label(a), "b": instance.label(m)}
                    reasons.append(Notice(NoticeCode.TOGETHER_MANAGER, labels, ids))
        languages = sorted({instance.people[i].language for i in unit})
        if instance.bucket_language != (None,) and len(languages) > 1:
            params = {"people": _names(instance, unit), "languages": ", ".join(languages)}
            reasons.append(Notice(NoticeCode.TOGETHER_LANGUAGES, params, ids))
    return reasons


def _blocked(instance: Instance, bucket: Sequence[int]) -> dict[int, int]:
    """How many people of the bucket each person may not share a group with."""
    inside = set(bucket)
    below = dict.fromkeys(bucket, 0)
    for x in bucket:
        for manager in instance.line[x]:
            if manager in inside:
                below[manager] += 1
    blocked: dict[int, int] = {}
    for x in bucket:
        above = {m for m in instance.line[x] if m in inside}
        apart_only = {
            b
            for b in instance.apart[x]
            if b in inside and b not in above and x not in instance.line[b]
        }
        blocked[x] = len(above) + below[x] + len(apart_only)
    return blocked


def _listed(reasons: list[Notice]) -> list[Notice]:
    if len(reasons) <= MAX_LISTED:
        return reasons
    more = Notice(NoticeCode.MORE, {"count": len(reasons) - MAX_LISTED})
    return [*reasons[:MAX_LISTED], more]


def check_feasible(instance: Instance) -> None:
    """Raise InfeasibleGroupingError with every reason found why no grouping can exist."""
    reasons = _unit_reasons(instance)
    limits = {"min_size": instance.min_size, "max_size": instance.max_size}
    if not instance.size:
        reasons.append(Notice(NoticeCode.TOO_FEW_PEOPLE, {"count": 0, "pool": "all", **limits}))
    isolated: list[Notice] = []
    for b, bucket in enumerate(instance.buckets):
        pool = _pool(instance, b)
        if len(bucket) < instance.min_size:
            params = {"count": len(bucket), **pool, **limits}
            reasons.append(Notice(NoticeCode.TOO_FEW_PEOPLE, params))
            continue
        if not group_count(len(bucket), instance.min_size, instance.max_size):
            params = {"count": len(bucket), **pool, **limits}
            reasons.append(Notice(NoticeCode.UNSPLITTABLE, params))
            continue
        others = len(bucket) - 1
        for x, blocked in _blocked(instance, bucket).items():
            if others - blocked < instance.min_size - 1:
                params = {"person": instance.label(x), "blocked": blocked, "others": others}
                isolated.append(
                    Notice(
                        NoticeCode.ISOLATED, {**params, **pool, **limits}, (instance.people[x].id,)
                    )
                )
    reasons += _listed(isolated)
    if reasons:
        raise InfeasibleGroupingError(reasons)


def _spread_key(instance: Instance) -> list[tuple[int, ...]]:
    """Per person, the values of the goals that spread, heaviest goal first."""
    spread = sorted((c for c in instance.criteria if c.kind is Kind.SAME), key=lambda c: -c.weight)
    return [tuple(int(c.values[i]) for c in spread) for i in range(instance.size)]


def construct(instance: Instance, rng: random.Random) -> Start:
    """A grouping that keeps every hard constraint, or InfeasibleGroupingError saying why."""
    check_feasible(instance)
    key = _spread_key(instance)
    unit_of_bucket: list[list[tuple[int, ...]]] = [[] for _ in instance.buckets]
    bucket_of_person = {i: b for b, bucket in enumerate(instance.buckets) for i in bucket}
    for unit in instance.units:
        unit_of_bucket[bucket_of_person[unit[0]]].append(unit)
    groups: list[list[int]] = []
    bucket_of_group: list[int] = []
    reasons: list[Notice] = []
    for b, bucket in enumerate(instance.buckets):
        count = group_count(len(bucket), instance.min_size, instance.max_size)
        blocked = _blocked(instance, bucket)
        units = unit_of_bucket[b]
        jitter = {unit: rng.random() for unit in units}
        units.sort(key=lambda u: (-len(u), -sum(blocked[x] for x in u), key[u[0]], jitter[u]))
        placed = _place(instance, units, count, b)
        for _ in range(RETRIES if isinstance(placed, Notice) else 0):
            # Greedy placement can paint itself into a corner: retry in other orders.
            shuffled = rng.sample(units, len(units))
            shuffled.sort(key=lambda u: -len(u))
            placed = _place(instance, shuffled, count, b)
            if not isinstance(placed, Notice):
                break
        if isinstance(placed, Notice):
            reasons.append(placed)
            continue
        groups += placed
        bucket_of_group += [b] * len(placed)
    if reasons:
        raise InfeasibleGroupingError(reasons)
    return Start(groups, bucket_of_group)


def _fits(instance: Instance, unit: Sequence[int], group: Sequence[int]) -> bool:
    return not any(instance.conflict(a, m) for a in unit for m in group)


def _place(
    instance: Instance, units: Sequence[tuple[int, ...]], count: int, bucket: int
) -> list[list[int]] | Notice:
    """Units into ``count`` groups of the bucket, or the notice saying why they do not fit."""
    groups: list[list[int]] = [[] for _ in range(count)]
    queue = [(0, g, g) for g in range(count)]  # (size, turn, group): smallest, then oldest
    for turn, unit in enumerate(units, start=count):
        skipped: list[tuple[int, int, int]] = []
        chosen, room = -1, False
        while queue:
            entry = heapq.heappop(queue)
            size, _, g = entry
            if size + len(unit) <= instance.max_size:
                room = True
                if _fits(instance, unit, groups[g]):
                    chosen = g
                    break
            skipped.append(entry)
        for entry in skipped:
            heapq.heappush(queue, entry)
        if chosen < 0 and room:
            person = instance.label(unit[0])
            return Notice(NoticeCode.NO_PLACE, {"person": person}, (instance.people[unit[0]].id,))
        if chosen < 0:
            break
        groups[chosen].extend(unit)
        heapq.heappush(queue, (len(groups[chosen]), turn, chosen))
    else:
        if _repair(instance, groups, units):
            return groups
    params: dict[str, object] = {
        "sizes": ", ".join(str(len(u)) for u in units if len(u) > 1),
        "count": sum(len(u) for u in units),
        "groups": count,
        "min_size": instance.min_size,
        "max_size": instance.max_size,
    }
    return Notice(NoticeCode.NO_PACKING, params | _pool(instance, bucket))


def _repair(instance: Instance, groups: list[list[int]], units: Sequence[tuple[int, ...]]) -> bool:
    """Move units from full groups into groups below the minimum; False if that fails."""
    unit_of = {unit[0]: unit for unit in units}
    for small in groups:
        while len(small) < instance.min_size:
            need = instance.max_size - len(small)
            move = next(
                (
                    (donor, unit_of[x])
                    for donor in groups
                    if donor is not small
                    for x in donor
                    if x in unit_of
                    and len(unit_of[x]) <= need
                    and len(donor) - len(unit_of[x]) >= instance.min_size
                    and _fits(instance, unit_of[x], small)
                ),
                None,
            )
            if move is None:
                return False
            donor, unit = move
            for x in unit:
                donor.remove(x)
            small.extend(unit)
    return True
