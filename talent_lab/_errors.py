"""Errors the notebook sessions raise, so a script keeps the error's type (not a bool)."""

from __future__ import annotations

from collections.abc import Callable

from talent_core import TalentError
from talent_core.i18n import translate

__all__ = ["FileProblemsError", "NotebookError"]


class FileProblemsError(TalentError, ValueError):
    """A file that cannot be imported, with every problem of it (not just the first).

    The problems are worded on demand in a language (:meth:`text`), one a line, each naming
    its place, so every view shows them in its user's language.
    """

    def __init__(self, filename: str, problems: Callable[[str], list[str]]) -> None:
        self.filename = filename
        self._problems = problems
        super().__init__(self.text("en"))

    def problems(self, language: str = "en") -> list[str]:
        """Every problem of the file, worded in ``language``."""
        return self._problems(language)

    def text(self, language: str | None = "en") -> str:
        """Every problem in ``language``, one a line."""
        return "\n".join(self.problems(language or "en"))


class NotebookError(TalentError, ValueError):
    """A step a notebook session refuses for a reason of its own (nothing to export yet, a
    person not in the grouping): a message of the ``talent`` catalog, worded on demand in a
    language (:meth:`text`), English in ``str()``."""

    def __init__(self, message_id: str, /, **fields: object) -> None:
        self.message_id = message_id
        self.fields = fields
        super().__init__(self.text("en"))

    def text(self, language: str | None = "en") -> str:
        """The message in ``language``."""
        return translate(self.message_id, language or "en", **self.fields)
