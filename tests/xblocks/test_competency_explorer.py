"""The competency explorer under the workbench runtime: views, handler, Studio, OLX, reports."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.utils import translation
from lxml import etree

import talent_core as tc
from tests.xblocks.markup import student_html, text_of

EXPLORER = "competency_explorer"


def options(markup: str) -> list[str]:
    return re.findall(r'<option value="([^"]+)"', markup)


# -- student view ---------------------------------------------------------------------------


def test_student_view_lists_every_demo_competency_grouped_by_cluster(make_block) -> None:
    framework = tc.demo_framework()
    markup = student_html(make_block(EXPLORER))
    assert options(markup) == [c.id for c in framework.competencies()]
    groups = re.findall(r'<optgroup label="([^"]+)"', markup)
    assert groups == [c.name["en"] for c in framework.clusters()]
    assert re.search(r'<label[^>]*for="([^"]+)-competency"', markup)


def test_first_competency_is_shown_with_levels_questions_and_activities(make_block) -> None:
    node = tc.demo_framework().node("giving-feedback")
    words = text_of(student_html(make_block(EXPLORER)))
    assert node.description["en"] in words
    for question in node.coaching_questions:
        assert question.text["en"] in words
    for activity in node.activities:
        assert activity.title["en"] in words
    assert "Behaviour at each level" in words and "1 Developing" in words
    assert "On the job · 6 hours" in words


def test_student_view_in_swedish_translates_ui_and_content(make_block) -> None:
    node = tc.demo_framework().node("giving-feedback")
    with translation.override("sv"):
        markup = student_html(make_block(EXPLORER))
    words = text_of(markup)
    assert 'lang="sv"' in markup
    assert "Utforska kompetenser" in words and "Kompetens" in words
    assert "Coachande frågor" in words and "Utvecklingsaktiviteter" in words
    assert node.description["sv"] in words
    assert "I arbetet · 6 timmar" in words
    assert "Leda människor" in words


def test_dutch_hours_use_a_decimal_comma(make_block, small_framework_json) -> None:
    block = make_block(EXPLORER, framework_source="custom", framework_json=small_framework_json)
    with translation.override("nl"):
        words = text_of(student_html(block))
    assert (
        "Zelfstudie · 1,5 uur" in words and "Met anderen (mentoring, intervisie, coaching)" in words
    )


def test_unknown_course_language_falls_back_to_english(make_block) -> None:
    with translation.override("de"):
        markup = student_html(make_block(EXPLORER))
    assert 'lang="en"' in markup and "Coaching questions" in markup


def test_framework_text_is_escaped_and_html_descriptions_reduced(
    make_block, small_framework_json
) -> None:
    block = make_block(EXPLORER, framework_source="custom", framework_json=small_framework_json)
    markup = student_html(block)
    assert "Hears what is meant &amp; said." in markup
    assert "<b>" not in markup and "Read &lt;Listen&gt;" in markup


def test_clusters_limit_the_list_and_nested_clusters_name_the_group(
    make_block, small_framework_json
) -> None:
    block = make_block(
        EXPLORER,
        framework_source="custom",
        framework_json=small_framework_json,
        clusters=["people"],
    )
    markup = student_html(block)
    assert options(markup) == ["listening"]
    assert re.findall(r'<optgroup label="([^"]+)"', markup) == ["Team"]


def test_competencies_outside_clusters_are_grouped_as_other(
    make_block, small_framework_json
) -> None:
    block = make_block(EXPLORER, framework_source="custom", framework_json=small_framework_json)
    markup = student_html(block)
    assert options(markup) == ["listening", "planning", "spelling"]
    assert re.findall(r'<optgroup label="([^"]+)"', markup) == [
        "Team",
        "Tasks",
        "Other competencies",
    ]


def test_framework_without_competencies_says_so(make_block, small_framework_json) -> None:
    data = json.loads(small_framework_json)
    data["nodes"] = [n for n in data["nodes"] if n.get("type") == "cluster"]
    block = make_block(EXPLORER, framework_source="custom", framework_json=json.dumps(data))
    with translation.override("sv"):
        markup = student_html(block)
    assert "<select" not in markup
    assert "Den här aktiviteten är inte färdig än." in text_of(markup)


def test_broken_configuration_shows_a_notice_and_the_problem_only_to_staff(make_block) -> None:
    learner = make_block(EXPLORER, framework_source="custom", framework_json="{oops")
    staff = make_block(EXPLORER, user="staff_hr", usage=learner.scope_ids.usage_id)
    learner_words = text_of(student_html(learner))
    staff_words = text_of(student_html(staff))
    assert "This activity is not set up yet" in learner_words
    assert "line 1, column 2" not in learner_words
    assert "The framework JSON is not valid" in staff_words and "line 1, column 2" in staff_words


def test_download_link_only_for_staff(make_block) -> None:
    learner = make_block(EXPLORER)
    staff = make_block(EXPLORER, user="staff_hr", usage=learner.scope_ids.usage_id)
    assert "Download data (CSV)" not in student_html(learner)
    assert "Download data (CSV)" in student_html(staff)


# -- show_competency handler ----------------------------------------------------------------


def test_showing_a_competency_returns_its_detail_and_remembers_it(make_block, call) -> None:
    block = make_block(EXPLORER)
    response = call(block, "show_competency", {"competency_id": "coaching-others"})
    assert response.status_code == 200
    body = response.json
    assert body["name"] == "Coaching others"
    node = tc.demo_framework().node("coaching-others")
    assert node.description["en"] in text_of(body["html"])
    assert block.last_competency == "coaching-others" and block.viewed == ["coaching-others"]
    assert 'value="coaching-others" selected' in student_html(block)


def test_first_view_completes_the_block_and_each_view_is_published(make_block, call) -> None:
    block = make_block(EXPLORER)
    for competency in ("delegating", "resilience", "delegating"):
        assert call(block, "show_competency", {"competency_id": competency}).status_code == 200
    assert block.runtime.events == [
        ("completion", {"completion": 1.0}),
        ("talent.competency_explorer.viewed", {"competency_id": "delegating"}),
        ("talent.competency_explorer.viewed", {"competency_id": "resilience"}),
        ("talent.competency_explorer.viewed", {"competency_id": "delegating"}),
    ]
    assert block.viewed == ["delegating", "resilience"]


def test_handler_answers_in_the_course_language(make_block, call) -> None:
    block = make_block(EXPLORER)
    with translation.override("nl"):
        body = call(block, "show_competency", {"competency_id": "delegating"}).json
    assert body["name"] == "Delegeren" and "Coachingvragen" in body["html"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (json.dumps({"competency_id": "no-such-thing"}).encode(), "competency_id"),
        (json.dumps({"competency_id": "giving-feedback-l1-1"}).encode(), "competency_id"),
        (json.dumps({"competency_id": 7}).encode(), "competency_id"),
        (json.dumps({"competency_id": "delegating", "extra": 1}).encode(), "extra"),
        (json.dumps(["delegating"]).encode(), ""),
        (b"{not json", None),
        (b"\xff\xfe", None),
        (json.dumps({"competency_id": "x" * 70_000}).encode(), None),
    ],
)
def test_bad_requests_get_400_and_change_nothing(make_block, call, body, field) -> None:
    block = make_block(EXPLORER)
    call(block, "show_competency", {"competency_id": "delegating"})
    events = list(block.runtime.events)
    response = call(block, "show_competency", body=body)
    assert response.status_code == 400
    answer = response.json
    assert answer["error"]
    if field is not None:
        assert [p["field"] for p in answer["problems"]][:1] == [field]
    assert block.last_competency == "delegating" and block.viewed == ["delegating"]
    assert block.runtime.events == events


def test_a_competency_outside_the_chosen_clusters_is_refused(make_block, call) -> None:
    block = make_block(EXPLORER, clusters=["leading-people"])
    assert call(block, "show_competency", {"competency_id": "delegating"}).status_code == 200
    response = call(block, "show_competency", {"competency_id": "resilience"})
    assert response.status_code == 400
    assert "not a competency shown here" in response.json["problems"][0]["message"]
    assert block.last_competency == "delegating"


def test_rejection_message_is_translated(make_block, call) -> None:
    block = make_block(EXPLORER)
    with translation.override("sv"):
        response = call(block, "show_competency", body=b"[")
    assert response.json["error"] == "Begäran är inte giltig JSON."


def test_get_is_refused_with_405(make_block) -> None:
    from webob import Request

    response = make_block(EXPLORER).handle("show_competency", Request.blank("/"))
    assert response.status_code == 405 and response.allow == ("POST",)


def test_learners_keep_their_own_state(make_block, call) -> None:
    first = make_block(EXPLORER)
    second = make_block(EXPLORER, user="learner_2", usage=first.scope_ids.usage_id)
    call(first, "show_competency", {"competency_id": "resilience"})
    assert second.last_competency == "" and second.viewed == []
    assert 'value="giving-feedback" selected' in student_html(second)


# -- Studio ---------------------------------------------------------------------------------


def messages(block: Any) -> list[str]:
    return [m.text for m in block.validate().messages]


def test_default_configuration_is_valid(make_block) -> None:
    assert messages(make_block(EXPLORER)) == []


def test_validation_names_unknown_clusters(make_block) -> None:
    block = make_block(EXPLORER, clusters=["leading-people", "astrology", "delegating"])
    assert messages(block) == ["These clusters are not in the framework: astrology, delegating"]


def test_validation_reports_broken_framework_json(make_block, small_framework_json) -> None:
    empty = make_block(EXPLORER, framework_source="custom")
    assert messages(empty) == ["Paste your framework as JSON, or choose the demo framework."]
    broken = make_block(EXPLORER, framework_source="custom", framework_json='{"id": }')
    assert messages(broken) == [
        "The framework JSON is not valid: framework_json: line 1, column 8: Expecting value"
    ]
    data = json.loads(small_framework_json)
    data["nodes"][2]["parent_id"] = "nowhere"
    invalid = make_block(EXPLORER, framework_source="custom", framework_json=json.dumps(data))
    assert messages(invalid) == [
        "The framework JSON is not valid: nodes[2].parent_id: unknown parent 'nowhere'"
    ]


def test_validation_lists_five_problems_then_counts_the_rest(
    make_block, small_framework_json
) -> None:
    data = json.loads(small_framework_json)
    for node in data["nodes"][:7]:
        node["parent_id"] = "nowhere"
    block = make_block(EXPLORER, framework_source="custom", framework_json=json.dumps(data))
    [message] = messages(block)
    assert message.count("unknown parent") == 5 and message.endswith("and 2 more")


def test_validation_in_swedish(make_block) -> None:
    block = make_block(EXPLORER, clusters=["astrology"])
    with translation.override("sv"):
        assert messages(block) == ["De här klustren finns inte i ramverket: astrology"]


def test_studio_view_offers_sources_and_clusters_with_translated_labels(make_block) -> None:
    with translation.override("sv"):
        markup = make_block(EXPLORER).render("studio_view", {}).body_html()
    words = text_of(markup)
    for label in ("Visningsnamn", "Kompetensramverk", "Ramverk som JSON", "Kluster som visas"):
        assert label in words
    assert "Demoramverket (medföljer)" in words and "Leda människor" in words


def test_studio_save_refuses_unknown_clusters_and_keeps_settings(make_block, call) -> None:
    block = make_block(EXPLORER, user="staff_author", clusters=["leading-people"])
    response = call(
        block,
        "submit_studio_edits",
        {"values": {"clusters": ["astrology"], "display_name": "New"}, "defaults": []},
    )
    assert response.status_code == 400
    assert "astrology" in response.json["error"]["messages"][0]["text"]
    assert block.clusters == ["leading-people"] and block.display_name == "Competency explorer"


def test_studio_save_accepts_a_pasted_framework(make_block, call, small_framework_json) -> None:
    block = make_block(EXPLORER, user="staff_author")
    values = {"framework_source": "custom", "framework_json": small_framework_json}
    response = call(block, "submit_studio_edits", {"values": values, "defaults": []})
    assert response.status_code == 200
    assert block.framework.id == "small"


def test_author_title_replaces_the_translated_default(make_block) -> None:
    with translation.override("sv"):
        assert "Utforska kompetenser" in student_html(make_block(EXPLORER))
        assert "Ledarskap" in student_html(make_block(EXPLORER, display_name="Ledarskap"))


# -- OLX --------------------------------------------------------------------------------------


def test_olx_round_trip_keeps_every_setting(make_block, small_framework_json) -> None:
    block = make_block(
        EXPLORER,
        display_name='Explore "people" & <tasks>',
        framework_source="custom",
        framework_json=small_framework_json,
        clusters=["team", "tasks"],
    )
    node = etree.Element("root")
    block.add_xml_to_node(node)
    olx = etree.tostring(node, encoding="unicode")
    runtime = block.runtime
    copy = runtime.get_block(runtime.parse_xml_string(olx))
    for name in ("display_name", "framework_source", "framework_json", "clusters"):
        assert getattr(copy, name) == getattr(block, name), name
    assert json.loads(copy.framework_json) == json.loads(small_framework_json)


def test_olx_from_a_course_export_sets_the_clusters(make_block) -> None:
    runtime = make_block(EXPLORER).runtime
    olx = """<competency_explorer display_name="Leading"
        clusters='["leading-people"]' framework_source="demo"/>"""
    block = runtime.get_block(runtime.parse_xml_string(olx))
    assert block.clusters == ["leading-people"] and messages(block) == []


# -- data for HR ------------------------------------------------------------------------------


def test_report_rows_from_user_states(make_block) -> None:
    from xblocks.compat import XBlockUserState

    block = make_block(EXPLORER)
    states = [
        XBlockUserState("ann", "key", {"viewed": ["a", "b"], "last_competency": "a"}, None, None),
        XBlockUserState("bob", "key", {}, None, None),
        XBlockUserState("cy", "key", {"viewed": ["c"], "last_competency": "c"}, None, None),
    ]
    rows = list(block.generate_report_data(iter(states)))
    assert rows == [
        ("ann", {"competencies_viewed": 2, "viewed": "a, b", "last_competency": "a"}),
        ("cy", {"competencies_viewed": 1, "viewed": "c", "last_competency": "c"}),
    ]
    assert list(rows[0][1]) == ["competencies_viewed", "viewed", "last_competency"]
    assert list(block.generate_report_data(iter(states), limit_responses=1)) == rows[:1]
