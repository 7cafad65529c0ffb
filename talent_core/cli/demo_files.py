"""``talent demo-files``: small example input files, so every README example runs as written."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

from .._demo import demo_framework, demo_roles
from .._demo_org import generate_organisation
from .._people_csv import write_people_csv
from ..formats import write_framework, write_roles
from ..mentoring import (
    demo_programme,
    write_history_csv,
    write_mentees_csv,
    write_mentors_csv,
    write_volunteers_csv,
)
from ..rpl import demo_rpl, write_decisions_csv, write_queue_csv
from . import EXIT_OK, INPUT_FILES_EPILOG
from ._files import write_output

__all__ = ["DEMO_FILES", "demo_files", "register"]

#: The demo organisation behind the files: the mentoring notebook's demo uses the same.
DEMO_PEOPLE, DEMO_SEED = 400, 1

#: File name → what it holds.
DEMO_FILES: dict[str, str] = {
    "framework.csv": "the demo competency framework as a Moodle CSV (English)",
    "roles.csv": "the demo role profiles as a role CSV (one row per role and competency)",
    "people.csv": f"a demo organisation of {DEMO_PEOPLE} people",
    "mentees.csv": "the mentees of the demo mentoring programme",
    "mentors.csv": "its mentors with capacities and strengths",
    "history.csv": "three earlier programmes (who mentored whom)",
    "volunteers.csv": "who offered to mentor next (as the peer-group block writes it)",
    "issuer.json": "the issuer of RPL credentials (talent rpl issue)",
    "rpl-queue.csv": "prior-learning claims as the portfolio block's review queue download",
    "rpl-reviewers.csv": "the portfolio block's reviewer roster (guides and assessors)",
    "rpl-decisions.csv": "assessors' decisions on those claims (as notebook 04 writes them)",
}
#: The demo RPL data is dated as of this day, so the files are the same every time.
RPL_DEMO_DAY = dt.datetime(2026, 9, 1, 12, tzinfo=dt.UTC)

DEMO_ISSUER = {
    "id": "https://talent.example.org/issuer",
    "name": "Example Organisation, Learning & Development",
    "url": "https://talent.example.org",
    "email": "learning@example.org",
}


def demo_files() -> dict[str, bytes]:
    """Each demo file's name and bytes (deterministic)."""
    framework = demo_framework()
    people = generate_organisation(DEMO_PEOPLE, DEMO_SEED)
    roles = demo_roles()
    demo = demo_programme(people, framework, roles, seed=DEMO_SEED)
    review = demo_rpl(today=RPL_DEMO_DAY)
    texts: dict[str, Callable[[], str]] = {
        "framework.csv": lambda: write_framework(framework, "moodle-csv").decode("utf-8"),
        "roles.csv": lambda: write_roles(roles, "csv").decode("utf-8"),
        "people.csv": lambda: write_people_csv(people),
        "mentees.csv": lambda: write_mentees_csv(demo.mentees),
        "mentors.csv": lambda: write_mentors_csv(demo.mentors),
        "history.csv": lambda: write_history_csv(demo.history),
        "volunteers.csv": lambda: write_volunteers_csv(demo.volunteers),
        "issuer.json": lambda: json.dumps(DEMO_ISSUER, indent=2) + "\n",
        "rpl-queue.csv": lambda: write_queue_csv(review.queue),
        "rpl-reviewers.csv": lambda: review.roster_csv,
        "rpl-decisions.csv": lambda: write_decisions_csv(review.decisions),
    }
    return {name: texts[name]().encode("utf-8") for name in DEMO_FILES}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    listing = "; ".join(f"{name}: {what}" for name, what in DEMO_FILES.items())
    command = subparsers.add_parser(
        "demo-files",
        help="write small example input files for every command",
        description=f"Write example input files into a folder: {listing}. The README's "
        "examples run as written in that folder.",
        epilog=INPUT_FILES_EPILOG,
    )
    command.add_argument(
        "-o", "--output", required=True, metavar="DIR", help="folder to write into (created)"
    )
    command.add_argument(
        "--force", action="store_true", help="replace files of the same name in the folder"
    )
    command.set_defaults(func=_demo_files)


def _demo_files(args: argparse.Namespace) -> int:
    folder = Path(args.output)
    existing = [name for name in DEMO_FILES if (folder / name).exists()]
    if existing and not args.force:
        raise ValueError(
            f"{folder}: already holds {', '.join(existing)}; use --force to replace them"
        )
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in demo_files().items():
        write_output(str(folder / name), data)
    print(f"{len(DEMO_FILES)} example files in {folder}: {', '.join(DEMO_FILES)}")
    return EXIT_OK
