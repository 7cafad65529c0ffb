"""How the framework notebook's explorer copes with large frameworks.

Builds frameworks of growing size (clusters of competencies, four indicators and an activity
each, up to the 50,000-node limit) and prints, per size, the seconds to build the competency
table, to render the whole view, to switch language, and the HTML the widgets carry to the
browser (tables and the tree are capped, so this should stay flat as frameworks grow).

    .venv/bin/python bench/framework_explorer.py
"""

from __future__ import annotations

import time
from typing import Any

import talent_core as tc
from talent_lab import FrameworkExplorerView, FrameworkSession

PER_CLUSTER = 100


def synthetic_framework(competencies: int) -> tc.CompetencyFramework:
    levels = [{"value": v, "label": {"en": f"Level {v}", "sv": f"Nivå {v}"}} for v in (1, 2, 3, 4)]
    nodes: list[dict[str, Any]] = []
    for number in range(competencies):
        cluster = f"cluster-{number // PER_CLUSTER}"
        if number % PER_CLUSTER == 0:
            nodes.append({"id": cluster, "type": "cluster", "name": {"en": cluster}})
        competency = f"competency-{number}"
        nodes.append(
            {
                "id": competency,
                "parent_id": cluster,
                "name": {"en": f"Competency {number}", "sv": f"Kompetens {number}"},
                "activities": [{"id": "a", "title": {"en": "Try"}, "mode": "online", "hours": 2}],
            }
        )
        nodes.extend(
            {
                "id": f"{competency}-{level}",
                "parent_id": competency,
                "type": "indicator",
                "level": level,
                "name": {"en": f"Indicator {level}"},
            }
            for level in (1, 2, 3, 4)
        )
    data = {"id": "bench", "name": {"en": "Bench"}, "scale": {"id": "s", "levels": levels}}
    return tc.load(tc.CompetencyFramework, {**data, "nodes": nodes})


def main() -> None:
    print(f"{'nodes':>7} {'table s':>8} {'view s':>7} {'switch s':>9} {'HTML KB':>8}")
    for competencies in (200, 2_000, 9_900):
        session = FrameworkSession(synthetic_framework(competencies), tc.demo_roles())
        start = time.perf_counter()
        session.competency_table()
        table = time.perf_counter() - start
        start = time.perf_counter()
        explorer = FrameworkExplorerView(session)
        view = time.perf_counter() - start
        start = time.perf_counter()
        explorer.language.value = "sv"
        switch = time.perf_counter() - start
        html = (explorer.overview, explorer.table, explorer.detail, explorer.roles)
        size = sum(len(widget.value.encode()) for widget in html) / 1024
        nodes = len(session.framework.nodes)
        print(f"{nodes:>7} {table:>8.2f} {view:>7.2f} {switch:>9.2f} {size:>8.0f}")


if __name__ == "__main__":
    main()
