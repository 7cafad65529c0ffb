"""FrameworkSession: tables, role profiles, whole-or-nothing import and export to files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest

import talent_core as tc
from talent_core.formats import (
    FORMATS,
    IMPORT_FORMATS,
    read_framework,
    validate_framework_file,
    write_framework,
)
from talent_lab import COMPETENCY_COLUMNS, FileProblemsError, FrameworkSession
from talent_lab import _session as session_module
from talent_lab._export import export_filename


def test_competency_table_of_the_small_framework(session: FrameworkSession) -> None:
    table = session.competency_table()
    assert list(table.columns) == list(COMPETENCY_COLUMNS)
    assert table.to_dict("records") == [
        {
            "cluster": "Teams",
            "competency_id": "feedback",
            "name": "Giving feedback",
            "indicators": 2,
            "questions": 1,
            "activities": 2,
            "modes": "on_the_job, classroom",
        },
        {
            "cluster": "People",
            "competency_id": "listening",
            "name": "Listening",
            "indicators": 0,
            "questions": 0,
            "activities": 0,
            "modes": "",
        },
        {
            "cluster": "",
            "competency_id": "safety",
            "name": "Working safely",
            "indicators": 0,
            "questions": 0,
            "activities": 0,
            "modes": "",
        },
    ]


def test_table_names_follow_the_language_with_fallback(session: FrameworkSession) -> None:
    session.language = "sv"
    table = session.competency_table().set_index("competency_id")
    assert table.loc["feedback", "name"] == "Ge feedback"
    assert table.loc["feedback", "cluster"] == "Teams"  # no Swedish name: falls back to English
    assert table.loc["listening", "cluster"] == "Människor"


def test_demo_session_table_matches_the_framework() -> None:
    session = FrameworkSession.demo(language="nl")
    table = session.competency_table()
    framework = session.framework
    assert len(table) == len(framework.competencies()) >= 24
    assert table["cluster"].nunique() >= 5
    for row in table.itertuples():
        node = framework.node(row.competency_id)
        assert row.name == node.name["nl"]
        assert row.indicators == len(framework.indicators(node.id)) > 0
        assert row.questions == len(node.coaching_questions) >= 3
        assert set(row.modes.split(", ")) == {a.mode.value for a in node.activities}


def test_unknown_language_is_refused(session: FrameworkSession) -> None:
    with pytest.raises(ValueError, match="'xx'"):
        session.language = "xx"
    assert session.language == "en"


def test_required_levels_leave_out_roles_that_do_not_fit(session: FrameworkSession) -> None:
    assert [r.id for r in session.fitting_roles()] == ["lead"]
    problems = session.role_problems()
    assert list(problems) == ["ghost"]
    assert "unknown competency 'not-here'" in problems["ghost"][0]
    levels = session.required_levels().set_index("competency_id")
    assert list(levels.columns) == ["cluster", "name", "lead"]
    assert levels["lead"].dtype == "Int64"
    assert levels.loc["feedback", "lead"] == 3
    assert levels.loc["safety", "lead"] == 1
    assert pd.isna(levels.loc["listening", "lead"])


def test_demo_roles_all_fit_the_demo_framework() -> None:
    session = FrameworkSession.demo()
    assert session.role_problems() == {}
    levels = session.required_levels()
    assert len(levels.columns) - 3 == len(session.roles) >= 4
    assert levels.iloc[:, 3:].notna().sum().min() > 0


def test_import_replaces_the_framework(session: FrameworkSession) -> None:
    data = write_framework(tc.demo_framework(), "case")
    session.import_file(data, "demo-case.json")
    assert session.framework.name["en"] == tc.demo_framework().name["en"]
    assert session.source == "demo-case.json"
    assert len(session.competency_table()) == len(tc.demo_framework().competencies())


@pytest.mark.parametrize(
    ("data", "filename", "expected"),
    [
        (b'{"id": "x", "name": ', "broken.json", "broken.json"),
        (b"", "empty.csv", "empty"),
        (b"Parent id number,Id number\n,a\n", "short.csv", "missing columns"),
        (b"\x00\xff\xfe binary", "photo.png", "photo.png"),
    ],
)
def test_a_bad_file_keeps_the_loaded_framework(
    session: FrameworkSession, data: bytes, filename: str, expected: str
) -> None:
    before = session.framework
    with pytest.raises(FileProblemsError) as raised:
        session.import_file(data, filename)
    assert session.framework is before
    assert session.source is None
    assert expected in raised.value.text("en")


def test_a_bad_row_is_named_and_nothing_is_imported(session: FrameworkSession) -> None:
    rows = write_framework(tc.demo_framework(), "moodle-csv").decode("utf-8").splitlines()
    fields = rows[3].split(",")
    fields[0] = "no-such-parent"
    rows[3] = ",".join(fields)
    with pytest.raises(tc.TalentError) as raised:
        session.import_file("\n".join(rows).encode(), "edited.csv")
    assert session.framework.id == "small"
    assert str(raised.value).startswith("edited.csv, row")
    assert "no-such-parent" in str(raised.value)


def test_an_oversized_upload_is_refused(
    session: FrameworkSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = write_framework(tc.demo_framework(), "json")
    monkeypatch.setattr(session_module, "MAX_UPLOAD_BYTES", len(data) - 1)
    with pytest.raises(tc.InputError, match=f"{len(data):,} bytes"):
        session.import_file(data, "big.json")
    assert session.framework.id == "small"


def test_moodle_csv_texts_are_read_in_the_display_language(session: FrameworkSession) -> None:
    data = write_framework(tc.demo_framework(), "moodle-csv", language="sv")
    session.language = "sv"
    session.import_file(data, "moodle.csv", "moodle-csv")
    assert session.framework.node("giving-feedback").name == {"sv": "Ge feedback"}


def test_the_real_moodle_export_imports(oecd_csv_path: Path) -> None:
    session = FrameworkSession.demo()
    csv = oecd_csv_path
    session.import_file(csv.read_bytes(), csv.name)
    assert len(session.competency_table()) == 15
    # the demo roles name competencies this framework lacks: none fits, each says why
    assert session.fitting_roles() == []
    assert set(session.role_problems()) == {role.id for role in session.roles}


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_writes_each_format(session: FrameworkSession, fmt: str) -> None:
    exported = session.export(fmt)
    assert exported.path.parent == session.out_dir
    assert exported.path.name == export_filename("small", fmt)
    assert exported.path.read_bytes() == exported.data
    assert [p.name for p in session.out_dir.iterdir()] == [exported.path.name]  # no temp file
    if fmt in IMPORT_FORMATS:
        again = read_framework(exported.data, exported.path.name, fmt)
        assert [n.id for n in again.competencies()] == ["feedback", "listening", "safety"]
    else:
        assert b"Giving feedback" in exported.data


def test_native_export_round_trips_exactly(session: FrameworkSession, tmp_path: Path) -> None:
    exported = session.export("json", tmp_path / "elsewhere")
    assert exported.path.parent == tmp_path / "elsewhere"
    assert read_framework(exported.path.read_bytes(), "x.json") == session.framework
    assert json.loads(exported.data)["id"] == "small"


def test_one_language_exports_use_the_display_language(session: FrameworkSession) -> None:
    session.language = "nl"
    exported = session.export("openedx-taxonomy-csv")
    assert b"Feedback geven" in exported.data
    assert b"Giving feedback" not in exported.data


def test_failed_exports_say_why_and_write_nothing(
    session: FrameworkSession, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")

    def refusal(fmt: str, folder: Path | None = None) -> str:
        with pytest.raises(tc.TalentError) as raised:
            session.export(fmt, folder)
        return str(raised.value)

    assert refusal("json", blocker) == f"{blocker}: Not a directory"  # no errno, no "File exists"
    (tmp_path / "locked").mkdir(mode=0o500)
    if os.geteuid() != 0:  # root writes anywhere
        assert refusal("json", tmp_path / "locked") == f"{tmp_path / 'locked'}: Permission denied"
    no_folder = Path("/proc/no-such-folder")
    assert refusal("json", no_folder) == "/proc/no-such-folder: No such file or directory"
    assert "unknown format 'pdf'" in refusal("pdf")
    assert not session.out_dir.exists()


def test_replacing_an_export_replaces_the_whole_file(session: FrameworkSession) -> None:
    first = session.export("json")
    first.path.write_bytes(b"x" * 10 * len(first.data))  # longer than the new content
    second = session.export("json")
    assert second.path.read_bytes() == second.data


@pytest.mark.parametrize(
    ("framework_id", "expected"),
    [
        ("talent-demo", "talent-demo-case.json"),
        ("../../etc/passwd", "etc-passwd-case.json"),
        ("Ramverk för ledare", "Ramverk-f-r-ledare-case.json"),
        ("...", "framework-case.json"),
    ],
)
def test_export_file_names_stay_in_the_folder(framework_id: str, expected: str) -> None:
    assert export_filename(framework_id, "case") == expected


def test_a_failed_import_lists_every_problem_in_notebook_words(session: FrameworkSession) -> None:
    rows = write_framework(tc.demo_framework(), "moodle-csv").decode("utf-8").splitlines()
    for index in (3, 4):
        fields = rows[index].split(",")
        fields[0] = f"ghost-{index}"
        rows[index] = ",".join(fields)
    with pytest.raises(FileProblemsError) as raised:
        session.import_file("\n".join(rows).encode(), "edited.csv")
    problems = raised.value.text("en").splitlines()
    assert [p.split(": ")[-1] for p in problems] == [
        "unknown parent 'ghost-3'",
        "unknown parent 'ghost-4'",
    ]
    assert all(p.startswith("edited.csv, row") for p in problems)
    with pytest.raises(FileProblemsError) as raised:
        session.import_file(b"name;level\nAnn;3\n", "ratings.csv")
    assert "cannot tell the format" in str(raised.value)
    assert "validate" not in str(raised.value) and "--" not in str(raised.value)


def test_managers_follow_up_separates_verified_from_self_reported_agreement() -> None:
    import datetime as dt

    from talent_lab import DashboardSession

    plans = (
        "username,goals,progress_percent,agreement,agreement_source,manager_username,"
        "manager_status,saved_on,next_due,submitted_on,manager_last_conversation\n"
        "ann,2,50,yes,manager,maja,yes,2026-06-01,2020-01-01,,2026-05-01\n"
        "bo,1,0,yes,self-reported,maja,not-submitted,2026-06-01,,,\n"
        "cy,1,0,no,,nils,waiting,2026-06-01,,2026-01-01,\n"
    )
    session = DashboardSession(language="en")
    session.load([("development_plan-data.csv", plans.encode())])
    table = session.manager_table().set_index("manager")
    assert table.loc["maja", "team"] == 2 and table.loc["maja", "agreed_verified"] == 1
    assert table.loc["maja", "agreed_self_reported"] == 1 and table.loc["maja", "overdue"] == 1
    assert table.loc["nils", "agreed_verified"] == 0
    attention = session.attention_table(dt.date(2026, 6, 30))
    reasons = set(zip(attention["username"], attention["reason"], strict=True))
    assert ("ann", "overdue-activity") in reasons and ("cy", "waiting-for-manager") in reasons
    assert ("bo", "no-dialogue") in reasons and ("ann", "no-dialogue") not in reasons


def test_self_ratings_beside_the_managers_own_show_over_and_under_rating() -> None:
    from talent_lab import DashboardSession

    assessments = (
        "username,role,submitted_at,attempts,top_gaps,level:giving-feedback,level:delegating\n"
        "ann,first-time-manager,2026-01-01T10:00:00+00:00,1,,3,2\n"
        "bo,first-time-manager,2026-01-01T10:00:00+00:00,1,,1,2\n"
    )
    plans = (
        "username,goals,progress_percent,agreement,agreement_source,manager_username,"
        "manager_rating:giving-feedback\n"
        "ann,1,0,yes,manager,maja,2\n"
        "bo,1,0,no,,maja,2\n"
    )
    session = DashboardSession(language="en")
    files = [
        ("competency_assessment-data.csv", assessments.encode()),
        ("development_plan-data.csv", plans.encode()),
    ]
    session.load(files)
    table = session.self_vs_manager_table()
    assert table.to_dict("records") == [
        {"competency": "giving-feedback", "pairs": 2, "mean_difference": 0.0, "over": 1, "under": 1}
    ]


def test_a_refused_file_raises_a_typed_error_worded_in_any_language(
    session: FrameworkSession,
) -> None:
    rows = write_framework(tc.demo_framework(), "moodle-csv").decode("utf-8").splitlines()
    fields = rows[3].split(",")
    fields[0] = "ghost"
    rows[3] = ",".join(fields)
    data = "\n".join(rows).encode()
    with pytest.raises(FileProblemsError) as raised:
        session.import_file(data, "edited.csv")
    assert isinstance(raised.value, tc.TalentError) and isinstance(raised.value, ValueError)
    assert raised.value.filename == "edited.csv"
    for language in ("en", "sv", "nl"):
        expected = validate_framework_file(data, "edited.csv", ui_language=language)
        assert raised.value.text(language).splitlines() == expected
    assert raised.value.text("sv") != raised.value.text("en")
    assert not hasattr(session, "last_error")


def test_the_dashboards_session_raises_typed_errors_instead_of_keeping_one(
    tmp_path: Path,
) -> None:
    from talent_lab import DashboardSession

    session = DashboardSession(out_dir=tmp_path)
    with pytest.raises(tc.FormatError, match=r"bad\.csv"):
        session.load([("bad.csv", b"username,role,submitted_at,attempts\nann,x,never,1\n")])
    rates = {**session.rates.model_dump(), "salary_per_hour": -1}
    with pytest.raises(tc.ValidationError) as raised:
        session.set_rates(rates, {"salary_per_hour": "Salary per hour"})
    assert raised.value.text("en").startswith("Salary per hour: ")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(tc.TalentError, match="Not a directory"):
        session.export("mix", blocker)
    assert not hasattr(session, "last_error")
