"""A learner's claims: what the models keep and refuse, and the life of a claim."""

from __future__ import annotations

import datetime as dt

import pytest

import talent_core as tc
from talent_core import rpl
from tests.talent_core.rpl.conftest import T0, claim_data, make_claim


def _decision(outcome: str, at: dt.datetime, **changes: object) -> rpl.ClaimDecision:
    data: dict[str, object] = {
        "claim_id": "a" * 32,
        "learner": "learner_1",
        "assessor": "assessor_1",
        "outcome": outcome,
        "reasons": {"giving-feedback-l2-1": "Shown in the notes."},
        "feedback": "Add an observation by a colleague.",
        "decided_at": at.isoformat(),
    }
    if outcome in ("recognised", "partly_recognised"):
        data["awarded_level"] = 2
    data.update(changes)
    return tc.load(rpl.ClaimDecision, data)


def test_a_claim_round_trips_through_the_block_state() -> None:
    claim = make_claim()
    portfolio = rpl.PortfolioState(claims=[claim])
    stored = portfolio.model_dump(mode="json")
    assert tc.load(rpl.PortfolioState, stored) == portfolio
    assert stored["claims"][0]["state"] == "draft"
    assert stored["schema_version"] == 1


@pytest.mark.parametrize(
    ("change", "field", "message_id"),
    [
        ({"title": "bad\x1b[31m"}, "evidence[0].title", "problem.text.control_character"),
        ({"date": "2999-01-01"}, "evidence[0].date", "problem.date.implausible"),
        ({"url": "javascript:alert(1)", "kind": "link"}, "evidence[0].url", "problem.rpl.link"),
        ({"kind": "link"}, "evidence[0].url", "problem.rpl.link_missing"),
        ({"kind": "file"}, "evidence[0].file", "problem.rpl.file_missing"),
        (
            {"description": "", "kind": "text"},
            "evidence[0].description",
            "problem.rpl.text_missing",
        ),
    ],
)
def test_evidence_a_person_gets_wrong_is_named(change: dict, field: str, message_id: str) -> None:
    data = claim_data()
    data["evidence"][0].update(change)
    with pytest.raises(tc.ValidationError) as caught:
        tc.load(rpl.PriorLearningClaim, data)
    found = {(p.field, p.message_id) for p in caught.value.problems}
    assert (field, message_id) in found


def test_evidence_dates_are_required() -> None:
    data = claim_data()
    del data["evidence"][0]["date"]
    with pytest.raises(tc.ValidationError, match=r"evidence\[0\]\.date"):
        tc.load(rpl.PriorLearningClaim, data)


def test_a_stored_file_name_must_be_safe_and_its_type_one_of_evidence() -> None:
    data = claim_data()
    good = {
        "storage_name": "rpl/learner_1/" + "b" * 32,
        "original_name": "report.pdf",
        "content_type": "application/pdf",
        "size": 1200,
        "sha256": "c" * 64,
    }
    data["evidence"][0].update(kind="file", file=good)
    assert tc.load(rpl.PriorLearningClaim, data).evidence[0].file is not None
    for bad in (
        {"original_name": "../../etc/passwd"},
        {"content_type": "application/x-msdownload"},
        {"storage_name": "../other/file"},
        {"storage_name": "/abs/file"},
    ):
        data["evidence"][0]["file"] = {**good, **bad}
        with pytest.raises(tc.ValidationError, match=r"evidence\[0\]\.file"):
            tc.load(rpl.PriorLearningClaim, data)


def test_times_without_a_time_zone_are_refused_and_others_kept_in_utc() -> None:
    with pytest.raises(tc.ValidationError, match="created"):
        make_claim(created="2026-03-02T09:00:00")
    claim = make_claim(created="2026-03-02T10:00:00+01:00")
    assert claim.created == T0 and claim.created.tzinfo == dt.UTC


def test_check_claim_names_every_problem(framework: tc.CompetencyFramework) -> None:
    rpl.check_claim(make_claim(), framework)
    data = claim_data(level=9, account={"situation": "Only this."})
    data["evidence"][0]["indicator_ids"] = ["giving-feedback-l3-1"]
    data["evidence"][1]["indicator_ids"] = []
    with pytest.raises(tc.ValidationError) as caught:
        rpl.check_claim(tc.load(rpl.PriorLearningClaim, data), framework)
    found = {(p.field, p.message_id) for p in caught.value.problems}
    assert found == {
        ("level", "problem.level.not_on_scale"),
        ("account", "problem.rpl.account_incomplete"),
        ("evidence[0].indicator_ids", "problem.rpl.indicator_unknown"),
        ("evidence[1].indicator_ids", "problem.rpl.evidence_unlinked"),
    }
    assert "task, action, result" in str(caught.value)


