"""``talent framework``: convert competency frameworks between formats and validate files."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .._errors import InputError
from .._framework import CompetencyFramework, NodeType
from ..formats import (
    IMPORT_FORMATS,
    export_losses,
    framework_json_schema,
    read_framework,
    validate_framework_file,
    write_framework,
)
from . import EXIT_BAD_INPUT, EXIT_OK, INPUT_FILES_EPILOG
from ._files import check_files, read_input, write_output

__all__ = ["register"]

#: ``--to`` choices; ``openedx-taxonomy`` writes CSV or JSON after the output's extension
#: (name the form, ``openedx-taxonomy-csv`` or ``-json``, to write to stdout).
TARGETS = (
    "json",
    "moodle-csv",
    "case",
    "openedx-taxonomy",
    "openedx-taxonomy-csv",
    "openedx-taxonomy-json",
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = subparsers.add_parser(
        "framework",
        help="convert and validate competency frameworks",
        description="Convert competency frameworks between native JSON, Moodle CSV, CASE and "
        "Open edX taxonomies, and check framework files.",
        epilog=INPUT_FILES_EPILOG,
    )
    commands = group.add_subparsers(dest="framework_command", required=True)

    convert = commands.add_parser(
        "convert",
        help="convert a framework file to another format",
        description="Read a framework (native JSON, Moodle CSV or CASE JSON) and write it in "
        "another format. Notes on what the target format cannot hold go to stderr.",
        epilog=INPUT_FILES_EPILOG,
    )
    convert.add_argument("input", metavar="IN", help="framework file to read ('-' for stdin)")
    convert.add_argument("--to", required=True, choices=TARGETS, help="format to write")
    convert.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="file to write ('-' for stdout); for openedx-taxonomy, .csv or .json picks the form",
    )
    _add_reading_options(convert)
    convert.add_argument(
        "--language", help="language of one-language formats (default: the framework's own)"
    )
    convert.set_defaults(func=_convert)

    validate = commands.add_parser(
        "validate",
        help="list every problem of a framework file",
        description="Check a framework file and list every problem with its place; exit 2 if "
        "there are any, else print a one-line summary.",
        epilog=INPUT_FILES_EPILOG,
    )
    validate.add_argument("input", metavar="IN", help="framework file to check ('-' for stdin)")
    _add_reading_options(validate)
    validate.add_argument("--language", help="language of texts in a Moodle CSV (default: en)")
    validate.set_defaults(func=_validate)

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of native framework files",
        description="Print the JSON Schema (2020-12) that native framework files follow.",
        epilog=INPUT_FILES_EPILOG,
    )
    schema.set_defaults(func=_schema)


def _add_reading_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--from",
        dest="source_format",
        choices=IMPORT_FORMATS,
        help="format of IN (default: detected from its content)",
    )


def _target_format(target: str, output: str) -> str:
    if target != "openedx-taxonomy":
        return target
    suffix = Path(output).suffix.lower()
    if suffix not in (".csv", ".json"):
        raise InputError(
            f"{output}: name the Open edX taxonomy file .csv or .json, or choose "
            "--to openedx-taxonomy-csv or openedx-taxonomy-json"
        )
    return f"openedx-taxonomy-{suffix[1:]}"


def _convert(args: argparse.Namespace) -> int:
    check_files([args.input], [args.output])
    fmt = _target_format(args.to, args.output)
    framework = read_framework(
        read_input(args.input), args.input, args.source_format, language=args.language or "en"
    )
    data = write_framework(framework, fmt, language=args.language)
    for note in export_losses(framework, fmt, language=args.language, written=data):
        print(f"talent: note: {fmt}: {note}", file=sys.stderr)
    write_output(args.output, data)
    return EXIT_OK


def _count(number: int, noun: str) -> str:
    plural = {"competency": "competencies"}.get(noun, f"{noun}s")
    return f"{number} {noun if number == 1 else plural}"


def summary(framework: CompetencyFramework) -> str:
    """One line: the framework and how many clusters, competencies and indicators it has."""
    counts = {t: 0 for t in NodeType}
    for node in framework.nodes:
        counts[node.type] += 1
    parts = [
        _count(counts[NodeType.CLUSTER], "cluster"),
        _count(counts[NodeType.COMPETENCY], "competency"),
        _count(counts[NodeType.INDICATOR], "indicator"),
    ]
    return f"{framework.id}: {', '.join(parts)}"


def _validate(args: argparse.Namespace) -> int:
    data = read_input(args.input)
    language = args.language or "en"
    problems = validate_framework_file(data, args.input, args.source_format, language=language)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"talent: error: {_count(len(problems), 'problem')} found", file=sys.stderr)
        return EXIT_BAD_INPUT
    framework = read_framework(data, args.input, args.source_format, language=language)
    print(f"{args.input}: valid: {summary(framework)}")
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    print(json.dumps(framework_json_schema(), indent=2, ensure_ascii=False))
    return EXIT_OK
