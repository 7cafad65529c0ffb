"""The workbench's field data keeps one row per block scope, block and user (issue 7, item 3)."""

from __future__ import annotations

import contextlib
import json

from django.conf import settings
from workbench.models import XBlockState
from workbench.runtime import WORKBENCH_KVS
from xblock.runtime import KvsFieldData

from tests.xblocks.test_development_plan import PLAN, save
from xblocks.workbench.store import SINGLE_ROW_KVS, WorkbenchFieldData


def _rows(block) -> list[XBlockState]:
    return list(
        XBlockState.objects.filter(
            scope="usage", scope_id=str(block.scope_ids.usage_id), user_id=block.scope_ids.user_id
        ).order_by("id")
    )


def test_the_workbench_runs_on_the_single_row_store() -> None:
    assert settings.WORKBENCH["services"]["field-data"] == (
        "xblocks.workbench.store.WorkbenchFieldData"
    )
    assert WorkbenchFieldData()._kvs is SINGLE_ROW_KVS


def test_reading_creates_no_row_and_writing_one(make_block, call, workbench_db) -> None:
    block = make_block(PLAN, user="reader", field_data=KvsFieldData(SINGLE_ROW_KVS))
    assert block.plan.version == 0
    assert _rows(block) == []
    assert save(call, block).status_code == 200
    assert save(call, block, version=1).status_code == 200
    assert len(_rows(block)) == 1


def test_duplicate_rows_from_the_sdk_store_are_merged_not_a_500(
    make_block, call, workbench_db
) -> None:
    """Rows the SDK's own store duplicated under parallel first writes: the SDK then raises
    MultipleObjectsReturned on every read; this store merges them into the oldest."""
    block = make_block(PLAN, user="twice", field_data=KvsFieldData(SINGLE_ROW_KVS))
    assert save(call, block).status_code == 200
    (row,) = _rows(block)
    newer = json.loads(row.state)["plan_record"]
    newer["plan"]["version"] = 5
    XBlockState.objects.create(
        scope=row.scope,
        scope_id=row.scope_id,
        user_id=row.user_id,
        scenario=row.scenario,
        tag=row.tag,
        state=json.dumps({"plan_record": newer}),
    )
    sdk_block = make_block(
        PLAN, user="twice", usage=block.scope_ids.usage_id, field_data=KvsFieldData(WORKBENCH_KVS)
    )
    with contextlib.suppress(XBlockState.MultipleObjectsReturned):  # what the SDK's store does
        sdk_block.plan_record  # noqa: B018
    again = make_block(
        PLAN, user="twice", usage=block.scope_ids.usage_id, field_data=KvsFieldData(SINGLE_ROW_KVS)
    )
    assert again.plan.version == 5
    assert save(call, again, version=5).status_code == 200
    (kept,) = _rows(again)
    assert kept.id == row.id and json.loads(kept.state)["plan_record"]["plan"]["version"] == 6
