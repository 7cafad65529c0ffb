import datetime as dt

import pytest

import talent_core as tc
from talent_core._assessment import levels_from
from talent_core._framework import MAX_DEPTH
from talent_core.formats._openedx import taxonomy_tags


def test_tree_navigation(framework: tc.CompetencyFramework) -> None:
    assert [n.id for n in framework.competencies()] == ["feedback", "delegate", "safety"]
    assert [n.id for n in framework.clusters()] == ["lead"]
    assert [n.id for n in framework.indicators("feedback", level=2)] == ["fb-2"]
    assert framework.depth("fb-2") == 2
    assert framework.scale_for("safety").id == "binary"
    assert framework.scale_for("fb-2").id == "four"


def test_framework_errors_name_the_field() -> None:
    with pytest.raises(tc.ValidationError) as info:
        tc.load(
            tc.CompetencyFramework,
            {
                "id": "x",
                "name": {"en": "X"},
                "scale": {
                    "id": "s",
                    "levels": [
                        {"value": 1, "label": {"en": "a"}},
                        {"value": 2, "label": {"en": "b"}},
                    ],
                },
                "nodes": [
                    {"id": "a", "parent_id": "missing", "name": {"en": "A"}},
                    {"id": "a", "name": {"en": "A2"}, "cross_references": ["nope"]},
                ],
            },
        )
    fields = {p.field for p in info.value.problems}
    assert {"nodes[0].parent_id", "nodes[1].id", "nodes[1].cross_references"} <= fields
    assert isinstance(info.value, ValueError)


def test_cycle_is_rejected() -> None:
    with pytest.raises(tc.ValidationError, match="cycle"):
        tc.load(
            tc.CompetencyFramework,
            {
                "id": "x",
                "name": {"en": "X"},
                "scale": {
                    "id": "s",
                    "levels": [
                        {"value": 1, "label": {"en": "a"}},
                        {"value": 2, "label": {"en": "b"}},
                    ],
                },
                "nodes": [
                    {"id": "a", "parent_id": "b", "name": {"en": "A"}},
                    {"id": "b", "parent_id": "a", "name": {"en": "B"}},
                ],
            },
        )


def test_indicator_level_must_be_on_scale() -> None:
    with pytest.raises(tc.ValidationError, match=r"nodes\[1\]\.level"):
        tc.load(
            tc.CompetencyFramework,
            {
                "id": "x",
                "name": {"en": "X"},
                "scale": {
                    "id": "s",
                    "levels": [
                        {"value": 1, "label": {"en": "a"}},
                        {"value": 2, "label": {"en": "b"}},
                    ],
                },
                "nodes": [
                    {"id": "a", "name": {"en": "A"}},
                    {
                        "id": "i",
                        "parent_id": "a",
                        "type": "indicator",
                        "level": 7,
                        "name": {"en": "I"},
                    },
                ],
            },
        )


def test_gap_analysis_orders_by_importance_weighted_gap(framework: tc.CompetencyFramework) -> None:
    role = tc.RoleProfile(
        id="lead",
        name={"en": "Lead"},
        requirements=[
            tc.RoleRequirement(competency_id="feedback", level=3, importance=2),
            tc.RoleRequirement(competency_id="delegate", level=4, importance=5),
            tc.RoleRequirement(competency_id="safety", level=1, importance=1),
        ],
    )
    tc.check_role(role, framework)
    gaps = tc.gap_analysis(framework, role, {"feedback": 1, "delegate": 3, "safety": 1})
    assert [(g.competency_id, g.size) for g in gaps] == [
        ("delegate", 1),
        ("feedback", 2),
        ("safety", 0),
    ]
    assert gaps[0].weighted == pytest.approx(5 / 3)
    # Unrated counts as the bottom of the scale.
    unrated = tc.gap_analysis(framework, role, {})
    assert {g.competency_id: g.size for g in unrated} == {"feedback": 2, "delegate": 3, "safety": 1}


def test_role_fit_prefers_the_role_already_met(framework: tc.CompetencyFramework) -> None:
    easy = tc.RoleProfile(
        id="easy", name={"en": "E"}, requirements=[{"competency_id": "feedback", "level": 2}]
    )
    hard = tc.RoleProfile(
        id="hard", name={"en": "H"}, requirements=[{"competency_id": "feedback", "level": 4}]
    )
    fits = tc.role_fit(framework, [hard, easy], {"feedback": 2})
    assert [f.role_id for f in fits] == ["easy", "hard"]
    assert fits[0].fit == 1.0 and not fits[0].open_gaps
    assert fits[1].suggested_hours == 4 * 2  # cheapest activity x steps


def test_check_role_names_unknown_competency_and_off_scale_level(
    framework: tc.CompetencyFramework,
) -> None:
    role = tc.RoleProfile(
        id="r",
        name={"en": "R"},
        requirements=[
            {"competency_id": "ghost", "level": 1},
            {"competency_id": "safety", "level": 3},
        ],
    )
    with pytest.raises(tc.ValidationError) as info:
        tc.check_role(role, framework)
    assert [p.field for p in info.value.problems] == [
        "r.requirements[0].competency_id",
        "r.requirements[1].level",
    ]


