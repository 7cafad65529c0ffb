"""The dashboards' report reading and aggregates, checked against values worked out by hand.

The small framework (tests/talent_lab/conftest.py) has a three-level scale; role ``lead``
requires ``feedback`` at 3 (importance 5) and ``safety`` at 1 (importance 3), so a rating of
1 in feedback is a gap of 2 of the scale's 2 steps: 5 * 2 / 2 = 5.0, a rating of 2 is 2.5.
"""

from __future__ import annotations

import pandas as pd
import pytest

import talent_core as tc
from talent_lab._dashboard_figures import (
    activity_table,
    agreement_table,
    conversation_table,
    gap_table,
    mix_table,
    organisation_hours,
    progress_table,
)
from talent_lab._dashboard_reports import read_report
from tests.talent_lab.conftest import small_roles

ASSESSMENTS = (
    "username,role,submitted_at,attempts,level:feedback,level:safety,level:listening,top_gaps\r\n"
    "ann,lead,2026-05-01T09:00:00+00:00,1,1,1,2,feedback\r\n"
    "bo,lead,2026-05-02T09:00:00+00:00,2,2,,1,feedback\r\n"
    "cas,lead,2026-05-03T09:00:00+00:00,1,3,1,,\r\n"
    "dee,lead,,0,,,,\r\n"
    "eve,ghost,2026-05-03T09:00:00+00:00,1,1,1,1,\r\n"
)
PLANS = (
    "username,goals,goal_competencies,activities_planned,activities_doing,activities_done,"
    "activities_dropped,progress_percent,hours_on_the_job,hours_with_others,hours_home_study,"
    "hours_online,hours_classroom,hours_total,agreement,problem\r\n"
    "ann,1,feedback,2,0,0,0,0,6,0,0,0,0,6,yes,\r\n"
    "bo,1,feedback,1,1,2,0,50,4,0,0,0,2,6,yes,\r\n"
    "cas,2,feedback; safety,0,0,3,1,100,0,0,0,0,0,0,changed,\r\n"
    "dee,1,feedback,0,0,0,0,26,0,0,0,0,0,0,no,\r\n"
    "eve,,,,,,,,,,,,,,,plan_record: not a plan\r\n"
)
DIALOGUES = (
    "username,competencies,questions_answered,conversations,last_conversation,manager_name,"
    "agreed_focus\r\nann,feedback,2,1,2026-05-01,Kim,listen more\r\n"
    "bo,feedback,3,0,,,\r\ncas,safety,1,2,2026-06-01,Kim,\r\n"
)
PEER_GROUPS = (
    "username,group,sessions_logged,last_session,volunteer_as\r\n"
    "ann,Harbour,3,2026-05-01,host\r\nbo,Harbour,1,2026-04-01,\r\n"
    "cas,Lighthouse,0,,mentor\r\ndee,,0,,\r\n"
)


def report(content: str, name: str = "data.csv") -> pd.DataFrame:
    return read_report(content.encode("utf-8-sig"), name).rows


def test_gaps_per_role_count_only_submitted_rated_requirements(
    small_framework: tc.CompetencyFramework,
) -> None:
    table = gap_table(report(ASSESSMENTS), small_framework, small_roles())
    # dee has only a draft; eve's role does not fit the framework; listening is not required
    assert table.to_dict("records") == [
        {"group": "lead", "competency_id": "feedback", "mean_gap": 2.5, "learners": 3},
        {"group": "lead", "competency_id": "safety", "mean_gap": 0.0, "learners": 2},
    ]


def test_gaps_per_department_join_people_by_username(
    small_framework: tc.CompetencyFramework,
) -> None:
    departments = pd.Series({"ann": "Sales", "bo": "Sales", "cas": "IT"})
    table = gap_table(report(ASSESSMENTS), small_framework, small_roles(), departments)
    feedback = table[table["competency_id"] == "feedback"].set_index("group")
    assert feedback["mean_gap"].to_dict() == {"IT": 0.0, "Sales": 3.75}
    assert feedback["learners"].to_dict() == {"IT": 1, "Sales": 2}


def test_plan_progress_tables() -> None:
    plans = read_report(PLANS.encode(), "development_plan-data.csv")
    assert plans.unreadable == 1 and len(plans.rows) == 4
    agreement = agreement_table(plans.rows)
    assert agreement["agreement"].tolist() == ["yes", "changed", "no"]
    assert agreement["plans"].tolist() == [2, 1, 1]
    assert agreement["share"].tolist() == [0.5, 0.25, 0.25]
    assert dict(zip(*activity_table(plans.rows).to_dict("list").values(), strict=True)) == {
        "planned": 3,
        "doing": 1,
        "done": 5,
        "dropped": 1,
    }
    bands = progress_table(plans.rows).set_index("progress_percent")["plans"].to_dict()
    assert bands == {"0": 1, "1-25": 0, "26-50": 2, "51-75": 0, "76-99": 0, "100": 1}


