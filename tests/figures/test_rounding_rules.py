"""The rounding rules of docs/figures.md ("Rounding", "Plan progress"), checked against their
written definitions with exact fractions on random inputs, not against the code's arithmetic."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

import talent_core as tc
from talent_core._figures import money_shown

#: Amounts as people and rates write them: at most 4 decimals, up to a million.
amounts = st.decimals(min_value=0, max_value=1_000_000, places=4).map(float)


def written(value: float) -> Fraction:
    """The number as written (its shortest decimal form), exactly."""
    return Fraction(repr(value))


def half_away(value: Fraction, decimals: int = 0) -> Fraction:
    """docs: a half rounds away from zero."""
    scale = 10**decimals
    magnitude = math.floor(abs(value) * scale + Fraction(1, 2))
    return Fraction(magnitude if value >= 0 else -magnitude, scale)


@given(st.decimals(min_value=-10_000, max_value=10_000, places=6), st.integers(0, 4))
def test_halves_round_away_from_zero(value: Decimal, decimals: int) -> None:
    assert Fraction(tc.half_away(float(value), decimals)) == half_away(
        written(float(value)), decimals
    )


def test_the_examples_of_the_docs() -> None:
    assert [money_shown(v) for v in (1457.5, 112.5, 0.4, 0.5, 0)] == [
        1458,
        113,
        Decimal("0.40"),
        1,
        0,
    ]
    assert tc.format_money(1457.5, "EUR", "en") == "€1,458"
    assert tc.format_money(0.4, "SEK", "sv") == "0,40\xa0kr"
    assert tc.hours_shown(0.25) == Decimal("0.25") and str(tc.hours_shown(8.0)) == "8"
    assert tc.percent_shares([1, 1, 1]) == [34, 33, 33]
    assert tc.percent_done(199, 200) == 99 and tc.percent_done(1, 200) == 1


@given(amounts)
def test_money_is_whole_units_unless_a_cost_would_show_as_zero(value: float) -> None:
    shown = Fraction(money_shown(value))
    whole = half_away(written(value))
    if whole == 0 and half_away(written(value), 2) != 0:
        assert shown == half_away(written(value), 2)
    else:
        assert shown == whole
    text = tc.format_money(value, "EUR", "en")
    assert ("." in text) == (shown.denominator != 1)


@given(amounts)
def test_hours_show_two_decimals_at_most(value: float) -> None:
    shown = tc.hours_shown(value)
    assert Fraction(shown) == half_away(written(value), 2)
    assert not str(shown).endswith("0") or "." not in str(shown)  # no trailing zeros


@given(st.integers(0, 10_000), st.integers(0, 10_000))
def test_progress_is_0_only_when_none_and_100_only_when_all_are_done(done: int, of: int) -> None:
    done = min(done, of)
    percent = tc.percent_done(done, of)
    if of == 0 or done == 0:
        assert percent == 0
    elif done == of:
        assert percent == 100
    else:
        assert 1 <= percent <= 99
        assert percent == min(99, max(1, half_away(Fraction(100 * done, of))))


@given(st.lists(amounts, min_size=1, max_size=8), st.integers(0, 2))
def test_parts_add_up_to_the_total_shown_by_largest_remainder(
    values: list[float], decimals: int
) -> None:
    parts = [Fraction(p) for p in tc.largest_remainder(values, decimals)]
    exact = [written(v) for v in values]
    unit = Fraction(1, 10**decimals)
    assert sum(parts) == half_away(sum(exact), decimals)
    for part, value in zip(parts, exact, strict=True):
        assert value - unit < part < value + unit  # each is its value rounded down or up
    # A part rounded up never has a smaller remainder than one rounded down (earlier first).
    remainders = [(v / unit) - math.floor(v / unit) for v in exact]
    up = [i for i, (p, v) in enumerate(zip(parts, exact, strict=True)) if p > v]
    down = [i for i, (p, v) in enumerate(zip(parts, exact, strict=True)) if p < v]
    for i in up:
        for j in down:
            assert remainders[i] > remainders[j] or (remainders[i] == remainders[j] and i < j)


@given(st.lists(amounts, min_size=1, max_size=6))
def test_shares_are_whole_percentages_adding_up_to_100(values: list[float]) -> None:
    shares = tc.percent_shares(values)
    exact = [written(v) for v in values]
    if sum(exact) == 0:
        assert shares == [0] * len(values)
        return
    assert sum(shares) == 100
    for share, value in zip(shares, exact, strict=True):
        assert abs(share - 100 * value / sum(exact)) < 1


@given(st.lists(amounts, min_size=1, max_size=6))
def test_hours_and_money_beside_their_total_add_up_to_it(values: list[float]) -> None:
    total = sum(written(v) for v in values)
    hours = tc.hours_parts_shown(values)
    assert sum(Fraction(h) for h in hours) == half_away(total, 2)
    money = tc.money_parts_shown(values)
    assert sum(Fraction(m) for m in money) == Fraction(money_shown(float(total)))


@given(st.decimals(min_value=0, max_value=2000, places=9).map(float))
def test_report_rows_carry_six_decimals(value: float) -> None:
    carried = tc.report_figure(value)
    assert abs(written(float(carried)) - written(value)) <= Fraction(1, 2 * 10**6)
    assert isinstance(carried, int) == (float(carried).is_integer())


@given(st.fractions(0, 1).map(float))
def test_a_fraction_as_a_whole_percent_is_100_only_when_whole(value: float) -> None:
    """Role fit in the manager's view: "fit 100%" only when every requirement is met."""
    percent = tc.whole_percent(value)
    if value == 0:
        assert percent == 0
    elif value == 1:
        assert percent == 100
    else:
        assert percent == min(99, max(1, half_away(100 * written(value))))
