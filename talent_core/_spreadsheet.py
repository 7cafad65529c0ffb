"""Cells that spreadsheets show as text, never run as formulas (CSV injection)."""

from __future__ import annotations

__all__ = ["defuse_formula"]

#: First characters that make a spreadsheet treat a cell as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def defuse_formula(text: str) -> str:
    """``text`` with a leading apostrophe when a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text
