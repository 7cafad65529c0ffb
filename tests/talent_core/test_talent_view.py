"""The manager's talent view of a report, its readiness rows for HR, and the learner's
drivers and aspirations."""

from __future__ import annotations

import datetime as dt

import pytest

import talent_core as tc
from talent_core import managers as mg
from talent_core.reports import READINESS_COLUMNS, readiness_rows

DAY = dt.date(2026, 11, 30)


def view(**fields: object) -> mg.TalentView:
    data: dict[str, object] = {
        "learner": "ann",
        "manager": "mia",
        "strengths": ["feedback"],
        "readiness": [{"role_id": "lead", "readiness": "one_to_two_years"}],
        "next_step": "  Lead the next retrospective  ",
        "conversation_date": DAY.isoformat(),
        **fields,
    }
    return tc.load(mg.TalentView, data)


def fields_of(error: tc.ValidationError) -> list[str]:
    return [p.field for p in error.problems]


def test_a_checked_view_is_kept_in_the_managers_record_and_replaced_by_the_next(
    framework: tc.CompetencyFramework,
) -> None:
    checked = mg.check_talent_view(view(), framework, {"lead", "coach"}, today=DAY)
    assert checked.next_step == "Lead the next retrospective"
    record = mg.record_talent_view(mg.ManagerRecord(), checked)
    assert record.of("ann").talent == checked
    later = checked.model_copy(update={"conversation_date": DAY + dt.timedelta(days=1)})
    record = mg.record_talent_view(record, later)
    assert record.talent_views() == [later]
    # It survives the stored state, and an older record without views still loads.
    assert mg.load_manager_record(record.to_state()) == record
    assert mg.load_manager_record({"schema_version": 1}).talent_views() == []


def test_every_problem_of_a_view_is_named(framework: tc.CompetencyFramework) -> None:
    bad = view(
        strengths=["feedback", "nope"],
        readiness=[{"role_id": "ceo", "readiness": "ready_now"}],
        conversation_date=(DAY + dt.timedelta(days=5)).isoformat(),
    )
    with pytest.raises(tc.ValidationError) as caught:
        mg.check_talent_view(bad, framework, {"lead"}, today=DAY)
    assert fields_of(caught.value) == [
        "strengths[1]",
        "readiness[0].role_id",
        "conversation_date",
    ]
    with pytest.raises(tc.ValidationError) as caught:
        mg.check_talent_view(
            view(strengths=[], readiness=[], next_step="   "), framework, {"lead"}, today=DAY
        )
    assert [p.message_id for p in caught.value.problems] == ["problem.talent_view.empty"]
    assert "sterkte" in caught.value.problems[0].text("nl")


def test_a_role_or_strength_twice_and_an_unknown_readiness_are_refused() -> None:
    with pytest.raises(tc.ValidationError) as caught:
        view(
            strengths=["feedback", "feedback"],
            readiness=[
                {"role_id": "lead", "readiness": "later"},
                {"role_id": "lead", "readiness": "ready_now"},
            ],
        )
    assert fields_of(caught.value) == ["strengths[1]", "readiness[1].role_id"]
    with pytest.raises(tc.ValidationError):
        view(readiness=[{"role_id": "lead", "readiness": "soon"}])
    assert [r.value for r in mg.READINESS_ORDER] == [
        "ready_now",
        "one_to_two_years",
        "later",
        "not_a_fit_now",
    ]


def test_readiness_rows_are_one_per_named_role_without_the_managers_words() -> None:
    rows = readiness_rows(
        view(
            readiness=[
                {"role_id": "lead", "readiness": "ready_now"},
                {"role_id": "coach", "readiness": "not_a_fit_now"},
            ]
        )
    )
    assert [tuple(row) for row in rows] == [READINESS_COLUMNS, READINESS_COLUMNS]
    assert [list(row.values()) for row in rows] == [
        ["ann", "mia", "lead", "ready_now", "2026-11-30"],
        ["ann", "mia", "coach", "not_a_fit_now", "2026-11-30"],
    ]
    assert readiness_rows(view(readiness=[])) == []


def test_aspirations_are_checked_and_only_shared_ones_reach_the_manager() -> None:
    energy = tc.Aspiration(kind=tc.AspirationKind.ENERGY, text=" Helping others ")
    role = tc.Aspiration(
        kind=tc.AspirationKind.ROLE_INTEREST, role_id="lead", shared_with_manager=True
    )
    assert energy.text == "Helping others"
    assert tc.check_aspirations([energy, role], {"lead"}) == [energy, role]
    assert tc.shared_aspirations([energy, role]) == [role]
    with pytest.raises(tc.ValidationError) as caught:
        tc.check_aspirations(
            [
                tc.Aspiration(kind=tc.AspirationKind.MOBILITY, text=""),
                tc.Aspiration(kind=tc.AspirationKind.DIRECTION, role_id="lead"),
                tc.Aspiration(kind=tc.AspirationKind.ROLE_INTEREST, role_id="ceo"),
            ],
            {"lead"},
        )
    assert fields_of(caught.value) == [
        "aspirations[0].text",
        "aspirations[1].role_id",
        "aspirations[2].role_id",
    ]
    record = tc.DialogueRecord(aspirations=[energy, role])
    assert tc.load_dialogue(record.to_state()).aspirations == [energy, role]
