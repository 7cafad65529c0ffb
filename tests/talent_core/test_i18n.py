"""The ``talent`` catalog: every message in English, Swedish and Dutch, compiled, filled in."""

from __future__ import annotations

import ast
import datetime
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from talent_core import i18n
from talent_core.i18n import tools
from talent_core.mentoring import Reason, ReasonCode, render_reason


def _catalog(language: str) -> dict[str, list[str]]:
    with tools.TALENT_CATALOG.po_path(language).open("rb") as f:
        catalog = read_po(f, locale=language)
    return {
        (m.id if isinstance(m.id, str) else m.id[0]): (
            list(m.string) if isinstance(m.string, tuple | list) else [m.string]
        )
        for m in catalog
        if m.id and not m.fuzzy
    }


def test_the_catalogs_are_complete_consistent_and_compiled() -> None:
    assert tools.catalog_problems(tools.TALENT_CATALOG) == []


@pytest.mark.parametrize("language", ["sv", "nl"])
def test_every_message_has_a_translation_with_the_english_placeholders(language: str) -> None:
    english, translated = _catalog("en"), _catalog(language)
    assert set(translated) == set(english) == i18n.message_ids()
    for message_id, forms in english.items():
        wanted = set().union(*map(tools.placeholders, forms))
        assert all(translated[message_id]), message_id
        for form in translated[message_id]:
            assert tools.placeholders(form) <= wanted, message_id
        if len(forms) == 1:
            assert tools.placeholders(translated[message_id][0]) == wanted, message_id


def test_a_translation_with_other_placeholders_is_reported(tmp_path: Path) -> None:
    copy = tmp_path / "translations"
    shutil.copytree(i18n.TRANSLATIONS_DIR, copy)
    catalogs = replace(tools.TALENT_CATALOG, directory=copy)
    po = catalogs.po_path("nl")
    text = po.read_text("utf-8")
    assert "{count} mensen geladen uit {source}" in text
    po.write_text(text.replace("{count} mensen geladen", "{aantal} mensen geladen"), "utf-8")
    problems = tools.catalog_problems(catalogs)
    assert any("'groups.people.ok' has placeholders" in p for p in problems), problems
    assert any("differs from talent.po; run compile" in p for p in problems)


def test_extract_gives_a_new_english_message_to_the_translators(tmp_path: Path) -> None:
    copy = tmp_path / "translations"
    shutil.copytree(i18n.TRANSLATIONS_DIR, copy)
    catalogs = replace(tools.TALENT_CATALOG, directory=copy)
    en = catalogs.po_path("en")
    en.write_text(en.read_text("utf-8") + '\nmsgid "lab.new"\nmsgstr "A new {thing}"\n', "utf-8")
    tools.update_catalogs(catalogs)
    sv = catalogs.po_path("sv").read_text("utf-8")
    assert '#. English: A new {thing}\nmsgid "lab.new"\nmsgstr ""' in sv
    assert "'lab.new' is not translated" in " ".join(tools.catalog_problems(catalogs))


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Loaded 3 people from x.csv. Design groups under Rules and goals."),
        ("sv-SE", "Läste in 3 personer från x.csv. Skapa grupper under Regler och mål."),
        ("nl_BE", "3 mensen geladen uit x.csv. Maak groepen onder Regels en doelen."),
        ("de", "Loaded 3 people from x.csv. Design groups under Rules and goals."),
        (None, "Loaded 3 people from x.csv. Design groups under Rules and goals."),
    ],
)
def test_translate_fills_in_the_message_in_the_language(
    language: str | None, expected: str
) -> None:
    assert i18n.translate("groups.people.ok", language, count=3, source="x.csv") == expected


def test_an_unknown_id_is_a_programming_error() -> None:
    with pytest.raises(KeyError, match=r"lab\.no-such-message"):
        i18n.translate("lab.no-such-message", "sv")


@pytest.mark.parametrize(
    ("count", "language", "expected"),
    [
        (1, "en", "More senior by 1 step (B vs A)"),
        (2, "en", "More senior by 2 steps (B vs A)"),
        (1, "sv", "1 steg mer senior (B mot A)"),
        (1, "nl", "1 stap meer senior (B tegen A)"),
    ],
)
def test_reasons_have_plural_forms_in_every_language(
    count: int, language: str, expected: str
) -> None:
    reason = Reason(
        ReasonCode.MORE_SENIOR,
        params={"count": count, "mentor_seniority": "B", "mentee_seniority": "A"},
    )
    assert render_reason(reason, language=language) == expected


@pytest.mark.parametrize(
    ("language", "number", "date"),
    [
        ("en", "100,000 / 81.5", "March 1, 2026"),
        ("sv", "100\u00a0000 / 81,5", "1 mars 2026"),
        ("nl", "100.000 / 81,5", "1 maart 2026"),
    ],
)
def test_numbers_and_dates_as_each_language_writes_them(
    language: str, number: str, date: str
) -> None:
    shown = f"{i18n.format_number(100_000, language)} / {i18n.format_number(81.46, language, 1)}"
    assert shown == number
    assert i18n.format_date(datetime.date(2026, 3, 1), language) == date


def test_every_problem_the_core_makes_has_a_message_id() -> None:
    """``Problem(field, "English")`` in the core would reach Swedish users in English; the
    one exception is pydantic's own message for an error no person can cause from a form."""
    root = Path(i18n.__file__).resolve().parents[1]
    allowed = {"_errors.py", "_validation.py"}
    bare = [
        f"{path.relative_to(root)}:{node.lineno}"
        for path in sorted(root.rglob("*.py"))
        if path.name not in allowed
        for node in ast.walk(ast.parse(path.read_text("utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name | ast.Attribute)
        and (node.func.id if isinstance(node.func, ast.Name) else node.func.attr) == "Problem"
    ]
    assert bare == []
