"""The plan and the dialogue read the linked self-assessment as the LMS lets them.

In an LMS handler request the field-data cache holds the user state of the handler's block
only: a block loaded with ``runtime.get_block`` reads its user-state fields as defaults. These
tests reproduce that cache over the workbench's real store and check that the linking blocks
still see the learner's gaps, read through the ``user_state`` service.

Stand-in: the workbench has no ``user_state`` service, so :class:`UserStateService` serves
``get_state_as_dict(username, usage_id)`` (the LMS service's signature) from the workbench's
own store, where the assessment block's handler saved the learner's submission.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from workbench.models import XBlockState, shorten_scope_name
from xblock.core import XBlock
from xblock.field_data import FieldData
from xblock.fields import Scope

from tests.xblocks.markup import student_html, text_of

ASSESSMENT = "competency_assessment"
#: A first-time manager's self-ratings: the largest gaps are delegating, giving feedback and
#: developing others.
SELF_LEVELS = {"giving-feedback": 1, "coaching-others": 2, "delegating": 1, "developing-others": 1}
TOP_GAPS = ["delegating", "giving-feedback", "developing-others"]


class HandlerRequestFieldData(FieldData):
    """Field data as an LMS handler request sees it: the user state of the ``unloaded``
    blocks (blocks other than the handler's) is not in the cache, so it reads as defaults."""

    def __init__(self, inner: FieldData, unloaded: set[Any]) -> None:
        self._inner = inner
        self._unloaded = {str(usage) for usage in unloaded}

    def _hidden(self, block: XBlock, name: str) -> bool:
        scope = block.fields[name].scope
        return (
            scope in (Scope.user_state, Scope.user_state_summary)
            and str(block.scope_ids.usage_id) in self._unloaded
        )

    def get(self, block: XBlock, name: str) -> Any:
        if self._hidden(block, name):
            raise KeyError(name)
        return self._inner.get(block, name)

    def set(self, block: XBlock, name: str, value: Any) -> None:
        self._inner.set(block, name, value)

    def delete(self, block: XBlock, name: str) -> None:
        self._inner.delete(block, name)

    def has(self, block: XBlock, name: str) -> bool:
        return not self._hidden(block, name) and self._inner.has(block, name)


class UserStateService:
    """The LMS's ``user_state`` service over the workbench's store (see the module docstring)."""

    def get_state_as_dict(self, username: str, block_id: str) -> dict[str, Any]:
        row = XBlockState.objects.filter(
            scope=shorten_scope_name(Scope.user_state.block.attr_name),
            scope_id=block_id,
            user_id=username,
        ).first()
        return dict(json.loads(row.state)) if row is not None else {}


@pytest.fixture
def submitted(make_block: Any, workbench_field_data: Any, call: Any) -> Any:
    """learner_1's submitted self-assessment, saved by its handler in the workbench's store."""
    assessment = make_block(
        ASSESSMENT, field_data=workbench_field_data, competencies=["leading-people"]
    )
    draft = {"role_id": "first-time-manager", "levels": SELF_LEVELS}
    assert call(assessment, "submit_assessment", draft).status_code == 200
    return assessment


def in_handler_request(
    make_block: Any, workbench_field_data: Any, assessment: Any, block_type: str, **kw: Any
) -> Any:
    """A ``block_type`` block linked to ``assessment``, as an LMS handler request loads it."""
    usage = assessment.scope_ids.usage_id
    field_data = HandlerRequestFieldData(workbench_field_data, unloaded={usage})
    block = make_block(block_type, field_data=field_data, assessment_block=usage, **kw)
    block.runtime._services["user_state"] = UserStateService()
    return block


def test_the_lms_cache_hides_the_linked_state_and_the_service_reads_it(
    make_block, workbench_field_data, submitted
) -> None:
    plan = in_handler_request(make_block, workbench_field_data, submitted, "development_plan")
    linked = plan.runtime.get_block(submitted.scope_ids.usage_id)
    assert linked.assessment == {}  # what a field read gives in the LMS: "not submitted"
    assert [g.competency_id for g in plan.linked_assessment().gaps][:3] == TOP_GAPS
    del plan.runtime._services["user_state"]  # reading the fields instead: no gaps
    assert plan.linked_assessment().gaps == ()


def test_the_plan_offers_and_adds_the_gap_goals(
    make_block, workbench_field_data, submitted, call
) -> None:
    plan = in_handler_request(make_block, workbench_field_data, submitted, "development_plan")
    assert "Complete the self-assessment" not in text_of(student_html(plan))
    response = call(plan, "add_gap_goals", {"version": 0, "goals": []})
    assert response.status_code == 200, response.json
    assert [g.competency_id for g in plan.plan.goals] == TOP_GAPS


def test_the_dialogue_suggests_the_gaps(make_block, workbench_field_data, submitted) -> None:
    dialogue = in_handler_request(
        make_block, workbench_field_data, submitted, "development_dialogue"
    )
    words = text_of(student_html(dialogue))
    assert (
        "Suggested from the largest gaps in your latest self-assessment: "
        "Delegating, Giving feedback, Developing others" in words
    )


def test_another_learner_sees_only_their_own_state(
    make_block, workbench_field_data, submitted
) -> None:
    other = in_handler_request(
        make_block, workbench_field_data, submitted, "development_plan", user="learner_2"
    )
    assert other.linked_assessment().gaps == ()
