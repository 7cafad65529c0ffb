"""``talent mentors``: match mentees to mentors and follow the pay-it-forward chain."""

from __future__ import annotations

import argparse
from pathlib import Path

from .._demo import demo_framework
from .._errors import InputError
from .._people_csv import read_people_csv
from .._spreadsheet import csv_text
from .._validation import load
from ..formats import read_framework
from ..grouping import ManagerRule
from ..mentoring import (
    FitWeights,
    MatchingProblem,
    MatchSettings,
    MentoringChain,
    match_mentors,
    mentoring_chain,
    read_history_csv,
    read_mentees_csv,
    read_mentors_csv,
    read_volunteers_csv,
    write_pairs_csv,
)
from . import EXIT_OK, INPUT_FILES_EPILOG
from ._files import check_files, read_input, write_output

__all__ = ["register"]

CHAIN_COLUMNS = ("person_id", "generation", "mentee_in", "mentor_in", "ready")


def _weight(text: str) -> tuple[str, float]:
    name, _, value = text.partition("=")
    if name not in FitWeights.model_fields:
        choices = ", ".join(FitWeights.model_fields)
        raise argparse.ArgumentTypeError(f"{text!r}: the part must be one of {choices}")
    try:
        points = float(value)
    except ValueError:
        points = -1.0
    if not 0 <= points <= 1000:
        raise argparse.ArgumentTypeError(f"{text!r}: points must be a number from 0 to 1000")
    return name, points


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = subparsers.add_parser(
        "mentors",
        help="match mentees to mentors, follow the mentoring chain",
        description="Match mentees to mentors with capacities, and follow who mentored whom "
        "across programmes (the pay-it-forward chain).",
        epilog=INPUT_FILES_EPILOG,
    )
    commands = group.add_subparsers(dest="mentors_command", required=True)

    match = commands.add_parser(
        "match",
        help="pair mentees with mentors",
        description="Pair mentees with mentors: as many mentees as the capacities and hard "
        "rules allow, then the highest total fit (strength where the mentee has gaps, other "
        "department, seniority step, shared language). Writes mentee_id,mentor_id,score,"
        "reasons; unmatched mentees get an empty mentor and the reason.",
        epilog=INPUT_FILES_EPILOG,
    )
    match.add_argument("mentees", help="mentees CSV (id,name,department,manager_id,...,focus)")
    match.add_argument("mentors", help="mentors CSV (id,name,...,capacity,strengths)")
    match.add_argument(
        "--framework",
        metavar="FILE",
        help="framework whose competencies and scales to check and score on (default: the "
        "shipped demo framework, as in the mentoring notebook, so both score alike)",
    )
    match.add_argument(
        "--history",
        metavar="CSV",
        help="earlier programmes (programme,mentor_id,mentee_id): pairs are not repeated and "
        "former mentees show as paying it forward",
    )
    match.add_argument(
        "--people", metavar="CSV", help="people CSV: managers for --line beyond the two files"
    )
    match.add_argument(
        "--line",
        choices=[rule.value for rule in ManagerRule],
        default=ManagerRule.DIRECT.value,
        help="never pair a direct manager and report (direct, default) or anyone up and down "
        "the management line (line)",
    )
    match.add_argument(
        "--language-weighted",
        action="store_true",
        help="a shared language earns points instead of being required",
    )
    match.add_argument(
        "--repeat-pairs", action="store_true", help="allow pairs of earlier programmes again"
    )
    match.add_argument(
        "--weight",
        type=_weight,
        action="append",
        default=[],
        metavar="PART=POINTS",
        help="points of a part of the fit: competencies, department, seniority, language "
        "(defaults 60, 15, 15, 10)",
    )
    match.add_argument("-o", "--output", required=True, metavar="CSV", help="pairs CSV to write")
    match.set_defaults(func=_match)

    chain = commands.add_parser(
        "chain",
        help="generations of mentors across programmes",
        description="Read the mentoring history and write each person's generation (0 for "
        "who started a chain), the programmes they were mentee and mentor in, and whether "
        "they are ready to mentor next (a former mentee who volunteered).",
        epilog=INPUT_FILES_EPILOG,
    )
    chain.add_argument("history", help="history CSV (programme,mentor_id,mentee_id)")
    chain.add_argument(
        "--volunteers", metavar="CSV", help="volunteers (id,volunteer_as) from the peer-group block"
    )
    chain.add_argument(
        "--people",
        metavar="CSV",
        help="people CSV with a username column: the volunteers' ids are Open edX usernames, "
        "read as person ids through it",
    )
    chain.add_argument(
        "--running",
        action="append",
        default=[],
        metavar="PROGRAMME",
        help="a programme not finished yet (its mentees are not ready); repeatable",
    )
    chain.add_argument("-o", "--output", required=True, metavar="CSV", help="chain CSV to write")
    chain.set_defaults(func=_chain)


