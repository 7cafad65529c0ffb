import datetime as dt
import json

import pytest

import talent_core as tc
from talent_core._dialogue import check_conversation, check_preparation


@pytest.fixture
def fw(framework: tc.CompetencyFramework) -> tc.CompetencyFramework:
    """The conftest framework with coaching questions on feedback and delegating."""
    data = framework.model_dump(mode="json")
    for node in data["nodes"]:
        if node["id"] in ("feedback", "delegate"):
            node["coaching_questions"] = [
                {"id": "q1", "text": {"en": "What went well?"}},
                {"id": "q2", "text": {"en": "What will you try next?"}},
            ]
    return tc.load(tc.CompetencyFramework, data)


def gap(cid: str, size: int, weighted: float) -> tc.Gap:
    return tc.Gap(cid, required=3, current=3 - size, importance=3, size=size, weighted=weighted)


def rating(cid: str, level: int, source: str, day: int, rater: str = "") -> tc.Rating:
    return tc.Rating(
        competency_id=cid, level=level, source=source, rated_on=dt.date(2025, 1, day), rater=rater
    )


def test_preparation_keeps_answers_and_drops_blank_ones(fw: tc.CompetencyFramework) -> None:
    payload = {
        "competency_ids": ["feedback", "delegate"],
        "answers": {"feedback": {"q1": "I asked my team.", "q2": " "}, "delegate": {"q1": ""}},
    }
    record = tc.DialogueRecord()
    saved = tc.save_preparation(record, payload, fw)
    assert record.preparation is None
    assert saved.preparation is not None
    assert saved.preparation.answers == {"feedback": {"q1": "I asked my team."}}


def test_preparation_problems_name_the_field(fw: tc.CompetencyFramework) -> None:
    with pytest.raises(tc.ValidationError) as info:
        check_preparation({"competency_ids": ["feedback"]}, fw)
    assert [p.field for p in info.value.problems] == ["competency_ids"]
    with pytest.raises(tc.ValidationError) as info:
        check_preparation({"competency_ids": ["a", "b", "c", "d", "e", "f"]}, fw)
    assert [p.field for p in info.value.problems] == ["competency_ids"]
    with pytest.raises(tc.ValidationError) as info:
        check_preparation(
            {"competency_ids": ["feedback", "x"], "answers": {"feedback": {"q1": "y" * 4001}}},
            fw,
        )
    assert [p.field for p in info.value.problems] == ["answers.feedback.q1"]
    payload = {
        "competency_ids": ["feedback", "nope", "lead", "feedback", "safety"],
        "answers": {"feedback": {"q9": "?"}, "delegate": {"q1": "not chosen"}},
    }
    with pytest.raises(tc.ValidationError) as info:
        check_preparation(payload, fw, allowed={"feedback", "delegate", "lead"})
    assert {p.field: p.message for p in info.value.problems} == {
        "competency_ids[1]": "unknown competency 'nope'",
        "competency_ids[2]": "'lead' is not a rateable competency",
        "competency_ids[3]": "'feedback' is chosen twice",
        "competency_ids[4]": "'safety' is not offered here",
        "answers.feedback.q9": "'q9' is not a question of 'feedback'",
        "answers.delegate": "'delegate' is not a chosen competency",
    }


def test_suggestions_come_from_open_gaps_of_all_assessments() -> None:
    first = [gap("feedback", 2, 2.0), gap("delegate", 1, 1.0), gap("safety", 0, 0.0)]
    second = [gap("delegate", 2, 3.0), gap("coaching", 1, 0.5)]
    assert tc.suggest_focus([*first, *second]) == ["delegate", "feedback", "coaching"]
    assert tc.suggest_focus([*first, *second], limit=2) == ["delegate", "feedback"]
    assert tc.suggest_focus(first, allowed={"delegate", "safety"}) == ["delegate"]


def test_conversation_becomes_manager_ratings(fw: tc.CompetencyFramework) -> None:
    payload = {
        "held_on": "2025-04-02",
        "manager_name": "  Maria Berg ",
        "agreed_focus": "Delegate the monthly report.",
        "levels": {"delegate": 2, "safety": 1},
    }
    record = tc.record_conversation(tc.DialogueRecord(), payload, fw)
    talk = record.conversations[0]
    assert talk.manager_name == "Maria Berg"
    assert [(r.competency_id, r.level, r.source, r.rater, r.rated_on) for r in talk.ratings()] == [
        ("delegate", 2, tc.RatingSource.MANAGER, "Maria Berg", dt.date(2025, 4, 2)),
        ("safety", 1, tc.RatingSource.MANAGER, "Maria Berg", dt.date(2025, 4, 2)),
    ]
    earlier = tc.record_conversation(record, {**payload, "held_on": "2024-10-01"}, fw)
    assert [c.held_on.isoformat() for c in earlier.conversations] == ["2024-10-01", "2025-04-02"]
    assert len(earlier.manager_ratings()) == 4


