"""Formula injection: every CSV the notebooks export goes through the core's one defusing rule."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from pathlib import Path

import talent_core as tc
from talent_core import load
from talent_core.grouping import GroupingOptions
from talent_lab import DashboardSession, FrameworkSession, GroupingSession, MentoringSession
from talent_lab._dashboard_demo import demo_reports

EVIL = '=HYPERLINK("http://evil.example/","click")'
STARTS = ("=", "+", "-", "@", "\t", "\r")


def assert_defused(data: bytes) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    for row in rows:
        for cell in row:
            if cell.startswith(STARTS):
                float(cell)  # only a plain number may start with - or +
    return rows


def test_groups_exports_are_defused(tmp_path: Path) -> None:
    people = [
        dataclasses.replace(p, name="@" + p.name, department=EVIL, extra={"username": f"-u{i}"})
        for i, p in enumerate(tc.generate_organisation(30, seed=2))
    ]
    session = GroupingSession(people, source="people.csv", out_dir=tmp_path)
    session.design(load(GroupingOptions, {"min_size": 3, "max_size": 6, "same_language": False}))
    session.groups = [dataclasses.replace(g, name=f"={g.name}") for g in session.groups]
    for kind in ("teams", "roster", "groups", "report"):
        exported = session.export(kind, teamset_id="+set")  # type: ignore[arg-type]
        rows = assert_defused(exported.data)
        if kind != "report":  # scores keep the designed names; the others show the new ones
            assert any(cell.startswith("'") for row in rows[1:] for cell in row), kind


def test_mentoring_exports_are_defused(tmp_path: Path) -> None:
    session = MentoringSession(framework=tc.demo_framework(), programme="p", out_dir=tmp_path)
    files = {
        "mentees": "id,name,department,manager_id,seniority,language,focus\n"
        "'=e1,'@Ann,'-Sales,,2,en,giving-feedback:2\n",
        "mentors": "id,name,department,manager_id,seniority,language,capacity,strengths\n"
        "'+m1,'=Mia,HR,,4,en,1,giving-feedback:4\n",
    }
    for kind, content in files.items():
        session.load(kind, content.encode(), f"{kind}.csv")  # type: ignore[arg-type]
    session.match()
    for kind in ("pairs", "roster"):
        exported = session.export(kind)  # type: ignore[arg-type]
        rows = assert_defused(exported.data)
        assert "'=e1" in rows[1] or "'+m1" in rows[1]
    roster = session.export("roster")
    assert session.roster_problem(roster) is None


def test_dashboard_exports_are_defused(tmp_path: Path) -> None:
    session = DashboardSession(out_dir=tmp_path)
    people = [
        dataclasses.replace(p, department=EVIL if i % 2 else "-Ops")
        for i, p in enumerate(tc.generate_organisation(200, seed=3))
    ]
    files = demo_reports(people, session.framework, session.roles)
    session.load(files)
    cells = []
    for name in ("gaps", "agreement", "activities", "progress", "conversations", "mix"):
        exported = session.export(name)  # type: ignore[arg-type]
        cells += [cell for row in assert_defused(exported.data) for cell in row]
    assert "'" + EVIL in cells


def test_framework_exports_are_defused(tmp_path: Path) -> None:
    data = json.loads(tc.demo_framework().model_dump_json())
    for node in data["nodes"]:
        node["name"] = {lang: "=" + text for lang, text in node["name"].items()}
    session = FrameworkSession(tc.load(tc.CompetencyFramework, data), out_dir=tmp_path)
    for fmt in ("moodle-csv", "openedx-taxonomy-csv"):
        exported = session.export(fmt)
        assert_defused(exported.data)
