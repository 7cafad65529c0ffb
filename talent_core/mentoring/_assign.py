"""Optimal assignment of mentees to mentors with capacities, exact and sparse.

A dense ``linear_sum_assignment`` over repeated mentor slots is exact but needs a float64
matrix of mentees × slots (720 MB for 10,000 × 9,000) and is slow on fit scores, which have
many ties. Instead the problem is solved on a pruned candidate graph (each mentee's best
mentors and each mentor's best mentees) with ``min_weight_full_bipartite_matching``, and then
*proved* optimal for the full problem: shortest-path potentials of the residual network are
a dual solution, and if no left-out pair has a negative reduced cost against them, no better
assignment exists. For each mentee with a pair that breaks the certificate, its best few
pairs against the potentials join the graph and the solve repeats.

The objective is lexicographic: as many mentees matched as possible, then the highest total
fit. Scores are whole numbers (milli-points), so all arithmetic in float64 stays exact.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .._errors import TalentError
from ._blocks import map_row_blocks

__all__ = ["DENSE_PAIRS", "FORBIDDEN", "Assignment", "assign_with_capacities"]

#: Score of a pair that must never be chosen.
FORBIDDEN = -1

IntArray = npt.NDArray[np.int64]
ScoreMatrix = npt.NDArray[np.int32]

#: Below this many pairs the whole graph is the candidate graph: nothing to prove.
DENSE_PAIRS = 200_000
#: Candidates kept per mentee, and per mentor slot.
_PER_MENTEE = 8
#: Pairs a mentee with a pair that breaks the certificate brings into the graph: with more
#: than the violators, the next round rarely needs another (3 solves instead of 4 or 5).
_PER_REPRICED_MENTEE = 24
_PER_SLOT = 3


@dataclass(frozen=True, slots=True)
class Assignment:
    #: Mentor index per mentee, -1 when unmatched.
    mentor_of: IntArray
    #: Candidate pairs in the last solve, and how many solves it took.
    candidate_pairs: int
    rounds: int


def assign_with_capacities(
    scores: ScoreMatrix, capacities: npt.ArrayLike, *, dense_below: int = DENSE_PAIRS
) -> Assignment:
    """Best assignment for ``scores`` (mentees × mentors, ``FORBIDDEN`` where not allowed).

    Each mentor ``j`` takes at most ``capacities[j]`` mentees and each mentee at most one
    mentor; the result matches the most mentees possible and, among those assignments, has
    the highest total score. Deterministic for the same input. Below ``dense_below`` pairs
    every allowed pair is a candidate from the start (tests lower it to exercise pruning).
    """
    scores = np.asarray(scores, dtype=np.int32)
    caps = np.asarray(capacities, dtype=np.int64)
    n, m = scores.shape
    if caps.shape != (m,) or (caps < 1).any():
        raise ValueError("capacities: one whole number of at least 1 per mentor")
    if n == 0 or m == 0:
        return Assignment(np.full(n, -1, dtype=np.int64), 0, 0)
    if n * m < dense_below:
        rows, cols = np.nonzero(scores != FORBIDDEN)
        mentor_of = _solve(scores, caps, rows.astype(np.int64), cols.astype(np.int64))
        return Assignment(mentor_of, int(rows.size), 1)

    rows, cols = _candidates(scores, caps)
    if rows.size == 0:  # each mentee's best pair is forbidden: no pair is allowed at all
        return Assignment(np.full(n, -1, dtype=np.int64), 0, 1)
    rounds = 0
    while True:  # ends: every round adds pairs, and there are finitely many
        rounds += 1
        mentor_of = _solve(scores, caps, rows, cols)
        extra_rows, extra_cols = _violations(scores, caps, rows, cols, mentor_of)
        if extra_rows.size == 0:
            return Assignment(mentor_of, int(rows.size), rounds)
        pairs = np.unique(np.concatenate([rows * m + cols, extra_rows * m + extra_cols]))
        rows, cols = np.divmod(pairs, m)


def _candidates(scores: ScoreMatrix, caps: IntArray) -> tuple[IntArray, IntArray]:
    """Each mentee's best mentors, and each mentor's mentees for whom it stands out.

    A mentor ranks mentees by how far its score exceeds the mentee's own ``_PER_MENTEE``-th
    best score, not by the raw score: the raw ranking hands every mentor the same few
    much-sought mentees and leaves slots with no candidate at all. Each block of rows yields
    its own top list per mentor; the lists are merged at the end, so the matrix is never
    transposed whole.
    """
    n, m = scores.shape
    k = min(_PER_MENTEE, m)
    wanted = np.minimum(_PER_SLOT * caps, n)
    lowest = np.iinfo(np.int32).min

    def block_candidates(
        start: int, stop: int
    ) -> tuple[IntArray, IntArray, npt.NDArray[np.int32], IntArray]:
        block = scores[start:stop]
        best = np.argpartition(block, m - k, axis=1)[:, m - k :]
        floor = np.take_along_axis(block, best, axis=1).min(axis=1)
        margin = (block - floor[:, np.newaxis]).T
        margin[block.T == FORBIDDEN] = lowest
        keep = min(int(wanted.max()), stop - start)
        top = np.argpartition(margin, margin.shape[1] - keep, axis=1)[:, -keep:]
        return (
            np.repeat(np.arange(start, stop), k),
            best.ravel().astype(np.int64),
            np.take_along_axis(margin, top, axis=1),
            top + start,
        )

    blocks = map_row_blocks(block_candidates, n)
    margins = np.concatenate([b[2] for b in blocks], axis=1)
    mentees = np.concatenate([b[3] for b in blocks], axis=1)
    order = np.argsort(-margins, axis=1, kind="stable")
    ranked = np.take_along_axis(mentees, order, axis=1)
    usable = np.arange(ranked.shape[1]) < wanted[:, np.newaxis]
    usable &= np.take_along_axis(margins, order, axis=1) > lowest

    found_rows = [*(b[0] for b in blocks), ranked[usable]]
    found_cols = [*(b[1] for b in blocks), np.nonzero(usable)[0]]
    pairs = np.unique(np.concatenate(found_rows) * m + np.concatenate(found_cols))
    rows, cols = np.divmod(pairs, m)
    allowed = scores[rows, cols] != FORBIDDEN
    return rows[allowed].astype(np.int64), cols[allowed].astype(np.int64)


def _match_bonus(scores: ScoreMatrix, caps: IntArray) -> int:
    """What one more matched mentee is worth: more than the total fit of any assignment."""
    most_matched: int = min(scores.shape[0], int(caps.sum()))
    return (int(scores.max()) + 1) * most_matched + 1


def _solve(scores: ScoreMatrix, caps: IntArray, rows: IntArray, cols: IntArray) -> IntArray:
    """Optimal assignment on the candidate pairs ``(rows[e], cols[e])``.

    Mentors become ``capacity`` identical slots. Staying unmatched costs more than any gain
    in total score, so the solver matches as many mentees as it can before it optimises fit.
    """
    # scipy.sparse takes half a second to import: only when a matching really runs. It is in
    # the [lab] extra, so the LMS image (which never matches mentors) does not install it.
    try:
        from scipy.sparse import csr_array  # type: ignore[import-untyped]
        from scipy.sparse.csgraph import (  # type: ignore[import-untyped]
            min_weight_full_bipartite_matching,
        )
    except ImportError:
        raise TalentError(
            "matching mentors needs scipy: pip install 'talent-development[lab]'"
        ) from None

    n, m = scores.shape
    mentor_of = np.full(n, -1, dtype=np.int64)
    if rows.size == 0:
        return mentor_of
    pair_scores = scores[rows, cols].astype(np.int64)
    first_slot = np.concatenate([[0], np.cumsum(caps)])
    slots = int(first_slot[-1])
    ceiling = int(scores.max()) + 1  # every cost stays positive
    unmatched_cost = ceiling + _match_bonus(scores, caps)

    per_pair = caps[cols]
    edge_mentees = np.repeat(rows, per_pair)
    offset = np.arange(edge_mentees.size) - np.repeat(np.cumsum(per_pair) - per_pair, per_pair)
    edge_slots = first_slot[np.repeat(cols, per_pair)] + offset
    edge_costs = np.repeat(ceiling - pair_scores, per_pair).astype(np.float64)

    # The smaller side are the rows, each with a private "stays unmatched" column: the solver
    # then only searches the whole graph for rows that really stay unmatched.
    if slots <= n:
        edge_rows, edge_cols, size, other = edge_slots, edge_mentees, slots, n
    else:
        edge_rows, edge_cols, size, other = edge_mentees, edge_slots, n, slots
    graph = csr_array(
        (
            np.concatenate([edge_costs, np.full(size, float(unmatched_cost))]),
            (
                np.concatenate([edge_rows, np.arange(size)]),
                np.concatenate([edge_cols, other + np.arange(size)]),
            ),
        ),
        shape=(size, other + size),
    )
    matched_rows, matched_cols = min_weight_full_bipartite_matching(graph)
    real = matched_cols < other
    if slots <= n:
        slot, mentee = matched_rows[real], matched_cols[real]
    else:
        mentee, slot = matched_rows[real], matched_cols[real]
    mentor_of[mentee] = np.repeat(np.arange(m, dtype=np.int64), caps)[slot]
    return mentor_of


def _violations(
    scores: ScoreMatrix, caps: IntArray, rows: IntArray, cols: IntArray, mentor_of: IntArray
) -> tuple[IntArray, IntArray]:
    """Pairs to add to the candidates; none when the assignment is optimal for all pairs.

    Potentials ``d`` are shortest-path distances in the residual network of the candidate
    solution (mentees, mentors, source ``s``, sink ``t``; a pair's arc costs minus its
    weight). A pair left out could only help if ``weight > d[mentee] - d[mentor]``; for each
    mentee with such a pair, its ``_PER_REPRICED_MENTEE`` pairs of highest ``weight + d[mentor]``
    are returned (some may be candidates already).
    """
    n, m = scores.shape
    bonus = _match_bonus(scores, caps)
    weights = scores[rows, cols].astype(np.int64) + bonus
    mentee_nodes = np.arange(n)
    source, sink = n + m, n + m + 1

    matched = mentor_of >= 0
    assigned = matched[rows] & (mentor_of[rows] == cols)
    load = np.bincount(mentor_of[matched], minlength=m)
    room, used = np.flatnonzero(load < caps), np.flatnonzero(load > 0)
    circulation = [(sink, source), (source, sink)][: 1 + int(matched.any())]
    arcs = [
        # a pair: mentee → mentor while unassigned (gains its weight), back while assigned
        (
            np.where(assigned, n + cols, rows),
            np.where(assigned, rows, n + cols),
            np.where(assigned, weights, -weights),
        ),
        # source → free mentee; matched mentee → source
        (
            np.where(matched, mentee_nodes, source),
            np.where(matched, source, mentee_nodes),
            np.zeros(n),
        ),
        # mentor with room → sink; sink → mentor with mentees
        (n + room, np.full(room.size, sink), np.zeros(room.size)),
        (np.full(used.size, sink), n + used, np.zeros(used.size)),
        # the circulation arc sink → source, and its reverse once it carries flow
        (
            np.array([a for a, _ in circulation]),
            np.array([b for _, b in circulation]),
            np.zeros(len(circulation)),
        ),
    ]
    tail = np.concatenate([a[0] for a in arcs]).astype(np.int64)
    head = np.concatenate([a[1] for a in arcs]).astype(np.int64)
    cost = np.concatenate([a[2] for a in arcs]).astype(np.float64)
    distance = _potentials(n + m + 2, tail, head, cost)
    # Raise each mentee's potential to the bound its incoming arc allows (the root capped it
    # at 0): feasibility holds, and pairs left out look as unattractive as they truly are.
    held = weights[assigned]
    distance[rows[assigned]] = distance[n + cols[assigned]] + held
    distance[np.flatnonzero(~matched)] = distance[source]

    # Only pairs outside the candidates can break the bound: an assigned pair meets it exactly
    # (its mentee's potential was just set so) and the shortest paths keep every other
    # candidate within it. A row's best gain flags it; flagged rows are then looked at closely.
    mentee_bound = distance[:n] - bonus
    mentor_distance = distance[n : n + m]
    k = min(_PER_REPRICED_MENTEE, m)

    def reprice(start: int, stop: int) -> tuple[IntArray, IntArray]:
        block = scores[start:stop]
        gain = block + mentor_distance
        bound = mentee_bound[start:stop]
        flagged = np.flatnonzero(gain.max(axis=1) > bound)
        excess = gain[flagged] - bound[flagged, np.newaxis]
        excess[block[flagged] == FORBIDDEN] = -np.inf
        broken = excess.max(axis=1, initial=-np.inf) > 0
        flagged, excess = flagged[broken], excess[broken]
        # with the pairs that break the bound come those just short of it: the next
        # potentials will differ a little, and they would break it then
        if k < m:
            best = np.argpartition(-excess, k - 1, axis=1)[:, :k]
        else:
            best = np.broadcast_to(np.arange(m), excess.shape)
        r, c = np.nonzero(np.take_along_axis(excess, best, axis=1) > -np.inf)
        return flagged[r].astype(np.int64) + start, best[r, c].astype(np.int64)

    found = map_row_blocks(reprice, n)
    return (
        np.concatenate([r for r, _ in found]).astype(np.int64),
        np.concatenate([c for _, c in found]).astype(np.int64),
    )


def _potentials(
    nodes: int, tail: IntArray, head: IntArray, cost: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """Shortest distances from a virtual root joined to every node at cost 0 (Bellman-Ford).

    All arcs relax at once per sweep; the residual network of an optimal solution has no
    negative cycle, so the sweeps stop after at most ``nodes`` rounds (in practice a few dozen).
    """
    order = np.argsort(head, kind="stable")
    tail, head, cost = tail[order], head[order], cost[order]
    heads, starts = np.unique(head, return_index=True)
    distance = np.zeros(nodes)
    for _ in range(nodes):
        best = np.minimum.reduceat(distance[tail] + cost, starts)
        improved = best < distance[heads]
        if not improved.any():
            return distance
        distance[heads[improved]] = best[improved]
    raise RuntimeError("the candidate assignment is not optimal (negative cycle)")
