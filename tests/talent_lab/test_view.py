"""FrameworkExplorerView driven like a user would: widget values, uploads and clicks.

ipywidgets run without a kernel here; everything the view shows is in ``HTML.value``.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import json
import re
from pathlib import Path
from typing import Any

import pytest

import talent_core as tc
from talent_core.formats import write_framework
from talent_lab import FrameworkExplorerView, FrameworkSession
from talent_lab._messages import message


def upload(name: str, content: bytes) -> tuple[dict[str, Any], ...]:
    """A FileUpload value as ipywidgets 8 builds it from the browser."""
    return (
        {
            "name": name,
            "type": "",
            "size": len(content),
            "content": memoryview(content),
            "last_modified": dt.datetime.now(dt.UTC),
        },
    )


def body_rows(html: str) -> int:
    tbody = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return tbody.count("<tr>")


def test_first_render_shows_the_framework(session: FrameworkSession) -> None:
    view = FrameworkExplorerView(session)
    assert "<h3>Small framework</h3>" in view.overview.value
    assert "2 clusters, 3 competencies, 2 behaviour indicators" in view.overview.value
    assert body_rows(view.table.value) == 3
    assert '<th scope="col"' in view.table.value and "<caption" in view.table.value
    assert view.competency.value == "feedback"
    assert "Says what works." in view.detail.value
    assert view.tabs.titles[0] == "Overview"
    assert view.export_format.value == "json"
    assert view.import_format.value == "auto"


def test_switching_language_translates_labels_and_content(session: FrameworkSession) -> None:
    view = FrameworkExplorerView(session)
    view.competency.value = "safety"
    view.language.value = "nl"
    assert session.language == "nl"
    assert view.tabs.titles == tuple(
        message(f"tab.{t}", "nl")
        for t in ("overview", "table", "competency", "roles", "import", "export")
    )
    assert view.export_button.description == "Exporteren"
    assert view.table.value.startswith('<div lang="nl"')
    assert "Feedback geven" in view.table.value
    # falls back to English for a name without Dutch, and says so to screen readers
    assert '<span lang="en">Working safely</span>' in view.detail.value
    assert view.competency.value == "safety"  # the choice survives the switch
    assert ("Feedback geven", "feedback") in view.competency.options


def test_inspecting_a_competency(session: FrameworkSession) -> None:
    view = FrameworkExplorerView(session)
    view.competency.value = "listening"
    assert "<h3>Listening</h3>" in view.detail.value
    assert "None yet." in view.detail.value
    view.competency.value = "feedback"
    detail = view.detail.value
    assert "Part of: People › Teams" in detail
    level_1 = detail.index("<h5>1 Level 1</h5>")
    assert level_1 < detail.index("Names one concrete behaviour") < detail.index("<h5>3 Level 3")
    assert "2 Level 2" not in detail  # no indicator on that level
    assert "What did you hold back? <small>(for self-reflection)</small>" in detail
    assert re.search(r"Weekly feedback.*Classroom.*>2<", detail)
    assert re.search(r"Ask a peer.*On the job.*>1\.5<", detail)


def test_role_profiles_table(session: FrameworkSession) -> None:
    view = FrameworkExplorerView(session)
    roles = view.roles.value
    assert '<th scope="col" style="' in roles and ">Team lead</th>" in roles
    assert "3 Level 3" in roles and "1 Level 1" in roles
    not_required = '<span aria-hidden="true">–</span><span style="position:absolute'
    assert roles.count(not_required) == 1  # listening
    assert 'role="alert"' in roles and "Ghost role" in roles and "not-here" in roles


def test_uploading_a_framework_replaces_it(session: FrameworkSession) -> None:
    view = FrameworkExplorerView(session)
    view.upload.value = upload("demo.json", write_framework(tc.demo_framework(), "json"))
    assert 'role="status"' in view.import_status.value
    assert "from demo.json: 25 competencies" in view.import_status.value
    assert session.framework.id == "talent-demo"
    assert body_rows(view.table.value) == 25
    assert "Growing people" in view.overview.value
    assert view.competency.value == "giving-feedback"
    assert view.upload.value == ()  # ready for the next file


def test_a_bad_upload_shows_an_error_and_keeps_the_framework(session: FrameworkSession) -> None:
    view = FrameworkExplorerView(session)
    shown = view.table.value
    broken = b"Parent id number,Id number,Shortname\n,a,A\n"
    view.upload.value = upload("broken.csv", broken)
    status = view.import_status.value
    assert 'role="alert"' in status
    assert "broken.csv was not imported; Small framework is still loaded." in status
    assert "broken.csv, row 1: missing columns" in status
    assert "Traceback" not in status
    assert session.framework.id == "small"
    assert view.table.value == shown


def test_a_language_only_the_old_framework_had_falls_back_to_english(
    small_framework: tc.CompetencyFramework,
) -> None:
    german = small_framework.model_copy(update={"name": {"de": "Kleines Rahmenwerk"}})
    view = FrameworkExplorerView(FrameworkSession(german))
    assert ("de", "de") in view.language.options
    view.language.value = "de"
    assert "<h3>Kleines Rahmenwerk</h3>" in view.overview.value
    view.upload.value = upload("demo.json", write_framework(tc.demo_framework(), "json"))
    assert view.session.language == view.language.value == "en"
    assert [value for _, value in view.language.options] == ["en", "sv", "nl"]


def test_import_files_with_a_chosen_format(session: FrameworkSession) -> None:
    view = FrameworkExplorerView(session)
    moodle = write_framework(tc.demo_framework(), "moodle-csv")
    view.import_format.value = "case"
    assert not view.import_files(upload("framework.csv", moodle))
    assert 'role="alert"' in view.import_status.value
    view.import_format.value = "moodle-csv"
    assert view.import_files(upload("framework.csv", moodle))
    assert session.source == "framework.csv"
    assert not view.import_files(())


def test_the_real_moodle_export_shows_its_html_as_text(oecd_csv_path: Path) -> None:
    session = FrameworkSession.demo()
    view = FrameworkExplorerView(session)
    csv = oecd_csv_path
    view.upload.value = upload(csv.name, csv.read_bytes())
    assert "15 competencies" in view.import_status.value
    assert "OECD" in view.overview.value
    assert "&lt;p&gt;" not in view.overview.value and "<br>•" not in view.overview.value
    assert "No role profiles fit this framework." in view.roles.value


def test_framework_text_is_escaped(small_framework: tc.CompetencyFramework) -> None:
    hostile = small_framework.model_copy(
        update={"name": {"en": '<img src=x onerror="alert(1)">'}}, deep=True
    )
    view = FrameworkExplorerView(FrameworkSession(hostile))
    assert "<img" not in view.overview.value + view.table.value
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in view.overview.value


def test_export_button_writes_the_file_and_offers_a_download(
    session: FrameworkSession, tmp_path: Path
) -> None:
    view = FrameworkExplorerView(session)
    view.export_format.value = "moodle-csv"
    view.folder.value = str(tmp_path / "chosen")
    view.export_button.click()
    written = tmp_path / "chosen" / "small-moodle.csv"
    assert written.is_file()
    status = view.export_status.value
    assert 'role="status"' in status and str(written) in status
    link = re.search(r'<a download="small-moodle.csv" href="data:text/csv;base64,([^"]+)"', status)
    assert link is not None
    assert base64.b64decode(link.group(1)) == written.read_bytes()
    assert "Download small-moodle.csv" in status


def test_export_to_an_unusable_folder_says_why(session: FrameworkSession, tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("a file, not a folder")
    view = FrameworkExplorerView(session)
    view.language.value = "sv"
    view.folder.value = str(tmp_path / "taken")
    view.export_button.click()
    assert 'role="alert"' in view.export_status.value
    assert "Ramverket exporterades inte." in view.export_status.value
    assert "taken" in view.export_status.value


def test_the_view_displays_as_its_widget(session: FrameworkSession) -> None:
    view = FrameworkExplorerView(session)
    bundle = view._repr_mimebundle_()
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == view.widget.model_id


def test_a_moodle_csv_keeps_the_language_hr_says_its_texts_are_in(oecd_csv_path: Path) -> None:
    view = FrameworkExplorerView(FrameworkSession.demo(language="sv"))
    assert view.import_language.value == "sv"  # the display language unless told otherwise
    assert view.import_language.description == "Språk i en Moodle-CSV:s texter"
    view.import_language.value = "en"  # an English Moodle export, viewed in Swedish
    csv = oecd_csv_path
    view.upload.value = upload(csv.name, csv.read_bytes())
    framework = view.session.framework
    assert framework.id == "OECD-CORE" and framework.languages() == {"en"}
    assert view.session.language == "sv" and view.import_language.value == "en"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "bad.json, $.nodes[1].parent_id: unknown parent 'nowhere'"),
        ("sv", "bad.json, $.nodes[1].parent_id: okänd förälder 'nowhere'"),
        ("nl", "bad.json, $.nodes[1].parent_id: onbekende ouder 'nowhere'"),
    ],
)
def test_a_problem_the_core_finds_in_a_file_is_shown_in_the_views_language(
    session: FrameworkSession, language: str, expected: str
) -> None:
    """The core's framework check finds the unknown parent; the view words it by message id."""
    view = FrameworkExplorerView(session)
    view.language.value = language
    data = json.loads(write_framework(tc.demo_framework(), "json"))
    data["nodes"][1]["parent_id"] = "nowhere"
    view.upload.value = upload("bad.json", json.dumps(data).encode())
    status = html.unescape(view.import_status.value)
    assert 'role="alert"' in status and expected in status, status
