"""Line managers: the team view and the safety net at scale.

Prints median and p95 of the development plan's ``student_view`` for a manager with 50 direct
reports, each with a 20-goal plan of 5 activities (their plans read through the ``user_state``
service, here a stand-in over an in-memory dict, as the LMS's service reads one row per
report), and the time ``needs_attention`` takes over 100,000 people's report rows (plan and
dialogue rows as the blocks' downloads give them, joined on username). Targets (issue 8): team
view p95 < 100 ms; needs attention over 100,000 people < 5 s. The team view is timed through
the workbench runtime's ``render`` (which also looks up asides on every call) and alone.

    .venv/bin/python bench/managers.py [--reports 50] [--people 100000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import blocks as blocks_bench
from xblock.fields import Scope

import talent_core as tc
from talent_core import managers as mg


class UserStates:
    """Stand-in for the LMS's ``user_state`` service: ``get_state_as_dict(username, block)``."""

    def __init__(self) -> None:
        self.states: dict[str, dict[str, Any]] = {}

    def get_state_as_dict(self, username: str, block_id: str, scope: Any = Scope.user_state) -> Any:
        return self.states.get(username, {})


def team_view(reports: int) -> str:
    rng = random.Random(8)
    usernames = [f"report_{n}" for n in range(reports)]
    roster = "username,manager_username,name\n" + "".join(
        f"{u},learner_bench,Person {n}\n" for n, u in enumerate(usernames)
    )
    block = blocks_bench.make_block(
        "development_plan", manager_roster=mg.read_manager_roster(roster).to_state()
    )
    service = UserStates()
    block.runtime._services["user_state"] = service
    for username in usernames:
        goals = blocks_bench.plan_goals(rng, 20, 5)
        plan = tc.DevelopmentPlan(owner=username, version=3, goals=goals)
        service.states[username] = {"plan_record": tc.plan_to_state(plan)}
    html = block.render("student_view", {}).body_html()
    assert html.count("data-report=") == reports, "every report is shown"
    through_runtime = blocks_bench.timed(lambda run: block.render("student_view", {}), runs=50)
    alone = blocks_bench.timed(lambda run: block.student_view({}), runs=50)
    return f"{through_runtime} (student_view alone: {alone})"


def report_rows(people: int) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    rng = random.Random(9)
    day = dt.date(2026, 6, 30)
    statuses = [s.value for s in mg.ManagerStatus]
    plans, dialogues = [], []
    for n in range(people):
        username = f"p{n}"

        def iso(back: int) -> str:
            return (day - dt.timedelta(days=rng.randint(0, back))).isoformat()

        plans.append(
            {
                "username": username,
                "goals": "3",
                "progress_percent": "40",
                "agreement": "yes",
                "manager_username": f"m{n // 8}",
                "manager_status": rng.choice(statuses),
                "saved_on": iso(200),
                "next_due": iso(60) if n % 3 else "",
                "submitted_on": iso(40),
                "manager_last_conversation": iso(500) if n % 2 else "",
            }
        )
        dialogues.append({"username": username, "last_conversation": iso(600)})
    return plans, dialogues


def attention(people: int) -> str:
    plans, dialogues = report_rows(people)
    start = time.perf_counter()
    follow_ups = mg.follow_ups_from_reports(plans, dialogues)
    found = list(mg.needs_attention(follow_ups, dt.date(2026, 6, 30)))
    spent = time.perf_counter() - start
    return f"{spent:5.2f} s for {people:,} people ({len(found):,} items)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=50)
    parser.add_argument("--people", type=int, default=100_000)
    args = parser.parse_args()
    print(f"team view, {args.reports} reports x 20 goals: {team_view(args.reports)}")
    print(f"needs attention: {attention(args.people)}")


if __name__ == "__main__":
    main()
