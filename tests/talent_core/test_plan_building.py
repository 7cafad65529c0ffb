import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import talent_core as tc
from talent_core._plan_building import default_target_level, new_goal_id, unique_id

WHY = "Rollen kräver {competency} på nivån {level}."


@pytest.fixture
def fw(framework: tc.CompetencyFramework) -> tc.CompetencyFramework:
    """The conftest framework with Swedish names and level labels."""
    data = framework.model_dump(mode="json")
    data["scale"]["levels"][2]["label"]["sv"] = "Skicklig"
    for node in data["nodes"]:
        if node["id"] == "feedback":
            node["name"]["sv"] = "Återkoppling"
            node["activities"][1]["title"]["sv"] = "Kurs"
    return tc.load(tc.CompetencyFramework, data)


def gap(cid: str, required: int, size: int) -> tc.Gap:
    return tc.Gap(cid, required, current=None, importance=3, size=size, weighted=size)


def plan_with_goal(**goal: object) -> tc.DevelopmentPlan:
    return tc.DevelopmentPlan(
        owner="learner_1",
        goals=[{"id": "g-feedback", "competency_id": "feedback", "target_level": 2, **goal}],
    )


def test_unique_ids_are_stable_and_never_collide() -> None:
    assert new_goal_id("feedback", set()) == "g-feedback"
    assert new_goal_id("feedback", {"g-feedback"}) == "g-feedback-2"
    assert new_goal_id("feedback", {"g-feedback", "g-feedback-2"}) == "g-feedback-3"
    long = "c" * 200
    first = new_goal_id(long, set())
    second = new_goal_id(long, {first})
    assert len(first) == len(second) == 200
    assert first != second and second.endswith("-2")


@given(st.lists(st.text(min_size=1, max_size=220), max_size=30))
def test_unique_id_is_fresh_for_any_taken_set(taken: list[str]) -> None:
    fresh = unique_id("x" * 199, set(taken))
    assert fresh not in taken
    assert len(fresh) <= 200


def test_goals_from_gaps_in_the_learners_language(fw: tc.CompetencyFramework) -> None:
    plan = tc.DevelopmentPlan(owner="learner_1")
    built = tc.goals_from_gaps(
        plan,
        [gap("feedback", 3, 2), gap("safety", 1, 0), gap("delegate", 4, 1)],
        fw,
        "sv",
        why_template=WHY,
    )
    assert plan.goals == []
    assert built.version == plan.version
    feedback, delegate = built.goals
    assert (feedback.id, feedback.competency_id, feedback.target_level) == (
        "g-feedback",
        "feedback",
        3,
    )
    assert feedback.why == "Rollen kräver Återkoppling på nivån Skicklig."
    assert [(a.id, a.activity_ref, a.title, a.mode, a.hours) for a in feedback.activities] == [
        ("a1", "a1", "Ask", tc.LearningMode.ON_THE_JOB, 4),
        ("a2", "a2", "Kurs", tc.LearningMode.CLASSROOM, 8),
    ]
    assert delegate.id == "g-delegate" and delegate.activities == []
    assert delegate.why == "Rollen kräver Delegating på nivån L4."
    tc.check_plan(built, fw)


def test_goals_from_gaps_never_duplicates_a_competency(fw: tc.CompetencyFramework) -> None:
    plan = plan_with_goal(id="g-delegate")  # an old goal id that now reads oddly
    built = tc.goals_from_gaps(
        plan,
        [gap("feedback", 3, 1), gap("delegate", 3, 1), gap("delegate", 4, 2)],
        fw,
        "en",
        why_template="{competency}",
    )
    assert [(g.id, g.competency_id) for g in built.goals] == [
        ("g-delegate", "feedback"),
        ("g-delegate-2", "delegate"),
    ]
    assert built.goals[1].target_level == 3
    assert tc.goals_from_gaps(built, [gap("delegate", 4, 2)], fw, "en", why_template="") == built


def test_goals_from_gaps_refuses_a_broken_template_and_a_full_plan(
    fw: tc.CompetencyFramework,
) -> None:
    plan = tc.DevelopmentPlan(owner="l")
    with pytest.raises(ValueError, match=r"\{competency\} and \{level\}"):
        tc.goals_from_gaps(plan, [gap("feedback", 3, 1)], fw, "en", why_template="{role}")
    full = tc.DevelopmentPlan(
        owner="l",
        goals=[{"id": f"g{i}", "competency_id": "delegate", "target_level": 2} for i in range(50)],
    )
    with pytest.raises(tc.ValidationError, match="at most 50 goals"):
        tc.goals_from_gaps(full, [gap("feedback", 3, 1)], fw, "en", why_template="")


