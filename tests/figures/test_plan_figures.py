"""Plan figures (docs/figures.md, "Plan progress", "Learning mix and cost", "Rounding"):
recomputed from their written definitions with exact fractions, on random plans and on the
demo organisation, and the same number in the learner's view, the report row, the staff CSV
and HR's dashboard for the same plan."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from fractions import Fraction
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from webob import Request

import talent_core as tc
from talent_core.reports import plan_row, rows_to_csv
from talent_lab import DashboardSession
from talent_lab import _dashboard_render as render
from talent_lab._dashboard_demo import demo_reports
from tests.xblocks.markup import student_html

MODES = [m.value for m in tc.LearningMode]
STATUSES = [s.value for s in tc.ActivityStatus]


def written(value: float) -> Fraction:
    return Fraction(repr(float(value)))


def half_away(value: Fraction, decimals: int = 0) -> Fraction:
    scale = 10**decimals
    return Fraction(math.floor(value * scale + Fraction(1, 2)), scale)  # value >= 0 here


activities = st.lists(
    st.tuples(
        st.sampled_from(MODES),
        st.decimals(min_value=0, max_value=200, places=2).map(float),
        st.sampled_from(STATUSES),
    ),
    max_size=12,
)
rates = st.builds(
    lambda cost, away, salary: {
        "currency": "EUR",
        "cost_per_hour": dict(zip(MODES, cost, strict=True)),
        "away_share": dict(zip(MODES, away, strict=True)),
        "salary_per_hour": salary,
    },
    st.lists(st.decimals(0, 500, places=2).map(float), min_size=5, max_size=5),
    st.lists(st.decimals(0, 1, places=2).map(float), min_size=5, max_size=5),
    st.decimals(0, 200, places=2).map(float),
)


def plan_of(items: list[tuple[str, float, str]]) -> tc.DevelopmentPlan:
    return tc.DevelopmentPlan(
        owner="ann",
        goals=[
            {
                "id": "g",
                "competency_id": "giving-feedback",
                "target_level": 3,
                "activities": [
                    {"id": f"a{i}", "title": "A", "mode": mode, "hours": hours, "status": status}
                    for i, (mode, hours, status) in enumerate(items)
                ],
            }
        ]
        if items
        else [],
    )


def expected_row(items: list[tuple[str, float, str]], rate: dict[str, Any]) -> dict[str, Fraction]:
    """The row's figures by the docs' definitions, exactly."""
    live = [(m, written(h)) for m, h, s in items if s != "dropped"]
    hours = {m: sum((h for mode, h in live if mode == m), Fraction(0)) for m in MODES}
    away = sum(hours[m] * written(rate["away_share"][m]) for m in MODES)
    cost = sum(hours[m] * written(rate["cost_per_hour"][m]) for m in MODES)
    cost += away * written(rate["salary_per_hour"])
    done = sum(s == "done" for _, _, s in items)
    of = len(live)
    if of == 0 or done == 0:
        progress = Fraction(0)
    elif done == of:
        progress = Fraction(100)
    else:
        progress = min(Fraction(99), max(Fraction(1), half_away(Fraction(100 * done, of))))
    row = {f"hours_{m}": hours[m] for m in MODES}
    row |= {
        "hours_total": sum(hours.values()),
        "hours_away_from_work": away,
        "estimated_cost": cost,
        "progress_percent": progress,
    }
    return row


@settings(max_examples=150, deadline=None)
@given(activities, rates)
def test_report_row_carries_exact_figures_by_the_definitions(
    items: list[tuple[str, float, str]], rate: dict[str, Any]
) -> None:
    row = plan_row(tc.PlanSummary.of(plan_of(items)), tc.load(tc.ModeRates, rate))
    for column, value in expected_row(items, rate).items():
        assert abs(written(row[column]) - value) <= Fraction(1, 10**6), column
    # The cells add up to the total as written (a spreadsheet's SUM agrees with the row).
    cells = sum(written(row[f"hours_{m}"]) for m in MODES)
    assert cells == written(row["hours_total"])
    assert isinstance(row["progress_percent"], int)


def dashboard(rows: list[tuple[str, dict[str, Any]]], **load: Any) -> DashboardSession:
    session = DashboardSession(**load)
    session.load([("development_plan-data.csv", rows_to_csv(rows).encode("utf-8-sig"))])
    return session


def mix_cells(session: DashboardSession) -> dict[str, list[str]]:
    """The dashboard's mix table as shown: cells per mode row, by the row's first cell."""
    markup = render.mix_table(session, session.mix_table())
    found = {}
    for row in re.findall(r"<tr>(.*?)</tr>", markup, re.S):
        cells = [re.sub(r"<.*?>", "", c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
        if cells and not cells[0].startswith(("Learning mode", "Mode")):
            found[cells[0]] = cells[1:]
    return found


def test_a_thousand_quarter_hours_add_up_to_250_hours_and_10_625() -> None:
    """The issue's case: rows rounded to one decimal (half to even) made 200 h and 8,500."""
    plan = plan_of([("online", 0.25, "planned")])
    row = plan_row(tc.PlanSummary.of(plan), tc.DEFAULT_RATES)
    assert row["hours_online"] == 0.25 and row["estimated_cost"] == 10.625
    session = dashboard([(f"p{i}", row) for i in range(1000)])
    total = mix_cells(session)["Total"]
    # organisation: hours, away, cost; then the classroom-heavy alternative's three.
    assert total[:3] == ["250", "125", "10,625"]
    online = mix_cells(session)["Online"]
    assert online[:3] == ["250", "125", "10,625"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(activities, st.integers(1, 3)), min_size=1, max_size=6), rates)
