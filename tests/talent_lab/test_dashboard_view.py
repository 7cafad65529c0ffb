"""DashboardSession and DashboardView driven like a user would: uploads, toggles, rates, export.

The reports are small hand-made CSVs in the blocks' columns (docs/xblocks.md) over the small
framework of conftest.py, so every figure shown is known; the demo organisation is checked
for what it must contain.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
from pathlib import Path
from typing import Any

import pytest

import talent_core as tc
from talent_lab import DashboardSession, DashboardView
from talent_lab._dashboard_charts import WIDTH_PX
from talent_lab._dashboard_session import DASHBOARD_EXPORTS
from tests.talent_lab.conftest import small_roles
from tests.talent_lab.test_dashboard_figures import ASSESSMENTS, DIALOGUES, PEER_GROUPS, PLANS

PEOPLE = (
    "id,name,email,manager_id,department,location,timezone,seniority,language\n"
    "p1,Ann Berg,ann@example.org,,Sales,Lund,Europe/Stockholm,3,sv\n"
    "p2,Bo Ek,bo@example.org,p1,Sales,Lund,Europe/Stockholm,2,sv\n"
    "p3,Cas de Wit,cas@example.org,p1,IT,Delft,Europe/Amsterdam,2,nl\n"
)
#: The LMS usernames are the people's e-mail addresses here.
ASSESSMENTS_BY_EMAIL = (
    ASSESSMENTS.replace("\r\nann,", "\r\nann@example.org,")
    .replace("\r\nbo,", "\r\nbo@example.org,")
    .replace("\r\ncas,", "\r\ncas@example.org,")
)


def upload(*files: tuple[str, str]) -> tuple[dict[str, Any], ...]:
    return tuple(
        {
            "name": name,
            "type": "text/csv",
            "size": len(content.encode()),
            "content": memoryview(content.encode("utf-8-sig")),
            "last_modified": dt.datetime.now(dt.UTC),
        }
        for name, content in files
    )


@pytest.fixture
def view(small_framework: tc.CompetencyFramework, tmp_path: Path) -> DashboardView:
    session = DashboardSession(small_framework, small_roles(), out_dir=tmp_path / "out")
    session.min_ratings = 1  # the hand-made reports have a few learners per cell
    return DashboardView(session)


def test_uploads_of_several_reports_at_once(view: DashboardView) -> None:
    assert "Nothing loaded yet." in view.data_summary.value
    view.upload.value = upload(("assessment.csv", ASSESSMENTS), ("plans.csv", PLANS))
    assert "Loaded assessment.csv, plans.csv." in view.upload_status.value
    assert view.upload.value == ()
    summary = view.data_summary.value
    assert "Self-assessments</th><td" in summary and "Development plans</th><td" in summary
    # the plan file's unreadable row is counted, not shown
    assert "plans.csv</td><td " in summary and ">4</td><td " in summary and ">1</td>" in summary


def test_heatmap_by_role_until_people_are_loaded(view: DashboardView) -> None:
    view.upload.value = upload(("assessment.csv", ASSESSMENTS_BY_EMAIL))
    heatmap = view.heatmap.figure.data[0]
    assert "Upload a people CSV" in view.gaps_note.value
    # competencies down (their long names read across), groups across
    assert heatmap.x == ("Team lead",)
    assert heatmap.y == ("Giving feedback", "Working safely")
    assert [list(row) for row in heatmap.z] == [[2.5], [0.0]]

    view.upload.value = upload(("people.csv", PEOPLE))
    heatmap = view.heatmap.figure.data[0]
    assert "Upload a people CSV" not in view.gaps_note.value
    assert heatmap.x == ("IT", "Sales")
    assert [list(row) for row in heatmap.z] == [[0.0, 3.75], [0.0, 0.0]]
    assert "Mean weighted gap per department" in view.heatmap.figure.layout.title.text
    assert ">Sales</th>" in view.top_gaps.value and ">3.75</td>" in view.top_gaps.value

    view.group_by.value = "role"
    assert view.heatmap.figure.data[0].x == ("Team lead",)


def test_assessments_against_unknown_roles_are_named(view: DashboardView) -> None:
    content = ASSESSMENTS.replace("\r\ncas,lead,", "\r\ncas,nurse,")
    view.upload.value = upload(("assessment.csv", content))
    # eve's role "ghost" has a profile, but one that does not fit the framework
    assert view.session.unknown_roles() == {"ghost": 1, "nurse": 1}
    assert "(learners): ghost (1), nurse (1)." in view.gaps_note.value
    assert [list(row) for row in view.heatmap.figure.data[0].z] == [[3.75], [0.0]]


def test_cells_of_few_ratings_are_not_shown(view: DashboardView) -> None:
    view.session.min_ratings = 3
    view.upload.value = upload(("assessment.csv", ASSESSMENTS))
    # lead × feedback has 3 ratings; lead × safety only 2 (bo did not rate it)
    assert [list(row) for row in view.heatmap.figure.data[0].z] == [[2.5]]
    assert view.heatmap.figure.data[0].y == ("Giving feedback",)
    assert "Not shown: cells with fewer than 3 ratings (1; the export" in view.gaps_note.value
    assert "Working safely" not in view.top_gaps.value
    assert len(view.session.gap_table()) == 2  # the export keeps them


def test_learners_missing_from_the_people_file_are_a_group_of_their_own(
    view: DashboardView,
) -> None:
    view.upload.value = upload(("people.csv", PEOPLE), ("assessment.csv", ASSESSMENTS))
    assert view.heatmap.figure.data[0].x == ("(not in the<br>people file)",)


def test_a_bad_file_in_an_upload_keeps_what_was_loaded(view: DashboardView) -> None:
    view.upload.value = upload(("plans.csv", PLANS))
    before = view.plans.value
    bad = PLANS.replace("0,changed", "0,maybe")
    view.upload.value = upload(("assessment.csv", ASSESSMENTS), ("new-plans.csv", bad))
    status = view.upload_status.value
    assert 'role="alert"' in status and "Nothing was loaded" in status
    assert "new-plans.csv, row 4, column agreement: &#x27;maybe&#x27;" in status
    assert view.plans.value == before
    assert "assessment" not in view.session.reports  # the good file of that upload is not kept


def test_plan_progress_in_swedish(view: DashboardView) -> None:
    view.upload.value = upload(("plans.csv", PLANS))
    view.language.value = "sv"
    plans = view.plans.value
    assert "Planer som chefen har godkänt" in plans
    assert ">Godkänd</th><td " in plans and ">50 %</td>" in plans
    assert ">Ändrad sedan godkännandet</th>" in plans and ">25 %</td>" in plans
    assert view.tabs.titles == ("Data", "Gap", "Planernas framsteg", "Lärmix", "Exportera")


def test_rates_are_validated_and_change_the_cost(view: DashboardView) -> None:
    view.upload.value = upload(("plans.csv", PLANS))
    assert ">270</td>" in view.mix_table.value  # 2 classroom hours at 90 + 45 salary
    view.cost_per_hour[tc.LearningMode.CLASSROOM].value = 100
    view.away_share[tc.LearningMode.ON_THE_JOB].value = 1.5
    view.apply_rates.click()
    assert "On the job: share away (0–1): " in view.rates_status.value  # the label on screen
    assert "away_share" not in view.rates_status.value
    assert view.session.rates == tc.DEFAULT_RATES and ">270</td>" in view.mix_table.value

    view.away_share[tc.LearningMode.ON_THE_JOB].value = 0
    view.currency.value = " "
    view.apply_rates.click()
    assert "Currency: name the currency" in view.rates_status.value

    view.currency.value = "SEK"
    view.apply_rates.click()
    assert "The rates are applied." in view.rates_status.value
    assert ">290</td>" in view.mix_table.value and "(SEK)" in view.mix_table.value
    organisation, alternative = view.mix_chart.figure.data
    assert organisation.y[-1] == 290  # classroom
    assert alternative.y[-1] == pytest.approx(7.2 * 145)


def test_dialogues_and_peer_groups_without_plans(view: DashboardView) -> None:
    view.upload.value = upload(("dialogue.csv", DIALOGUES), ("peers.csv", PEER_GROUPS))
    plans = view.plans.value
    assert "No development plans are loaded." in plans
    assert ">Learners with a recorded conversation</th><td " in plans
    assert ">Peer groups</th><td style" in plans


def test_every_table_exports_as_csv_with_a_link(view: DashboardView, tmp_path: Path) -> None:
    view.upload.value = upload(
        ("assessment.csv", ASSESSMENTS), ("plans.csv", PLANS), ("dialogue.csv", DIALOGUES)
    )
    for name in DASHBOARD_EXPORTS:
        view.export_kind.value = name
        view.export_button.click()
        path = tmp_path / "out" / f"dashboard-{name}.csv"
        assert f"Saved {path}" in view.export_status.value
        assert 'download="dashboard-' in view.export_status.value
        rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))
        assert rows
    gaps = list(csv.DictReader(io.StringIO((tmp_path / "out/dashboard-gaps.csv").read_text())))
    assert gaps[0] == {
        "group": "lead",
        "competency_id": "feedback",
        "mean_gap": "2.5",
        "learners": "3",
    }


def test_an_export_to_a_folder_that_cannot_be_made(view: DashboardView, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    view.folder.value = str(tmp_path / "file" / "below")
    view.export_button.click()
    assert 'role="alert"' in view.export_status.value


def test_the_demo_organisation_comes_through_the_blocks_rows(tmp_path: Path) -> None:
    session = DashboardSession.from_demo(300, 2, out_dir=tmp_path)
    kinds = ["assessment", "plan", "dialogue", "peer_group", "people"]
    assert [report.kind for report in session.loaded()] == kinds
    assessments = session.reports["assessment"].rows
    assert 200 < len(assessments) <= 300
    assert set(assessments["role"]) <= {role.id for role in tc.demo_roles()}
    gaps = session.gap_table()
    assert set(gaps["group"]) <= {p.department for p in tc.generate_organisation(300, 2)}
    assert gaps["mean_gap"].between(0, 5).all() and gaps["mean_gap"].max() > 0
    agreement = session.agreement_table().set_index("agreement")["plans"]
    assert agreement.sum() == len(session.reports["plan"].rows) and (agreement > 0).all()
    view = DashboardView(session)
    assert "Demo organisation of 300 people (seed 2)." in view.data_summary.value
    assert view.top_gaps.value.count("<tr>") == 11  # a header and the ten largest gaps
    talks = session.conversation_table().set_index("measure")["count"]
    assert 0 < talks["dialogue_held"] <= talks["dialogue_learners"] < agreement.sum()
    assert talks["sessions_logged"] > 0 and 0 < talks["volunteers"] < talks["peer_members"]


def test_the_first_real_upload_replaces_the_whole_demo(tmp_path: Path) -> None:
    view = DashboardView(DashboardSession.from_demo(100, out_dir=tmp_path))
    view.upload.value = upload(("broken.csv", "name\r\nx\r\n"))
    assert len(view.session.loaded()) == 5  # a bad file keeps the demo
    view.upload.value = upload(("plans.csv", PLANS))
    assert [report.kind for report in view.session.loaded()] == ["plan"]
    assert "Demo organisation" not in view.data_summary.value
    assert "No self-assessments are loaded" in view.top_gaps.value


# Every message being translated with the same fields: tests/talent_core/test_i18n.py.


def test_every_file_the_blocks_and_notebooks_write_loads_or_is_skipped_with_a_reason(
    view: DashboardView,
) -> None:
    from talent_core.cli.demo_files import demo_files

    examples = demo_files()
    files = [
        ("plans.csv", PLANS),
        ("explorer.csv", "username\r\n"),  # the explorer's download before anyone browsed
        ("volunteers.csv", "id,volunteer_as\r\nlearner_1,mentor\r\n"),
        ("roster.csv", tc.roster_csv([("learner_1", "G1", "", "")])),
        ("mentees.csv", examples["mentees.csv"].decode()),
        ("pairs.csv", "mentee_id,mentor_id,score,reasons\ne1,m1,80,x\n"),
        ("viewed.csv", "username,competencies_viewed,viewed,last_competency\nann,1,a,a\n"),
    ]
    assert view.load_files(upload(*files))
    assert "plan" in view.session.reports
    status = view.upload_status.value
    assert "Loaded plans.csv." in status
    for name in ("explorer.csv", "volunteers.csv", "roster.csv", "mentees.csv", "pairs.csv"):
        assert f"{name} skipped: " in status
    assert "mentoring notebook (05)" in status and "peer group block" in status


def _small_course(session: DashboardSession) -> str:
    """A real small course's download: two learners submitted, one only opened the block."""
    role = session.roles[0]
    levels = [f"level:{r.competency_id}" for r in role.requirements]
    lines = [",".join(["username", "role", "submitted_at", "attempts", *levels, "top_gaps"])]
    for name in ("ann", "bo"):
        lines.append(
            ",".join([name, role.id, "2026-05-01T09:00:00+00:00", "1", *"1" * len(levels), ""])
        )
    lines.append(",".join(["cy", role.id, "", "0", *[""] * len(levels), ""]))
    return "\r\n".join(lines) + "\r\n"


