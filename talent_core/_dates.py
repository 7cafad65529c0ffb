"""One rule for the dates people type: what counts as plausible, everywhere.

A date outside the range is a typo (0205 for 2025, a year in the wrong century), not a fact.
Something that happened (a conversation, a manager's agreement, a peer-group session) cannot
lie ahead of today; a due date may. "Today" is the server's UTC date plus one day, because a
learner east of UTC may already be a day ahead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ._errors import Problem

__all__ = ["DATE_SLACK_DAYS", "EARLIEST_DATE", "LATEST_DATE", "DateRange", "plausible_dates"]

EARLIEST_DATE = dt.date(1990, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)
#: Days a date may lie ahead of the server's UTC date (the person's time zone may be ahead).
DATE_SLACK_DAYS = 1


@dataclass(frozen=True, slots=True)
class DateRange:
    """The plausible dates, first and last included."""

    earliest: dt.date
    latest: dt.date

    def __contains__(self, value: object) -> bool:
        return isinstance(value, dt.date) and self.earliest <= value <= self.latest

    def problems(self, value: dt.date | None, field: str) -> list[Problem]:
        """A problem at ``field`` when ``value`` is given and outside the range."""
        if value is None or value in self:
            return []
        return [Problem.of(field, "problem.date.implausible", date=value.isoformat())]


def plausible_dates(*, happened: bool, today: dt.date | None = None) -> DateRange:
    """The dates to accept: up to today (plus the slack) for something that ``happened``,
    else up to :data:`LATEST_DATE`. ``today`` defaults to the UTC date."""
    if not happened:
        return DateRange(EARLIEST_DATE, LATEST_DATE)
    today = today if today is not None else dt.datetime.now(dt.UTC).date()
    return DateRange(EARLIEST_DATE, today + dt.timedelta(days=DATE_SLACK_DAYS))
