"""``talent groups``: design intervision groups and export them for Open edX Teams."""

from __future__ import annotations

import argparse
import dataclasses
import re
import sys
from pathlib import Path

from .._people_csv import read_pairs_csv, read_people_csv, read_rounds_csv
from .._validation import load
from ..grouping import (
    AttributeGoal,
    GroupingOptions,
    ManagerRule,
    NoticeCode,
    Policy,
    design_groups,
    earlier_groups,
    read_groups_csv,
    teams_csv,
    write_groups_csv,
    write_report_csv,
)
from . import EXIT_OK, INPUT_FILES_EPILOG
from ._files import check_files, read_input, write_output, write_outputs
from ._time import time_limit

__all__ = ["register"]

_SIZE = re.compile(r"^\s*(\d+)\s*[-–]\s*(\d+)\s*$")
_GOAL = re.compile(r"^(dissimilar|similar|ignore)(?::(\d+(?:\.\d+)?))?$")


def _size(text: str) -> tuple[int, int]:
    match = _SIZE.match(text)
    if not match:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size range such as 5-7")
    low, high = int(match[1]), int(match[2])
    if not 2 <= low <= high <= 50:  # said here as the flag, not as GroupingOptions' fields
        raise argparse.ArgumentTypeError(f"{text!r}: sizes run from 2 to 50, MIN not above MAX")
    return low, high


def _goal(text: str) -> AttributeGoal:
    match = _GOAL.match(text)
    if not match:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not POLICY[:WEIGHT] with POLICY dissimilar, similar or ignore"
        )
    return AttributeGoal(policy=Policy(match[1]), weight=float(match[2] or 1))


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive number of seconds")
    return value


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = subparsers.add_parser(
        "groups",
        help="design intervision groups and export them",
        description="Design intervision (peer consultation) groups and export them for Open edX.",
        epilog=INPUT_FILES_EPILOG,
    )
    commands = group.add_subparsers(dest="groups_command", required=True)
    _register_design(commands)
    _register_teams(commands)


