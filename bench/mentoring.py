"""Benchmark of mentor matching: time, peak memory, mean fit and a check of optimality.

Run ``.venv/bin/python bench/mentoring.py`` (``--quick`` for the small instance only). Each
instance runs in its own process, so peak memory (ru_maxrss) is that instance's.

Instances come from a generated organisation (``talent_core.generate_organisation``):
mentors are drawn from its more senior people, mentees from everyone else. Mentors have
3–6 strengths on the demo framework's competencies and a capacity of 1–5; mentees have 1–3
focus competencies with gaps of 1–3 levels; a third of the people also speak English. The
default rules apply (direct line relations and a shared language are hard).

Optimality: the matching proves itself optimal (a dual certificate over every pair). On the
small instance it is also compared with a dense ``linear_sum_assignment`` over repeated
mentor slots, an independent exact method: same number matched, same total fit.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from typing import Any

import numpy as np

import talent_core as tc
from talent_core.mentoring import (
    FORBIDDEN,
    MatchingProblem,
    Mentee,
    Mentor,
    match_mentors,
    write_pairs_csv,
)

#: (mentees, mentors) per instance; the first is the one checked against dense LSA.
SIZES = [(1_000, 300), (10_000, 3_000)]
SEED = 2025


def participants(mentees: int, mentors: int, seed: int) -> tuple[list[Mentee], list[Mentor]]:
    people = tc.generate_organisation(mentees + mentors, seed)
    competencies = [c.id for c in tc.demo_framework().competencies()]
    rng = random.Random(seed)
    by_seniority = sorted(people, key=lambda p: (-p.seniority, rng.random()))
    mentor_ids = {p.id for p in rng.sample(by_seniority[: mentors * 2], mentors)}

    def common(person: tc.Person) -> dict[str, Any]:
        languages = (person.language,)
        if person.language != "en" and rng.random() < 1 / 3:
            languages += ("en",)
        return {
            "id": person.id,
            "name": person.name,
            "department": person.department,
            "manager_id": person.manager_id,
            "seniority": person.seniority,
            "languages": languages,
        }

    mentee_list: list[Mentee] = []
    mentor_list: list[Mentor] = []
    for person in people:
        if person.id in mentor_ids:
            chosen = rng.sample(competencies, rng.randint(3, 6))
            mentor_list.append(
                Mentor(
                    **common(person),
                    capacity=rng.randint(1, 5),
                    strengths={c: rng.randint(2, 4) for c in chosen},
                )
            )
        else:
            chosen = rng.sample(competencies, rng.randint(1, 3))
            mentee_list.append(
                Mentee(**common(person), focus={c: rng.randint(1, 3) for c in chosen})
            )
    return mentee_list, mentor_list


def dense_optimum(problem: MatchingProblem) -> tuple[int, int]:
    """(matched, total milli-points) by dense LSA over slots; a match outweighs any total."""
    from scipy.optimize import linear_sum_assignment

    scores = problem.score_matrix()
    capacities = problem.capacities
    bonus = (int(scores.max()) + 1) * min(scores.shape[0], int(capacities.sum())) + 1
    gain = np.where(scores == FORBIDDEN, 0, scores.astype(np.float64) + bonus)
    slots = np.repeat(gain.T, capacities, axis=0)
    rows, cols = linear_sum_assignment(slots, maximize=True)
    used = slots[rows, cols] > 0
    return int(used.sum()), round(float(slots[rows, cols][used].sum()) - bonus * int(used.sum()))


def run_one(mentees: int, mentors: int, check: bool) -> dict[str, Any]:
    """One instance, in this process: the figures as a dict."""
    framework = tc.demo_framework()
    mentee_list, mentor_list = participants(mentees, mentors, SEED)
    start, cpu_start = time.perf_counter(), time.process_time()
    problem = MatchingProblem(mentee_list, mentor_list, framework=framework)
    prepared = time.perf_counter()
    matching = match_mentors(problem)
    matched_at, cpu = time.perf_counter(), time.process_time() - cpu_start
    pairs_csv = write_pairs_csv(matching, problem)
    explained = time.perf_counter()
    total_milli = sum(round(p.score * 1000) for p in matching.pairs)
    figures: dict[str, Any] = {
        "mentees": len(mentee_list),
        "mentors": len(mentor_list),
        "places": int(problem.capacities.sum()),
        "prepare_s": prepared - start,
        "match_s": matched_at - prepared,
        "cpu_s": cpu,
        "explain_s": explained - matched_at,
        "matched": len(matching.pairs),
        "unmatched": len(matching.unmatched),
        "mean_fit": matching.mean_score,
        "total_milli": total_milli,
        "rounds": matching.rounds,
        "candidate_pairs": matching.candidate_pairs,
        "csv_bytes": len(pairs_csv.encode("utf-8")),
    }
    figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if check:
        started = time.perf_counter()
        figures["dense"] = dense_optimum(problem)
        figures["dense_s"] = time.perf_counter() - started
    return figures


def report(figures: dict[str, Any]) -> None:
    name = f"{figures['mentees']:,} mentees × {figures['mentors']:,} mentors"
    print(f"== {name} ({figures['places']:,} places)")
    print(
        f"   matching {figures['prepare_s'] + figures['match_s']:.2f} s "
        f"(checks and encoding {figures['prepare_s']:.2f} s, scores and assignment "
        f"{figures['match_s']:.2f} s; CPU time {figures['cpu_s']:.2f} s); "
        f"explanations of all pairs {figures['explain_s']:.2f} s"
    )
    print(f"   peak memory (max RSS of the process) {figures['peak_mb']:.0f} MB")
    print(
        f"   matched {figures['matched']:,}, unmatched {figures['unmatched']:,}, "
        f"mean fit {figures['mean_fit']:.2f} points"
    )
    print(
        f"   optimal by certificate after {figures['rounds']} solve(s) over "
        f"{figures['candidate_pairs']:,} candidate pairs "
        f"({figures['candidate_pairs'] / (figures['mentees'] * figures['mentors']):.2%} of all)"
    )
    if "dense" in figures:
        matched, total = figures["dense"]
        same = (matched, total) == (figures["matched"], figures["total_milli"])
        print(
            f"   dense linear_sum_assignment: matched {matched:,}, total {total / 1000:,.3f} "
            f"in {figures['dense_s']:.2f} s; ours total {figures['total_milli'] / 1000:,.3f}: "
            f"{'same optimum' if same else 'DIFFERENT'}"
        )


def load_note() -> str:
    """Other work on the machine slows the wall-clock figures: say how much there was."""
    one_minute = os.getloadavg()[0]
    return f"load average {one_minute:.1f} on {os.cpu_count()} CPUs"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the small instance only")
    parser.add_argument("--one", nargs=2, type=int, metavar=("MENTEES", "MENTORS"))
    parser.add_argument("--check", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(*args.one, check=args.check)))
        return
    sizes = SIZES[:1] if args.quick else SIZES
    print(f"mentor matching benchmark ({load_note()})")
    for k, (mentees, mentors) in enumerate(sizes):
        command = [sys.executable, __file__, "--one", str(mentees), str(mentors)]
        if k == 0:
            command.append("--check")
        done = subprocess.run(command, check=True, capture_output=True, text=True)
        report(json.loads(done.stdout))


if __name__ == "__main__":
    main()
