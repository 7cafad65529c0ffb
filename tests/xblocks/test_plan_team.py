"""The development plan's manager side under the workbench runtime: the manager roster upload,
a learner submitting the plan, the roster's manager agreeing it or sending it back in their own
state, the learner seeing it, and everyone else refused (HTTP 403).

The blocks live in the workbench's database-backed store: the same block (usage id) seen by the
learner, their manager, a colleague and staff, each with their own user state, and other users'
state read as the LMS reads it (``compat.user_state_of``)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from webob import Request
from xblock.runtime import DictKeyValueStore, KvsFieldData

from tests.xblocks.conftest import post_json
from tests.xblocks.markup import student_html, text_of
from xblocks import compat

PLAN = "development_plan"

ROSTER = (
    "username,manager_username,name\n"
    "manager_1,,Maja Lund\n"
    "learner_1,manager_1,Lea Holm\n"
    "learner_2,manager_1,Bo Ek\n"
    "colleague_1,manager_2,Cy Berg\n"
    "manager_2,,Nils Ro\n"
)

GOALS = [
    {
        "id": "g-feedback",
        "competency_id": "giving-feedback",
        "target_level": 3,
        "why": "My team asks for clearer feedback.",
        "activities": [
            {
                "id": "a1",
                "activity_ref": None,
                "title": "Feedback each week",
                "mode": "on_the_job",
                "hours": 6,
                "due": "2031-02-01",
                "status": "planned",
                "reflection": "",
            }
        ],
    }
]


def upload(block: Any, content: bytes, name: str = "managers.csv") -> Any:
    return block.handle("upload_managers", Request.blank("/", POST={"roster": (name, content)}))


@pytest.fixture
def as_user(make_block, workbench_field_data):
    """``as_user(user)``: one plan block (with the roster uploaded by staff) seen by ``user``."""
    staff = make_block(PLAN, user="staff_hr", field_data=workbench_field_data)
    assert upload(staff, ROSTER.encode()).status_code == 200
    usage = staff.scope_ids.usage_id

    def make(user: str) -> Any:
        return make_block(PLAN, user=user, usage=usage, field_data=workbench_field_data)

    return make


def submitted(as_user, call) -> Any:
    learner = as_user("learner_1")
    assert call(learner, "save_plan", {"version": 0, "goals": GOALS}).status_code == 200
    response = call(learner, "submit_plan", {"version": 1})
    assert response.status_code == 200, response.json
    return learner


def report_of(manager: Any, username: str) -> str:
    """The words of one report's part of the manager's team view, opened."""
    response = post_json(manager, "team_report", {"username": username})
    assert response.status_code == 200, response.json
    return text_of(response.json["html"])


def card_of(manager: Any, username: str) -> str:
    """The words of one report's card in the team list (before the manager opens it)."""
    markup = student_html(manager)
    found = re.search(rf'<article[^>]*data-report="{username}".*?</article>', markup, re.S)
    assert found is not None
    return text_of(found.group(0))


def agreement(block: Any) -> str:
    markup = student_html(block)
    start = markup.index('data-part="agreement"')
    return text_of(markup[start : markup.index('data-part="gaps"')])


# -- the roster -------------------------------------------------------------------------------


def test_staff_upload_stores_the_roster_and_says_what_it_holds(as_user) -> None:
    words = text_of(student_html(as_user("staff_hr")))
    assert "Manager roster: 5 people, 2 managers." in words


def test_a_bad_roster_names_every_problem_and_keeps_the_stored_one(as_user) -> None:
    staff = as_user("staff_hr")
    bad = "username,manager_username,department\nann,ann,\nbo,cy,\ncy,bo,\nbo,ann,\n"
    response = upload(staff, bad.encode())
    assert response.status_code == 400
    problems = " ".join(p["message"] for p in response.json["problems"])
    assert "Unknown columns department" in problems
    assert "ann cannot be their own manager" in problems
    assert "bo → cy → bo" in problems
    assert "bo is already in the roster in row 3" in problems
    assert "Manager roster: 5 people, 2 managers." in text_of(student_html(staff))


def test_a_roster_over_a_megabyte_is_refused(as_user) -> None:
    big = b"username,manager_username\n" + b"".join(b"u%07d,m\n" % i for i in range(120_000))
    response = upload(as_user("staff_hr"), big)
    assert response.status_code == 400
    assert "larger than 1024 KB" in response.json["problems"][0]["message"]


