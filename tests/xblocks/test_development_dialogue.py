"""The development dialogue under the workbench runtime: views, handlers, Studio, OLX, reports."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
from typing import Any

import pytest
from django.utils import translation
from lxml import etree
from webob import Request

import talent_core as tc
from tests.xblocks.markup import student_html, text_of
from xblocks.compat import XBlockUserState

DIALOGUE = "development_dialogue"
ASSESSMENT = "competency_assessment"
FEEDBACK_Q = ["giving-feedback-q1", "giving-feedback-q2", "giving-feedback-q3"]


def checked(markup: str) -> list[str]:
    return re.findall(r'name="competency" value="([^"]+)"[^>]*checked', markup)


def question_ids(markup: str, competency_id: str) -> list[str]:
    part = re.search(
        rf'<fieldset[^>]*data-competency-id="{competency_id}".*?</fieldset>', markup, re.S
    )
    assert part is not None
    return re.findall(r'data-question-id="([^"]+)"', part.group(0))


def table_rows(markup: str) -> dict[str, list[str]]:
    """Ratings table: competency name → the text of each source's cell."""
    body = re.search(r"<tbody>(.*?)</tbody>", markup, re.S)
    assert body is not None
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", body.group(1), re.S):
        name = text_of(re.search(r"<th[^>]*>(.*?)</th>", row, re.S).group(1))  # type: ignore[union-attr]
        rows[name] = [text_of(cell) for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]
    return rows


PREPARATION = {
    "competency_ids": ["giving-feedback", "delegating"],
    "answers": {
        "giving-feedback": {
            "giving-feedback-q1": "The talk with <Sam> & the team.",
            "giving-feedback-q2": "  ",
        }
    },
}
CONVERSATION = {
    "held_on": "2025-03-14",
    "manager_name": "Mia Berg",
    "agreed_focus": "Delegate the weekly report.",
    "levels": {"delegating": 2},
}


@pytest.fixture
def prepared(make_block, call) -> Any:
    block = make_block(DIALOGUE)
    assert call(block, "save_preparation", PREPARATION).status_code == 200
    return block


# -- preparing ------------------------------------------------------------------------------


def test_every_competency_can_be_chosen_by_cluster_with_a_label(make_block) -> None:
    framework = tc.demo_framework()
    markup = student_html(make_block(DIALOGUE))
    values = re.findall(r'name="competency" value="([^"]+)"', markup)
    assert values == [c.id for c in framework.competencies()]
    for value in values:
        assert re.search(rf'<label for="[^"]+-pick-{value}">', markup)
    legends = re.findall(r"<legend>([^<]+)</legend>", markup)
    assert legends[0] == "Choose 2 to 5 competencies to talk about."
    assert [c.name["en"] for c in framework.clusters()] == legends[1:7]
    assert checked(markup) == []


@pytest.mark.parametrize(
    ("purpose", "shown"),
    [
        ("both", FEEDBACK_Q),
        ("dialogue", ["giving-feedback-q2", "giving-feedback-q3"]),
        ("reflection", ["giving-feedback-q1", "giving-feedback-q3"]),
    ],
)
def test_author_chooses_which_coaching_questions_are_asked(make_block, purpose, shown) -> None:
    markup = student_html(make_block(DIALOGUE, question_purpose=purpose))
    assert question_ids(markup, "giving-feedback") == shown


def test_saved_preparation_comes_back_after_a_reload(prepared, make_block) -> None:
    again = make_block(DIALOGUE, usage=prepared.scope_ids.usage_id)
    markup = student_html(again)
    assert checked(markup) == ["giving-feedback", "delegating"]
    assert ">The talk with &lt;Sam&gt; &amp; the team.</textarea>" in markup
    assert "<Sam>" not in markup
    record = tc.load_dialogue(again.dialogue)
    assert record.preparation is not None
    assert record.preparation.answers == {
        "giving-feedback": {"giving-feedback-q1": "The talk with <Sam> & the team."}
    }
    hidden = re.search(r'<fieldset[^>]*data-competency-id="resilience"[^>]*>', markup)
    assert hidden is not None and "hidden" in hidden.group(0)


