"""Cells that spreadsheets show as text, never run as formulas (CSV injection).

One rule for every CSV the product writes: a cell that starts with a formula character
(``= + - @``, tab or carriage return) gets a leading apostrophe, which Excel, LibreOffice and
Google Sheets show as text. A cell that already starts with apostrophes before such a
character gets one more, so the rule can be undone exactly: :func:`restore_formula` takes one
apostrophe off, and the product's own readers apply it, so a file written here reads back as
it was. Numbers the product computes (``int``/``float`` values, not text) are written as
numbers: they cannot hold a formula, and a spreadsheet keeps them numeric.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

__all__ = [
    "DEFUSED_PATTERN",
    "FORMULA_START",
    "csv_text",
    "defuse_formula",
    "defused_row",
    "restore_formula",
]

#: First characters that make a spreadsheet treat a cell as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NEEDS_APOSTROPHE = re.compile(r"'*[=+\-@\t\r]")
#: The apostrophe :func:`defuse_formula` added (a regular expression, e.g. for pandas).
DEFUSED_PATTERN = r"^'(?='*[=+\-@\t\r])"
_DEFUSED = re.compile(DEFUSED_PATTERN)


def defuse_formula(text: str) -> str:
    """``text`` with a leading apostrophe when a spreadsheet would read it as a formula."""
    return "'" + text if _NEEDS_APOSTROPHE.match(text) else text


def restore_formula(text: str) -> str:
    """The cell as it was before :func:`defuse_formula` (the inverse, for every text)."""
    return _DEFUSED.sub("", text, count=1)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)  # a number the product computed: no formula, and it stays a number
    return defuse_formula(str(value))


def defused_row(cells: Iterable[object]) -> list[str]:
    """Cells as text (None as empty): text defused, numbers (int, float) as they are."""
    return [_cell(cell) for cell in cells]


def csv_text(rows: Iterable[Iterable[object]], *, lineterminator: str = "\n") -> str:
    """CSV text of ``rows`` (header first), every cell defused: the product's one CSV writer."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=lineterminator)
    for row in rows:
        writer.writerow(defused_row(row))
    return out.getvalue()
