"""The workbench's field data with exactly one row per block scope, block and user.

xblock-sdk's store finds a row with ``get_or_create`` on a table without a unique key, even on
reads: two parallel first requests of a learner each create a row, and from then on every
lookup raises ``MultipleObjectsReturned`` (a 500 on every page of that learner, for good). This
store (the workbench's ``field-data`` service in ``xblocks.workbench.settings``):

* creates a row only when a value is written, inside a transaction; SQLite runs transactions
  as ``BEGIN IMMEDIATE`` there, so a second writer waits instead of creating a second row;
* reads and writes the oldest row and, should duplicates exist (a database written by the
  SDK's own store), merges them into it (later rows win per field) and deletes the rest.
"""

from __future__ import annotations

import functools
import json
from collections import defaultdict
from collections.abc import Callable, Mapping
from typing import Any

from django.db import transaction
from workbench.models import XBlockState, shorten_scope_name
from workbench.runtime import WorkbenchDjangoKeyValueStore
from xblock.fields import Scope
from xblock.runtime import KeyValueStore, KvsFieldData

__all__ = ["SingleRowKeyValueStore", "WorkbenchFieldData"]

_RowId = tuple[str, str, str | None, str | None, str | None]


def _row_id(key: KeyValueStore.Key) -> _RowId:
    """(scope, scope_id, user_id, scenario, tag) as the SDK's model files a key."""
    if key.scope in (Scope.parent, Scope.children):
        scope = shorten_scope_name(key.scope.attr_name)
    else:
        scope = shorten_scope_name(key.scope.block.attr_name)
    scope_id = str(key.block_scope_id)
    if scope in ("type", "all"):
        scenario, tag = None, scope_id
    else:
        scenario, tag, _ = scope_id.split(".", 2)
    user_id = None if key.user_id is None else str(key.user_id)
    return scope, scope_id, user_id, scenario, tag


def _rows(row_id: _RowId) -> list[XBlockState]:
    scope, scope_id, user_id, _, _ = row_id
    return list(
        XBlockState.objects.filter(scope=scope, scope_id=scope_id, user_id=user_id).order_by("id")
    )


def _merged(rows: list[XBlockState]) -> dict[str, Any]:
    state: dict[str, Any] = {}
    for row in rows:
        state.update(json.loads(row.state))
    return state


def _overlay(values: Mapping[str, Any], state: dict[str, Any]) -> None:
    state.update(values)


class SingleRowKeyValueStore(WorkbenchDjangoKeyValueStore):
    """The SDK's store without duplicate rows (see the module docstring)."""

    def _read(self, key: KeyValueStore.Key) -> dict[str, Any]:
        row_id = _row_id(key)
        rows = _rows(row_id)
        if len(rows) > 1:
            self._change(row_id, lambda state: None)
            rows = _rows(row_id)
        return _merged(rows)

    def _change(self, row_id: _RowId, change: Callable[[dict[str, Any]], None]) -> None:
        scope, scope_id, user_id, scenario, tag = row_id
        with transaction.atomic():
            rows = _rows(row_id)
            state = _merged(rows)
            change(state)
            if rows:
                keep = rows[0]
                keep.state = self._to_json_str(state)
                keep.save(update_fields=["state"])
                XBlockState.objects.filter(id__in=[row.id for row in rows[1:]]).delete()
            else:
                XBlockState.objects.create(
                    scope=scope,
                    scope_id=scope_id,
                    user_id=user_id,
                    scenario=scenario,
                    tag=tag,
                    state=self._to_json_str(state),
                )

    def get(self, key: KeyValueStore.Key) -> Any:
        return self._read(key)[key.field_name]

    def has(self, key: KeyValueStore.Key) -> bool:
        return key.field_name in self._read(key)

    def set(self, key: KeyValueStore.Key, value: Any) -> None:
        self.set_many({key: value})

    def set_many(self, update_dict: Mapping[KeyValueStore.Key, Any]) -> None:
        by_row: dict[_RowId, dict[str, Any]] = defaultdict(dict)
        for key, value in update_dict.items():
            by_row[_row_id(key)][key.field_name] = value
        for row_id, values in by_row.items():
            self._change(row_id, functools.partial(_overlay, values))

    def delete(self, key: KeyValueStore.Key) -> None:
        if key.field_name not in self._read(key):
            raise KeyError(key.field_name)
        self._change(_row_id(key), lambda state: state.pop(key.field_name, None))


SINGLE_ROW_KVS = SingleRowKeyValueStore()


class WorkbenchFieldData(KvsFieldData):
    """The workbench runtime's ``field-data`` service over :data:`SINGLE_ROW_KVS`."""

    def __init__(self) -> None:
        super().__init__(SINGLE_ROW_KVS)
