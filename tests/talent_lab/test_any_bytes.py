"""Any bytes into any notebook upload: a clean refusal (a TalentError) or a load, never a crash.

The dashboards' report reader gives a TalentError naming the file, or a report.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import talent_core as tc
from talent_core import demo_framework
from talent_lab import (
    DashboardSession,
    FrameworkSession,
    GroupingSession,
    MentoringSession,
    RplReviewSession,
)
from talent_lab._dashboard_reports import read_report

STARTS = [
    b"",
    b"\xef\xbb\xbf",
    b"Parent id number,Id number,Shortname\r",
    b"username,role,submitted_at,attempts,top_gaps,level:listening\r\n",
    b"username,goals,progress_percent,agreement,hours_online\n",
    b"username,conversations,last_conversation,agreed_focus\r",
    b"id,name,email,manager_id,department,location,timezone,seniority,language\r",
    b"id,name,department,manager_id,seniority,language,focus,capacity,strengths\n",
    b"[" * 5000,
    b"claim_id,learner,competency_id,level,state,created,updated,evidence\n",
    b"decision_id,claim_id,learner,outcome,assessor,instrument_kind,instrument_date,"
    b"instrument_outcome,reasons,decided_at\n",
    b"username,role,learners\n",
    b"PK\x03\x04",
]
any_file = st.builds(
    lambda start, body, mac: start + (body.replace(b"\n", b"\r") if mac else body),
    st.sampled_from(STARTS),
    st.binary(max_size=300) | st.text(max_size=200).map(str.encode),
    st.booleans(),
)


def _framework(data: bytes) -> tuple[bool, str | None]:
    session = FrameworkSession(demo_framework())
    try:
        session.import_file(data, "upload.csv")
    except tc.TalentError as error:
        return False, str(error)
    return True, None


def _groups(data: bytes) -> tuple[bool, str | None]:
    session = GroupingSession()
    try:
        session.load_people(data, "people.csv")
        session.load_pairs("apart", data, "p.csv")
        session.load_history(data, "rounds.csv")
    except tc.TalentError as error:
        return False, str(error)
    return True, None


def _mentoring(data: bytes) -> tuple[bool, str | None]:
    session = MentoringSession(framework=demo_framework())
    try:
        for kind in ("mentees", "mentors", "history", "volunteers"):
            session.load(kind, data, f"{kind}.csv")  # type: ignore[arg-type]
    except tc.TalentError as error:
        return False, str(error)
    return True, None


def _dashboards(data: bytes) -> tuple[bool, str | None]:
    session = DashboardSession()
    try:
        session.load([("report.csv", data)])
    except tc.TalentError as error:
        return False, str(error)
    return True, None


def _rpl(data: bytes) -> tuple[bool, str | None]:
    session = RplReviewSession.from_demo()
    try:
        session.load([("upload.csv", data)])
    except tc.TalentError as error:
        return False, str(error)
    return True, None


UPLOADS: dict[str, Callable[[bytes], tuple[bool, str | None]]] = {
    "framework": _framework,
    "groups": _groups,
    "mentoring": _mentoring,
    "dashboards": _dashboards,
    "rpl review": _rpl,
}


@pytest.mark.parametrize("name", sorted(UPLOADS))
@settings(max_examples=100)
@given(data=any_file)
def test_every_notebook_upload_takes_any_bytes(name: str, data: bytes) -> None:
    loaded, error = UPLOADS[name](data)
    assert loaded or (error and "Traceback" not in error)


@settings(max_examples=200)
@given(data=any_file)
def test_the_report_reader_takes_any_bytes(data: bytes) -> None:
    with contextlib.suppress(tc.TalentError):
        read_report(data, "report.csv")


def test_a_mac_moodle_csv_and_deep_json_give_a_clean_notebook_message() -> None:
    loaded, error = _framework(b"Parent id number,Id number,Shortname\r,x,X\r")
    assert not loaded and error and error.startswith("upload.csv")
    loaded, error = _framework(b"[" * 10_000 + b"]" * 10_000)
    assert not loaded and error == "upload.csv: JSON nested too deeply to read"