def test_only_staff_upload_a_roster(as_user) -> None:
    response = upload(as_user("manager_1"), b"username,manager_username\nmanager_1,\n")
    assert response.status_code == 403
    assert "Manager roster: 5 people" in text_of(student_html(as_user("staff_hr")))


# -- the loop: submit, agree, see -------------------------------------------------------------


def test_manager_agrees_a_submitted_plan_and_the_learner_sees_it(as_user, call) -> None:
    learner = submitted(as_user, call)
    assert "Submitted to Maja Lund" in agreement(learner)
    manager = as_user("manager_1")
    team = text_of(student_html(manager))
    assert "My team" in team and "Lea Holm Plan status: Waiting for you" in team
    assert "Plan version 2 · 0 of 1 activities done (0%)" in card_of(manager, "learner_1")
    assert "Feedback each week" not in team  # the plan loads when the manager opens it
    opened = report_of(manager, "learner_1")
    assert "Feedback each week" in opened and "Plan version 2" in opened
    response = call(manager, "agree_plan", {"username": "learner_1", "version": 2})
    assert response.status_code == 200, response.json
    assert response.json["status"] == "yes"
    # Stored in the manager's own state, never in the learner's.
    assert "learner_1" in manager.manager_record["reports"]
    assert "manager_record" not in compat.user_state_of(manager, "learner_1")
    seen = agreement(as_user("learner_1"))
    assert "Agreed by Maja Lund on" in seen and "(version 2)" in seen
    assert "Ask Maja Lund to agree" not in seen


def test_progress_keeps_the_agreement_and_a_goal_change_voids_it_in_both_views(
    as_user, call
) -> None:
    learner = submitted(as_user, call)
    manager = as_user("manager_1")
    assert call(manager, "agree_plan", {"username": "learner_1", "version": 2}).status_code == 200
    progressed = json.loads(json.dumps(GOALS))
    progressed[0]["activities"][0]["status"] = "doing"
    learner = as_user("learner_1")
    assert call(learner, "save_plan", {"version": 2, "goals": progressed}).status_code == 200
    assert "Agreed by Maja Lund" in agreement(as_user("learner_1"))
    progressed[0]["target_level"] = 4
    assert call(learner, "save_plan", {"version": 3, "goals": progressed}).status_code == 200
    assert "Changed since Maja Lund agreed" in agreement(as_user("learner_1"))
    assert "Lea Holm Plan status: Changed since agreed" in text_of(
        student_html(as_user("manager_1"))
    )


def test_send_back_needs_a_comment_and_the_learner_reads_it(as_user, call) -> None:
    submitted(as_user, call)
    manager = as_user("manager_1")
    blank = call(manager, "send_back", {"username": "learner_1", "version": 2, "comment": " "})
    assert blank.status_code == 400
    back = {"username": "learner_1", "version": 2, "comment": "Add a course date."}
    assert call(manager, "send_back", back).status_code == 200
    seen = agreement(as_user("learner_1"))
    assert "Maja Lund sent the plan back on" in seen and "Add a course date." in seen
    assert "Ask Maja Lund to agree the plan" in seen


def test_agreeing_a_plan_changed_since_the_page_loaded_is_refused(as_user, call) -> None:
    submitted(as_user, call)
    manager = as_user("manager_1")
    response = call(manager, "agree_plan", {"username": "learner_1", "version": 1})
    assert response.status_code == 409
    assert manager.manager_record == {}


# -- who may -----------------------------------------------------------------------------------


#: Every manager handler and a body it would accept from the learner's manager.
MANAGER_HANDLERS = {
    "team_report": {},
    "agree_plan": {"version": 2, "comment": "x"},
    "send_back": {"version": 2, "comment": "x"},
    "rate_report": {"levels": {"giving-feedback": 2}},
    "record_talk": {"held_on": "2026-01-05", "agreed_focus": "x"},
    "tick_checklist": {"item": "plan-agreed", "done": True},
}


@pytest.mark.parametrize("handler", MANAGER_HANDLERS)
def test_the_roster_manager_may_use_every_manager_handler(as_user, call, handler) -> None:
    submitted(as_user, call)
    payload = {"username": "learner_1", **MANAGER_HANDLERS[handler]}
    response = call(as_user("manager_1"), handler, payload)
    assert response.status_code == 200, response.json


