"""The HR dashboards' speed on a large organisation: reading the reports, aggregating, showing.

Makes the demo reports of ``--people`` people through the blocks' row code, then prints the
time to load them into a DashboardSession (parse and check every cell), to build the
DashboardView (every aggregate, table and chart), to recompute the gap table and the plan
tables alone, the peak memory of a load (traced in a second, untimed load), and how much HTML
the view holds (aggregates only).

    .venv/bin/python bench/dashboards.py [--people 100000]
"""

from __future__ import annotations

import argparse
import time
import tracemalloc

import talent_core as tc
from talent_lab import DashboardSession, DashboardView
from talent_lab._dashboard_demo import demo_reports


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    args = parser.parse_args()

    files = demo_reports(
        tc.generate_organisation(args.people, 1), tc.demo_framework(), tc.demo_roles()
    )
    megabytes = sum(len(data) for _, data in files) / 1e6
    session = DashboardSession()
    start = time.perf_counter()
    session.load(files)
    loading = time.perf_counter() - start
    tracemalloc.start()
    DashboardSession().load(files)
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    rows = ", ".join(f"{len(r.rows):,} {r.kind}" for r in session.loaded())
    print(
        f"load {len(files)} files ({megabytes:.1f} MB; {rows}): {loading:.2f} s, peak {peak:.0f} MB"
    )

    DashboardView(DashboardSession())  # plotly's widget module loads once per kernel: not timed
    start = time.perf_counter()
    view = DashboardView(session)
    print(f"build the view (all aggregates and charts): {time.perf_counter() - start:.2f} s")
    start = time.perf_counter()
    session.gap_table()
    print(f"gap table: {time.perf_counter() - start:.2f} s")
    start = time.perf_counter()
    for name in ("agreement", "activities", "progress", "mix"):
        session.table(name)
    print(f"plan and mix tables: {1000 * (time.perf_counter() - start):.1f} ms")
    shown = sum(
        len(w.value) for w in (view.data_summary, view.top_gaps, view.plans, view.mix_table)
    )
    print(f"HTML in the view: {shown / 1000:.1f} KB")


if __name__ == "__main__":
    main()
