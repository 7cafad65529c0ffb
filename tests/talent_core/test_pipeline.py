"""talent_core.pipeline's rules at its edges: refused inputs, ties, roles that no longer fit.

The figures are recomputed from docs/figures.md in tests/figures/test_pipeline_figures.py.
"""

from __future__ import annotations

import numpy as np
import pytest

import talent_core as tc
from talent_core.managers import READINESS_ORDER
from talent_core.pipeline import (
    NO_READINESS,
    READINESS,
    LevelMatrix,
    TalentPipeline,
    latest_readiness,
    readiness_code,
)

FRAMEWORK, ROLES = tc.demo_framework(), tc.demo_roles()
ROLE_IDS = [role.id for role in ROLES]


def pipeline(levels: list[list[float]], competencies: list[str], **extra: object) -> TalentPipeline:
    n = len(levels)
    arguments: dict[str, object] = {
        "people": [f"u{i}" for i in range(n)],
        "departments": ["Sales"] * n,
        "managers": [-1] * n,
        "held_roles": [""] * n,
        "self_levels": LevelMatrix.of(competencies, levels),
        "manager_levels": LevelMatrix.empty(n),
        **extra,
    }
    return TalentPipeline(FRAMEWORK, ROLES, **arguments)  # type: ignore[arg-type]


def test_readiness_values_are_the_talent_views() -> None:
    assert tuple(r.value for r in READINESS_ORDER) == READINESS
    with pytest.raises(tc.InputError, match="'soon' is not one of ready_now"):
        readiness_code("soon")


def test_the_latest_record_wins_and_on_one_day_the_later_entry() -> None:
    found = latest_readiness(
        2,
        ROLE_IDS,
        [0, 0, 0, 1, 5, -1],
        ["specialist", "specialist", "specialist", "unknown-role", "specialist", "specialist"],
        ["later", "ready_now", "not_a_fit_now", "later", "later", "later"],
        ["2026-01-01", "2026-03-01", "2026-03-01", "2026-03-01", "2026-03-01", "2026-03-01"],
    )
    r = ROLE_IDS.index("specialist")
    assert found[0, r] == READINESS.index("not_a_fit_now")
    assert (found[1] == NO_READINESS).all()  # an unknown role counts nowhere


def test_a_level_off_its_scale_is_refused_naming_the_competency() -> None:
    with pytest.raises(tc.ValidationError) as caught:
        pipeline([[7.0]], ["analysing-problems"])
    assert "level 7 is not on the scale of 'analysing-problems'" in str(caught.value)


def test_columns_of_another_length_are_refused() -> None:
    with pytest.raises(tc.InputError, match="one entry per person"):
        pipeline([[3.0]], ["analysing-problems"], departments=["Sales", "IT"])
    with pytest.raises(tc.InputError, match="development fit"):
        pipeline([[3.0]], ["analysing-problems"], development_fit=1.5)


def test_a_role_that_no_longer_fits_the_framework_is_left_out_and_named() -> None:
    stale = ROLES[0].model_copy(
        update={
            "id": "stale",
            "requirements": [tc.RoleRequirement(competency_id="gone", level=2)],
        }
    )
    found = TalentPipeline(
        FRAMEWORK,
        [*ROLES, stale],
        people=["u0"],
        departments=["Sales"],
        managers=[-1],
        held_roles=[""],
        self_levels=LevelMatrix.empty(1),
        manager_levels=LevelMatrix.empty(1),
        critical=["stale", "specialist"],
    )
    assert found.unfit_roles == ["stale"] and "stale" not in found.role_ids
    assert found.critical == frozenset({"specialist"})
    assert found.role_summary()[0].assessed == 0  # nobody rated anything: nobody assessed


def test_nobody_under_an_unknown_manager() -> None:
    found = pipeline([[3.0], [2.0]], ["analysing-problems"], managers=[-1, 0])
    assert list(found.select(manager="u0")) == [False, True]
    assert not found.select(manager="nobody").any()
    assert found.manager_keys() == ["u0"]
    assert np.isnan(LevelMatrix.empty(2).column("x")).all()
