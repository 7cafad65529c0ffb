"""``design_groups``: from people and options to named, scored intervision groups.

Order of work: encode and check feasibility (explaining any impossibility), build a grouping
that keeps every hard constraint, then improve it by local search (pure-Python annealing for
up to ``BATCHED_FROM`` people, vectorised numpy swap batches above), and score the result
with the same evaluator that hand-made groupings get.

The amount of search is a fixed number of moves derived from the size and ``effort``, so a
run is deterministic for (people, options, seed); the time limit only cuts it short (the
result then says so, and may differ between machines).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from .._people import Person
from ._anneal import Annealer
from ._batched import BatchedSearch
from ._construct import Start, construct
from ._instance import Instance, encode
from ._notices import Notice, NoticeCode
from ._options import GroupingOptions
from ._score import Group, GroupingScores, history_warning, scores_of, summarise

__all__ = ["BATCHED_FROM", "GroupingResult", "Method", "Progress", "design_groups"]

#: From this many people on, the vectorised batched search replaces pure-Python annealing.
BATCHED_FROM = 300
#: Independent annealing runs for small groupings, where restarts beat longer runs.
RESTARTS_BELOW = 100

Method = Literal["auto", "anneal", "batched"]
#: Called now and then with (fraction done 0–1, best mean group score so far).
Progress = Callable[[float, float], None]


@dataclass(frozen=True, slots=True)
class GroupingResult:
    groups: tuple[Group, ...]
    scores: GroupingScores
    seed: int
    method: Literal["anneal", "batched"]
    #: Moves tried by the search.
    moves: int
    seconds: float
    #: True when the time limit ended the search before its planned moves.
    stopped_by_time: bool

    @property
    def warnings(self) -> tuple[Notice, ...]:
        return self.scores.warnings


def _anneal_moves(people: int, effort: float) -> int:
    return int(effort * min(750_000, max(150_000, 2_500 * people)))


def _name(groups: list[list[int]], instance: Instance, prefix: str) -> list[Group]:
    ordered = sorted(
        groups, key=lambda g: (instance.people[g[0]].language if g else "", min(g, default=0))
    )
    width = max(2, len(str(len(ordered))))
    return [
        Group(f"{prefix} {k:0{width}d}", tuple(instance.people[i].id for i in sorted(g)))
        for k, g in enumerate(ordered, start=1)
    ]


def design_groups(
    people: Sequence[Person],
    options: GroupingOptions | None = None,
    *,
    seed: int = 0,
    time_limit: float | None = None,
    progress: Progress | None = None,
    method: Method = "auto",
    effort: float = 1.0,
    name_prefix: str = "Intervision",
) -> GroupingResult:
    """Intervision groups that keep every hard constraint and score well on the soft goals.

    Raises InfeasibleGroupingError, with every reason found, when no grouping can keep the
    hard constraints; no groups are made then. ``effort`` scales the planned search.
    """
    options = options or GroupingOptions()
    began = time.perf_counter()
    deadline = None if time_limit is None else began + time_limit
    instance = encode(people, options)
    rng = random.Random(seed)
    start = construct(instance, rng)
    chosen = (
        method if method != "auto" else ("batched" if instance.size >= BATCHED_FROM else "anneal")
    )
    report = progress or (lambda fraction, score: None)
    groups_total = max(1, len(start.groups))
    stopped = False

    def on_check(fraction: float, best_sum: float) -> bool:
        nonlocal stopped
        report(min(1.0, fraction), best_sum / groups_total)
        if deadline is not None and time.perf_counter() > deadline:
            stopped = True
        return not stopped

    if chosen == "anneal":
        groups, moves = _run_anneal(instance, start, rng, effort, on_check)
    else:
        search = BatchedSearch(instance, start, seed=rng.getrandbits(64))
        groups, moves = search.run(effort, on_check)
    named = _name(groups, instance, name_prefix)
    scored, warnings = scores_of(
        instance, [g.name for g in named], [[instance.index[x] for x in g.members] for g in named]
    )
    notes = history_warning(instance)
    if stopped:
        notes.append(Notice(NoticeCode.TIME_LIMIT, {"seconds": f"{time_limit:g}"}))
    scores = summarise(scored, (), notes + warnings)
    report(1.0, scores.total)
    return GroupingResult(
        tuple(named), scores, seed, chosen, moves, time.perf_counter() - began, stopped
    )


def _run_anneal(
    instance: Instance,
    start: Start,
    rng: random.Random,
    effort: float,
    on_check: Callable[[float, float], bool],
) -> tuple[list[list[int]], int]:
    total_moves = _anneal_moves(instance.size, effort)
    runs = 4 if instance.size < RESTARTS_BELOW else 1
    per_run = total_moves // runs
    best_groups, best, moves = start.groups, float("-inf"), 0
    for run in range(runs):

        def check(done: int, score: float, run: int = run, earlier: float = best) -> bool:
            return on_check((run * per_run + done) / total_moves, max(score, earlier))

        annealer = Annealer(instance, start)
        hot, cold = annealer.temperatures(random.Random(rng.getrandbits(64)))
        groups, score, done = annealer.anneal(
            per_run, random.Random(rng.getrandbits(64)), hot=hot, cold=cold, on_check=check
        )
        moves += done
        if score > best + 1e-9:
            best, best_groups = score, groups
        if done < per_run:
            break
    return best_groups, moves
