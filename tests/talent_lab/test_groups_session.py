"""GroupingSession: loading people and rule files, designing, moving by hand and exporting."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

import talent_core as tc
from talent_core import read_roster, roster_username
from talent_core.grouping import (
    Group,
    GroupingOptions,
    InfeasibleGroupingError,
    NoticeCode,
    read_groups_csv,
    score_grouping,
)
from talent_core.managers import read_manager_roster
from talent_lab import GroupingSession
from talent_lab._errors import NotebookError

HEADER = "id,name,email,manager_id,department,location,timezone,seniority,language"


def person_row(i: int, language: str, department: str, manager: str = "") -> str:
    return (
        f"x{i:02d},Person {i},person{i}@example.org,{manager},{department},"
        f"Site {i % 3},Europe/Amsterdam,{1 + i % 5},{language}"
    )


def small_people_csv(nl: int = 12, sv: int = 0) -> bytes:
    """``nl`` Dutch speakers in two departments (x00 manages x01), then ``sv`` Swedes."""
    rows = [person_row(i, "nl", ("Sales", "IT")[i % 2], "x00" if i == 1 else "") for i in range(nl)]
    rows += [person_row(nl + i, "sv", "HR") for i in range(sv)]
    return ("\n".join([HEADER, *rows]) + "\n").encode()


@pytest.fixture
def session(tmp_path: Path) -> GroupingSession:
    session = GroupingSession(out_dir=tmp_path / "out")
    session.load_people(small_people_csv(), "people.csv")
    return session


def design(session: GroupingSession, **settings: object) -> None:
    session.design(session.make_options(**settings), seed=3)


def test_demo_session_and_its_source() -> None:
    session = GroupingSession.demo(40, 2)
    assert len(session.people) == 40
    assert session.people == tuple(tc.generate_organisation(40, 2))
    assert session.source == "a demo organisation (40 people, seed 2)"
    with pytest.raises(ValueError, match="20 to 100,000"):
        GroupingSession.demo(5)


def test_a_bad_people_file_keeps_people_and_groups(session: GroupingSession) -> None:
    design(session)
    groups, people = session.groups, session.people
    broken = small_people_csv().replace(b"person3@example.org", b"not-an-address")
    with pytest.raises(tc.FormatError) as refused:
        session.load_people(broken, "new.csv")
    assert "new.csv, row 5, column 'email'" in str(refused.value)
    assert session.people == people and session.groups == groups and session.source == "people.csv"


def test_new_people_drop_the_grouping(session: GroupingSession) -> None:
    design(session)
    session.load_people(small_people_csv(nl=10), "fewer.csv")
    assert len(session.people) == 10 and session.groups == () and session.scores is None
    with pytest.raises(NotebookError) as refused:
        session.export("groups")
    assert str(refused.value) == "there are no groups to export yet"
    assert refused.value.text("sv") != refused.value.text("en")


def test_an_impossible_grouping_says_why_and_keeps_the_groups(tmp_path: Path) -> None:
    session = GroupingSession(out_dir=tmp_path)
    session.load_people(small_people_csv(nl=10, sv=3), "people.csv")
    with pytest.raises(InfeasibleGroupingError) as why:
        session.design(session.make_options())
    assert [(r.code, r.params["count"]) for r in why.value.reasons] == [
        (NoticeCode.TOO_FEW_PEOPLE, 3)
    ]
    assert session.groups == ()
    design(session, same_language=False)
    kept = session.groups
    session.language = "nl"
    options = session.make_options(min_size=6, max_size=6, same_language=False)
    with pytest.raises(InfeasibleGroupingError) as why:
        session.design(options)
    assert why.value.text("nl") != why.value.text("en")
    assert session.groups == kept


def test_pairs_and_manager_rule_hold(session: GroupingSession) -> None:
    session.load_pairs("together", b"id_a,id_b\nx02,x04\n", "together.csv")
    session.load_pairs("apart", b"id_a,id_b\nx02,x06\n", "apart.csv")
    design(session)
    assert session.group_of("x02") == session.group_of("x04")
    assert session.group_of("x02") != session.group_of("x06")
    assert session.group_of("x00") != session.group_of("x01")  # x00 manages x01
    assert session.scores is not None and session.scores.violations == ()


def test_a_bad_pairs_file_keeps_the_pairs_loaded(session: GroupingSession) -> None:
    session.load_pairs("apart", b"id_a,id_b\nx02,x06\n", "apart.csv")
    with pytest.raises(tc.FormatError) as refused:
        session.load_pairs("apart", b"id_a,id_b\nx02,x02\n", "self.csv")
    assert str(refused.value) == "self.csv, row 2, column 'id_b': pairs 'x02' with themselves"
    assert session.apart == [("x02", "x06")] and session.sources["apart"] == "apart.csv"
    session.clear("apart")
    assert session.apart == [] and session.sources["apart"] == ""


def test_unknown_people_in_pairs_are_reported_by_the_design(session: GroupingSession) -> None:
    session.load_pairs("together", b"id_a,id_b\nx02,nobody\n", "together.csv")
    with pytest.raises(tc.TalentError, match="nobody"):
        session.design(session.make_options())


def test_earlier_rounds_are_kept_apart_and_bad_rounds_refused(session: GroupingSession) -> None:
    rounds = "id,round,group\n" + "".join(f"x{i:02d},2025,A\n" for i in range(6))
    session.load_history(rounds.encode(), "rounds.csv")
    with pytest.raises(tc.FormatError, match=r"missing column\(s\) group"):
        session.load_history(b"id,round\nx01,1\n", "short.csv")
    assert len(session.history) == 6
    design(session)
    groups = {session.group_of(f"x{i:02d}") for i in range(6)}
    assert len(groups) == 2  # six people who met, split over both groups of six


def test_a_move_rescores_like_the_core_and_reports_broken_rules(
    session: GroupingSession,
) -> None:
    design(session, min_size=6, max_size=6)
    first, second = session.groups[0], session.groups[1]
    mover = next(m for m in first.members if m not in ("x00", "x01"))  # x00 manages x01
    session.move(mover, second.name)
    expected = [
        Group(first.name, tuple(m for m in first.members if m != mover)),
        Group(second.name, (*second.members, mover)),
        *session.groups[2:],
    ]
    assert list(session.groups) == expected
    assert session.scores == score_grouping(session.people, expected, session.options)
    assert [(n.code, n.group) for n in session.scores.violations] == [
        (NoticeCode.TOO_SMALL, first.name),
        (NoticeCode.TOO_LARGE, second.name),
    ]
    assert session.group_of(mover) == session.groups[1]
    session.move(mover, first.name)  # and back
    assert [set(g.members) for g in session.groups[:2]] == [set(first.members), set(second.members)]
    assert session.scores.violations == ()


def test_a_move_of_someone_unknown_changes_nothing(session: GroupingSession) -> None:
    design(session)
    groups = session.groups
    with pytest.raises(NotebookError, match=r"^nobody is not part of the grouping$"):
        session.move("nobody", groups[0].name)
    with pytest.raises(NotebookError, match="No such group"):
        session.move(groups[0].members[0], "No such group")
    assert session.groups == groups


def test_find_by_id_email_or_part_of_a_name(session: GroupingSession) -> None:
    assert [p.id for p in session.find("X03")] == ["x03"]
    assert [p.id for p in session.find("person4@example.org")] == ["x04"]
    assert [p.id for p in session.find("person 1")] == ["x01", "x10", "x11"]
    assert session.find("  ") == []


def test_exports_parse_back(session: GroupingSession, tmp_path: Path) -> None:
    design(session)
    teams = session.export("teams", teamset_id="peer-2026", mode="verified")
    assert teams is not None and teams.path == tmp_path / "out" / "intervision-teams-peer-2026.csv"
    rows = list(csv.DictReader(io.StringIO(teams.path.read_text("utf-8"))))
    assert [*rows[0]] == ["user", "mode", "peer-2026"]
    group_by_email = {
        p.email: session.group_of(p.id).name  # type: ignore[union-attr]
        for p in session.people
    }
    assert {r["user"]: r["peer-2026"] for r in rows} == group_by_email
    assert {r["mode"] for r in rows} == {"verified"}

    roster = session.export("roster", tmp_path / "elsewhere")
    assert roster is not None and roster.path.parent == tmp_path / "elsewhere"
    read = read_roster(roster.path.read_text("utf-8"), "intervision")
    assert {(m.username, m.group, m.role) for m in read.members} == {
        (p.id, group_by_email[p.email], "member") for p in session.people
    }
    member = read.member("x03")
    assert member is not None and member.name == "Person 3"
    assert session.roster_problem(roster) is None

    groups = session.export("groups")
    assert groups is not None
    assert read_groups_csv(groups.data, "groups.csv", session.people) == list(session.groups)
    report = session.export("report")
    assert report is not None
    lines = report.data.decode().splitlines()
    assert lines[0].startswith("group,size,languages,score,department")
    assert len(lines) == 1 + len(session.groups)


def test_a_refused_export_writes_nothing(session: GroupingSession, tmp_path: Path) -> None:
    design(session)
    with pytest.raises(tc.TalentError, match="teamset id 'has space'"):
        session.export("teams", teamset_id="has space")
    with pytest.raises(tc.TalentError, match="mode 'gold'"):
        session.export("teams", mode="gold")
    assert not (tmp_path / "out").exists()


def test_the_block_would_refuse_a_roster_of_unusable_usernames(tmp_path: Path) -> None:
    session = GroupingSession(out_dir=tmp_path)
    people = small_people_csv().decode().replace("x05,", "x 05,", 1).encode()
    session.load_people(people, "people.csv")
    design(session)
    roster = session.export("roster")
    assert roster is not None
    lines = roster.data.decode().splitlines()
    row = next(n for n, line in enumerate(lines, start=1) if line.startswith("x 05,"))
    assert session.roster_problem(roster) == (
        f"Row {row}, column username: x 05 is not a username (no spaces, commas or quotes)."
    )


def test_usernames_come_from_a_username_column(tmp_path: Path) -> None:
    session = GroupingSession(out_dir=tmp_path)
    lines = small_people_csv().decode().splitlines()
    with_usernames = [lines[0] + ",username"] + [f"{line},user_{line[:3]}" for line in lines[1:]]
    session.load_people("\n".join(with_usernames).encode(), "people.csv")
    design(session)
    roster = session.export("roster")
    teams = session.export("teams")
    assert roster is not None and teams is not None
    users = {m.username for m in read_roster(roster.data.decode(), "intervision").members}
    assert users == {f"user_x{i:02d}" for i in range(12)}
    assert "user_x00,audit," in teams.data.decode()


def test_options_out_of_range_name_the_setting(session: GroupingSession) -> None:
    with pytest.raises(tc.ValidationError) as caught:
        session.make_options(min_size=8, max_size=6)
    assert "min_size 8 is larger than max_size 6" in str(caught.value)
    options = session.make_options(department={"policy": "similar", "weight": 2})
    assert isinstance(options, GroupingOptions) and options.department.policy == "similar"


def test_group_table_for_analysis(session: GroupingSession) -> None:
    assert session.group_table().empty
    design(session, timezone_weight=0)
    table = session.group_table()
    assert list(table.columns) == [
        "group",
        "size",
        "languages",
        "score",
        "department",
        "location",
        "seniority",
        "repeat_pairs",
        "members",
    ]
    assert list(table["group"]) == [g.name for g in session.groups]
    assert table["members"].str.split().map(len).tolist() == table["size"].tolist()
    assert session.scores is not None
    assert table["score"].mean() == pytest.approx(session.scores.total, abs=0.01)


def test_the_manager_roster_export_needs_no_grouping_and_names_each_manager(
    session: GroupingSession, tmp_path: Path
) -> None:
    exported = session.export("managers")
    assert exported is not None and exported.path == tmp_path / "out" / "manager-roster.csv"
    roster = read_manager_roster(exported.data)
    by_id = {p.id: p for p in session.people}
    usernames = {p.id: roster_username(p) for p in session.people}
    for person in session.people:
        manager = by_id.get(person.manager_id or "")
        expected = usernames[manager.id] if manager is not None else None
        assert roster.manager_of(usernames[person.id]) == expected
    assert roster.managers  # the demo people have managers, so the check above bites