def test_a_small_course_gets_an_honest_gaps_view(tmp_path: Path) -> None:
    """Two submitted self-assessments: below the privacy threshold, so no heatmap (no empty
    axes) but a sentence why, the counts that are loaded, and a table of ratings per cell."""
    session = DashboardSession(out_dir=tmp_path)
    view = DashboardView(session)
    assert view.heatmap_box.layout.display == "none"
    assert "No self-assessments are loaded" in view.top_gaps.value
    view.upload.value = upload(("assessment.csv", _small_course(session)))

    note = view.gaps_note.value
    assert "Self-assessments loaded: 3; learners who submitted one: 2" in note
    assert "The heatmap is hidden: every cell has fewer than 5 ratings" in note
    assert view.heatmap_box.layout.display == "none"
    assert "No submitted self-assessments" not in view.top_gaps.value
    counts = view.top_gaps.value
    assert "Ratings per target role and competency" in counts and "Mean gap" not in counts
    role = session.roles[0]
    assert counts.count("<tr>") == 1 + len(role.requirements)
    assert ">2</td></tr>" in counts
    # the rows are target roles (no people file): the toggle says so, not "Departments"
    assert view.group_by.value == "role"
    view.group_by.value = "department"  # asked for, but impossible without people
    assert view.group_by.value == "role" and "Upload a people CSV" in view.gaps_note.value

    view.language.value = "nl"
    assert "Ingelezen zelfbeoordelingen: 3" in view.gaps_note.value
    assert "De heatmap is verborgen" in view.gaps_note.value