def test_saving_answers_the_refreshed_record_form_and_keeps_notes_out_of_events(
    make_block, call
) -> None:
    block = make_block(DIALOGUE)
    body = call(block, "save_preparation", PREPARATION).json
    assert body["message"] == "Your preparation is saved."
    assert re.findall(r'<select[^>]*data-competency-id="([^"]+)"', body["html"]) == [
        "giving-feedback",
        "delegating",
    ]
    assert block.runtime.events == [
        (
            "talent.development_dialogue.preparation_saved",
            {"competency_ids": ["giving-feedback", "delegating"], "answered": 1},
        )
    ]
    assert "Sam" not in json.dumps(block.runtime.events)


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"competency_ids": ["giving-feedback"]}, "competency_ids"),
        ({"competency_ids": ["a", "b", "c", "d", "e", "f"]}, "competency_ids"),
        ({"competency_ids": ["giving-feedback", "astrology"]}, "competency_ids[1]"),
        ({"competency_ids": ["giving-feedback", "leading-people"]}, "competency_ids[1]"),
        ({"competency_ids": ["delegating", "delegating"]}, "competency_ids[1]"),
        (
            {"competency_ids": ["giving-feedback", "delegating"], "answers": {"resilience": {}}},
            "answers.resilience",
        ),
        (
            {
                "competency_ids": ["giving-feedback", "delegating"],
                "answers": {"giving-feedback": {"q9": "?"}},
            },
            "answers.giving-feedback.q9",
        ),
        (
            {
                "competency_ids": ["giving-feedback", "delegating"],
                "answers": {"delegating": {"delegating-q1": "x" * 4001}},
            },
            "answers.delegating.delegating-q1",
        ),
        ({"competency_ids": "giving-feedback,delegating"}, "competency_ids"),
        ({"competency_ids": ["giving-feedback", "delegating"], "notes": "x"}, "notes"),
    ],
)
def test_bad_preparations_get_400_and_change_nothing(prepared, call, payload, field) -> None:
    before = dict(prepared.dialogue)
    events = list(prepared.runtime.events)
    response = call(prepared, "save_preparation", payload)
    assert response.status_code == 400
    assert response.json["error"] == "The request was rejected."
    assert field in [p["field"] for p in response.json["problems"]]
    assert prepared.dialogue == before and prepared.runtime.events == events


@pytest.mark.parametrize("body", [b"{oops", b"\xff", json.dumps({"x": "y" * 70_000}).encode()])
def test_unreadable_requests_get_400(prepared, call, body) -> None:
    before = dict(prepared.dialogue)
    response = call(prepared, "save_preparation", body=body)
    assert response.status_code == 400 and response.json["error"]
    assert prepared.dialogue == before


def test_authors_range_of_competencies_is_enforced(make_block, call) -> None:
    block = make_block(DIALOGUE, min_competencies=3, max_competencies=3)
    assert "Choose 3 competencies to talk about." in student_html(block)
    response = call(block, "save_preparation", PREPARATION)
    assert response.status_code == 400
    assert response.json["problems"] == [
        {"field": "competency_ids", "message": "Choose 3 competencies to talk about."}
    ]
    assert block.dialogue == {}


def test_a_question_the_author_does_not_ask_is_refused(make_block, call) -> None:
    block = make_block(DIALOGUE, question_purpose="dialogue")
    payload = {
        "competency_ids": ["giving-feedback", "delegating"],
        "answers": {"giving-feedback": {"giving-feedback-q1": "reflection only"}},
    }
    response = call(block, "save_preparation", payload)
    assert response.status_code == 400
    assert response.json["problems"][0]["field"] == "answers.giving-feedback.giving-feedback-q1"


# -- recording the conversation ---------------------------------------------------------------


def test_recording_a_conversation_completes_the_block_once(prepared, call) -> None:
    response = call(prepared, "record_conversation", CONVERSATION)
    assert response.status_code == 200
    assert response.json["message"] == "The conversation is recorded."
    later = {**CONVERSATION, "held_on": "2025-09-01", "levels": {"delegating": 3}}
    assert call(prepared, "record_conversation", later).status_code == 200
    events = prepared.runtime.events[1:]
    assert events == [
        ("completion", {"completion": 1.0}),
        (
            "talent.development_dialogue.conversation_recorded",
            {"held_on": "2025-03-14", "manager_levels": {"delegating": 2}},
        ),
        (
            "talent.development_dialogue.conversation_recorded",
            {"held_on": "2025-09-01", "manager_levels": {"delegating": 3}},
        ),
    ]


