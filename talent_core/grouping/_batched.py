"""Vectorised swap batches: the search for large groupings (thousands to 100,000 people).

Each step draws a batch of candidate swaps of two singletons of one language bucket (half of
them starting from a member of a weak group), scores them all at once against a member
matrix (groups × max size) with numpy, drops those that would break a hard constraint,
accepts by the annealing rule, and applies the best accepted ones in which no group appears
twice, so every applied change is exact. Must-together units stay where the construction put
them, and group sizes do not change.
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
HOT, COLD = 0.3, 0.005
#: Planned candidate swaps, times ``effort``: this many per person up to ``LINEAR_UP_TO``
#: people, then ``MOVES_BEYOND`` per further person (large instances converge faster per
#: person, and this keeps 100,000 people within a minute).
MOVES_PER_PERSON, LINEAR_UP_TO, MOVES_BEYOND = 450, 2_000, 120
MIN_MOVES = 200_000
#: Candidate swaps per batch: twice the group count, within these bounds.
BATCH_MIN, BATCH_MAX = 512, 8_192
#: How many times the time limit, progress, best state and weak groups are looked at.
CHECKS = 100
#: Share of each batch whose first person comes from a weak group (lowest quartile by score).
FOCUS = 0.5


def _padded(rows: Sequence[Sequence[int]], fill: int, extra_rows: int) -> IntArray:
    width = max(1, max((len(r) for r in rows), default=0))
    table = np.full((len(rows) + extra_rows, width), fill, dtype=np.int64)
    for i, row in enumerate(rows):
        table[i, : len(row)] = row
    return table


def planned_moves(people: int) -> int:
    linear = MOVES_PER_PERSON * min(people, LINEAR_UP_TO)
    return linear + MOVES_BEYOND * max(0, people - LINEAR_UP_TO)


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
        criteria = instance.criteria
        self.scale = np.array([c.weight / c.norm / total * 100 for c in criteria])
        # Category goals side by side; sentinel rows hold values no person has.
        self.categorical = [
            k for k, c in enumerate(criteria) if c.kind in (Kind.SAME, Kind.DIFFERENT)
        ]
        self.sign = np.array([1 if criteria[k].kind is Kind.SAME else -1 for k in self.categorical])
        columns = [np.concatenate([criteria[k].values, [-1, -2]]) for k in self.categorical]
        self.categories = (np.stack(columns, axis=1) if columns else np.zeros((n + 2, 0))).astype(
            np.int32
        )
        self.levels = {
            k: np.concatenate([c.values, [0, 0]])
            for k, c in enumerate(criteria)
            if c.kind is Kind.GAP
        }
        self.sums = {k: values[self.members].sum(axis=1) for k, values in self.levels.items()}
        self.repeat = next((k for k, c in enumerate(criteria) if c.kind is Kind.MET), None)
        self.met = _padded(instance.met, self.none, 2)
        self.apart = _padded([sorted(a) for a in instance.apart], self.none, 2)
        self.line = _padded(instance.line, self.none, 2)
        self.has_apart = any(instance.apart)
        self.has_line = any(instance.line)
        self.bad = group_bad(instance, start.groups).T.copy()  # criteria × groups
        singles = {unit[0] for unit in instance.units if len(unit) == 1}
        pools: list[IntArray] = []
        for b, bucket in enumerate(instance.buckets):
            in_bucket = [g for g in range(groups) if start.bucket_of_group[g] == b]
            people = [x for x in bucket if x in singles]
            if len(in_bucket) > 1 and len(people) > 1:
                pools.append(np.array(people, dtype=np.int64))
        self.pool = np.concatenate(pools) if pools else np.zeros(0, dtype=np.int64)
        self.in_pool = np.zeros(n + 2, dtype=bool)
        self.in_pool[self.pool] = True
        self.pool_start = np.zeros(n + 2, dtype=np.int64)
        self.pool_size = np.zeros(n + 2, dtype=np.int64)
        offset = 0
        for members in pools:
            self.pool_start[members] = offset
            self.pool_size[members] = len(members)
            offset += len(members)
        self.weak = self.pool

    # -- scoring ------------------------------------------------------------------------------

    def scores(self) -> FloatArray:
        """Score 0–100 per group."""
        cost = self.scale @ self.bad
        result: FloatArray = 100.0 - cost * self.inverse_pairs
        return result

    def groups(self, members: IntArray | None = None) -> list[list[int]]:
        rows = self.members if members is None else members
        return [[int(x) for x in row if x != self.empty] for row in rows]

    def _focus(self) -> None:
        """Pool members of the weak groups: the lowest-scoring quarter, or when most groups
        tie at the top (near the end of a search), every group below the top score.
        """
        scores = self.scores()
        weak_groups = scores < np.quantile(scores, 0.25) - 1e-9
        if not weak_groups.any():
            weak_groups = scores < scores.max() - 1e-9
        weak = self.members[weak_groups].ravel()
        weak = weak[self.in_pool[weak]]
        self.weak = weak if len(weak) > 1 else self.pool

    def _draw(self, batch: int) -> tuple[IntArray, IntArray]:
        focused = int(batch * FOCUS)
        i = np.concatenate(
            [
                self.weak[self.rng.integers(0, len(self.weak), focused)],
                self.pool[self.rng.integers(0, len(self.pool), batch - focused)],
            ]
        )
        offset = (self.rng.random(batch) * self.pool_size[i]).astype(np.int64)
        j = self.pool[self.pool_start[i] + offset]
        return i, j

    def _changes(
        self, i: IntArray, j: IntArray, g: IntArray, h: IntArray
    ) -> tuple[FloatArray, FloatArray]:
        """Change of each criterion's bad amount in ``g`` and ``h`` (criteria × batch)."""
        count = len(self.instance.criteria)
        change_g = np.zeros((count, len(i)))
        change_h = np.zeros((count, len(i)))
        if self.categorical:
            in_g = self.categories[self.members[g]]  # batch × slots × goals
            in_h = self.categories[self.members[h]]
            vi, vj = self.categories[i][:, None, :], self.categories[j][:, None, :]
            same = (vi == vj)[:, 0, :]
            moved_g = (in_g == vj).sum(axis=1) - (in_g == vi).sum(axis=1) - same + 1
            moved_h = (in_h == vi).sum(axis=1) - (in_h == vj).sum(axis=1) - same + 1
            change_g[self.categorical] = (moved_g * self.sign).T
            change_h[self.categorical] = (moved_h * self.sign).T
        for k, values in self.levels.items():
            vi, vj = values[i], values[j]
            d, dsq = vj - vi, vj * vj - vi * vi
            sg, sh = self.sums[k][g], self.sums[k][h]
            change_g[k] = self.sizes[g] * dsq - (2 * sg * d + d * d)
            change_h[k] = -self.sizes[h] * dsq - (-2 * sh * d + d * d)
        if self.repeat is not None:
            near_i, near_j = self.met[i], self.met[j]
            group_i, group_j = self.group_of[near_i], self.group_of[near_j]
            knows = (near_i == j[:, None]).any(axis=1)
            i_in_g = (group_i == g[:, None]).sum(axis=1)
            i_in_h = (group_i == h[:, None]).sum(axis=1)
            j_in_g = (group_j == g[:, None]).sum(axis=1)
            j_in_h = (group_j == h[:, None]).sum(axis=1)
            change_g[self.repeat] = j_in_g - knows - i_in_g
            change_h[self.repeat] = i_in_h - knows - j_in_h
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
        allowed: BoolArray = ~blocked
        return allowed

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
        for k, values in self.levels.items():
            d = values[j] - values[i]
            self.sums[k][g] += d
            self.sums[k][h] -= d

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
        moves = int(effort * max(MIN_MOVES, planned_moves(n)))
        best, best_members = float(self.scores().sum()), self.members.copy()
        if len(self.pool) < 2 or moves <= 0:
            return self.groups(best_members), 0
        batch = int(min(BATCH_MAX, max(BATCH_MIN, 2 * len(self.sizes))))
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
            chosen = chosen[np.argsort(-delta[chosen], kind="stable")]
            keep = chosen[self._disjoint(g[chosen], h[chosen])]
            self._apply(i[keep], j[keep], g[keep], h[keep], change_g[:, keep], change_h[:, keep])
            temperature *= cooling
            done += batch
            if step % check_every == 0 or step == steps:
                current = float(self.scores().sum())
                if current > best + 1e-9:
                    best, best_members = current, self.members.copy()
                self._focus()
                if not on_check(done / (steps * batch), best):
                    break
        current = float(self.scores().sum())
        if current > best + 1e-9:
            best, best_members = current, self.members.copy()
        return self.groups(best_members), done
