"""The prior learning portfolio (learner side) under the workbench runtime: claims, evidence,
submission, what the learner sees of decisions, settings and OLX."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation
from lxml import etree
from xblock.validation import Validation

from talent_core import rpl
from tests.xblocks.markup import student_html, text_of
from tests.xblocks.rpl_helpers import (
    ACCOUNT,
    INDICATORS,
    LEVEL,
    PDF,
    ROSTER,
    RPL,
    add_link,
    claim_of,
    create_claim,
    decision,
    post,
    ready_claim,
    review_record,
    save_account,
    upload,
)
from xblocks import scenarios


def test_student_view_renders_with_the_block_title_and_the_standards(make_block) -> None:
    markup = student_html(make_block(RPL, allowed_roles=["first-time-manager"]))
    words = text_of(markup)
    assert "Recognition of prior learning" in words and 'lang="en"' in markup
    assert "First-time manager" in words
    assert "Giving feedback (the role asks 2 " in words
    assert "You have no claims yet." in words
    assert '<label class="talent-field__label" for="' in markup


def test_a_learner_drafts_links_evidence_and_submits_which_locks_the_claim(make_block) -> None:
    block = make_block(RPL)
    claim_id = ready_claim(block)
    claim = claim_of(block, claim_id)
    assert claim.state is rpl.ClaimState.DRAFT
    assert [item.kind for item in claim.evidence] == ["file", "link"]
    assert claim.evidence[0].indicator_ids == INDICATORS[:1]
    assert claim.evidence[0].file is not None
    assert claim.evidence[0].file.content_type == "application/pdf"

    answer = post(block, "submit_claim", {"claim_id": claim_id})
    assert answer.status_code == 200, answer.text
    claim = claim_of(block, claim_id)
    assert claim.state is rpl.ClaimState.SUBMITTED
    assert [(c.state.value, c.by) for c in claim.history] == [
        ("draft", "learner_1"),
        ("submitted", "learner_1"),
    ]
    assert "Submitted" in text_of(answer.json["claims_html"])
    assert ("talent.prior_learning_portfolio.claim_submitted") in [
        name for name, _ in block.runtime.events
    ]
    # locked: no edit, no new evidence, no removal
    assert save_account(block, claim_id, result="Changed").status_code == 409
    assert add_link(block, claim_id).status_code == 409
    assert upload(block, claim_id, PDF).status_code == 409
    evidence_id = claim.evidence[0].id
    assert (
        post(
            block, "remove_evidence", {"claim_id": claim_id, "evidence_id": evidence_id}
        ).status_code
        == 409
    )
    assert claim_of(block, claim_id) == claim


def test_submitting_needs_the_account_and_the_policy_s_evidence(make_block) -> None:
    block = make_block(RPL, min_evidence=3)
    claim_id = create_claim(block)
    answer = post(block, "submit_claim", {"claim_id": claim_id})
    assert answer.status_code == 400
    fields = {p["field"] for p in answer.json["problems"]}
    assert {"account", "evidence"} <= fields
    save_account(block, claim_id)
    upload(block, claim_id, PDF)
    add_link(block, claim_id)
    answer = post(block, "submit_claim", {"claim_id": claim_id})
    assert answer.status_code == 400
    assert "Add at least 3 pieces of evidence." in answer.text
    assert claim_of(block, claim_id).state is rpl.ClaimState.DRAFT


def test_a_claim_against_a_role_takes_only_that_role_s_competencies(make_block) -> None:
    block = make_block(RPL, allowed_roles=["first-time-manager"])
    refused = post(
        block,
        "create_claim",
        {"standard": "first-time-manager", "competency_id": "digital-fluency", "level": 2},
    )
    assert refused.status_code == 400
    assert "Choose a competency of the standard" in refused.text
    # no competencies are offered beside the roles the author ticked
    assert (
        post(
            block,
            "create_claim",
            {"standard": None, "competency_id": "giving-feedback", "level": 2},
        ).status_code
        == 400
    )
    accepted = post(
        block,
        "create_claim",
        {"standard": "first-time-manager", "competency_id": "giving-feedback", "level": 3},
    )
    assert accepted.status_code == 200
    assert block.state.claims[0].standard == "first-time-manager"


def test_allowed_competencies_limit_what_may_be_claimed(make_block) -> None:
    block = make_block(RPL, allowed_competencies=["leading-people"])
    assert create_claim(block, "delegating")
    refused = post(
        block, "create_claim", {"standard": None, "competency_id": "digital-fluency", "level": 2}
    )
    assert refused.status_code == 400


def test_level_off_the_scale_and_a_second_open_claim_are_refused(make_block) -> None:
    block = make_block(RPL)
    off = post(block, "create_claim", {"standard": None, "competency_id": "delegating", "level": 9})
    assert off.status_code == 400 and "levels of this competency" in off.text
    create_claim(block, "delegating")
    twice = post(
        block, "create_claim", {"standard": None, "competency_id": "delegating", "level": 3}
    )
    assert twice.status_code == 400 and "already have an open claim" in twice.text
    assert len(block.state.claims) == 1


def test_evidence_links_only_to_indicators_of_the_claimed_level_and_needs_a_past_date(
    make_block,
) -> None:
    block = make_block(RPL)
    claim_id = create_claim(block)
    other_level = tc_indicators("giving-feedback", 4)
    wrong = add_link(block, claim_id, indicator_ids=other_level)
    assert wrong.status_code == 400 and "behaviour indicators of the level" in wrong.text
    tomorrow = (dt.date.today() + dt.timedelta(days=5)).isoformat()
    assert add_link(block, claim_id, date=tomorrow).status_code == 400
    assert add_link(block, claim_id, date="").status_code == 400
    assert add_link(block, claim_id, url="javascript:alert(1)").status_code == 400
    assert add_link(block, claim_id, url="ftp://example.org/x").status_code == 400
    assert claim_of(block, claim_id).evidence == []


def tc_indicators(competency: str, level: int) -> list[str]:
    import talent_core as tc

    return [n.id for n in tc.demo_framework().indicators(competency, level)]


def test_saving_edits_evidence_and_refuses_a_stale_page(make_block) -> None:
    block = make_block(RPL)
    claim_id = create_claim(block)
    add_link(block, claim_id)
    claim = claim_of(block, claim_id)
    item = claim.evidence[0]
    body = {
        "claim_id": claim_id,
        "updated": claim.updated.isoformat(),
        "account": ACCOUNT,
        "referee": {"name": "Maja Lund", "email": "maja@example.org", "relation": "manager"},
        "evidence": [
            {
                "id": item.id,
                "title": "Renamed",
                "description": "What it shows",
                "date": "2022-01-31",
                "indicator_ids": INDICATORS,
                "url": "https://example.org/other",
            }
        ],
    }
    assert post(block, "save_claim", body).status_code == 200
    saved = claim_of(block, claim_id)
    assert saved.evidence[0].title == "Renamed" and saved.evidence[0].indicator_ids == INDICATORS
    assert saved.referee is not None and saved.referee.name == "Maja Lund"
    stale = post(block, "save_claim", {**body, "account": {**ACCOUNT, "task": "Lost?"}})
    assert stale.status_code == 409
    assert claim_of(block, claim_id) == saved


def test_deleting_a_draft_removes_it(make_block) -> None:
    block = make_block(RPL)
    claim_id = create_claim(block)
    assert post(block, "delete_claim", {"claim_id": claim_id}).status_code == 200
    assert block.state.claims == []
    unknown = post(block, "delete_claim", {"claim_id": claim_id})
    assert unknown.status_code == 400


# -- what the learner sees of reviews -----------------------------------------------------


@pytest.fixture
def reviewed(make_block, workbench_field_data):
    """learner_1's submitted claim in a block with the demo roster, on the workbench's store."""
    staff = make_block(RPL, user="staff_hr", field_data=workbench_field_data)
    usage = staff.scope_ids.usage_id

    def make(user: str = "learner_1", **fields):
        return make_block(RPL, user=user, usage=usage, field_data=workbench_field_data, **fields)

    staff.reviewer_roster = rpl.read_reviewer_roster(ROSTER).to_state()
    staff.save()
    learner = make()
    claim_id = ready_claim(learner)
    assert post(learner, "submit_claim", {"claim_id": claim_id}).status_code == 200
    return make, learner, claim_id


def _decide(make, *decisions) -> None:
    by = decisions[0]["assessor"]
    assessor = make(by)
    assessor.review_record = review_record(*decisions)
    assessor.save()


def test_the_learner_sees_the_decision_level_reasons_and_feedback(reviewed) -> None:
    make, _learner, claim_id = reviewed
    _decide(make, decision(claim_id, feedback="Well shown <b>in practice</b>."))
    words = text_of(student_html(make()))
    assert "Decision: Recognised · level 2 Independent" in words or "Decision: Recognised" in words
    assert "Reasons per behaviour indicator" in words
    assert f"Shown in the evidence ({INDICATORS[0]})." in words
    assert "Well shown <b>in practice</b>." in words
    assert "assessor_1" in words
    assert "Status: Decided" in words


def test_more_evidence_needed_reopens_the_claim_with_the_feedback_shown(reviewed) -> None:
    make, learner, claim_id = reviewed
    _decide(make, decision(claim_id, "more_evidence_needed", feedback="Add a recent example."))
    markup = student_html(make())
    assert "Add more evidence and submit again" in text_of(markup)
    learner = make()
    answer = post(learner, "reopen_claim", {"claim_id": claim_id})
    assert answer.status_code == 200, answer.text
    claim = claim_of(learner, claim_id)
    assert claim.state is rpl.ClaimState.DRAFT
    assert [c.state.value for c in claim.history] == ["draft", "submitted", "decided", "draft"]
    assert claim.history[2].by == "assessor_1"
    words = text_of(answer.json["claims_html"])
    assert "The assessor asked for more evidence: Add a recent example." in words
    # the learner adds evidence and submits again: the old decision no longer counts
    assert add_link(learner, claim_id, title="Recent example").status_code == 200
    assert post(learner, "submit_claim", {"claim_id": claim_id}).status_code == 200
    assert "Status: Submitted" in text_of(student_html(make()))


def test_reopening_without_such_a_decision_is_refused(reviewed) -> None:
    make, _learner, claim_id = reviewed
    assert post(make(), "reopen_claim", {"claim_id": claim_id}).status_code == 409
    _decide(make, decision(claim_id))
    assert post(make(), "reopen_claim", {"claim_id": claim_id}).status_code == 409


def test_two_assessors_who_disagree_are_shown_and_neither_wins(reviewed) -> None:
    make, _learner, claim_id = reviewed
    _decide(make, decision(claim_id))
    _decide(make, decision(claim_id, "not_recognised", assessor="assessor_2"))
    words = text_of(student_html(make()))
    assert "The assessors came to different decisions" in words
    assert "Not recognised" in words and "Recognised" in words
    assert "Verifiable credential" not in words


def test_the_learner_sees_the_guide_s_comments(reviewed) -> None:
    make, _learner, claim_id = reviewed
    guide = make("guide_1")
    guide.review_record = rpl.ReviewerState(
        comments=[
            rpl.GuideComment(
                claim_id=claim_id,
                learner="learner_1",
                by="guide_1",
                at=dt.datetime.now(dt.UTC),
                text="Name the release <script>x</script> in the situation.",
            )
        ]
    ).model_dump(mode="json")
    guide.save()
    markup = student_html(make())
    assert "Comments of your guide" in text_of(markup)
    assert "&lt;script&gt;x&lt;/script&gt;" in markup and "<script>x" not in markup


# -- text is inert ------------------------------------------------------------------------

HOSTILE = '<img src=x onerror="alert(1)"><script>alert(2)</script>'


def test_html_and_script_in_every_text_field_render_inert(reviewed) -> None:
    make, learner, claim_id = reviewed
    learner = make()
    draft = create_claim(learner, "delegating")
    claim = claim_of(learner, draft)
    link = add_link(
        learner,
        draft,
        title=HOSTILE,
        description=HOSTILE,
        indicator_ids=tc_indicators("delegating", 2)[:1],
    )
    assert link.status_code == 200, link.text
    answer = upload(
        learner,
        draft,
        PDF,
        name="x.pdf",
        title=HOSTILE,
        indicators=tc_indicators("delegating", 2)[:1],
    )
    assert answer.status_code == 200, answer.text
    claim = claim_of(learner, draft)
    body = {
        "claim_id": draft,
        "updated": claim.updated.isoformat(),
        "account": dict.fromkeys(ACCOUNT, HOSTILE),
        "referee": {"name": HOSTILE, "email": "a@example.org", "relation": HOSTILE},
        "evidence": [],
    }
    assert post(learner, "save_claim", body).status_code == 200
    _decide(make, decision(claim_id, feedback=HOSTILE))
    markup = student_html(make())
    assert "<script>alert" not in markup and "<img src=x" not in markup
    assert markup.count("&lt;script&gt;alert(2)&lt;/script&gt;") >= 8


# -- settings -----------------------------------------------------------------------------


def messages(block, **changes) -> list[str]:
    class Data:
        pass

    data = Data()
    for name in block.editable_fields:
        setattr(data, name, changes.get(name, getattr(block, name)))
    validation = Validation(block.scope_ids.usage_id)
    block.validate_field_data(validation, data)
    return [m.text for m in validation.messages]


def test_studio_checks_the_policy_numbers_roles_and_competencies(make_block) -> None:
    block = make_block(RPL)
    assert messages(block) == []
    assert messages(block, max_file_mb=60, max_learner_mb=50) == [
        "One file may not be larger than all of a learner's files together: lower the largest "
        "file or raise the limit per learner."
    ]
    assert "give a whole number from 1 to 20" in messages(block, min_evidence=0)[0]
    assert "not in the role profiles: nobody" in messages(block, allowed_roles=["nobody"])[0]
    assert "no competencies or clusters" in messages(block, allowed_competencies=["x-y"])[0]


def test_olx_round_trip_keeps_every_setting(make_block, small_framework_json) -> None:
    block = make_block(
        RPL,
        display_name='Claims "people" & <tasks>',
        framework_source="custom",
        framework_json=small_framework_json,
        allowed_roles=["specialist"],
        allowed_competencies=["team"],
        max_file_mb=5,
        max_learner_mb=20,
        currency_years=3,
        min_evidence=1,
    )
    node = etree.Element("root")
    block.add_xml_to_node(node)
    olx = etree.tostring(node, encoding="unicode")
    runtime = block.runtime
    copy = runtime.get_block(runtime.parse_xml_string(olx))
    for name in block.editable_fields:
        assert getattr(copy, name) == getattr(block, name), name
    assert copy.policy == rpl.RplPolicy(
        currency_years=3, min_evidence=1, max_file_mb=5, max_learner_mb=20
    )


def test_workbench_scenarios_parse_and_render(make_block, workbench_db) -> None:
    runtime = make_block(RPL).runtime
    for _title, olx in scenarios.for_block(RPL):
        block = runtime.get_block(runtime.parse_xml_string(olx))
        assert "Recognition of prior learning" in text_of(student_html(block))


def test_the_view_reads_in_swedish_and_dutch(make_block) -> None:
    block = make_block(RPL)
    claim_id = create_claim(block)
    assert claim_id
    with translation.override("sv"):
        sv = text_of(student_html(block))
    with translation.override("nl"):
        nl = text_of(student_html(block))
    assert "Validering av tidigare lärande" in sv and "Utkast" in sv
    assert "Erkenning van verworven competenties" in nl and "Concept" in nl


def test_report_rows_are_one_per_claim(make_block) -> None:
    from xblocks.compat import XBlockUserState

    block = make_block(RPL)
    first = ready_claim(block)
    post(block, "submit_claim", {"claim_id": first})
    create_claim(block, "delegating", 3)
    rows = list(
        block.generate_report_data(
            [
                XBlockUserState(
                    "learner_1",
                    block.scope_ids.usage_id,
                    {"portfolio": block.portfolio},
                    None,
                    None,
                )
            ]
        )
    )
    assert [(user, row["competency_id"], row["state"]) for user, row in rows] == [
        ("learner_1", "giving-feedback", "submitted"),
        ("learner_1", "delegating", "draft"),
    ]
    assert rows[0][1]["level"] == LEVEL and rows[0][1]["evidence_count"] == 2
    assert "situation" not in rows[0][1]


# -- the development dialogue's assessor column --------------------------------------------


def test_the_page_keeps_shown_decisions_in_the_learner_s_own_state(reviewed) -> None:
    make, _learner, claim_id = reviewed
    _decide(make, decision(claim_id))
    markup = student_html(make())
    assert '"sync": true' in markup  # the page asks to keep the decision it shows
    answer = post(make(), "apply_decisions", {})
    assert answer.status_code == 200 and answer.json == {"applied": 1}
    learner = make()
    claim = claim_of(learner, claim_id)
    assert claim.state is rpl.ClaimState.DECIDED
    assert (claim.history[-1].by, claim.history[-1].note) == ("assessor_1", "recognised")
    assert list(learner.seen_decisions) == [claim_id]
    assert '"sync": false' in student_html(make())
    # applying again changes nothing
    post(make(), "apply_decisions", {})
    assert claim_of(make(), claim_id) == claim
    # the learner's export holds them, and erasing the portfolio removes them too
    exported = make().personal_data("learner_1")
    assert exported is not None and list(exported["seen_decisions"]) == [claim_id]
    assert post(make(), "erase_my_portfolio", {}).status_code == 200
    assert make().seen_decisions == {} and make().portfolio == {}


def test_a_recognised_claim_fills_the_dialogue_s_assessor_column(reviewed, make_block) -> None:
    """The dialogue finds the portfolio through ``runtime.get_block`` with none of its user
    data loaded (an empty store, as in an LMS handler request): the learner's recognised
    level comes only through the user_state service."""
    from xblock.runtime import DictKeyValueStore, KvsFieldData

    import talent_core as tc
    from xblocks import compat

    make, learner, claim_id = reviewed
    _decide(make, decision(claim_id))
    dialogue = make_block(
        "development_dialogue",
        user="learner_1",
        field_data=KvsFieldData(DictKeyValueStore()),
        portfolio_block=str(learner.scope_ids.usage_id),
    )
    linked = compat.find_block(dialogue, dialogue.portfolio_block, RPL)
    assert linked is not None and linked.portfolio == {}
    assert dialogue._ratings(dialogue.record, None) == []  # not shown to the learner yet
    assert post(make(), "apply_decisions", {}).status_code == 200
    ratings = dialogue._ratings(dialogue.record, None)
    assert [(r.competency_id, r.level, r.source, r.rater) for r in ratings] == [
        ("giving-feedback", LEVEL, tc.RatingSource.ASSESSOR, "assessor_1")
    ]
    preparation = {"competency_ids": ["giving-feedback", "delegating"], "answers": {}}
    assert post(dialogue, "save_preparation", preparation).status_code == 200
    words = text_of(student_html(dialogue))
    assert "Assessor (prior learning)" in words and "2 Independent" in words


def test_disputed_or_unrecognised_claims_leave_the_assessor_column_empty(reviewed) -> None:
    from xblocks._rpl_ratings import recognised_ratings

    make, _learner, claim_id = reviewed
    _decide(make, decision(claim_id))
    _decide(make, decision(claim_id, "not_recognised", assessor="assessor_2"))
    post(make(), "apply_decisions", {})
    learner = make()
    assert len(learner.seen_decisions[claim_id]) == 2
    assert recognised_ratings(learner.portfolio, learner.seen_decisions) == []
    assert recognised_ratings({"schema_version": 99}, {}) == []
    assert recognised_ratings(learner.portfolio, {claim_id: [{"bad": 1}]}) == []


def test_file_sizes_use_the_language_s_decimal_mark(make_block) -> None:
    """Swedish and Dutch write 1,5 MB; "1.5" reads as fifteen tenths nowhere there."""
    block = make_block(RPL)
    claim_id = create_claim(block)
    assert upload(block, claim_id, PDF + b" " * (3 * 1024 * 1024 // 2)).status_code == 200
    with translation.override("sv"):
        sv = text_of(student_html(block))
    with translation.override("nl"):
        nl = text_of(student_html(block))
    assert "Dina filer använder 1,5 av 50 MB." in sv and "(1,5 MB)" in sv
    assert "Je bestanden gebruiken 1,5 van 50 MB." in nl and "(1,5 MB)" in nl


def test_the_indicators_a_piece_of_evidence_shows_are_listed_one_per_line(make_block) -> None:
    """Indicators are sentences ending in a full stop: joined with ";" they read "af.; Blijft"."""
    block = make_block(RPL)
    claim_id = ready_claim(block)
    assert add_link(block, claim_id, indicator_ids=INDICATORS[:2]).status_code == 200
    assert post(block, "submit_claim", {"claim_id": claim_id}).status_code == 200
    with translation.override("nl"):
        markup = student_html(block)
    assert ".;" not in text_of(markup)
    assert markup.count('<li class="talent-rpl__shows-item">') == 4  # file 1, links 1 and 2