def test_a_save_bumps_the_version_and_keeps_owner_and_agreement(
    fw: tc.CompetencyFramework,
) -> None:
    stored = plan_with_goal().agreed("Maria", dt.date(2025, 1, 10))
    payload = stored.model_dump(mode="json")
    payload["owner"] = "someone_else"
    payload["agreement"] = None
    payload["goals"][0]["activities"] = [
        {"id": "p1", "title": "Ask two colleagues", "mode": "on_the_job", "due": "2025-02-01"}
    ]
    before = stored.model_dump()
    saved = tc.apply_plan_save(stored, payload, fw)
    assert stored.model_dump() == before
    assert saved.version == stored.version + 1
    assert saved.owner == "learner_1"
    assert saved.agreement == stored.agreement
    assert saved.changed_since_agreed and not saved.is_agreed
    assert saved.goals[0].activities[0].due == dt.date(2025, 2, 1)


def test_a_bad_or_stale_save_is_refused_and_nothing_changes(
    fw: tc.CompetencyFramework,
) -> None:
    stored = plan_with_goal().model_copy(update={"version": 3})
    before = stored.model_dump()
    bad = stored.model_dump(mode="json")
    bad["goals"][0]["target_level"] = 9
    bad["goals"][0]["activities"] = [{"id": "x", "title": "", "mode": "space"}]
    with pytest.raises(tc.ValidationError) as info:
        tc.apply_plan_save(stored, bad, fw)
    assert {p.field for p in info.value.problems} == {
        "goals[0].activities[0].title",
        "goals[0].activities[0].mode",
    }
    bad["goals"][0]["activities"] = [{"id": "x", "title": "t", "mode": "online"}]
    with pytest.raises(tc.ValidationError) as info:
        tc.apply_plan_save(stored, bad, fw)
    assert [p.field for p in info.value.problems] == ["goals[0].target_level"]
    stale = stored.model_dump(mode="json")
    stale["version"] = 2
    with pytest.raises(tc.StaleVersionError):
        tc.apply_plan_save(stored, stale, fw)
    with pytest.raises(tc.ValidationError, match="JSON object"):
        tc.apply_plan_save(stored, ["not", "a", "plan"], fw)
    assert stored.model_dump() == before


def test_recording_the_agreement(fw: tc.CompetencyFramework) -> None:
    stored = plan_with_goal()
    agreed = tc.apply_agreement(
        stored,
        {"version": 0, "manager_name": " Maria ", "agreed_on": "2025-01-10", "comment": "Go"},
    )
    assert stored.agreement is None
    assert agreed.is_agreed and agreed.version == 1
    assert agreed.agreement is not None and agreed.agreement.manager_name == "Maria"
    with pytest.raises(tc.StaleVersionError):
        tc.apply_agreement(agreed, {"version": 0, "manager_name": "M", "agreed_on": "2025-01-10"})
    with pytest.raises(tc.ValidationError) as info:
        tc.apply_agreement(agreed, {"version": 1, "manager_name": " ", "agreed_on": "1800-01-01"})
    assert {p.field for p in info.value.problems} == {"manager_name", "agreed_on"}


@pytest.mark.parametrize(
    ("default", "proficient", "target"), [(2, [3], 2), (None, [3, 4], 3), (None, [], 4)]
)
def test_a_new_goal_aims_at_the_default_else_first_proficient_else_top_level(
    default: int | None, proficient: list[int], target: int
) -> None:
    levels = [
        {"value": v, "label": {"en": f"L{v}"}, "proficient": v in proficient} for v in (1, 2, 3, 4)
    ]
    scale = tc.load(tc.ProficiencyScale, {"id": "s", "levels": levels, "default_value": default})
    assert default_target_level(scale) == target


def test_a_picked_goal_or_activity_respects_the_plans_limits(
    fw: tc.CompetencyFramework,
) -> None:
    goal = tc.new_goal(fw, "feedback", {"g-feedback"})
    assert (goal.id, goal.target_level) == ("g-feedback-2", default_target_level(fw.scale))
    with pytest.raises(tc.ValidationError, match=f"at most {tc.MAX_GOALS} goals"):
        tc.new_goal(fw, "feedback", {f"g{n}" for n in range(tc.MAX_GOALS)})
    with pytest.raises(tc.ValidationError, match="not a competency"):
        tc.new_goal(fw, "lead", set())
    picked = tc.new_activity(fw, "feedback", "a1", {"a1"}, "en")
    assert (picked.id, picked.activity_ref, picked.title) == ("a1-2", "a1", "Ask")
    own = tc.new_activity(fw, "feedback", None, set(), "en")
    assert own.activity_ref is None and own.mode is tc.LearningMode.ON_THE_JOB
    with pytest.raises(tc.ValidationError, match=f"at most {tc.MAX_ACTIVITIES} activities"):
        tc.new_activity(fw, "feedback", None, {f"a{n}" for n in range(tc.MAX_ACTIVITIES)}, "en")
