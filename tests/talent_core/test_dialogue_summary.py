"""The cheap summary of a stored dialogue record agrees with the full record."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

import talent_core as tc

RATEABLE = ["feedback", "delegate"]


def framework_with_questions() -> tc.CompetencyFramework:
    """Two competencies on a four-level scale; feedback has two coaching questions."""
    questions = [{"id": q, "text": {"en": f"{q}?"}} for q in ("q1", "q2")]
    return tc.load(
        tc.CompetencyFramework,
        {
            "id": "fw",
            "name": {"en": "Framework"},
            "scale": {
                "id": "four",
                "levels": [{"value": v, "label": {"en": f"L{v}"}} for v in (1, 2, 3, 4)],
            },
            "nodes": [
                {"id": "feedback", "name": {"en": "Feedback"}, "coaching_questions": questions},
                {"id": "delegate", "name": {"en": "Delegate"}},
            ],
        },
    )


FRAMEWORK = framework_with_questions()

conversations = st.lists(
    st.fixed_dictionaries(
        {
            "held_on": st.dates(dt.date(2020, 1, 1), dt.date(2025, 12, 31)).map(str),
            "manager_name": st.sampled_from(["Mia", "Ola"]),
            "agreed_focus": st.text(max_size=20),
            "levels": st.dictionaries(st.sampled_from(RATEABLE), st.integers(1, 4)),
        }
    ),
    max_size=8,
)


def stored(record: tc.DialogueRecord) -> dict:
    """The state as the LMS hands it back: JSON, not Python objects."""
    return json.loads(json.dumps(record.to_state()))


@given(conversations)
def test_summary_agrees_with_the_whole_record(talks: list[dict]) -> None:
    payload = {"competency_ids": RATEABLE, "answers": {"feedback": {"q1": "a", "q2": "b"}}}
    record = tc.save_preparation(tc.DialogueRecord(), payload, FRAMEWORK)
    for talk in talks:
        record = tc.record_conversation(record, talk, FRAMEWORK)
    summary = tc.summarize_dialogue(stored(record))
    assert summary.preparation == record.preparation and summary.answered == 2
    assert summary.conversations == len(record.conversations)
    assert summary.latest == (record.conversations[-1] if record.conversations else None)
    latest = tc.latest_ratings(record.manager_ratings())
    assert summary.manager_levels == {
        cid: per_source[tc.RatingSource.MANAGER].level for cid, per_source in latest.items()
    }


def test_nothing_saved_is_an_empty_summary() -> None:
    for state in (None, {}):
        summary = tc.summarize_dialogue(state)
        assert summary == tc.DialogueSummary() and summary.answered == 0


@pytest.mark.parametrize(
    ("state", "field"),
    [
        ([1], ""),
        ("text", ""),
        ({"schema_version": 2}, "schema_version"),
        ({"preparation": {"competency_ids": ["a"]}}, "preparation.competency_ids"),
        ({"conversations": {"a": 1}}, "conversations"),
        ({"conversations": ["x"]}, "conversations[0]"),
        ({"conversations": [{"held_on": "2025-01-01", "levels": []}]}, "conversations[0].levels"),
        (
            {"conversations": [{"levels": {"a": "2"}}, {"held_on": "2025-01-01"}]},
            "conversations[0].levels",
        ),
        ({"conversations": [{"held_on": "2025-01-01"}]}, "conversations[0].manager_name"),
    ],
)
def test_unreadable_states_name_the_field(state: object, field: str) -> None:
    with pytest.raises(tc.ValidationError) as info:
        tc.summarize_dialogue(state)
    assert info.value.problems[0].field == field


def test_only_the_newest_conversations_count() -> None:
    old = {"held_on": "2020-01-01", "manager_name": "Old", "levels": {"feedback": 1}}
    new = {"held_on": "2021-01-01", "manager_name": "New", "levels": {"delegate": 3}}
    state = {"conversations": [old] + [new] * tc.MAX_CONVERSATIONS}
    summary = tc.summarize_dialogue(state)
    assert summary.conversations == tc.MAX_CONVERSATIONS
    assert summary.manager_levels == {"delegate": 3}
    assert summary.latest is not None and summary.latest.manager_name == "New"
