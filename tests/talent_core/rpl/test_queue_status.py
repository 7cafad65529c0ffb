"""The review queue CSV, the learner's view of a claim (disagreement flagged), the demo data
and the report rows."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

import talent_core as tc
from talent_core import reports, rpl


@pytest.fixture(scope="module")
def demo() -> rpl.RplDemo:
    return rpl.demo_rpl(today=dt.datetime(2026, 11, 1, tzinfo=dt.UTC))


def test_the_demo_has_every_kind_of_claim(demo: rpl.RplDemo) -> None:
    statuses = [rpl.claim_status_for_learner(r.claim, r.reviews) for r in demo.queue]
    outcomes = {s.outcome for s in statuses}
    assert set(rpl.DecisionOutcome) <= outcomes
    assert sum(s.disputed for s in statuses) == 1
    assert {s.state for s in statuses} == {
        rpl.ClaimState.SUBMITTED,
        rpl.ClaimState.IN_REVIEW,
        rpl.ClaimState.DECIDED,
    }
    for row in demo.queue:
        rpl.check_claim(row.claim, demo.framework)
    assert rpl.demo_rpl(today=dt.datetime(2026, 11, 1, tzinfo=dt.UTC)) == demo


def test_the_queue_csv_round_trips_and_defuses_formulas(demo: rpl.RplDemo) -> None:
    first = demo.queue[0]
    account = first.claim.account.model_copy(update={"situation": "=1+1 and @SUM(A1)"})
    hostile = first.model_copy(
        update={"claim": first.claim.model_copy(update={"account": account})}
    )
    rows = [hostile, *demo.queue[1:]]
    text = rpl.write_queue_csv(rows)
    cells = list(csv.reader(io.StringIO(text)))
    assert cells[0] == list(rpl.QUEUE_COLUMNS)
    assert cells[1][rpl.QUEUE_COLUMNS.index("situation")].startswith("'=")
    assert rpl.read_queue_csv(text) == rows
    assert rpl.read_queue_csv(text.encode("utf-8-sig")) == rows


def test_a_claim_with_the_most_and_longest_evidence_reads_back(demo: rpl.RplDemo) -> None:
    row = demo.queue[0]
    items = [
        {
            "id": f"e{i}",
            "kind": "text",
            "title": "T" * 300,
            "description": 'é"' * 2000,
            "date": "2025-01-01",
            "indicator_ids": [],
        }
        for i in range(rpl.MAX_EVIDENCE)
    ]
    claim = tc.load(
        rpl.PriorLearningClaim, {**row.claim.model_dump(mode="json"), "evidence": items}
    )
    text = rpl.write_queue_csv([row.model_copy(update={"claim": claim})])
    assert len(text) > 200_000
    assert rpl.read_queue_csv(text)[0].claim == claim


def test_a_bad_queue_file_names_every_bad_row(demo: rpl.RplDemo) -> None:
    text = rpl.write_queue_csv(demo.queue[:4])
    rows = list(csv.DictReader(io.StringIO(text)))
    rows[0]["level"] = "high"
    rows[1]["evidence"] = "[{"
    rows[3]["claim_id"] = rows[2]["claim_id"]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rpl.QUEUE_COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    with pytest.raises(rpl.RplFileError) as caught:
        rpl.read_queue_csv(out.getvalue())
    assert [p.field.split(",")[0] for p in caught.value.problems] == ["row 2", "row 3", "row 5"]


def _decision(row: rpl.QueueRow, assessor: str, outcome: str, days: int) -> rpl.ClaimDecision:
    decided = row.claim.submitted_at
    assert decided is not None
    return tc.load(
        rpl.ClaimDecision,
        {
            "claim_id": row.claim.id,
            "learner": row.learner,
            "assessor": assessor,
            "outcome": outcome,
            "awarded_level": row.claim.level if outcome == "recognised" else None,
            "feedback": "More please." if outcome == "more_evidence_needed" else "",
            "decided_at": (decided + dt.timedelta(days=days)).isoformat(),
            "source": "import",
        },
    )


def test_two_assessors_disagreeing_is_flagged_and_the_later_does_not_win(
    demo: rpl.RplDemo,
) -> None:
    row = next(r for r in demo.queue if r.claim.state is rpl.ClaimState.SUBMITTED)
    yes = _decision(row, "assessor_1", "recognised", 1)
    no = _decision(row, "assessor_2", "not_recognised", 2)
    status = rpl.claim_status_for_learner(row.claim, [], [yes, no])
    assert status.disputed and status.outcome is None and not status.recognised
    assert [d.assessor for d in status.decisions] == ["assessor_1", "assessor_2"]
    # both agree: the outcome stands; an assessor's own later decision replaces theirs
    agreed = _decision(row, "assessor_2", "recognised", 3)
    status = rpl.claim_status_for_learner(row.claim, [], [yes, no, agreed])
    assert not status.disputed and status.recognised
    assert status.awarded_level == row.claim.level


def test_a_reopened_claim_shows_why_and_older_decisions_stop_counting(
    demo: rpl.RplDemo,
) -> None:
    row = next(r for r in demo.queue if r.claim.state is rpl.ClaimState.SUBMITTED)
    more = _decision(row, "assessor_1", "more_evidence_needed", 1)
    at = more.decided_at + dt.timedelta(hours=1)
    reopened = rpl.reopen(row.claim, more, row.learner, at)
    status = rpl.claim_status_for_learner(reopened, [], [more])
    assert status.state is rpl.ClaimState.DRAFT and status.sent_back_by == more
    again = rpl.submit(reopened, row.learner, at + dt.timedelta(days=1), demo.framework)
    status = rpl.claim_status_for_learner(again, [], [more])
    assert status.state is rpl.ClaimState.SUBMITTED and status.decisions == []


def test_a_review_started_shows_in_review(demo: rpl.RplDemo) -> None:
    row = next(r for r in demo.queue if r.claim.state is rpl.ClaimState.SUBMITTED)
    review = rpl.ClaimReview(
        claim_id=row.claim.id,
        learner=row.learner,
        scores=[
            rpl.VraakScore(
                evidence_id=row.claim.evidence[0].id,
                variation="met",
                relevance="met",
                authenticity="partly",
                currency="met",
                quantity="not_met",
            )
        ],
    )
    assert rpl.claim_status_for_learner(row.claim, [review]).state is rpl.ClaimState.IN_REVIEW


def test_a_claim_picked_up_shows_in_review_before_any_score(demo: rpl.RplDemo) -> None:
    """The assessor's block creates an empty review when they pick the claim up."""
    row = next(r for r in demo.queue if r.claim.state is rpl.ClaimState.SUBMITTED)
    picked = rpl.ClaimReview(claim_id=row.claim.id, learner=row.learner)
    assert rpl.claim_status_for_learner(row.claim, [picked]).state is rpl.ClaimState.IN_REVIEW
    assert rpl.claim_status_for_learner(row.claim, []).state is rpl.ClaimState.SUBMITTED
    old = rpl.ClaimDecision(
        claim_id=row.claim.id,
        learner=row.learner,
        assessor="assessor_1",
        outcome=rpl.DecisionOutcome.MORE_EVIDENCE_NEEDED,
        feedback="Add a recent example.",
        decided_at=row.claim.created,
    )
    decided_before = picked.model_copy(update={"decision": old})
    status = rpl.claim_status_for_learner(row.claim, [decided_before])
    assert status.state is rpl.ClaimState.SUBMITTED  # a decision on an earlier submission


