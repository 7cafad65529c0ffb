"""How figures are rounded, once, where they are shown: the rules of docs/figures.md.

Report rows carry exact figures (:func:`report_figure`); views, dashboards and their exports round
at display with the functions here, so the learner's view, the staff CSV and HR's dashboard
show the same number for the same plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from babel import Locale
from babel.numbers import format_decimal, parse_pattern

__all__ = [
    "HOUR_DECIMALS",
    "REPORT_DECIMALS",
    "format_hours_number",
    "format_money",
    "half_away",
    "hours_parts_shown",
    "hours_shown",
    "largest_remainder",
    "money_parts_shown",
    "money_shown",
    "percent_done",
    "percent_shares",
    "report_figure",
    "whole_percent",
]

#: Decimals of the figures in report rows: a sum of 100,000 rows is off by at most 0.05.
REPORT_DECIMALS = 6
#: Decimals of hours as people read them (a quarter hour is 0.25 h).
HOUR_DECIMALS = 2


def _decimal(value: float | int | Decimal) -> Decimal:
    """The number as written (``repr``), so that 2.675 rounds like the 2.675 people read."""
    return value if isinstance(value, Decimal) else Decimal(repr(float(value)))


def half_away(value: float | int | Decimal, decimals: int = 0) -> Decimal:
    """``value`` to ``decimals`` decimals, halves away from zero (0.5 → 1, 2.5 → 3, -0.5 → -1)."""
    return _decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def report_figure(value: float) -> float | int:
    """A figure as report rows carry it: to :data:`REPORT_DECIMALS` decimals, whole numbers
    without ``.0``. Rows are summed by HR, so they are not rounded for display."""
    rounded = round(value, REPORT_DECIMALS) + 0.0  # + 0.0: no "-0.0"
    return int(rounded) if rounded.is_integer() else rounded


def percent_done(done: int, of: int) -> int:
    """Done as a whole percentage of ``of``: 0 only when none is done, 100 only when all are.

    Otherwise half away from zero, kept within 1–99 (1 of 200 is 1 %, 199 of 200 is 99 %).
    """
    if of <= 0 or done <= 0:
        return 0
    if done >= of:
        return 100
    return _within(half_away(Decimal(100 * done) / Decimal(of)))


def whole_percent(fraction: float) -> int:
    """A fraction from 0 to 1 (such as a role fit) as a whole percentage by the same rule as
    :func:`percent_done`: 0 only for 0, 100 only for 1, otherwise within 1–99."""
    if fraction <= 0:
        return 0
    if fraction >= 1:
        return 100
    return _within(half_away(100 * _decimal(fraction)))


def _within(percent: Decimal) -> int:
    return min(99, max(1, int(percent)))


def largest_remainder(
    values: Sequence[float | Decimal], decimals: int = 0, total: Decimal | None = None
) -> list[Decimal]:
    """``values`` (not negative) rounded to ``decimals`` so that they add up to the total shown.

    The total is ``total`` or the exact sum rounded half away from zero. Each part is first
    rounded down; the units still missing go one each to the parts with the largest remainders
    (an earlier part first among equal remainders): the largest remainder (Hamilton) method.
    """
    unit = Decimal(1).scaleb(-decimals)
    exact_values = [_decimal(v) for v in values]
    if any(v < 0 for v in exact_values):
        raise ValueError("largest_remainder takes no negative values")
    target = total if total is not None else half_away(sum(exact_values, Decimal(0)), decimals)
    scaled = [v / unit for v in exact_values]
    floors = [s.to_integral_value(rounding=ROUND_FLOOR) for s in scaled]
    missing = int((target / unit) - sum(floors, Decimal(0)))
    by_remainder = sorted(range(len(scaled)), key=lambda i: (-(scaled[i] - floors[i]), i))
    for i in by_remainder[: max(0, missing)]:
        floors[i] += 1
    return [(f * unit).quantize(unit) for f in floors]


def percent_shares(values: Sequence[float]) -> list[int]:
    """Each value's whole-percent share of their sum, adding up to 100 (all 0 when the sum is)."""
    exact_values = [_decimal(v) for v in values]
    whole = sum(exact_values, Decimal(0))
    if whole <= 0:
        return [0 for _ in values]
    shares = largest_remainder([100 * v / whole for v in exact_values], 0, Decimal(100))
    return [int(share) for share in shares]


def hours_parts_shown(values: Sequence[float]) -> list[Decimal]:
    """Hours beside their total (:func:`hours_shown` of the sum), adding up to it."""
    return [hours_shown(part) for part in largest_remainder(values, HOUR_DECIMALS)]


def hours_shown(value: float | Decimal) -> Decimal:
    """Hours as people read them: two decimals at most (0.25 h), halves away from zero."""
    shown = half_away(value, HOUR_DECIMALS)
    return shown.quantize(Decimal(1)) if shown == shown.to_integral_value() else shown.normalize()


def format_hours_number(value: float | Decimal, language: str) -> str:
    """The number of :func:`hours_shown` in the language's notation (``0,25`` in Swedish)."""
    return str(format_decimal(hours_shown(value), locale=language))


def money_shown(value: float | Decimal) -> Decimal:
    """Money in whole units, halves away from zero (1,457.50 → 1,458).

    Cents matter only where whole units would show a cost that is not zero as 0: an amount
    under half a unit is shown to the cent (0.40).
    """
    whole = half_away(value)
    cents = half_away(value, 2)
    return cents if whole == 0 and cents != 0 else whole


def money_parts_shown(values: Sequence[float]) -> list[Decimal]:
    """Amounts beside their total (:func:`money_shown` of the sum), adding up to it: whole
    units, or cents when the total is shown with cents."""
    total = money_shown(sum((_decimal(v) for v in values), Decimal(0)))
    decimals = 0 if total == total.to_integral_value() else 2
    return largest_remainder(values, decimals, total)


def format_money(value: float | Decimal, currency: str, language: str) -> str:
    """:func:`money_shown` with the currency, as the language writes it (``€1,458``,
    ``1 458 €``); with cents only when the amount has them."""
    amount = money_shown(value)
    locale = Locale.parse(language)
    pattern = parse_pattern(locale.currency_formats["standard"].pattern)
    digits = 0 if amount == amount.to_integral_value() else 2
    pattern.frac_prec = (digits, digits)
    return str(pattern.apply(amount, locale, currency=currency, currency_digits=False))