def test_conversations_are_listed_newest_first_with_what_was_agreed(prepared, call) -> None:
    late_entry = {**CONVERSATION, "held_on": "2024-11-02", "agreed_focus": "<b>Listen</b>"}
    call(prepared, "record_conversation", CONVERSATION)
    markup = call(prepared, "record_conversation", late_entry).json["html"]
    assert re.findall(r'<time datetime="([^"]+)">', markup.split("Ratings side by side")[0]) == [
        "2025-03-14",
        "2024-11-02",
    ]
    words = text_of(markup)
    assert "March 14, 2025 · Mia Berg" in words and "Delegate the weekly report." in words
    assert "Delegating: 2 Independent" in words
    assert "&lt;b&gt;Listen&lt;/b&gt;" in markup
    stored = tc.load_dialogue(prepared.dialogue)
    assert [c.held_on.isoformat() for c in stored.conversations] == ["2024-11-02", "2025-03-14"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"levels": {"delegating": 9}}, "levels.delegating"),
        ({"levels": {"resilience": 2}}, "levels.resilience"),
        ({"levels": {"delegating": "high"}}, "levels.delegating"),
        ({"manager_name": "  "}, "manager_name"),
        ({"manager_name": "m" * 201}, "manager_name"),
        ({"held_on": "14/03/2025"}, "held_on"),
        ({"held_on": "1900-01-01"}, "held_on"),
        ({"agreed_focus": "f" * 4001}, "agreed_focus"),
        ({"rated_by": "HR"}, "rated_by"),
    ],
)
def test_bad_conversations_get_400_and_change_nothing(prepared, call, change, field) -> None:
    before = dict(prepared.dialogue)
    response = call(prepared, "record_conversation", {**CONVERSATION, **change})
    assert response.status_code == 400
    assert field in [p["field"] for p in response.json["problems"]]
    assert prepared.dialogue == before
    assert [e for e, _ in prepared.runtime.events].count("completion") == 0


@pytest.mark.parametrize(
    ("language", "level", "competency"),
    [
        ("en", "9 is not on scale [1, 2, 3, 4]", "unknown competency 'resilience-x'"),
        ("sv", "9 finns inte på skalan [1, 2, 3, 4]", "okänd kompetens 'resilience-x'"),
        ("nl", "9 staat niet op schaal [1, 2, 3, 4]", "onbekende competentie 'resilience-x'"),
    ],
)
def test_the_cores_problems_reach_the_learner_in_their_language(
    prepared, call, language: str, level: str, competency: str
) -> None:
    """The core finds these (check_conversation); the block only words them by message id."""
    levels = {"delegating": 9, "resilience-x": 2}
    with translation.override(language):
        response = call(prepared, "record_conversation", {**CONVERSATION, "levels": levels})
    assert response.status_code == 400
    assert response.json["problems"] == [
        {"field": "levels.delegating", "message": level},
        {"field": "levels.resilience-x", "message": competency},
    ]


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "Fill this in."), ("sv", "Fyll i det här."), ("nl", "Vul dit in.")],
)
def test_a_payload_constraint_is_worded_in_the_learners_language(
    prepared, call, language: str, message: str
) -> None:
    with translation.override(language):
        response = call(prepared, "record_conversation", {**CONVERSATION, "manager_name": ""})
    assert response.status_code == 400
    assert {"field": "manager_name", "message": message} in response.json["problems"]


def test_a_conversation_cannot_be_dated_after_tomorrow(prepared, call) -> None:
    ahead = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=2)
    response = call(prepared, "record_conversation", {**CONVERSATION, "held_on": str(ahead)})
    assert response.status_code == 400
    assert response.json["problems"] == [
        {"field": "held_on", "message": "The conversation cannot be in the future."}
    ]
    today = dt.datetime.now(dt.UTC).date()
    assert call(prepared, "record_conversation", {**CONVERSATION, "held_on": str(today)}).json