def test_learning_mix_and_the_classroom_heavy_alternative() -> None:
    plans = read_report(PLANS.encode(), "development_plan-data.csv").rows
    hours = organisation_hours(plans)
    assert hours[tc.LearningMode.ON_THE_JOB] == 10 and hours[tc.LearningMode.CLASSROOM] == 2
    mix = mix_table(hours, tc.DEFAULT_RATES).set_index("mode")
    # classroom: 2 h at 90 plus 2 h away at 45 salary; on the job costs nothing
    assert mix.loc["total", "organisation_cost"] == 270
    assert mix.loc["total", "organisation_away_hours"] == 2
    # the same 12 hours, 60 % in class: 7.2 * (90 + 45) + 1.2 * (15 + 22.5) + 1.2 * 5
    # + 1.2 * (20 + 22.5)
    assert mix.loc["classroom", "classroom_heavy_hours"] == pytest.approx(7.2)
    assert mix.loc["total", "classroom_heavy_cost"] == pytest.approx(1074)
    assert mix.loc["total", "classroom_heavy_away_hours"] == pytest.approx(8.4)


def test_reports_are_recognised_by_their_columns() -> None:
    assert read_report(ASSESSMENTS.encode(), "a.csv").kind == "assessment"
    assert read_report(PLANS.encode(), "b.csv").kind == "plan"
    assert read_report(DIALOGUES.encode(), "c.csv").kind == "dialogue"
    assert read_report(PEER_GROUPS.encode(), "d.csv").kind == "peer_group"


def test_conversations_from_dialogues_and_peer_groups() -> None:
    table = conversation_table(report(DIALOGUES), report(PEER_GROUPS))
    assert dict(zip(table["measure"], table["count"], strict=True)) == {
        "dialogue_learners": 3,
        "dialogue_held": 2,
        "conversations": 3,
        "peer_members": 4,
        "peer_groups": 2,
        "sessions_logged": 4,
        "volunteers": 2,
    }
    assert conversation_table(None, None).empty


def test_a_defused_username_is_read_back() -> None:
    content = ASSESSMENTS.replace("\r\nann,", "\r\n'=ann,")
    assert report(content)["username"].iloc[0] == "=ann"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (ASSESSMENTS.replace(",2,feedback", ",two,feedback"), "row 2, column level:listening"),
        (PLANS.replace(",50,", ",150,"), "row 3, column progress_percent: '150' is not a number"),
        (PLANS.replace("0,changed", "0,maybe"), "row 4, column agreement: 'maybe' is not one"),
        (PLANS.replace("\r\nbo,1,", "\r\nbo,-1,"), "row 3, column goals: '-1' is not a whole"),
        ("name,score\r\nann,3\r\n", "x.csv, row 1: not a report this dashboard knows"),
    ],
)
def test_bad_cells_are_named_by_file_row_and_column(content: str, expected: str) -> None:
    with pytest.raises(tc.FormatError) as caught:
        read_report(content.encode(), "x.csv")
    assert expected in str(caught.value)
    assert str(caught.value).startswith("x.csv")


@pytest.mark.parametrize("cell", ["inf", "-inf", "nan", "1e400", str(2**70), str(2**63), "1000001"])
def test_numbers_beyond_any_real_figure_are_named_by_file_row_and_column(cell: str) -> None:
    cases = [
        (PLANS.replace("\r\nbo,1,", f"\r\nbo,{cell},"), "row 3, column goals: "),
        (PLANS.replace(",4,0,0,0,2,6,", f",{cell},0,0,0,2,6,"), "row 3, column hours_on_the_job: "),
        (DIALOGUES.replace(",3,0,,,", f",3,{cell},,,"), "row 3, column conversations: "),
        (
            ASSESSMENTS.replace(",2,feedback", f",{cell},feedback"),
            "row 2, column level:listening: ",
        ),
    ]
    for content, where in cases:
        with pytest.raises(tc.FormatError) as caught:
            read_report(content.encode(), "x.csv")
        assert str(caught.value).startswith(f"x.csv, {where}{cell!r} is not")


def test_a_file_that_is_not_utf8_text() -> None:
    with pytest.raises(tc.FormatError, match="not UTF-8"):
        read_report("username,role\nåsa,x\n".encode("latin-1"), "x.csv")
