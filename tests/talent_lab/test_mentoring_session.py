"""MentoringSession on a small hand-built programme whose best pairs are known by reasoning.

e1's manager is m1 and e3 speaks only Swedish, so e1 and e3 can only have m2 (two places),
which leaves m1 for e2: all three matched. m2 was a mentee in 2024 and mentored x9 in 2025.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

import talent_core as tc
from talent_core import read_roster
from talent_core.mentoring import DEMO_PROGRAMMES, ReasonCode
from talent_lab import MentoringSession
from talent_lab._errors import NotebookError
from talent_lab._mentoring_messages import reason_text

MENTEES = """id,name,department,manager_id,seniority,language,focus
e1,Eva Eriksson,Sales,m1,2,nl;en,giving-feedback:2;delegating
e2,Erik Ek,IT,,3,sv;en,coaching-others
e3,Elin Ström,HR,,2,sv,delegating
"""
MENTORS = """id,name,department,manager_id,seniority,language,capacity,strengths
m1,Maarten Mulder,Sales,,4,nl;en,1,giving-feedback:4;delegating:3
m2,Maja Berg,Finance,,4,en;sv,2,coaching-others:4;delegating:4
"""
HISTORY = "programme,mentor_id,mentee_id\n2024,x8,m2\n2025,m2,x9\n"


@pytest.fixture
def session(tmp_path: Path) -> MentoringSession:
    session = MentoringSession(
        framework=tc.demo_framework(), programme="2026", out_dir=tmp_path / "out"
    )
    for kind, content in (("mentees", MENTEES), ("mentors", MENTORS), ("history", HISTORY)):
        session.load(kind, content.encode(), f"{kind}.csv")
    return session


def test_the_best_pairs_and_their_reasons(session: MentoringSession) -> None:
    session.match()
    assert session.pairs == {"e1": "m2", "e2": "m1", "e3": "m2"}
    rows = session.rows()
    assert [row.mentee.id for row in rows] == ["e1", "e2", "e3"]
    problem = session.problem()
    for row in rows:
        assert row.mentor is not None and row.fit is not None and not row.by_hand
        assert row.fit == problem.explain_pair(row.mentee.id, row.mentor.id)
    codes = [reason.code for reason in rows[0].fit.reasons]  # type: ignore[union-attr]
    assert ReasonCode.PAYS_FORWARD in codes and ReasonCode.STRENGTH in codes
    assert session.warnings() == []


def test_reasons_in_swedish_and_dutch_name_competencies(session: MentoringSession) -> None:
    session.match()
    fit = session.rows()[0].fit
    assert fit is not None
    strength = next(r for r in fit.reasons if r.code is ReasonCode.STRENGTH)
    assert reason_text(strength, session) == tc.mentoring.render_reason(strength, session.framework)
    session.language = "sv"
    assert reason_text(strength, session).startswith("Stark i Delegera (nivå 4) där Eva Eriksson")
    session.language = "nl"
    forward = next(r for r in fit.reasons if r.code is ReasonCode.PAYS_FORWARD)
    assert reason_text(forward, session) == "Geeft het door: was mentee in 2024"


def test_hand_edits_keep_forbidden_pairs_with_warnings(session: MentoringSession) -> None:
    session.match()
    session.assign("e1", "m1")  # m1 manages e1, and has one place (e2 has it)
    assert session.pairs["e1"] == "m1" and session.by_hand == {"e1"}
    assert session.warnings() == [
        "Eva Eriksson with Maarten Mulder breaks a hard rule: Maarten Mulder is Eva Eriksson's "
        "manager",
        "Maarten Mulder has 2 mentees but takes 1",
    ]
    session.language = "nl"
    assert session.warnings()[1] == "Maarten Mulder heeft 2 mentees maar neemt er 1"
    session.unassign("e2")
    assert "e2" not in session.pairs
    session.swap("e2", "e3")  # e2 had none: e2 takes m2, e3 is left without
    assert session.pairs == {"e1": "m1", "e2": "m2"}
    assert session.by_hand == {"e1", "e2", "e3"}


def test_unknown_people_in_edits_change_nothing(session: MentoringSession) -> None:
    session.match()
    pairs = dict(session.pairs)
    with pytest.raises(NotebookError, match=r"^nobody is not a mentee or mentor here$"):
        session.assign("nobody", "m1")
    with pytest.raises(NotebookError):
        session.assign("e1", "e2")  # a mentee is not a mentor
    with pytest.raises(NotebookError):
        session.swap("e1", "m2")
    assert session.pairs == pairs


def test_a_bad_file_keeps_the_programme_and_the_pairs(session: MentoringSession) -> None:
    session.match()
    pairs, mentors = dict(session.pairs), session.mentors
    broken = MENTORS.replace("giving-feedback:4", "giving-feedback:9")
    with pytest.raises(tc.FormatError, match=r"new-mentors\.csv, row 2, column 'strengths'"):
        session.load("mentors", broken.encode(), "new-mentors.csv")
    assert session.mentors == mentors and session.pairs == pairs
    assert session.sources["mentors"] == "mentors.csv"


def test_new_mentees_drop_the_pairing(session: MentoringSession) -> None:
    session.match()
    session.load("mentees", MENTEES.replace("e3,", "e4,").encode(), "m2.csv")
    assert not session.matched and session.pairs == {} and session.rows() == []
    with pytest.raises(NotebookError, match=r"^there are no pairs to export yet$"):
        session.export("pairs")


def test_the_chain_counts_this_programme_and_who_is_ready(session: MentoringSession) -> None:
    volunteers = b"id,volunteer_as\nx9,mentor\ne1,mentor\n"
    session.load("volunteers", volunteers, "volunteers.csv")
    session.match()
    chain = session.chain()
    assert chain.programmes == ("2024", "2025", "2026")
    generation = {node.person_id: node.generation for node in chain.nodes}
    assert generation == {"x8": 0, "m2": 1, "x9": 2, "m1": 0, "e1": 2, "e2": 1, "e3": 2}
    assert [r.person_id for r in chain.ready] == ["x9"]  # e1's programme is still running


def test_volunteers_by_username_are_read_through_the_people(tmp_path: Path) -> None:
    people = tc.read_people_csv(
        "id,name,email,manager_id,department,location,timezone,seniority,language,username\n"
        "x9,Xi,x@example.org,,IT,Lund,Europe/Stockholm,3,sv,learner_9\n",
        "people.csv",
    )
    session = MentoringSession(people=people, programme="2026", out_dir=tmp_path)
    session.load("history", HISTORY.encode(), "history.csv")
    session.load("volunteers", b"id,volunteer_as\nlearner_9,mentor\n", "volunteers.csv")
    assert [r.person_id for r in session.chain().ready] == ["x9"]
    with pytest.raises(
        tc.FormatError, match=r"v2\.csv, row 2, column 'id': 'learner_8' is neither"
    ):
        session.load("volunteers", b"id,volunteer_as\nlearner_8,mentor\n", "v2.csv")
    assert [v.person_id for v in session.volunteers] == ["x9"]


def test_exports_parse_back(session: MentoringSession, tmp_path: Path) -> None:
    session.match()
    session.unassign("e3")
    pairs = session.export("pairs")
    assert pairs is not None and pairs.path == tmp_path / "out" / "mentoring-2026-pairs.csv"
    rows = list(csv.DictReader(io.StringIO(pairs.path.read_text("utf-8"))))
    assert [(r["mentee_id"], r["mentor_id"]) for r in rows] == [
        ("e1", "m2"),
        ("e2", "m1"),
        ("e3", ""),
    ]
    fit = session.problem().explain_pair("e1", "m2")
    assert rows[0]["score"] == f"{fit.score:g}"
    assert "Pays it forward: was a mentee in 2024" in rows[0]["reasons"]
    assert rows[2]["reasons"] == "Left without a mentor by hand"

    roster = session.export("roster", tmp_path / "elsewhere")
    assert roster is not None and session.roster_problem(roster) is None
    read = read_roster(roster.path.read_text("utf-8"), "mentoring")
    assert [(m.username, m.role) for m in read.members] == [
        ("m1", "mentor"),
        ("e2", "mentee"),
        ("m2", "mentor"),
        ("e1", "mentee"),
    ]
    assert read.groups == ("Mentoring Maarten Mulder (m1)", "Mentoring Maja Berg (m2)")


def test_demo_programme_is_deterministic_and_pays_forward() -> None:
    first, again = MentoringSession.demo(400, 3), MentoringSession.demo(400, 3)
    assert first.mentees == again.mentees and first.history == again.history
    assert first.programme == DEMO_PROGRAMMES[-1]
    assert {r.programme for r in first.history} == set(DEMO_PROGRAMMES[:-1])
    assert first.mentees and first.volunteers
    first.match()
    chain = first.chain()
    assert max(node.generation for node in chain.nodes) >= 3
    former_mentees = {r.mentee_id for r in first.history}
    assert any(m.id in former_mentees for m in first.mentors)  # mentors who pay it forward
    assert MentoringSession.demo(400, 4).mentees != first.mentees


def test_pair_table_for_analysis(session: MentoringSession) -> None:
    assert session.pair_table().empty
    session.match()
    session.unassign("e3")
    table = session.pair_table()
    assert list(table["mentor_id"]) == ["m2", "m1", ""]
    assert list(table["by_hand"]) == [False, False, True]
    assert table["score"].iloc[0] == session.problem().explain_pair("e1", "m2").score
    assert table["score"].isna().tolist() == [False, False, True]
    assert "Pays it forward" in table["reasons"].iloc[0]


def test_an_unmatched_mentee_says_why_in_the_session_language(tmp_path: Path) -> None:
    session = MentoringSession(framework=tc.demo_framework(), programme="2026", out_dir=tmp_path)
    mentees = MENTEES + "e4,Emma Eck,IT,,2,de,delegating\n"  # nobody speaks German
    session.load("mentees", mentees.encode(), "mentees.csv")
    session.load("mentors", MENTORS.encode(), "mentors.csv")
    session.match()
    (row,) = [r for r in session.rows() if r.mentee.id == "e4"]
    assert row.mentor is None and row.unmatched is not None
    assert row.unmatched.code is ReasonCode.NO_ALLOWED_MENTOR
    assert reason_text(row.unmatched, session) == tc.mentoring.render_reason(row.unmatched)
    session.language = "sv"
    assert reason_text(row.unmatched, session).startswith(
        "Ingen av de 2 mentorerna får paras med Emma Eck"
    )
    assert session.pair_table()["reasons"].iloc[3].startswith("Ingen av de 2 mentorerna")


def test_the_people_file_reads_the_peer_group_blocks_volunteers(tmp_path: Path) -> None:
    session = MentoringSession.demo(out_dir=tmp_path)
    volunteers = b"id,volunteer_as\nlearner_1,mentor\n"
    with pytest.raises(tc.FormatError):  # the demo's people have no such username
        session.load("volunteers", volunteers, "volunteers.csv")
    people = tc.write_people_csv(tc.generate_organisation(20, seed=3))
    lines = people.splitlines()
    first_id = lines[1].split(",")[0]
    with_usernames = "\n".join(
        [lines[0] + ",username"]
        + [line + (",learner_1" if i == 0 else f",user_{i}") for i, line in enumerate(lines[1:])]
    )
    session.load("people", with_usernames.encode(), "people.csv")
    session.load("volunteers", volunteers, "volunteers.csv")
    assert [v.person_id for v in session.volunteers] == [first_id]


def test_the_notebook_and_the_cli_score_the_same_files_alike(tmp_path: Path) -> None:
    from talent_core.cli import main
    from talent_core.cli.demo_files import demo_files

    files = demo_files()
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    pairs = tmp_path / "pairs.csv"
    args = ["mentors", "match", str(tmp_path / "mentees.csv"), str(tmp_path / "mentors.csv")]
    assert main([*args, "-o", str(pairs)]) == 0
    cli = {r["mentee_id"]: r["score"] for r in csv.DictReader(io.StringIO(pairs.read_text()))}

    notebook = MentoringSession.demo(out_dir=tmp_path / "out")
    for kind in ("mentees", "mentors"):
        notebook.load(kind, files[f"{kind}.csv"], f"{kind}.csv")
    notebook.match()
    scores = {row.mentee.id: row.fit.score if row.fit else "" for row in notebook.rows()}
    assert {k: float(v) for k, v in cli.items()} == pytest.approx(
        {k: float(v) for k, v in scores.items()}
    )
