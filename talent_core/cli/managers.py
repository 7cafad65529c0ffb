"""``talent managers``: the course's manager roster from a people file, and HR's safety net.

``talent managers roster people.csv -o managers.csv`` writes the ``username,manager_username,
name`` roster that course staff upload in the development plan block (the people file's
``manager_id`` joined to each person's ``username`` column, else their id), checked with the
same reader the block uses. ``talent managers attention plan.csv [dialogue.csv] -o out.csv``
lists who needs attention from the blocks' staff downloads.
"""

from __future__ import annotations

import argparse
import datetime as dt

from .._people_csv import csv_rows, read_people_csv
from .._roster import roster_username
from .._spreadsheet import csv_text
from ..managers import (
    AttentionRules,
    follow_ups_from_reports,
    manager_roster_csv,
    needs_attention,
    read_manager_roster,
)
from . import EXIT_OK, INPUT_FILES_EPILOG
from ._files import check_files, read_input, write_output

__all__ = ["register"]

ATTENTION_COLUMNS = ("manager_username", "department", "reason", "since", "days")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = subparsers.add_parser(
        "managers",
        help="the manager roster and the safety net",
        description="Write the course's manager roster from a people file; list whose "
        "development needs attention from the blocks' report downloads.",
        epilog=INPUT_FILES_EPILOG,
    )
    commands = group.add_subparsers(dest="managers_command", required=True)
    roster = commands.add_parser(
        "roster",
        help="write the manager roster (username,manager_username,name) from a people CSV",
        description="Join each person's manager_id to the manager's username (the people "
        "file's username column, else the id) and write the roster course staff upload in the "
        "development plan block.",
        epilog=INPUT_FILES_EPILOG,
    )
    roster.add_argument("people", help="the people CSV (id, name, manager_id, ...)")
    roster.add_argument("-o", "--output", required=True, metavar="CSV", help="roster to write")
    roster.set_defaults(func=_roster)
    attention = commands.add_parser(
        "attention",
        help="list who needs attention (overdue, untouched, changed, no dialogue, waiting)",
        description="Read the development plan block's data download (and the dialogue's) "
        "and list every reason a person needs attention, one row each.",
        epilog=INPUT_FILES_EPILOG,
    )
    attention.add_argument("plans", help="the development plan block's data CSV")
    attention.add_argument("dialogues", nargs="?", help="the dialogue block's data CSV")
    attention.add_argument("--people", metavar="CSV", help="people CSV for departments")
    attention.add_argument("--today", type=dt.date.fromisoformat, help="YYYY-MM-DD")
    attention.add_argument("--untouched-days", type=int, default=90, metavar="N")
    attention.add_argument("-o", "--output", required=True, metavar="CSV", help="list to write")
    attention.set_defaults(func=_attention)


def _roster(args: argparse.Namespace) -> int:
    check_files([args.people], [args.output])
    people = read_people_csv(read_input(args.people), args.people)
    text = manager_roster_csv(people)
    read_manager_roster(text)  # the block would refuse it: say so here
    write_output(args.output, text.encode("utf-8"))
    return EXIT_OK


def _rows(name: str) -> list[dict[str, str]]:
    """A block's download as dicts, read like every CSV here (named errors, formulas restored)."""
    _, rows = csv_rows(read_input(name), name, ())
    return [row.cells for row in rows]


def _attention(args: argparse.Namespace) -> int:
    check_files([args.plans, args.dialogues, args.people], [args.output])
    departments: dict[str, str] = {}
    if args.people:
        people = read_people_csv(read_input(args.people), args.people)
        departments = {roster_username(p): p.department for p in people}
    people_rows = follow_ups_from_reports(
        _rows(args.plans), _rows(args.dialogues) if args.dialogues else (), departments
    )
    rules = AttentionRules(untouched_days=args.untouched_days)
    items = needs_attention(people_rows, args.today or dt.date.today(), rules)
    rows: list[tuple[object, ...]] = [("username", *ATTENTION_COLUMNS)]
    for item in items:
        since = item.since.isoformat() if item.since else ""
        cells = (item.username, item.manager_username, item.department, item.reason.value)
        rows.append((*cells, since, item.days))
    write_output(args.output, csv_text(rows, lineterminator="\r\n").encode("utf-8"))
    return EXIT_OK
