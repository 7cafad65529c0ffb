"""The talent conversation in the development plan: the manager's talent view of a report in
the manager's own state, the learner reading it as a conversation and responding in their own
state, nobody else seeing it, and HR's readiness rows. Plus two fixes in "My team"."""

from __future__ import annotations

import re
from typing import Any

import pytest
from webob import Request

from talent_core.reports import READINESS_COLUMNS
from tests.xblocks.markup import student_html, text_of
from tests.xblocks.test_plan_team import (  # noqa: F401  (as_user is a fixture)
    PLAN,
    agreement,
    as_user,
    card_of,
    report_of,
    submitted,
)
from xblocks import compat
from xblocks._plan_team import today

VIEW = {
    "username": "learner_1",
    "strengths": ["giving-feedback", "active-listening"],
    "readiness": [
        {"role_id": "first-time-manager", "readiness": "one_to_two_years"},
        {"role_id": "specialist", "readiness": "not_a_fit_now"},
    ],
    "next_step": "Lead the next team retrospective",
    "conversation_date": "2026-11-20",
}


@pytest.fixture
def linked(as_user, make_block, workbench_field_data) -> Any:  # noqa: F811
    """The plan block linked to a self-assessment that offers the demo roles; ``linked(user)``."""
    assessment = make_block(
        "competency_assessment",
        user="staff_hr",
        field_data=workbench_field_data,
        competencies=["leading-people", "working-with-others"],
    )
    staff = as_user("staff_hr")
    staff.assessment_block = str(assessment.scope_ids.usage_id)
    staff.save()
    return as_user


def test_the_manager_records_readiness_and_the_learner_reads_it_as_a_conversation(
    linked, call
) -> None:
    learner = submitted(linked, call)
    manager = linked("manager_1")
    form = report_of(manager, "learner_1")
    assert "Talent conversation" in form and "Readiness for First-time manager" in form
    response = call(manager, "record_talent_view", VIEW)
    assert response.status_code == 200, response.json
    assert "You recorded this view after the conversation on November 20, 2026." in text_of(
        response.json["html"]
    )
    # Kept in the manager's own state only.
    stored = manager.manager_record["reports"]["learner_1"]["talent"]
    assert stored["manager"] == "manager_1" and stored["learner"] == "learner_1"
    assert learner.plan_record.get("talent") is None and "talent" not in str(learner.plan_record)
    words = text_of(student_html(linked("learner_1")))
    assert "Your talent conversation" in words
    assert "From your development conversation with Maja Lund on November 20, 2026" in words
    assert "First-time manager: you could grow into this within one to two years." in words
    assert "Subject-matter specialist: not the next step for you now." in words
    assert "Lead the next team retrospective" in words
    assert "Giving feedback" in words and "Not a fit now" not in words  # no verdict words


def test_the_learner_responds_in_their_own_state_and_the_manager_reads_it(linked, call) -> None:
    submitted(linked, call)
    manager = linked("manager_1")
    assert call(manager, "record_talent_view", VIEW).status_code == 200
    learner = linked("learner_1")
    empty = call(learner, "respond_talent_view", {"text": "  ", "conversation_date": "2026-11-20"})
    assert empty.status_code == 400 and learner.talent_response == {}
    stale = call(learner, "respond_talent_view", {"text": "Yes", "conversation_date": "2026-11-01"})
    assert stale.status_code == 409
    answer = {"text": "I would like to try leading.", "conversation_date": "2026-11-20"}
    response = call(learner, "respond_talent_view", answer)
    assert response.status_code == 200, response.json
    assert learner.talent_response["text"] == "I would like to try leading."
    assert learner.talent_response["responded_on"] == today().isoformat()
    assert "I would like to try leading." in report_of(linked("manager_1"), "learner_1")
    assert manager.manager_record["reports"]["learner_1"]["talent"].get("response") is None


def test_nobody_else_sees_or_writes_a_talent_view(linked, call) -> None:
    submitted(linked, call)
    assert call(linked("manager_1"), "record_talent_view", VIEW).status_code == 200
    for user in ("colleague_1", "learner_2", "staff_hr", "manager_2"):
        block = linked(user)
        assert call(block, "record_talent_view", VIEW).status_code == 403, user
        assert "Lead the next team retrospective" not in student_html(block), user
        assert "Your talent conversation" not in text_of(student_html(block)), user
    colleague = linked("colleague_1")
    refused = call(
        colleague, "respond_talent_view", {"text": "x", "conversation_date": "2026-11-20"}
    )
    assert refused.status_code == 403 and colleague.talent_response == {}


