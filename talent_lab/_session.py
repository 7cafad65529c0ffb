"""The state of HR's framework notebook, without any widget: testable and scriptable.

A session holds the loaded framework, the role profiles, the display language and the
files it imports and exports. Imports are whole-or-nothing: a file that cannot be read leaves
the loaded framework as it was and raises a :class:`~talent_core.TalentError` saying why
(views catch it and show it in their language).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from talent_core import (
    CompetencyFramework,
    CompetencyNode,
    FormatError,
    InputError,
    RoleProfile,
    ValidationError,
    check_role,
    demo_framework,
    demo_roles,
)
from talent_core.formats import read_framework, validate_framework_file, write_framework

from ._errors import FileProblemsError
from ._export import ExportedFile, export_filename, write_atomically
from ._messages import UI_LANGUAGES
from ._tables import competency_table, required_levels

__all__ = ["DEFAULT_OUT_DIR", "MAX_UPLOAD_BYTES", "FrameworkSession"]

#: Relative to the notebook's folder, which is the kernel's working directory.
DEFAULT_OUT_DIR = "out"
MAX_UPLOAD_BYTES = 50_000_000


class FrameworkSession:
    """The framework HR is working on, in one display language."""

    def __init__(
        self,
        framework: CompetencyFramework,
        roles: Sequence[RoleProfile] = (),
        *,
        source: str | None = None,
        language: str = "en",
        out_dir: str | os.PathLike[str] = DEFAULT_OUT_DIR,
    ) -> None:
        self._framework = framework
        self.roles: list[RoleProfile] = list(roles)
        #: Name of the file the framework came from; None for the shipped demo.
        self.source = source
        self.out_dir = Path(out_dir)
        self._language = "en"
        self.language = language

    @classmethod
    def demo(
        cls, *, language: str = "en", out_dir: str | os.PathLike[str] = DEFAULT_OUT_DIR
    ) -> FrameworkSession:
        """A session on the demo framework and role profiles shipped with talent_core."""
        return cls(demo_framework(), demo_roles(), language=language, out_dir=out_dir)

    @property
    def framework(self) -> CompetencyFramework:
        return self._framework

    @property
    def language(self) -> str:
        return self._language

    @language.setter
    def language(self, code: str) -> None:
        if code not in self.languages():
            raise InputError(f"language {code!r} is not one of {', '.join(self.languages())}")
        self._language = code

    def languages(self) -> tuple[str, ...]:
        """The interface languages, then any other language the framework's names use."""
        extra = sorted(self._framework.languages() - set(UI_LANGUAGES))
        return (*UI_LANGUAGES, *extra)

    # -- reading ---------------------------------------------------------------------------

    def competency(self, node_id: str) -> CompetencyNode:
        return self._framework.node(node_id)

    def competency_table(self) -> pd.DataFrame:
        return competency_table(self._framework, self._language)

    def role_problems(self) -> dict[str, list[str]]:
        """Per role that does not fit the loaded framework, what is wrong with it."""
        problems: dict[str, list[str]] = {}
        for role in self.roles:
            try:
                check_role(role, self._framework)
            except ValidationError as error:
                problems[role.id] = [str(problem) for problem in error.problems]
        return problems

    def fitting_roles(self) -> list[RoleProfile]:
        misfits = self.role_problems()
        return [role for role in self.roles if role.id not in misfits]

    def required_levels(self) -> pd.DataFrame:
        """Competencies against the role profiles that fit the framework."""
        return required_levels(self._framework, self.fitting_roles(), self._language)

    # -- import and export -----------------------------------------------------------------

    def import_file(
        self, data: bytes, filename: str, fmt: str | None = None, *, language: str | None = None
    ) -> None:
        """Load a framework file (format detected unless given).

        Raises :class:`FileProblemsError` listing every problem of a file that cannot be read
        (one a line, each naming its place) and ``InputError`` for a file over the size limit.

        Texts of files that do not name their language (Moodle CSV) are taken to be in
        ``language`` (default: the display language).
        """
        texts = language or self._language
        if len(data) > MAX_UPLOAD_BYTES:
            raise InputError(
                f"{filename}: the file has {len(data):,} bytes; the limit is {MAX_UPLOAD_BYTES:,}"
            )
        try:
            framework = read_framework(data, filename, fmt, language=texts)
        except FormatError as error:  # every problem, one a line: the notebook has no `validate`

            def problems(ui_language: str) -> list[str]:
                return validate_framework_file(
                    data, filename, fmt, language=texts, ui_language=ui_language
                )

            raise FileProblemsError(filename, problems) from error
        self._framework, self.source = framework, filename
        if self._language not in self.languages():  # a language only the old framework had
            self._language = UI_LANGUAGES[0]

    def export(self, fmt: str, folder: str | os.PathLike[str] | None = None) -> ExportedFile:
        """Write the framework as ``fmt`` into ``folder`` (default ``out_dir``).

        One-language formats (Moodle CSV, Open edX taxonomies) are written in the display
        language. An existing file of the same name is replaced only by a complete new one.
        Raises ``InputError`` for an unknown format and ``FileWriteError`` (a ``TalentError``
        and an ``OSError``) naming the folder or file that could not be written.
        """
        target = Path(folder) if folder is not None else self.out_dir
        data = write_framework(self._framework, fmt, language=self._language)
        path = target.expanduser() / export_filename(self._framework.id, fmt)
        write_atomically(path, data)
        return ExportedFile(path, data, fmt)
