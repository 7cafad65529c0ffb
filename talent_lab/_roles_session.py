"""HR's role profiles in notebook 01, without any widget: create, copy, edit, import, export.

The roles live in the framework session (``FrameworkSession.roles``), so the explorer's role
table shows what HR edits here. A role is edited as a *draft*: plain JSON-shaped data
(``{"id", "name": {lang: text}, "description": {...}, "requirements": [{"competency_id",
"level", "importance"}]}``) that :meth:`RoleSession.problems` checks as HR types, against the
loaded framework. Every change is whole-or-nothing and raises a
:class:`~talent_core.TalentError` saying why (views catch it and show it in their language).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from talent_core import (
    FormatError,
    InputError,
    Problem,
    RoleProfile,
    ValidationError,
    load,
    localize,
    roles_fit_problems,
)
from talent_core.formats import ROLE_FORMATS, read_roles, validate_roles_file, write_roles

from ._errors import FileProblemsError
from ._export import ExportedFile, write_atomically
from ._session import MAX_UPLOAD_BYTES, FrameworkSession

__all__ = ["ROLE_EXPORT_NAME", "RoleSession", "draft_of"]

#: The file name of an export, before the format's extension.
ROLE_EXPORT_NAME = "roles"

Draft = dict[str, Any]


def draft_of(role: RoleProfile) -> Draft:
    """A role as an editable draft (a copy: changing it changes nothing saved)."""
    return role.model_dump(mode="json")


class RoleSession:
    """The role profiles of a framework session, checked against its framework."""

    def __init__(self, session: FrameworkSession) -> None:
        self.session = session

    @property
    def language(self) -> str:
        return self.session.language

    @language.setter
    def language(self, code: str) -> None:
        self.session.language = code

    @property
    def roles(self) -> list[RoleProfile]:
        return self.session.roles

    def role(self, role_id: str) -> RoleProfile:
        for role in self.roles:
            if role.id == role_id:
                return role
        raise InputError(f"there is no role {role_id!r}")

    # -- checking --------------------------------------------------------------------------

    def problems(self, draft: Mapping[str, Any], replacing: str | None = None) -> list[Problem]:
        """Every problem of ``draft`` as a role of this framework (empty when it can be saved):
        its own fields, an id another role has, each requirement off the framework."""
        problems: list[Problem] = []
        role_id = draft.get("id")
        names = draft.get("name")
        if not isinstance(names, Mapping) or not any(str(v).strip() for v in names.values()):
            problems.append(Problem.of("name", "problem.role_csv.no_name", role=role_id))
        if not draft.get("requirements"):
            problems.append(Problem.of("requirements", "problem.role.no_requirements"))
        try:
            role = load(RoleProfile, draft)
        except ValidationError as error:
            said = {p.field for p in problems}  # said above in words for people
            problems += [p for p in error.problems if p.field not in said]
        else:
            problems += [p.at(p.field.removeprefix(role.id + ".")) for p in self._misfits(role)]
        if role_id != replacing and any(r.id == role_id for r in self.roles):
            problems.insert(0, Problem.of("id", "problem.role_file.duplicate_id", id=role_id))
        return problems

    def _misfits(self, role: RoleProfile) -> list[Problem]:
        return roles_fit_problems([role], self.session.framework)

    def misfits(self) -> list[Problem]:
        """Why saved roles no longer fit the loaded framework (after a framework import)."""
        return roles_fit_problems(self.roles, self.session.framework)

    # -- changing --------------------------------------------------------------------------

    def save(self, draft: Mapping[str, Any], replacing: str | None = None) -> RoleProfile:
        """Save ``draft`` in place of the role ``replacing`` (None: as a new role).

        Raises ValidationError with every problem; nothing changes then.
        """
        problems = self.problems(draft, replacing)
        if problems:
            raise ValidationError(problems)
        role = load(RoleProfile, draft)
        roles = self.roles
        index = next((i for i, r in enumerate(roles) if r.id == replacing), None)
        if index is None:
            roles.append(role)
        else:
            roles[index] = role
        return role

    def new_draft(self) -> Draft:
        """A draft for a new role: an unused id, no name yet, no requirements yet."""
        return {
            "id": self._free_id("new-role"),
            "name": {},
            "description": {},
            "requirements": [],
        }

    def copy_draft(self, role_id: str) -> Draft:
        """A draft copying ``role_id`` under an unused id (the names stay for HR to change)."""
        draft = draft_of(self.role(role_id))
        draft["id"] = self._free_id(f"{role_id}-copy")
        return draft

    def delete(self, role_id: str) -> None:
        self.session.roles = [r for r in self.roles if r.id != self.role(role_id).id]

    def _free_id(self, stem: str) -> str:
        taken = {r.id for r in self.roles}
        found, number = stem, 1
        while found in taken:
            number += 1
            found = f"{stem}-{number}"
        return found

    # -- files -----------------------------------------------------------------------------

    def import_file(self, data: bytes, filename: str) -> list[RoleProfile]:
        """Replace the roles by those of a role file (JSON or role CSV) that fits the framework.

        Raises :class:`FileProblemsError` listing every problem of the file (worded in any
        language) and ``InputError`` for a file over the size limit; nothing changes then.
        """
        if len(data) > MAX_UPLOAD_BYTES:
            raise InputError(
                f"{filename}: the file has {len(data):,} bytes; the limit is {MAX_UPLOAD_BYTES:,}"
            )
        framework = self.session.framework
        try:
            roles = read_roles(data, filename, framework)
        except FormatError as error:

            def problems(ui_language: str) -> list[str]:
                return validate_roles_file(data, filename, framework, ui_language=ui_language)

            raise FileProblemsError(filename, problems) from error
        self.session.roles = roles
        return roles

    def export(self, fmt: str, folder: str | os.PathLike[str] | None = None) -> ExportedFile:
        """Write the roles as ``fmt`` (json or csv) into ``folder`` (default: the session's
        ``out_dir``); an existing file is replaced only by a complete new one."""
        if fmt not in ROLE_FORMATS:
            raise InputError(f"unknown format {fmt!r}; choose from {', '.join(ROLE_FORMATS)}")
        if not self.roles:
            raise InputError("there are no role profiles to export")
        target = Path(folder) if folder is not None else self.session.out_dir
        data = write_roles(self.roles, fmt)
        path = target.expanduser() / f"{ROLE_EXPORT_NAME}.{fmt}"
        write_atomically(path, data)
        return ExportedFile(path, data, fmt)

    def role_names(self, roles: Sequence[RoleProfile] | None = None) -> list[tuple[str, str]]:
        """(name in the display language, id) of each role, in order."""
        return [(localize(r.name, self.language) or r.id, r.id) for r in roles or self.roles]