@pytest.mark.parametrize("handler", MANAGER_HANDLERS)
@pytest.mark.parametrize("user", ["colleague_1", "learner_2", "staff_hr", "nobody"])
def test_anyone_but_the_roster_manager_gets_403(as_user, call, handler, user) -> None:
    submitted(as_user, call)
    payload = {"username": "learner_1", **MANAGER_HANDLERS[handler]}
    block = as_user(user)
    response = call(block, handler, payload)
    assert response.status_code == 403
    assert block.manager_record == {}
    # A body that is not even JSON is refused the same way: nothing is parsed first.
    assert call(block, handler, body=b"{not json").status_code == 403


@pytest.mark.parametrize("handler", MANAGER_HANDLERS)
def test_a_manager_gets_403_for_someone_elses_report(as_user, call, handler) -> None:
    other = as_user("colleague_1")
    assert call(other, "save_plan", {"version": 0, "goals": GOALS}).status_code == 200
    manager = as_user("manager_1")
    payload = {**MANAGER_HANDLERS[handler], "username": "colleague_1"}
    assert call(manager, handler, payload).status_code == 403
    assert manager.manager_record == {}


def test_colleague_sees_no_team_and_nothing_of_the_report(as_user, call) -> None:
    submitted(as_user, call)
    words = text_of(student_html(as_user("colleague_1")))
    assert "My team" not in words and "Feedback each week" not in words
    assert "Lea Holm" not in words


def test_a_manager_who_leaves_the_roster_loses_access_but_the_agreement_stays(
    as_user, call
) -> None:
    submitted(as_user, call)
    assert call(as_user("manager_1"), "agree_plan", {"username": "learner_1", "version": 2})
    new_roster = "username,manager_username\nlearner_1,manager_2\nlearner_2,manager_2\n"
    assert upload(as_user("staff_hr"), new_roster.encode()).status_code == 200
    payload = {"username": "learner_1", "version": 2, "comment": "x"}
    assert call(as_user("manager_1"), "send_back", payload).status_code == 403
    assert "My team" not in text_of(student_html(as_user("manager_1")))
    seen = agreement(as_user("learner_1"))
    assert "Agreed by Maja Lund" in seen


def test_submitting_without_a_roster_manager_is_refused(as_user, call) -> None:
    nobody = as_user("nobody")
    assert call(nobody, "save_plan", {"version": 0, "goals": GOALS}).status_code == 200
    assert call(nobody, "submit_plan", {"version": 1}).status_code == 403
    # ...and the learner records the agreement themselves, labelled self-reported.
    assert "Record your manager's agreement" in text_of(student_html(nobody))


def test_a_learner_with_a_roster_manager_does_not_type_the_agreement(as_user, call) -> None:
    learner = submitted(as_user, call)
    words = text_of(student_html(learner))
    assert "Record your manager's agreement" not in words
    assert "Ask Maja Lund to agree the plan" not in words  # already waiting


def test_a_colleague_cannot_open_the_preparation_sheet(as_user, call) -> None:
    submitted(as_user, call)
    for user in ("colleague_1", "learner_1", "staff_hr"):
        request = Request.blank("/?username=learner_1")
        response = as_user(user).handle("preparation_sheet", request)
        assert response.status_code == 403
        assert "Feedback each week" not in response.text


# -- the manager's own record ------------------------------------------------------------------


def test_manager_ratings_talks_and_checklist_live_in_the_managers_state(as_user, call) -> None:
    submitted(as_user, call)
    manager = as_user("manager_1")
    rated = call(
        manager, "rate_report", {"username": "learner_1", "levels": {"giving-feedback": 2}}
    )
    assert rated.status_code == 200 and "selected>2" in rated.json["html"]
    talk = {"username": "learner_1", "held_on": "2026-01-05", "agreed_focus": "Weekly feedback"}
    talked = call(manager, "record_talk", talk)
    assert "Weekly feedback" in text_of(talked.json["html"])
    tick = {"username": "learner_1", "item": "follow-up-set", "done": True}
    ticked = call(manager, "tick_checklist", tick)
    assert re.search(r'data-check="follow-up-set" checked', ticked.json["html"])
    report = manager.manager_record["reports"]["learner_1"]
    assert report["ratings"][0]["levels"] == {"giving-feedback": 2}
    assert report["conversations"] == [{"held_on": "2026-01-05", "agreed_focus": "Weekly feedback"}]
    assert report["checklist"] == {"follow-up-set": True}
    learner_state = compat.user_state_of(manager, "learner_1")
    assert set(learner_state) == {"plan_record"}


