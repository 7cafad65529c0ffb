import datetime as dt
import json

import pytest

import talent_core as tc
from talent_core._self_assessment import check_draft

CET = dt.timezone(dt.timedelta(hours=2))


def with_advice(framework: tc.CompetencyFramework) -> tc.CompetencyFramework:
    """The conftest framework plus coaching questions and a Swedish activity title."""
    data = framework.model_dump(mode="json")
    feedback = next(n for n in data["nodes"] if n["id"] == "feedback")
    feedback["coaching_questions"] = [
        {"id": "q1", "text": {"en": "When did you last ask?", "sv": "När frågade du senast?"}},
        {"id": "q2", "text": {"en": "Who helps you?"}, "purpose": "dialogue"},
    ]
    feedback["activities"][0]["title"]["sv"] = "Fråga"
    return tc.load(tc.CompetencyFramework, data)


def role(role_id: str = "lead-role", **levels: int) -> tc.RoleProfile:
    levels = levels or {"feedback": 3, "delegate": 4, "safety": 1}
    importance = {"feedback": 5, "delegate": 2}
    return tc.RoleProfile(
        id=role_id,
        name={"en": role_id},
        requirements=[
            tc.RoleRequirement(competency_id=cid, level=level, importance=importance.get(cid, 3))
            for cid, level in levels.items()
        ],
    )


@pytest.fixture
def setup(framework: tc.CompetencyFramework) -> tc.AssessmentSetup:
    return tc.AssessmentSetup.create(
        with_advice(framework), ["lead", "safety"], [role(), role("other", feedback=2)]
    )


def full(**levels: int) -> dict[str, object]:
    return {"role_id": "lead-role", "levels": {"feedback": 2, "delegate": 3, "safety": 1, **levels}}


def test_setup_expands_clusters_in_tree_order(setup: tc.AssessmentSetup) -> None:
    assert setup.competency_ids == ("feedback", "delegate", "safety")
    assert [r.id for r in setup.roles] == ["lead-role", "other"]


def test_setup_names_each_configuration_problem(framework: tc.CompetencyFramework) -> None:
    with pytest.raises(tc.ValidationError) as info:
        tc.AssessmentSetup.create(
            framework, ["feedback", "nope", "fb-2"], [role(), role("bad", feedback=9)]
        )
    assert {p.field for p in info.value.problems} == {
        "competencies[1]",
        "competencies[2]",
        "bad.requirements[0].level",
    }
    with pytest.raises(tc.ValidationError, match="target role"):
        tc.AssessmentSetup.create(framework, ["feedback"], [])


def test_draft_problems_name_the_field(setup: tc.AssessmentSetup) -> None:
    payload = {
        "role_id": "astronaut",
        "levels": {"feedback": 2, "safety": 3, "nope": 1},
        "notes": {"feedback": "x" * 2001, "fb-2": "hi"},
    }
    with pytest.raises(tc.ValidationError) as info:
        check_draft(payload, setup)
    assert {p.field for p in info.value.problems} == {"notes.feedback"}  # shape comes first
    payload["notes"] = {"feedback": "fine", "fb-2": "hi"}
    with pytest.raises(tc.ValidationError) as info:
        check_draft(payload, setup)
    messages = {p.field: p.message for p in info.value.problems}
    assert set(messages) == {"role_id", "levels.safety", "levels.nope", "notes.fb-2"}
    assert "[0, 1]" in messages["levels.safety"]
    assert "astronaut" in messages["role_id"]


def test_save_draft_returns_a_copy_and_drops_blank_notes(setup: tc.AssessmentSetup) -> None:
    record = tc.SelfAssessmentRecord()
    saved = tc.save_draft(
        record, {"levels": {"feedback": 1}, "notes": {"feedback": "  ", "safety": "ok"}}, setup
    )
    assert record.draft == tc.AssessmentDraft()
    assert saved.draft.levels == {"feedback": 1}
    assert saved.draft.notes == {"safety": "ok"}
    assert saved.attempts == []


def test_submit_needs_every_competency_and_a_role(setup: tc.AssessmentSetup) -> None:
    now = dt.datetime(2025, 3, 1, 9, tzinfo=dt.UTC)
    with pytest.raises(tc.ValidationError) as info:
        tc.submit(tc.SelfAssessmentRecord(), {"levels": {"feedback": 2}}, setup, now=now)
    assert [p.field for p in info.value.problems] == ["role_id", "levels.delegate", "levels.safety"]
    with pytest.raises(ValueError, match="aware"):
        tc.submit(tc.SelfAssessmentRecord(), full(), setup, now=dt.datetime(2025, 3, 1))


