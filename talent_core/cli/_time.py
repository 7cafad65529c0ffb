"""``--time-limit`` for a whole command: reading, the search and formatting, not just the search.

The search gets what is left of the limit after reading (less a share for scoring and
formatting); an alarm ends the command with one line if the limit runs out anyway. The alarm is
stopped before the outputs are written, so a write is never cut in half.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from .._errors import TalentError

__all__ = ["Clock", "TimeLimitError", "time_limit"]

#: Share of the time left after reading that the search may use; the rest is for scoring,
#: naming and formatting the groups.
SEARCH_SHARE = 0.7


class TimeLimitError(TalentError):
    """The command's ``--time-limit`` ran out; nothing was written."""

    def __init__(self, seconds: float) -> None:
        super().__init__(
            f"--time-limit {seconds:g}: the time ran out before the results were ready; "
            "nothing was written (allow more time)"
        )


class Clock:
    """Time left of a limit (None: no limit); ``stop`` ends the alarm before writing."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self._began = time.monotonic()
        self._armed = False

    def search_budget(self) -> float | None:
        if self.seconds is None:
            return None
        left = self.seconds - (time.monotonic() - self._began)
        return max(0.0, left * SEARCH_SHARE)

    def stop(self) -> None:
        """End the alarm before writing; :class:`TimeLimitError` if the limit has passed anyway
        (an alarm that landed where the search swallows exceptions must not let it through)."""
        if self.seconds is not None and time.monotonic() - self._began > self.seconds:
            self._disarm()
            raise TimeLimitError(self.seconds)
        self._disarm()

    def _disarm(self) -> None:
        if self._armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            self._armed = False


@contextmanager
def time_limit(seconds: float | None) -> Iterator[Clock]:
    """A clock for the command; with a limit (and where the system has alarms), the command
    stops with :class:`TimeLimitError` when the limit runs out before ``Clock.stop``."""
    clock = Clock(seconds)
    if seconds is None or not hasattr(signal, "setitimer"):
        yield clock
        return

    def expired(_signum: int, _frame: FrameType | None) -> None:
        raise TimeLimitError(seconds)

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    clock._armed = True
    try:
        yield clock
    finally:
        clock._disarm()
        signal.signal(signal.SIGALRM, previous)