def test_the_heatmap_shows_again_when_enough_learners_rated(view: DashboardView) -> None:
    view.upload.value = upload(("assessment.csv", ASSESSMENTS))
    assert view.heatmap_box.layout.display is None
    assert "Self-assessments loaded: 5; learners who submitted one: 4" in view.gaps_note.value


def test_chart_labels_are_whole_and_the_heatmap_reads_across(tmp_path: Path) -> None:
    """Category labels are wrapped whole (never cut off: "With others (mentoring, i…"), the
    heatmap has a row per competency, and both charts have the width of the notebook."""
    view = DashboardView(DashboardSession.from_demo(300, out_dir=tmp_path))
    heatmap = view.heatmap.figure
    competencies = [c.id for c in view.session.framework.competencies()]
    assert len(heatmap.data[0].y) == len(competencies) and len(heatmap.data[0].x) < 12
    assert heatmap.layout.height >= 26 * len(competencies)
    assert heatmap.layout.yaxis.automargin and heatmap.layout.xaxis.automargin
    modes = view.mix_chart.figure.data[0].x
    assert modes[1] == "With others<br>(mentoring,<br>intervision,<br>coaching)"
    assert all(len(line) <= 18 for mode in modes for line in mode.split("<br>"))
    assert view.mix_chart.figure.layout.legend.orientation == "h"
    assert heatmap.layout.width == view.mix_chart.figure.layout.width == WIDTH_PX


def test_the_cost_axis_writes_numbers_as_the_language_does(view: DashboardView) -> None:
    view.upload.value = upload(("plans.csv", PLANS))
    assert view.mix_chart.figure.layout.separators == ".,"
    view.language.value = "nl"
    assert view.mix_chart.figure.layout.separators == ",."
    view.language.value = "sv"
    assert view.mix_chart.figure.layout.separators == ",\xa0"  # as the table writes them


def test_a_bad_cell_is_named_in_the_notebooks_language(view: DashboardView) -> None:
    """The report reader's own words (place and problem) come from the talent catalog."""
    view.language.value = "sv"
    bad = PLANS.replace("0,changed", "0,maybe")
    view.upload.value = upload(("plans.csv", bad))
    swedish = "plans.csv, rad 4, kolumn agreement: 'maybe' är inte en av changed, no, yes"
    assert html.escape(swedish) in view.upload_status.value
    view.language.value = "nl"
    view.upload.value = upload(("assessment.csv", ASSESSMENTS.replace(",2,,1,", ",x,,1,")))
    dutch = "assessment.csv, rij 3, kolom level:feedback: 'x' is geen niveau (een geheel getal)"
    assert html.escape(dutch) in view.upload_status.value