def test_without_a_preparation_a_conversation_is_recorded_without_ratings(make_block, call) -> None:
    block = make_block(DIALOGUE)
    assert "Save your preparation first" in student_html(block)
    assert call(block, "record_conversation", CONVERSATION).status_code == 400
    plain = {**CONVERSATION, "levels": {}}
    assert call(block, "record_conversation", plain).status_code == 200


def test_manager_ratings_keep_their_own_history(prepared, call) -> None:
    # The learner typed the manager's level: it is labelled as their own word.
    call(prepared, "record_conversation", CONVERSATION)
    later = {**CONVERSATION, "held_on": "2025-09-01", "manager_name": "Ola", "levels": {}}
    markup = call(prepared, "record_conversation", later).json["html"]
    assert table_rows(markup) == {
        "Giving feedback": ["Not rated", "Not rated", "Not rated"],
        "Delegating": [
            "Not rated",
            "2 Independent March 14, 2025 · Mia Berg (self-reported)",
            "Not rated",
        ],
    }


def test_a_conversation_recorded_by_mistake_can_be_removed(prepared, call) -> None:
    call(prepared, "record_conversation", CONVERSATION)
    later = {**CONVERSATION, "held_on": "2025-09-01", "manager_name": "Ola", "levels": {}}
    markup = call(prepared, "record_conversation", later).json["html"]
    assert re.findall(r'data-index="(\d)" data-held-on="([^"]+)"', markup) == [
        ("1", "2025-09-01"),
        ("0", "2025-03-14"),
    ]
    assert 'name="manager_name" value="Ola"' in markup
    body = call(prepared, "remove_conversation", {"index": 0, "held_on": "2025-03-14"}).json
    assert body["message"] == "The conversation is removed."
    assert table_rows(body["html"])["Delegating"][1] == "Not rated"
    stored = tc.load_dialogue(prepared.dialogue)
    assert [c.manager_name for c in stored.conversations] == ["Ola"]
    assert prepared.runtime.events[-1] == (
        "talent.development_dialogue.conversation_removed",
        {"held_on": "2025-03-14"},
    )


@pytest.mark.parametrize(
    ("ref", "status"),
    [
        ({"index": 0, "held_on": "2025-09-01"}, 409),
        ({"index": 2, "held_on": "2025-03-14"}, 409),
        ({"index": -1, "held_on": "2025-03-14"}, 400),
        ({"index": 0}, 400),
    ],
)
def test_removing_from_a_stale_page_changes_nothing(prepared, call, ref, status) -> None:
    """A page older than the record is a conflict (409, reload); a malformed request 400."""
    call(prepared, "record_conversation", CONVERSATION)
    before = dict(prepared.dialogue)
    response = call(prepared, "remove_conversation", ref)
    assert response.status_code == status
    assert prepared.dialogue == before


# -- the linked self-assessment ----------------------------------------------------------------

#: A first-time manager's self-ratings on "leading people": gaps on feedback, delegating and
#: developing others (importance 5, 5, 4), none on coaching.
SELF_LEVELS = {
    "giving-feedback": 1,
    "coaching-others": 2,
    "delegating": 1,
    "developing-others": 1,
}


@pytest.fixture
def linked(make_block, call) -> Any:
    """A dialogue linked to a self-assessment that learner_1 has submitted."""
    assessment = make_block(ASSESSMENT, competencies=["leading-people"])
    draft = {"role_id": "first-time-manager", "levels": SELF_LEVELS}
    assert call(assessment, "submit_assessment", draft).status_code == 200
    return make_block(DIALOGUE, assessment_block=assessment.scope_ids.usage_id)


def test_largest_gaps_are_suggested_and_ticked_before_a_first_save(linked) -> None:
    markup = student_html(linked)
    words = text_of(markup)
    assert (
        "Suggested from the largest gaps in your latest self-assessment: "
        "Delegating, Giving feedback, Developing others" in words
    )
    assert checked(markup) == ["giving-feedback", "delegating", "developing-others"]
    assert markup.count('class="talent-dialogue__tag"') == 3


