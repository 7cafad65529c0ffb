"""The development plan under the workbench runtime: views, handlers, downloads, Studio, OLX,
reports, and goals from a real competency_assessment block in the same course."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import html
import io
import json
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from django.utils import translation
from lxml import etree
from webob import Request

import talent_core as tc
from tests.xblocks.markup import student_html, text_of
from xblocks.compat import XBlockUserState

PLAN = "development_plan"
ASSESSMENT = "competency_assessment"


def part(markup: str, name: str) -> str:
    """The inner HTML of one ``data-part`` of the page."""
    found = re.search(
        rf'<div data-part="{name}">(.*?)</div>\s*(?:<div data-part|<section)', markup, re.S
    )
    assert found is not None, name
    return found.group(1)


def activity(
    activity_id: str,
    title: str,
    mode: str = "on_the_job",
    hours: float = 2,
    status: str = "planned",
    **extra: Any,
) -> dict[str, Any]:
    return {
        "id": activity_id,
        "activity_ref": None,
        "title": title,
        "mode": mode,
        "hours": hours,
        "due": None,
        "status": status,
        "reflection": "",
        **extra,
    }


def goal(competency_id: str, level: int = 3, *activities: dict[str, Any], **extra: Any) -> dict:
    return {
        "id": f"g-{competency_id}",
        "competency_id": competency_id,
        "target_level": level,
        "why": "",
        "activities": list(activities),
        **extra,
    }


#: What the page sends for a plan with two goals (the first activity picked from the framework).
GOALS = [
    goal(
        "giving-feedback",
        3,
        activity(
            "giving-feedback-a1",
            "Give one piece of specific feedback each week",
            hours=6,
            activity_ref="giving-feedback-a1",
            due="2031-02-01",
        ),
        activity(
            "own",
            "Ask <Sam> & the team for feedback",
            "with_others",
            1.5,
            "done",
            reflection="People want examples & dates.",
        ),
        why="My team asks for <clearer> feedback.",
    ),
    goal(
        "delegating", 2, activity("course", "Delegation course", "classroom", 8, due="2031-03-15")
    ),
]


def save(call: Any, block: Any, goals: list[dict] | None = None, version: int = 0) -> Any:
    return call(
        block, "save_plan", {"version": version, "goals": GOALS if goals is None else goals}
    )


@pytest.fixture
def saved(make_block, call) -> Any:
    block = make_block(PLAN)
    assert save(call, block).status_code == 200
    return block


# -- the page -------------------------------------------------------------------------------


def test_a_new_plan_offers_every_competency_for_a_first_goal(make_block) -> None:
    markup = student_html(make_block(PLAN))
    words = text_of(markup)
    assert "data-no-goals>" in markup and "No manager is set for you in this course." in words
    new_goal = re.search(r"<select[^>]*data-new-goal>(.*?)</select>", markup, re.S)
    assert new_goal is not None
    options = re.findall(r'<option value="([^"]+)"', new_goal.group(1))
    assert options == [c.id for c in tc.demo_framework().competencies()]
    assert re.search(r'<label[^>]*for="([^"]+-new-goal)"', markup)
    assert "No hours planned yet" in words
    assert "Goals from your self-assessment" not in words  # no assessment linked
    assert 'data-version="0"' in markup


def test_saved_plan_comes_back_with_every_field(saved) -> None:
    markup = student_html(saved)
    assert 'data-version="1"' in markup and "data-no-goals hidden" in markup
    assert re.findall(r'data-goal-id="([^"]+)"', markup) == ["g-giving-feedback", "g-delegating"]
    assert re.findall(r'data-activity-id="([^"]+)"', markup) == [
        "giving-feedback-a1",
        "own",
        "course",
    ]
    assert 'data-activity-ref="giving-feedback-a1"' in markup
    assert re.search(r'<option value="3"[^>]* selected>3 Skilled</option>', markup)
    assert re.search(r'<option value="with_others" selected>', markup)
    assert re.search(r'<option value="done" selected>Done</option>', markup)
    assert 'value="2031-02-01"' in markup and 'value="1.5"' in markup
    reflections = re.findall(r'<div class="talent-field" data-reflection( hidden)?>', markup)
    assert reflections == [" hidden", "", " hidden"]  # shown for the activity that is done


def test_a_reflection_stays_visible_when_its_activity_is_no_longer_done(make_block, call) -> None:
    block = make_block(PLAN)
    goals = with_change("0.activities.1.status", "doing")
    assert save(call, block, goals).status_code == 200
    reflections = re.findall(r"data-reflection( hidden)?>", student_html(block))
    assert reflections == [" hidden", "", " hidden"]


def test_learner_text_is_escaped(saved) -> None:
    markup = student_html(saved)
    assert "<Sam>" not in markup and "<clearer>" not in markup
    assert "Ask &lt;Sam&gt; &amp; the team for feedback" in markup
    assert "My team asks for &lt;clearer&gt; feedback." in markup


def test_suggestions_are_the_framework_activities_of_each_goal(saved) -> None:
    markup = student_html(saved)
    node = tc.demo_framework().node("delegating")
    selects = re.findall(r"<select[^>]*data-suggestion>(.*?)</select>", markup, re.S)
    assert re.findall(r'value="([^"]+)"', selects[1]) == [a.id for a in node.activities]
    assert f"{node.activities[0].title['en']} (" in text_of(selects[1])


def test_learning_mix_shows_hours_per_mode_time_away_and_cost(saved) -> None:
    mix = part(student_html(saved), "mix")
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="talent-chart" role="img"' in mix
    rows = dict(re.findall(r'<tr data-mode="(\w+)"><th scope="row">.*?</th><td>(.*?)</td>', mix))
    assert rows == {
        "on_the_job": "6 hours",
        "with_others": "1.5 hours",
        "home_study": "0 hours",
        "online": "0 hours",
        "classroom": "8 hours",
    }
    expected = tc.learning_mix(
        tc.load(tc.Goal, GOALS[0]).activities + tc.load(tc.Goal, GOALS[1]).activities
    )
    away = re.search(r"<td colspan=\"2\" data-away>(.*?)</td>", mix)
    # docs/figures.md: hours to two decimals at most, money in whole units (halves up).
    assert expected.away_hours == 8.75
    assert away is not None and away.group(1) == "8.75 hours"
    cost = Decimal(repr(expected.total_cost)).quantize(Decimal(1), ROUND_HALF_UP)
    assert re.search(r"data-cost>(.*?)<", mix).group(1) == f"€{cost:,}"


def test_dropped_activities_leave_the_mix(make_block, call) -> None:
    block = make_block(PLAN)
    goals = [
        goal("delegating", 2, activity("course", "Delegation course", "classroom", 8, "dropped"))
    ]
    assert save(call, block, goals).status_code == 200
    assert "No hours planned yet" in text_of(part(student_html(block), "mix"))


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("sv", ["Min utvecklingsplan", "Dina mål", "Ge feedback", "Målnivå", "I arbetet", "Klar"]),
        (
            "nl",
            ["Mijn ontwikkelplan", "Jouw doelen", "Feedback geven", "Doelniveau", "Op de werkplek"],
        ),
    ],
)
def test_page_in_the_course_language(saved, language: str, words: list[str]) -> None:
    with translation.override(language):
        markup = student_html(saved)
    assert f'lang="{language}"' in markup
    shown = text_of(markup)
    for word in words:
        assert word in shown, word


def test_learners_keep_their_own_plans(saved, make_block) -> None:
    other = make_block(PLAN, user="learner_2", usage=saved.scope_ids.usage_id)
    markup = student_html(other)
    assert "data-no-goals>" in markup and "data-goal-id" not in markup
    assert other.plan.owner == "learner_2" and saved.plan.owner == "learner_1"


def test_staff_see_the_data_download(saved, make_block) -> None:
    staff = make_block(PLAN, user="staff_hr", usage=saved.scope_ids.usage_id)
    assert "Download data (CSV)" in student_html(staff)
    assert "Download data (CSV)" not in student_html(saved)


def test_an_unreadable_stored_plan_shows_a_notice_and_is_not_overwritten(make_block, call) -> None:
    block = make_block(PLAN, plan_record={"schema_version": 9, "plan": {}})
    assert "Your saved plan could not be read." in text_of(student_html(block))
    assert save(call, block).status_code == 409
    assert block.plan_record == {"schema_version": 9, "plan": {}}


# -- saving ---------------------------------------------------------------------------------


def test_save_stores_the_plan_and_answers_the_new_version_and_parts(make_block, call) -> None:
    block = make_block(PLAN)
    response = save(call, block)
    assert response.status_code == 200
    answer = response.json
    assert answer["version"] == 1 and set(answer["parts"]) == {"agreement", "gaps", "mix"}
    assert "8 hours" in answer["parts"]["mix"]
    plan = block.plan
    assert plan.version == 1 and [g.id for g in plan.goals] == ["g-giving-feedback", "g-delegating"]
    assert plan.goals[0].activities[1].reflection == "People want examples & dates."
    assert block.plan_record["summary"]["competency_ids"] == ["giving-feedback", "delegating"]


def test_first_plan_with_an_activity_completes_the_block_once(make_block, call) -> None:
    block = make_block(PLAN)
    assert save(call, block, [goal("delegating")]).status_code == 200
    assert save(call, block, version=1).status_code == 200
    assert save(call, block, version=2).status_code == 200
    assert block.runtime.events == [
        ("talent.development_plan.saved", {"version": 1, "goals": 1, "activities": 0, "done": 0}),
        ("completion", {"completion": 1.0}),
        ("talent.development_plan.saved", {"version": 2, "goals": 2, "activities": 3, "done": 1}),
        ("talent.development_plan.saved", {"version": 3, "goals": 2, "activities": 3, "done": 1}),
    ]


def test_a_stale_save_is_refused_and_the_newer_plan_kept(saved, make_block, call) -> None:
    second_tab = make_block(PLAN, usage=saved.scope_ids.usage_id)
    newer = copy.deepcopy(GOALS)
    newer[1]["target_level"] = 4
    assert save(call, saved, newer, version=1).status_code == 200
    stale = save(call, second_tab, [goal("resilience")], version=1)
    assert stale.status_code == 409
    assert "changed elsewhere" in stale.json["error"]
    plan = saved.plan
    assert plan.version == 2 and plan.goals[1].target_level == 4
    assert [g.competency_id for g in plan.goals] == ["giving-feedback", "delegating"]


def with_change(path: str, value: Any) -> list[dict]:
    """GOALS with one value replaced; ``path`` like ``0.activities.1.hours``."""
    goals = copy.deepcopy(GOALS)
    *parents, last = path.split(".")
    target: Any = goals
    for key in parents:
        target = target[int(key)] if key.isdigit() else target[key]
    target[int(last) if last.isdigit() else last] = value
    return goals


@pytest.mark.parametrize(
    ("goals", "field"),
    [
        (with_change("0.competency_id", "astrology"), "goals[0].competency_id"),
        (with_change("0.competency_id", "leading-people"), "goals[0].competency_id"),
        (with_change("1.target_level", 7), "goals[1].target_level"),
        (with_change("1.target_level", "2"), "goals[1].target_level"),
        (
            with_change("0.activities.0.activity_ref", "delegating-a1"),
            "goals[0].activities[0].activity_ref",
        ),
        (with_change("0.activities.1.mode", "osmosis"), "goals[0].activities[1].mode"),
        (with_change("0.activities.1.hours", 2001), "goals[0].activities[1].hours"),
        (with_change("0.activities.1.hours", "two"), "goals[0].activities[1].hours"),
        (with_change("0.activities.1.hours", "2"), "goals[0].activities[1].hours"),
        (with_change("0.activities.1.status", "someday"), "goals[0].activities[1].status"),
        (with_change("0.activities.1.title", ""), "goals[0].activities[1].title"),
        (with_change("0.activities.1.reflection", "x" * 4001), "goals[0].activities[1].reflection"),
        (with_change("0.activities.1.due", "1789-07-14"), "goals[0].activities[1].due"),
        (with_change("0.activities.1.due", "soon"), "goals[0].activities[1].due"),
        (with_change("0.activities.1.id", "giving-feedback-a1"), "goals[0].activities[1].id"),
        (with_change("1.id", "g-giving-feedback"), "goals[1].id"),
        (with_change("1.why", 42), "goals[1].why"),
        (with_change("1.owner", "someone"), "goals[1].owner"),
    ],
)
def test_bad_plans_get_400_naming_the_field_and_change_nothing(
    saved, call, goals: list[dict], field: str
) -> None:
    before = copy.deepcopy(saved.plan_record)
    events = list(saved.runtime.events)
    response = save(call, saved, goals, version=1)
    assert response.status_code == 400
    assert field in [p["field"] for p in response.json["problems"]]
    assert saved.plan_record == before and saved.runtime.events == events


@pytest.mark.parametrize(
    "body",
    [
        json.dumps({"version": 1, "goals": GOALS, "agreement": None}).encode(),
        json.dumps({"version": 1, "goals": GOALS, "owner": "mallory"}).encode(),
        json.dumps({"version": -1, "goals": GOALS}).encode(),
        json.dumps({"goals": GOALS}).encode(),
        json.dumps([GOALS]).encode(),
        json.dumps({"version": 1, "goals": [goal("delegating", why="x" * 70_000)]}).encode(),
        b"{not json",
        b"\xff\xfe",
    ],
)
def test_unreadable_saves_get_400_and_change_nothing(saved, call, body: bytes) -> None:
    before = copy.deepcopy(saved.plan_record)
    response = call(saved, "save_plan", body=body)
    assert response.status_code == 400 and response.json["error"]
    assert saved.plan_record == before


def test_fifty_goals_at_most(make_block, call) -> None:
    goals = [goal(c.id) for c in tc.demo_framework().competencies()] * 3
    for i, item in enumerate(goals):
        item["id"] = f"g{i}"
    response = save(call, make_block(PLAN), goals[:51])
    assert response.status_code == 400
    assert response.json["problems"][0]["field"] == "goals"


def test_a_goal_whose_competency_left_the_framework_must_go_before_saving(
    make_block, call, small_framework_json
) -> None:
    block = make_block(PLAN)
    assert save(call, block).status_code == 200
    block.framework_source, block.framework_json = "custom", small_framework_json
    block.save()
    markup = student_html(block)
    assert "This competency is no longer in the course's framework" in text_of(markup)
    assert save(call, block, version=1).status_code == 400
    kept = [goal("listening", 2)]
    assert save(call, block, kept, version=1).status_code == 200


# -- new goals and activities ---------------------------------------------------------------


def test_new_goal_form_aims_at_the_first_proficient_level(make_block, call) -> None:
    block = make_block(PLAN)
    response = call(block, "new_goal", {"competency_id": "delegating", "taken": ["g-delegating"]})
    assert response.status_code == 200
    assert response.json["name"] == "Delegating"
    markup = response.json["html"]
    assert 'data-goal-id="g-delegating-2"' in markup and 'data-competency-id="delegating"' in markup
    assert re.search(r'<option value="3"[^>]* selected>3 Skilled</option>', markup)
    assert block.plan_record == {}  # nothing is stored until the plan is saved


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"competency_id": "astrology"}, "competency_id"),
        ({"competency_id": "leading-people"}, "competency_id"),
        ({"competency_id": "delegating", "taken": [f"g{i}" for i in range(50)]}, "taken"),
        ({"competency_id": "delegating", "taken": [f"g{i}" for i in range(51)]}, "taken"),
        ({"competency_id": "delegating", "extra": 1}, "extra"),
    ],
)
def test_bad_new_goals_get_400(make_block, call, payload: dict, field: str) -> None:
    response = call(make_block(PLAN), "new_goal", payload)
    assert response.status_code == 400
    assert response.json["problems"][0]["field"] == field


def test_new_activity_from_the_framework_in_the_course_language(make_block, call) -> None:
    node = tc.demo_framework().node("delegating")
    picked = node.activities[1]
    with translation.override("sv"):
        response = call(
            make_block(PLAN),
            "new_activity",
            {"competency_id": "delegating", "activity_ref": picked.id, "taken": [picked.id]},
        )
    assert response.status_code == 200
    markup = response.json["html"]
    assert f'data-activity-id="{picked.id}-2"' in markup
    assert f'data-activity-ref="{picked.id}"' in markup
    assert f'value="{html.escape(picked.title["sv"], quote=True)}"' in markup
    assert re.search(rf'<option value="{picked.mode.value}" selected>', markup)
    assert f'value="{picked.hours:g}"' in markup


def test_own_activity_starts_blank(make_block, call) -> None:
    payload = {"competency_id": "delegating", "activity_ref": None, "taken": ["own"]}
    markup = call(make_block(PLAN), "new_activity", payload).json["html"]
    assert 'data-activity-id="own-2"' in markup and 'data-activity-ref=""' in markup
    assert re.search(r'data-field="title" value=""', markup)


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"competency_id": "delegating", "activity_ref": "giving-feedback-a1"}, "activity_ref"),
        ({"competency_id": "astrology", "activity_ref": None}, "competency_id"),
        ({"competency_id": "delegating", "taken": [f"a{i}" for i in range(50)]}, "taken"),
    ],
)
def test_bad_new_activities_get_400(make_block, call, payload: dict, field: str) -> None:
    response = call(make_block(PLAN), "new_activity", payload)
    assert response.status_code == 400
    assert response.json["problems"][0]["field"] == field


# -- the manager's agreement ----------------------------------------------------------------

AGREEMENT = {
    "version": 1,
    "manager_name": " Mia Berg ",
    "agreed_on": "2025-05-02",
    "comment": "Go!",
}


def agreement_text(block: Any) -> str:
    return text_of(part(student_html(block), "agreement"))


def test_recorded_agreement_shows_and_is_published(saved, call) -> None:
    response = call(saved, "record_agreement", AGREEMENT)
    assert response.status_code == 200 and response.json["version"] == 2
    assert "Agreed with Mia Berg on May 2, 2025." in text_of(response.json["parts"]["agreement"])
    # No roster names a manager here: the learner's word is labelled as such.
    assert agreement_text(saved) == (
        "Self-reported: Agreed with Mia Berg on May 2, 2025. Comment: Go!"
    )
    assert saved.runtime.events[-1] == ("talent.development_plan.agreed", {"version": 2})


def test_progress_keeps_the_agreement_but_a_goal_change_voids_it(saved, call) -> None:
    assert call(saved, "record_agreement", AGREEMENT).status_code == 200
    progressed = with_change("1.activities.0.status", "doing")
    assert save(call, saved, progressed, version=2).status_code == 200
    assert agreement_text(saved).startswith("Self-reported: Agreed with Mia Berg")
    changed = with_change("1.target_level", 3)
    assert save(call, saved, changed, version=3).status_code == 200
    assert agreement_text(saved) == (
        "Self-reported: Changed since Mia Berg agreed on May 2, 2025. Talk the changes "
        "through and record "
        "the agreement again. Comment: Go!"
    )
    again = {**AGREEMENT, "version": 4, "comment": ""}
    assert call(saved, "record_agreement", again).status_code == 200
    assert agreement_text(saved) == "Self-reported: Agreed with Mia Berg on May 2, 2025."


def test_agreement_in_swedish_dates_the_swedish_way(saved, call) -> None:
    assert call(saved, "record_agreement", AGREEMENT).status_code == 200
    with translation.override("sv"):
        assert "2 maj 2025" in agreement_text(saved)


@pytest.mark.parametrize(
    ("change", "status", "field"),
    [
        ({"version": 0}, 409, None),
        ({"manager_name": "   "}, 400, "manager_name"),
        ({"manager_name": ""}, 400, "manager_name"),
        ({"agreed_on": "2030-02-30"}, 400, "agreed_on"),
        ({"agreed_on": "1900-01-01"}, 400, "agreed_on"),
        ({"agreed_on": "2100-01-01"}, 400, "agreed_on"),
        ({"comment": "x" * 2001}, 400, "comment"),
    ],
)
def test_bad_agreements_are_refused_and_change_nothing(
    saved, call, change: dict, status: int, field: str | None
) -> None:
    before = copy.deepcopy(saved.plan_record)
    response = call(saved, "record_agreement", {**AGREEMENT, **change})
    assert response.status_code == status
    if field is not None:
        assert response.json["problems"][0]["field"] == field
    assert saved.plan_record == before


def test_a_refused_plan_names_the_broken_constraints_in_the_learners_language(saved, call) -> None:
    before = copy.deepcopy(saved.plan_record)
    broken = [
        goal("delegating", 2, activity("course", "", "classroom", 2500), why="x" * 2001),
    ]
    with translation.override("sv"):
        problems = save(call, saved, broken, version=1).json["problems"]
    assert {p["message"] for p in problems} == {
        "Fyll i det här.",
        "Ange ett tal som inte är större än 2000.",
        "Använd högst 2000 tecken.",
    }
    assert saved.plan_record == before


def test_a_refused_agreement_is_explained_in_the_learners_language(saved, call) -> None:
    with translation.override("nl"):
        body = {**AGREEMENT, "agreed_on": "2100-01-01", "manager_name": "  "}
        problems = call(saved, "record_agreement", body).json["problems"]
        form = student_html(saved)
    assert problems == [
        {
            "field": "agreed_on",
            "message": "Geef de dag waarop je leidinggevende instemde: "
            "vanaf 1 januari 1990 tot en met vandaag.",
        },
        {"field": "manager_name", "message": "Geef de naam van de leidinggevende die instemde."},
    ]
    assert re.search(r'data-agree="agreed_on"[^>]* min="1990-01-01" max="\d{4}-', form)


# -- goals from the linked self-assessment ---------------------------------------------------

#: A first-time manager's self-ratings on "leading people": the largest gaps are delegating,
#: giving feedback and developing others.
SELF_LEVELS = {"giving-feedback": 1, "coaching-others": 2, "delegating": 1, "developing-others": 1}


@pytest.fixture
def assessment(make_block) -> Any:
    return make_block(ASSESSMENT, competencies=["leading-people"])


def submit(call: Any, assessment: Any, levels: dict[str, int] = SELF_LEVELS) -> None:
    draft = {"role_id": "first-time-manager", "levels": levels}
    assert call(assessment, "submit_assessment", draft).status_code == 200


def linked_plan(make_block: Any, assessment: Any, user: str = "learner_1") -> Any:
    return make_block(PLAN, user=user, assessment_block=assessment.scope_ids.usage_id)


def test_before_the_assessment_is_submitted_the_plan_points_to_it(
    make_block, assessment, call
) -> None:
    block = linked_plan(make_block, assessment)
    words = text_of(part(student_html(block), "gaps"))
    assert "Complete the self-assessment in this course" in words
    response = call(block, "add_gap_goals", {"version": 0, "goals": []})
    assert response.status_code == 400 and response.json["problems"][0]["field"] == "assessment"
    assert block.plan_record == {}


def test_top_gaps_become_goals_in_one_click(make_block, assessment, call) -> None:
    submit(call, assessment)
    block = linked_plan(make_block, assessment)
    offer = part(student_html(block), "gaps")
    assert re.findall(r"<li>(.*?)</li>", offer) == [
        "Delegating",
        "Giving feedback",
        "Developing others",
    ]
    own = [goal("resilience", 2, activity("walk", "Walk at lunch"))]
    response = call(block, "add_gap_goals", {"version": 0, "goals": own})
    assert response.status_code == 200
    plan = block.plan
    assert plan.version == 1
    assert [g.competency_id for g in plan.goals] == [
        "resilience",
        "delegating",
        "giving-feedback",
        "developing-others",
    ]
    framework = tc.demo_framework()
    delegating = plan.goals[1]
    assert delegating.target_level == 2  # what the first-time manager's role asks for
    assert delegating.why == "The role asks for Delegating; my target is the level Independent."
    assert [a.activity_ref for a in delegating.activities] == [
        a.id for a in framework.node("delegating").activities
    ]
    assert re.findall(r'data-goal-id="([^"]+)"', response.json["goals_html"]) == [
        g.id for g in plan.goals
    ]
    assert "Your plan has a goal for each of your largest gaps." in text_of(
        response.json["parts"]["gaps"]
    )
    assert block.runtime.events[-1] == (
        "talent.development_plan.goals_added",
        {"version": 1, "competency_ids": ["delegating", "giving-feedback", "developing-others"]},
    )


def test_gap_goals_skip_competencies_already_planned(make_block, assessment, call) -> None:
    submit(call, assessment)
    block = linked_plan(make_block, assessment)
    mine = [goal("giving-feedback", 4)]
    assert call(block, "add_gap_goals", {"version": 0, "goals": mine}).status_code == 200
    assert [(g.competency_id, g.target_level) for g in block.plan.goals] == [
        ("giving-feedback", 4),
        ("delegating", 2),
        ("developing-others", 2),
    ]


def test_gap_goals_from_a_stale_page_are_refused(make_block, assessment, call) -> None:
    submit(call, assessment)
    block = linked_plan(make_block, assessment)
    assert save(call, block).status_code == 200
    response = call(block, "add_gap_goals", {"version": 0, "goals": []})
    assert response.status_code == 409
    assert [g.competency_id for g in block.plan.goals] == ["giving-feedback", "delegating"]


def test_gap_goals_are_in_the_course_language(make_block, assessment, call) -> None:
    submit(call, assessment)
    block = linked_plan(make_block, assessment)
    with translation.override("nl"):
        assert call(block, "add_gap_goals", {"version": 0, "goals": []}).status_code == 200
    first = block.plan.goals[0]
    assert first.why == "De rol vraagt om Delegeren; mijn doel is het niveau Zelfstandig."
    node = tc.demo_framework().node("delegating")
    assert first.activities[0].title == node.activities[0].title["nl"]


def test_no_open_gaps_means_nothing_to_add(make_block, assessment, call) -> None:
    submit(call, assessment, dict.fromkeys(SELF_LEVELS, 4))
    block = linked_plan(make_block, assessment)
    assert "no gaps for your target role" in text_of(part(student_html(block), "gaps"))


def test_each_learner_gets_goals_from_their_own_assessment(make_block, assessment, call) -> None:
    submit(call, assessment)
    other = linked_plan(make_block, assessment, user="learner_2")
    assert "Complete the self-assessment" in text_of(part(student_html(other), "gaps"))


def test_a_broken_link_offers_nothing(make_block) -> None:
    block = make_block(PLAN, assessment_block="nowhere.competency_assessment.d9.u9")
    assert "Goals from your self-assessment" not in text_of(student_html(block))


# -- downloads ------------------------------------------------------------------------------


def download(block: Any, handler: str) -> Any:
    return block.handle(handler, Request.blank("/", base_url="https://learn.example.org"))


def test_calendar_download_lists_activities_with_due_dates(saved) -> None:
    response = download(saved, "download_ics")
    assert response.status_code == 200
    assert response.content_type == "text/calendar" and response.charset == "utf-8"
    assert response.content_disposition == 'attachment; filename="development-plan.ics"'
    body = response.body.decode("utf-8")
    assert body.startswith("BEGIN:VCALENDAR\r\n")
    assert re.findall(r"SUMMARY:(.*)\r\n", body) == [
        "Give one piece of specific feedback each week",
        "Delegation course",
    ]
    assert re.findall(r"DTSTART;VALUE=DATE:(\d+)", body) == ["20310201", "20310315"]
    assert all(uid.endswith("@learn.example.org") for uid in re.findall(r"UID:(.*)\r\n", body))
    assert saved.runtime.events[-1] == ("talent.development_plan.downloaded", {"format": "ics"})


def test_calendar_names_the_mode_in_the_course_language(saved) -> None:
    with translation.override("sv"):
        body = download(saved, "download_ics").body.decode("utf-8")
    assert "DESCRIPTION:Ge feedback\\nI arbetet" in body


def test_calendar_from_a_host_that_is_no_name_still_downloads(saved) -> None:
    request = Request.blank("/", environ={"HTTP_HOST": "[::1]:8000"})
    body = saved.handle("download_ics", request).body.decode("utf-8")
    assert "@talent-development.invalid" in body


def test_csv_download_has_one_row_per_activity(saved) -> None:
    response = download(saved, "download_csv")
    assert response.content_type == "text/csv"
    assert response.content_disposition == 'attachment; filename="development-plan.csv"'
    rows = list(csv.reader(io.StringIO(response.body.decode("utf-8-sig"))))
    assert tuple(rows[0]) == tc.PLAN_CSV_COLUMNS
    assert [(r[0], r[5], r[9]) for r in rows[1:]] == [
        ("g-giving-feedback", "Give one piece of specific feedback each week", "planned"),
        ("g-giving-feedback", "Ask <Sam> & the team for feedback", "done"),
        ("g-delegating", "Delegation course", "planned"),
    ]


def test_print_view_is_a_whole_page_with_the_plan(saved, call) -> None:
    assert call(saved, "record_agreement", AGREEMENT).status_code == 200
    with translation.override("nl"):
        response = download(saved, "print_view")
    assert response.content_type == "text/html"
    page = response.body.decode("utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="nl">' in page
    words = text_of(page)
    assert "Feedback geven · Doelniveau: 3 Bekwaam" in words
    assert "Op de werkplek 6 uur 1 feb 2031 Gepland" in words
    assert "Ask <Sam> & the team for feedback" in words and "<Sam>" not in page
    assert "1,5 uur" in words and "Klaar" in words
    assert "Akkoord met Mia Berg op 2 mei 2025." in words
    assert "<script" not in page


def test_downloads_of_an_empty_plan(make_block) -> None:
    block = make_block(PLAN)
    assert "VEVENT" not in download(block, "download_ics").body.decode()
    rows = list(csv.reader(io.StringIO(download(block, "download_csv").body.decode("utf-8-sig"))))
    assert rows == [list(tc.PLAN_CSV_COLUMNS)]
    assert "No goals yet." in text_of(download(block, "print_view").body.decode())


# -- Studio ---------------------------------------------------------------------------------


def messages(block: Any) -> list[tuple[str, str]]:
    return [(m.type, m.text) for m in block.validate().messages]


def test_default_configuration_is_valid(make_block) -> None:
    assert messages(make_block(PLAN)) == []
    assert make_block(PLAN).rates == tc.DEFAULT_RATES


@pytest.mark.parametrize(
    ("rates", "problem"),
    [
        ("{", "cost_rates: line 1, column 2"),
        ('{"cost_per_hour": {}, "away_share": {}}', "rates missing for modes: on_the_job"),
        (
            json.dumps({**tc.DEFAULT_RATES.model_dump(mode="json"), "away_share": {"online": 2}}),
            "cost_rates.away_share.online",
        ),
    ],
)
def test_broken_cost_rates_are_an_error(make_block, rates: str, problem: str) -> None:
    [(kind, text)] = messages(make_block(PLAN, cost_rates=rates))
    assert kind == "error" and text.startswith("The cost rates are not valid:")
    assert problem in text


def test_broken_cost_rates_show_learners_a_notice_and_staff_the_problem(make_block) -> None:
    learner = make_block(PLAN, cost_rates="[]")
    staff = make_block(PLAN, user="staff_hr", usage=learner.scope_ids.usage_id)
    assert "This activity is not set up yet" in text_of(student_html(learner))
    assert "cost rates are not valid" not in text_of(student_html(learner))
    assert "The cost rates are not valid" in text_of(student_html(staff))


def test_custom_rates_price_the_mix(make_block, call) -> None:
    rates = tc.DEFAULT_RATES.model_dump(mode="json")
    rates["currency"], rates["cost_per_hour"]["classroom"] = "SEK", 1000
    block = make_block(PLAN, cost_rates=json.dumps(rates))
    assert save(call, block).status_code == 200
    expected = tc.learning_mix(block.plan.all_activities(), tc.load(tc.ModeRates, rates))
    cost = re.search(r"data-cost>(.*?)<", student_html(block))
    whole = Decimal(repr(expected.total_cost)).quantize(Decimal(1), ROUND_HALF_UP)
    assert cost is not None and cost.group(1) == f"SEK{whole:,}"  # whole units, no ".00"


def test_linked_block_must_exist_and_be_a_self_assessment(make_block, assessment) -> None:
    missing = make_block(PLAN, assessment_block="nowhere.competency_assessment.d9.u9")
    assert messages(missing) == [
        ("error", "No block was found at the linked location nowhere.competency_assessment.d9.u9.")
    ]
    explorer = make_block("competency_explorer")
    wrong = make_block(PLAN, assessment_block=explorer.scope_ids.usage_id)
    [(kind, text)] = messages(wrong)
    assert kind == "error" and text.endswith("is not a competency self-assessment.")
    assert messages(linked_plan(make_block, assessment)) == []


def test_a_self_assessment_on_another_framework_is_a_warning(
    make_block, assessment, small_framework_json
) -> None:
    block = linked_plan(make_block, assessment)
    block.framework_source, block.framework_json = "custom", small_framework_json
    [(kind, text)] = messages(block)
    assert kind == "warning" and "another framework (talent-demo)" in text


def test_studio_view_offers_the_settings_in_swedish(make_block) -> None:
    with translation.override("sv"):
        words = text_of(make_block(PLAN).render("studio_view", {}).body_html())
    for label in ("Visningsnamn", "Kompetensramverk", "Kopplad självskattning", "Kostnader (JSON)"):
        assert label in words, label


def test_studio_save_refuses_broken_rates_and_keeps_settings(make_block, call) -> None:
    block = make_block(PLAN, user="staff_author", display_name="Plan")
    values = {"cost_rates": "{", "display_name": "New"}
    response = call(block, "submit_studio_edits", {"values": values, "defaults": []})
    assert response.status_code == 400
    assert block.cost_rates == make_block(PLAN).cost_rates and block.display_name == "Plan"


def test_olx_round_trip_keeps_every_setting(make_block, small_framework_json) -> None:
    rates = tc.DEFAULT_RATES.model_dump(mode="json")
    rates["currency"] = "SEK"
    block = make_block(
        PLAN,
        display_name='Plan "ahead" & <grow>',
        framework_source="custom",
        framework_json=small_framework_json,
        assessment_block="course.competency_assessment.d0.u0",
        cost_rates=json.dumps(rates, indent=2),
    )
    node = etree.Element("root")
    block.add_xml_to_node(node)
    olx = etree.tostring(node, encoding="unicode")
    runtime = block.runtime
    copy_ = runtime.get_block(runtime.parse_xml_string(olx))
    for name in (
        "display_name",
        "framework_source",
        "framework_json",
        "assessment_block",
        "cost_rates",
    ):
        assert getattr(copy_, name) == getattr(block, name), name
    assert copy_.rates.currency == "SEK"


# -- data for HR ----------------------------------------------------------------------------


def state_of(goals: list[dict], agreed: bool = False) -> dict[str, Any]:
    plan = tc.DevelopmentPlan(owner="x", version=3, goals=goals)
    if agreed:
        plan = plan.agreed("Mia Berg", dt.date(2025, 5, 2))
    return {"plan_record": tc.plan_to_state(plan)}


def test_report_has_one_flat_row_per_learner_with_a_plan(make_block) -> None:
    block = make_block(PLAN)
    states = [
        XBlockUserState("ann", "key", state_of(GOALS, agreed=True), None, None),
        XBlockUserState("bob", "key", {}, None, None),
        XBlockUserState("cy", "key", {"plan_record": {"schema_version": 9}}, None, None),
        XBlockUserState("dee", "key", state_of([goal("delegating")]), None, None),
    ]
    rows = list(block.generate_report_data(iter(states)))
    assert [name for name, _ in rows] == ["ann", "cy", "dee"]
    assert rows[1][1] == {
        "problem": "schema_version: 9 is not a development plan schema this version reads (1)"
    }
    del rows[1]
    assert rows[0][1] == {
        "goals": 2,
        "goal_competencies": "giving-feedback; delegating",
        "activities_planned": 2,
        "activities_doing": 0,
        "activities_done": 1,
        "activities_dropped": 0,
        "progress_percent": 33,
        "hours_on_the_job": 6,
        "hours_with_others": 1.5,
        "hours_home_study": 0,
        "hours_online": 0,
        "hours_classroom": 8,
        "hours_total": 15.5,
        # Exact figures, not rounded for display (docs/reports.md): 8.75 h and 1,136.25.
        "hours_away_from_work": 8.75,
        "estimated_cost": 1136.25,
        "currency": "EUR",
        "agreement": "yes",
        "manager_name": "Mia Berg",
        "agreed_on": "2025-05-02",
        "plan_version": 3,
        # No roster here: the agreement is the learner's word.
        "agreement_source": "self-reported",
        "manager_username": "",
        "manager_status": "",
        "agreed_version": "",
        "submitted_on": "",
        "saved_on": "",
        "next_due": "2031-02-01",
        "manager_last_conversation": "",
    }
    assert rows[1][1]["agreement"] == "no" and rows[1][1]["agreed_on"] == ""
    assert rows[1][1]["agreement_source"] == ""
    assert rows[1][1]["progress_percent"] == 0
    assert list(block.generate_report_data(iter(states), limit_responses=1)) == rows[:1]
    assert len(list(block.generate_report_data(iter(states), limit_responses=2))) == 2


def test_report_marks_a_plan_changed_since_agreed(make_block) -> None:
    plan = tc.DevelopmentPlan(owner="x", goals=GOALS).agreed("Mia Berg", dt.date(2025, 5, 2))
    changed = plan.model_copy(update={"goals": plan.goals[:1]})
    state = {"plan_record": tc.plan_to_state(changed)}
    [(_, row)] = make_block(PLAN).generate_report_data(
        iter([XBlockUserState("a", "k", state, None, None)])
    )
    assert row["agreement"] == "changed" and row["manager_name"] == "Mia Berg"


def test_staff_download_has_the_report_rows(make_block, call, workbench_field_data) -> None:
    learner = make_block(PLAN, field_data=workbench_field_data)
    usage = learner.scope_ids.usage_id
    assert save(call, learner).status_code == 200
    staff = make_block(PLAN, user="staff_hr", usage=usage, field_data=workbench_field_data)
    response = staff.handle("download_data", Request.blank("/"))
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.body.decode("utf-8-sig"))))
    assert [(r["username"], r["goals"], r["activities_done"]) for r in rows] == [
        ("learner_1", "2", "1")
    ]
    assert learner.handle("download_data", Request.blank("/")).status_code == 403
