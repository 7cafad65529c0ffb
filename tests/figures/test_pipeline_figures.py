"""Pipeline figures (docs/figures.md, "Pipeline per role"), recomputed from the written
definitions with exact fractions, person by person in plain Python, on random organisations
(hypothesis) over the shipped demo framework and roles, and on the demo organisation's files."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

import talent_core as tc
from talent_core.pipeline import (
    DEVELOPMENT_FIT,
    READINESS,
    LevelMatrix,
    TalentPipeline,
    latest_readiness,
)
from talent_lab._pipeline_session import PipelineSession

FRAMEWORK, ROLES = tc.demo_framework(), tc.demo_roles()
ROLE_IDS = [role.id for role in ROLES]
COMPETENCIES = sorted({r.competency_id for role in ROLES for r in role.requirements})
DEPARTMENTS = ("Sales", "IT", "HR")


def values(cid: str) -> list[int]:
    return FRAMEWORK.scale_for(cid).values


def level_used(person: dict[str, Any], cid: str) -> tuple[int | None, str]:
    """docs: the manager's own rating where there is one, else the self-rating."""
    if cid in person["manager"]:
        return person["manager"][cid], "manager"
    if cid in person["self"]:
        return person["self"][cid], "self"
    return None, ""


def expected_role(person: dict[str, Any], role: tc.RoleProfile) -> dict[str, Any]:
    total, importance, gaps, sources = Fraction(0), 0, 0, set()
    for r in role.requirements:
        level, source = level_used(person, r.competency_id)
        if source:
            sources.add(source)
        scale = values(r.competency_id)
        have = scale.index(level) if level is not None else 0
        size = max(0, scale.index(r.level) - have)
        total += Fraction(r.importance * size, len(scale) - 1)
        importance += r.importance
        gaps += size > 0
    fit = 1 - total / importance
    if not sources:
        status = "not_assessed"
    elif gaps == 0:
        status = "fits_now"
    elif round(fit, 6) >= Fraction(str(DEVELOPMENT_FIT)):
        status = "with_development"
    else:
        status = "further"
    source = "self+manager" if len(sources) == 2 else next(iter(sources), "")
    return {"fit": fit, "gaps": gaps, "status": status, "source": source}


def level_strategy() -> st.SearchStrategy[dict[str, int]]:
    return st.fixed_dictionaries(
        {}, optional={cid: st.sampled_from(values(cid)) for cid in COMPETENCIES}
    )


person_strategy = st.fixed_dictionaries(
    {
        "self": level_strategy(),
        "manager": level_strategy(),
        "department": st.sampled_from(DEPARTMENTS),
        "held": st.sampled_from(["", *ROLE_IDS]),
        "views": st.lists(
            st.tuples(
                st.sampled_from(ROLE_IDS),
                st.sampled_from(READINESS),
                st.dates(dt.date(2025, 1, 1), dt.date(2026, 12, 31)),
            ),
            max_size=3,
        ),
    }
)


def build(people: list[dict[str, Any]], bosses: list[int]) -> TalentPipeline:
    n = len(people)
    own = np.full((n, len(COMPETENCIES)), np.nan)
    rated = np.full((n, len(COMPETENCIES)), np.nan)
    for i, person in enumerate(people):
        for j, cid in enumerate(COMPETENCIES):
            own[i, j] = person["self"].get(cid, np.nan)
            rated[i, j] = person["manager"].get(cid, np.nan)
    entries = [(i, *view) for i, person in enumerate(people) for view in person["views"]]
    readiness = latest_readiness(
        n,
        ROLE_IDS,
        [e[0] for e in entries],
        [e[1] for e in entries],
        [e[2] for e in entries],
        [e[3].isoformat() for e in entries],
    )
    return TalentPipeline(
        FRAMEWORK,
        ROLES,
        people=[f"u{i:03d}" for i in range(n)],
        departments=[p["department"] for p in people],
        managers=bosses,
        held_roles=[p["held"] for p in people],
        self_levels=LevelMatrix.of(COMPETENCIES, own),
        manager_levels=LevelMatrix.of(COMPETENCIES, rated),
        readiness=readiness,
        critical=ROLE_IDS[:2],
    )


def latest_view(person: dict[str, Any], role_id: str) -> str:
    """docs: the latest conversation_date wins; on the same day the later record."""
    found = ""
    best: dt.date | None = None
    for role, readiness, day in person["views"]:
        if role == role_id and (best is None or day >= best):
            found, best = readiness, day
    return found


organisation = st.lists(person_strategy, min_size=1, max_size=25).flatmap(
    lambda people: st.tuples(
        st.just(people),
        st.tuples(*[st.integers(-1, i - 1) for i in range(len(people))]),
    )
)