def _match(args: argparse.Namespace) -> int:
    inputs = [args.mentees, args.mentors, args.framework, args.history, args.people]
    check_files(inputs, [args.output])
    framework = (
        read_framework(read_input(args.framework), args.framework)
        if args.framework
        else demo_framework()
    )
    mentees = read_mentees_csv(read_input(args.mentees), args.mentees, framework)
    mentors = read_mentors_csv(read_input(args.mentors), args.mentors, framework, mentees)
    history = read_history_csv(read_input(args.history), args.history) if args.history else []
    managers = (
        {p.id: p.manager_id for p in read_people_csv(read_input(args.people), args.people)}
        if args.people
        else None
    )
    settings = load(
        MatchSettings,
        {
            "weights": dict(args.weight),
            "line": args.line,
            "require_shared_language": not args.language_weighted,
            "avoid_earlier_pairs": not args.repeat_pairs,
        },
    )
    problem = MatchingProblem(
        mentees, mentors, settings=settings, framework=framework, managers=managers, history=history
    )
    matching = match_mentors(problem)
    write_output(args.output, write_pairs_csv(matching, problem).encode("utf-8"))
    print(
        f"{len(matching.pairs)} of {len(mentees)} mentees matched, "
        f"{len(matching.unmatched)} unmatched, mean score {matching.mean_score:.1f} "
        f"in {Path(args.output).name}"
    )
    return EXIT_OK


def _chain_csv(chain: MentoringChain) -> str:
    ready = {r.person_id for r in chain.ready}
    rows: list[list[object]] = [list(CHAIN_COLUMNS)]
    for node in sorted(chain.nodes, key=lambda n: (n.generation, n.person_id)):
        rows.append(
            [
                node.person_id,
                node.generation,
                ";".join(node.mentee_in),
                ";".join(node.mentor_in),
                "yes" if node.person_id in ready else "",
            ]
        )
    return csv_text(rows)


def _chain(args: argparse.Namespace) -> int:
    check_files([args.history, args.volunteers, args.people], [args.output])
    history = read_history_csv(read_input(args.history), args.history)
    if args.people and not args.volunteers:
        raise InputError("--people: names the volunteers' usernames; give --volunteers too")
    people = read_people_csv(read_input(args.people), args.people) if args.people else None
    volunteers = (
        read_volunteers_csv(read_input(args.volunteers), args.volunteers, people, args.people)
        if args.volunteers
        else []
    )
    chain = mentoring_chain(history, volunteers=volunteers, running=set(args.running))
    write_output(args.output, _chain_csv(chain).encode("utf-8"))
    generations = len(chain.generations())
    print(
        f"{len(chain.nodes)} people in {generations} generation{'s' * (generations != 1)} "
        f"over {len(chain.programmes)} programmes, {len(chain.ready)} ready to mentor next "
        f"in {Path(args.output).name}"
    )
    return EXIT_OK
