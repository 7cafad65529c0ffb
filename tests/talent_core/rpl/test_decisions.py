"""Decisions: the rules a decision must meet, the decisions CSV and its idempotent import."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

import talent_core as tc
from talent_core import rpl


@pytest.fixture(scope="module")
def demo() -> rpl.RplDemo:
    return rpl.demo_rpl(today=dt.datetime(2026, 11, 1, tzinfo=dt.UTC))


def _decided(demo: rpl.RplDemo) -> rpl.QueueRow:
    return next(r for r in demo.queue if r.reviews and r.reviews[0].decision)


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _csv(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rpl.DECISION_COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def test_a_decision_from_the_lms_that_meets_the_rules_stands(demo: rpl.RplDemo) -> None:
    row = _decided(demo)
    rpl.check_decision(row.claim, row.reviews[0], demo.roster, rpl.RplPolicy(), demo.framework)


def test_the_same_person_may_not_guide_and_assess_one_claim(demo: rpl.RplDemo) -> None:
    row = _decided(demo)
    review = row.reviews[0]
    assert review.decision is not None
    roster = rpl.read_reviewer_roster(
        f"username,role,learners\n{review.decision.assessor},guide,{row.learner}\n"
    )
    with pytest.raises(tc.ValidationError, match="may not guide and assess one claim") as caught:
        rpl.check_decision(row.claim, review, roster, rpl.RplPolicy(), demo.framework)
    assert "mag één aanvraag niet begeleiden en beoordelen" in caught.value.text("nl")


def test_a_decision_needs_the_instrument_every_reason_and_every_score(demo: rpl.RplDemo) -> None:
    row = _decided(demo)
    review = row.reviews[0]
    assert review.decision is not None
    first_indicator = next(iter(review.decision.reasons))
    decision = review.decision.model_copy(
        update={
            "instrument": None,
            "reasons": {k: v for k, v in review.decision.reasons.items() if k != first_indicator},
        }
    )
    bare = review.model_copy(update={"instrument": None, "scores": [], "decision": decision})
    problems = rpl.decision_problems(row.claim, bare, demo.roster, None, demo.framework)
    assert {p.message_id for p in problems} == {
        "problem.rpl.instrument_first",
        "problem.rpl.score_every_item",
        "problem.rpl.reason_missing",
    }


def test_a_draft_cannot_be_decided_nor_a_level_above_the_claim(demo: rpl.RplDemo) -> None:
    row = _decided(demo)
    review = row.reviews[0]
    assert review.decision is not None
    draft = row.claim.model_copy(update={"state": rpl.ClaimState.DRAFT})
    above = review.decision.model_copy(
        update={"outcome": rpl.DecisionOutcome.RECOGNISED, "awarded_level": row.claim.level + 1}
    )
    problems = rpl.decision_problems(
        draft, review.model_copy(update={"decision": above}), demo.roster, None, demo.framework
    )
    assert {p.field for p in problems} >= {"state", "awarded_level"}


def test_currency_and_quantity_defaults_follow_the_policy() -> None:
    policy = rpl.RplPolicy()
    data = {"id": "e1", "kind": "text", "title": "t", "description": "d", "date": "2021-03-01"}
    item = tc.load(rpl.EvidenceItem, data)
    assert rpl.currency_met(item, dt.date(2026, 3, 1), policy)
    assert not rpl.currency_met(item, dt.date(2026, 3, 2), policy)
    assert rpl.currency_met(item, dt.date(2028, 2, 29), rpl.RplPolicy(currency_years=7))


def test_the_decisions_csv_round_trips(demo: rpl.RplDemo) -> None:
    text = rpl.write_decisions_csv(demo.decisions)
    read = rpl.read_decisions_csv(text, demo.queue, demo.framework, demo.roster)
    assert [d.decision_id for d in read] == [d.decision_id for d in demo.decisions]
    assert all(d.source == "import" and d.instrument is not None for d in read)
    assert [d.reasons for d in read] == [d.reasons for d in demo.decisions]
    # from bytes as Excel saves them (BOM) and as UTF-16 "Unicode text"
    assert (
        rpl.read_decisions_csv(
            b"\xef\xbb\xbf" + text.encode(), demo.queue, demo.framework, demo.roster
        )
        == read
    )
    assert (
        rpl.read_decisions_csv(text.encode("utf-16"), demo.queue, demo.framework, demo.roster)
        == read
    )


def test_a_hostile_decisions_file_is_refused_with_every_bad_row_named(demo: rpl.RplDemo) -> None:
    good = _rows(rpl.write_decisions_csv(demo.decisions))
    bad = [dict(row) for row in good[:8]]
    bad[0]["claim_id"] = "f" * 32  # row 2: unknown claim
    bad[1]["awarded_level"] = "9"  # row 3: level off the scale and above the claim
    bad[1]["outcome"] = "recognised"
    bad[2]["outcome"] = '=HYPERLINK("http://evil")'  # row 4: a formula, no outcome
    bad[3]["instrument_kind"] = bad[3]["instrument_date"] = bad[3]["instrument_outcome"] = ""
    bad[4]["reasons"] = "{not json"  # row 6
    bad[5]["assessor"] = "guide_1"  # row 7: the learner's guide
    bad.append(dict(good[6]))  # row 10: row 8's decision again
    with pytest.raises(rpl.RplFileError) as caught:
        rpl.read_decisions_csv(_csv(bad), demo.queue, demo.framework, demo.roster)
    named = {p.field.split(",")[0] for p in caught.value.problems}
    assert named == {"row 2", "row 3", "row 4", "row 5", "row 6", "row 7", "row 10"}
    fields = {p.field for p in caught.value.problems}
    assert {
        "row 2, claim_id",
        "row 3, awarded_level",
        "row 4, outcome",
        "row 5, instrument_kind",
        "row 6, reasons",
        "row 7, assessor",
    } <= fields
    assert "may not guide and assess one claim" in str(caught.value)


def test_duplicate_rows_are_named(demo: rpl.RplDemo) -> None:
    good = _rows(rpl.write_decisions_csv(demo.decisions))
    again = dict(good[1])
    other = dict(good[1], decision_id="d" * 32)
    with pytest.raises(rpl.RplFileError) as caught:
        rpl.read_decisions_csv(
            _csv([*good[:3], again, other]), demo.queue, demo.framework, demo.roster
        )
    assert [(p.field, p.message_id) for p in caught.value.problems] == [
        ("row 5, decision_id", "problem.rpl.row_twice"),
        ("row 6, assessor", "problem.rpl.decided_twice"),
    ]


@pytest.mark.parametrize(
    ("data", "message_id"),
    [
        ("decision_id,claim_id\n".encode("latin-1"), "problem.rpl.not_csv"),
        (b"", "problem.rpl.not_csv"),
        (",".join(rpl.DECISION_COLUMNS).encode() + b"\n", "problem.rpl.no_decisions"),
        ((",".join(rpl.DECISION_COLUMNS) + ",extra\n").encode(), "problem.rpl.columns"),
        (
            (",".join(rpl.DECISION_COLUMNS) + "\nJ\u00f6rg\n").encode("latin-1"),
            "problem.rpl.not_utf8",
        ),
        (b"\x00" * 10, "problem.rpl.not_csv"),
    ],
)
def test_files_that_are_no_decisions_csv_are_refused(
    demo: rpl.RplDemo, data: bytes, message_id: str
) -> None:
    with pytest.raises(rpl.RplFileError) as caught:
        rpl.read_decisions_csv(data, demo.queue, demo.framework, demo.roster)
    assert message_id in [p.message_id for p in caught.value.problems]


def test_formula_cells_are_defused_and_read_back(demo: rpl.RplDemo) -> None:
    decision = demo.decisions[0].model_copy(update={"feedback": "=cmd|' /C calc'!A0"})
    text = rpl.write_decisions_csv([decision])
    assert "'=cmd" in text
    read = rpl.read_decisions_csv(text, demo.queue, demo.framework, demo.roster)
    assert read[0].feedback == "=cmd|' /C calc'!A0"


def test_importing_the_same_file_twice_applies_nothing_twice(demo: rpl.RplDemo) -> None:
    text = rpl.write_decisions_csv(demo.decisions)
    read = rpl.read_decisions_csv(text, demo.queue, demo.framework, demo.roster)
    first = rpl.import_decisions({}, read)
    assert len(first.added) == len(read) and first.unchanged == 0
    stored = json.loads(json.dumps(first.stored))  # as the block keeps it
    again = rpl.import_decisions(
        stored, rpl.read_decisions_csv(text, demo.queue, demo.framework, demo.roster)
    )
    assert again.added == [] and again.unchanged == len(read)
    assert again.stored == stored
    changed = read[0].model_copy(update={"feedback": "Something else."})
    with pytest.raises(rpl.RplFileError, match="new decision_id"):
        rpl.import_decisions(stored, [changed])


def test_a_reviewer_keeps_apart_the_claims_of_two_learners_with_one_claim_id() -> None:
    """A claim id is the learner's own: two learners' claims never share one review."""
    claim_id = "c" * 32
    state = rpl.ReviewerState()
    for learner in ("learner_6", "learner_8"):
        state = state.with_review(rpl.ClaimReview(claim_id=claim_id, learner=learner))
    assert [r.learner for r in state.reviews] == ["learner_6", "learner_8"]
    assert state.review_of("learner_8", claim_id) is state.reviews[1]
    assert state.review_of("learner_9", claim_id) is None
    again = state.with_review(rpl.ClaimReview(claim_id=claim_id, learner="learner_6"))
    assert [r.learner for r in again.reviews] == ["learner_8", "learner_6"]
