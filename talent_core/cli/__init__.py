"""The ``talent`` command line: what HR automates, over the same core API as the notebooks.

Each command group lives in its own module with a ``register(subparsers)`` function that adds
its sub-commands and sets ``func`` (taking the parsed arguments, returning the exit code).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence

from .._errors import TalentError

__all__ = ["EXIT_BAD_INPUT", "EXIT_OK", "INPUT_FILES_EPILOG", "Handler", "main"]

EXIT_OK = 0
EXIT_BAD_INPUT = 2
#: Every command's --help ends with where the columns of every input file are documented.
INPUT_FILES_EPILOG = "Columns and formats of every input file: docs/input-files.md in the project."

Handler = Callable[[argparse.Namespace], int]

#: Modules of ``talent_core.cli`` that each add a command group.
COMMAND_MODULES: tuple[str, ...] = (
    "framework",
    "roles",
    "demo_org",
    "demo_files",
    "groups",
    "mentors",
    "managers",
    "rpl",
)


class _Parser(argparse.ArgumentParser):
    """Exits with code 2 and one line on stderr for usage errors, as for bad input."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="talent", description="Talent development tools for HR.", epilog=INPUT_FILES_EPILOG
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(f"{__name__}.{name}").register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    func: Handler = args.func
    try:
        return func(args)
    except OSError as error:  # "x.csv: No such file or directory", without "[Errno 2]"
        where = f"{error.filename}: " if error.filename is not None else ""
        print(f"talent: error: {where}{error.strerror or error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except TalentError as error:
        print(f"talent: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
