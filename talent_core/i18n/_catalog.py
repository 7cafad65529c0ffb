"""Look up a message of the ``talent`` catalog in a language and fill in its parameters."""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path

from babel.messages.mofile import read_mo

__all__ = [
    "DOMAIN",
    "LANGUAGES",
    "SOURCE_LANGUAGE",
    "TRANSLATIONS_DIR",
    "catalog_language",
    "has_message",
    "message_ids",
    "ntranslate",
    "translate",
]

DOMAIN = "talent"
TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
#: Languages whose catalogs are complete (a test checks every message in each).
LANGUAGES: tuple[str, ...] = ("en", "sv", "nl")
SOURCE_LANGUAGE = "en"


def catalog_language(language: str | None) -> str:
    """The shipped catalog for a language code (``sv-SE``, ``sv_se`` → ``sv``); else English."""
    if language:
        code = language.replace("_", "-").lower()
        for candidate in (code, code.split("-")[0]):
            if candidate in LANGUAGES:
                return candidate
    return SOURCE_LANGUAGE


@cache
def _load(language: str) -> gettext.NullTranslations:
    found = gettext.translation(DOMAIN, TRANSLATIONS_DIR, languages=[language])
    if language != SOURCE_LANGUAGE:
        found.add_fallback(_load(SOURCE_LANGUAGE))
    return found


@cache
def message_ids() -> frozenset[str]:
    """Every message id of the catalog (a plural message by its singular id)."""
    with (TRANSLATIONS_DIR / SOURCE_LANGUAGE / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as f:
        catalog = read_mo(f)
    return frozenset(m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id)


def has_message(message_id: str) -> bool:
    return message_id in message_ids()


def _known(message_id: str) -> None:
    if not has_message(message_id):
        raise KeyError(f"{message_id!r} is not in the {DOMAIN} catalog")


def _fill(template: str, params: dict[str, object]) -> str:
    return template.format(**params) if params else template


def translate(message_id: str, language: str | None = SOURCE_LANGUAGE, /, **params: object) -> str:
    """The text of ``message_id`` in ``language`` (English where it has no catalog), filled in.

    An id the catalog does not hold is a programming error: KeyError, not a stray id on screen.
    """
    _known(message_id)
    return _fill(_load(catalog_language(language)).gettext(message_id), params)


def ntranslate(
    message_id: str,
    plural_id: str,
    count: int,
    language: str | None = SOURCE_LANGUAGE,
    /,
    **params: object,
) -> str:
    """The singular or plural text for ``count`` in ``language``, filled in (``count`` too)."""
    _known(message_id)
    template = _load(catalog_language(language)).ngettext(message_id, plural_id, count)
    return _fill(template, {"count": count, **params})
