"""Simulated annealing in pure Python: the search for small and medium groupings.

Each group keeps running tallies per goal (value counts, sums of levels, pairs that met),
so a swap of two people is scored in O(goals) without touching the other members. Moves
of whole must-together units and size-changing moves are applied and undone if rejected.
Every move keeps the hard constraints, so the state is feasible at every step.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence

from ._construct import Start
from ._instance import Instance, Kind

__all__ = ["Annealer"]

#: How often (in moves) the time limit, progress and best state are looked at.
CHECK_EVERY = 2_000
#: Start and end temperature as multiples of the typical score change of one swap.
HOT, COLD = 0.6, 0.01
#: Share of two-singleton draws tried as a move of one of them (which changes group sizes).
SIZE_MOVE_SHARE = 0.1


class Annealer:
    """Mutable grouping state with incremental scoring, and the annealing loop over it."""

    def __init__(self, instance: Instance, start: Start) -> None:
        self.instance = instance
        self.members = [list(g) for g in start.groups]
        self.bucket_of_group = list(start.bucket_of_group)
        self.group_of = [-1] * instance.size
        self.unit_of: list[tuple[int, ...]] = [()] * instance.size
        for unit in instance.units:
            for x in unit:
                self.unit_of[x] = unit
        self.blocked = _blocked_sets(instance)
        total = instance.weight_total or 1.0
        self.scale = [c.weight / c.norm / total * 100 for c in instance.criteria]
        self.kinds = [c.kind for c in instance.criteria]
        self.values = [c.values.tolist() for c in instance.criteria]
        self.met = [set(m) for m in instance.met]
        groups = len(self.members)
        self.counts: list[list[dict[int, int]]] = [
            [{} for _ in range(groups)] for _ in instance.criteria
        ]
        self.bad = [[0] * groups for _ in instance.criteria]  # same pairs, gap sum or met
        self.sums = [[0] * groups for _ in instance.criteria]  # GAP: sum of values
        self.squares = [[0] * groups for _ in instance.criteria]  # GAP: sum of squares
        for g, group in enumerate(self.members):
            self.members[g] = []
            for x in group:
                self._add(x, g)
        self.movable = [
            [
                x
                for g, group in enumerate(self.members)
                if self.bucket_of_group[g] == b
                for x in group
            ]
            for b in range(len(instance.buckets))
        ]

    # -- tallies ------------------------------------------------------------------------------

    def _add(self, x: int, g: int) -> None:
        for k, kind in enumerate(self.kinds):
            if kind is Kind.MET:
                self.bad[k][g] += sum(1 for q in self.met[x] if self.group_of[q] == g)
            elif kind is Kind.GAP:
                v = self.values[k][x]
                self.sums[k][g] += v
                self.squares[k][g] += v * v
            else:
                v = self.values[k][x]
                counts = self.counts[k][g]
                seen = counts.get(v, 0)
                self.bad[k][g] += seen
                counts[v] = seen + 1
        self.group_of[x] = g
        self.members[g].append(x)

    def _remove(self, x: int) -> int:
        g = self.group_of[x]
        self.members[g].remove(x)
        self.group_of[x] = -1
        for k, kind in enumerate(self.kinds):
            if kind is Kind.MET:
                self.bad[k][g] -= sum(1 for q in self.met[x] if self.group_of[q] == g)
            elif kind is Kind.GAP:
                v = self.values[k][x]
                self.sums[k][g] -= v
                self.squares[k][g] -= v * v
            else:
                v = self.values[k][x]
                counts = self.counts[k][g]
                counts[v] -= 1
                self.bad[k][g] -= counts[v]
        return g

    def score(self, g: int) -> float:
        """The group's score 0–100, from its tallies."""
        n = len(self.members[g])
        pairs = n * (n - 1) // 2
        if pairs == 0:
            return 100.0
        cost = 0.0
        for k, kind in enumerate(self.kinds):
            if kind is Kind.GAP:
                bad = n * self.squares[k][g] - self.sums[k][g] ** 2
            elif kind is Kind.DIFFERENT:
                bad = pairs - self.bad[k][g]
            else:
                bad = self.bad[k][g]
            cost += self.scale[k] * bad
        return 100.0 - cost / pairs

    def total(self) -> float:
        return sum(self.score(g) for g in range(len(self.members)))

    def groups(self) -> list[list[int]]:
        return [list(g) for g in self.members]

    # -- moves --------------------------------------------------------------------------------

    def _fits(self, unit: Sequence[int], g: int, leaving: Sequence[int] = ()) -> bool:
        members = self.members[g]
        for x in unit:
            blocked = self.blocked[x]
            if blocked and any(m not in leaving for m in blocked.intersection(members)):
                return False
        return True

    def swap_delta(self, i: int, j: int) -> float:
        """Change of the summed score if singletons ``i`` and ``j`` trade groups."""
        g, h = self.group_of[i], self.group_of[j]
        ng, nh = len(self.members[g]), len(self.members[h])
        cost_g = cost_h = 0.0
        for k, kind in enumerate(self.kinds):
            if kind is Kind.MET:
                met_i, met_j = self.met[i], self.met[j]
                if not met_i and not met_j:
                    continue
                group_of = self.group_of
                i_in_g = sum(1 for q in met_i if group_of[q] == g)
                i_in_h = sum(1 for q in met_i if group_of[q] == h)
                j_in_g = sum(1 for q in met_j if group_of[q] == g)
                j_in_h = sum(1 for q in met_j if group_of[q] == h)
                knows = 1 if j in met_i else 0
                change_g = j_in_g - knows - i_in_g
                change_h = i_in_h - knows - j_in_h
            elif kind is Kind.GAP:
                vi, vj = self.values[k][i], self.values[k][j]
                if vi == vj:
                    continue
                d, dsq = vj - vi, vj * vj - vi * vi
                sg, sh = self.sums[k][g], self.sums[k][h]
                change_g = ng * dsq - (2 * sg * d + d * d)
                change_h = -nh * dsq - (-2 * sh * d + d * d)
            else:
                vi, vj = self.values[k][i], self.values[k][j]
                if vi == vj:
                    continue
                cg, ch = self.counts[k][g], self.counts[k][h]
                change_g = cg.get(vj, 0) - cg[vi] + 1
                change_h = ch.get(vi, 0) - ch[vj] + 1
                if kind is Kind.DIFFERENT:
                    change_g, change_h = -change_g, -change_h
            cost_g += self.scale[k] * change_g
            cost_h += self.scale[k] * change_h
        return -(cost_g * 2 / (ng * (ng - 1)) + cost_h * 2 / (nh * (nh - 1)))

    def swap(self, i: int, j: int) -> None:
        g, h = self._remove(i), self._remove(j)
        self._add(i, h)
        self._add(j, g)

    def _relocate(self, moving: Sequence[tuple[Sequence[int], int]]) -> list[tuple[int, int]]:
        """Move units to groups; returns (person, old group) to undo it."""
        undo = [(x, self._remove(x)) for unit, _ in moving for x in unit]
        for unit, target in moving:
            for x in unit:
                self._add(x, target)
        return undo

    def _restore(self, undo: Sequence[tuple[int, int]]) -> None:
        for x, _ in undo:
            self._remove(x)
        for x, g in undo:
            self._add(x, g)

    def unit_move(self, u: Sequence[int], v: Sequence[int], threshold: float) -> float | None:
        """Move unit ``u`` to ``v``'s group, or swap the two units; keep it if the score
        changes by at least ``threshold``. Returns the change kept, or None.
        """
        g, h = self.group_of[u[0]], self.group_of[v[0]]
        size_g, size_h = len(self.members[g]), len(self.members[h])
        low, high = self.instance.min_size, self.instance.max_size
        if low <= size_g - len(u) and size_h + len(u) <= high and self._fits(u, h):
            moving: list[tuple[Sequence[int], int]] = [(u, h)]
        elif low <= size_g - len(u) + len(v) <= high and low <= size_h - len(v) + len(u) <= high:
            if not (self._fits(u, h, v) and self._fits(v, g, u)):
                return None
            moving = [(u, h), (v, g)]
        else:
            return None
        before = self.score(g) + self.score(h)
        undo = self._relocate(moving)
        delta = self.score(g) + self.score(h) - before
        if delta >= threshold:
            return delta
        self._restore(undo)
        return None

    # -- search -------------------------------------------------------------------------------

    def temperatures(self, rng: random.Random) -> tuple[float, float]:
        """Start and end temperature, scaled to the typical score change of a swap here."""
        changes = [abs(d) for d in _sample_swaps(self, rng) if abs(d) > 1e-12]
        typical = sum(changes) / len(changes) if changes else 1.0
        return HOT * typical, COLD * typical

    def anneal(
        self,
        moves: int,
        rng: random.Random,
        *,
        hot: float,
        cold: float,
        on_check: Callable[[int, float], bool],
    ) -> tuple[list[list[int]], float, int]:
        """Anneal from ``hot`` to ``cold`` over ``moves`` moves; returns the best grouping seen,
        its summed score and the moves made. ``on_check(done, best)`` returning False stops.
        """
        current = self.total()
        best, best_groups = current, self.groups()
        buckets = [b for b in self.movable if len({self.group_of[x] for x in b}) > 1]
        pool = [(x, bucket) for bucket in buckets for x in bucket]
        if not pool or moves <= 0:
            return best_groups, best, 0
        cooling = (cold / hot) ** (1 / max(1, moves))
        temperature = hot
        random_ = rng.random
        done = 0
        while done < moves:
            for _ in range(min(CHECK_EVERY, moves - done)):
                i, bucket = pool[int(random_() * len(pool))]
                j = bucket[int(random_() * len(bucket))]
                temperature *= cooling
                if self.group_of[i] == self.group_of[j]:
                    continue
                ui, uj = self.unit_of[i], self.unit_of[j]
                if len(ui) == 1 and len(uj) == 1 and random_() >= SIZE_MOVE_SHARE:
                    g, h = self.group_of[i], self.group_of[j]
                    if not (self._fits(ui, h, uj) and self._fits(uj, g, ui)):
                        continue
                    delta = self.swap_delta(i, j)
                    if delta >= 0 or random_() < math.exp(delta / temperature):
                        self.swap(i, j)
                        current += delta
                    continue
                threshold = temperature * math.log(max(random_(), 1e-300))
                applied = self.unit_move(ui, uj, threshold)
                if applied is not None:
                    current += applied
            done += min(CHECK_EVERY, moves - done)
            if current > best + 1e-9:
                best, best_groups = current, self.groups()
            if not on_check(done, best):
                break
        current = self.total()
        if current > best + 1e-9:
            best, best_groups = current, self.groups()
        return best_groups, best, done


def _blocked_sets(instance: Instance) -> list[frozenset[int]]:
    """Per person, everyone they may not share a group with."""
    below: list[set[int]] = [set() for _ in range(instance.size)]
    for x, line in enumerate(instance.line):
        for manager in line:
            below[manager].add(x)
    return [
        frozenset(instance.apart[x] | set(instance.line[x]) | below[x])
        for x in range(instance.size)
    ]


def _sample_swaps(annealer: Annealer, rng: random.Random, count: int = 300) -> list[float]:
    """Score changes of random swaps of two singletons of one bucket (feasible or not)."""
    singles = [[x for x in b if len(annealer.unit_of[x]) == 1] for b in annealer.movable]
    singles = [b for b in singles if len(b) > 1]
    changes: list[float] = []
    for _ in range(count if singles else 0):
        bucket = rng.choice(singles)
        i, j = rng.choice(bucket), rng.choice(bucket)
        if annealer.group_of[i] != annealer.group_of[j]:
            changes.append(annealer.swap_delta(i, j))
    return changes