def test_suggestions_respect_the_most_competencies(make_block, linked) -> None:
    fewer = make_block(
        DIALOGUE, usage=linked.scope_ids.usage_id, max_competencies=2, min_competencies=2
    )
    assert checked(student_html(fewer)) == ["giving-feedback", "delegating"]


def test_saved_choice_wins_over_suggestions(linked, call) -> None:
    payload = {"competency_ids": ["resilience", "coaching-others"], "answers": {}}
    assert call(linked, "save_preparation", payload).status_code == 200
    assert checked(student_html(linked)) == ["coaching-others", "resilience"]


def test_self_and_manager_ratings_side_by_side_none_overwriting_another(linked, call) -> None:
    call(linked, "save_preparation", PREPARATION)
    markup = call(linked, "record_conversation", CONVERSATION).json["html"]
    today = dt.datetime.now(dt.UTC).date()
    day = f"{today:%B} {today.day}, {today.year}"
    assert table_rows(markup) == {
        "Giving feedback": [f"1 Developing {day}", "Not rated", "Not rated"],
        "Delegating": [
            f"1 Developing {day}",
            "2 Independent March 14, 2025 · Mia Berg (self-reported)",
            "Not rated",
        ],
    }
    assert "No self-assessment is linked" not in markup


def test_a_learner_without_a_submission_gets_no_suggestions(make_block, linked) -> None:
    other = make_block(DIALOGUE, user="learner_2", usage=linked.scope_ids.usage_id)
    markup = student_html(other)
    assert checked(markup) == [] and "Suggested from" not in markup


def test_sheet_shows_the_self_rating_beside_each_question_set(linked, call) -> None:
    call(linked, "save_preparation", PREPARATION)
    page = linked.handle("preparation_sheet", Request.blank("/")).text
    assert re.findall(r"<td>([^<]*)</td>", page) == [
        "1 Developing",
        "–",
        "–",
        "1 Developing",
        "–",
        "–",
    ]


def test_studio_accepts_the_linked_assessment_and_warns_of_another_framework(
    linked, make_block, small_framework_json
) -> None:
    assert messages(linked) == []
    other = make_block(
        DIALOGUE,
        framework_source="custom",
        framework_json=small_framework_json,
        assessment_block=linked.assessment_block,
    )
    assert messages(other) == [
        (
            "warning",
            "The linked self-assessment uses another framework (talent-demo); only the "
            "competencies both frameworks share are suggested and compared.",
        )
    ]


def test_studio_warns_while_the_linked_assessment_is_not_set_up(make_block) -> None:
    broken = make_block(ASSESSMENT, framework_source="custom", framework_json="{")
    block = make_block(DIALOGUE, assessment_block=broken.scope_ids.usage_id)
    assert messages(block) == [("warning", "The linked self-assessment is not set up yet.")]
    assert "Suggested from" not in student_html(block)


class CourseRuntime:
    """Stands in for the LMS runtime, which the workbench lacks: finds blocks by usage key."""

    def __init__(self, blocks: dict[str, Any]) -> None:
        self.blocks = blocks

    def get_block(self, key: Any) -> Any:
        return self.blocks[str(key)]


class CourseBlock:
    """A block in an Open edX course: its usage id is an opaque key with a course key."""

    def __init__(self, usage: str, runtime: CourseRuntime) -> None:
        from opaque_keys.edx.keys import UsageKey
        from xblock.fields import ScopeIds

        key = UsageKey.from_string(usage)
        self.scope_ids = ScopeIds("learner", key.block_type, key, key)
        self.runtime = runtime


@pytest.mark.parametrize(
    "reference",
    [
        "block-v1:Org+C1+2025+type@competency_assessment+block@a1b2",
        " a1b2 ",
        "i4x://Org/C1/competency_assessment/a1b2",
    ],
)
def test_find_block_in_an_open_edx_course(reference: str) -> None:
    from xblocks.compat import find_block

    assessment = "block-v1:Org+C1+2025+type@competency_assessment+block@a1b2"
    runtime = CourseRuntime({assessment: "the assessment"})
    dialogue = CourseBlock("block-v1:Org+C1+2025+type@development_dialogue+block@d1", runtime)
    assert find_block(dialogue, reference, ASSESSMENT) == "the assessment"
    assert find_block(dialogue, "block-v1:Org+C1+2025+type@x+block@gone", ASSESSMENT) is None
    assert find_block(dialogue, "not a key:", ASSESSMENT) is None


