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


def test_every_problem_of_a_roster_is_reported_at_once() -> None:
    text = (
        "username,group,role\n"
        "al,G1,boss\n"  # row 2: unknown role
        "bo b,G1,\n"  # row 3: not a username
        "cy,,host\n"  # row 4: empty group
        "di,G1,host\n"
        "ed,G1,host\n"  # row 6: a second host in G1
        "di,G2,\n"  # row 7: di twice
    )
    with pytest.raises(tc.RosterError) as caught:
        tc.read_roster(text, "intervision")
    where = [(p.row, p.column) for p in caught.value.problems]
    assert where == [(2, "role"), (3, "username"), (4, "group"), (6, "role"), (7, "username")]
    shown = caught.value.text(lambda message: message)
    assert "Row 2, column role" in shown and "Row 7, column username" in shown
    assert str(caught.value) == shown


def test_a_roster_with_many_problems_lists_the_first_twenty_and_counts_the_rest() -> None:
    text = "username,group\n" + "".join(f"u{i},\n" for i in range(25))
    with pytest.raises(tc.RosterError) as caught:
        tc.read_roster(text, "intervision")
    assert len(caught.value.problems) == 20
    assert caught.value.text(lambda message: message).endswith("…and 5 more.")


def test_a_group_has_at_most_max_group_size_members() -> None:
    """Each member's page reads every member's log: a 5,000-member group took 2.7 s a page."""
    limit = tc.MAX_GROUP_SIZE
    rows = "".join(f"u{i},Big\n" for i in range(limit))
    assert len(tc.read_roster("username,group\n" + rows, "intervision").members) == limit
    with pytest.raises(tc.RosterError) as caught:
        tc.read_roster("username,group\n" + rows + "one_more,Big\nx,Small\n", "intervision")
    [problem] = caught.value.problems
    assert (problem.row, problem.column) == (limit + 2, "group")
    assert problem.params == {"group": "Big", "count": limit + 1, "limit": limit}


def test_every_roster_message_has_an_id_in_the_core_catalog() -> None:
    from pathlib import Path

    from babel.messages.extract import extract

    from talent_core._roster import ROSTER_MESSAGE_IDS

    source = Path(tc.__file__).with_name("_roster.py")
    with source.open("rb") as f:
        msgids = {m for _, m, _, _ in extract("python", f, keywords={"_": None, "N_": None})}
    assert msgids == set(ROSTER_MESSAGE_IDS)
    assert all(tc.i18n.has_message(i) for i in ROSTER_MESSAGE_IDS.values())


@pytest.mark.parametrize("language", ["sv", "nl"])
def test_the_core_catalog_words_roster_problems_as_the_blocks_catalog_does(language: str) -> None:
    """The notebooks check a roster before upload; they must say what the block would say."""
    from pathlib import Path

    from babel.messages.pofile import read_po

    from talent_core._roster import ROSTER_MESSAGE_IDS

    po = Path(tc.__file__).parents[1] / f"xblocks/translations/{language}/LC_MESSAGES/text.po"
    if not po.exists():
        pytest.skip("the blocks' catalog is not in this checkout")
    with po.open("rb") as f:
        blocks = {m.id: m.string for m in read_po(f) if m.id in ROSTER_MESSAGE_IDS}
    assert len(blocks) == len(ROSTER_MESSAGE_IDS)
    for msgid, message_id in ROSTER_MESSAGE_IDS.items():
        assert tc.i18n.translate(message_id, language) == blocks[msgid]


def test_a_roster_problem_reads_in_the_users_language() -> None:
    with pytest.raises(tc.RosterError) as caught:
        tc.read_roster("username,group\nann,A\nann,A\n", "intervision")
    assert caught.value.text_in("sv") == (
        "Rad 3, kolumn username: ann finns redan i deltagarlistan på rad 2."
    )
    assert caught.value.text_in("en") == str(caught.value)
