"""Benchmark of intervision group design: quality against known optima, time and memory.

Run ``.venv/bin/python bench/grouping.py`` (``--quick`` for a short run). Every instance runs
in its own process, so peak memory (ru_maxrss) is that instance's, and OR-Tools (CP-SAT, a
benchmark-only dependency) never shares a process with anything else. Times are wall clock
and, in brackets, the process's CPU time, which a busy machine does not inflate.

Instances:
- planted: groups of five built so that every goal reaches its lower bound (five departments
  and five locations per group, four seniority levels so one equal pair per group is forced,
  one time-zone band, no repeat pairs), then shuffled and given managers, must-together and
  must-apart pairs and an earlier round that the planted groups respect. The planted grouping
  is therefore optimal and its score is known by construction.
- demo: generated organisations (``talent_core.generate_organisation``) with default options.
- small ones (N <= 24) and N = 50 are also solved by an exact CP-SAT model: proven optimum
  when CP-SAT says OPTIMAL, else its best known solution.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import random
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import talent_core as tc
from talent_core import grouping
from talent_core.grouping._construct import group_count
from talent_core.grouping._instance import Kind, encode

#: Five locations per time-zone band, so a planted group can have five different ones.
SITES = {
    "europe": [
        ("Amsterdam", "Europe/Amsterdam"),
        ("Stockholm", "Europe/Stockholm"),
        ("London", "Europe/London"),
        ("Antwerp", "Europe/Brussels"),
        ("Gothenburg", "Europe/Stockholm"),
    ],
    "americas": [
        ("New York", "America/New_York"),
        ("Toronto", "America/Toronto"),
        ("Boston", "America/New_York"),
        ("Montreal", "America/Toronto"),
        ("Atlanta", "America/New_York"),
    ],
}
DEPARTMENTS = ["HR", "Finance", "Sales", "Operations", "IT", "R&D", "Legal"]
PLANTED_SIZE = 5


@dataclass
class Instance:
    name: str
    people: list[tc.Person]
    options: grouping.GroupingOptions
    #: Known optimum (planted) of the mean group score, if any.
    planted: float | None = None


def planted(people: int, seed: int) -> Instance:
    """A planted instance of ``people`` (a multiple of five) people; see the module doc."""
    rng = random.Random(seed)
    groups = people // PLANTED_SIZE
    rows: list[dict[str, Any]] = []
    for g in range(groups):
        band = "americas" if g % 3 == 2 else "europe"
        language = "nl" if g % 3 == 0 else "en"
        departments = rng.sample(DEPARTMENTS, PLANTED_SIZE)
        sites = rng.sample(SITES[band], PLANTED_SIZE)
        levels = [1, 2, 3, 4, rng.randint(1, 4)]
        rng.shuffle(levels)
        for k in range(PLANTED_SIZE):
            rows.append(
                {
                    "group": g,
                    "department": departments[k],
                    "location": sites[k][0],
                    "timezone": sites[k][1],
                    "seniority": levels[k],
                    "language": language,
                }
            )
    rng.shuffle(rows)
    ids = [f"q{i:06d}" for i in range(len(rows))]
    manager: list[str | None] = [None]
    for i in range(1, len(rows)):  # a manager earlier in the list, from another planted group
        while True:
            boss = rng.randrange(max(0, i - 50), i)
            if rows[boss]["group"] != rows[i]["group"]:
                break
        manager.append(ids[boss])
    persons = [
        tc.Person(
            id=ids[i],
            name=f"Person {i}",
            email=f"{ids[i]}@example.org",
            manager_id=manager[i],
            department=row["department"],
            location=row["location"],
            timezone=row["timezone"],
            seniority=row["seniority"],
            language=row["language"],
        )
        for i, row in enumerate(rows)
    ]
    members: dict[int, list[str]] = {}
    for i, row in enumerate(rows):
        members.setdefault(row["group"], []).append(ids[i])
    together = [(m[0], m[1]) for g, m in members.items() if g % 20 == 0]
    apart: list[tuple[str, str]] = []
    while len(apart) < groups // 2:
        a, b = rng.sample(range(len(rows)), 2)
        if rows[a]["group"] != rows[b]["group"]:
            apart.append((ids[a], ids[b]))
    # An earlier round of transversals: the k-th members of five planted groups in a row.
    earlier = [
        [members[g + d][k] for d in range(PLANTED_SIZE)]
        for g in range(0, groups - PLANTED_SIZE + 1, PLANTED_SIZE)
        for k in range(PLANTED_SIZE)
    ]
    options = grouping.GroupingOptions(
        min_size=PLANTED_SIZE,
        max_size=PLANTED_SIZE,
        together=together,
        apart=apart,
        earlier_groups=earlier,
    )
    # Every goal but seniority is met in full; four levels in five seats force one equal pair.
    weights = encode(persons, options).weight_total
    pairs = PLANTED_SIZE * (PLANTED_SIZE - 1) / 2
    optimum = 100 * (1 - options.seniority.weight / (weights * pairs))
    return Instance(f"planted-{people}", persons, options, optimum)


def demo(people: int, seed: int, mixed: bool = False) -> Instance:
    persons = tc.generate_organisation(people, seed)
    options = grouping.GroupingOptions(same_language=not mixed)
    return Instance(f"demo-{people}{'-mixed' if mixed else ''}", persons, options)


def instance_by_name(name: str, seed: int) -> Instance:
    kind, size, *rest = name.split("-")
    if kind == "planted":
        return planted(int(size), seed)
    return demo(int(size), seed, mixed=bool(rest))


# -- the exact reference ------------------------------------------------------------------------


def _size_patterns(people: int, groups: int, low: int, high: int) -> list[tuple[int, ...]]:
    """Every multiset of ``groups`` sizes in [low, high] that adds up to ``people``."""
    if groups == 0:
        return [()] if people == 0 else []
    return [
        (size, *rest)
        for size in range(low, high + 1)
        for rest in _size_patterns(people - size, groups - 1, size, high)
    ]


def _solve_pattern(
    coded: Any, bucket: Sequence[int], sizes: tuple[int, ...], seconds: float
) -> tuple[str, float]:
    """Least sum over groups of (cost / pairs) with these group sizes, by CP-SAT."""
    from ortools.sat.python import cp_model  # benchmark-only dependency

    scale = 1000  # pair costs to integers
    lcm = math.lcm(*(s * (s - 1) // 2 for s in sizes))
    model = cp_model.CpModel()
    count = len(sizes)
    x = {(i, g): model.new_bool_var(f"x{i}_{g}") for i in bucket for g in range(count)}
    for i in bucket:
        model.add_exactly_one(x[i, g] for g in range(count))
    for g, size in enumerate(sizes):
        model.add(sum(x[i, g] for i in bucket) == size)
    # Groups of one size are interchangeable: order them by their lowest member.
    lowest = []
    for g in range(count):
        low = model.new_int_var(0, len(bucket), f"low{g}")
        model.add_min_equality(
            low, [rank + len(bucket) * (1 - x[i, g]) for rank, i in enumerate(bucket)]
        )
        lowest.append(low)
    for g in range(count - 1):
        if sizes[g] == sizes[g + 1]:
            model.add(lowest[g] < lowest[g + 1])
    inside = set(bucket)
    for unit in coded.units:
        for a, b in itertools.pairwise(unit):
            if a in inside:
                for g in range(count):
                    model.add(x[a, g] == x[b, g])
    for p, i in enumerate(bucket):
        for j in bucket[p + 1 :]:
            if coded.conflict(i, j):
                for g in range(count):
                    model.add_bool_or([x[i, g].Not(), x[j, g].Not()])
    # Category goals through member counts per value (C(n, 2) pairs of a value), which
    # bounds far better than one variable per pair; levels and repeats pair by pair.
    terms = []
    for c in coded.criteria:
        weight = round(c.weight / c.norm * scale)
        for g, size in enumerate(sizes):
            factor = weight * (lcm // (size * (size - 1) // 2))
            if c.kind in (Kind.SAME, Kind.DIFFERENT):
                values: dict[int, list[int]] = {}
                for i in bucket:
                    values.setdefault(int(c.values[i]), []).append(i)
                same_pairs = []
                for value, members in values.items():
                    if len(members) < 2:
                        continue
                    n = model.new_int_var(0, min(size, len(members)), f"n{c.name}{value}_{g}")
                    model.add(n == sum(x[i, g] for i in members))
                    pairs = model.new_int_var(0, size * (size - 1) // 2, f"p{c.name}{value}_{g}")
                    model.add_element(
                        n, [k * (k - 1) // 2 for k in range(min(size, len(members)) + 1)], pairs
                    )
                    same_pairs.append(pairs)
                bad = (
                    sum(same_pairs)
                    if c.kind is Kind.SAME
                    else size * (size - 1) // 2 - sum(same_pairs)
                )
                terms.append(factor * bad)
                continue
            for p, i in enumerate(bucket):
                for j in bucket[p + 1 :]:
                    amount = (
                        int(j in coded.met[i])
                        if c.kind is Kind.MET
                        else int((c.values[i] - c.values[j]) ** 2)
                    )
                    if amount and not coded.conflict(i, j):
                        y = model.new_bool_var(f"y{c.name}{i}_{j}_{g}")
                        model.add_bool_or([x[i, g].Not(), x[j, g].Not(), y])
                        terms.append(factor * amount * y)
    model.minimize(sum(terms))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = 2
    solver.parameters.random_seed = 1
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return solver.status_name(status), math.inf
    return solver.status_name(status), solver.objective_value / (scale * lcm)


def cp_sat(inst: Instance, seconds: float) -> dict[str, Any]:
    """Best mean group score CP-SAT finds with the same group count per language bucket, and
    whether it is proven optimal; each possible pattern of group sizes is solved on its own.
    """
    coded = encode(inst.people, inst.options)
    began = time.perf_counter()
    proven, groups, cost = True, 0, 0.0
    for bucket in coded.buckets:
        count = group_count(len(bucket), coded.min_size, coded.max_size)
        groups += count
        patterns = _size_patterns(len(bucket), count, coded.min_size, coded.max_size)
        best = math.inf
        for sizes in patterns:
            status, value = _solve_pattern(coded, bucket, sizes, seconds / len(patterns))
            proven &= status == "OPTIMAL"
            best = min(best, value)
        cost += best
    elapsed = time.perf_counter() - began
    if math.isinf(cost):
        return {"status": "UNKNOWN", "seconds": elapsed}
    mean = 100 * (groups - cost / coded.weight_total) / groups
    return {"status": "OPTIMAL" if proven else "FEASIBLE", "mean": mean, "seconds": elapsed}


# -- one measured run ---------------------------------------------------------------------------


def run_one(
    name: str, seed: int, method: str, effort: float, limit: float | None
) -> dict[str, Any]:
    inst = instance_by_name(name, seed)
    began, cpu = time.perf_counter(), time.process_time()
    result = grouping.design_groups(
        inst.people,
        inst.options,
        seed=seed,
        method=method,  # type: ignore[arg-type]
        effort=effort,
        time_limit=limit,
    )
    elapsed, cpu = time.perf_counter() - began, time.process_time() - cpu
    violations = grouping.check_grouping(inst.people, list(result.groups), inst.options)
    return {
        "name": name,
        "people": len(inst.people),
        "method": result.method,
        "seconds": elapsed,
        "cpu": cpu,
        "moves": result.moves,
        "mean": result.scores.total,
        "worst": result.scores.worst.score if result.scores.worst else 0.0,
        "violations": len(violations),
        "planted": inst.planted,
        "stopped": result.stopped_by_time,
        "groups": [list(g.members) for g in result.groups],
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _child(args: Sequence[str]) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, *args], check=True, capture_output=True, text=True
    ).stdout
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


def measured(
    name: str, seed: int, method: str = "auto", effort: float = 1.0, limit: float | None = None
) -> dict[str, Any]:
    args = ["--one", name, "--seed", str(seed), "--method", method, "--effort", str(effort)]
    return _child(args + (["--limit", str(limit)] if limit else []))


def exact(name: str, seed: int, seconds: float) -> dict[str, Any]:
    return _child(["--exact", name, "--seed", str(seed), "--cp-seconds", str(seconds)])


# -- the report ---------------------------------------------------------------------------------


def _gap(found: float, reference: float) -> str:
    return f"{100 * (reference - found) / reference:+.3f}%"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes and short limits")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--exact", help=argparse.SUPPRESS)
    parser.add_argument("--seed", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--method", default="auto", help=argparse.SUPPRESS)
    parser.add_argument("--effort", type=float, default=1.0, help=argparse.SUPPRESS)
    parser.add_argument("--limit", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--cp-seconds", type=float, default=60.0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        run = run_one(args.one, args.seed, args.method, args.effort, args.limit)
        print(json.dumps(run))
        return
    if args.exact:
        print(json.dumps(cp_sat(instance_by_name(args.exact, args.seed), args.cp_seconds)))
        return

    quick = args.quick
    cp_seconds = 10.0 if quick else 60.0
    print(f"== exact comparison (CP-SAT, {cp_seconds:g} s per instance, same group count)")
    small = (
        ["planted-20", "demo-24-mixed"]
        if quick
        else ["planted-20", "demo-20-mixed", "demo-24-mixed"]
    )
    for name in [*small, "planted-50", "demo-50-mixed"]:
        for seed in (1,) if quick else (1, 2):
            reference = exact(name, seed, cp_seconds)
            ours = measured(name, seed)
            label = "proven optimum" if reference["status"] == "OPTIMAL" else "best known"
            best = reference.get("mean", float("nan"))
            print(
                f"{name:>15} seed {seed}: ours {ours['mean']:.3f} in {ours['seconds']:.2f} s "
                f"(cpu {ours['cpu']:.2f} s) "
                f"({ours['violations']} violations); CP-SAT {label} {best:.3f} in "
                f"{reference['seconds']:.1f} s; gap {_gap(ours['mean'], best)}"
            )

    print("== planted instances (optimum known by construction)")
    runs = [(1_000, 1), (10_000, 1)] if quick else [(1_000, 1), (1_000, 2), (1_000, 3)]
    runs += [] if quick else [(10_000, 1), (10_000, 2), (100_000, 1)]
    for people, seed in runs:
        run = measured(f"planted-{people}", seed)
        print(
            f"N={people:>7,} seed {seed}: {run['method']:>7}, {run['seconds']:6.2f} s "
            f"(cpu {run['cpu']:6.2f}), peak {run['peak_mb']:5.0f} MB, "
            f"{run['violations']} violations, mean {run['mean']:.3f} vs planted "
            f"{run['planted']:.3f} (gap {_gap(run['mean'], run['planted'])}), "
            f"worst group {run['worst']:.2f}"
        )

    print("== demo organisations, default options (same language, direct manager)")
    for people in [24, 50, 1_000, 10_000] + ([] if quick else [100_000]):
        name = f"demo-{people}" if people > 50 else f"demo-{people}-mixed"
        first, second = measured(name, 3), measured(name, 3)
        same = "deterministic" if first["groups"] == second["groups"] else "NOT deterministic"
        print(
            f"N={people:>7,}: {first['method']:>7}, {first['seconds']:6.2f} s "
            f"(cpu {first['cpu']:6.2f}), peak "
            f"{first['peak_mb']:5.0f} MB, {first['violations']} violations, mean "
            f"{first['mean']:.3f}, worst {first['worst']:.2f}, {same}"
        )


if __name__ == "__main__":
    main()