# -- the printable sheet ------------------------------------------------------------------------


def test_preparation_sheet_holds_questions_answers_and_blank_lines(prepared, make_block) -> None:
    response = prepared.handle("preparation_sheet", Request.blank("/"))
    assert response.status_code == 200 and response.content_type == "text/html"
    page = response.text
    framework = tc.demo_framework()
    words = text_of(page)
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    assert "Preparation sheet · learner_1" in words
    for cid in ("giving-feedback", "delegating"):
        node = framework.node(cid)
        assert f"<h2>{node.name['en']}</h2>" in page
        for question in node.coaching_questions:
            assert html.escape(question.text["en"], quote=True) in page
    assert "The talk with &lt;Sam&gt; &amp; the team." in page
    assert page.count('class="lines"') == 2 * 5 + 4
    other = make_block(DIALOGUE, user="learner_2", usage=prepared.scope_ids.usage_id)
    assert "Sam" not in other.handle("preparation_sheet", Request.blank("/")).text


def test_sheet_of_a_block_not_set_up_says_so(make_block) -> None:
    block = make_block(DIALOGUE, framework_source="custom", framework_json="{oops")
    response = block.handle("preparation_sheet", Request.blank("/"))
    assert response.status_code == 404 and "not set up yet" in response.text
    assert "This activity is not set up yet" in text_of(student_html(block))


# -- answers kept only in the learner's browser ------------------------------------------------


def test_a_course_that_keeps_answers_in_the_browser_refuses_every_answer(make_block, call) -> None:
    block = make_block(DIALOGUE, answers_kept="browser")
    response = call(block, "save_preparation", PREPARATION)
    assert response.status_code == 400
    [problem] = response.json["problems"]
    assert problem["field"] == "answers" and "only in your browser" in problem["message"]
    assert block.dialogue == {}
    blank = {**PREPARATION, "answers": {"giving-feedback": {"giving-feedback-q2": "  "}}}
    assert call(block, "save_preparation", blank).status_code == 200
    record = tc.load_dialogue(block.dialogue)
    assert record.preparation is not None and record.preparation.competency_ids == [
        "giving-feedback",
        "delegating",
    ]
    assert tc.answered_count(record.preparation) == 0


def test_switching_to_the_browser_says_earlier_answers_are_stored_until_the_next_save(
    prepared, make_block, call
) -> None:
    usage = prepared.scope_ids.usage_id
    browser = make_block(DIALOGUE, usage=usage, answers_kept="browser")
    markup = student_html(browser)
    words = text_of(markup)
    assert "1 answer you saved earlier is still stored by the course." in words
    assert "stay in this browser: the course never receives them" in words
    assert "course staff can read them" not in words
    # The page still holds the stored answer, so the browser can take it over ...
    assert ">The talk with &lt;Sam&gt; &amp; the team.</textarea>" in markup
    without = {**PREPARATION, "answers": {}}
    assert call(browser, "save_preparation", without).status_code == 200
    # ... and one save later the course keeps none.
    after = student_html(make_block(DIALOGUE, usage=usage, answers_kept="browser"))
    assert "Sam" not in after and "still stored by the course" not in text_of(after)


def test_browser_kept_page_offers_download_load_and_removal_with_labels(make_block) -> None:
    markup = student_html(make_block(DIALOGUE, answers_kept="browser"))
    assert re.search(r"<button[^>]*data-talent-export>Download my answers</button>", markup)
    field = re.search(r'<label[^>]*for="([^"]+)">Load answers from a file</label>', markup)
    assert field is not None and f'id="{field.group(1)}"' in markup
    assert re.search(r"<button[^>]*data-talent-forget>Remove my answers", markup)
    args = json.loads(re.search(r'"answersKey": ("[^"]+")', markup).group(1))  # type: ignore[union-attr]
    assert args.startswith("talent-dialogue-answers:") and args.endswith(":learner_1")
    course = student_html(make_block(DIALOGUE))
    assert "data-talent-export" not in course and '"answersKey": ""' in course
    assert "course staff can read them" in text_of(course)


