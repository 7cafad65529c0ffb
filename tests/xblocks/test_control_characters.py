"""Control characters in free text are refused by every JSON handler (issue 7, item 7)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from talent_core._text import control_character_fields
from tests.xblocks.test_development_dialogue import CONVERSATION, PREPARATION
from tests.xblocks.test_development_plan import GOALS
from xblocks._peer_demo import INTERVISION_ROSTER


def test_control_character_fields_names_each_place_and_spares_tabs_and_line_breaks() -> None:
    data = {"a": "ok\tline\r\n", "b": ["x", "bell\x07"], "c": {"d\x1b": "y", "e": "nul\x00"}}
    assert control_character_fields(data) == ["b.1", "c.d\x1b", "c.e"]
    assert control_character_fields("\x9b") == [""]
    assert control_character_fields({"a": "é ü 中 🙂 \u2028"}) == []


def _with(body: dict[str, Any], path: str, value: str) -> dict[str, Any]:
    body = copy.deepcopy(body)
    *parents, last = path.split(".")
    target: Any = body
    for part in parents:
        target = target[int(part)] if isinstance(target, list) else target[part]
    if isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value
    return body


FIRST_TITLE = "goals.1.activities.0.title"
FIRST_ANSWER = "answers.giving-feedback.giving-feedback-q1"
CASES = [
    ("development_plan", {}, "save_plan", {"version": 0, "goals": GOALS}, "goals.0.why"),
    ("development_plan", {}, "save_plan", {"version": 0, "goals": GOALS}, FIRST_TITLE),
    (
        "development_plan",
        {},
        "record_agreement",
        {"version": 0, "manager_name": "Mia", "agreed_on": "2025-05-02", "comment": ""},
        "comment",
    ),
    ("development_dialogue", {}, "save_preparation", PREPARATION, FIRST_ANSWER),
    ("development_dialogue", {}, "record_conversation", CONVERSATION, "agreed_focus"),
    (
        "competency_assessment",
        {"competencies": ["leading-people"]},
        "save_draft",
        {"levels": {"delegating": 2}, "notes": {"delegating": "n"}},
        "notes.delegating",
    ),
    (
        "peer_group",
        {"roster_csv": INTERVISION_ROSTER},
        "log_session",
        {"group": "Harbour", "date": "2025-05-02", "case_owner": "Bo", "insight": "I"},
        "insight",
    ),
]  # fmt: skip


@pytest.mark.parametrize("character", ["\x00", "\x1b[31m", "\x07"])
@pytest.mark.parametrize(("block_type", "settings", "handler", "body", "path"), CASES)
def test_free_text_with_a_control_character_is_refused_naming_the_field(
    make_block, call, workbench_db, character, block_type, settings, handler, body, path
) -> None:
    block = make_block(block_type, **settings)
    if handler == "record_conversation":
        assert call(block, "save_preparation", PREPARATION).status_code == 200
    before = {name: repr(getattr(block, name)) for name in block.fields}
    response = call(block, handler, _with(body, path, f"text{character}more"))
    assert response.status_code == 400
    assert [p["field"] for p in response.json["problems"]] == [path]
    assert {name: repr(getattr(block, name)) for name in block.fields} == before
    assert call(block, handler, _with(body, path, "text\tand\nmore")).status_code == 200
