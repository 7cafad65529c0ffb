"""Numbers and dates as each language writes them (Babel's CLDR data).

Dutch "100.000" is a hundred thousand and Swedish groups digits with a no-break space, so the
English "100,000" would mislead there; Babel knows every language's marks.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal

from ._catalog import catalog_language

__all__ = ["format_date", "format_number"]


def format_number(value: float | Decimal, language: str | None, decimals: int = 0) -> str:
    """``value`` with ``decimals`` places: 12,345.6 / 12 345,6 / 12.345,6 (en / sv / nl).

    Rounds the decimal value as written (2.675 → 2.68), half to even.
    """
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(value, format=pattern, locale=catalog_language(language))


def format_date(value: datetime.date, language: str | None, style: str = "long") -> str:
    """``value`` as ``language`` writes a date: March 1, 2026 / 1 mars 2026 / 1 maart 2026."""
    return _babel_date(value, format=style, locale=catalog_language(language))
