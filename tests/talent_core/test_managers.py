"""The manager roster, the manager's record and where a plan stands with its manager."""

from __future__ import annotations

import datetime as dt

import pytest

import talent_core as tc
from talent_core import managers as mg

DAY = dt.date(2026, 3, 2)


def problems(text: str | bytes) -> list[str]:
    with pytest.raises(mg.ManagerRosterError) as caught:
        mg.read_manager_roster(text)
    return [problem.text(lambda message: message) for problem in caught.value.problems]


def test_roster_gives_managers_reports_and_names() -> None:
    roster = mg.read_manager_roster(
        "username,manager_username,name\nann,bo,Ann Berg\nbo,,Bo Ek\ncy,bo,\n"
    )
    assert roster.manager_of("ann") == "bo" and roster.manager_of("bo") is None
    assert roster.reports_of("bo") == ("ann", "cy") and roster.reports_of("ann") == ()
    assert roster.is_manager("bo") and not roster.is_manager("ann")
    assert roster.manages("bo", "cy") and not roster.manages("cy", "bo")
    assert roster.name_of("bo") == "Bo Ek" and roster.name_of("cy") == "cy"
    assert mg.load_manager_roster(roster.to_state()) == roster


def test_every_problem_of_a_roster_is_named_in_file_order() -> None:
    found = problems(
        "username,manager_username,team,dept\n"
        "ann,ann\n"
        ",bo\n"
        "bo,cy\n"
        "cy,dee\n"
        "dee,bo\n"
        "bo,ann\n"
        "e f,ann\n"
    )
    # rows of 2 cells for a 4-column header: the file cannot be read on, and says why
    assert len(found) == 2 and "2 cells" in found[0] and "Unknown columns team, dept" in found[1]
    found = problems(
        "username,manager_username,team\n"
        "ann,ann,\n"
        ",bo,\n"
        "bo,cy,\n"
        "cy,dee,\n"
        "dee,bo,\n"
        "bo,ann,\n"
        "e f,ann,\n"
        "gus,h\x01,\n"
    )
    assert found == [
        "Row 1, column team: Unknown columns team: a manager roster has only username, "
        "manager_username, name.",
        "Row 2, column manager_username: ann cannot be their own manager.",
        "Row 3, column username: The cell is empty.",
        "Row 4, column manager_username: The managers go round in a circle: bo → cy → dee → bo.",
        "Row 7, column username: bo is already in the roster in row 4.",
        "Row 8, column username: e f is not a username (no spaces, commas or quotes).",
        "Row 9, column manager_username: The cell holds a control character.",
    ]


def test_missing_columns_empty_files_and_oversize_files_are_refused() -> None:
    assert "missing column(s) manager_username" in problems("username,name\nann,Ann\n")[0]
    assert problems("username,manager_username\n") == ["The roster has a header but no people."]
    big = b"username,manager_username\n" + b"x" * mg.MAX_MANAGER_ROSTER_BYTES
    assert problems(big) == ["The roster is larger than 1024 KB."]
    assert problems(b"username,manager_username\n\xff,a\n") == [
        "The roster is not UTF-8 text. Save it as CSV UTF-8."
    ]


def test_an_unreadable_stored_roster_is_an_error_not_an_empty_roster() -> None:
    assert len(mg.load_manager_roster({})) == 0
    with pytest.raises(mg.ManagerRosterError):
        mg.load_manager_roster({"schema_version": 2, "rows": []})
    with pytest.raises(mg.ManagerRosterError):
        mg.load_manager_roster({"schema_version": 1, "rows": [["a", "b"]]})


def test_roster_from_a_people_file_joins_manager_id_to_usernames() -> None:
    people = [
        tc.Person("1", "Ann Berg", "", None, "", "", "UTC", 1, "en", {"username": "ann"}),
        tc.Person("2", "Bo Ek", "", "1", "", "", "UTC", 1, "en", {"username": "bo"}),
        tc.Person("3", "Cy", "", "9", "", "", "UTC", 1, "en", {}),
    ]
    text = mg.manager_roster_csv(people)
    assert text == "username,manager_username,name\nann,,Ann Berg\nbo,ann,Bo Ek\n3,,Cy\n"
    assert mg.read_manager_roster(text).reports_of("ann") == ("bo",)


def plan() -> tc.DevelopmentPlan:
    return tc.DevelopmentPlan(
        owner="ann",
        version=3,
        goals=[tc.Goal(id="g1", competency_id="giving-feedback", target_level=3)],
    )


def test_submission_then_agreement_then_goal_change() -> None:
    submitted = mg.submit_plan(plan(), 3, "bo", DAY)
    assert submitted.version == 4 and submitted.submission is not None
    assert submitted.submission.version == 4
    status = mg.verified_agreement(submitted, submitted.submission, None).status
    assert status is mg.ManagerStatus.WAITING
    record = mg.decide_plan(
        mg.ManagerRecord(),
        "ann",
        submitted,
        version=4,
        decision="agreed",
        manager_name="Bo Ek",
        today=DAY,
    )
    decision = record.of("ann").latest_decision()
    assert decision is not None and decision.version == 4
    found = mg.verified_agreement(submitted, submitted.submission, decision)
    assert found.status is mg.ManagerStatus.AGREED
    changed = submitted.model_copy(
        update={"version": 5, "goals": [submitted.goals[0].model_copy(update={"target_level": 4})]}
    )
    assert mg.verified_agreement(changed, changed.submission, decision).status is (
        mg.ManagerStatus.CHANGED
    )
    again = mg.submit_plan(changed, 5, "bo", DAY)
    assert mg.verified_agreement(again, again.submission, decision).status is (
        mg.ManagerStatus.WAITING
    )
    # the stored record round-trips through JSON
    assert mg.load_manager_record(record.to_state()) == record


def test_decisions_check_version_goals_and_comment() -> None:
    with pytest.raises(tc.StaleVersionError):
        mg.decide_plan(
            mg.ManagerRecord(),
            "ann",
            plan(),
            version=2,
            decision="agreed",
            manager_name="",
            today=DAY,
        )
    with pytest.raises(tc.ValidationError, match="say what to change"):
        mg.decide_plan(
            mg.ManagerRecord(),
            "ann",
            plan(),
            version=3,
            decision="sent_back",
            manager_name="",
            today=DAY,
        )
    empty = tc.DevelopmentPlan(owner="ann")
    with pytest.raises(tc.ValidationError):
        mg.submit_plan(empty, 0, "bo", DAY)
    with pytest.raises(tc.StaleVersionError):
        mg.submit_plan(plan(), 1, "bo", DAY)


def test_a_learners_save_keeps_the_submission() -> None:
    submitted = mg.submit_plan(plan(), 3, "bo", DAY)
    payload = {"version": 4, "goals": [g.model_dump(mode="json") for g in submitted.goals]}
    saved = tc.apply_plan_save(submitted, payload, tc.demo_framework())
    assert saved.submission == submitted.submission


def test_a_record_keeps_only_the_newest_entries() -> None:
    decisions = [
        {"decision": "agreed", "version": i, "goals_fingerprint": "x", "decided_on": "2026-01-01"}
        for i in range(150)
    ]
    record = mg.load_manager_record(
        {"schema_version": 1, "reports": {"ann": {"decisions": decisions}}}
    )
    assert len(record.of("ann").decisions) == 100
    assert record.of("ann").decisions[-1].version == 149
    with pytest.raises(tc.ValidationError):
        mg.load_manager_record({"schema_version": 2})
