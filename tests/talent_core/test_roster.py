"""The roster in the core: written rows read back, and errors that carry what to translate."""

from __future__ import annotations

from dataclasses import replace

import pytest

import talent_core as tc


def test_written_rosters_read_back_in_order() -> None:
    text = tc.roster_csv([("kim", "P1", "mentor", "Kim, Senior"), ("lou", "P1", "", "")])
    roster = tc.read_roster(text, "mentoring")
    assert [(m.username, m.group, m.role, m.shown_name) for m in roster.members] == [
        ("kim", "P1", "mentor", "Kim, Senior"),
        ("lou", "P1", "mentee", "lou"),
    ]


def test_errors_are_structured_for_the_caller_to_translate() -> None:
    with pytest.raises(tc.RosterError) as caught:
        tc.read_roster("username,group,role\nann,G,boss\n", "intervision")
    error = caught.value
    assert (error.row, error.column) == (2, "role")
    assert error.message == "The role {role} is not one of: {roles}."
    assert error.params == {"role": "boss", "roles": "member, host"}
    catalog = {
        "Row {row}, column {column}: {problem}": "{row}/{column}: {problem}",
        "The role {role} is not one of: {roles}.": "{role}? ({roles})",
    }
    assert error.text(catalog.__getitem__) == "2/role: boss? (member, host)"


def test_the_username_column_of_a_people_file_is_the_roster_username() -> None:
    person = tc.Person(
        "p1", "Ann", "ann@example.org", None, "Sales", "Lund", "Europe/Stockholm", 2, "sv", {}
    )
    assert tc.roster_username(person) == "p1"
    assert tc.roster_username(replace(person, extra={"username": " ann_b "})) == "ann_b"
