"""Multilingual text and the small value types shared by the domain models."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints

__all__ = [
    "DEFAULT_LANGUAGES",
    "Identifier",
    "LanguageCode",
    "LocalizedText",
    "LongText",
    "ShortText",
    "StrictModel",
    "Username",
    "control_character_fields",
    "localize",
]

#: Languages that shipped content and user interfaces are complete in.
DEFAULT_LANGUAGES: tuple[str, ...] = ("en", "sv", "nl")

MAX_NAME = 300
MAX_LONG_TEXT = 20_000

Identifier = Annotated[
    str,
    StringConstraints(
        min_length=1, max_length=200, pattern=r"^[^\s\x00-\x1f,](?:[^\x00-\x1f,]*[^\s\x00-\x1f,])?$"
    ),
]
"""Stable id of a node, role, goal: no control characters, commas (CSV lists) or outer spaces."""

Username = Annotated[
    str, StringConstraints(min_length=1, max_length=150, pattern=r"^[^\s,;\"'<>\x00-\x1f\x7f]+$")
]
"""An Open edX username as rosters give it: no spaces, commas, semicolons, quotes or brackets."""

LanguageCode = Annotated[
    str, StringConstraints(pattern=r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$", max_length=35)
]
ShortText = Annotated[str, StringConstraints(max_length=MAX_NAME)]
LongText = Annotated[str, StringConstraints(max_length=MAX_LONG_TEXT)]


def _drop_empty(value: dict[str, str]) -> dict[str, str]:
    return {lang: text for lang, text in value.items() if text.strip()}


LocalizedText = Annotated[dict[LanguageCode, LongText], AfterValidator(_drop_empty)]
"""Text per language code (``{"en": "...", "sv": "..."}``); empty translations are dropped."""


class StrictModel(BaseModel):
    """Base of the domain models: unknown fields are an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid", validate_default=True)


def localize(
    text: Mapping[str, str], language: str | None, fallbacks: Iterable[str] = ("en",)
) -> str:
    """Best text for ``language``: exact code, then its base language, then fallbacks, then any."""
    if not text:
        return ""
    candidates: list[str] = []
    if language:
        candidates += [language, language.split("-")[0].lower()]
    candidates += list(fallbacks)
    for code in candidates:
        if code in text:
            return text[code]
    return next(iter(text.values()))


#: Control characters free text may not hold (tab, line feed and carriage return may): NUL,
#: ESC, BEL and the like reach CSV files and terminals raw and mean nothing in a text.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def control_character_fields(data: Any, path: str = "") -> list[str]:
    """Dotted paths (``goals.0.why``) of the strings in JSON-like ``data`` (keys included)
    that hold a control character other than tab, line feed or carriage return."""
    found: list[str] = []
    if isinstance(data, str):
        if CONTROL_CHARACTERS.search(data):
            found.append(path)
    elif isinstance(data, Mapping):
        for key, value in data.items():
            where = f"{path}.{key}" if path else str(key)
            if isinstance(key, str) and CONTROL_CHARACTERS.search(key):
                found.append(where)
            found += control_character_fields(value, where)
    elif isinstance(data, list | tuple):
        for index, value in enumerate(data):
            found += control_character_fields(value, f"{path}.{index}" if path else str(index))
    return found
