"""Mentoring CSV files: what they hold, and errors that name the file, row and column."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

import pytest

import talent_core as tc
from talent_core.mentoring import (
    MatchingProblem,
    Mentee,
    VolunteerRole,
    match_mentors,
    read_history_csv,
    read_mentees_csv,
    read_mentors_csv,
    read_volunteers_csv,
    write_pairs_csv,
)

MENTEES = (
    "id,name,email,department,manager_id,seniority,language,focus,location\n"
    "e1,Ann Berg,ann@example.org,Sales,m1,2,sv,feedback:2;delegate,Stockholm\n"
    "e2,Bo Li,,IT,,3,EN; sv,,Amsterdam\n"
)
MENTORS = (
    "id,name,department,manager_id,seniority,language,capacity,strengths,former_mentee_in\n"
    "m1,Mia Holm,Sales,,4,sv;en,2,feedback:4;delegate:3,\n"
    "m2,Noor Bakker,HR,,5,nl;en,1,delegate:4,2024\n"
)


def test_mentees_and_mentors_are_read_with_their_mentoring_columns(
    framework: tc.CompetencyFramework,
) -> None:
    mentees = read_mentees_csv(MENTEES.encode("utf-8-sig"), "mentees.csv", framework)
    assert mentees[0] == Mentee(
        id="e1",
        name="Ann Berg",
        email="ann@example.org",
        department="Sales",
        manager_id="m1",
        seniority=2,
        languages=("sv",),
        focus={"feedback": 2, "delegate": 1},
    )
    assert (mentees[1].manager_id, mentees[1].languages, mentees[1].focus) == (
        None,
        ("en", "sv"),
        {},
    )
    mentors = read_mentors_csv(MENTORS, "mentors.csv", framework, mentees)
    assert [(m.id, m.capacity, m.strengths, m.former_mentee_in) for m in mentors] == [
        ("m1", 2, {"feedback": 4, "delegate": 3}, None),
        ("m2", 1, {"delegate": 4}, "2024"),
    ]


def replace_cell(text: str, row: int, column: str, value: str) -> str:
    rows = list(csv.reader(io.StringIO(text)))
    rows[row - 1][rows[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


@pytest.mark.parametrize(
    ("row", "column", "value", "where", "message"),
    [
        (2, "focus", "feedback:two", "row 2, column 'focus'", "'two' in 'feedback:two'"),
        (2, "focus", "feedback;feedback:2", "row 2, column 'focus'", "listed twice"),
        (2, "focus", ":2", "row 2, column 'focus'", "names no competency"),
        (3, "focus", "nope", "row 3, column 'focus'", "unknown competency 'nope'"),
        (3, "focus", "feedback:5", "row 3, column 'focus'", "at most 3"),
        (2, "seniority", "senior", "row 2, column 'seniority'", "valid integer"),
        (2, "seniority", "11", "row 2, column 'seniority'", "Give a number no larger than 10."),
        (3, "language", "", "row 3, column 'language'", "at least 1 item"),
        (3, "language", "English", "row 3, column 'language'", "should match pattern"),
        (3, "id", "e1", "row 3, column 'id'", "already used in row 2"),
        (3, "id", "", "row 3, column 'id'", "Fill this in."),
        (2, "manager_id", "e1", "row 2", "cannot be their own manager"),
        (2, "email", "ann at example", "row 2, column 'email'", "not an e-mail address"),
        (3, "name", "Bo\x07Li", "row 3, column 'name'", "control character"),
    ],
)
def test_bad_mentee_cells_are_named(
    framework: tc.CompetencyFramework,
    row: int,
    column: str,
    value: str,
    where: str,
    message: str,
) -> None:
    with pytest.raises(tc.FormatError) as caught:
        read_mentees_csv(replace_cell(MENTEES, row, column, value), "mentees.csv", framework)
    assert (caught.value.file, caught.value.location) == ("mentees.csv", where)
    assert message in caught.value.problem


@pytest.mark.parametrize(
    ("row", "column", "value", "where", "message"),
    [
        (2, "capacity", "0", "row 2, column 'capacity'", "Give a number no smaller than 1."),
        (2, "capacity", "21", "row 2, column 'capacity'", "Give a number no larger than 20."),
        (2, "capacity", "two", "row 2, column 'capacity'", "valid integer"),
        (2, "strengths", "feedback", "row 2, column 'strengths'", "has no level"),
        (3, "strengths", "feedback:9", "row 3, column 'strengths'", "level 9 is not on the scale"),
        (3, "strengths", "lead:3", "row 3, column 'strengths'", "'lead' is a cluster"),
    ],
)
def test_bad_mentor_cells_are_named(
    framework: tc.CompetencyFramework,
    row: int,
    column: str,
    value: str,
    where: str,
    message: str,
) -> None:
    with pytest.raises(tc.FormatError) as caught:
        read_mentors_csv(replace_cell(MENTORS, row, column, value), "mentors.csv", framework)
    assert (caught.value.file, caught.value.location) == ("mentors.csv", where)
    assert message in caught.value.problem


def test_someone_in_both_files_has_one_manager() -> None:
    mentees = read_mentees_csv(MENTEES, "mentees.csv")
    both = MENTORS + "e1,Ann Berg,Sales,m2,2,sv,1,feedback:4,\n"
    with pytest.raises(tc.FormatError) as caught:
        read_mentors_csv(both, "mentors.csv", mentees=mentees)
    assert caught.value.location == "row 4, column 'manager_id'"
    assert "'e1' is also a mentee, with manager 'm1'" in caught.value.problem


@pytest.mark.parametrize(
    ("text", "location", "message"),
    [
        ("id,name\n", "row 1", "missing column(s) department"),
        (MENTEES.splitlines()[0] + "\n", "", "header but no rows"),
        (MENTEES + "e3,Cas\n", "row 4", "2 cells, but the header has 9 columns"),
    ],
)
def test_broken_files_are_named(text: str, location: str, message: str) -> None:
    with pytest.raises(tc.FormatError) as caught:
        read_mentees_csv(text, "mentees.csv")
    assert caught.value.location == location
    assert message in caught.value.problem


def test_history_rows_are_pairs_of_two_people_listed_once() -> None:
    text = "programme,mentor_id,mentee_id\n2024,a,b\n2024,a,c\n2025,b,d\n"
    assert [(r.programme, r.mentor_id, r.mentee_id) for r in read_history_csv(text, "h.csv")] == [
        ("2024", "a", "b"),
        ("2024", "a", "c"),
        ("2025", "b", "d"),
    ]
    with pytest.raises(tc.FormatError, match=r"h.csv, row 5, column 'mentee_id': the same pair"):
        read_history_csv(text + "2024,a,b\n", "h.csv")
    with pytest.raises(tc.FormatError, match=r"h.csv, row 5, column 'mentee_id'.*themselves"):
        read_history_csv(text + "2026,x,x\n", "h.csv")
    with pytest.raises(tc.FormatError, match=r"h.csv, row 5, column 'programme'"):
        read_history_csv(text + ",x,y\n", "h.csv")


def test_two_people_mentoring_each_other_in_one_programme_are_refused() -> None:
    text = "programme,mentor_id,mentee_id\n2024,a,b\n2025,b,a\n"
    assert len(read_history_csv(text, "h.csv")) == 2  # across programmes: paying it forward
    with pytest.raises(tc.FormatError) as caught:
        read_history_csv(text + "2024,b,a\n", "h.csv")
    assert str(caught.value) == (
        "h.csv, row 4, column 'mentee_id': 'a' mentors 'b' in programme '2024' in row 2; "
        "two people cannot mentor each other in one programme"
    )


def test_volunteers_offer_to_mentor_or_host() -> None:
    text = "id,volunteer_as\nann,mentor\nann,Host\nbo,mentor\n"
    assert [(v.person_id, v.role) for v in read_volunteers_csv(text, "v.csv")] == [
        ("ann", VolunteerRole.MENTOR),
        ("ann", VolunteerRole.HOST),
        ("bo", VolunteerRole.MENTOR),
    ]
    with pytest.raises(tc.FormatError, match=r"v.csv, row 5, column 'volunteer_as': 'coach'"):
        read_volunteers_csv(text + "cy,coach\n", "v.csv")
    with pytest.raises(tc.FormatError, match=r"v.csv, row 5, column 'id': the same offer"):
        read_volunteers_csv(text + "bo,mentor\n", "v.csv")


def test_volunteers_by_username_become_person_ids_through_the_people_file() -> None:
    people = tc.read_people_csv(
        "id,name,email,manager_id,department,location,timezone,seniority,language,username\n"
        "p1,Ann,a@example.org,,Sales,Lund,Europe/Stockholm,2,sv,ann_b\n"
        "p2,Bo,b@example.org,,IT,Lund,Europe/Stockholm,3,sv,p1\n"
        "p3,Cy,c@example.org,,IT,Lund,Europe/Stockholm,3,sv,\n",
        "people.csv",
    )
    text = "id,volunteer_as\nann_b,mentor\np1,host\np3,mentor\n"
    volunteers = read_volunteers_csv(text, "v.csv", people, "people.csv")
    # A username wins over a person id (p1 is Bo's username); without one the id stands.
    assert [(v.person_id, v.role) for v in volunteers] == [
        ("p1", VolunteerRole.MENTOR),
        ("p2", VolunteerRole.HOST),
        ("p3", VolunteerRole.MENTOR),
    ]
    with pytest.raises(tc.FormatError, match=r"v.csv, row 5, column 'id': 'zed' is neither"):
        read_volunteers_csv(text + "zed,mentor\n", "v.csv", people, "people.csv")
    with pytest.raises(tc.FormatError, match=r"v.csv, row 5, column 'id': the same offer"):
        read_volunteers_csv(text + "p2,host\n", "v.csv", people, "people.csv")
    twice = [*people, replace(people[0], id="p4")]
    with pytest.raises(tc.FormatError, match=r"people.csv, row 5, column 'username': 'ann_b'"):
        read_volunteers_csv(text, "v.csv", twice, "people.csv")


def test_pairs_file_lists_pairs_with_reasons_then_unmatched_mentees(
    framework: tc.CompetencyFramework,
) -> None:
    mentees = read_mentees_csv(MENTEES, "mentees.csv", framework)
    mentors = read_mentors_csv(MENTORS, "mentors.csv", framework, mentees)
    problem = MatchingProblem(mentees, mentors, framework=framework)
    rows = list(csv.DictReader(io.StringIO(write_pairs_csv(match_mentors(problem), problem))))
    assert [(r["mentee_id"], r["mentor_id"], r["score"]) for r in rows] == [
        ("e2", "m1", "40"),
        ("e1", "", ""),
    ]
    assert rows[0]["reasons"] == (
        "Different department (IT vs Sales); More senior by 1 step (4 vs 3); "
        "Shares language: en, sv"
    )
    assert rows[1]["reasons"].startswith("None of the 2 mentors may be paired with Ann Berg")


@pytest.mark.parametrize(
    ("read", "text", "english", "swedish", "dutch"),
    [
        (
            lambda t: read_volunteers_csv(t, "v.csv", [], "people.csv"),
            "id,volunteer_as\nzed,mentor\n",
            "v.csv, row 2, column 'id': 'zed' is neither a username nor a person id in people.csv",
            "v.csv, rad 2, kolumn 'id': 'zed' är varken ett användarnamn eller ett person-id",
            "v.csv, rij 2, kolom 'id': 'zed' is geen gebruikersnaam en geen persoons-id",
        ),
        (
            lambda t: read_history_csv(t, "h.csv"),
            "programme,mentor_id,mentee_id\n2024,a,b\n2024,b,a\n",
            "h.csv, row 3, column 'mentee_id': 'a' mentors 'b' in programme '2024' in row 2",
            "h.csv, rad 3, kolumn 'mentee_id': 'a' är mentor för 'b' i programmet '2024'",
            "h.csv, rij 3, kolom 'mentee_id': 'a' is mentor van 'b' in programma '2024'",
        ),
        (
            lambda t: read_mentors_csv(t, "m.csv", []),
            MENTORS.replace("feedback:4;delegate:3", "feedback;delegate:3"),
            "m.csv, row 2, column 'strengths': 'feedback' has no level (write feedback:3)",
            "m.csv, rad 2, kolumn 'strengths': 'feedback' har ingen nivå (skriv feedback:3)",
            "m.csv, rij 2, kolom 'strengths': 'feedback' heeft geen niveau (schrijf feedback:3)",
        ),
    ],
)
def test_a_bad_mentoring_file_is_worded_in_each_language(
    read, text: str, english: str, swedish: str, dutch: str
) -> None:
    with pytest.raises(tc.FormatError) as caught:
        read(text)
    assert str(caught.value).startswith(english)
    assert caught.value.text("en").startswith(english)
    assert caught.value.text("sv").startswith(swedish)
    assert caught.value.text("nl").startswith(dutch)
