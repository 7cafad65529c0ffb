"""Drivers and aspirations in the development dialogue: kept in the learner's own state, each
shared with the manager or private; the manager's preparation sheet shows only shared ones."""

from __future__ import annotations

from typing import Any

import pytest
from webob import Request

import talent_core as tc
from tests.xblocks.markup import student_html, text_of
from tests.xblocks.test_plan_team import (  # noqa: F401  (as_user is a fixture)
    as_user,
    submitted,
)

SHARED = {
    "kind": "energy",
    "text": "Helping new colleagues find their feet",
    "shared_with_manager": True,
}
PRIVATE = {
    "kind": "mobility",
    "text": "I may move to Lisbon next year",
    "shared_with_manager": False,
}
ROLE = {"kind": "role_interest", "role_id": "first-time-manager", "shared_with_manager": True}


@pytest.fixture
def course(as_user, make_block, workbench_field_data) -> Any:  # noqa: F811
    """A plan block linked to a dialogue and a self-assessment; ``course(user)`` -> (plan,
    dialogue) as that user."""
    assessment = make_block(
        "competency_assessment",
        user="staff_hr",
        field_data=workbench_field_data,
        competencies=["leading-people"],
    )
    dialogue = make_block(
        "development_dialogue",
        user="staff_hr",
        field_data=workbench_field_data,
        assessment_block=str(assessment.scope_ids.usage_id),
    )
    staff = as_user("staff_hr")
    staff.dialogue_block = str(dialogue.scope_ids.usage_id)
    staff.assessment_block = str(assessment.scope_ids.usage_id)
    staff.save()

    def make(user: str) -> tuple[Any, Any]:
        return as_user(user), make_block(
            "development_dialogue",
            user=user,
            usage=dialogue.scope_ids.usage_id,
            field_data=workbench_field_data,
        )

    return make


def sheet(plan: Any, username: str = "learner_1") -> Any:
    return plan.handle("preparation_sheet", Request.blank(f"/?username={username}"))


def test_shared_aspirations_reach_the_managers_sheet_and_private_ones_never_do(
    course,
    call,
    as_user,  # noqa: F811
) -> None:
    submitted(as_user, call)
    _, dialogue = course("learner_1")
    words = text_of(student_html(dialogue))
    assert "What drives you and where you want to go" in words
    assert "A role that interests you (for a role of interest)" in words
    response = call(dialogue, "save_aspirations", {"aspirations": [SHARED, PRIVATE, ROLE]})
    assert response.status_code == 200, response.json
    stored = tc.load_dialogue(dialogue.dialogue).aspirations
    assert [a.kind.value for a in stored] == ["energy", "mobility", "role_interest"]
    manager, _ = course("manager_1")
    page = sheet(manager)
    assert page.status_code == 200
    assert "What drives them (shared with you)" in page.text
    assert "What gives me energy: Helping new colleagues find their feet" in page.text
    assert "A role that interests me: First-time manager" in page.text
    assert "Lisbon" not in page.text
    assert "Lisbon" not in str(manager.manager_record)
    assert "Lisbon" not in str(manager.generate_report_data([]))
    row = dialogue.report_row({"dialogue": dialogue.dialogue})
    assert row is not None and "Lisbon" not in str(row) and "Helping" not in str(row)
    # Nobody else's sheet shows them.
    assert sheet(course("colleague_1")[0]).status_code == 403


def test_unsharing_takes_an_aspiration_off_the_sheet(course, call, as_user) -> None:  # noqa: F811
    submitted(as_user, call)
    _, dialogue = course("learner_1")
    assert call(dialogue, "save_aspirations", {"aspirations": [SHARED]}).status_code == 200
    private = {**SHARED, "shared_with_manager": False}
    assert call(dialogue, "save_aspirations", {"aspirations": [private]}).status_code == 200
    assert "Helping new colleagues" not in sheet(course("manager_1")[0]).text
    assert "Helping new colleagues" in student_html(course("learner_1")[1])


def test_bad_aspirations_name_every_problem_and_keep_nothing(course, call) -> None:
    _, dialogue = course("learner_1")
    bad = [
        {"kind": "direction", "text": "Data", "role_id": "first-time-manager"},
        {"kind": "role_interest", "role_id": "ceo"},
    ]
    response = call(dialogue, "save_aspirations", {"aspirations": bad})
    assert response.status_code == 400
    assert [p["field"] for p in response.json["problems"]] == [
        "aspirations[0].role_id",
        "aspirations[1].role_id",
    ]
    wrong_kind = call(
        dialogue, "save_aspirations", {"aspirations": [{"kind": "fame", "text": "x"}]}
    )
    assert wrong_kind.status_code == 400
    assert dialogue.dialogue == {}
