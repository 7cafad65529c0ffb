"""HR adapts the roles charter: edits per language, refused edits change nothing, and the
exported JSON is what the development plan block's charter setting loads."""

from __future__ import annotations

from pathlib import Path

import pytest

from talent_core import TalentError
from talent_core.managers import default_charter, load_charter
from talent_lab import CharterSession


def test_starts_from_the_shipped_charter_and_round_trips_through_the_blocks_loader() -> None:
    session = CharterSession()
    assert session.charter == default_charter()
    assert load_charter(session.to_json()) == default_charter()
    assert CharterSession(session.to_json()).charter == default_charter()


def test_edited_duties_in_swedish_keep_the_other_languages() -> None:
    session = CharterSession()
    role = session.role_ids()[1]
    before = session.charter.roles[1].duties
    session.set_duties(role, "sv", ["Håller ett samtal i kvartalet.", "  ", "Ny plikt."])
    duties = session.charter.roles[1].duties
    assert [d["sv"] for d in duties] == ["Håller ett samtal i kvartalet.", "Ny plikt."]
    assert duties[0]["en"] == before[0]["en"]
    assert "en" not in duties[1] or duties[1]["en"] == before[1]["en"]
    assert load_charter(session.to_json()) == session.charter


def test_an_edit_breaking_a_rule_is_refused_and_nothing_changes() -> None:
    session = CharterSession()
    kept = session.charter
    with pytest.raises(TalentError):
        session.set_duties(session.role_ids()[0], "en", ["   "])  # a role needs a duty
    with pytest.raises(TalentError):
        session.set_title("xx-not a code", "Title")
    assert session.charter == kept
    with pytest.raises(TalentError, match="no role 'no-such-role'"):
        session.set_duties("no-such-role", "en", ["x"])
    assert session.charter == kept


def test_bad_json_is_a_talent_error() -> None:
    with pytest.raises(TalentError):
        CharterSession("{not json")


def test_exports_markdown_and_html_per_language_and_json_for_authors(tmp_path: Path) -> None:
    session = CharterSession()
    session.set_title("nl", "Wie doet wat bij ons")
    md = session.export(tmp_path, "markdown", "nl")
    html = session.export(tmp_path, "html", "nl")
    data = session.export(tmp_path, "json", "nl")
    assert md.name == "roles-charter-nl.md" and html.name == "roles-charter-nl.html"
    assert md.read_text("utf-8").startswith("# Wie doet wat bij ons")
    assert '<html lang="nl">' in html.read_text("utf-8")
    assert load_charter(data.read_text("utf-8")).title["nl"] == "Wie doet wat bij ons"


def test_an_unknown_format_is_a_talent_error_and_writes_nothing(tmp_path: Path) -> None:
    session = CharterSession()
    before = session.to_json()
    with pytest.raises(TalentError, match="unknown charter format 'pdf'"):
        session.export(tmp_path, "pdf", "en")
    assert session.to_json() == before and not list(tmp_path.iterdir())
