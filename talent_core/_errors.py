"""Exceptions raised by talent_core.

Each subclasses a builtin so callers can catch ``ValueError`` without knowing this package,
and each carries the structured detail (field path, file, row) that a UI needs to point at
the exact problem.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from dataclasses import field as _field
from typing import Protocol, runtime_checkable

from .i18n import translate

__all__ = [
    "FormatError",
    "InputError",
    "Problem",
    "StaleVersionError",
    "TalentError",
    "ValidationError",
]


@runtime_checkable
class _Worded(Protocol):
    """A parameter that words itself in a language (a mentoring reason, a list of them)."""

    def text(self, language: str | None = "en") -> str: ...


@dataclass(frozen=True, slots=True)
class Term:
    """A word of the ``talent`` catalog given as a problem's parameter ("self-assessment")."""

    message_id: str

    def text(self, language: str | None = "en") -> str:
        return translate(self.message_id, language)


def _render(message_id: str, language: str | None, params: Mapping[str, object]) -> str:
    shown = {k: v.text(language) if isinstance(v, _Worded) else v for k, v in params.items()}
    return translate(message_id, language, **shown)


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
    """One thing wrong with an input: where (a dotted field path) and what.

    A problem the core finds carries a ``message_id`` of the ``talent`` catalog and its
    ``params`` (made with :meth:`of`), so every face words it in its user's language with
    :meth:`text`; ``message`` is the English text. A face that words a problem itself gives
    only ``message``. Problems compare by field and English text.
    """

    field: str
    message: str
    message_id: str = _field(default="", compare=False)
    params: Mapping[str, object] = _field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, where: str, message_id: str, /, **params: object) -> Problem:
        """The problem ``message_id`` (a ``talent`` catalog id) at ``where``, with ``params``."""
        return cls(where, _render(message_id, "en", params), message_id, params)

    def at(self, where: str) -> Problem:
        """The same problem at the field path ``where``."""
        return replace(self, field=where)

    def text(self, language: str | None = "en") -> str:
        """The message in ``language`` (the English ``message`` when it has no id)."""
        if not self.message_id:
            return self.message
        return _render(self.message_id, language, self.params)

    def describe(self, language: str | None = "en") -> str:
        """``field: message`` in ``language``, as ``str()`` gives it in English."""
        text = self.text(language)
        return f"{self.field}: {text}" if self.field else text

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


class ValidationError(TalentError, ValueError):
    """Data that breaks the domain rules; lists every problem found, not just the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("; ".join(str(p) for p in self.problems) or "invalid data")

    def text(self, language: str | None = "en") -> str:
        """Every problem, ``field: message``, in ``language``."""
        return "; ".join(p.describe(language) for p in self.problems) or str(self)


class FormatError(TalentError, ValueError):
    """A file that cannot be read: names the file, the place in it and the problem.

    ``detail`` is the core's :class:`Problem` behind ``problem`` when there is one, so a face
    can word it in its user's language (:meth:`text`).
    """

    def __init__(
        self,
        file: str,
        location: str,
        problem: str,
        detail: Problem | None = None,
        *,
        place: Problem | None = None,
    ) -> None:
        self.file = file
        self.location = location
        self.problem = problem
        self.detail = detail
        #: ``location`` with a message id (``problem.place.row_column``), to word it too.
        self.place = place
        super().__init__(f"{self._where()}: {problem}")

    def _where(self, language: str | None = "en") -> str:
        location = self.place.text(language) if self.place is not None else self.location
        return f"{self.file}, {location}" if location else self.file

    @staticmethod
    def at(
        *,
        row: int | None = None,
        column: str | int | None = None,
        line: int | None = None,
        quoted: bool = True,
    ) -> Problem | None:
        """Where in a file (see :func:`place`), for faces outside the core."""
        return place(row=row, column=column, line=line, quoted=quoted)

    @classmethod
    def of(
        cls,
        file: str,
        place: Problem | None,
        message_id: str,
        /,
        **params: object,
    ) -> FormatError:
        """A file's problem ``message_id`` at ``place`` (see :func:`place`), every word of it
        from the ``talent`` catalog, so each face shows it in its user's language."""
        detail = Problem.of("", message_id, **params)
        location = place.message if place is not None else ""
        return cls(file, location, detail.message, detail, place=place)

    def text(self, language: str | None = "en") -> str:
        """The error with its place and problem in ``language`` where they have message ids."""
        if self.detail is None:
            return str(self) if self.place is None else f"{self._where(language)}: {self.problem}"
        return f"{self._where(language)}: {self.detail.text(language)}"


def place(
    *,
    row: int | None = None,
    column: str | int | None = None,
    line: int | None = None,
    quoted: bool = True,
) -> Problem | None:
    """Where in a file, worded per language: ``row 5, column 'email'`` (a column by name),
    ``row 1, column 10`` (by position), ``row 5``, ``line 3`` (the header is row 1, as in a
    spreadsheet; ``quoted=False`` names a column without quotes); None for the whole file."""
    if line is not None:
        return Problem.of("", "problem.place.line", line=line)
    if row is not None and column is not None:
        shown = repr(column) if isinstance(column, str) and quoted else str(column)
        return Problem.of("", "problem.place.row_column", row=row, column=shown)
    if row is not None:
        return Problem.of("", "problem.place.row", row=row)
    return None


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
