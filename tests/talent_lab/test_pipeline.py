"""PipelineSession and PipelineView driven as HR would: uploads, filters, critical roles, export.

The files are small hand-made downloads in the blocks' columns over the shipped demo framework
and roles, so every figure is known; a bad file is refused naming file, row and column, and
changes nothing.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

import talent_core as tc
from talent_lab import PipelineSession, PipelineView

ROLES = {role.id: role for role in tc.demo_roles()}
SPECIALIST = ROLES["specialist"]
PEOPLE_COLUMNS = "id,name,email,manager_id,department,location,timezone,seniority,language,role_id"
#: b1 leads Sales (u1, u2, u3 and, through u3, u4); u5 and u6 are in IT under b2.
PEOPLE = [
    ("b1", "Bea Boss", "", "Sales", "experienced-leader-mentor"),
    ("u1", "Ulla One", "b1", "Sales", "specialist"),
    ("u2", "Uno Two", "b1", "Sales", "specialist"),
    ("u3", "Ulf Three", "b1", "Sales", "first-time-manager"),
    ("u4", "Ute Four", "u3", "Sales", "specialist"),
    ("b2", "Bo Second", "", "IT", "experienced-leader-mentor"),
    ("u5", "Uma Five", "b2", "IT", "specialist"),
    ("u6", "Udo Six", "b2", "IT", "project-lead"),
]


def people_csv(delimiter: str = ",") -> bytes:
    lines = [PEOPLE_COLUMNS.replace(",", delimiter)]
    for key, name, boss, department, role in PEOPLE:
        cells = [key, name, f"{key}@example.org", boss, department, "Lund"]
        cells += ["Europe/Stockholm", "3", "sv", role]
        lines.append(delimiter.join(cells))
    return ("\n".join(lines) + "\n").encode("utf-8")


def table(rows: list[dict[str, Any]]) -> bytes:
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    out = io.StringIO()
    writer = csv.DictWriter(out, list(columns), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def assessment(username: str, levels: dict[str, int], when: str = "2026-09-01") -> dict[str, Any]:
    row: dict[str, Any] = {
        "username": username,
        "role": "specialist",
        "submitted_at": f"{when}T09:30:00+00:00",
        "attempts": 1,
        "top_gaps": "",
    }
    row.update({f"level:{req.competency_id}": "" for req in SPECIALIST.requirements})
    row.update({f"level:{cid}": level for cid, level in levels.items()})
    return row


def met(role: tc.RoleProfile = SPECIALIST, less: int = 0) -> dict[str, int]:
    """Every requirement of the role at its level (``less`` steps below on the first one)."""
    levels = {req.competency_id: req.level for req in role.requirements}
    first = role.requirements[0].competency_id
    levels[first] -= less
    return levels


def bottom(role: tc.RoleProfile = SPECIALIST) -> dict[str, int]:
    """Every requirement at the bottom of its 1-4 scale."""
    return {req.competency_id: 1 for req in role.requirements}


def plan(username: str, manager: str, ratings: dict[str, int]) -> dict[str, Any]:
    row: dict[str, Any] = {
        "username": username,
        "goals": 1,
        "progress_percent": 0,
        "agreement": "no",
        "manager_username": manager,
        "saved_on": "2026-09-02",
    }
    row.update({f"manager_rating:{cid}": level for cid, level in ratings.items()})
    return row


def view_row(username: str, role: str, readiness: str, day: str, manager: str = "b1") -> dict:
    return {
        "username": username,
        "manager_username": manager,
        "role_id": role,
        "readiness": readiness,
        "conversation_date": day,
    }


FIRST = SPECIALIST.requirements[0].competency_id  # analysing-problems, level 3 of 1-4


def files() -> list[tuple[str, bytes]]:
    assessments = [
        assessment("u1", met()),
        assessment("u2", met()),
        assessment("u3", met(less=2)),
        assessment("u4", met()),
        assessment("u5", met()),
        assessment("u6", met(less=1)),
    ]
    plans = [plan("u2", "b1", {FIRST: 2}), plan("u5", "b2", {FIRST: 3})]
    views = [
        view_row("u1", "project-lead", "later", "2026-01-10"),
        view_row("u1", "project-lead", "ready_now", "2026-06-10"),  # the latest counts
        view_row("u2", "project-lead", "one_to_two_years", "2026-06-10"),
        view_row("u3", "experienced-leader-mentor", "ready_now", "2026-06-10"),
        view_row("u6", "project-lead", "ready_now", "2026-05-01", "b2"),  # holds it already
    ]
    return [
        ("people.csv", people_csv()),
        ("competency_assessment-data.csv", table(assessments)),
        ("development_plan-data.csv", table(plans)),
        ("development_plan-readiness.csv", table(views)),
    ]


@pytest.fixture
def session(tmp_path: Path) -> PipelineSession:
    session = PipelineSession(out_dir=tmp_path)
    session.load(files())
    session.min_people = 1
    return session


def row_of(frame: Any, column: str, value: str) -> dict[str, Any]:
    return dict(frame[frame[column] == value].iloc[0])


def test_fits_now_with_development_source_and_readiness(session: PipelineSession) -> None:
    specialists = session.candidate_table("specialist").set_index("username")
    assert specialists.loc["u1", "status"] == "fits_now"
    assert specialists.loc["u1", "source"] == "self"
    # u2's manager rates the first requirement a step lower than u2 did: the manager's counts
    assert specialists.loc["u2", "status"] == "with_development"
    assert specialists.loc["u2", "source"] == "self+manager"
    assert specialists.loc["u2", "open_gaps"] == 1
    assert specialists.loc["u5", "status"] == "fits_now"  # the manager agrees with u5
    assert specialists.loc["u5", "source"] == "self+manager"
    # two steps short of a critical requirement: fit 1 - (5 x 2/3) / 44 = 0.924 >= 0.85
    assert specialists.loc["u3", "status"] == "with_development"
    assert specialists.loc["u3", "fit"] == pytest.approx(1 - 10 / 3 / 44, abs=1e-6)
    # fits now by username, then with development by fit (u2 and u6 alike: by username)
    assert list(specialists.index) == ["u1", "u4", "u5", "u2", "u6", "u3"]

    leads = session.role_table()
    lead = row_of(leads, "role_id", "project-lead")
    assert lead["readiness_ready_now"] == 2 and lead["readiness_one_to_two_years"] == 1
    assert lead["readiness_later"] == 0  # u1's earlier "later" is replaced
    assert lead["positions"] == 1  # u6 holds it, so u6 is no successor
    assert (lead["successors_ready_now"], lead["successors_one_to_two_years"]) == (1, 1)
    assert lead["bench_strength"] == 2.0


def test_a_learner_counts_once_with_their_latest_self_assessment(
    session: PipelineSession,
) -> None:
    older = table([assessment("u4", met(), "2026-01-01")])
    newer = table([assessment("u4", bottom(), "2026-08-01")])
    session.load([("run-2.csv", newer), ("run-1.csv", older)])
    specialists = session.candidate_table("specialist")
    assert "u4" not in set(specialists["username"])
    table_ = session.role_table()
    # u4 by the newer file; u2 and u5 by their managers' ratings, still loaded
    assert row_of(table_, "role_id", "specialist")["assessed"] == 3


def test_a_bad_readiness_is_named_and_nothing_changes(session: PipelineSession) -> None:
    before = session.role_table()
    bad = table([view_row("u1", "project-lead", "soon", "2026-06-10")])
    with pytest.raises(tc.FormatError) as caught:
        session.load([("views.csv", bad), ("people.csv", people_csv())])
    assert "views.csv" in str(caught.value) and "row 2, column readiness" in str(caught.value)
    assert "'soon' is not one of ready_now" in str(caught.value)
    assert session.role_table().equals(before)


def test_a_level_off_the_scale_is_refused_naming_row_and_column(
    session: PipelineSession,
) -> None:
    levels = met()
    levels[FIRST] = 7
    with pytest.raises(tc.FormatError) as caught:
        session.load([("self.csv", table([assessment("u1", met()), assessment("u2", levels)]))])
    assert f"row 3, column level:{FIRST}" in str(caught.value)
    manager = table([plan("u2", "b1", {FIRST: 9})])
    with pytest.raises(tc.ValidationError, match="not on the scale"):
        session.load([("plans.csv", manager)])


def test_a_people_file_saved_with_semicolons_is_read() -> None:
    session = PipelineSession()
    session.load([("people.csv", people_csv(";")), *files()[1:]])
    assert sorted(session.departments()) == ["IT", "Sales"]
    assert len(session.pipeline.people) == len(PEOPLE)


def test_a_broken_people_file_is_named() -> None:
    broken = people_csv().replace(
        b"u4,Ute Four,u4@example.org,u3", b"u4,Ute Four,u4@example.org,zz"
    )
    with pytest.raises(tc.FormatError, match="manager 'zz' is not a person in the file"):
        PipelineSession().load([("people.csv", broken)])


def test_filters_by_department_and_by_everyone_under_a_manager(
    session: PipelineSession,
) -> None:
    assert session.departments() == ["IT", "Sales"]
    assert session.managers() == ["b1", "b2", "u3"]
    session.manager = "b1"  # u3 directly, u4 through u3
    assert set(session.candidate_table("specialist")["username"]) == {"u1", "u2", "u3", "u4"}
    session.manager = "u3"
    assert set(session.candidate_table("specialist")["username"]) == {"u4"}
    session.manager, session.department = None, "IT"
    assert set(session.candidate_table("specialist")["username"]) == {"u5", "u6"}
    lead = row_of(session.role_table(), "role_id", "project-lead")
    assert (lead["positions"], lead["readiness_ready_now"], lead["bench_strength"]) == (1, 1, 0)


def test_supply_against_demand(session: PipelineSession) -> None:
    supply = session.supply_table()
    first = supply[(supply["competency_id"] == FIRST) & (supply["level"] == 3)].iloc[0]
    # u1, u4, u5 at 3 (u5's manager agrees); u2 at 2 by the manager, u3 at 1, u6 at 2
    assert (first["rated"], first["supply"]) == (6, 3)
    assert first["roles"] == "specialist" and first["positions"] == 4


def test_small_groups_are_left_out_of_the_view_but_exported(
    session: PipelineSession, tmp_path: Path
) -> None:
    session.min_people = 5
    session.department = "IT"
    view = PipelineView(session)
    assert session.shown_role_table().empty
    assert "5 role(s) left out: fewer than 5 people" in view.roles_note.value
    assert "Fewer than 5 people count in this role here" in view.people.value
    assert "u5" not in view.people.value
    exported = session.export("roles")
    rows = list(csv.DictReader(io.StringIO(exported.path.read_text("utf-8"))))
    assert len(rows) == len(ROLES)


def test_without_a_people_file_managers_come_from_the_downloads() -> None:
    session = PipelineSession()
    session.load(files()[1:])
    assert session.departments() == []
    assert "b1" in session.managers()
    session.manager = "b1"  # named as manager in u2's plan and u1's, u2's, u3's talent views
    assert set(session.candidate_table("specialist")["username"]) == {"u1", "u2", "u3"}


def test_cells_a_spreadsheet_defused_are_read_as_written() -> None:
    session = PipelineSession()
    defused = view_row("'=cmd", "project-lead", "ready_now", "2026-06-10", "'@boss")
    session.load([("views.csv", table([defused]))])
    found = session.candidate_table("project-lead")
    assert list(found["username"]) == ["=cmd"] and list(found["manager"]) == ["@boss"]


def test_the_view_in_three_languages_with_filters_bench_and_export(tmp_path: Path) -> None:
    session = PipelineSession.from_demo(300, 2, language="sv", out_dir=tmp_path)
    view = PipelineView(session)
    assert view.tabs.titles == (
        "Data",
        "Roller",
        "Personer per roll",
        "Tillgång och behov",
        "Export",
    )
    assert "Efterträdarbredd för de kritiska rollerna" in view.bench.value
    assert view.role_chart.figure.data[0].name == "Passar nu"
    assert view.role_chart.figure.layout.yaxis.title.text == "Personer"
    assert view.supply_chart.figure.data[1].name.startswith("Behov")
    view.language.value = "nl"
    assert view.tabs.titles[1] == "Rollen" and view.department.options[0][0] == "Alle"
    everyone = view.role_table.value
    view.department.value = "Sales"
    assert session.department == "Sales" and view.role_table.value != everyone
    view.critical.value = ()
    assert "Markeer hierboven een of meer kritieke rollen" in view.bench.value
    view.role.value = "project-lead"
    assert "Projectleider" in view.people.value or "project-lead" in view.people.value
    view.export_kind.value = "candidates"
    assert view.export()
    assert (tmp_path / "pipeline-candidates-project-lead.csv").exists()
    view.load_files(
        [
            {
                "name": "bad.csv",
                "content": b"username,role_id,readiness,conversation_date\nx,y,maybe,2026-01-01\n",
            }
        ]
    )
    assert 'role="alert"' in view.upload_status.value and "readiness" in view.upload_status.value
    view.language.value = "en"
    assert view.tabs.titles[0] == "Data" and "Bench strength" not in view.bench.value


def test_cells_with_spaces_around_them_read_as_without() -> None:
    """Spreadsheets and hand edits leave spaces beside the commas; the fast reader strips them
    only when the bytes show some, and then reads the same as a clean file."""
    session = PipelineSession()
    session.load(files())
    clean = session.role_table()
    padded = [
        (name, data.replace(b",", b" , ").replace(b"\r\n", b" \r\n").replace(b" , ,", b" ,,"))
        for name, data in files()
    ]
    again = PipelineSession()
    again.load(padded)
    assert again.role_table().equals(clean)
    assert again.departments() == ["IT", "Sales"]


def test_a_people_file_saved_as_utf16_is_read() -> None:
    session = PipelineSession()
    utf16 = people_csv().decode("utf-8").encode("utf-16")
    session.load([("people.csv", utf16), *files()[1:]])
    assert session.person_name("u1") == "Ulla One"


def test_the_dashboards_skip_the_readiness_rows_naming_notebook_06() -> None:
    from talent_lab import DashboardSession, DashboardView

    dashboards = DashboardSession()
    view = DashboardView(dashboards)
    (_, views) = files()[3]
    view.load_files([{"name": "development_plan-readiness.csv", "content": views}])
    assert [skip.reason for skip in dashboards.skipped] == ["talent_view"]
    assert "belong in the pipeline notebook (06)" in view.upload_status.value
