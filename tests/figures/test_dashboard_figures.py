"""Dashboard figures (docs/figures.md, "Dashboards"): which self-assessments count, the gap
heatmap and its privacy threshold, progress bands; recomputed from the written definitions on
random reports and on the demo organisation, without the dashboards' own pandas code."""

from __future__ import annotations

import csv
import io
import json
import math
from collections import defaultdict
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import talent_core as tc
from talent_lab import DashboardSession
from talent_lab._dashboard_figures import PROGRESS_BANDS

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "03_dashboards.ipynb"


def weighted_gap(framework: tc.CompetencyFramework, role: tc.RoleProfile, cid: str, level: int):
    """docs "Gap analysis": importance × steps still to climb / the scale's steps."""
    [req] = [r for r in role.requirements if r.competency_id == cid]
    values = framework.scale_for(cid).values
    steps = max(0, values.index(req.level) - values.index(level))
    return Fraction(req.importance * steps, max(1, len(values) - 1))


def expected_cells(rows: list[dict[str, str]], framework, roles) -> dict[tuple[str, str], tuple]:
    """Mean weighted gap and learners per (target role, competency) of each learner's latest
    submitted assessment over all rows."""
    latest: dict[str, dict[str, str]] = {}
    for row in rows:
        if not row["submitted_at"]:
            continue
        old = latest.get(row["username"])
        if old is None or row["submitted_at"] >= old["submitted_at"]:
            latest[row["username"]] = row
    by_id = {r.id: r for r in roles}
    gaps: dict[tuple[str, str], list[Fraction]] = defaultdict(list)
    for row in latest.values():
        role = by_id.get(row["role"])
        if role is None:
            continue
        for req in role.requirements:
            level = row.get(f"level:{req.competency_id}", "")
            if level:
                cell = (role.id, req.competency_id)
                gaps[cell].append(weighted_gap(framework, role, req.competency_id, int(level)))
    return {cell: (sum(g) / len(g), len(g)) for cell, g in gaps.items()}


def csv_bytes(rows: list[dict[str, str]], columns: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


FRAMEWORK, ROLES = tc.demo_framework(), tc.demo_roles()
COMPETENCIES = sorted({r.competency_id for role in ROLES for r in role.requirements})
COLUMNS = [
    "username",
    "role",
    "submitted_at",
    "attempts",
    *(f"level:{c}" for c in COMPETENCIES),
    "top_gaps",
]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["ann", "bo", "cy", "dee"]),
            st.sampled_from([r.id for r in ROLES]),
            st.integers(0, 5).map(lambda d: f"2026-0{1 + d}-01T09:00:00+00:00") | st.just(""),
            st.lists(
                st.integers(1, 4) | st.none(),
                min_size=len(COMPETENCIES),
                max_size=len(COMPETENCIES),
            ),
        ),
        min_size=1,
        max_size=10,
        unique_by=lambda r: (r[0], r[2]),  # a learner submits once at a time
    ),
    st.integers(1, 3),
)
def test_gap_cells_count_each_learners_latest_submitted_assessment_once(entries, files) -> None:
    rows = []
    for username, role, submitted, levels in entries:
        row = {
            "username": username,
            "role": role,
            "submitted_at": submitted,
            "attempts": "1",
            "top_gaps": "",
        }
        for cid, level in zip(COMPETENCIES, levels, strict=True):
            scale = FRAMEWORK.scale_for(cid).values
            row[f"level:{cid}"] = "" if level is None else str(scale[min(level, len(scale)) - 1])
        rows.append(row)
    # The same rows split over several files (course runs), some uploaded twice.
    uploads = [
        (f"run{i}-competency_assessment-data.csv", csv_bytes(rows[i::files], COLUMNS))
        for i in range(files)
    ]
    uploads.append(("again.csv", csv_bytes(rows, COLUMNS)))
    session = DashboardSession(FRAMEWORK, ROLES)
    session.load(uploads)
    session.group_by = "role"
    session.min_ratings = 1
    table = session.gap_table()
    found = {(r.group, r.competency_id): (r.mean_gap, r.learners) for r in table.itertuples()}
    expected = expected_cells(rows, FRAMEWORK, ROLES)
    assert found.keys() == expected.keys()
    for cell, (mean, learners) in expected.items():
        assert found[cell][1] == learners
        assert math.isclose(found[cell][0], float(mean), abs_tol=1e-9)


