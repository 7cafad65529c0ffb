"""The peer-group block's speed: a member's page and log, and HR's report.

The log of a group is read by merging every member's own entries from the store, so its cost
grows with the group and the entries. This runs the block under the real workbench runtime on
the workbench's database store (as the running workbench does), for a group of 7 members with
``--entries`` logged sessions each (at most 200 per member), and prints median and p95 of the
member's ``student_view``, ``show_log`` and ``log_session``; then the time
``generate_report_data`` takes over ``--learners`` synthetic learner states.

    .venv/bin/python bench/peer_group.py [--entries 30] [--learners 100000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

# The assessment's benchmark sets Django up for the workbench runtime; its helpers are reused.
sys.path.insert(0, str(Path(__file__).resolve().parent))

import competency_assessment as assessment_bench
from django.core.management import call_command
from workbench.runtime import WORKBENCH_KVS
from xblock.core import XBlock
from xblock.fields import ScopeIds
from xblock.runtime import KvsFieldData

import talent_core as tc
from xblocks.compat import XBlockUserState

MEMBERS = 7
RUNS = 100


def roster() -> str:
    rows = [f"member_{i},Harbour,{'host' if i == 0 else 'member'},Member {i}" for i in range(7)]
    return "username,group,role,name\n" + "\n".join(rows) + "\n"


def entry(n: int, member: int) -> dict[str, str]:
    day = f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}"
    return {
        "id": f"{member:08x}{n:024x}",
        "group": "Harbour",
        "date": day,
        "case_owner": f"Member {n % MEMBERS}",
        "insight": "Ask what the team already knows before planning the next step. " * 3,
        "action": "Share the plan on Monday and ask for one concern from each person.",
        "logged_at": f"{day}T10:{n % 60:02d}:00+00:00",
    }


def group_blocks(entries: int) -> list[Any]:
    """The same block as seen by each member, every member with ``entries`` sessions logged."""
    field_data = KvsFieldData(WORKBENCH_KVS)
    blocks = []
    usage = None
    for member in range(MEMBERS):
        user = f"member_{member}"
        runtime = assessment_bench.QuietRuntime(user, field_data)
        if usage is None:
            definition = runtime.id_generator.create_definition("peer_group")
            usage = runtime.id_generator.create_usage(definition)
        else:
            definition = runtime.id_generator.get_definition_id(usage)
        block = XBlock.load_class("peer_group")(
            runtime, scope_ids=ScopeIds(user, "peer_group", definition, usage)
        )
        if member == 0:
            block.roster_csv = roster()
        block.log_entries = [entry(n, member) for n in range(entries)]
        block.save()
        blocks.append(block)
    return blocks


def synthetic_states(count: int) -> list[Any]:
    """Learners with a group, up to 12 logged sessions and, for every third, an offer."""
    return [
        XBlockUserState(
            f"learner_{n}",
            "block",
            {
                "group_name": f"Group {n // 6}",
                "log_entries": [entry(i, n) for i in range(n % 13)],
                "volunteer_as": ("mentor", "host", "")[n % 3],
            },
            None,
            None,
        )
        for n in range(count)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=30, help="sessions per member")
    parser.add_argument("--learners", type=int, default=100_000, help="states in the report")
    args = parser.parse_args()
    entries = min(args.entries, tc.MAX_LOG_ENTRIES - 1)
    call_command("migrate", verbosity=0, interactive=False)

    blocks = group_blocks(entries)
    member = blocks[1]
    print(f"group of {MEMBERS} members, {entries} sessions each ({MEMBERS * entries} in the log)")
    view = assessment_bench.timings(lambda: member.render("student_view", {}), RUNS)
    print(f"  student_view  {view}")
    print(
        "  show_log      "
        + assessment_bench.timings(
            lambda: assessment_bench.post(member, "show_log", {"group": "Harbour"}), RUNS
        )
    )
    writer = blocks[2]
    session = {
        "group": "Harbour",
        "date": "2025-06-02",
        "case_owner": "Member 3",
        "insight": "Name the deadline out loud.",
        "action": "",
    }

    def log_once() -> None:
        writer.log_entries = writer.log_entries[:entries]  # keep the log the same size
        assessment_bench.post(writer, "log_session", session)

    print(f"  log_session   {assessment_bench.timings(log_once, RUNS)}")

    states = synthetic_states(args.learners)
    start = time.perf_counter()
    rows = sum(1 for _ in member.generate_report_data(iter(states)))
    spent = time.perf_counter() - start
    print(f"generate_report_data: {rows:,} rows from {len(states):,} states in {spent:.2f} s")


if __name__ == "__main__":
    main()
