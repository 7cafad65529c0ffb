"""Exceptions raised by talent_core.

Each subclasses a builtin so callers can catch ``ValueError`` without knowing this package,
and each carries the structured detail (field path, file, row) that a UI needs to point at
the exact problem.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "FormatError",
    "InputError",
    "Problem",
    "StaleVersionError",
    "TalentError",
    "ValidationError",
]


class TalentError(Exception):
    """Base of every error this package raises on purpose: a caller that catches it catches
    every bad input (and only that; a bug stays a bug).

    The tree: :class:`ValidationError` (data breaking the rules, every problem listed),
    :class:`FormatError` (a file that cannot be read: file, place, problem),
    :class:`StaleVersionError` (a save from an older page), :class:`InputError` (a bad
    argument or option, one sentence), ``RosterError`` (a peer-group roster's first problem),
    ``ManagerRosterError``, ``InfeasibleGroupingError`` (no grouping meets the rules) and
    ``FileWriteError`` (an output file that could not be written; also an ``OSError``).
    """


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input: where (a dotted field path) and what."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


class ValidationError(TalentError, ValueError):
    """Data that breaks the domain rules; lists every problem found, not just the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("; ".join(str(p) for p in self.problems) or "invalid data")


class FormatError(TalentError, ValueError):
    """A file that cannot be read: names the file, the place in it and the problem."""

    def __init__(self, file: str, location: str, problem: str) -> None:
        self.file = file
        self.location = location
        self.problem = problem
        where = f"{file}, {location}" if location else file
        super().__init__(f"{where}: {problem}")


class StaleVersionError(TalentError, ValueError):
    """A save based on an older version than the stored one; the newer data is kept."""

    def __init__(self, stored_version: int, submitted_version: int) -> None:
        self.stored_version = stored_version
        self.submitted_version = submitted_version
        super().__init__(
            f"this plan was changed elsewhere (stored version {stored_version}, "
            f"your page had version {submitted_version}); reload to see the newer plan"
        )


class InputError(TalentError, ValueError):
    """A bad argument or option (a format name, a setting, an id that is not there): one
    sentence that names it."""
