"""HR's report rows: written by the blocks, recognised and read back by the dashboards."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

import talent_core as tc
from talent_core.reports import (
    REPORT_KINDS,
    AssessmentRows,
    dialogue_row,
    explorer_row,
    peer_group_row,
    plan_row,
    report_kind,
    restore_formula,
    rows_to_csv,
)


def header(rows: list[tuple[str, dict[str, object]]]) -> list[str]:
    return next(csv.reader(io.StringIO(rows_to_csv(rows))))


def test_csv_defuses_formulas_and_unions_columns() -> None:
    text = rows_to_csv([("=cmd", {"a": "+1"}), ("bo", {"b": "@x", "a": "ok"})])
    assert list(csv.reader(io.StringIO(text))) == [
        ["username", "a", "b"],
        ["'=cmd", "'+1", ""],
        ["bo", "ok", "'@x"],
    ]


@pytest.mark.parametrize("text", ["=1+1", "+46 70", "-3", "@SUM(A1)", "\tx", "plain", "'quoted"])
def test_a_defused_cell_reads_back_as_written(text: str) -> None:
    written = list(csv.reader(io.StringIO(rows_to_csv([("u", {"c": text})]))))
    assert restore_formula(written[1][1]) == text


def test_every_blocks_rows_are_recognised_as_their_kind(framework: tc.CompetencyFramework) -> None:
    roles = [
        tc.RoleProfile(
            id="lead",
            name={"en": "Lead"},
            requirements=[tc.RoleRequirement(competency_id="delegate", level=3)],
        )
    ]
    setup = tc.AssessmentSetup.create(framework, ["delegate"], roles)
    attempt = tc.AssessmentAttempt(
        submitted_at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC), role_id="lead", levels={"delegate": 1}
    )
    assessed = AssessmentRows(setup).row(tc.AssessmentSummary(1, attempt, None))
    assert assessed["level:delegate"] == 1 and assessed["top_gaps"] == "delegate"
    plan = tc.PlanSummary.of(tc.DevelopmentPlan(owner="u", version=1, goals=[]))
    dialogue = dialogue_row(tc.DialogueSummary(manager_levels={"delegate": 2}))
    assert dialogue["manager:delegate"] == 2
    peer = peer_group_row("Group 1", 2, "2026-03-01", "")
    assert peer is not None and peer_group_row("", 0, "", "") is None
    written = {
        "assessment": assessed,
        "plan": plan_row(plan, tc.DEFAULT_RATES),
        "dialogue": dialogue,
        "peer_group": peer,
    }
    for kind, row in written.items():
        assert report_kind(header([("u", row)]), "x.csv") == kind
    assert set(written) == set(REPORT_KINDS) - {"people"}


def test_a_file_of_no_known_kind_is_refused() -> None:
    with pytest.raises(tc.FormatError, match=r"x\.csv, row 1: not a report") as caught:
        report_kind(["username", "viewed"], "x.csv")
    assert caught.value.text("nl").startswith("x.csv, rij 1: geen rapport dat dit dashboard kent")
    assert explorer_row([], "") is None
