"""The lock around every handler (xblocks.concurrency), without a server.

The parallel-request proofs against a running workbench are in test_concurrency_server.py.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from xblock.field_data import FieldData
from xblock.fields import Scope
from xblock.runtime import DictKeyValueStore, KvsFieldData

from tests.xblocks.test_development_plan import GOALS, PLAN, goal, save
from xblocks import concurrency


def test_a_handler_reads_the_state_as_stored_when_it_starts_not_an_earlier_copy(
    make_block, call
) -> None:
    """Two tabs: the second read the plan (as the LMS prefetches it) before the first saved."""
    first = make_block(PLAN)
    assert save(call, first).status_code == 200
    second = make_block(PLAN, usage=first.scope_ids.usage_id)
    assert second.plan.version == 1  # read before the other tab's save
    assert save(call, first, version=1).status_code == 200
    stale = save(call, second, [goal("resilience")], version=1)
    assert stale.status_code == 409
    assert [g.competency_id for g in first.plan.goals] == ["giving-feedback", "delegating"]


class _PrefetchedFieldData(FieldData):  # type: ignore[misc]
    """Stand-in for the LMS's FieldDataCache (no LMS runs here): values as they were when the
    request started, whatever was stored since; writes go to the live store."""

    def __init__(self, live: KvsFieldData) -> None:
        self._live = live
        self._snapshot: dict[str, Any] = {}

    def snapshot(self, block: Any) -> None:
        self._snapshot = {
            name: self._live.get(block, name)
            for name in block.fields
            if self._live.has(block, name)
        }

    def get(self, block: Any, name: str) -> Any:
        if name in self._snapshot:
            return self._snapshot[name]
        return self._live.get(block, name)

    def has(self, block: Any, name: str) -> bool:
        return name in self._snapshot or self._live.has(block, name)

    def set(self, block: Any, name: str, value: Any) -> None:
        self._live.set(block, name, value)

    def delete(self, block: Any, name: str) -> None:
        self._live.delete(block, name)


class _UserStateService:
    """Stand-in for the LMS's ``user_state`` service: reads the stored row afresh."""

    def __init__(self, block: Any, live: KvsFieldData) -> None:
        self._block, self._live = block, live

    def get_state_as_dict(self, username: str, block_id: str) -> dict[str, Any]:
        assert username == self._block.username
        assert block_id == str(self._block.scope_ids.usage_id)
        return {
            name: self._live.get(self._block, name)
            for name, field in self._block.fields.items()
            if field.scope == Scope.user_state and self._live.has(self._block, name)
        }


def test_in_the_lms_the_state_is_read_again_through_the_user_state_service(
    make_block, call
) -> None:
    live = KvsFieldData(DictKeyValueStore())
    prefetched = _PrefetchedFieldData(live)
    first = make_block(PLAN, field_data=live)
    assert save(call, first).status_code == 200
    tab = make_block(PLAN, usage=first.scope_ids.usage_id, field_data=prefetched)
    prefetched.snapshot(tab)  # the request starts: the LMS loads the row
    tab.runtime._services["user_state"] = _UserStateService(tab, live)
    assert save(call, first, version=1).status_code == 200  # another process saves meanwhile
    stale = save(call, tab, [goal("resilience")], version=1)
    assert stale.status_code == 409
    assert first.plan.version == 2


def test_a_second_request_waits_for_the_first_and_then_sees_its_write(make_block) -> None:
    block = make_block(PLAN)
    other = make_block(PLAN, usage=block.scope_ids.usage_id)
    order: list[str] = []

    def slow_writer() -> None:
        with concurrency.exclusive(block):
            order.append("first starts")
            time.sleep(0.3)
            block.plan_record = {"marker": 7}
            order.append("first saved")

    thread = threading.Thread(target=slow_writer)
    thread.start()
    while not order:
        time.sleep(0.01)
    with concurrency.exclusive(other):
        order.append("second starts")
        assert other.plan_record == {"marker": 7}
    thread.join()
    assert order == ["first starts", "first saved", "second starts"]


def test_a_lock_held_too_long_refuses_with_409_and_changes_nothing(make_block, call) -> None:
    block = make_block(PLAN)
    assert save(call, block).status_code == 200
    other = make_block(PLAN, usage=block.scope_ids.usage_id)
    with concurrency.exclusive(block), pytest.MonkeyPatch.context() as patch:
        patch.setattr(concurrency, "WAIT_SECONDS", 0.1)
        refused = save(call, other, [goal("resilience")], version=1)
    assert refused.status_code == 409
    assert refused.json["error"]
    assert [g.competency_id for g in block.plan.goals] == [g["competency_id"] for g in GOALS]


def test_locks_are_per_learner_and_block(make_block) -> None:
    block = make_block(PLAN, user="ann")
    same = make_block(PLAN, user="ann", usage=block.scope_ids.usage_id)
    other_learner = make_block(PLAN, user="bob", usage=block.scope_ids.usage_id)
    other_block = make_block(PLAN, user="ann")
    assert concurrency.lock_key(block) == concurrency.lock_key(same)
    assert concurrency.lock_key(block) != concurrency.lock_key(other_learner)
    assert concurrency.lock_key(block) != concurrency.lock_key(other_block)
    assert concurrency.lock_key(block, shared=True) == concurrency.lock_key(
        other_learner, shared=True
    )
    with (
        concurrency.exclusive(block),
        concurrency.exclusive(other_learner, wait=0),
        concurrency.exclusive(other_block, wait=0),
    ):
        pass
    with (
        concurrency.exclusive(block),
        pytest.raises(concurrency.Busy),
        concurrency.exclusive(same, wait=0),
    ):
        pass


def test_a_failing_body_saves_nothing_and_frees_the_lock(make_block) -> None:
    block = make_block(PLAN)
    with pytest.raises(RuntimeError), concurrency.exclusive(block):
        block.plan_record = {"marker": 9}
        raise RuntimeError
    fresh = make_block(PLAN, usage=block.scope_ids.usage_id)
    assert fresh.plan_record == {}
    with concurrency.exclusive(fresh, wait=0):
        pass