def test_two_course_runs_count_a_learner_once_with_the_newer_ratings() -> None:
    """The issue's case: 3 learners in two runs' files showed 6 ratings and passed the threshold."""
    role = next(r for r in ROLES if r.id == "specialist")
    cid = role.requirements[0].competency_id
    old = [
        {
            "username": u,
            "role": "specialist",
            "submitted_at": "2026-01-01T09:00:00+00:00",
            "attempts": "1",
            f"level:{cid}": "1",
            "top_gaps": "",
        }
        for u in ("ann", "bo", "cy")
    ]
    new = [
        dict(
            r,
            submitted_at="2026-06-01T09:00:00Z",
            **{f"level:{cid}": str(FRAMEWORK.scale_for(cid).values[-1])},
        )
        for r in old
    ]
    columns = ["username", "role", "submitted_at", "attempts", f"level:{cid}", "top_gaps"]
    session = DashboardSession(FRAMEWORK, ROLES)
    session.load([("new.csv", csv_bytes(new, columns)), ("old.csv", csv_bytes(old, columns))])
    session.group_by = "role"
    [cell] = session.gap_table().itertuples()
    assert (cell.learners, cell.mean_gap) == (3, 0.0)  # the newer ratings meet the role
    assert session.shown_gap_table().empty  # 3 learners: under the threshold of 5


def test_an_unreadable_submission_time_is_named() -> None:
    columns = ["username", "role", "submitted_at", "attempts", "top_gaps"]
    rows = [
        {
            "username": "ann",
            "role": "specialist",
            "submitted_at": "last tuesday",
            "attempts": "1",
            "top_gaps": "",
        }
    ]
    session = DashboardSession(FRAMEWORK, ROLES)
    with pytest.raises(tc.FormatError) as raised:
        session.load([("a.csv", csv_bytes(rows, columns))])
    assert "row 2, column submitted_at: 'last tuesday' is not a time" in str(raised.value)


def band_of(p: float) -> str:
    """docs "Progress bands", as written."""
    if p == 0:
        return "0"
    if p == 100:
        return "100"
    for label, high in (("1-25", 25), ("26-50", 50), ("51-75", 75)):
        if p <= high:
            return label
    return "76-99"


@given(
    st.lists(
        st.decimals(0, 100, places=2).map(float) | st.sampled_from([0.0, 25.0, 25.2, 99.5, 100.0]),
        min_size=1,
        max_size=30,
    )
)
def test_progress_bands_count_every_plan_once(values: list[float]) -> None:
    import pandas as pd

    from talent_lab._dashboard_figures import progress_table

    table = progress_table(pd.DataFrame({"progress_percent": values}))
    counts = dict(zip(table["progress_percent"], table["plans"], strict=True))
    assert sum(counts.values()) == len(values)
    expected = {label: 0 for label, _, _ in PROGRESS_BANDS}
    for value in values:
        expected[band_of(value)] += 1
    assert counts == expected


def test_no_view_of_the_demo_shows_a_cell_fewer_than_5_learners_rated() -> None:
    """Notebook 03's "ten largest gaps" cell showed a cell of one rating on the demo."""
    session = DashboardSession.from_demo(2000, 1)
    session.group_by = "department"
    every = session.gap_table()
    assert (every["learners"] < session.min_ratings).any()  # the demo has small cells
    cells = json.loads(NOTEBOOK.read_text())["cells"]
    [source] = [
        "".join(c["source"])
        for c in cells
        if c["cell_type"] == "code" and 'sort_values("mean_gap"' in "".join(c["source"])
    ]
    shown = eval(source.strip().splitlines()[-1], {"session": session})
    assert len(shown) == 10 and (shown["learners"] >= session.min_ratings).all()
    assert (session.shown_gap_table()["learners"] >= 5).all()


def test_demo_heatmap_is_the_mean_of_the_definition() -> None:
    session = DashboardSession.from_demo(1000, 2)
    session.group_by = "role"
    rows = session.reports["assessment"].rows.astype(str).replace({"<NA>": ""}).to_dict("records")
    expected = expected_cells(rows, session.framework, session.roles)
    found = {
        (r.group, r.competency_id): (r.mean_gap, r.learners)
        for r in session.gap_table().itertuples()
    }
    assert found.keys() == expected.keys()
    for cell, (mean, learners) in expected.items():
        assert found[cell][1] == learners and math.isclose(
            found[cell][0], float(mean), abs_tol=1e-9
        )