def test_report_rows_list_claims_and_reviews(demo: rpl.RplDemo) -> None:
    portfolio = rpl.PortfolioState(claims=[r.claim for r in demo.queue[:3]])
    rows = reports.rpl_claim_rows(portfolio)
    assert [r["claim_id"] for r in rows] == [c.id for c in portfolio.claims]
    assert list(rows[0]) == list(reports.RPL_CLAIM_COLUMNS)
    state = rpl.ReviewerState(reviews=[rv for r in demo.queue for rv in r.reviews])
    review_rows = reports.rpl_review_rows(state)
    assert len(review_rows) == len(state.reviews)
    assert {r["outcome"] for r in review_rows} >= {"recognised", "not_recognised", ""}
    text = reports.rows_to_csv([("assessor_1", r) for r in review_rows])
    assert text.startswith("username,record,claim_id")


def test_the_dashboards_skip_rpl_files_and_say_where_they_belong(demo: rpl.RplDemo) -> None:
    assert reports.skipped_file(rpl.QUEUE_COLUMNS) == "rpl_queue"
    assert reports.skipped_file(rpl.DECISION_COLUMNS) == "rpl_decisions"
    assert reports.skipped_file(["username", *reports.RPL_CLAIM_COLUMNS]) == "rpl_report"
    assert reports.skipped_file(["username", *reports.RPL_REVIEW_COLUMNS]) == "rpl_report"
    assert reports.skipped_file(rpl.REVIEWER_ROSTER_COLUMNS) == "rpl_roster"
    assert "(04)" in tc.i18n.translate("dashboards.skip.rpl_queue", "nl")


