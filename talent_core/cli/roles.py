"""``talent roles``: check role files (native JSON or the role CSV) and convert between them.

``talent roles validate roles.csv --framework framework.json`` names every problem of the file
(row and column, or JSON path), including each requirement that no longer fits the framework;
``talent roles convert roles.csv --to json -o roles.json`` writes the other format, for the
Studio upload or for HR's spreadsheet.
"""

from __future__ import annotations

import argparse
import sys

from .._framework import CompetencyFramework
from ..formats import ROLE_FORMATS, read_framework, read_roles, validate_roles_file, write_roles
from . import EXIT_BAD_INPUT, EXIT_OK, INPUT_FILES_EPILOG
from ._files import check_files, read_input, write_output

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = subparsers.add_parser(
        "roles",
        help="check role profile files and convert them between JSON and CSV",
        description="Check role profile files (native JSON or the role CSV HR edits in a "
        "spreadsheet) and convert them from one format to the other.",
        epilog=INPUT_FILES_EPILOG,
    )
    commands = group.add_subparsers(dest="roles_command", required=True)

    validate = commands.add_parser(
        "validate",
        help="list every problem of a role file",
        description="Check a role file and list every problem with its place (row and column, "
        "or JSON path); with --framework, also every requirement that does not fit the "
        "framework. Exit 2 if there are any, else print a one-line summary.",
        epilog=INPUT_FILES_EPILOG,
    )
    validate.add_argument("input", metavar="FILE", help="role file to check ('-' for stdin)")
    _add_options(validate)
    validate.set_defaults(func=_validate)

    convert = commands.add_parser(
        "convert",
        help="convert a role file to JSON or CSV",
        description="Read a role file (checked like validate does) and write it as native "
        "JSON or as the role CSV (one row per role and competency).",
        epilog=INPUT_FILES_EPILOG,
    )
    convert.add_argument("input", metavar="FILE", help="role file to read ('-' for stdin)")
    convert.add_argument("--to", required=True, choices=ROLE_FORMATS, help="format to write")
    convert.add_argument(
        "-o", "--output", required=True, metavar="OUT", help="file to write ('-' for stdout)"
    )
    _add_options(convert)
    convert.set_defaults(func=_convert)


def _add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--framework",
        metavar="F",
        help="competency framework the roles must fit (native JSON, Moodle CSV or CASE)",
    )
    parser.add_argument(
        "--from",
        dest="source_format",
        choices=ROLE_FORMATS,
        help="format of FILE (default: detected from its content)",
    )


def _framework(name: str | None) -> CompetencyFramework | None:
    return read_framework(read_input(name), name) if name else None


def _count(number: int, noun: str) -> str:
    return f"{number} {noun if number == 1 else noun + 's'}"


def _validate(args: argparse.Namespace) -> int:
    check_files([args.input, args.framework], [])
    framework = _framework(args.framework)
    data = read_input(args.input)
    problems = validate_roles_file(data, args.input, framework, args.source_format)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"talent: error: {_count(len(problems), 'problem')} found", file=sys.stderr)
        return EXIT_BAD_INPUT
    roles = read_roles(data, args.input, framework, args.source_format)
    requirements = sum(len(role.requirements) for role in roles)
    fits = f", all fit {framework.id}" if framework else ""
    print(
        f"{args.input}: valid: {_count(len(roles), 'role')}, "
        f"{_count(requirements, 'requirement')}{fits}"
    )
    return EXIT_OK


def _convert(args: argparse.Namespace) -> int:
    check_files([args.input, args.framework], [args.output])
    framework = _framework(args.framework)
    roles = read_roles(read_input(args.input), args.input, framework, args.source_format)
    write_output(args.output, write_roles(roles, args.to))
    return EXIT_OK
