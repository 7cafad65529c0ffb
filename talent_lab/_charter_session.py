"""HR's draft of the roles charter: edit the shipped charter per language, then export it as
JSON (what the development plan block's "Roles charter (JSON)" setting accepts), Markdown and
HTML (for manager onboarding). Every edit is validated by the core's charter rules, so a draft
that exports is one the block can load."""

from __future__ import annotations

import json
from pathlib import Path

from talent_core import InputError
from talent_core.managers import (
    RolesCharter,
    charter_html,
    charter_markdown,
    load_charter,
)

from ._export import write_atomically

__all__ = ["CharterSession"]

#: Per export format: the end of the file name.
_SUFFIXES = {"json": ".json", "markdown": ".md", "html": ".html"}


class CharterSession:
    """One charter being adapted; starts from the shipped one or an earlier export."""

    def __init__(self, text: str = "") -> None:
        """``text``: an exported charter (JSON); empty for the shipped charter.
        Raises the core's ValidationError naming what is wrong."""
        self.charter: RolesCharter = load_charter(text)

    def _replace(self, data: dict[str, object]) -> None:
        # Through the core's loader, so an edit that breaks a rule is refused and nothing changes.
        self.charter = load_charter(json.dumps(data, ensure_ascii=False))

    def role_ids(self) -> list[str]:
        return [role.id for role in self.charter.roles]

    def set_title(self, language: str, text: str) -> None:
        data = self.charter.model_dump(mode="json")
        data["title"] = {**data["title"], language: text}
        self._replace(data)

    def set_duties(self, role_id: str, language: str, duties: list[str]) -> None:
        """Replace a role's duties in one language (one line each; blank lines dropped).
        Other languages keep their texts line by line; a line only in this language is new."""
        data = self.charter.model_dump(mode="json")
        lines = [line.strip() for line in duties if line.strip()]
        for role in data["roles"]:
            if role["id"] == role_id:
                old = role["duties"]
                role["duties"] = [
                    {
                        **(
                            {k: v for k, v in old[i].items() if k != language}
                            if i < len(old)
                            else {}
                        ),
                        language: line,
                    }
                    for i, line in enumerate(lines)
                ]
                break
        else:
            raise InputError(
                f"the charter has no role {role_id!r}; its roles: {', '.join(self.role_ids())}"
            )
        self._replace(data)

    def to_json(self) -> str:
        """The charter as JSON for the block's setting (loads back unchanged)."""
        return json.dumps(self.charter.model_dump(mode="json"), ensure_ascii=False, indent=2)

    def render(self, fmt: str, language: str) -> str:
        if fmt == "json":
            return self.to_json()
        if fmt == "markdown":
            return charter_markdown(self.charter, language)
        if fmt == "html":
            return charter_html(self.charter, language)
        raise InputError(f"unknown charter format {fmt!r}; choose one of {', '.join(_SUFFIXES)}")

    def export(self, folder: Path, fmt: str, language: str) -> Path:
        """Write ``roles-charter[-<language>].<ext>`` into ``folder`` whole or not at all."""
        content = self.render(fmt, language).encode("utf-8")  # refuses an unknown format
        name = "roles-charter" + ("" if fmt == "json" else f"-{language}") + _SUFFIXES[fmt]
        path = Path(folder) / name
        write_atomically(path, content)
        return path
