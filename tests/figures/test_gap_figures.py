"""Gap and role-fit figures (docs/figures.md, "Gap analysis", "Role fit"), recomputed from the
written definitions with exact fractions on random levels over the shipped demo framework and
roles, without the code's own arithmetic."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import talent_core as tc

FRAMEWORK, ROLES = tc.demo_framework(), tc.demo_roles()
COMPETENCIES = sorted({r.competency_id for role in ROLES for r in role.requirements})


def steps(cid: str, required: int, level: int | None) -> int:
    values = FRAMEWORK.scale_for(cid).values
    have = values.index(level) if level is not None else 0
    return max(0, values.index(required) - have)


def weighted(cid: str, importance: int, size: int) -> Fraction:
    return Fraction(importance * size, len(FRAMEWORK.scale_for(cid).values) - 1)


def order_key(cid: str, size: int, importance: int) -> tuple:
    """docs: larger weighted gap, then more steps, then more important, then id A-Z."""
    return (-weighted(cid, importance, size), -size, -importance, cid)


levels_strategy = st.fixed_dictionaries(
    {},
    optional={cid: st.sampled_from(FRAMEWORK.scale_for(cid).values) for cid in COMPETENCIES},
)


@settings(max_examples=200, deadline=None)
@given(levels_strategy, st.sampled_from(ROLES))
def test_gaps_and_their_order_follow_the_definition(levels, role) -> None:
    gaps = tc.gap_analysis(FRAMEWORK, role, levels)
    expected = sorted(
        (
            order_key(
                r.competency_id,
                steps(r.competency_id, r.level, levels.get(r.competency_id)),
                r.importance,
            ),
            r.competency_id,
        )
        for r in role.requirements
    )
    assert [g.competency_id for g in gaps] == [cid for _, cid in expected]
    for gap in gaps:
        req = next(r for r in role.requirements if r.competency_id == gap.competency_id)
        size = steps(gap.competency_id, req.level, levels.get(gap.competency_id))
        assert gap.size == size
        assert Fraction(gap.weighted).limit_denominator(1000) == weighted(
            gap.competency_id, req.importance, size
        )
    # The largest three open gaps among the rated are what the report names in top_gaps.
    rated_open = [g for g in gaps if g.current is not None and g.size > 0][:3]
    top = tc.RoleGaps(FRAMEWORK, role).largest_open(levels, 3)
    assert [g.competency_id for g in top] == [g.competency_id for g in rated_open]


def expected_fit(role: tc.RoleProfile, levels: dict[str, int]) -> tuple[Fraction, Fraction, int]:
    total = Fraction(0)
    hours = Fraction(0)
    unestimated = 0
    for r in role.requirements:
        size = steps(r.competency_id, r.level, levels.get(r.competency_id))
        total += weighted(r.competency_id, r.importance, size)
        if size:
            activities = FRAMEWORK.node(r.competency_id).activities
            if activities:
                hours += Fraction(repr(min(a.hours for a in activities))) * size
            else:
                unestimated += 1
    fit = 1 - total / sum(r.importance for r in role.requirements)
    return fit, hours, unestimated


@settings(max_examples=200, deadline=None)
@given(levels_strategy)
def test_role_fit_is_one_minus_the_weighted_gaps_over_the_importances(levels) -> None:
    fits = tc.role_fit(FRAMEWORK, ROLES, levels)
    by_role = {role.id: expected_fit(role, levels) for role in ROLES}
    for fit in fits:
        value, hours, unestimated = by_role[fit.role_id]
        assert abs(Fraction(fit.fit) - value) <= Fraction(1, 2 * 10**6)
        assert Fraction(repr(fit.suggested_hours)) == hours
        assert fit.unestimated == unestimated
        assert 0 <= fit.fit <= 1 and (fit.fit == 1) == (not fit.open_gaps)
    order = sorted(fits, key=lambda f: (-by_role[f.role_id][0], by_role[f.role_id][1], f.role_id))
    assert [f.role_id for f in fits] == [f.role_id for f in order]


def test_a_complete_beginner_sees_which_roles_are_closer() -> None:
    """The issue's case: at the bottom everywhere, first-time manager fits about 0.56 and
    specialist 0.47 by the documented definition (not 0.0 for every role)."""
    bottom = {cid: FRAMEWORK.scale_for(cid).values[0] for cid in COMPETENCIES}
    fits = {f.role_id: f.fit for f in tc.role_fit(FRAMEWORK, ROLES, bottom)}
    assert fits["first-time-manager"] == pytest.approx(0.56, abs=0.01)
    assert fits["specialist"] == pytest.approx(0.47, abs=0.01)
    assert fits["first-time-manager"] > fits["specialist"] > 0
    for role in ROLES:
        assert fits[role.id] == pytest.approx(float(expected_fit(role, bottom)[0]), abs=1e-6)


def test_the_top_of_every_scale_at_the_bottom_is_fit_0() -> None:
    role = tc.RoleProfile(
        id="all-top",
        name={"en": "All top"},
        requirements=[
            {"competency_id": cid, "level": FRAMEWORK.scale_for(cid).values[-1]}
            for cid in COMPETENCIES[:4]
        ],
    )
    [fit] = tc.role_fit(FRAMEWORK, [role], {})
    assert fit.fit == 0.0


def test_a_level_off_the_scale_is_refused_not_read_as_the_bottom() -> None:
    role = next(r for r in ROLES if r.id == "specialist")
    cid = role.requirements[0].competency_id
    with pytest.raises(tc.ValidationError, match=f"level 5 is not on the scale of '{cid}'"):
        tc.gap_analysis(FRAMEWORK, role, {cid: 5})
    with pytest.raises(tc.ValidationError):
        tc.RoleGaps(FRAMEWORK, role).largest_open({cid: 5}, 3)
    with pytest.raises(tc.ValidationError):
        tc.role_fit(FRAMEWORK, [role], {cid: 0})
    assert tc.on_scale(FRAMEWORK, {cid: 5, "giving-feedback": 2}) == {"giving-feedback": 2}


def test_the_dashboards_refuse_a_level_off_the_scale() -> None:
    from talent_lab import DashboardSession

    role = next(r for r in ROLES if r.id == "specialist")
    cid = role.requirements[0].competency_id
    data = (
        f"username,role,submitted_at,attempts,level:{cid},top_gaps\r\n"
        "ann,specialist,2026-05-01T09:00:00+00:00,1,2,\r\n"
        "bo,specialist,2026-05-01T09:00:00+00:00,1,5,\r\n"
    ).encode()
    session = DashboardSession(FRAMEWORK, ROLES)
    with pytest.raises(tc.FormatError) as raised:
        session.load([("a.csv", data)])
    assert raised.value.text("en") == (
        f"a.csv, row 3, column level:{cid}: 5 is not a level of the scale [1, 2, 3, 4]"
    )


def test_the_row_of_a_level_off_the_scale_is_the_files_row() -> None:
    """Rows the block could not read (``problem``) do not shift the row named."""
    from talent_lab import DashboardSession

    cid = next(r for r in ROLES if r.id == "specialist").requirements[0].competency_id
    data = (
        f"username,role,submitted_at,attempts,level:{cid},top_gaps,problem\r\n"
        ",,,,,,schema_version: 9 is not a schema this version reads\r\n"
        "bo,specialist,2026-05-01T09:00:00+00:00,1,0,,\r\n"
    ).encode()
    session = DashboardSession(FRAMEWORK, ROLES)
    with pytest.raises(tc.FormatError) as raised:
        session.load([("a.csv", data)])
    assert raised.value.text("en").startswith(f"a.csv, row 3, column level:{cid}: 0 is not a level")
