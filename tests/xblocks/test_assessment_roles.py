"""The self-assessment result's roles and strengths: the three roles a learner fits best with
what each would take, every role's profile, "use this role as my target" (the plan follows),
and strengths with an offer to mentor, kept in the learner's own state."""

from __future__ import annotations

import re
from typing import Any

import pytest

import talent_core as tc
from tests.xblocks.markup import student_html, text_of
from xblocks.compat import XBlockUserState

ASSESSMENT = "competency_assessment"
LEVELS = {"giving-feedback": 3, "coaching-others": 3, "delegating": 1, "developing-others": 3}


@pytest.fixture
def submitted(make_block, call) -> Any:
    block = make_block(ASSESSMENT, competencies=["leading-people"])
    draft = {"role_id": "first-time-manager", "levels": LEVELS}
    assert call(block, "submit_assessment", draft).status_code == 200
    return block


def section(markup: str, marker: str) -> str:
    found = re.search(rf"<section[^>]*{marker}.*?</section>", markup, re.S)
    assert found is not None, marker
    return found.group(0)


def test_the_result_shows_the_three_best_fits_in_the_cores_order(submitted) -> None:
    markup = student_html(submitted)
    fits = section(markup, "data-role-fits")
    shown = re.findall(r'data-fit-role="([^"]+)"', fits)
    expected = tc.rank_roles(tc.demo_framework(), tc.demo_roles(), LEVELS, rated_only=True)
    assert shown == [fit.role_id for fit in expected] and len(shown) == 3
    words = text_of(fits)
    assert f"Fit {tc.whole_percent(expected[0].fit)}%" in words
    assert "What it would take" in words
    assert expected[0].role_id == "hr-business-partner" and expected[0].open_gaps == ()
    assert "You meet every requirement you rated." in words
    [first] = [f for f in expected if f.role_id == "first-time-manager"]
    assert [(g.competency_id, g.current) for g in first.open_gaps] == [("delegating", 1)]
    assert "Delegating: from 1 " in words and "(importance 5 of 5)" in words
    # Every role on offer can be explored, with its requirements.
    profiles = set(re.findall(r'data-role-profile="([^"]+)"', markup))
    assert profiles == {r.id for r in tc.demo_roles()}
    assert "This is your target role." in words


def test_use_this_role_as_my_target_in_one_click_and_the_plan_follows(
    submitted, make_block, call
) -> None:
    plan = make_block("development_plan", assessment_block=str(submitted.scope_ids.usage_id))
    before = plan.linked_assessment()
    assert before is not None
    assert {g.competency_id: g.required for g in before.gaps}["coaching-others"] == 2
    response = call(submitted, "choose_target", {"role_id": "experienced-leader-mentor"})
    assert response.status_code == 200, response.json
    assert "Experienced leader and mentor is now your target role." in response.json["message"]
    assert 'data-role-id="first-time-manager"' in response.json["html"]
    result = submitted.latest_result()
    assert result is not None and result.role_id == "experienced-leader-mentor"
    assert {g.competency_id: g.required for g in result.gaps}["coaching-others"] == 4
    assert len(submitted.record.attempts) == 1  # no new self-assessment was made up
    assert submitted.record.draft.role_id == "experienced-leader-mentor"
    after = plan.linked_assessment()  # the plan's goals from gaps follow the new target
    assert after is not None
    assert {g.competency_id: g.required for g in after.gaps}["coaching-others"] == 4
    row = submitted.report_row({"assessment": submitted.assessment})
    assert row is not None and row["role"] == "experienced-leader-mentor"
    # The next submission is against the role the learner chooses then.
    again = {"role_id": "first-time-manager", "levels": LEVELS}
    assert call(submitted, "submit_assessment", again).status_code == 200
    assert submitted.latest_result().role_id == "first-time-manager"


def test_a_role_not_on_offer_cannot_become_the_target(make_block, call) -> None:
    block = make_block(
        ASSESSMENT, competencies=["leading-people"], target_roles=["first-time-manager"]
    )
    draft = {"role_id": "first-time-manager", "levels": LEVELS}
    assert call(block, "submit_assessment", draft).status_code == 200
    stored = dict(block.assessment)
    response = call(block, "choose_target", {"role_id": "project-lead"})
    assert response.status_code == 400
    assert block.assessment == stored
    assert 'data-fit-role="project-lead"' not in student_html(block)


def test_strengths_with_an_offer_to_mentor_kept_in_the_learners_state(submitted, call) -> None:
    words = text_of(section(student_html(submitted), "data-strengths"))
    assert "Where you already meet or exceed what First-time manager asks:" in words
    assert "Giving feedback" in words and "Ways to use and share it" in words
    assert "Delegating" not in words  # an open gap, not a strength
    refused = call(submitted, "offer_mentoring", {"competency_id": "delegating", "offered": True})
    assert refused.status_code == 400 and submitted.mentor_offers == []
    offer = {"competency_id": "giving-feedback", "offered": True}
    response = call(submitted, "offer_mentoring", offer)
    assert response.status_code == 200, response.json
    assert submitted.mentor_offers == ["giving-feedback"]
    assert "Withdraw your offer to mentor in Giving feedback" in text_of(response.json["html"])
    assert submitted.mentor_offers_of({"mentor_offers": ["giving-feedback"]}) == ["giving-feedback"]
    withdraw = {"competency_id": "giving-feedback", "offered": False}
    assert call(submitted, "offer_mentoring", withdraw).status_code == 200
    assert submitted.mentor_offers == []


def test_the_roles_and_offers_stay_out_of_hr_rows(submitted, call) -> None:
    call(submitted, "offer_mentoring", {"competency_id": "giving-feedback", "offered": True})
    state = {"assessment": submitted.assessment, "mentor_offers": submitted.mentor_offers}
    [(_, row)] = list(
        submitted.generate_report_data([XBlockUserState("learner_1", None, state, None, None)])
    )
    assert "mentor" not in " ".join(row)


def test_an_offer_to_mentor_reaches_the_peer_groups_pay_it_forward(
    make_block, workbench_field_data, call
) -> None:
    """The offer stays in the learner's own assessment state; the peer group linked to it
    reads it: the learner sees it under Pay it forward, staff get it with the volunteers."""
    from tests.xblocks.test_peer_group import MENTORING_ROSTER, download

    assessment = make_block(
        ASSESSMENT,
        user="learner_1",
        field_data=workbench_field_data,
        competencies=["leading-people"],
    )
    draft = {"role_id": "first-time-manager", "levels": LEVELS}
    assert call(assessment, "submit_assessment", draft).status_code == 200
    offer = {"competency_id": "giving-feedback", "offered": True}
    assert call(assessment, "offer_mentoring", offer).status_code == 200
    group = make_block(
        "peer_group",
        user="learner_1",
        field_data=workbench_field_data,
        kind="mentoring",
        roster_csv=MENTORING_ROSTER,
        programme_end="2025-06-30",
        assessment_block=str(assessment.scope_ids.usage_id),
    )
    words = text_of(student_html(group))
    assert "On your self-assessment you offered to mentor in: Giving feedback." in words
    assert call(group, "volunteer", {"volunteer_as": "mentor"}).status_code == 200
    assert group.volunteer_as == "mentor" and assessment.mentor_offers == ["giving-feedback"]
    staff = make_block(
        "peer_group",
        user="staff_hr",
        usage=group.scope_ids.usage_id,
        field_data=workbench_field_data,
    )
    assert download(staff, "download_volunteers") == [
        ["id", "volunteer_as", "strengths"],
        ["learner_1", "mentor", "giving-feedback:3"],
    ]