def test_conversation_problems_name_the_field(fw: tc.CompetencyFramework) -> None:
    with pytest.raises(tc.ValidationError) as info:
        check_conversation({"held_on": "yesterday", "manager_name": " "}, fw)
    assert {p.field for p in info.value.problems} == {"held_on", "manager_name"}
    with pytest.raises(tc.ValidationError) as info:
        check_conversation(
            {
                "held_on": "1900-01-01",
                "manager_name": "M",
                "levels": {"safety": 4, "nope": 1, "fb-2": 2, "feedback": 3},
            },
            fw,
            allowed={"safety", "nope", "fb-2"},
        )
    assert {p.field: p.message for p in info.value.problems} == {
        "held_on": "1900-01-01 is not a plausible date",
        "levels.safety": "4 is not on scale [0, 1]",
        "levels.nope": "unknown competency 'nope'",
        "levels.fb-2": "'fb-2' is not a rateable competency",
        "levels.feedback": "'feedback' is not offered here",
    }


def test_record_survives_a_json_round_trip(fw: tc.CompetencyFramework) -> None:
    record = tc.save_preparation(
        tc.DialogueRecord(),
        {"competency_ids": ["feedback", "delegate"], "answers": {"delegate": {"q2": "Ask Ann."}}},
        fw,
    )
    record = tc.record_conversation(
        record, {"held_on": "2025-04-02", "manager_name": "M", "levels": {"feedback": 3}}, fw
    )
    state = json.loads(json.dumps(record.to_state()))
    assert state["schema_version"] == tc.DIALOGUE_SCHEMA
    assert tc.load_dialogue(state) == record
    assert tc.load_dialogue({}) == tc.DialogueRecord()
    with pytest.raises(tc.ValidationError, match="schema_version"):
        tc.load_dialogue({"schema_version": 7})
    many = {"conversations": [state["conversations"][0]] * (tc.MAX_CONVERSATIONS + 3)}
    assert len(tc.load_dialogue(many).conversations) == tc.MAX_CONVERSATIONS


def test_sources_sit_side_by_side_and_never_overwrite_each_other() -> None:
    ratings = [
        rating("feedback", 2, "self", 1),
        rating("feedback", 3, "manager", 5, rater="Maria"),
        rating("feedback", 1, "assessor", 3),
        rating("feedback", 3, "self", 9),  # newer than the manager's: must not replace it
        rating("delegate", 2, "manager", 5, rater="Maria"),
    ]
    rows = tc.ratings_side_by_side(ratings, ["safety", "feedback", "delegate"])
    assert [row.competency_id for row in rows] == ["safety", "feedback", "delegate"]
    assert rows[0].latest == {} and rows[0].history == ()
    feedback = rows[1]
    assert list(feedback.latest) == [
        tc.RatingSource.SELF,
        tc.RatingSource.MANAGER,
        tc.RatingSource.ASSESSOR,
    ]
    assert feedback.latest[tc.RatingSource.SELF].level == 3
    assert feedback.latest[tc.RatingSource.MANAGER].level == 3
    assert feedback.latest[tc.RatingSource.MANAGER].rater == "Maria"
    assert feedback.latest[tc.RatingSource.ASSESSOR].level == 1
    assert [(r.source, r.rated_on.day) for r in feedback.history] == [
        (tc.RatingSource.SELF, 1),
        (tc.RatingSource.ASSESSOR, 3),
        (tc.RatingSource.MANAGER, 5),
        (tc.RatingSource.SELF, 9),
    ]
    assert [row.competency_id for row in tc.ratings_side_by_side(ratings)] == [
        "feedback",
        "delegate",
    ]


def test_self_assessments_and_conversations_meet_in_one_table(
    fw: tc.CompetencyFramework,
) -> None:
    role = tc.RoleProfile(
        id="r", name={"en": "R"}, requirements=[{"competency_id": "feedback", "level": 3}]
    )
    setup = tc.AssessmentSetup.create(fw, ["feedback"], [role])
    assessment = tc.submit(
        tc.SelfAssessmentRecord(),
        {"role_id": "r", "levels": {"feedback": 2}},
        setup,
        now=dt.datetime(2025, 5, 1, tzinfo=dt.UTC),
    )
    dialogue = tc.record_conversation(
        tc.DialogueRecord(),
        {"held_on": "2025-04-01", "manager_name": "M", "levels": {"feedback": 3}},
        fw,
    )
    (row,) = tc.ratings_side_by_side(
        [*assessment.all_ratings(), *dialogue.manager_ratings()], ["feedback"]
    )
    assert {source: r.level for source, r in row.latest.items()} == {
        tc.RatingSource.SELF: 2,
        tc.RatingSource.MANAGER: 3,
    }