def _lms_report(demo: rpl.RplDemo) -> str:
    """The problem-responses report as the platform writes it: the block's report rows plus
    each user's raw block state in a ``state`` column."""
    portfolios: dict[str, list[rpl.PriorLearningClaim]] = {}
    records: dict[str, list[rpl.ClaimReview]] = {}
    for row in demo.queue:
        portfolios.setdefault(row.learner, []).append(row.claim)
        for review in row.reviews:
            assert review.assessor is not None
            records.setdefault(review.assessor, []).append(
                review.model_copy(update={"assessor": None})
            )
    draft = demo.queue[0].claim.model_copy(update={"id": "d" * 32, "state": rpl.ClaimState.DRAFT})
    portfolios[demo.queue[0].learner].append(draft)
    rows = []
    for learner, claims in portfolios.items():
        portfolio = rpl.PortfolioState(claims=claims)
        state = json.dumps({"portfolio": portfolio.model_dump(mode="json")})
        rows += [(learner, {**r, "state": state}) for r in reports.rpl_claim_rows(portfolio)]
    for assessor, reviews in records.items():
        record = rpl.ReviewerState(reviews=reviews)
        state = json.dumps({"review_record": record.model_dump(mode="json")})
        rows += [(assessor, {**r, "state": state}) for r in reports.rpl_review_rows(record)]
    return reports.rows_to_csv(rows)


def test_the_queue_rebuilt_from_the_lms_report(demo: rpl.RplDemo) -> None:
    queue = rpl.read_report_queue(_lms_report(demo).encode("utf-8-sig"))
    by_id = {row.claim.id: row for row in queue}
    assert set(by_id) == {row.claim.id for row in demo.queue}  # the draft stays out
    for row in demo.queue:
        rebuilt = by_id[row.claim.id]
        assert rebuilt.claim == row.claim and rebuilt.learner == row.learner
        assert sorted(r.model_dump_json() for r in rebuilt.reviews) == sorted(
            r.model_dump_json() for r in row.reviews
        )


def test_an_unreadable_state_in_the_report_is_named(demo: rpl.RplDemo) -> None:
    text = (
        "username,record,state\r\n"
        "learner_1,claim,{not json\r\n"
        'learner_2,claim,"{""portfolio"": 5}"\r\n'
    )
    with pytest.raises(rpl.RplFileError) as caught:
        rpl.read_report_queue(text)
    assert [p.field.split(",")[0] for p in caught.value.problems] == ["row 2", "row 3"]
