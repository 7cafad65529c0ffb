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
    status = mg.verified_agreement(submitted.goals_fingerprint(), submitted.submission, None).status
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
    found = mg.verified_agreement(submitted.goals_fingerprint(), submitted.submission, decision)
    assert found.status is mg.ManagerStatus.AGREED
    changed = submitted.model_copy(
        update={"version": 5, "goals": [submitted.goals[0].model_copy(update={"target_level": 4})]}
    )
    assert mg.verified_agreement(
        changed.goals_fingerprint(), changed.submission, decision
    ).status is (mg.ManagerStatus.CHANGED)
    again = mg.submit_plan(changed, 5, "bo", DAY)
    assert mg.verified_agreement(again.goals_fingerprint(), again.submission, decision).status is (
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


# -- the safety net ---------------------------------------------------------------------------

TODAY = dt.date(2026, 6, 30)


def reasons(**fields: object) -> list[tuple[str, int | None]]:
    person = mg.FollowUp(username="ann", **fields)  # type: ignore[arg-type]
    return [(a.reason.value, a.days) for a in mg.needs_attention([person], TODAY)]


def test_each_rule_of_the_safety_net_and_its_threshold() -> None:
    recent = TODAY - dt.timedelta(days=30)
    fine = {"has_plan": True, "plan_saved_on": recent, "last_dialogue": recent}
    assert reasons(**fine) == []
    assert reasons(**{**fine, "next_due": TODAY - dt.timedelta(days=1)}) == [
        ("overdue-activity", 1)
    ]
    assert reasons(**{**fine, "next_due": TODAY}) == []
    assert reasons(**{**fine, "plan_saved_on": TODAY - dt.timedelta(days=91)}) == [
        ("plan-untouched", 91)
    ]
    assert reasons(**{**fine, "plan_saved_on": TODAY - dt.timedelta(days=90)}) == []
    assert reasons(**{**fine, "manager_status": mg.ManagerStatus.CHANGED}) == [
        ("changed-since-agreed", 30)
    ]
    waiting = {**fine, "manager_status": mg.ManagerStatus.WAITING}
    assert reasons(**waiting, submitted_on=TODAY - dt.timedelta(days=15)) == [
        ("waiting-for-manager", 15)
    ]
    assert reasons(**waiting, submitted_on=TODAY - dt.timedelta(days=14)) == []
    assert reasons(**{**fine, "last_dialogue": TODAY - dt.timedelta(days=366)}) == [
        ("no-dialogue", 366)
    ]
    assert reasons(**{**fine, "last_dialogue": None}) == [("no-dialogue", None)]
    # without a plan only the dialogue rule applies
    assert reasons(next_due=dt.date(2020, 1, 1), last_dialogue=recent) == []


def test_follow_ups_join_plan_and_dialogue_reports_on_username() -> None:
    plans = [
        {
            "username": "ann",
            "manager_username": "bo",
            "saved_on": "2026-01-01",
            "next_due": "2026-06-01",
            "manager_status": "waiting",
            "submitted_on": "2026-06-01",
            "manager_last_conversation": "2026-05-01",
        },
        {"username": "cy", "manager_status": "bogus", "saved_on": "not a date"},
    ]
    dialogues = [
        {"username": "ann", "last_conversation": "2025-01-01"},
        {"username": "dee", "last_conversation": "2026-06-01"},
    ]
    people = mg.follow_ups_from_reports(plans, dialogues, {"ann": "Sales"}, {"dee": "bo"})
    assert [p.username for p in people] == ["ann", "cy", "dee"]
    ann, cy, dee = people
    assert ann.department == "Sales" and ann.last_dialogue == dt.date(2026, 5, 1)
    assert cy.manager_status is None and cy.plan_saved_on is None
    assert dee.manager_username == "bo" and not dee.has_plan
    found = {(a.username, a.reason.value) for a in mg.needs_attention(people, TODAY)}
    assert found == {
        ("ann", "overdue-activity"),
        ("ann", "plan-untouched"),
        ("ann", "waiting-for-manager"),
        ("cy", "no-dialogue"),
    }


# -- charter and checklist --------------------------------------------------------------------


def test_the_shipped_charter_and_checklist_are_complete_in_three_languages() -> None:
    charter = mg.default_charter()
    assert [r.id for r in charter.roles] == ["top-management", "line-manager", "hr", "employee"]
    texts = [charter.title, charter.intro] + [t for r in charter.roles for t in [r.name, *r.duties]]
    texts += [item.text for item in mg.default_checklist()]
    assert all(set(text) == {"en", "sv", "nl"} for text in texts)
    markdown = mg.charter_markdown(charter, "nl")
    assert (
        markdown.startswith("# Wie doet wat in talentontwikkeling")
        and "## Leidinggevende" in markdown
    )
    page = mg.charter_html(charter, "sv")
    assert '<html lang="sv">' in page and "<h2>Närmaste chef</h2>" in page


def test_an_edited_charter_or_checklist_is_checked() -> None:
    edited = mg.charter_markdown(
        mg.load_charter(
            '{"title": {"en": "Ours"}, "roles": [{"id": "hr", "name": {"en": "HR"}, '
            '"duties": [{"en": "<b>Listen</b>"}]}]}'
        ),
        "sv",
    )
    assert edited.startswith("# Ours") and "- <b>Listen</b>" in edited
    with pytest.raises(tc.ValidationError, match="not valid JSON"):
        mg.load_charter("{")
    with pytest.raises(tc.ValidationError):
        mg.load_charter('{"title": {"en": "x"}, "roles": []}')
    assert mg.load_checklist("") == mg.default_checklist()
    with pytest.raises(tc.ValidationError):
        mg.load_checklist('[{"id": "a b,", "text": {"en": "x"}}]')
    page = mg.charter_html(
        mg.load_charter(
            '{"title": {"en": "<script>"}, "roles": [{"id": "hr", "name": {"en": "HR"}, '
            '"duties": [{"en": "x"}]}]}'
        ),
        "en",
    )
    assert "<script>" not in page and "&lt;script&gt;" in page
