"""competency_assessment block: view and handler latency, and HR's report over many learners.

Runs the block under the real workbench runtime with in-memory field data (no server), rating
all 25 competencies of the demo framework. Prints median and p95 of ``student_view`` (before
and after a submission) and of the ``save_draft`` / ``submit_assessment`` handlers, then the
time ``generate_report_data`` takes over synthetic learners with three attempts each.
Targets (issue 3): handler p95 < 50 ms, report of 100,000 states < 10 s.

    .venv/bin/python bench/competency_assessment.py [--learners 100000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from typing import Any

os.environ["TALENT_WORKBENCH_VAR"] = tempfile.mkdtemp(prefix="talent-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xblocks.workbench.settings")

import django

django.setup()
# The handlers take turns through a lock kept in the workbench's database cache.
django.core.management.call_command("createcachetable", verbosity=0)

from webob import Request  # noqa: E402
from workbench.runtime import WorkbenchRuntime  # noqa: E402
from xblock.core import XBlock  # noqa: E402
from xblock.fields import ScopeIds  # noqa: E402
from xblock.runtime import DictKeyValueStore, KvsFieldData  # noqa: E402

import talent_core as tc  # noqa: E402
from xblocks.compat import XBlockUserState  # noqa: E402

ROLE = "first-time-manager"
CLUSTERS = [cluster.id for cluster in tc.demo_framework().clusters()]
RUNS = 200


class QuietRuntime(WorkbenchRuntime):
    """The workbench runtime on in-memory field data; events are dropped, as a log would."""

    def __init__(self, user_id: str, field_data: KvsFieldData) -> None:
        super().__init__(user_id)
        self._services["field-data"] = field_data

    def publish(self, block: XBlock, event_type: str, event_data: dict[str, Any]) -> None:
        pass


def make_block() -> Any:
    runtime = QuietRuntime("learner_bench", KvsFieldData(DictKeyValueStore()))
    definition = runtime.id_generator.create_definition("competency_assessment")
    usage = runtime.id_generator.create_usage(definition)
    cls = XBlock.load_class("competency_assessment")
    block = cls(runtime, scope_ids=ScopeIds("learner_bench", cls, definition, usage))
    block.competencies = CLUSTERS
    block.save()
    return block


def timings(action: Callable[[], object], runs: int = RUNS) -> str:
    action()  # warm caches (templates, setup)
    spent = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        spent.append((time.perf_counter() - start) * 1000)
    p95 = statistics.quantiles(spent, n=20)[-1]
    return f"median {statistics.median(spent):6.2f} ms   p95 {p95:6.2f} ms"


def post(block: Any, handler: str, payload: dict[str, Any]) -> None:
    body = json.dumps(payload).encode()
    request = Request.blank("/", method="POST", body=body, content_type="application/json")
    response = block.handle(handler, request)
    assert response.status_code == 200, response.body


def synthetic_states(count: int, competency_ids: list[str]) -> list[Any]:
    """Learners with three dated attempts of random levels and a note each, as stored."""
    rng = random.Random(7)
    start = dt.datetime(2025, 1, 6, 9, tzinfo=dt.UTC)
    states = []
    for n in range(count):
        attempts = [
            {
                "submitted_at": (start + dt.timedelta(days=90 * i, minutes=n)).isoformat(),
                "role_id": ROLE,
                "levels": {cid: rng.randint(1, 4) for cid in competency_ids},
                "notes": {competency_ids[i]: "Led the weekly planning with the new team."},
            }
            for i in range(3)
        ]
        record = {"schema_version": 1, "draft": {"role_id": ROLE}, "attempts": attempts}
        states.append(XBlockUserState(f"learner_{n}", "block", {"assessment": record}, None, None))
    return states


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=100_000)
    learners = parser.parse_args().learners

    block = make_block()
    ids = list(block.setup.competency_ids)
    answers = {
        "role_id": ROLE,
        "levels": {cid: 1 + i % 4 for i, cid in enumerate(ids)},
        "notes": {cid: "An example from last month's project." for cid in ids[:10]},
    }
    print(f"competency_assessment, {len(ids)} competencies, {RUNS} runs each")
    print(f"  student_view, no result     {timings(lambda: block.render('student_view', {}))}")
    print(f"  save_draft handler          {timings(lambda: post(block, 'save_draft', answers))}")
    print(
        "  submit_assessment handler   "
        + timings(lambda: post(block, "submit_assessment", answers), runs=49)
    )
    print(f"  student_view, 50 attempts   {timings(lambda: block.render('student_view', {}))}")

    states = synthetic_states(learners, ids)
    start = time.perf_counter()
    rows = sum(1 for _ in block.generate_report_data(iter(states)))
    seconds = time.perf_counter() - start
    print(f"  generate_report_data        {rows:,} learners in {seconds:.2f} s "
          f"({seconds / rows * 1e6:.0f} µs per learner)")  # fmt: skip


if __name__ == "__main__":
    main()