@pytest.mark.parametrize(
    ("handler", "payload", "field"),
    [
        ("rate_report", {"levels": {"giving-feedback": 9}}, "levels.giving-feedback"),
        ("rate_report", {"levels": {"nope": 1}}, "levels.nope"),
        ("rate_report", {"levels": {}}, "levels"),
        ("record_talk", {"held_on": "1989-12-31"}, "held_on"),
        ("record_talk", {"held_on": "2999-01-01"}, "held_on"),
        ("record_talk", {"held_on": "soon"}, "held_on"),
        ("tick_checklist", {"item": "made-up", "done": True}, "item"),
        ("tick_checklist", {"item": "plan-agreed", "done": "yes"}, "done"),
        ("agree_plan", {"version": -1}, "version"),
        ("agree_plan", {"version": 2, "comment": "x" * 2001}, "comment"),
    ],
)
def test_hostile_manager_input_is_refused_and_nothing_is_kept(
    as_user, call, handler, payload, field
) -> None:
    submitted(as_user, call)
    manager = as_user("manager_1")
    response = call(manager, handler, {"username": "learner_1", **payload})
    assert response.status_code == 400, response.json
    assert field in [p["field"] for p in response.json["problems"]]
    assert manager.manager_record == {}


def test_the_sheet_has_coaching_questions_and_the_checklist(as_user, call) -> None:
    submitted(as_user, call)
    response = as_user("manager_1").handle(
        "preparation_sheet", Request.blank("/?username=learner_1")
    )
    assert response.status_code == 200
    words = text_of(response.text)
    assert "Preparation sheet for a development conversation · Lea Holm" in words
    assert "Coaching questions for the conversation" in words and "Giving feedback" in words
    assert "Follow-up date set" in words and "Feedback each week" in words


def test_the_team_view_shows_what_needs_attention(as_user, call) -> None:
    learner = submitted(as_user, call)
    old = json.loads(json.dumps(GOALS))
    old[0]["activities"][0]["due"] = "2024-01-10"
    assert call(learner, "save_plan", {"version": 2, "goals": old}).status_code == 200
    for words in (
        card_of(as_user("manager_1"), "learner_1"),
        report_of(as_user("manager_1"), "learner_1"),
    ):
        assert "Needs attention:" in words
        assert "An activity was due on January 10, 2024." in words
        assert "No development conversation in the last 12 months." in words
    talk = {"username": "learner_1", "held_on": "2026-01-05", "agreed_focus": ""}
    call(as_user("manager_1"), "record_talk", talk)
    assert "No development conversation" not in report_of(as_user("manager_1"), "learner_1")
    assert "No development conversation" in report_of(as_user("manager_1"), "learner_2")


def test_everyone_can_read_the_roles_charter(as_user) -> None:
    for user in ("learner_1", "manager_1"):
        words = text_of(student_html(as_user(user)))
        assert "Who does what in talent development" in words
        assert "Top management" in words and "Line manager" in words and "HR" in words


# -- HR's report ------------------------------------------------------------------------------


def test_the_report_names_the_source_of_the_agreement_and_the_managers_ratings(
    as_user, call
) -> None:
    submitted(as_user, call)
    manager = as_user("manager_1")
    assert call(manager, "agree_plan", {"username": "learner_1", "version": 2}).status_code == 200
    call(manager, "rate_report", {"username": "learner_1", "levels": {"giving-feedback": 2}})
    other = as_user("nobody")
    assert call(other, "save_plan", {"version": 0, "goals": GOALS}).status_code == 200
    agreement = {"version": 1, "manager_name": "My Boss", "agreed_on": "2025-05-02"}
    assert call(other, "record_agreement", agreement).status_code == 200
    rows = dict(manager.generate_report_data(compat.iter_user_states(manager)))
    assert "manager_1" not in rows  # a manager's own record is no plan row
    verified, typed = rows["learner_1"], rows["nobody"]
    assert verified["agreement"] == "yes" and verified["agreement_source"] == "manager"
    assert verified["manager_username"] == "manager_1" and verified["manager_name"] == "Maja Lund"
    assert verified["agreed_version"] == 2 and verified["manager_status"] == "yes"
    assert verified["manager_rating:giving-feedback"] == 2
    assert typed["agreement"] == "yes" and typed["agreement_source"] == "self-reported"
    assert typed["manager_name"] == "My Boss" and typed["manager_username"] == ""