def test_a_talent_view_names_every_problem_and_keeps_nothing(linked, call) -> None:
    submitted(linked, call)
    manager = linked("manager_1")
    bad = {
        **VIEW,
        "strengths": ["nope"],
        "readiness": [{"role_id": "ceo", "readiness": "ready_now"}],
        "conversation_date": "2999-01-01",
    }
    response = call(manager, "record_talent_view", bad)
    assert response.status_code == 400
    assert [p["field"] for p in response.json["problems"]] == [
        "strengths[0]",
        "readiness[0].role_id",
        "conversation_date",
    ]
    wrong = call(
        manager,
        "record_talent_view",
        {**VIEW, "readiness": [{"role_id": "x", "readiness": "soon"}]},
    )
    assert wrong.status_code == 400
    assert manager.manager_record == {}


def test_hr_gets_one_readiness_row_per_report_and_role_without_the_words(linked, call) -> None:
    submitted(linked, call)
    manager = linked("manager_1")
    assert call(manager, "record_talent_view", VIEW).status_code == 200
    rows = list(manager.generate_report_data(compat.iter_user_states(manager)))
    readiness = [row for _, row in rows if "readiness" in row]
    assert [tuple(row) for row in readiness] == [READINESS_COLUMNS] * 2
    assert [(k, row["role_id"], row["readiness"]) for k, row in rows if "readiness" in row] == [
        ("learner_1", "first-time-manager", "one_to_two_years"),
        ("learner_1", "specialist", "not_a_fit_now"),
    ]
    assert all(row["manager_username"] == "manager_1" for row in readiness)
    assert "retrospective" not in str(rows)
    staff = linked("staff_hr")
    download = staff.handle("download_readiness", Request.blank("/"))
    assert download.status_code == 200
    lines = download.body.decode("utf-8-sig").splitlines()
    assert lines[0] == ",".join(READINESS_COLUMNS)
    assert lines[1] == "learner_1,manager_1,first-time-manager,one_to_two_years,2026-11-20"
    assert "readiness" not in staff.handle("download_data", Request.blank("/")).text
    assert linked("learner_1").handle("download_readiness", Request.blank("/")).status_code == 403


# -- two fixes in My team -----------------------------------------------------------------------


def test_a_reports_status_does_not_run_into_their_name(as_user, call) -> None:  # noqa: F811
    submitted(as_user, call)
    manager = as_user("manager_1")
    markup = student_html(manager)
    heading = re.search(r'<article[^>]*data-report="learner_2".*?<h4[^>]*>(.*?)</h4>', markup, re.S)
    assert heading is not None and text_of(heading.group(1)) == "Bo Ek"
    assert "Plan status: Not submitted" in card_of(manager, "learner_2")
    assert "Plan status: Waiting for you" in report_of(manager, "learner_1")


def test_a_learner_without_a_roster_manager_is_not_told_about_their_manager(
    as_user,  # noqa: F811
) -> None:
    words = agreement(as_user("nobody"))
    assert "Your manager has not agreed" not in words
    assert "No manager is set for you in this course." in words


def test_a_learners_talent_views_are_in_their_export_and_erased_on_request(linked, call) -> None:
    submitted(linked, call)
    manager = linked("manager_1")
    assert call(manager, "record_talent_view", VIEW).status_code == 200
    assert call(manager, "record_talent_view", {**VIEW, "username": "learner_2"}).status_code == 200
    staff = linked("staff_hr")
    exported = staff.talent_views_about("learner_1")
    assert list(exported) == ["manager_1"]
    assert exported["manager_1"]["next_step"] == "Lead the next team retrospective"
    assert staff.erase_talent_views_about("learner_1") == 1
    assert staff.talent_views_about("learner_1") == {}
    reports = linked("manager_1").manager_record["reports"]
    assert "talent" not in reports.get("learner_1", {})
    assert reports["learner_2"]["talent"]["learner"] == "learner_2"  # others' stay
    assert "Your talent conversation" not in text_of(student_html(linked("learner_1")))
