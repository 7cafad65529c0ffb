"""The blocks' own gettext catalogs: ``xblocks/translations/<lang>/LC_MESSAGES/text.mo``.

Open edX loads a third-party block's bundled ``text.mo`` from exactly this place; the workbench
only proxies Django's catalogs and would show English. So the blocks translate through these
catalogs themselves, in the language Django has activated for the request (see
:func:`xblocks.compat.active_language`), and both platforms show the same words.
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path

from talent_core import DEFAULT_LANGUAGES
from talent_core import i18n as core_i18n

__all__ = [
    "DOMAIN",
    "LANGUAGES",
    "N_",
    "TRANSLATIONS_DIR",
    "catalog_language",
    "translation",
]

DOMAIN = "text"
TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
#: Languages whose catalogs are complete (a test checks every msgid is translated).
LANGUAGES: tuple[str, ...] = DEFAULT_LANGUAGES
SOURCE_LANGUAGE = "en"


def N_(message: str) -> str:
    """Mark a string for extraction where it must stay untranslated until shown (field labels)."""
    return message


def catalog_language(language: str | None) -> str:
    """The shipped catalog for a Django language code (``sv-se`` → ``sv``); else English: the
    core's rule, so blocks and notebooks pick the same language."""
    return core_i18n.catalog_language(language)


def translation(language: str | None) -> gettext.NullTranslations:
    """The catalog for ``language``; English (the msgids themselves) when there is none."""
    return _load(catalog_language(language))


@cache
def _load(language: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, TRANSLATIONS_DIR, languages=[language], fallback=True)
