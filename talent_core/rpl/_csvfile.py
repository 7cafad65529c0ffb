"""Shared reading of the RPL CSV files: size, encoding, and every problem named by row."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from typing import Any

from .._errors import FormatError, Problem, ValidationError
from .._people_csv import CsvRow, csv_rows, spreadsheet_text

__all__ = ["RplFileError", "at_cell", "each_row", "json_cell", "read_rows", "row_number"]

#: Problems one error lists; a file with more is refused after this many.
MAX_PROBLEMS = 200


class RplFileError(ValidationError):
    """A refused RPL file (queue, decisions, roster): every problem, each at ``row N, column``
    (row 1 is the header, as a spreadsheet numbers it)."""


def at_cell(row: int, column: str, message_id: str, **params: object) -> Problem:
    return Problem.of(f"row {row}, {column}" if column else f"row {row}", message_id, **params)


def row_number(field: str) -> int:
    match = re.match(r"row (\d+)", field)
    return int(match.group(1)) if match else 0


def read_rows(
    data: str | bytes,
    required: Sequence[str],
    allowed: Sequence[str],
    limit: int,
    error: type[RplFileError] = RplFileError,
    *,
    any_columns: bool = False,
) -> tuple[list[str], Iterator[CsvRow]]:
    """The header and rows of an RPL CSV in ``data`` (text, or UTF-8 / UTF-16-with-BOM bytes);
    raises ``error`` for a file too large, not UTF-8, not CSV or with unknown columns."""
    size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8", "replace"))
    if size > limit:
        raise error([Problem.of("", "problem.rpl.file_too_large", size=limit // 1024)])
    if isinstance(data, bytes):
        try:
            data = spreadsheet_text(data)
        except UnicodeDecodeError:
            raise error([Problem.of("", "problem.rpl.not_utf8")]) from None
    try:
        header, rows = csv_rows(data, "file", required)
    except FormatError as failure:
        raise error([_format_problem(failure)]) from None
    unknown = [] if any_columns else [name for name in header if name not in allowed]
    if unknown:
        raise error(
            [
                at_cell(
                    1,
                    unknown[0],
                    "problem.rpl.columns",
                    columns=", ".join(unknown),
                    allowed=", ".join(allowed),
                )
            ]
        )
    return header, rows


def _format_problem(failure: FormatError) -> Problem:
    where = f"{failure.location}: " if failure.location else ""
    return Problem.of("", "problem.rpl.not_csv", detail=where + failure.problem)


def each_row(rows: Iterator[CsvRow], problems: list[Problem]) -> Iterator[CsvRow]:
    """The rows, turning a broken row (wrong cell count, bad quoting) into a problem."""
    try:
        yield from rows
    except FormatError as failure:
        problems.append(_format_problem(failure))


def json_cell(row: int, column: str, text: str, problems: list[Problem]) -> Any:
    """The JSON in a cell (None when empty); a problem named at the cell when it is not JSON."""
    if not text:
        return None
    try:
        return json.loads(text)
    except RecursionError:
        problems.append(at_cell(row, column, "problem.json.too_deep"))
    except ValueError as error:
        problems.append(at_cell(row, column, "problem.json.invalid", reason=str(error)))
    return None