def test_dashboard_mix_is_the_sum_of_exact_rows_rounded_once(
    plans: list[tuple[list[tuple[str, float, str]], int]], rate: dict[str, Any]
) -> None:
    rows, total_cost, total_hours = [], Fraction(0), Fraction(0)
    for n, (items, copies) in enumerate(plans):
        row = plan_row(tc.PlanSummary.of(plan_of(items)), tc.load(tc.ModeRates, rate))
        expected = expected_row(items, rate)
        for copy in range(copies):
            rows.append((f"u{n}-{copy}", row))
            total_cost += expected["estimated_cost"]
            total_hours += expected["hours_total"]
    session = dashboard(rows)
    session.set_rates(rate)
    shown = render.shown_mix(session.mix_table())
    assert Fraction(shown["organisation_hours"][-1]) == half_away(total_hours, 2)
    whole = half_away(total_cost)
    expected_cost = half_away(total_cost, 2) if whole == 0 else whole
    assert Fraction(shown["organisation_cost"][-1]) == expected_cost
    for column, cells in shown.items():  # the modes' cells add up to the total shown
        assert sum(cells[:-1]) == cells[-1], column


PLAN_GOALS = [
    {
        "id": "g-feedback",
        "competency_id": "giving-feedback",
        "target_level": 3,
        "activities": [
            {"id": "a1", "title": "Course", "mode": "classroom", "hours": 12.5, "status": "done"},
            {"id": "a2", "title": "Read", "mode": "home_study", "hours": 1},
            {"id": "a3", "title": "Try", "mode": "on_the_job", "hours": 0.25},
        ],
    }
]


def test_view_report_row_staff_csv_and_dashboard_show_the_same_plan_alike(
    make_block, call, workbench_field_data
) -> None:
    """12.5 h classroom, 1 h home study and 0.25 h on the job at the default rates cost
    1,692.50: €1,693 everywhere (the view showed €1,692.00, rounded half to even)."""
    learner = make_block("development_plan", field_data=workbench_field_data)
    response = call(learner, "save_plan", {"version": 0, "goals": PLAN_GOALS})
    assert response.status_code == 200, response.body
    page = student_html(learner)
    view_cost = re.search(r"data-cost>(.*?)<", page).group(1)
    view_total = re.search(r"Total</th><td colspan=\"2\">(.*?)<", page).group(1)
    staff = make_block(
        "development_plan",
        user="staff_hr",
        usage=learner.scope_ids.usage_id,
        field_data=workbench_field_data,
    )
    body = staff.handle("download_data", Request.blank("/")).body
    [csv_row] = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    exact = Fraction(25, 2) * (90 + 45) + 1 * 5 + Fraction(1, 4) * 0
    assert Fraction(csv_row["estimated_cost"]) == exact == Fraction(33850, 20)  # 1,692.5
    assert csv_row["hours_total"] == "13.75" and csv_row["progress_percent"] == "33"
    shown = f"{int(half_away(exact)):,}"
    assert shown == "1,693"
    assert view_cost == f"€{shown}"
    session = dashboard([("learner_1", json.loads(json.dumps(csv_row)))])
    assert mix_cells(session)["Total"][2] == shown
    assert view_total == "13.75 hours" and mix_cells(session)["Total"][0] == "13.75"
    progress = session.progress_table().set_index("progress_percent")["plans"]
    assert progress["26-50"] == 1


def test_demo_organisation_rows_match_the_definitions() -> None:
    """Every plan row of the shipped demo organisation, recomputed from its plan's summary."""
    framework, roles = tc.demo_framework(), tc.demo_roles()
    files = dict(demo_reports(tc.generate_organisation(300, 1), framework, roles))
    name = next(n for n in files if "plan" in n)
    rows = list(csv.DictReader(io.StringIO(files[name].decode("utf-8-sig"))))
    assert rows
    for row in rows:
        hours = [Fraction(row[f"hours_{m}"]) for m in MODES]
        assert sum(hours) == Fraction(row["hours_total"])
        away = sum(
            h * written(tc.DEFAULT_RATES.away_share[tc.LearningMode(m)])
            for h, m in zip(hours, MODES, strict=True)
        )
        assert abs(away - Fraction(row["hours_away_from_work"])) <= Fraction(1, 10**6)
        cost = sum(
            h * written(tc.DEFAULT_RATES.cost_per_hour[tc.LearningMode(m)])
            for h, m in zip(hours, MODES, strict=True)
        )
        cost += away * 45
        assert abs(cost - Fraction(row["estimated_cost"])) <= Fraction(2, 10**6)
        done, dropped = int(row["activities_done"]), int(row["activities_dropped"])
        live = sum(int(row[f"activities_{s}"]) for s in STATUSES) - dropped
        percent = int(row["progress_percent"])
        assert (percent == 0) == (done == 0 or live == 0)
        assert (percent == 100) == (live > 0 and done == live)
