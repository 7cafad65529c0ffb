"""The blocks' catalogs: complete in every shipped language and compiled from their sources."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from xblocks import i18n, i18n_tools


def test_catalogs_match_the_code_are_translated_and_compiled() -> None:
    assert i18n_tools.catalog_problems() == []


def test_extraction_finds_python_template_and_plural_messages() -> None:
    found = i18n_tools.extract_messages()
    assert "xblocks/framework_source.py" in found["Competency framework"]
    assert "xblocks/templates/competency_detail.html" in found["Coaching questions"]
    assert ("{hours} hour", "{hours} hours") in found


@pytest.mark.parametrize(
    ("language", "expected"),
    [("sv", "Coachande frågor"), ("nl", "Coachingvragen"), ("en", "Coaching questions")],
)
def test_compiled_catalogs_translate(language: str, expected: str) -> None:
    assert i18n.translation(language).gettext("Coaching questions") == expected


def test_english_plural_comes_from_the_msgids() -> None:
    catalog = i18n.translation("en")
    assert catalog.ngettext("{hours} hour", "{hours} hours", 1) == "{hours} hour"
    assert catalog.ngettext("{hours} hour", "{hours} hours", 3) == "{hours} hours"


@pytest.mark.parametrize(
    ("django_code", "catalog"),
    [("sv", "sv"), ("sv-se", "sv"), ("nl_BE", "nl"), ("en-us", "en"), ("de", "en"), (None, "en")],
)
def test_catalog_language_for_django_codes(django_code: str | None, catalog: str) -> None:
    assert i18n.catalog_language(django_code) == catalog


def test_a_stale_mo_is_reported(tmp_path: Path) -> None:
    copy = tmp_path / "translations"
    shutil.copytree(i18n.TRANSLATIONS_DIR, copy)
    catalogs = replace(i18n_tools.BLOCK_CATALOG, directory=copy)
    po = copy / "sv" / "LC_MESSAGES" / "text.po"
    po.write_text(
        po.read_text("utf-8").replace('msgstr "Coachande frågor"', 'msgstr "Frågor"'), "utf-8"
    )
    stale = f"{po.with_suffix('.mo')}: differs from text.po; run compile"
    assert stale in i18n_tools.catalog_problems(catalogs)
    i18n_tools.compile_catalogs(catalogs)
    assert stale not in i18n_tools.catalog_problems(catalogs)


def test_a_translation_that_drops_a_placeholder_is_reported(tmp_path: Path) -> None:
    copy = tmp_path / "translations"
    shutil.copytree(i18n.TRANSLATIONS_DIR, copy)
    catalogs = replace(i18n_tools.BLOCK_CATALOG, directory=copy)
    po = copy / "nl" / "LC_MESSAGES" / "text.po"
    text = po.read_text("utf-8")
    assert 'msgstr[1] "{hours} uur"' in text
    po.write_text(text.replace('msgstr[1] "{hours} uur"', 'msgstr[1] "{uren} uur"'), "utf-8")
    problems = i18n_tools.catalog_problems(catalogs)
    assert any("'{hours} hour'" in p and "placeholders" in p for p in problems), problems
