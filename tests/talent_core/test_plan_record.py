"""The stored development plan: round trip, schema check, and the summary HR's report reads."""

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

import talent_core as tc

MODES = list(tc.LearningMode)
STATUSES = list(tc.ActivityStatus)


def activity(i: int, mode: str, hours: float, status: str) -> dict:
    return {"id": f"a{i}", "title": f"Activity {i}", "mode": mode, "hours": hours, "status": status}


def make_plan(**extra: object) -> tc.DevelopmentPlan:
    return tc.DevelopmentPlan(
        owner="learner_1",
        version=4,
        goals=[
            {
                "id": "g-feedback",
                "competency_id": "feedback",
                "target_level": 3,
                "why": "My team asks for it.",
                "activities": [
                    activity(1, "on_the_job", 6, "done"),
                    activity(2, "classroom", 8, "dropped"),
                    {**activity(3, "online", 2.5, "doing"), "due": "2031-03-01"},
                ],
            },
            {"id": "g-delegate", "competency_id": "delegate", "target_level": 2},
        ],
        **extra,
    )


def test_state_round_trip_keeps_the_plan() -> None:
    plan = make_plan().agreed("Maria", dt.date(2030, 5, 2), "Good plan")
    state = json.loads(json.dumps(tc.plan_to_state(plan)))
    assert state["schema_version"] == tc.PLAN_SCHEMA
    assert tc.load_plan(state, "someone_else") == plan


def test_empty_state_is_a_new_plan_of_the_owner() -> None:
    for empty in (None, {}):
        plan = tc.load_plan(empty, "learner_9")
        assert plan == tc.DevelopmentPlan(owner="learner_9")
        assert tc.summarize_plan(empty) is None


def test_summary_counts_statuses_and_hours_without_dropped() -> None:
    summary = tc.summarize_plan(tc.plan_to_state(make_plan()))
    assert summary is not None
    assert summary.version == 4 and summary.goals == 2
    assert summary.competency_ids == ["feedback", "delegate"]
    assert summary.activities == {
        tc.ActivityStatus.PLANNED: 0,
        tc.ActivityStatus.DOING: 1,
        tc.ActivityStatus.DONE: 1,
        tc.ActivityStatus.DROPPED: 1,
    }
    assert summary.hours[tc.LearningMode.ON_THE_JOB] == 6
    assert summary.hours[tc.LearningMode.ONLINE] == 2.5
    assert summary.hours[tc.LearningMode.CLASSROOM] == 0
    assert summary.progress.fraction == 0.5
    assert (summary.agreement, summary.manager_name, summary.agreed_on) == (
        tc.AgreementState.NOT_AGREED,
        "",
        None,
    )


def test_summary_follows_the_agreement() -> None:
    agreed = make_plan().agreed("Maria", dt.date(2030, 5, 2))
    summary = tc.PlanSummary.of(agreed)
    assert summary.agreement is tc.AgreementState.AGREED
    assert (summary.manager_name, summary.agreed_on) == ("Maria", dt.date(2030, 5, 2))
    progressed = agreed.model_copy(deep=True)
    progressed.goals[0].activities[0].status = tc.ActivityStatus.PLANNED
    assert tc.PlanSummary.of(progressed).agreement is tc.AgreementState.AGREED
    changed = agreed.model_copy(deep=True)
    changed.goals[1].target_level = 4
    summary = tc.PlanSummary.of(changed)
    assert summary.agreement is tc.AgreementState.CHANGED and summary.manager_name == "Maria"


def test_summary_mix_uses_the_rates_given_when_reading() -> None:
    plan = make_plan()
    summary = tc.PlanSummary.of(plan)
    assert summary.mix() == tc.learning_mix(plan.all_activities())
    dear = tc.DEFAULT_RATES.model_copy(update={"salary_per_hour": 100.0, "currency": "SEK"})
    mix = summary.mix(dear)
    assert mix.currency == "SEK"
    assert mix == tc.learning_mix(plan.all_activities(), dear)
    assert mix.away_hours == pytest.approx(2.5 * 0.5)


def test_mix_from_hours_treats_missing_modes_as_zero() -> None:
    mix = tc.mix_from_hours({tc.LearningMode.CLASSROOM: 10})
    assert mix.total_hours == 10 and mix.away_hours == 10
    assert mix.cost[tc.LearningMode.CLASSROOM] == 10 * 90 + 10 * 45
    assert set(mix.hours) == set(tc.LearningMode)


@pytest.mark.parametrize(
    ("state", "field"),
    [
        (["not", "an", "object"], ""),
        ({"schema_version": 2, "plan": {}, "summary": {}}, "schema_version"),
    ],
)
def test_unreadable_states_are_refused_by_both_readers(state: object, field: str) -> None:
    for read in (lambda s: tc.load_plan(s, "x"), tc.summarize_plan):
        with pytest.raises(tc.ValidationError) as caught:
            read(state)
        assert caught.value.problems[0].field == field


def test_broken_summary_names_the_field() -> None:
    state = tc.plan_to_state(make_plan())
    del state["summary"]["hours"]["online"]
    state["summary"]["activities"]["done"] = -1
    with pytest.raises(tc.ValidationError) as caught:
        tc.summarize_plan(state)
    fields = {p.field for p in caught.value.problems}
    assert "summary.activities.done" in fields
    with pytest.raises(tc.ValidationError) as caught:
        tc.summarize_plan({**state, "summary": None})
    assert caught.value.problems[0].field == "summary"


def test_broken_plan_names_the_field() -> None:
    state = tc.plan_to_state(make_plan())
    state["plan"]["goals"][0]["activities"][1]["status"] = "someday"
    with pytest.raises(tc.ValidationError) as caught:
        tc.load_plan(state, "x")
    assert caught.value.problems[0].field == "plan.goals[0].activities[1].status"


activities = st.lists(
    st.tuples(
        st.sampled_from(MODES),
        st.floats(min_value=0, max_value=2000, allow_nan=False),
        st.sampled_from(STATUSES),
    ),
    max_size=12,
)


@given(st.lists(activities, max_size=6))
def test_summary_agrees_with_the_plan_for_any_plan(goals: list) -> None:
    plan = tc.DevelopmentPlan(
        owner="o",
        goals=[
            {
                "id": f"g{i}",
                "competency_id": f"c{i}",
                "target_level": 2,
                "activities": [
                    activity(j, mode.value, hours, status.value)
                    for j, (mode, hours, status) in enumerate(items)
                ],
            }
            for i, items in enumerate(goals)
        ],
    )
    summary = tc.summarize_plan(json.loads(json.dumps(tc.plan_to_state(plan))))
    assert summary is not None
    assert summary.progress == plan.progress()
    expected = tc.learning_mix(plan.all_activities())
    assert summary.mix().hours == pytest.approx(expected.hours)
    assert summary.goals == len(plan.goals)
