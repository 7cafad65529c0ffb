"""HR's pipeline (notebook 06) reads what the development plan block really gives course staff:
the manager's readiness rows (``download_readiness``) and the plan rows with the manager's own
ratings (``download_data``), from the workbench LMS."""

from __future__ import annotations

from typing import Any

import pytest
from webob import Request

# The notebooks' code needs the [lab] extra, which an Open edX image (the platform venvs) lacks.
pytest.importorskip("pandas", reason="talent_lab needs the [lab] extra")
from talent_lab import PipelineSession
from tests.xblocks.test_plan_team import as_user, submitted  # noqa: F401  (a fixture)
from tests.xblocks.test_talent_conversation import VIEW, linked  # noqa: F401  (fixtures)


def test_the_pipeline_reads_the_plan_blocks_readiness_and_plan_downloads(
    linked: Any,  # noqa: F811
    call: Any,
) -> None:
    submitted(linked, call)
    manager = linked("manager_1")
    assert call(manager, "record_talent_view", VIEW).status_code == 200
    staff = linked("staff_hr")
    readiness = staff.handle("download_readiness", Request.blank("/"))
    plans = staff.handle("download_data", Request.blank("/"))
    assert readiness.status_code == plans.status_code == 200

    session = PipelineSession()
    session.load(
        [
            ("development_plan-readiness.csv", readiness.body),
            ("development_plan-data.csv", plans.body),
        ]
    )
    assert session.skipped == []
    session.min_people = 1
    found = session.candidate_table("first-time-manager").set_index("username")
    assert found.loc["learner_1", "readiness"] == "one_to_two_years"
    assert found.loc["learner_1", "manager"] == "manager_1"
    roles = session.role_table().set_index("role_id")
    assert roles.loc["specialist", "readiness_not_a_fit_now"] == 1
    assert session.managers() == ["manager_1"]
