"""The review notebook's view, driven as a user would, without a kernel."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from talent_core import rpl
from talent_lab import RplReviewSession, RplReviewView

TODAY = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)


@pytest.fixture
def view(tmp_path: Path) -> RplReviewView:
    return RplReviewView(RplReviewSession.from_demo(out_dir=tmp_path, today=TODAY))


def _open_waiting(view: RplReviewView) -> rpl.QueueRow:
    view.state.value = "submitted"
    claim_id = view.claim.value
    return view.session.find(claim_id)


def test_the_queue_filters_and_a_claim_opens_side_by_side(view: RplReviewView) -> None:
    assert "14 of 14 claims" in view.queue.value
    view.state.value = "disputed"
    assert "1 of 14 claims" in view.queue.value
    assert "The assessors disagree" in view.detail.value
    row = _open_waiting(view)
    assert view.claim.value == row.claim.id
    html = view.detail.value
    for item in row.claim.evidence:
        assert f"{item.id}: {item.title}" in html
    assert "Behaviour indicators of level" in html and "VRAAK checklist" in html
    assert set(view.reasons) == {
        n.id for n in view.session.framework.indicators(row.claim.competency_id, row.claim.level)
    }


def test_recording_a_decision_and_exporting_it(view: RplReviewView) -> None:
    row = _open_waiting(view)
    view.assessor.value = "assessor_2"
    view.instrument_kind.value = "workplace_observation"
    view.instrument_date.value = dt.date(2026, 10, 28)
    view.instrument_outcome.value = "Observed a team meeting: <b>as claimed</b>."
    view.outcome.value = "recognised"
    view.level.value = str(row.claim.level)
    for box in view.reasons.values():
        box.value = "Shown."
    assert view.record_decision()
    assert "Decision recorded" in view.record_status.value
    assert view.session.decisions[0].instrument is not None
    view.export_button.click()
    assert "rpl-decisions.csv" in view.export_status.value
    assert (view.session.out_dir / "rpl-decisions.csv").exists()


def test_a_refused_decision_is_shown_in_the_users_language(view: RplReviewView) -> None:
    _open_waiting(view)
    view.language.value = "nl"
    view.assessor.value = "assessor_1"
    view.instrument_date.value = None
    view.outcome.value = "recognised"
    view.record.click()
    assert 'role="alert"' in view.record_status.value
    assert "Het besluit is niet vastgelegd" in view.record_status.value
    assert view.session.decisions == []


def test_charts_have_titles_axes_and_a_legend(view: RplReviewView) -> None:
    states = view.states_chart.figure
    assert list(states.data[0].y) == list(view.session.state_counts().values())
    assert states.layout.yaxis.title.text == "Claims"
    assert len(view.time_chart.figure.data[0].x) == len(view.session.decision_days())
    rate = view.rate_chart.figure
    assert [bars.name for bars in rate.data] == [
        "recognised (in full or in part)",
        "not recognised or more evidence needed",
    ]
    view.language.value = "sv"
    assert view.states_chart.figure.layout.title.text == "Ansökningar per status"


def test_a_bad_upload_is_named_and_the_queue_kept(view: RplReviewView) -> None:
    assert not view.load_files([{"name": "queue.csv", "content": b"claim_id,evidence\n1,2\n"}])
    assert "queue.csv" in view.load_status.value and 'role="alert"' in view.load_status.value
    assert "14 of 14 claims" in view.queue.value
