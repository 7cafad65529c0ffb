"""Vectorised swap batches: the search for large groupings (thousands to 100,000 people).

Each step draws a batch of candidate swaps of two singletons of one language bucket, scores
them all at once against a member matrix (groups × max size) with numpy, drops those that
would break a hard constraint, accepts by the annealing rule, and applies a subset in which
no group appears twice, so every applied change is exact. Must-together units stay where
the construction put them, and group sizes do not change.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

from ._construct import Start
from ._instance import Instance, Kind, group_bad

__all__ = ["BatchedSearch"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

#: Start and end temperature as multiples of the typical score change of one swap.
HOT, COLD = 0.5, 0.01
#: Planned candidate swaps per person, times ``effort``.
MOVES_PER_PERSON = 300
MIN_MOVES = 200_000
#: How many times the time limit, progress and best state are looked at over a run.
CHECKS = 100


def _padded(rows: Sequence[Sequence[int]], fill: int, extra_rows: int) -> IntArray:
    width = max(1, max((len(r) for r in rows), default=0))
    table = np.full((len(rows) + extra_rows, width), fill, dtype=np.int64)
    for i, row in enumerate(rows):
        table[i, : len(row)] = row
    return table


class BatchedSearch:
    def __init__(self, instance: Instance, start: Start, *, seed: int) -> None:
        n = instance.size
        self.empty, self.none = n, n + 1  # sentinels: empty member slot, padding of lists
        self.rng = np.random.default_rng(seed)
        self.instance = instance
        groups = len(start.groups)
        self.members = np.full((groups, instance.max_size), self.empty, dtype=np.int64)
        self.group_of = np.full(n + 2, -1, dtype=np.int64)
        self.group_of[self.none] = -2
        self.slot_of = np.zeros(n + 2, dtype=np.int64)
        for g, group in enumerate(start.groups):
            self.members[g, : len(group)] = group
            self.group_of[group] = g
            self.slot_of[group] = np.arange(len(group))
        self.sizes = np.array([len(g) for g in start.groups], dtype=np.int64)
        pairs = self.sizes * (self.sizes - 1) / 2
        self.inverse_pairs = np.where(pairs > 0, 1.0 / np.maximum(pairs, 1), 0.0)
        total = instance.weight_total or 1.0
        self.scale = np.array([c.weight / c.norm / total * 100 for c in instance.criteria])
        # Sentinel rows: values no person has (categories) or zero (levels).
        self.codes = [
            np.concatenate([c.values, [0, 0] if c.kind is Kind.GAP else [-1, -2]]).astype(np.int64)
            for c in instance.criteria
        ]
        self.met = _padded(instance.met, self.none, 2)
        self.apart = _padded([sorted(a) for a in instance.apart], self.none, 2)
        self.line = _padded(instance.line, self.none, 2)
        self.has_apart = any(instance.apart)
        self.has_line = any(instance.line)
        self.sums = np.zeros((len(instance.criteria), groups), dtype=np.int64)
        for k, c in enumerate(instance.criteria):
            if c.kind is Kind.GAP:
                self.sums[k] = self.codes[k][self.members].sum(axis=1)
        self.bad = group_bad(instance, start.groups).T.copy()  # criteria × groups
        singles = {unit[0] for unit in instance.units if len(unit) == 1}
        pools: list[IntArray] = []
        for b, bucket in enumerate(instance.buckets):
            in_bucket = [g for g in range(groups) if start.bucket_of_group[g] == b]
            people = [x for x in bucket if x in singles]
            if len(in_bucket) > 1 and len(people) > 1:
                pools.append(np.array(people, dtype=np.int64))
        self.pool = np.concatenate(pools) if pools else np.zeros(0, dtype=np.int64)
        self.pool_start = np.zeros(n + 2, dtype=np.int64)
        self.pool_size = np.zeros(n + 2, dtype=np.int64)
        offset = 0
        for members in pools:
            self.pool_start[members] = offset
            self.pool_size[members] = len(members)
            offset += len(members)

    # -- scoring ------------------------------------------------------------------------------

    def total(self) -> float:
        """Summed group score."""
        cost = self.scale @ self.bad
        return float(np.sum(100.0 - cost * self.inverse_pairs))

    def groups(self) -> list[list[int]]:
        return [[int(x) for x in row if x != self.empty] for row in self.members]

    def _draw(self, batch: int) -> tuple[IntArray, IntArray]:
        i = self.pool[self.rng.integers(0, len(self.pool), batch)]
        offset = (self.rng.random(batch) * self.pool_size[i]).astype(np.int64)
        j = self.pool[self.pool_start[i] + offset]
        return i, j

    def _changes(
        self, i: IntArray, j: IntArray, g: IntArray, h: IntArray
    ) -> tuple[FloatArray, FloatArray]:
        """Change of each criterion's bad amount in ``g`` and ``h`` (criteria × batch)."""
        members_g, members_h = self.members[g], self.members[h]
        count = len(self.instance.criteria)
        change_g = np.zeros((count, len(i)))
        change_h = np.zeros((count, len(i)))
        for k, c in enumerate(self.instance.criteria):
            values = self.codes[k]
            if c.kind is Kind.MET:
                near_i, near_j = self.met[i], self.met[j]
                group_i, group_j = self.group_of[near_i], self.group_of[near_j]
                knows = (near_i == j[:, None]).any(axis=1)
                i_in_g = (group_i == g[:, None]).sum(axis=1)
                i_in_h = (group_i == h[:, None]).sum(axis=1)
                j_in_g = (group_j == g[:, None]).sum(axis=1)
                j_in_h = (group_j == h[:, None]).sum(axis=1)
                change_g[k] = j_in_g - knows - i_in_g
                change_h[k] = i_in_h - knows - j_in_h
            elif c.kind is Kind.GAP:
                vi, vj = values[i], values[j]
                d, dsq = vj - vi, vj * vj - vi * vi
                sg, sh = self.sums[k, g], self.sums[k, h]
                change_g[k] = self.sizes[g] * dsq - (2 * sg * d + d * d)
                change_h[k] = -self.sizes[h] * dsq - (-2 * sh * d + d * d)
            else:
                vi, vj = values[i][:, None], values[j][:, None]
                in_g, in_h = values[members_g], values[members_h]
                same = vi[:, 0] == vj[:, 0]
                sign = 1 if c.kind is Kind.SAME else -1
                change_g[k] = sign * (
                    (in_g == vj).sum(axis=1) - same - (in_g == vi).sum(axis=1) + 1
                )
                change_h[k] = sign * (
                    (in_h == vi).sum(axis=1) - same - (in_h == vj).sum(axis=1) + 1
                )
        return change_g, change_h

    def _allowed(self, i: IntArray, j: IntArray, g: IntArray, h: IntArray) -> BoolArray:
        """Swaps that keep must-apart pairs and the manager rule."""
        blocked = np.zeros(len(i), dtype=bool)
        if self.has_apart:
            ai, aj = self.apart[i], self.apart[j]
            blocked |= ((self.group_of[ai] == h[:, None]) & (ai != j[:, None])).any(axis=1)
            blocked |= ((self.group_of[aj] == g[:, None]) & (aj != i[:, None])).any(axis=1)
        if self.has_line:
            li, lj = self.line[i], self.line[j]
            blocked |= ((self.group_of[li] == h[:, None]) & (li != j[:, None])).any(axis=1)
            blocked |= ((self.group_of[lj] == g[:, None]) & (lj != i[:, None])).any(axis=1)
            members_g, members_h = self.members[g], self.members[h]
            under_i = (self.line[members_h] == i[:, None, None]).any(axis=2)
            under_j = (self.line[members_g] == j[:, None, None]).any(axis=2)
            blocked |= (under_i & (members_h != j[:, None])).any(axis=1)
            blocked |= (under_j & (members_g != i[:, None])).any(axis=1)
        return ~blocked

    def _deltas(
        self, i: IntArray, j: IntArray
    ) -> tuple[IntArray, IntArray, IntArray, IntArray, FloatArray, FloatArray, FloatArray]:
        g, h = self.group_of[i], self.group_of[j]
        keep = g != h
        i, j, g, h = i[keep], j[keep], g[keep], h[keep]
        keep = self._allowed(i, j, g, h)
        i, j, g, h = i[keep], j[keep], g[keep], h[keep]
        change_g, change_h = self._changes(i, j, g, h)
        delta = -(
            self.scale @ change_g * self.inverse_pairs[g]
            + self.scale @ change_h * self.inverse_pairs[h]
        )
        return i, j, g, h, change_g, change_h, delta

    def _apply(
        self,
        i: IntArray,
        j: IntArray,
        g: IntArray,
        h: IntArray,
        change_g: FloatArray,
        change_h: FloatArray,
    ) -> None:
        slot_i, slot_j = self.slot_of[i], self.slot_of[j]
        self.members[g, slot_i] = j
        self.members[h, slot_j] = i
        self.slot_of[i], self.slot_of[j] = slot_j, slot_i
        self.group_of[i], self.group_of[j] = h, g
        self.bad[:, g] += change_g
        self.bad[:, h] += change_h
        for k, c in enumerate(self.instance.criteria):
            if c.kind is Kind.GAP:
                d = self.codes[k][j] - self.codes[k][i]
                self.sums[k, g] += d
                self.sums[k, h] -= d

    def _disjoint(self, g: IntArray, h: IntArray) -> BoolArray:
        """Candidates (in order) whose two groups no earlier candidate touches."""
        order = np.arange(len(g))
        owner = np.full(len(self.sizes), len(g), dtype=np.int64)
        np.minimum.at(owner, g, order)
        np.minimum.at(owner, h, order)
        first: BoolArray = (owner[g] == order) & (owner[h] == order)
        return first

    # -- search -------------------------------------------------------------------------------

    def run(
        self, effort: float, on_check: Callable[[float, float], bool]
    ) -> tuple[list[list[int]], int]:
        """Anneal with swap batches; returns the best grouping seen and the moves tried."""
        n = self.instance.size
        moves = int(effort * max(MIN_MOVES, MOVES_PER_PERSON * n))
        best, best_groups = self.total(), self.groups()
        if len(self.pool) < 2 or moves <= 0:
            return best_groups, 0
        batch = int(min(8_192, max(64, len(self.sizes) // 2)))
        steps = max(1, moves // batch)
        sample = self._deltas(*self._draw(4 * batch))[-1]
        sample = np.abs(sample[np.abs(sample) > 1e-12])
        typical = float(sample.mean()) if sample.size else 1.0
        hot, cold = HOT * typical, COLD * typical
        cooling = (cold / hot) ** (1 / steps)
        temperature = hot
        check_every = max(1, steps // CHECKS)
        done = 0
        for step in range(1, steps + 1):
            i, j, g, h, change_g, change_h, delta = self._deltas(*self._draw(batch))
            accept = (delta >= 0) | (
                self.rng.random(len(delta)) < np.exp(np.minimum(delta, 0) / temperature)
            )
            chosen = np.flatnonzero(accept)
            keep = chosen[self._disjoint(g[chosen], h[chosen])]
            self._apply(i[keep], j[keep], g[keep], h[keep], change_g[:, keep], change_h[:, keep])
            temperature *= cooling
            done += batch
            if step % check_every == 0 or step == steps:
                current = self.total()
                if current > best + 1e-9:
                    best, best_groups = current, self.groups()
                if not on_check(done / (steps * batch), best):
                    break
        return best_groups, done
