"""Groups CSV, score report and the Open edX Teams membership upload."""

import csv
import io
from collections.abc import Callable

import pytest

import talent_core as tc
from talent_core.grouping import (
    Group,
    GroupingOptions,
    design_groups,
    earlier_groups,
    read_groups_csv,
    teams_csv,
    write_groups_csv,
    write_report_csv,
)

Person = Callable[..., tc.Person]


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_groups_round_trip_and_checks(person: Person) -> None:
    groups = [Group("Intervision 01", ("a", "b")), Group("Intervision 02", ("c",))]
    text = write_groups_csv(groups)
    assert _rows(text)[:2] == [["id", "group"], ["a", "Intervision 01"]]
    assert read_groups_csv(text, "g.csv") == groups
    with pytest.raises(tc.FormatError, match=r"g\.csv, row 3, column 'id': 'a' is already"):
        read_groups_csv("id,group\na,G1\na,G2\n", "g.csv")
    with pytest.raises(tc.FormatError, match=r"g\.csv, row 2, column 'group': the cell is empty"):
        read_groups_csv("id,group\na,\n", "g.csv")
    with pytest.raises(tc.FormatError, match=r"row 2, column 'id': 'zz' is not in the people"):
        read_groups_csv("id,group\nzz,G1\n", "g.csv", [person("a")])


def test_a_bad_groups_file_is_worded_in_each_language(person: Person) -> None:
    with pytest.raises(tc.FormatError) as caught:
        read_groups_csv("id,group\nzz,G1\n", "g.csv", [person("a")])
    assert caught.value.text("sv") == "g.csv, rad 2, kolumn 'id': 'zz' finns inte i personfilen"
    assert caught.value.text("nl") == (
        "g.csv, rij 2, kolom 'id': 'zz' staat niet in het personenbestand"
    )
    with pytest.raises(tc.FormatError) as caught:
        read_groups_csv("id,group\na,G1\na,G2\n", "g.csv")
    assert (
        caught.value.text("sv") == "g.csv, rad 3, kolumn 'id': 'a' är redan med i en grupp på rad 2"
    )


def test_earlier_rounds_become_groups() -> None:
    rounds = tc.read_rounds_csv("id,round,group\na,1,G\nb,1,G\nc,1,H\na,2,G\nc,2,G\n", "r.csv")
    assert earlier_groups(rounds) == [["a", "b"], ["c"], ["a", "c"]]


def test_report_has_a_row_per_group_with_each_goal() -> None:
    people = tc.generate_organisation(40, seed=1)
    result = design_groups(people, GroupingOptions(same_language=False), seed=1)
    rows = _rows(write_report_csv(result.scores))
    assert rows[0] == [
        "group",
        "size",
        "languages",
        "score",
        "department",
        "location",
        "seniority",
        "timezone",
        "repeat_pairs",
    ]
    assert [r[0] for r in rows[1:]] == [g.name for g in result.groups]
    assert [float(r[3]) for r in rows[1:]] == pytest.approx(
        [g.score for g in result.scores.groups], abs=0.01
    )


def test_teams_csv_uses_username_else_email_and_a_mode(person: Person) -> None:
    people = [person("a", username="anna"), person("b"), person("c", username="")]
    groups = [Group("Intervision 01", ("a", "b")), Group("Intervision 02", ("c",))]
    assert _rows(teams_csv(groups, people, "peer-groups", "verified")) == [
        ["user", "mode", "peer-groups"],
        ["anna", "verified", "Intervision 01"],
        ["b@example.org", "verified", "Intervision 01"],
        ["c@example.org", "verified", "Intervision 02"],
    ]


def test_teams_csv_mode_from_a_people_column(person: Person) -> None:
    people = [person("a", track="masters"), person("b", track="audit")]
    rows = _rows(teams_csv([Group("G", ("a", "b"))], people, "ts", "track"))
    assert [r[1] for r in rows[1:]] == ["masters", "audit"]
    with pytest.raises(ValueError, match="'b' has no value in column 'track'"):
        teams_csv([Group("G", ("a", "b"))], [people[0], person("b", track="")], "ts", "track")


def test_teams_csv_refuses_what_open_edx_would_reject(person: Person) -> None:
    people = [person("a"), person("b", username="bo")]
    with pytest.raises(ValueError, match="neither an Open edX enrolment mode"):
        teams_csv([Group("G", ("a",))], people, "ts", "gold")
    with pytest.raises(ValueError, match="not usable"):
        teams_csv([Group("G", ("a",))], people, "peer groups", "audit")
    with pytest.raises(ValueError, match=r"'ghost' is not in people\.csv"):
        teams_csv([Group("G", ("ghost",))], people, "ts", "audit", people_file="people.csv")
    with pytest.raises(ValueError, match="'a' has no username"):
        teams_csv([Group("G", ("a", "b"))], people, "ts", "audit", user_column="username")
    header = _rows(teams_csv([Group("G", ("b",))], people, "ts", "audit", user_column="username"))
    assert header == [["username", "mode", "ts"], ["bo", "audit", "G"]]
