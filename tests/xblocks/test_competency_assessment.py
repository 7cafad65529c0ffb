"""The competency self-assessment under the workbench runtime: form, handlers, result, Studio,
OLX, the read API other blocks use, and HR's report rows."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import OrderedDict
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation
from lxml import etree
from webob import Request

import talent_core as tc
from talent_core import formats
from tests.xblocks.markup import student_html, text_of
from xblocks.compat import XBlockUserState

ASSESSMENT = "competency_assessment"
ROLE = "first-time-manager"
LEADING = ["giving-feedback", "coaching-others", "delegating", "developing-others"]


def fieldsets(markup: str) -> list[str]:
    return re.findall(r'<fieldset class="talent-rating"[^>]*data-competency-id="([^"]+)"', markup)


def messages(block: Any) -> list[tuple[str, str]]:
    return [(m.type, m.text) for m in block.validate().messages]


@pytest.fixture
def leading(make_block) -> Any:
    """A block rating the "Leading people" cluster of the demo framework."""
    return make_block(ASSESSMENT, competencies=["leading-people"])


def answers(levels: dict[str, int] | None = None, **extra: Any) -> dict[str, Any]:
    chosen = levels if levels is not None else dict.fromkeys(LEADING, 1)
    return {"role_id": ROLE, "levels": chosen, **extra}


def required_level(competency_id: str) -> int:
    [role] = [r for r in tc.demo_roles() if r.id == ROLE]
    requirement = role.requirement(competency_id)
    assert requirement is not None
    return requirement.level


# -- the form -------------------------------------------------------------------------------


def test_a_cluster_expands_to_its_competencies_with_every_level(leading) -> None:
    framework = tc.demo_framework()
    markup = student_html(leading)
    assert fieldsets(markup) == LEADING
    words = text_of(markup)
    for level in framework.scale.levels:
        assert f"{level.value} {level.label['en']}" in words
        assert level.descriptor["en"] in words
    for indicator in framework.indicators("delegating"):
        assert indicator.name["en"] in words
    assert markup.count('type="radio" name="') == len(tc.demo_roles()) + 4 * len(LEADING)
    assert "<legend>Target role</legend>" in markup
    assert '<legend class="talent-rating__name">Delegating</legend>' in markup


def test_radios_are_labelled_and_described_by_their_behaviour(leading) -> None:
    markup = student_html(leading)
    radio = re.search(r'<input type="radio" name="[^"]+-c3-level" id="([^"]+)"[^>]*>', markup)
    assert radio is not None
    assert f'<label for="{radio.group(1)}">' in markup
    described = re.search(r'aria-describedby="([^"]+)"', radio.group(0))
    assert described is not None and f'id="{described.group(1)}"' in markup


def test_single_competencies_and_clusters_keep_the_author_order(make_block) -> None:
    block = make_block(ASSESSMENT, competencies=["resilience", "leading-people", "delegating"])
    assert fieldsets(student_html(block)) == ["resilience", *LEADING]


def test_notes_are_offered_only_when_the_author_asks(make_block) -> None:
    with_notes = make_block(ASSESSMENT, competencies=["delegating"])
    without = make_block(ASSESSMENT, competencies=["delegating"], ask_notes=False)
    assert 'maxlength="2000"' in student_html(with_notes)
    assert "<textarea" not in student_html(without)


def test_target_roles_limit_the_choice(make_block) -> None:
    block = make_block(
        ASSESSMENT, competencies=["delegating"], target_roles=["project-lead", "specialist"]
    )
    roles = re.findall(r'name="[^"]+-role" id="[^"]+" value="([^"]+)"', student_html(block))
    assert roles == ["project-lead", "specialist"]


def test_form_in_swedish(leading) -> None:
    framework = tc.demo_framework()
    with translation.override("sv"):
        markup = student_html(leading)
    words = text_of(markup)
    assert 'lang="sv"' in markup
    assert "Målroll" in words and "Spara utkast" in words
    assert "Ny chef" in words and framework.node("delegating").name["sv"] in words
    assert "1 Under utveckling" in words and framework.scale.levels[0].descriptor["sv"] in words


# -- drafts and submissions ------------------------------------------------------------------


def test_a_saved_draft_comes_back_checked_and_escaped(leading, call) -> None:
    note = "I asked <b>Sam</b> & Kim to lead"
    response = call(
        leading,
        "save_draft",
        {"role_id": ROLE, "levels": {"delegating": 3}, "notes": {"delegating": note}},
    )
    assert response.status_code == 200 and response.json == {"message": "Draft saved."}
    markup = student_html(leading)
    assert re.search(r'value="first-time-manager" checked', markup)
    assert re.search(r'id="[^"]+-c3-3" value="3" checked', markup)
    assert len(re.findall(r"<input[^>]* checked", markup)) == 2
    assert "I asked &lt;b&gt;Sam&lt;/b&gt; &amp; Kim to lead" in markup
    assert leading.record.attempts == []
    assert leading.runtime.events == [
        ("talent.competency_assessment.draft_saved", {"role_id": ROLE, "rated": 1})
    ]


def test_submitting_unfinished_ratings_names_what_is_missing(leading, call) -> None:
    call(leading, "save_draft", {"levels": {"delegating": 2}})
    before = dict(leading.assessment)
    response = call(leading, "submit_assessment", {"levels": {"delegating": 2}})
    assert response.status_code == 400
    fields = [p["field"] for p in response.json["problems"]]
    assert fields == ["role_id", "levels.giving-feedback", "levels.coaching-others",
                      "levels.developing-others"]  # fmt: skip
    assert leading.assessment == before and leading.record.attempts == []


def test_submission_keeps_a_dated_attempt_completes_and_publishes(leading, call) -> None:
    levels = {"giving-feedback": 1, "coaching-others": 2, "delegating": 4, "developing-others": 1}
    response = call(leading, "submit_assessment", answers(levels))
    assert response.status_code == 200
    [attempt] = leading.record.attempts
    assert attempt.levels == levels and attempt.role_id == ROLE
    assert attempt.submitted_at.tzinfo is not None
    names = [name for name, _ in leading.runtime.events]
    assert names == ["talent.competency_assessment.submitted", "completion"]
    submitted = leading.runtime.events[0][1]
    assert submitted["attempt"] == 1 and submitted["levels"] == levels
    assert submitted["open_gaps"] == ["giving-feedback", "developing-others"]
    assert leading.runtime.events[1][1] == {"completion": 1.0}


def test_result_charts_levels_against_the_role_and_advises_on_top_gaps(leading, call) -> None:
    framework = tc.demo_framework()
    levels = {"giving-feedback": 1, "coaching-others": 1, "delegating": 4, "developing-others": 2}
    result = call(leading, "submit_assessment", answers(levels)).json["html"]
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="talent-chart" role="img"' in result
    assert result.count('<rect class="own"') == 4
    rows = re.findall(r'<tr data-competency-id="([^"]+)">', result)
    assert rows == LEADING
    advice = re.findall(r'<li class="talent-gap" data-competency-id="([^"]+)">', result)
    assert advice == ["giving-feedback", "coaching-others"]  # importance 5 before 4
    words = text_of(result)
    for competency_id in advice:
        node = framework.node(competency_id)
        for question in node.coaching_questions:
            assert question.text["en"] in words
        for activity in node.activities:
            assert activity.title["en"] in words
    assert "Your level: 1 Developing · Required for the role: 2 Independent" in words
    assert "2 requirements of the role are above your level." in words
    assert "Since your previous" not in words
    assert result in student_html(leading)


def test_result_follows_the_form_order_after_a_stored_round_trip(leading, call) -> None:
    call(leading, "submit_assessment", answers(notes={"coaching-others": "Ran a trio"}))
    leading.assessment = json.loads(json.dumps(leading.assessment, sort_keys=True))  # as stored
    markup = student_html(leading)
    assert re.findall(r'<tr data-competency-id="([^"]+)">', markup) == LEADING
    page = leading.handle("print_summary", Request.blank("/")).body.decode()
    names = re.findall(r'<tr><th scope="row">([^<]+)</th>', page)
    assert names == [tc.demo_framework().node(cid).name["en"] for cid in LEADING]
    assert "<td>Ran a trio</td>" in page


def test_retaking_keeps_history_and_shows_the_change(leading, call) -> None:
    call(leading, "submit_assessment", answers(dict.fromkeys(LEADING, 1)))
    second = {"giving-feedback": 3, "coaching-others": 1, "delegating": 1, "developing-others": 1}
    first_attempt = leading.record.attempts[0]
    markup = call(leading, "submit_assessment", answers(second)).json["html"]
    words = text_of(markup)
    assert leading.record.attempts[0] == first_attempt and len(leading.record.attempts) == 2
    assert "1 rated higher, 0 lower, 3 unchanged." in words
    assert "up from 1" in words and "unchanged" in words
    assert "Your self-assessments so far" in words
    [role] = [r for r in tc.demo_roles() if r.id == ROLE]
    history = re.findall(
        r"<tr><td>[^<]+</td><td>First-time manager</td><td>(\d+)</td></tr>", markup
    )
    expected = [
        sum(1 for g in tc.gap_analysis(tc.demo_framework(), role, levels) if g.current and g.size)
        for levels in (second, dict.fromkeys(LEADING, 1))
    ]
    assert [int(n) for n in history] == expected == [3, 4]
    assert "Take the self-assessment again" in text_of(student_html(leading))


def test_a_met_role_says_so(leading, call) -> None:
    result = call(leading, "submit_assessment", answers(dict.fromkeys(LEADING, 4))).json["html"]
    assert "You meet every requirement of this role that you rated." in text_of(result)
    assert leading.latest_result().open_gaps() == []


def test_result_in_dutch(leading, call) -> None:
    with translation.override("nl"):
        result = call(leading, "submit_assessment", answers()).json["html"]
    words = text_of(result)
    node = tc.demo_framework().node("giving-feedback")
    assert "Jouw resultaat" in words and node.coaching_questions[0].text["nl"] in words
    assert "Beginnend leidinggevende" in words


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"role_id": "astronaut"}, "role_id"),
        ({"levels": {"resilience": 2}}, "levels.resilience"),
        ({"levels": {"delegating": 7}}, "levels.delegating"),
        ({"levels": {"delegating": "2"}}, "levels.delegating"),
        ({"levels": {"delegating": 2}, "notes": {"delegating": "x" * 2001}}, "notes.delegating"),
        ({"notes": {"resilience": "hi"}}, "notes.resilience"),
        ({"levels": {}, "colour": "blue"}, "colour"),
        ([], ""),
    ],
)
@pytest.mark.parametrize("handler", ["save_draft", "submit_assessment"])
def test_bad_payloads_are_refused_and_change_nothing(
    leading, call, handler: str, payload: Any, field: str
) -> None:
    call(leading, "save_draft", answers({"delegating": 1}))
    before, events = dict(leading.assessment), list(leading.runtime.events)
    response = call(leading, handler, payload)
    assert response.status_code == 400
    assert [p["field"] for p in response.json["problems"]][:1] == [field]
    assert leading.assessment == before and leading.runtime.events == events


@pytest.mark.parametrize("body", [b"{", b"\xff", json.dumps({"x": "y" * 70_000}).encode()])
def test_unreadable_or_huge_bodies_are_refused(leading, call, body: bytes) -> None:
    response = call(leading, "save_draft", body=body)
    assert response.status_code == 400 and response.json["error"]
    assert leading.assessment == {}


def test_notes_are_refused_where_none_are_asked(make_block, call) -> None:
    block = make_block(ASSESSMENT, competencies=["delegating"], ask_notes=False)
    payload = {"levels": {"delegating": 2}, "notes": {"delegating": "an example"}}
    response = call(block, "save_draft", payload)
    assert response.status_code == 400 and response.json["problems"][0]["field"] == "notes"
    assert call(block, "save_draft", {"levels": {"delegating": 2}}).status_code == 200


def test_learners_never_see_each_other(leading, make_block, call) -> None:
    call(leading, "submit_assessment", answers())
    other = make_block(ASSESSMENT, user="learner_2", usage=leading.scope_ids.usage_id)
    markup = student_html(other)
    assert not re.search(r"<input[^>]* checked", markup)
    assert 'class="talent-assessment__result"' not in markup
    assert other.latest_result() is None


def test_misconfigured_block_tells_learners_politely_and_staff_why(make_block) -> None:
    learner = make_block(ASSESSMENT)
    staff = make_block(ASSESSMENT, user="staff_hr", usage=learner.scope_ids.usage_id)
    assert "This activity is not set up yet" in text_of(student_html(learner))
    assert "Choose the clusters" not in student_html(learner)
    with translation.override("sv"):
        staff_words = text_of(student_html(staff))
    assert "Välj de kluster eller kompetenser som deltagarna ska skatta." in staff_words


# -- print view -----------------------------------------------------------------------------


def test_print_summary_has_ratings_notes_and_questions(leading, call) -> None:
    note = "Led the <planning> day"
    call(leading, "submit_assessment", answers(notes={"delegating": note}))
    response = leading.handle("print_summary", Request.blank("/"))
    page = response.body.decode()
    assert response.content_type == "text/html"
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    assert "Led the &lt;planning&gt; day" in page and "<planning>" not in page
    words = text_of(page)
    assert "Learner: learner_1" in words and "Notes from the conversation" in words
    assert tc.demo_framework().node("giving-feedback").coaching_questions[0].text["en"] in words
    assert "@media print" in page


def test_print_summary_before_submitting(leading) -> None:
    page = leading.handle("print_summary", Request.blank("/")).body.decode()
    assert "You have not submitted a self-assessment yet." in page


# -- read API for other blocks -----------------------------------------------------------------


def test_latest_result_is_read_through_the_runtime_for_the_same_user(
    leading, make_block, call
) -> None:
    usage = leading.scope_ids.usage_id
    assert leading.latest_result() is None and leading.self_ratings() == []
    call(leading, "submit_assessment", answers({**dict.fromkeys(LEADING, 2), "delegating": 1}))
    reader = make_block("competency_explorer")
    seen = reader.runtime.get_block(usage)
    result = seen.latest_result()
    assert result.role_id == ROLE and result.levels["delegating"] == 1
    assert [g.competency_id for g in result.open_gaps()] == ["delegating"]
    assert len(result.gaps) == 4 and result.framework.id == "talent-demo"
    [rating] = [r for r in seen.self_ratings() if r.competency_id == "delegating"]
    assert rating.level == 1 and rating.source is tc.RatingSource.SELF


# -- Studio ----------------------------------------------------------------------------------


def test_a_configured_demo_block_is_valid(make_block) -> None:
    block = make_block(ASSESSMENT, competencies=["leading-people", "working-with-others"])
    assert messages(block) == []


def test_validation_asks_for_competencies(make_block) -> None:
    assert messages(make_block(ASSESSMENT)) == [
        ("error", "Choose the clusters or competencies learners rate.")
    ]


def test_validation_names_unknown_and_unrateable_ids(make_block) -> None:
    block = make_block(ASSESSMENT, competencies=["delegating", "astrology", "delegating-l1-1"])
    [(kind, text)] = messages(block)
    assert kind == "error" and text.startswith("These competencies cannot be rated:")
    assert "'astrology'" in text and "'delegating-l1-1' is an indicator" in text


def test_validation_of_target_roles_and_role_json(make_block) -> None:
    unknown = make_block(ASSESSMENT, competencies=["delegating"], target_roles=["astronaut"])
    assert messages(unknown) == [
        ("error", "These target roles are not among the role profiles: unknown role 'astronaut'")
    ]
    empty = make_block(ASSESSMENT, competencies=["delegating"], roles_source="custom")
    assert messages(empty) == [
        (
            "error",
            "Upload a role file or paste your role profiles as JSON, or choose the demo "
            "role profiles.",
        )
    ]
    broken = make_block(
        ASSESSMENT, competencies=["delegating"], roles_source="custom", roles_json='[{"id": 1}]'
    )
    [(_, text)] = messages(broken)
    assert text.startswith("The role profiles JSON is not valid: roles_json[0].id")


def test_validation_flags_roles_asking_for_competencies_not_in_the_framework(
    make_block, small_framework_json
) -> None:
    block = make_block(
        ASSESSMENT,
        framework_source="custom",
        framework_json=small_framework_json,
        competencies=["people"],
    )
    [(kind, text)] = messages(block)
    assert kind == "error" and text.startswith("The role profiles do not fit the framework:")
    assert "first-time-manager.requirements[0].competency_id: unknown competency" in text
    assert text.endswith("more")


def test_validation_warns_about_a_role_rating_nothing_here(make_block) -> None:
    block = make_block(ASSESSMENT, competencies=["digital-fluency"], target_roles=[ROLE])
    assert messages(block) == [
        ("warning", "The role First-time manager asks for none of the competencies rated here.")
    ]


def test_validation_reports_a_broken_framework_first(make_block) -> None:
    block = make_block(ASSESSMENT, framework_source="custom", framework_json="{", competencies=[])
    assert [kind for kind, _ in messages(block)] == ["error"]
    assert "The framework JSON is not valid" in messages(block)[0][1]


def test_studio_view_offers_clusters_competencies_roles_and_the_import(make_block) -> None:
    with translation.override("sv"):
        markup = make_block(ASSESSMENT).render("studio_view", {}).body_html()
    words = text_of(markup)
    assert "Importera en ramverksfil" in words and "Kompetenser att skatta" in words
    assert "Leda människor ▸" in words and "Leda människor › Delegera" in words
    assert "Ny chef" in words and "Be om ett exempel per skattning" in words


def test_studio_save_refuses_a_broken_setup_and_keeps_the_settings(make_block, call) -> None:
    leading = make_block(ASSESSMENT, user="staff_author", competencies=["leading-people"])
    values = {"competencies": [], "display_name": "New"}
    response = call(leading, "submit_studio_edits", {"values": values, "defaults": []})
    assert response.status_code == 400
    assert leading.competencies == ["leading-people"] and leading.display_name == "Self-assessment"


def post_file(block: Any, data: bytes, filename: str, fmt: str = "") -> Any:
    request = Request.blank(
        "/", POST={"file": (filename, data), "format": fmt}
    )  # multipart/form-data, as the Studio form sends it
    return block.handle("import_framework", request)


def test_a_moodle_csv_converts_and_saves_as_native_json(
    make_block, call, oecd_csv_path: Path
) -> None:
    block = make_block(ASSESSMENT, user="staff_author", competencies=["delegating"])
    data = oecd_csv_path.read_bytes()
    response = post_file(block, data, "oecd.csv")
    assert response.status_code == 200
    answer = response.json
    framework = formats.read_framework(answer["framework_json"].encode(), "converted.json")
    assert answer["competencies"] == len(framework.competencies()) == 15
    assert block.framework_source == "demo"  # nothing stored until Studio saves
    roles = [
        {
            "id": "analyst",
            "name": {"en": "Analyst"},
            "requirements": [
                {"competency_id": framework.competencies()[0].id, "level": 2, "importance": 4}
            ],
        }
    ]
    values = {
        "framework_source": "custom",
        "framework_json": answer["framework_json"],
        "competencies": [framework.clusters()[0].id],
        "roles_source": "custom",
        "roles_json": json.dumps(roles),
    }
    saved = call(block, "submit_studio_edits", {"values": values, "defaults": []})
    assert saved.status_code == 200 and messages(block) == []
    assert fieldsets(student_html(block))[0] == framework.competencies()[0].id


def test_a_broken_file_is_refused_with_its_places(make_block) -> None:
    block = make_block(ASSESSMENT, user="staff_author")
    response = post_file(block, b'{"id": "x", "nodes": [}', "broken.json")
    assert response.status_code == 400
    assert response.json["error"] == "The file could not be converted."
    assert "line 1" in response.json["problems"][0]["message"]
    bad_format = post_file(block, b"{}", "x.json", fmt="taxonomy")
    assert bad_format.status_code == 400
    assert bad_format.json["problems"][0]["field"] == "format"


def test_import_needs_a_posted_file(make_block) -> None:
    block = make_block(ASSESSMENT, user="staff_author")
    assert block.handle("import_framework", Request.blank("/")).status_code == 405
    empty = block.handle("import_framework", Request.blank("/", POST={"format": ""}))
    assert empty.status_code == 400 and empty.json["error"] == "Choose a file first."


# -- OLX --------------------------------------------------------------------------------------


def test_olx_round_trip_keeps_every_setting(make_block, small_framework_json) -> None:
    roles = [{"id": "r", "name": {"en": "R & <D>"}, "requirements": [
        {"competency_id": "listening", "level": 2}]}]  # fmt: skip
    block = make_block(
        ASSESSMENT,
        display_name='Rate "yourself" & <grow>',
        framework_source="custom",
        framework_json=small_framework_json,
        competencies=["people", "planning"],
        roles_source="custom",
        roles_json=json.dumps(roles),
        target_roles=["r"],
        ask_notes=False,
    )
    node = etree.Element("root")
    block.add_xml_to_node(node)
    runtime = block.runtime
    copy = runtime.get_block(runtime.parse_xml_string(etree.tostring(node, encoding="unicode")))
    for name in block.editable_fields:
        assert getattr(copy, name) == getattr(block, name), name
    assert messages(copy) == []


# -- data for HR --------------------------------------------------------------------------------


def stored(leading, call, payload: dict[str, Any], handler: str = "submit_assessment") -> dict:
    assert call(leading, handler, payload).status_code == 200
    return dict(leading.assessment)


def test_report_rows_one_per_learner(leading, call) -> None:
    levels = {"giving-feedback": 1, "coaching-others": 1, "delegating": 3, "developing-others": 2}
    submitted = stored(leading, call, answers(levels))
    draft_only = stored(
        leading, call, {"role_id": "specialist", "levels": {"delegating": 2}}, "save_draft"
    )
    draft_only = {"schema_version": 1, "draft": draft_only["draft"]}
    states = [
        XBlockUserState("ann", "key", {"assessment": submitted}, None, None),
        XBlockUserState("bob", "key", {}, None, None),
        XBlockUserState("cy", "key", {"assessment": draft_only}, None, None),
        XBlockUserState("dee", "key", {"assessment": {"attempts": "lost"}}, None, None),
    ]
    rows = list(leading.generate_report_data(iter(states)))
    assert [username for username, _ in rows] == ["ann", "cy", "dee"]
    assert all(type(row) is OrderedDict for _, row in rows)  # column order, as the API asks
    ann, cy, dee = (row for _, row in rows)
    assert dee == {"problem": "attempts: must be a list"}
    assert list(ann) == [
        "role", "submitted_at", "attempts",
        *(f"level:{cid}" for cid in LEADING), "top_gaps",
    ]  # fmt: skip
    assert ann["role"] == ROLE and ann["attempts"] == 1
    assert ann["submitted_at"] == submitted["attempts"][0]["submitted_at"].replace("Z", "+00:00")
    assert [ann[f"level:{cid}"] for cid in LEADING] == [1, 1, 3, 2]
    assert ann["top_gaps"] == "giving-feedback; coaching-others"
    assert cy == {
        "role": "specialist",
        "submitted_at": "",
        "attempts": 0,
        **{f"level:{cid}": "" for cid in LEADING},
        "top_gaps": "",
    }
    assert list(leading.generate_report_data(iter(states), limit_responses=1)) == rows[:1]


def test_report_keeps_competencies_the_author_removed(make_block, call) -> None:
    block = make_block(ASSESSMENT, competencies=["delegating", "resilience"])
    state = stored(block, call, {"role_id": ROLE, "levels": {"delegating": 1, "resilience": 3}})
    block.competencies = ["delegating"]
    [(_, row)] = block.generate_report_data(iter([XBlockUserState("a", "k", {"assessment": state},
                                                                    None, None)]))  # fmt: skip
    assert row["level:delegating"] == 1 and row["level:resilience"] == 3
    assert row["top_gaps"] == "delegating"


def test_staff_download_every_learner_as_csv(make_block, call, workbench_field_data) -> None:
    first = make_block(ASSESSMENT, competencies=["delegating"], field_data=workbench_field_data)
    usage = first.scope_ids.usage_id
    second = make_block(ASSESSMENT, user="learner_2", usage=usage, field_data=workbench_field_data)
    call(first, "submit_assessment", {"role_id": ROLE, "levels": {"delegating": 1}})
    call(second, "save_draft", {"role_id": "=HYPERLINK()", "levels": {}})
    call(second, "save_draft", {"role_id": "specialist", "levels": {"delegating": 4}})
    staff = make_block(ASSESSMENT, user="staff_hr", usage=usage, field_data=workbench_field_data)
    assert "Download data (CSV)" in student_html(staff)
    assert "Download data (CSV)" not in student_html(first)
    response = staff.handle("download_data", Request.blank("/"))
    assert response.status_code == 200
    assert 'filename="competency_assessment-data.csv"' in response.content_disposition
    rows = list(csv.reader(io.StringIO(response.body.decode("utf-8-sig"))))
    assert rows[0] == ["username", "role", "submitted_at", "attempts", "level:delegating",
                       "top_gaps"]  # fmt: skip
    assert [row[:2] + row[3:] for row in rows[1:]] == [
        ["learner_1", ROLE, "1", "1", "delegating"],
        ["learner_2", "specialist", "0", "", ""],
    ]
    assert first.handle("download_data", Request.blank("/")).status_code == 403


def test_scenarios_render_and_validate(make_block) -> None:
    from xblocks import scenarios

    runtime = make_block(ASSESSMENT).runtime
    for _, olx in scenarios.for_block(ASSESSMENT):
        block = runtime.get_block(runtime.parse_xml_string(olx))
        assert [kind for kind, _ in messages(block)] == []
        assert fieldsets(student_html(block))


def test_the_gap_list_says_it_shows_the_largest_three_of_four(leading, call) -> None:
    levels = dict.fromkeys(LEADING, 1)
    result = call(leading, "submit_assessment", answers(levels)).json["html"]
    advice = re.findall(r'<li class="talent-gap" data-competency-id="([^"]+)">', result)
    assert len(advice) == 3
    words = text_of(result)
    assert "4 requirements of the role are above your level; here are the 3 largest." in words


@pytest.mark.parametrize(
    "data",
    [
        b"Parent id number,Id number,Shortname\r,x,X\r",  # Moodle CSV saved as "CSV (Macintosh)"
        b"[" * 10_000 + b"]" * 10_000,
        b'{"CFItems":' * 10_000,
        b"\x00\xff\xfe\r\r\n\x80",
        b"\xff\xfe" + "id\r\n".encode("utf-16-le") + b"\x00",
    ],
)
def test_any_file_gets_a_400_naming_the_problem_never_a_500(make_block, data: bytes) -> None:
    response = post_file(make_block(ASSESSMENT, user="staff_author"), data, "upload.csv")
    assert response.status_code == 400
    assert response.json["problems"][0]["message"].startswith("upload.csv")


def test_a_moodle_csv_with_mac_line_endings_converts(make_block, oecd_csv_path: Path) -> None:
    text = oecd_csv_path.read_bytes().decode("utf-8-sig")
    out = io.StringIO()
    rows = csv.reader(io.StringIO(text, newline=""))
    csv.writer(out, lineterminator="\r", quoting=csv.QUOTE_ALL).writerows(rows)
    block = make_block(ASSESSMENT, user="staff_author")
    response = post_file(block, out.getvalue().encode(), "oecd.csv")
    assert response.status_code == 200 and response.json["competencies"] == 15
