"""The roles charter (who does what in talent development) and the manager's checklist.

Both ship as data in English, Swedish and Dutch (``talent_core/data/roles_charter.json`` and
``manager_checklist.json``) with original defaults. HR adapts the charter in notebook 03 and
exports it as Markdown or HTML for manager onboarding; authors paste an edited charter or
checklist (JSON) into the development plan block's settings.
"""

from __future__ import annotations

import html
import json
from functools import cache
from importlib import resources
from typing import Annotated, Any

from pydantic import Field

from .._text import Identifier, LocalizedText, StrictModel, localize
from .._validation import load

__all__ = [
    "CharterRole",
    "ChecklistItem",
    "RolesCharter",
    "charter_html",
    "charter_markdown",
    "default_charter",
    "default_checklist",
    "load_charter",
    "load_checklist",
]


class CharterRole(StrictModel):
    id: Identifier
    name: LocalizedText
    duties: Annotated[list[LocalizedText], Field(min_length=1, max_length=30)]


class RolesCharter(StrictModel):
    title: LocalizedText
    intro: LocalizedText = Field(default_factory=dict)
    roles: Annotated[list[CharterRole], Field(min_length=1, max_length=20)]


class ChecklistItem(StrictModel):
    id: Identifier
    text: LocalizedText


class _Checklist(StrictModel):
    items: Annotated[list[ChecklistItem], Field(min_length=1, max_length=30)]


def _data(name: str) -> Any:
    return json.loads(resources.files("talent_core").joinpath(f"data/{name}").read_text("utf-8"))


@cache
def default_charter() -> RolesCharter:
    """The shipped charter: top management, line manager, HR, employee."""
    return load(RolesCharter, _data("roles_charter.json"), where="roles_charter.json")


@cache
def default_checklist() -> tuple[ChecklistItem, ...]:
    """The shipped checklist a manager ticks per report."""
    items = load(_Checklist, {"items": _data("manager_checklist.json")}, where="checklist")
    return tuple(items.items)


def load_charter(text: str) -> RolesCharter:
    """A charter from JSON text (an author's edited version); empty text is the default.
    ValidationError names what is wrong."""
    if not text.strip():
        return default_charter()
    return load(RolesCharter, _json(text, "roles_charter"), where="roles_charter")


def load_checklist(text: str) -> tuple[ChecklistItem, ...]:
    """A checklist from JSON text (a list of ``{"id", "text"}``); empty text is the default."""
    if not text.strip():
        return default_checklist()
    return tuple(load(_Checklist, {"items": _json(text, "checklist")}, where="checklist").items)


def _json(text: str, where: str) -> Any:
    from .._errors import Problem, ValidationError

    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ValidationError(
            [Problem.of(where, "problem.json.invalid", reason=error.msg)]
        ) from None
    except RecursionError:
        raise ValidationError([Problem.of(where, "problem.json.too_deep")]) from None


def charter_markdown(charter: RolesCharter, language: str) -> str:
    """The charter as Markdown in ``language`` (English where a text has no translation)."""
    lines = [f"# {localize(charter.title, language)}", ""]
    if charter.intro:
        lines += [localize(charter.intro, language), ""]
    for role in charter.roles:
        lines += [f"## {localize(role.name, language)}", ""]
        lines += [f"- {localize(duty, language)}" for duty in role.duties]
        lines.append("")
    return "\n".join(lines)


def charter_html(charter: RolesCharter, language: str) -> str:
    """The charter as a standalone, accessible HTML page in ``language``."""
    e = html.escape
    parts = [
        f'<!DOCTYPE html>\n<html lang="{e(language)}"><head><meta charset="utf-8">',
        f"<title>{e(localize(charter.title, language))}</title></head><body>",
        f"<h1>{e(localize(charter.title, language))}</h1>",
    ]
    if charter.intro:
        parts.append(f"<p>{e(localize(charter.intro, language))}</p>")
    for role in charter.roles:
        parts.append(f"<h2>{e(localize(role.name, language))}</h2><ul>")
        parts += [f"<li>{e(localize(duty, language))}</li>" for duty in role.duties]
        parts.append("</ul>")
    parts.append("</body></html>\n")
    return "\n".join(parts)
