"""How the intervision notebook's designer copes with large organisations (up to 100,000).

For demo organisations of growing size it prints the seconds to generate the people and
build the view, to design groups (the core's search, then the view's own share), for one
move by hand (the view's click; the session's ``GroupingEvaluator`` rescoring the two groups
the move touches, against ``score_grouping`` rescoring everyone as moves did before), a page
turn, a chart change and the Teams export; the bytes the widgets carry to the browser (table
HTML, the dropdowns' options, the chart data) and the peak memory of the process. Tables are
paged and charts aggregated, so the HTML and chart data should stay flat as the organisation
grows.

    .venv/bin/python bench/notebook_groups.py [SIZE ...]
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
from collections.abc import Callable

from talent_core.grouping import score_grouping
from talent_lab import GroupingSession, GroupingView

SIZES = (1_000, 10_000, 100_000)


def seconds(action: Callable[[], object]) -> float:
    began = time.perf_counter()
    action()
    return time.perf_counter() - began


def state_bytes(widget: object) -> int:
    """Bytes of a widget's synchronised state, as sent to the browser."""
    state = widget.get_state()  # type: ignore[attr-defined]
    return len(json.dumps({k: v for k, v in state.items() if k != "_esm"}, default=str))


def measure(size: int, folder: str) -> None:
    build_people = seconds(lambda: GroupingSession.demo(size, 1, out_dir=folder))
    session = GroupingSession.demo(size, 1, out_dir=folder)
    began = time.perf_counter()
    view = GroupingView(session)
    build_view = time.perf_counter() - began
    view.time_limit.value = 60
    design_all = seconds(view.run_button.click)
    assert session.result is not None and session.scores is not None, view.run_status.value
    search = session.result.seconds

    groups = session.groups
    view.move_group.value = groups[0].name
    view.move_target.value = groups[1].name
    move = seconds(view.move_button.click)
    person = session.groups[2].members[0]
    incremental = seconds(lambda: session.move(person, groups[3].name))
    whole = seconds(lambda: score_grouping(session.people, session.groups, session.options))
    page = seconds(lambda: setattr(view.page, "value", 2))
    worst = seconds(lambda: setattr(view.sort, "value", "worst"))
    chart = seconds(lambda: setattr(view.chart_attribute, "value", "location"))
    export = seconds(view.export_button.click)

    dropdowns = sum(state_bytes(d) for d in (view.move_group, view.move_target))
    print(
        f"{size:>7,} people {len(groups):>6,} groups | generate {build_people:6.2f} s, "
        f"view {build_view:5.2f} s | design {design_all:6.2f} s (search {search:6.2f} s, "
        f"view {design_all - search:5.2f} s), mean {session.scores.total:5.1f}, "
        f"worst {session.scores.worst.score if session.scores.worst else 0:5.1f} | "
        f"move {move:5.2f} s, page {page:5.2f} s, worst first {worst:5.2f} s, "
        f"chart {chart:5.2f} s, Teams CSV {export:5.2f} s"
    )
    print(
        f"{'':>22} move by hand: evaluator {incremental * 1000:7.1f} ms, before it "
        f"(score_grouping on everyone) {whole * 1000:7.1f} ms"
    )
    print(
        f"{'':>22} table {len(view.table.value) / 1024:6.1f} KB, notices "
        f"{len(view.notices.value) / 1024:5.1f} KB, group dropdowns {dropdowns / 1024:7.1f} KB, "
        f"chart data {state_bytes(view.chart.figure) / 1024:6.1f} KB (plus plotly's script "
        f"once), peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:6.0f} MB"
    )


def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:]] or list(SIZES)
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            measure(size, folder)


if __name__ == "__main__":
    main()
