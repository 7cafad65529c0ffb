"""A group's log belongs to the roster it came from (issue 7 item 6, issue 11 item 10).

A group name reused in a later roster is another group: its new members do not read the
earlier cohort's sessions. Staff are told before they replace a roster with logged sessions,
and the earlier sessions stay reachable in the data and sessions downloads.
"""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from webob import Request

from tests.xblocks.markup import student_html, text_of
from tests.xblocks.test_peer_group import upload
from xblocks._peer_demo import INTERVISION_ROSTER


@pytest.fixture
def harbour(make_block, workbench_field_data) -> Any:
    """``harbour(user)``: the demo intervision block as that user (one block for all)."""
    first = make_block(
        "peer_group",
        user="staff_hr",
        field_data=workbench_field_data,
        roster_csv=INTERVISION_ROSTER,
    )

    def as_user(user: str) -> Any:
        return make_block(
            "peer_group", user=user, usage=first.scope_ids.usage_id, field_data=workbench_field_data
        )

    return as_user


SESSION = {"group": "Harbour", "date": "2025-05-02", "case_owner": "Bo", "insight": "Cohort 1."}


def test_a_group_name_reused_in_a_new_roster_starts_an_empty_log(harbour, call) -> None:
    assert call(harbour("learner_2"), "log_session", SESSION).status_code == 200
    new_roster = b"username,group\nlearner_2,Harbour\nlearner_99,Harbour\n"
    assert upload(harbour("staff_hr"), new_roster).status_code == 200
    newcomer = call(harbour("learner_99"), "show_log", {"group": "Harbour"})
    assert newcomer.status_code == 200
    assert "Cohort 1." not in text_of(newcomer.json["html"])
    assert "Cohort 1." not in text_of(student_html(harbour("learner_2")))
    second = call(harbour("learner_99"), "log_session", {**SESSION, "insight": "Cohort 2."})
    assert second.status_code == 200
    assert "Cohort 2." in text_of(student_html(harbour("learner_2")))


def test_staff_are_told_before_replacing_a_roster_with_logged_sessions(harbour, call) -> None:
    assert "A new roster starts new groups" not in text_of(student_html(harbour("staff_hr")))
    assert call(harbour("learner_1"), "log_session", SESSION).status_code == 200
    words = text_of(student_html(harbour("staff_hr")))
    assert "1 session is logged in the groups of this roster. A new roster starts new" in words


def _sessions(block: Any) -> list[dict[str, str]]:
    response = block.handle("download_sessions", _get())
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.body.decode("utf-8-sig"))))


def _get() -> Any:
    return Request.blank("/")


def test_earlier_rosters_sessions_stay_in_the_downloads(harbour, call) -> None:
    assert call(harbour("learner_1"), "log_session", SESSION).status_code == 200
    assert upload(harbour("staff_hr"), b"username,group\nlearner_1,Lighthouse\n").status_code == 200
    [row] = _sessions(harbour("staff_hr"))
    assert row["username"] == "learner_1" and row["group"] == "Harbour"
    assert row["current_roster"] == "no" and row["date"] == "2025-05-02"
    assert "Cohort 1." not in str(row)  # what was said stays with the group's members
    assert harbour("learner_1").handle("download_sessions", _get()).status_code == 403