def test_submit_appends_a_dated_self_attempt_and_keeps_the_draft(
    setup: tc.AssessmentSetup,
) -> None:
    record = tc.SelfAssessmentRecord()
    payload = full()
    payload["notes"] = {"delegate": "I hand over the weekly report."}
    done = tc.submit(record, payload, setup, now=dt.datetime(2025, 3, 1, 1, 30, tzinfo=CET))
    assert record.attempts == []
    attempt = done.attempts[0]
    assert attempt.submitted_at == dt.datetime(2025, 2, 28, 23, 30, tzinfo=dt.UTC)
    assert attempt.submitted_at.utcoffset() == dt.timedelta(0)
    assert attempt.role_id == "lead-role"
    assert [(r.competency_id, r.level, r.source, r.rated_on) for r in attempt.ratings()] == [
        ("feedback", 2, tc.RatingSource.SELF, dt.date(2025, 2, 28)),
        ("delegate", 3, tc.RatingSource.SELF, dt.date(2025, 2, 28)),
        ("safety", 1, tc.RatingSource.SELF, dt.date(2025, 2, 28)),
    ]
    assert attempt.ratings()[1].note == "I hand over the weekly report."
    assert attempt.notes == {"delegate": "I hand over the weekly report."}
    assert done.draft.levels == payload["levels"]


def test_history_keeps_the_newest_attempts(setup: tc.AssessmentSetup) -> None:
    record = tc.SelfAssessmentRecord()
    start = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    for day in range(tc.MAX_ATTEMPTS + 2):
        record = tc.submit(record, full(), setup, now=start + dt.timedelta(days=day))
    assert len(record.attempts) == tc.MAX_ATTEMPTS
    assert record.attempts[0].submitted_at == start + dt.timedelta(days=2)
    assert record.latest is not None
    assert record.latest.submitted_at == start + dt.timedelta(days=tc.MAX_ATTEMPTS + 1)
    stored = record.to_state()
    stored["attempts"] = stored["attempts"] * 2
    assert len(tc.load_self_assessment(stored).attempts) == tc.MAX_ATTEMPTS


def test_stored_state_is_compact_and_round_trips(setup: tc.AssessmentSetup) -> None:
    record = tc.submit(
        tc.SelfAssessmentRecord(), full(), setup, now=dt.datetime(2025, 3, 1, tzinfo=CET)
    )
    state = json.loads(json.dumps(record.to_state()))
    assert state["schema_version"] == tc.SELF_ASSESSMENT_SCHEMA
    assert state["attempts"] == [
        {
            "submitted_at": "2025-02-28T22:00:00Z",
            "role_id": "lead-role",
            "levels": {"feedback": 2, "delegate": 3, "safety": 1},
        }
    ]
    assert tc.load_self_assessment(state) == record
    assert tc.load_self_assessment({}) == tc.SelfAssessmentRecord()
    assert tc.load_self_assessment(None) == tc.SelfAssessmentRecord()


def test_summary_reads_only_the_latest_attempt(setup: tc.AssessmentSetup) -> None:
    assert tc.summarize_self_assessment({}) == tc.AssessmentSummary(0, None, None)
    record = tc.SelfAssessmentRecord()
    for day in (1, 2, 3):
        record = tc.submit(
            record, full(feedback=day), setup, now=dt.datetime(2025, 1, day, tzinfo=dt.UTC)
        )
    record = tc.save_draft(record, {"role_id": "other"}, setup)
    state = json.loads(json.dumps(record.to_state()))
    summary = tc.summarize_self_assessment(state)
    assert summary == tc.AssessmentSummary(3, record.latest, "other")
    state["attempts"][0] = {"broken": True}  # older attempts are not read
    assert tc.summarize_self_assessment(state) == summary
    state["attempts"][2]["levels"] = {"feedback": "high"}
    with pytest.raises(tc.ValidationError) as info:
        tc.summarize_self_assessment(state)
    assert [p.field for p in info.value.problems] == ["attempts[2].levels.feedback"]
    for bad in ({"schema_version": 2}, {"attempts": "x"}, ["not", "a", "record"]):
        with pytest.raises(tc.ValidationError):
            tc.summarize_self_assessment(bad)


