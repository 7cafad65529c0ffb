"""Report rows as the CSV that HR downloads, with formulas defused, and how to read cells back."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from typing import Any

from .._spreadsheet import DEFUSED_PATTERN, defuse_formula, restore_formula

__all__ = ["DEFUSED_PATTERN", "REPORT_ENCODING", "restore_formula", "rows_to_csv"]

#: The blocks' downloads carry a byte-order mark so that spreadsheets read them as UTF-8.
REPORT_ENCODING = "utf-8-sig"


def _cell(value: Any) -> str:
    return defuse_formula("" if value is None else str(value))


def rows_to_csv(rows: Iterable[tuple[str, Mapping[str, Any]]], key_column: str = "username") -> str:
    """The key (``username``) then each row's columns in first-seen order; formulas defused."""
    rows = list(rows)
    columns: dict[str, None] = {key_column: None}
    for _, row in rows:
        columns.update(dict.fromkeys(row))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for key, row in rows:
        writer.writerow(_cell(key if c == key_column else row.get(c)) for c in columns)
    return out.getvalue()