# -- the learner's dialogue ---------------------------------------------------------------------


def test_the_dialogue_shows_the_managers_own_ratings_read_the_lms_way(
    as_user, call, make_block
) -> None:
    """The dialogue finds the plan block through ``runtime.get_block`` but, as in the LMS, that
    block's user data is not loaded (here: a store with nothing in it); the manager and their
    ratings come only through the user_state service."""
    submitted(as_user, call)
    manager = as_user("manager_1")
    rated = call(
        manager, "rate_report", {"username": "learner_1", "levels": {"giving-feedback": 2}}
    )
    assert rated.status_code == 200
    empty = KvsFieldData(DictKeyValueStore())
    dialogue = make_block(
        "development_dialogue",
        user="learner_1",
        field_data=empty,
        plan_block=str(manager.scope_ids.usage_id),
    )
    linked = compat.find_block(dialogue, dialogue.plan_block, "development_plan")
    assert linked is not None and linked.plan_record == {} and linked.manager_roster == {}
    preparation = {
        "competency_ids": ["giving-feedback", "delegating"],
        "answers": {"giving-feedback": {"giving-feedback-q1": "My private answer"}},
    }
    assert call(dialogue, "save_preparation", preparation).status_code == 200, "prep"
    typed = {
        "held_on": "2025-01-10",
        "manager_name": "Someone",
        "agreed_focus": "",
        "levels": {"giving-feedback": 1},
    }
    assert call(dialogue, "record_conversation", typed).status_code == 200
    words = text_of(student_html(dialogue))
    assert "Maja Lund" in words  # the roster manager's own rating, named as the roster names them
    assert "Someone (self-reported)" not in words  # the newer rating of the source is shown
    ratings = {(r.rater, r.level) for r in dialogue._ratings(dialogue.record, None)}
    assert ratings == {("Someone (self-reported)", 1), ("Maja Lund", 2)}


def test_the_manager_sees_the_dialogues_shared_record_never_the_private_answers(
    as_user, call, make_block, workbench_field_data
) -> None:
    submitted(as_user, call)
    dialogue = make_block("development_dialogue", user="learner_1", field_data=workbench_field_data)
    preparation = {
        "competency_ids": ["giving-feedback", "delegating"],
        "answers": {"giving-feedback": {"giving-feedback-q1": "My private answer"}},
    }
    assert call(dialogue, "save_preparation", preparation).status_code == 200
    talk = {"held_on": "2026-02-03", "manager_name": "Maja", "agreed_focus": "Shared focus"}
    assert call(dialogue, "record_conversation", {**talk, "levels": {}}).status_code == 200
    staff = as_user("staff_hr")
    staff.dialogue_block = str(dialogue.scope_ids.usage_id)
    staff.save()
    manager = as_user("manager_1")
    words = report_of(manager, "learner_1")
    assert "Dialogue: 1 conversations recorded, the latest on February 3, 2026." in words
    assert "Agreed focus: Shared focus" in words
    assert "My private answer" not in student_html(manager)
    sheet = manager.handle("preparation_sheet", Request.blank("/?username=learner_1"))
    assert "Shared focus" in sheet.text and "My private answer" not in sheet.text


def test_the_manager_is_not_told_to_submit_a_plan_they_have_not_received(as_user, call) -> None:
    """The learner's "Maja Lund has not agreed to this plan yet. Submit it when it is ready."
    read, in the manager's own view, as if she were told to submit her report's plan."""
    learner = as_user("learner_1")
    assert call(learner, "save_plan", {"version": 0, "goals": GOALS}).status_code == 200
    words = report_of(as_user("manager_1"), "learner_1")
    assert "Not submitted" in words
    assert "Submit it when it is ready" not in words
    assert "Submit it when it is ready" in text_of(student_html(learner))  # the learner's own


def test_without_role_profiles_the_manager_is_not_asked_to_link_a_block(as_user) -> None:
    """Linking blocks is the course team's work: the manager is told why readiness cannot be
    recorded, not asked to do it."""
    words = report_of(as_user("manager_1"), "learner_1")
    assert "the course team has not linked a self-assessment with role profiles" in words
    assert "Link a self-assessment" not in words