def _register_design(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    design = commands.add_parser(
        "design",
        help="split people into intervision groups",
        description="Split the people of a people CSV into groups that keep every hard "
        "constraint (sizes, working language, manager line, must-together and must-apart "
        "pairs) and spread or gather departments, locations and seniority as asked. If the "
        "constraints cannot all hold, say why and write nothing.",
        epilog=INPUT_FILES_EPILOG,
    )
    design.add_argument("people", help="people CSV (id,name,email,manager_id,...)")
    design.add_argument("--history", metavar="CSV", help="earlier rounds (id,round,group)")
    design.add_argument("--together", metavar="CSV", help="must-together pairs (id_a,id_b)")
    design.add_argument("--apart", metavar="CSV", help="must-apart pairs (id_a,id_b)")
    design.add_argument(
        "--size", type=_size, default=(5, 7), metavar="MIN-MAX", help="group size (default: 5-7)"
    )
    design.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    design.add_argument(
        "--time-limit",
        type=_seconds,
        metavar="SEC",
        help="finish within SEC seconds, reading included: the search stops early, and if "
        "even that is too slow the command stops with nothing written",
    )
    language = design.add_mutually_exclusive_group()
    language.add_argument(
        "--same-language",
        dest="same_language",
        action="store_true",
        default=True,
        help="one working language per group (default)",
    )
    language.add_argument(
        "--mixed-language",
        dest="same_language",
        action="store_false",
        help="groups may mix working languages",
    )
    design.add_argument(
        "--avoid-manager-chain",
        action="store_true",
        help="keep everyone apart from all managers up their line (default: direct manager)",
    )
    defaults = GroupingOptions()
    for name in ("department", "location", "seniority"):
        goal: AttributeGoal = getattr(defaults, name)
        design.add_argument(
            f"--{name}",
            type=_goal,
            metavar="POLICY[:WEIGHT]",
            help=f"dissimilar (spread), similar (gather) or ignore, with a weight "
            f"(default: {goal.policy}:{goal.weight:g})",
        )
    design.add_argument(
        "--timezone-weight",
        type=float,
        metavar="W",
        help=f"weight of few time-zone bands per group (default: {defaults.timezone_weight:g})",
    )
    design.add_argument(
        "--repeat-weight",
        type=float,
        metavar="W",
        help=f"weight of not meeting again (default: {defaults.repeat_weight:g})",
    )
    design.add_argument(
        "--prefix", default="Intervision", help="group names: PREFIX 01, PREFIX 02, ..."
    )
    design.add_argument("-o", "--output", required=True, metavar="CSV", help="groups (id,group)")
    design.add_argument("--report", metavar="CSV", help="also write the score of each group")
    design.set_defaults(func=_design)


def _register_teams(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    teams = commands.add_parser(
        "teams-csv",
        help="turn groups into the Open edX Teams membership upload",
        description="Write the CSV that the Open edX instructor dashboard uploads to assign "
        "learners to teams: one row per member with user (username, else e-mail), enrolment "
        "mode and the team name in the teamset's column.",
        epilog=INPUT_FILES_EPILOG,
    )
    teams.add_argument("groups", help="groups CSV (id,group)")
    teams.add_argument("--people", required=True, metavar="CSV", help="the people CSV")
    teams.add_argument("--teamset", required=True, metavar="ID", help="teamset id in the course")
    teams.add_argument(
        "--mode",
        default="audit",
        help="enrolment mode of everyone (audit, verified, ...) or a people column holding "
        "each person's mode (default: audit)",
    )
    teams.add_argument(
        "--header",
        choices=("user", "username"),
        default="user",
        help="name of the first column: 'user' (matches username or e-mail) or 'username' "
        "(newer releases, usernames only) (default: user)",
    )
    teams.add_argument("-o", "--output", required=True, metavar="CSV", help="teams CSV to write")
    teams.set_defaults(func=_teams)


def _options(args: argparse.Namespace) -> GroupingOptions:
    settings: dict[str, object] = {
        "min_size": args.size[0],
        "max_size": args.size[1],
        "same_language": args.same_language,
        "manager_rule": ManagerRule.LINE if args.avoid_manager_chain else ManagerRule.DIRECT,
    }
    for name in ("department", "location", "seniority", "timezone_weight", "repeat_weight"):
        if getattr(args, name) is not None:
            settings[name] = getattr(args, name)
    if args.history:
        settings["earlier_groups"] = earlier_groups(
            read_rounds_csv(read_input(args.history), args.history)
        )
    for name in ("together", "apart"):
        path = getattr(args, name)
        if path:
            settings[name] = read_pairs_csv(read_input(path), path)
    return load(GroupingOptions, settings)


def _design(args: argparse.Namespace) -> int:
    check_files([args.people, args.history, args.together, args.apart], [args.output, args.report])
    with time_limit(args.time_limit) as clock:
        people = read_people_csv(read_input(args.people), args.people)
        options = _options(args)
        result = design_groups(
            people,
            options,
            seed=args.seed,
            time_limit=clock.search_budget(),
            name_prefix=args.prefix,
        )
        outputs = [(args.output, write_groups_csv(result.groups).encode("utf-8"))]
        if args.report:
            outputs.append((args.report, write_report_csv(result.scores).encode("utf-8")))
        clock.stop()
    write_outputs(outputs)
    scores = result.scores
    worst = f", worst {scores.worst.score:.1f} ({scores.worst.name})" if scores.worst else ""
    print(
        f"{len(result.groups)} groups for {len(people)} people in {Path(args.output).name}: "
        f"mean score {scores.total:.1f}{worst}",
        file=sys.stderr,
    )
    for warning in result.warnings:
        if warning.code == NoticeCode.TIME_LIMIT:  # the user's limit, not the search's share
            warning = dataclasses.replace(warning, params={"seconds": f"{args.time_limit:g}"})
        print(f"warning: {warning}", file=sys.stderr)
    return EXIT_OK


def _teams(args: argparse.Namespace) -> int:
    check_files([args.groups, args.people], [args.output])
    people = read_people_csv(read_input(args.people), args.people)
    groups = read_groups_csv(read_input(args.groups), args.groups, people)
    text = teams_csv(
        groups,
        people,
        args.teamset,
        args.mode,
        user_column=args.header,
        people_file=args.people,
    )
    write_output(args.output, text.encode("utf-8"))
    return EXIT_OK
