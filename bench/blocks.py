"""The learner blocks' speed: the development plan's views and handlers, and HR's reports.

Runs the blocks under the real workbench runtime with in-memory field data (no server), as
``bench/competency_assessment.py`` does (its helpers are reused). Prints median and p95 of the
development plan's ``student_view`` and handlers for a plan of 20 goals with 5 activities each,
then the time ``generate_report_data`` takes over synthetic learners for the development plan
and the competency assessment. Targets (issue 3): handler p95 < 50 ms, report of 100,000 states
< 10 s.

    .venv/bin/python bench/blocks.py [--learners 100000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

# The assessment's benchmark sets Django up for the workbench runtime; its helpers are reused.
sys.path.insert(0, str(Path(__file__).resolve().parent))

import competency_assessment as assessment_bench
from xblock.core import XBlock
from xblock.fields import ScopeIds
from xblock.runtime import DictKeyValueStore, KvsFieldData

import talent_core as tc
from xblocks.compat import XBlockUserState

GOALS, ACTIVITIES = 20, 5
RUNS = 200
MODES = list(tc.LearningMode)
STATUSES = list(tc.ActivityStatus)


def make_block(block_type: str, **fields: Any) -> Any:
    runtime = assessment_bench.QuietRuntime("learner_bench", KvsFieldData(DictKeyValueStore()))
    definition = runtime.id_generator.create_definition(block_type)
    usage = runtime.id_generator.create_usage(definition)
    cls = XBlock.load_class(block_type)
    block = cls(runtime, scope_ids=ScopeIds("learner_bench", block_type, definition, usage))
    for name, value in fields.items():
        setattr(block, name, value)
    block.save()
    return block


def plan_goals(rng: random.Random, goals: int, activities: int | None) -> list[dict[str, Any]]:
    """Goals on demo competencies with framework and own activities, as the page sends them;
    ``activities`` per goal, or 0 to 6 at random for None."""
    framework = tc.demo_framework()
    competencies = rng.sample(framework.competencies(), goals)
    result = []
    for competency in competencies:
        items = []
        count = rng.randint(0, 6) if activities is None else activities
        for j in range(count):
            picked = competency.activities[j] if j < len(competency.activities) else None
            status = rng.choice(STATUSES)
            items.append(
                {
                    "id": picked.id if picked else f"own-{j}",
                    "activity_ref": picked.id if picked else None,
                    "title": picked.title["en"] if picked else "Shadow a colleague for a day",
                    "mode": (picked.mode if picked else rng.choice(MODES)).value,
                    "hours": picked.hours if picked else rng.choice([1, 2.5, 4, 8]),
                    "due": (
                        dt.date(2031, 1, 1) + dt.timedelta(days=rng.randint(0, 700))
                    ).isoformat(),
                    "status": status.value,
                    "reflection": "Worked well with concrete examples." if status == "done" else "",
                }
            )
        result.append(
            {
                "id": f"g-{competency.id}",
                "competency_id": competency.id,
                "target_level": rng.randint(2, 4),
                "why": "The role asks for it and my team needs it this year.",
                "activities": items,
            }
        )
    return result


def timed(action: Callable[[int], object], runs: int = RUNS) -> str:
    """Median and p95 of ``action(run)``; the first call warms caches and is not counted."""
    action(0)
    spent = []
    for run in range(1, runs + 1):
        start = time.perf_counter()
        action(run)
        spent.append((time.perf_counter() - start) * 1000)
    p95 = statistics.quantiles(spent, n=20)[-1]
    return f"median {statistics.median(spent):6.2f} ms   p95 {p95:6.2f} ms"


def plan_states(count: int) -> list[Any]:
    """Learners' stored plans of 1 to 8 goals with 0 to 6 activities, a third of them agreed.

    A thousand distinct plans are parsed afresh for every learner, as the platform's user-state
    client parses each stored row, so no two learners share objects.
    """
    rng = random.Random(11)
    stored = []
    for n in range(1000):
        goals = plan_goals(rng, rng.randint(1, 8), None)
        plan = tc.DevelopmentPlan(owner=f"learner_{n}", version=rng.randint(1, 30), goals=goals)
        if n % 3 == 0:
            plan = plan.agreed("Mia Berg", dt.date(2025, 5, 2), "Good plan.")
        stored.append(json.dumps({"plan_record": tc.plan_to_state(plan)}))
    return [
        XBlockUserState(f"learner_{n}", "block", json.loads(stored[n % 1000]), None, None)
        for n in range(count)
    ]


def report(block: Any, states: Iterable[Any]) -> str:
    start = time.perf_counter()
    rows = sum(1 for _ in block.generate_report_data(iter(states)))
    seconds = time.perf_counter() - start
    return f"{rows:,} learners in {seconds:.2f} s ({seconds / rows * 1e6:.0f} µs per learner)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=100_000)
    learners = parser.parse_args().learners

    block = make_block("development_plan")
    goals = plan_goals(random.Random(3), GOALS, ACTIVITIES)
    payload_bytes = len(json.dumps({"version": 0, "goals": goals}).encode())
    post = assessment_bench.post
    print(
        f"development_plan, {GOALS} goals x {ACTIVITIES} activities "
        f"({payload_bytes / 1024:.1f} KB per save), {RUNS} runs each"
    )
    print(f"  student_view, empty plan      {timed(lambda _: block.render('student_view', {}))}")
    print(
        "  save_plan handler             "
        + timed(lambda run: post(block, "save_plan", {"version": run, "goals": goals}))
    )
    print(f"  student_view, saved plan      {timed(lambda _: block.render('student_view', {}))}")
    taken = [goal["id"] for goal in goals]
    new_goal = {"competency_id": "resilience", "taken": taken}
    print(f"  new_goal handler              {timed(lambda _: post(block, 'new_goal', new_goal))}")
    agreement = {"manager_name": "Mia Berg", "agreed_on": "2025-05-02"}
    print(
        "  record_agreement handler      "
        + timed(
            lambda run: post(block, "record_agreement", {**agreement, "version": RUNS + 1 + run})
        )
    )

    print(f"reports over {learners:,} synthetic learners")
    print(f"  development_plan              {report(block, plan_states(learners))}")
    assessment = make_block("competency_assessment", competencies=assessment_bench.CLUSTERS)
    ids = list(assessment.setup.competency_ids)
    states = assessment_bench.synthetic_states(learners, ids)
    print(f"  competency_assessment         {report(assessment, states)}")


if __name__ == "__main__":
    main()
