"""The reviewer roster: who guides and who assesses whom, every problem named."""

from __future__ import annotations

import pytest

import talent_core as tc
from talent_core import rpl

GOOD = """username,role,learners
guide_1,guide,learner_1 learner_2
assessor_1,assessor,
assessor_2,assessor,learner_2;learner_3
guide_1,assessor,learner_3
"""


def test_a_roster_says_who_serves_whom() -> None:
    roster = rpl.read_reviewer_roster(GOOD)
    assert roster.guides_of("learner_1") == ("guide_1",)
    assert roster.assessors_of("learner_1") == ("assessor_1",)
    assert roster.assessors_of("learner_3") == ("assessor_1", "assessor_2", "guide_1")
    assert roster.role_of("guide_1", "learner_3") == "assessor"
    assert roster.role_of("guide_1") == "guide"
    assert roster.roles_of("guide_1") == ("guide", "assessor")
    assert roster.role_of("learner_1") is None
    assert roster.learners_of("assessor_1", "assessor") is None  # every learner
    assert roster.learners_of("assessor_1", "guide") == frozenset()
    assert rpl.load_reviewer_roster(roster.to_state()) == roster


def test_a_roster_from_excel_in_dutch_reads_the_same() -> None:
    data = "\ufeff" + GOOD.replace(",", ";").replace("learner_2;learner_3", "learner_2 learner_3")
    roster = rpl.read_reviewer_roster(data.encode("utf-8"))
    assert roster == rpl.read_reviewer_roster(GOOD)
    utf16 = GOOD.encode("utf-16")
    assert rpl.read_reviewer_roster(utf16) == rpl.read_reviewer_roster(GOOD)


def test_every_problem_is_named_by_row_and_column() -> None:
    text = """username,role,learners
guide_1,guide,
,assessor,
bad name,assessor,
assessor_1,judge,
assessor_2,assessor,assessor_2
guide_1,guide,learner_9
guide_1,assessor,learner_1
"""
    with pytest.raises(rpl.ReviewerRosterError) as caught:
        rpl.read_reviewer_roster(text)
    found = [(p.field, p.message_id) for p in caught.value.problems]
    assert found == [
        ("row 3, username", "problem.rpl.cell_empty"),
        ("row 4, username", "problem.rpl.not_a_username"),
        ("row 5, role", "problem.rpl.role_unknown"),
        ("row 6, learners", "problem.rpl.serves_self"),
        ("row 7, username", "problem.rpl.roster_twice"),
        ("row 8, learners", "problem.rpl.guide_and_assessor"),
    ]
    assert "may not guide and assess one claim" in str(caught.value)
    assert isinstance(caught.value, tc.TalentError)


@pytest.mark.parametrize(
    ("data", "message_id"),
    [
        (b"", "problem.rpl.not_csv"),
        (b"username,role\n", "problem.rpl.roster_empty"),
        (b"username,name\nx,y\n", "problem.rpl.not_csv"),
        (b"username,role,email\nx,guide,x@example.org\n", "problem.rpl.roster_columns"),
        ("username,role\nj\u00f6rg,guide\n".encode("latin-1"), "problem.rpl.not_utf8"),
        (b"username,role\n" + b"a,guide\n" * 80_000, "problem.rpl.roster_too_large"),
        (b"username,role,learners\nx,guide,a\x07b\n", "problem.text.control_character"),
    ],
)
def test_files_that_are_no_roster_are_refused(data: bytes, message_id: str) -> None:
    with pytest.raises(rpl.ReviewerRosterError) as caught:
        rpl.read_reviewer_roster(data)
    assert message_id in [p.message_id for p in caught.value.problems]


def test_a_stored_roster_that_cannot_be_read_says_so() -> None:
    assert len(rpl.load_reviewer_roster(None)) == 0
    for state in ({"schema_version": 2}, {"schema_version": 1, "rows": [["x", "boss", []]]}, []):
        if not state:
            continue
        with pytest.raises(rpl.ReviewerRosterError, match="upload it again"):
            rpl.load_reviewer_roster(state)
