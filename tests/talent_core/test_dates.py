"""One plausible-date rule for every date a person types (issue 10: no more four ranges)."""

from __future__ import annotations

import datetime as dt

import pytest

import talent_core as tc
from talent_core._dialogue import check_conversation

TODAY = dt.date(2026, 12, 4)


def test_something_that_happened_lies_between_1990_and_tomorrow() -> None:
    happened = tc.plausible_dates(happened=True, today=TODAY)
    assert (happened.earliest, happened.latest) == (dt.date(1990, 1, 1), dt.date(2026, 12, 5))
    assert dt.date(1990, 1, 1) in happened and TODAY + dt.timedelta(days=1) in happened
    assert dt.date(1989, 12, 31) not in happened and dt.date(2026, 12, 6) not in happened


def test_a_due_date_may_lie_ahead_until_2100() -> None:
    due = tc.plausible_dates(happened=False)
    assert dt.date(2100, 12, 31) in due and dt.date(2101, 1, 1) not in due
    assert due.problems(dt.date(2101, 1, 1), "due") == [
        tc.Problem("due", "2101-01-01 is not a plausible date")
    ]
    assert due.problems(None, "due") == []


@pytest.mark.parametrize("day", ["1989-12-31", "2999-01-01"])
def test_the_core_refuses_an_implausible_conversation_or_agreement(day: str) -> None:
    with pytest.raises(tc.ValidationError, match=r"held_on: .* is not a plausible date"):
        check_conversation(
            {"held_on": day, "manager_name": "Mia"}, tc.demo_framework(), allowed=set()
        )
