"""A stored state this version cannot read (a newer schema_version) gives the same notice in
every view and handler, never a 500, and is never written over (issue 7, item 12)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from webob import Request

from tests.xblocks.markup import student_html, text_of
from tests.xblocks.test_authorization import TABLE

FUTURE = {"schema_version": 99, "from": "a newer version"}
#: block type → (its settings, its user-state field, the notice's first words)
BLOCKS: dict[str, tuple[dict[str, Any], str, str]] = {
    "development_plan": ({}, "plan_record", "Your saved plan could not be read."),
    "development_dialogue": ({}, "dialogue", "Your saved work in this activity could not be read."),
    "competency_assessment": (
        {"competencies": ["leading-people"]},
        "assessment",
        "Your saved work in this activity could not be read.",
    ),
    "prior_learning_portfolio": ({}, "portfolio", "Your saved portfolio could not be read."),
}
LEARNER_HANDLERS = [
    (block_type, handler, make_request)
    for (block_type, handler), (who, make_request) in TABLE.items()
    if block_type in BLOCKS and who == "own"
]


@pytest.fixture
def unreadable(make_block) -> Any:
    def make(block_type: str) -> Any:
        settings, field, _ = BLOCKS[block_type]
        return make_block(block_type, **settings, **{field: dict(FUTURE)})

    return make


@pytest.mark.parametrize("block_type", sorted(BLOCKS))
def test_the_view_shows_the_notice(unreadable, block_type: str) -> None:
    text = text_of(student_html(unreadable(block_type)))
    assert BLOCKS[block_type][2] in text
    assert "nothing has been changed" in text


@pytest.mark.parametrize(("block_type", "handler", "make_request"), LEARNER_HANDLERS)
def test_every_learner_handler_answers_the_notice_and_keeps_the_state(
    unreadable, block_type: str, handler: str, make_request: Any
) -> None:
    block = unreadable(block_type)
    response = block.handle(handler, make_request())
    field, notice = BLOCKS[block_type][1], BLOCKS[block_type][2]
    if handler in ("new_goal", "new_activity"):  # forms that read no state
        assert response.status_code == 200
    elif handler in ("submit_plan", "respond_talent_view"):  # refused first: no roster manager
        assert response.status_code == 403
    elif handler in ("upload_evidence", "evidence_file"):  # no claim named: refused first
        assert response.status_code == 400
    elif handler == "erase_my_portfolio":  # erasure works on what cannot be read, too
        assert response.status_code == 200 and getattr(block, BLOCKS[block_type][1]) == {}
        return
    else:
        assert response.status_code == 409, (handler, response.body[:300])
        body = response.body.decode("utf-8")
        if response.content_type == "application/json":
            assert json.loads(body)["error"].startswith(notice)
        else:
            assert notice in body
    assert getattr(block, field) == FUTURE


def test_a_plan_download_is_the_notice_not_a_file(unreadable) -> None:
    response = unreadable("development_plan").handle("download_csv", Request.blank("/"))
    assert response.status_code == 409
    assert response.content_type == "text/html"
    assert "attachment" not in (response.content_disposition or "")
