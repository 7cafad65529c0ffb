"""``talent demo-org``: write a generated demo organisation as a people CSV."""

from __future__ import annotations

import argparse

from .._demo_org import MAX_DEMO_PEOPLE, MIN_DEMO_PEOPLE, generate_organisation
from .._people_csv import write_people_csv
from . import EXIT_OK, INPUT_FILES_EPILOG
from ._files import write_output

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = subparsers.add_parser(
        "demo-org",
        help="generate a demo organisation (people CSV)",
        description="Generate a believable demo organisation: a CEO, departments with a manager "
        "hierarchy, sites with time zones, seniority and working languages. The same seed always "
        "gives the same people.",
        epilog=INPUT_FILES_EPILOG,
    )
    command.add_argument(
        "--people",
        type=int,
        default=200,
        metavar="N",
        help=f"head count, {MIN_DEMO_PEOPLE} to {MAX_DEMO_PEOPLE:,} (default: 200)",
    )
    command.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    command.add_argument(
        "-o", "--output", required=True, metavar="OUT", help="people CSV to write ('-' for stdout)"
    )
    command.set_defaults(func=_demo_org)


def _demo_org(args: argparse.Namespace) -> int:
    people = generate_organisation(args.people, args.seed)
    write_output(args.output, write_people_csv(people).encode("utf-8"))
    return EXIT_OK
