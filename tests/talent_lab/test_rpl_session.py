"""The review notebook's session: loading the block's downloads, filters, one claim, decisions
checked by the core's rules (second assessor, disagreement flagged), the decisions CSV."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest

import talent_core as tc
from talent_core import rpl
from talent_lab import FileProblemsError, RplReviewSession
from talent_lab._errors import NotebookError
from talent_lab._rpl_render import claim_html

TODAY = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)


@pytest.fixture
def session(tmp_path: Path) -> RplReviewSession:
    return RplReviewSession.from_demo(out_dir=tmp_path, today=TODAY)


def _waiting(session: RplReviewSession) -> rpl.QueueRow:
    return next(r for r in session.queue if r.claim.state is rpl.ClaimState.SUBMITTED)


def _decide(session: RplReviewSession, row: rpl.QueueRow, assessor: str, outcome: str) -> None:
    detail = session.detail(row.claim.id)
    session.record_decision(
        row.claim.id,
        assessor=assessor,
        outcome=outcome,
        awarded_level=row.claim.level if outcome == "recognised" else None,
        reasons={
            ident: "Seen in the evidence and the interview." for ident, _ in detail.indicators
        },
        feedback="Thank you." if outcome != "more_evidence_needed" else "Add a statement.",
        instrument={"kind": "criterion_interview", "date": "2026-10-20", "outcome": "Confirmed."},
        at=TODAY - dt.timedelta(days=1),
    )


def test_filters_narrow_the_queue(session: RplReviewSession) -> None:
    assert len(session.entries()) == 14
    session.state = "disputed"
    assert len(session.entries()) == 1 and session.entries()[0].status.disputed
    session.state = "submitted"
    assert {e.status.state for e in session.entries()} == {rpl.ClaimState.SUBMITTED}
    session.state = None
    competency = session.competencies()[0][1]
    session.competency = competency
    assert {e.claim.competency_id for e in session.entries()} == {competency}
    session.competency = None
    session.max_age_days = 0
    assert session.entries() == []
    session.max_age_days = 10_000
    ages = [e.age_days for e in session.entries()]
    assert ages == sorted(ages, reverse=True)
    assert list(session.queue_table().columns)[:3] == ["claim_id", "learner", "competency"]


def test_a_claim_side_by_side(session: RplReviewSession) -> None:
    row = next(r for r in session.queue if r.reviews and r.reviews[0].scores)
    detail = session.detail(row.claim.id)
    indicators = [
        n.id for n in session.framework.indicators(row.claim.competency_id, row.claim.level)
    ]
    assert [ident for ident, _ in detail.indicators] == indicators
    for ident, linked in detail.matrix.items():
        assert linked == [i.id for i in row.claim.evidence if ident in i.indicator_ids]
    assert set(detail.vraak) == {i.id for i in row.claim.evidence}
    assert "assessor_" in detail.vraak[row.claim.evidence[0].id]["relevance"]
    waiting = session.detail(_waiting(session).claim.id)
    assert set(next(iter(waiting.vraak.values()))) == {"currency", "quantity"}  # defaults
    with pytest.raises(NotebookError):
        session.detail("0" * 32)


def test_a_second_assessor_keeps_both_decisions_and_flags_disagreement(
    session: RplReviewSession,
) -> None:
    row = _waiting(session)
    _decide(session, row, "assessor_1", "recognised")
    assert session.entry(row).status.recognised
    _decide(session, row, "assessor_2", "not_recognised")
    status = session.entry(row).status
    assert status.disputed and status.outcome is None
    assert [d.assessor for d in session.decisions] == ["assessor_1", "assessor_2"]
    # the same assessor deciding again replaces their own decision; agreement settles it
    _decide(session, row, "assessor_2", "recognised")
    assert len(session.decisions) == 2 and session.entry(row).status.recognised


def test_a_decision_breaking_the_rules_is_refused_and_nothing_recorded(
    session: RplReviewSession,
) -> None:
    row = _waiting(session)
    with pytest.raises(tc.ValidationError) as caught:
        session.record_decision(
            row.claim.id,
            assessor="guide_1",
            outcome="recognised",
            awarded_level=row.claim.level,
            reasons={},
            instrument={"kind": "criterion_interview", "date": "2026-10-20", "outcome": "ok"},
        )
    ids = {p.message_id for p in caught.value.problems}
    assert {"problem.rpl.guide_may_not_assess", "problem.rpl.reason_missing"} <= ids
    with pytest.raises(tc.ValidationError, match="instrument"):
        session.record_decision(
            row.claim.id,
            assessor="assessor_1",
            outcome="recognised",
            awarded_level=row.claim.level,
            reasons={},
            instrument={"kind": "chat", "date": None, "outcome": ""},
        )
    assert session.decisions == []


def test_the_decisions_csv_is_what_the_block_imports(session: RplReviewSession) -> None:
    with pytest.raises(NotebookError, match="No decision"):
        session.export_decisions()
    row = _waiting(session)
    _decide(session, row, "assessor_1", "recognised")
    exported = session.export_decisions()
    assert exported.path.name == "rpl-decisions.csv" and exported.path.read_bytes() == exported.data
    demo = rpl.demo_rpl(today=TODAY)
    read = rpl.read_decisions_csv(exported.data, demo.queue, demo.framework, demo.roster)
    assert [d.decision_id for d in read] == [session.decisions[0].decision_id]
    # loading it back into a new session applies nothing twice
    again = RplReviewSession.from_demo(today=TODAY)
    assert again.load([("rpl-decisions.csv", exported.data)]) == ["decisions"]
    again.load([("rpl-decisions.csv", exported.data)])
    assert len(again.decisions) == 1


def test_loading_the_blocks_downloads(session: RplReviewSession) -> None:
    demo = rpl.demo_rpl(today=TODAY)
    queue = rpl.write_queue_csv(demo.queue[:5]).encode("utf-8-sig")
    files = io.BytesIO()
    row, item = next((r, i) for r in demo.queue[:5] for i in r.claim.evidence if i.file)
    assert item.file is not None
    member = f"{row.learner}/{row.claim.id}/{item.id}-{item.file.original_name}"
    with zipfile.ZipFile(files, "w") as archive:
        archive.writestr("manifest.csv", "learner,claim_id,evidence_id\n")
        archive.writestr(member, b"%PDF-1.7 not the stored bytes")
    kinds = session.load(
        [
            ("queue.csv", queue),
            ("roster.csv", demo.roster_csv.encode()),
            ("evidence.zip", files.getvalue()),
        ]
    )
    assert kinds == ["queue", "roster", "files"]
    assert len(session.queue) == 5 and list(session.files) == [(row.claim.id, item.id)]
    html = claim_html(session, session.detail(row.claim.id))
    assert "differs from the one" in html  # the demo's checksum is not of these bytes
    name, size, _ = session.files[(row.claim.id, item.id)]
    session.files[(row.claim.id, item.id)] = (name, size, item.file.sha256)
    assert "in the loaded zip" in claim_html(session, session.detail(row.claim.id))


def test_a_bad_file_is_named_in_the_users_language_and_changes_nothing(
    session: RplReviewSession,
) -> None:
    before = list(session.queue)
    header = b"claim_id,learner,competency_id,level,state,created,updated,evidence\n"
    bad = header + b"x,y,z,1,draft,a,b,[\n"
    with pytest.raises(FileProblemsError) as caught:
        session.load([("queue.csv", bad)])
    assert caught.value.text("sv").startswith("queue.csv: row 2")
    assert session.queue == before
    with pytest.raises(NotebookError):
        session.load([("evidence.zip", b"PK\x03\x04broken")])
    with pytest.raises(tc.TalentError):
        session.load([("framework.json", b"{not json")])


def test_the_open_edx_report_of_the_block_loads_as_the_queue(session: RplReviewSession) -> None:
    from tests.talent_core.rpl.test_queue_status import _lms_report

    demo = rpl.demo_rpl(today=TODAY)
    assert session.load([("report.csv", _lms_report(demo).encode("utf-8-sig"))]) == ["report"]
    assert {r.claim.id for r in session.queue} == {r.claim.id for r in demo.queue}
    assert session.state_counts() == RplReviewSession.from_demo(today=TODAY).state_counts()
