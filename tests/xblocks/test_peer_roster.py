"""The peer-group roster CSV: what it accepts, and the row and column of what it refuses."""

from __future__ import annotations

import pytest

from talent_core import MAX_ROSTER_BYTES, RosterError, read_roster
from xblocks import i18n
from xblocks._peer_roster import INTERVISION, MENTORING

GOOD = """username,group,role,name,department
ann,Harbour,host,Ann Berg,Sales
bo,Harbour,,,IT
cai,Lighthouse,member,Cai de Vries,HR
"""


def problem(text: str, kind: str = INTERVISION, language: str = "en") -> str:
    with pytest.raises(RosterError) as caught:
        read_roster(text, kind)  # type: ignore[arg-type]
    return caught.value.text(i18n.translation(language).gettext)


def test_groups_members_roles_and_names_in_file_order() -> None:
    roster = read_roster(GOOD, INTERVISION)
    assert roster.groups == ("Harbour", "Lighthouse")
    assert [(m.username, m.role, m.shown_name) for m in roster.group_members("Harbour")] == [
        ("ann", "host", "Ann Berg"),
        ("bo", "member", "bo"),
    ]
    assert roster.member("cai").group == "Lighthouse"
    assert roster.member("nobody") is None


def test_empty_text_is_an_empty_roster() -> None:
    assert read_roster("  \n", INTERVISION).members == ()


def test_mentoring_roster_defaults_to_mentee() -> None:
    roster = read_roster("username,group,role\nkim,P1,mentor\nlou,P1,\n", MENTORING)
    assert [m.role for m in roster.members] == ["mentor", "mentee"]


def test_byte_order_mark_and_crlf_are_accepted() -> None:
    roster = read_roster("\ufeffusername,group\r\nann,G\r\n", INTERVISION)
    assert roster.member("ann").group == "G"


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("username,role\nann,host\n", INTERVISION, "missing column(s) group"),
        ("username,group\nann,\n", INTERVISION, "Row 2, column group: The cell is empty."),
        (
            "username,group\nann,G\nbo,G\nann,H\n",
            INTERVISION,
            "Row 4, column username: ann is already in the roster in row 2.",
        ),
        (
            "username,group,role\nann,G,mentor\n",
            INTERVISION,
            "Row 2, column role: The role mentor is not one of: member, host.",
        ),
        (
            "username,group,role\nann,G,host\nbo,G,host\n",
            INTERVISION,
            "Row 3, column role: Group G has more than one host.",
        ),
        (
            "username,group,role\nkim,P,mentor\nlou,P,mentee\nmo,Q,mentee\n",
            MENTORING,
            "Row 4, column role: Mentoring group Q needs exactly one mentor; it has 0.",
        ),
        (
            "username,group,role\nkim,P,mentor\nlou,P,mentor\n",
            MENTORING,
            "Row 3, column role: Mentoring group P needs exactly one mentor; it has 2.",
        ),
        (
            "username,group,role\nkim,P,mentor\n",
            MENTORING,
            "Row 2, column group: Mentoring group P has a mentor but no mentee.",
        ),
        (
            "username,group\nann berg,G\n",
            INTERVISION,
            "Row 2, column username: ann berg is not a username (no spaces, commas or quotes).",
        ),
        (
            "username,group\nann,G\x07\n",
            INTERVISION,
            "Row 2, column group: The cell holds a control character.",
        ),
        (
            "username,group\nann," + "g" * 256 + "\n",
            INTERVISION,
            "Row 2, column group: The cell is longer than 255 characters.",
        ),
        ("username,group\n", INTERVISION, "The roster has a header but no members."),
        ("username,group\nann,G,extra\n", INTERVISION, "row 2: 3 cells, but the header has 2"),
    ],
)
def test_problems_name_row_and_column(text: str, kind: str, expected: str) -> None:
    assert expected in problem(text, kind)


def test_a_roster_over_the_size_limit_is_refused() -> None:
    row = "learner_0000000,Group\n"
    text = "username,group\n" + row * (MAX_ROSTER_BYTES // len(row) + 1)
    assert problem(text) == "The roster is larger than 256 KB."


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("sv", "Rad 2, kolumn role: Rollen boss är inte en av: member, host."),
        ("nl", "Rij 2, kolom role: De rol boss is niet een van: member, host."),
    ],
)
def test_problems_are_translated(language: str, expected: str) -> None:
    assert problem("username,group,role\nann,G,boss\n", language=language) == expected