def test_ratings_from_sources_live_side_by_side() -> None:
    day = dt.date(2026, 1, 1)
    ratings = [
        tc.Rating(competency_id="feedback", level=2, source="self", rated_on=day),
        tc.Rating(
            competency_id="feedback", level=3, source="manager", rated_on=day + dt.timedelta(1)
        ),
        tc.Rating(competency_id="feedback", level=1, source="self", rated_on=day + dt.timedelta(2)),
    ]
    latest = tc.latest_ratings(ratings)["feedback"]
    assert latest[tc.RatingSource.SELF].level == 1
    assert latest[tc.RatingSource.MANAGER].level == 3
    assert levels_from(ratings, [tc.RatingSource.MANAGER, tc.RatingSource.SELF]) == {"feedback": 3}


def _plan() -> tc.DevelopmentPlan:
    return tc.DevelopmentPlan(
        owner="ann",
        goals=[
            tc.Goal(
                id="g1",
                competency_id="feedback",
                target_level=3,
                why="team asked",
                activities=[
                    tc.PlannedActivity(
                        id="p1", activity_ref="a1", title="Ask", mode="on_the_job", hours=4
                    ),
                    tc.PlannedActivity(
                        id="p2", title="Read", mode="home_study", hours=2, status="done"
                    ),
                    tc.PlannedActivity(
                        id="p3", title="Course", mode="classroom", hours=8, status="dropped"
                    ),
                ],
            )
        ],
    )


def test_plan_checks_against_framework(framework: tc.CompetencyFramework) -> None:
    tc.check_plan(_plan(), framework)
    bad = _plan()
    bad.goals[0].target_level = 9
    bad.goals[0].activities[0].activity_ref = "zz"
    with pytest.raises(tc.ValidationError) as info:
        tc.check_plan(bad, framework)
    assert [p.field for p in info.value.problems] == [
        "goals[0].target_level",
        "goals[0].activities[0].activity_ref",
    ]


def test_plan_rejects_impossible_dates_and_long_text() -> None:
    data = _plan().model_dump(mode="json")
    data["goals"][0]["activities"][0]["due"] = "1066-10-14"
    data["goals"][0]["why"] = "x" * 2001
    with pytest.raises(tc.ValidationError) as info:
        tc.load(tc.DevelopmentPlan, data)
    assert {p.field for p in info.value.problems} == {"goals[0].why"}
    data["goals"][0]["why"] = ""
    with pytest.raises(tc.ValidationError, match=r"goals\[0\]\.activities\[0\]\.due"):
        tc.load(tc.DevelopmentPlan, data)


def test_stale_save_is_refused_and_version_advances() -> None:
    stored = _plan()
    first = tc.accept_save(stored, stored.model_copy(update={"goals": []}))
    assert first.version == 1
    with pytest.raises(tc.StaleVersionError):
        tc.accept_save(first, stored)  # a tab still holding version 0


def test_agreement_voided_by_goal_change_but_not_by_progress() -> None:
    plan = _plan().agreed("Mia", dt.date(2026, 3, 1), "good")
    assert plan.is_agreed
    plan.goals[0].activities[0].status = tc.ActivityStatus.DONE
    plan.goals[0].activities[0].reflection = "went well"
    assert plan.is_agreed
    plan.goals[0].target_level = 4
    assert plan.changed_since_agreed and not plan.is_agreed


def test_progress_ignores_dropped() -> None:
    progress = _plan().progress()
    assert (progress.activities, progress.done, progress.dropped) == (3, 1, 1)
    assert progress.fraction == 0.5


def test_learning_mix_hours_away_time_and_cost() -> None:
    mix = tc.learning_mix(_plan().all_activities())
    assert mix.hours[tc.LearningMode.ON_THE_JOB] == 4
    assert mix.hours[tc.LearningMode.CLASSROOM] == 0  # dropped
    assert mix.total_hours == 6
    assert mix.away_hours == 0
    classroom = tc.learning_mix([tc.PlannedActivity(id="c", title="C", mode="classroom", hours=10)])
    assert classroom.away_hours == 10
    assert classroom.total_cost == 10 * 90 + 10 * 45


def test_rates_must_cover_every_mode() -> None:
    with pytest.raises(tc.ValidationError, match="missing"):
        tc.load(tc.ModeRates, {"cost_per_hour": {"online": 1}, "away_share": {}})


def _chain(depth: int) -> dict[str, object]:
    levels = [{"value": v, "label": {"en": str(v)}} for v in (1, 2)]
    nodes = [
        {"id": f"n{i}", "name": {"en": f"N{i}"}, "parent_id": f"n{i - 1}" if i else None}
        for i in range(depth)
    ]
    return {
        "id": "deep",
        "name": {"en": "Deep"},
        "scale": {"id": "s", "levels": levels},
        "nodes": nodes,
    }


def test_a_framework_deeper_than_the_documented_limit_is_refused_on_read() -> None:
    with pytest.raises(tc.ValidationError) as info:
        tc.load(tc.CompetencyFramework, _chain(3_000))
    assert [str(p) for p in info.value.problems] == [
        f"nodes[{MAX_DEPTH}].parent_id: the node lies {MAX_DEPTH + 1} levels deep; "
        f"a framework holds at most {MAX_DEPTH} levels"
    ]


def test_at_the_depth_limit_every_walk_up_the_tree_stays_short() -> None:
    framework = tc.load(tc.CompetencyFramework, _chain(MAX_DEPTH))
    assert framework.depth(f"n{MAX_DEPTH - 1}") == MAX_DEPTH - 1
    tags = taxonomy_tags(framework, "en")
    assert len(tags) == MAX_DEPTH and tags[-1]["parent_id"] == f"n{MAX_DEPTH - 2}"