def test_browser_kept_sheet_fills_answers_from_this_browser_only(prepared, make_block) -> None:
    browser = make_block(DIALOGUE, usage=prepared.scope_ids.usage_id, answers_kept="browser")
    page = browser.handle("preparation_sheet", Request.blank("/")).text
    assert "Sam" not in page
    assert 'data-answer-of="giving-feedback/giving-feedback-q1"' in page
    assert page.count("window.localStorage.getItem(" + json.dumps(browser.answers_key)) == 1
    style = re.search(r"<style>(.*?)</style>", page, re.S)
    assert style is not None and "<script" not in style.group(1)


def test_studio_refuses_an_unknown_place_for_answers(make_block) -> None:
    [(kind, text)] = messages(make_block(DIALOGUE, answers_kept="cloud"))
    assert kind == "error"
    assert text == "Choose where the answers to the coaching questions are kept."


# -- languages ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "sv",
            ["Förbered utvecklingssamtalet", "Före samtalet", "Ge feedback", "Spara förberedelsen"],
        ),
        (
            "nl",
            [
                "Bereid je ontwikkelgesprek voor",
                "Voor het gesprek",
                "Feedback geven",
                "Voorbereiding opslaan",
            ],
        ),
    ],
)
def test_page_in_the_course_language(prepared, call, language, words) -> None:
    with translation.override(language):
        markup = student_html(prepared)
        after = call(prepared, "record_conversation", CONVERSATION).json["html"]
    text = text_of(markup)
    assert f'lang="{language}"' in markup
    for word in words:
        assert word in text
    assert {"sv": "14 mars 2025", "nl": "14 maart 2025"}[language] in text_of(after)


# -- Studio -------------------------------------------------------------------------------------


def messages(block: Any) -> list[tuple[str, str]]:
    return [(m.type, m.text) for m in block.validate().messages]


def test_default_configuration_is_valid(make_block) -> None:
    assert messages(make_block(DIALOGUE)) == []


@pytest.mark.parametrize(("low", "high"), [(4, 3), (1, 3), (2, 6)])
def test_range_of_competencies_is_checked(make_block, low, high) -> None:
    block = make_block(DIALOGUE, min_competencies=low, max_competencies=high)
    [(kind, text)] = messages(block)
    assert kind == "error" and text.startswith(f"Learners choose between {low} and {high}")


def test_linked_block_must_exist_and_be_a_self_assessment(make_block) -> None:
    missing = make_block(DIALOGUE, assessment_block="nowhere.competency_assessment.d9.u9")
    assert messages(missing) == [
        ("error", "No block was found at the linked location nowhere.competency_assessment.d9.u9.")
    ]
    explorer = make_block("competency_explorer")
    wrong = make_block(DIALOGUE, assessment_block=explorer.scope_ids.usage_id)
    assert messages(wrong) == [
        (
            "error",
            f"The block at {explorer.scope_ids.usage_id} is not a competency self-assessment.",
        )
    ]


def test_studio_view_offers_the_settings_in_swedish(make_block) -> None:
    with translation.override("sv"):
        words = text_of(make_block(DIALOGUE).render("studio_view", {}).body_html())
    for label in ("Kopplad självskattning", "Minst antal kompetenser", "Coachande frågor"):
        assert label in words
    assert "Frågor för samtalet" in words


def test_studio_save_refuses_a_bad_range_and_keeps_settings(make_block, call) -> None:
    block = make_block(DIALOGUE, user="staff_author")
    values = {"min_competencies": 5, "max_competencies": 2, "display_name": "New"}
    response = call(block, "submit_studio_edits", {"values": values, "defaults": []})
    assert response.status_code == 400
    assert block.min_competencies == 2 and block.display_name == "Prepare your development dialogue"


