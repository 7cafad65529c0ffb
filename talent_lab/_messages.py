"""The notebook widgets' own words in English, Swedish and Dutch, from the ``talent`` catalog.

Framework content carries its own translations; the catalog (``talent_core.i18n``, ids
``lab.<key>`` here, ``groups.``/``mentoring.``/``dashboards.`` for each notebook's own words)
covers the labels, headings and notices the widgets add around it. A test checks that every
message is translated in every language of ``UI_LANGUAGES`` with the same placeholders.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from talent_core import FormatError, ValidationError
from talent_core.grouping import InfeasibleGroupingError
from talent_core.i18n import LANGUAGES, format_number, message_ids, translate

from ._errors import FileProblemsError, NotebookError

__all__ = ["LANGUAGE_NAMES", "UI_LANGUAGES", "error_text", "keys", "message", "number"]

UI_LANGUAGES: tuple[str, ...] = LANGUAGES

#: Each language in its own name, as a language menu should show it.
LANGUAGE_NAMES: Mapping[str, str] = {"en": "English", "sv": "Svenska", "nl": "Nederlands"}


def message(key: str, language: str, /, prefix: str = "lab", **fields: object) -> str:
    """The text for ``key`` in ``language`` (English where there is no catalog), filled in.

    A notebook with words of its own passes the prefix of its ids (``groups``).
    """
    return translate(f"{prefix}.{key}", language, **fields)


def keys(prefix: str = "lab") -> frozenset[str]:
    """The keys the catalog holds under ``prefix`` (``tab.overview`` for ``lab.tab.overview``)."""
    start = f"{prefix}."
    return frozenset(m.removeprefix(start) for m in message_ids() if m.startswith(start))


def number(value: float | Decimal, language: str, decimals: int = 0) -> str:
    """``value`` written as ``language`` writes numbers: 12,345.6 / 12 345,6 / 12.345,6."""
    return format_number(value, language, decimals)


def error_text(error: Exception, language: str) -> str:
    """An error as a view shows it: the core's problems in ``language``, else its own text."""
    worded = (
        ValidationError | InfeasibleGroupingError | FormatError | FileProblemsError | NotebookError
    )
    if isinstance(error, worded):
        return error.text(language)
    return str(error)