def test_loading_rejects_other_schemas_and_bad_attempts() -> None:
    with pytest.raises(tc.ValidationError, match="schema_version"):
        tc.load_self_assessment({"schema_version": 2})
    bad = {
        "attempts": [
            {
                "submitted_at": "2025-03-01T10:00:00",
                "role_id": "r",
                "levels": {"a": 1},
                "notes": {"b": "a note without a level"},
            }
        ]
    }
    with pytest.raises(tc.ValidationError) as info:
        tc.load_self_assessment(bad)
    assert {p.field for p in info.value.problems} == {"attempts[0].submitted_at"}
    bad["attempts"][0]["submitted_at"] = "2025-03-01T10:00:00+01:00"
    with pytest.raises(tc.ValidationError) as info:
        tc.load_self_assessment(bad)
    assert {p.field for p in info.value.problems} == {"attempts[0].notes.b"}
    bad["attempts"][0]["levels"] = {}
    with pytest.raises(tc.ValidationError) as info:
        tc.load_self_assessment(bad)
    assert {p.field for p in info.value.problems} == {"attempts[0].levels"}


def test_changes_since_the_previous_attempt(setup: tc.AssessmentSetup) -> None:
    assert tc.rating_changes(tc.SelfAssessmentRecord()) == []
    first = tc.submit(
        tc.SelfAssessmentRecord(),
        full(),
        setup,
        now=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
    )
    assert {c.change for c in tc.rating_changes(first)} == {tc.LevelChange.NEW}
    second = tc.submit(
        first, full(feedback=3, delegate=1), setup, now=dt.datetime(2025, 6, 1, tzinfo=dt.UTC)
    )
    assert [
        (c.competency_id, c.previous, c.current, c.change) for c in tc.rating_changes(second)
    ] == [
        ("feedback", 2, 3, tc.LevelChange.UP),
        ("delegate", 3, 1, tc.LevelChange.DOWN),
        ("safety", 1, 1, tc.LevelChange.SAME),
    ]


def test_latest_gaps_are_against_the_attempts_role(
    framework: tc.CompetencyFramework, setup: tc.AssessmentSetup
) -> None:
    record = tc.submit(
        tc.SelfAssessmentRecord(), full(), setup, now=dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    )
    gaps = tc.latest_gaps(record, setup)
    # feedback: 1 step x importance 5 / span 3; delegate: 1 step x 2 / 3; safety met.
    assert [(g.competency_id, g.size) for g in gaps] == [
        ("feedback", 1),
        ("delegate", 1),
        ("safety", 0),
    ]
    narrow = tc.AssessmentSetup.create(framework, ["feedback"], [role("x", feedback=3, safety=1)])
    assert tc.latest_gaps(record, narrow) == []  # the role was removed by the author
    record = record.model_copy(update={"draft": record.draft.model_copy(update={"role_id": "x"})})
    only_feedback = tc.submit(
        record,
        {"role_id": "x", "levels": {"feedback": 1}},
        narrow,
        now=dt.datetime(2025, 2, 1, tzinfo=dt.UTC),
    )
    # safety is required by role x but was not rated in this block: left out, not "level 0".
    assert [g.competency_id for g in tc.latest_gaps(only_feedback, narrow)] == ["feedback"]


def test_top_gaps_bring_localized_questions_and_activities(setup: tc.AssessmentSetup) -> None:
    record = tc.submit(
        tc.SelfAssessmentRecord(), full(), setup, now=dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    )
    gaps = tc.latest_gaps(record, setup)
    advice = tc.top_gaps(gaps, setup.framework, "sv-SE", limit=5)
    assert [a.gap.competency_id for a in advice] == ["feedback", "delegate"]  # safety is met
    feedback = advice[0]
    assert feedback.competency_name == "Feedback"
    assert [(q.id, q.text, q.purpose) for q in feedback.questions] == [
        ("q1", "När frågade du senast?", "both"),
        ("q2", "Who helps you?", "dialogue"),
    ]
    assert [(a.id, a.title, a.mode, a.hours) for a in feedback.activities] == [
        ("a1", "Fråga", tc.LearningMode.ON_THE_JOB, 4),
        ("a2", "Course", tc.LearningMode.CLASSROOM, 8),
    ]
    assert advice[1].questions == () and advice[1].activities == ()
    assert [a.gap.competency_id for a in tc.top_gaps(gaps, setup.framework, "en", limit=1)] == [
        "feedback"
    ]