def test_olx_round_trip_keeps_every_setting(make_block, small_framework_json) -> None:
    block = make_block(
        DIALOGUE,
        display_name='Talk "growth" & <plans>',
        framework_source="custom",
        framework_json=small_framework_json,
        assessment_block="course.competency_assessment.d0.u0",
        min_competencies=3,
        max_competencies=4,
        question_purpose="reflection",
    )
    node = etree.Element("root")
    block.add_xml_to_node(node)
    olx = etree.tostring(node, encoding="unicode")
    runtime = block.runtime
    copy = runtime.get_block(runtime.parse_xml_string(olx))
    for name in block.editable_fields:
        assert getattr(copy, name) == getattr(block, name), name


# -- data for HR --------------------------------------------------------------------------------


def state_of(block: Any) -> dict[str, Any]:
    return {"dialogue": block.dialogue}


def test_report_rows_share_what_was_agreed_but_never_the_private_answers(prepared, call) -> None:
    call(prepared, "record_conversation", CONVERSATION)
    later = {**CONVERSATION, "held_on": "2025-09-01", "manager_name": "Ola", "levels": {}}
    call(prepared, "record_conversation", {**later, "agreed_focus": "Coach a new colleague."})
    states = [
        XBlockUserState("ann", "key", state_of(prepared), None, None),
        XBlockUserState("bob", "key", {}, None, None),
        XBlockUserState("cy", "key", {"dialogue": {"schema_version": 7}}, None, None),
    ]
    rows = list(prepared.generate_report_data(iter(states)))
    assert rows == [
        (
            "ann",
            {
                "competencies": "giving-feedback, delegating",
                "questions_answered": 1,
                "conversations": 2,
                "last_conversation": "2025-09-01",
                "manager_name": "Ola",
                "agreed_focus": "Coach a new colleague.",
                # the learner typed the manager's levels
                "ratings_source": "self-reported",
                "manager:delegating": 2,
            },
        ),
        ("cy", {"problem": "schema_version: 7 is not a dialogue schema this version reads (1)"}),
    ]
    assert "Sam" not in json.dumps(rows)
    assert list(prepared.generate_report_data(iter(states), limit_responses=1)) == rows[:1]


def test_staff_download_has_the_report_rows(make_block, call, workbench_field_data) -> None:
    learner = make_block(DIALOGUE, field_data=workbench_field_data)
    usage = learner.scope_ids.usage_id
    call(learner, "save_preparation", PREPARATION)
    call(learner, "record_conversation", CONVERSATION)
    staff = make_block(DIALOGUE, user="staff_hr", usage=usage, field_data=workbench_field_data)
    assert "Download data (CSV)" in student_html(staff)
    assert "Download data (CSV)" not in student_html(learner)
    response = staff.handle("download_data", Request.blank("/"))
    rows = list(csv.reader(io.StringIO(response.body.decode("utf-8-sig"))))
    assert rows[0][:3] == ["username", "competencies", "questions_answered"]
    assert rows[1][0] == "learner_1" and rows[1][-1] == "2"
    assert len(rows) == 2 and "Sam" not in response.body.decode("utf-8-sig")
    assert learner.handle("download_data", Request.blank("/")).status_code == 403


def test_learners_keep_their_own_preparation(prepared, make_block) -> None:
    other = make_block(DIALOGUE, user="learner_2", usage=prepared.scope_ids.usage_id)
    markup = student_html(other)
    assert checked(markup) == [] and "Sam" not in markup


def test_a_conversation_before_1990_is_refused_in_the_learners_language(prepared, call) -> None:
    with translation.override("sv"):
        body = {**CONVERSATION, "held_on": "1989-12-31"}
        problems = call(prepared, "record_conversation", body).json["problems"]
        form = student_html(prepared)
    assert problems == [
        {"field": "held_on", "message": "Samtalet kan inte ha ägt rum före 1 januari 1990."}
    ]
    assert re.search(r'name="held_on" min="1990-01-01" max="', form)


def test_the_learner_is_told_course_staff_can_read_the_answers(make_block) -> None:
    """The answers are in the learner's Scope.user_state, which the LMS's problem-responses
    report shows to course staff (its `state` column): the page must not promise more."""
    words = text_of(student_html(make_block(DIALOGUE)))
    assert "they are in no HR report and not in your manager's view" in words
    assert "course staff can read them" in words
    assert "only you see them" not in words