def test_check_claim_refuses_an_unknown_competency_and_no_evidence(
    framework: tc.CompetencyFramework,
) -> None:
    with pytest.raises(tc.ValidationError, match="competency_id"):
        rpl.check_claim(make_claim(competency_id="flying"), framework)
    with pytest.raises(tc.ValidationError, match="at least one piece of evidence"):
        rpl.check_claim(make_claim(evidence=[]), framework)


def test_the_life_of_a_claim_keeps_every_step(framework: tc.CompetencyFramework) -> None:
    claim = make_claim()
    submitted = rpl.submit(claim, "learner_1", T0 + dt.timedelta(hours=1), framework)
    assert submitted.state is rpl.ClaimState.SUBMITTED
    with pytest.raises(tc.ValidationError, match="can no longer be changed"):
        rpl.require_draft(submitted)
    reviewing = rpl.start_review(submitted, "assessor_1", T0 + dt.timedelta(hours=2))
    decision = _decision("more_evidence_needed", T0 + dt.timedelta(hours=3))
    decided = rpl.apply_decision(reviewing, decision)
    assert decided.state is rpl.ClaimState.DECIDED
    assert rpl.apply_decision(decided, decision) == decided  # applied once only
    reopened = rpl.reopen(decided, decision, "learner_1", T0 + dt.timedelta(hours=4))
    assert reopened.state is rpl.ClaimState.DRAFT
    assert [(c.state.value, c.by) for c in reopened.history] == [
        ("submitted", "learner_1"),
        ("in_review", "assessor_1"),
        ("decided", "assessor_1"),
        ("draft", "learner_1"),
    ]
    assert reopened.history[-1].note == "Add an observation by a colleague."
    # the old decision no longer applies once the learner submits again
    again = rpl.submit(reopened, "learner_1", T0 + dt.timedelta(hours=5), framework)
    assert rpl.apply_decision(again, decision) == again
    with pytest.raises(tc.ValidationError):
        rpl.reopen(again, decision, "learner_1", T0 + dt.timedelta(hours=6))


def test_steps_the_life_of_a_claim_does_not_allow_are_refused() -> None:
    claim = make_claim()
    with pytest.raises(tc.ValidationError, match="draft cannot become in_review"):
        rpl.start_review(claim, "assessor_1", T0)
    recognised = _decision("recognised", T0 + dt.timedelta(hours=3))
    submitted = rpl.submit(claim, "learner_1", T0)
    decided = rpl.apply_decision(submitted, recognised)
    with pytest.raises(tc.ValidationError, match="sent back for more evidence"):
        rpl.reopen(decided, recognised, "learner_1", T0 + dt.timedelta(hours=4))
    with pytest.raises(tc.ValidationError, match="another claim"):
        rpl.apply_decision(decided, _decision("recognised", T0, claim_id="b" * 32))


def test_a_decision_says_what_it_awards() -> None:
    with pytest.raises(tc.ValidationError, match="awarded_level"):
        _decision("recognised", T0, awarded_level=None)
    with pytest.raises(tc.ValidationError, match="awarded_level"):
        _decision("not_recognised", T0, awarded_level=2)
    with pytest.raises(tc.ValidationError, match="feedback"):
        _decision("more_evidence_needed", T0, feedback="")


def test_a_new_decision_keeps_the_earlier_one() -> None:
    first = _decision("more_evidence_needed", T0)
    second = _decision("recognised", T0 + dt.timedelta(days=3))
    review = rpl.ClaimReview(claim_id="a" * 32, learner="learner_1")
    review = review.with_decision(first).with_decision(second)
    assert review.decision == second and review.earlier_decisions == [first]


def test_policy_defaults_follow_evc_practice() -> None:
    policy = rpl.RplPolicy()
    assert (policy.currency_years, policy.min_evidence) == (5, 2)
    assert (policy.max_file_mb, policy.max_learner_mb) == (10, 50)
    with pytest.raises(tc.ValidationError, match="max_file_mb"):
        tc.load(rpl.RplPolicy, {"max_file_mb": 60, "max_learner_mb": 50})


def test_problems_read_in_swedish_and_dutch() -> None:
    with pytest.raises(tc.ValidationError) as caught:
        rpl.start_review(make_claim(), "assessor_1", T0)
    assert "kan inte bli" in caught.value.text("sv")
    assert "kan niet" in caught.value.text("nl")