@settings(max_examples=60, deadline=None)
@given(organisation, st.sampled_from([None, *DEPARTMENTS]), st.integers(-1, 24))
def test_every_pipeline_figure_follows_the_definition(org, department, boss) -> None:
    people, bosses = org
    pipeline = build(people, list(bosses))
    manager = f"u{boss:03d}" if 0 <= boss < len(people) else None

    def under(i: int) -> bool:
        current = bosses[i]
        while current >= 0:
            if f"u{current:03d}" == manager:
                return True
            current = bosses[current]
        return False

    chosen = [
        i
        for i, p in enumerate(people)
        if (department is None or p["department"] == department) and (manager is None or under(i))
    ]
    mask = pipeline.select(department, manager)
    assert list(np.flatnonzero(mask)) == chosen

    expected = {(i, r.id): expected_role(people[i], r) for i in range(len(people)) for r in ROLES}
    for i in range(len(people)):
        for r, role_id in enumerate(pipeline.role_ids):
            cell = expected[(i, role_id)]
            assert abs(Fraction(float(pipeline.fit[i, r])) - cell["fit"]) <= Fraction(1, 10**6)
            assert int(pipeline.open_gaps[i, r]) == cell["gaps"]

    for summary in pipeline.role_summary(mask):
        rid = summary.role_id
        cells = [expected[(i, rid)] for i in chosen]
        views = [latest_view(people[i], rid) for i in chosen]
        assert summary.assessed == sum(c["status"] != "not_assessed" for c in cells)
        assert summary.fits_now == sum(c["status"] == "fits_now" for c in cells)
        assert summary.with_development == sum(c["status"] == "with_development" for c in cells)
        assert summary.readiness == tuple(views.count(name) for name in READINESS)
        positions = sum(people[i]["held"] == rid for i in chosen)
        successors = [v for i, v in zip(chosen, views, strict=True) if people[i]["held"] != rid]
        ready, soon = successors.count("ready_now"), successors.count("one_to_two_years")
        assert (summary.positions, summary.ready_now, summary.one_to_two_years) == (
            positions,
            ready,
            soon,
        )
        if positions:
            assert Fraction(summary.bench_strength).limit_denominator(1000) == Fraction(
                ready + soon, positions
            )
        else:
            assert summary.bench_strength is None
        assert summary.critical == (rid in ROLE_IDS[:2])
        assert summary.people == sum(
            c["status"] != "not_assessed" or v != "" for c, v in zip(cells, views, strict=True)
        )

        found = pipeline.candidates(rid, mask)
        listed = [
            i
            for i, c, v in zip(chosen, cells, views, strict=True)
            if c["status"] in ("fits_now", "with_development") or v
        ]
        rank = {"fits_now": 0, "with_development": 1, "further": 2, "not_assessed": 3}
        listed.sort(
            key=lambda i: (rank[expected[(i, rid)]["status"]], -expected[(i, rid)]["fit"], i)
        )
        assert list(found.index) == listed
        assert [tc.pipeline.SOURCES[s] for s in found.source] == [
            expected[(i, rid)]["source"] for i in listed
        ]

    for row in pipeline.supply_demand(mask):
        cid, level = row.competency_id, row.level
        asked = sorted(r.id for r in ROLES if (q := r.requirement(cid)) and q.level == level)
        assert list(row.role_ids) == asked
        assert row.positions == sum(people[i]["held"] in asked for i in chosen)
        used = [level_used(people[i], cid)[0] for i in chosen]
        assert row.rated == sum(u is not None for u in used)
        assert row.supply == sum(
            u is not None and values(cid).index(u) >= values(cid).index(level) for u in used
        )


def rated(cell: object) -> bool:
    """A level cell as the file has it, read back: empty (or pandas' missing) is not rated."""
    return str(cell).strip().lower() not in ("", "nan", "<na>", "none")


def test_the_demo_pipeline_follows_the_definition_from_its_files() -> None:
    """The demo organisation's downloads, read back as HR loads them, person by person."""
    session = PipelineSession.from_demo(300, 3)
    pipeline = session.pipeline
    assessments = session.files["assessment"].rows
    submitted = assessments[assessments["submitted_at"] != ""].astype(str)
    plans = session.files["plan"].rows.astype(str)
    views = session.files["talent_view"].rows
    by_id = {p["id"]: p for p in session.people.to_dict("records")}
    people: dict[str, dict[str, Any]] = {
        key: {"self": {}, "manager": {}, "views": []} for key in by_id
    }
    for row in submitted.to_dict("records"):  # each learner once in the demo: latest is it
        people[row["username"]]["self"] = {
            c.removeprefix("level:"): int(float(v))
            for c, v in row.items()
            if c.startswith("level:") and rated(v)
        }
    for row in plans.to_dict("records"):
        people[row["username"]]["manager"] = {
            c.removeprefix("manager_rating:"): int(float(v))
            for c, v in row.items()
            if c.startswith("manager_rating:") and rated(v)
        }
    for row in views.to_dict("records"):
        day = dt.date.fromisoformat(row["conversation_date"])
        people[row["username"]]["views"].append((row["role_id"], row["readiness"], day))
    assert any(p["manager"] for p in people.values()) and any(p["views"] for p in people.values())
    table = session.role_table().set_index("role_id")
    for role in ROLES:
        cells = [expected_role(people[key], role) for key in pipeline.people]
        row = table.loc[role.id]
        assert row["fits_now"] == sum(c["status"] == "fits_now" for c in cells)
        assert row["with_development"] == sum(c["status"] == "with_development" for c in cells)
        latest = [latest_view(people[key], role.id) for key in pipeline.people]
        held = [by_id[key]["role_id"] for key in pipeline.people]
        assert row["positions"] == held.count(role.id)
        assert row["successors_ready_now"] == sum(
            v == "ready_now" and h != role.id for v, h in zip(latest, held, strict=True)
        )
    assert isinstance(session.supply_table(), pd.DataFrame)
