"""HR's pipeline per role at 1,000, 10,000 and 100,000 people: time and peak memory.

For each size, makes the demo organisation's downloads (people with their roles,
self-assessments, plans with managers' ratings, talent views) through the blocks' row code,
then prints:

- **load**: reading and checking every file and building the pipeline (every person against
  every role), as the notebook does on an upload;
- **tables**: the role table, bench and the candidates of a role, and supply against demand,
  for the whole organisation and once more filtered by a department and a manager;
- **peak**: the peak memory of a load (traced in a second, untimed load);
- **naive**: the same fits person by person with ``talent_core.role_fit`` (one call per
  person over all roles), which the pipeline's numpy arrays replace; at 100,000 it is timed on
  the first 10,000 people and scaled up (said so in the line), the ratio against it.

    .venv/bin/python bench/pipeline.py [--sizes 1000 10000 100000]
"""

from __future__ import annotations

import argparse
import math
import time
import tracemalloc

import numpy as np

import talent_core as tc
from talent_core.pipeline import TalentPipeline
from talent_lab import PipelineSession
from talent_lab._dashboard_demo import demo_reports

#: Above this many people the naive baseline is timed on a sample of this size and scaled.
NAIVE_SAMPLE = 10_000


def naive_seconds(session: PipelineSession) -> tuple[float, int]:
    """Seconds for role_fit person by person (levels: manager's rating, else self-rating)."""
    pipeline = session.pipeline
    keys = list(pipeline.people)[:NAIVE_SAMPLE]
    competencies = sorted(pipeline._positions)
    scales = {c: session.framework.scale_for(c).values for c in competencies}
    levels = []
    for c in competencies:
        step, _ = pipeline._positions[c]
        levels.append([scales[c][s] if s >= 0 else None for s in step[: len(keys)].tolist()])
    people = [
        {c: column[i] for c, column in zip(competencies, levels, strict=True) if column[i]}
        for i in range(len(keys))
    ]
    start = time.perf_counter()
    for rated in people:
        tc.role_fit(session.framework, pipeline.roles, rated)
    return time.perf_counter() - start, len(keys)


def run(size: int) -> None:
    start = time.perf_counter()
    files = demo_reports(tc.generate_organisation(size, 1), tc.demo_framework(), tc.demo_roles())
    made = time.perf_counter() - start
    megabytes = sum(len(data) for _, data in files) / 1e6

    session = PipelineSession()
    start = time.perf_counter()
    session.load(files)
    loading = time.perf_counter() - start
    tracemalloc.start()
    PipelineSession().load(files)
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()

    def tables() -> float:
        start = time.perf_counter()
        session.role_table()
        session.candidate_table("project-lead")
        session.supply_table()
        return time.perf_counter() - start

    session.set_critical(["experienced-leader-mentor", "project-lead"])
    everyone = tables()
    session.department = session.departments()[0]
    session.manager = session.managers()[0]
    filtered = tables()
    session.department = session.manager = None

    inputs = session.pipeline_inputs()
    start = time.perf_counter()
    pipeline = TalentPipeline(session.framework, session.roles, **inputs)
    compute = time.perf_counter() - start

    naive, sampled = naive_seconds(session)
    scale = len(pipeline.people) / sampled
    naive_all = naive * scale
    note = "" if math.isclose(scale, 1) else f" (timed on {sampled:,}, scaled)"
    print(
        f"{size:>7,} people ({megabytes:.1f} MB of files, made in {made:.1f} s): "
        f"load + pipeline {loading:.2f} s (pipeline arrays alone {compute:.3f} s), "
        f"tables {1000 * everyone:.0f} ms, filtered {1000 * filtered:.0f} ms, "
        f"peak {peak:.0f} MB; naive role_fit {naive_all:.2f} s{note}, "
        f"{naive_all / compute:,.0f}x the arrays"
    )
    ready = int((pipeline.readiness >= 0).sum())
    print(f"         {ready:,} readiness records; {np.count_nonzero(pipeline.status == 1):,} fits")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    args = parser.parse_args()
    for size in args.sizes:
        run(size)


if __name__ == "__main__":
    main()
