"""Blocks under the real workbench runtime, without a server (as drag-and-drop-v2 tests them).

Django runs with ``xblocks.workbench.settings`` and a database of its own in a temporary
directory per test process, so xdist workers never share one.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

_VAR = tempfile.mkdtemp(prefix="talent-xblocks-")
os.environ["TALENT_WORKBENCH_VAR"] = _VAR
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xblocks.workbench.settings")
os.environ.pop("WORKBENCH_DATABASES", None)
# Once a browser test ran in this process, pytest-playwright keeps an asyncio loop in the main
# thread and Django's ORM refuses to run there; these tests are synchronous, so allow it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

# One test process needs no lock shared between processes (and no database write per lock);
# test_concurrency_server.py runs the workbench's own database-cache locks.
settings.TALENT_LOCK_CACHE = "default"

import pytest  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.utils import translation  # noqa: E402
from webob import Request, Response  # noqa: E402
from workbench.runtime import WORKBENCH_KVS, WorkbenchRuntime  # noqa: E402
from xblock.core import XBlock  # noqa: E402
from xblock.field_data import FieldData  # noqa: E402
from xblock.fields import ScopeIds  # noqa: E402
from xblock.runtime import DictKeyValueStore, KvsFieldData  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _language_reset_after_each_test() -> Iterator[None]:
    """A page request in sv/nl leaves Django's language active in the thread; reset it."""
    yield
    translation.deactivate()


class RecordingRuntime(WorkbenchRuntime):
    """The workbench runtime with its own field data, recording what blocks publish."""

    def __init__(self, user_id: str, field_data: FieldData) -> None:
        super().__init__(user_id)
        self._services["field-data"] = field_data
        self.events: list[tuple[str, dict[str, Any]]] = []

    def publish(self, block: XBlock, event_type: str, event_data: dict[str, Any]) -> None:
        self.events.append((event_type, event_data))


@pytest.fixture(scope="session", autouse=True)
def _var_dir() -> Iterator[None]:
    yield
    shutil.rmtree(_VAR, ignore_errors=True)


@pytest.fixture(scope="session")
def workbench_db() -> None:
    """The workbench's tables, for tests that read its store like the running server does."""
    # run_syncdb: xblock-sdk 0.14 (the one Python 3.11 can run) ships no workbench migrations.
    call_command("migrate", run_syncdb=True, verbosity=0, interactive=False)


@pytest.fixture
def store() -> KvsFieldData:
    """One course's field data in memory: blocks built on it share settings, not user state."""
    return KvsFieldData(DictKeyValueStore())


BlockFactory = Callable[..., Any]


@pytest.fixture
def make_block(store: KvsFieldData) -> BlockFactory:
    """``make_block("competency_explorer", user="learner_1", usage=None, **fields)``.

    A block type name is loaded through its entry point; a class (a test probe) is used as is.
    Blocks made with the same ``usage`` id are the same block seen by different users.
    """

    def make(
        block_type: str | type[XBlock],
        user: str = "learner_1",
        usage: str | None = None,
        field_data: FieldData | None = None,
        **fields: Any,
    ) -> Any:
        runtime = RecordingRuntime(user, field_data or store)
        if isinstance(block_type, str):
            cls = XBlock.load_class(block_type)
        else:
            cls, block_type = block_type, block_type.__name__.lower()
        if usage is None:
            definition = runtime.id_generator.create_definition(block_type)
            usage = runtime.id_generator.create_usage(definition)
        else:
            definition = runtime.id_generator.get_definition_id(usage)
        block = cls(runtime, scope_ids=ScopeIds(user, block_type, definition, usage))
        for name, value in fields.items():
            setattr(block, name, value)
        block.save()
        return block

    return make


@pytest.fixture
def workbench_field_data(workbench_db: None) -> KvsFieldData:
    """The workbench's database-backed store (what the running server uses)."""
    return KvsFieldData(WORKBENCH_KVS)


def post_json(
    block: XBlock, handler: str, data: Any = None, *, body: bytes | None = None
) -> Response:
    """POST ``data`` as JSON (or a raw ``body``) to a handler, through the runtime."""
    raw = body if body is not None else json.dumps(data).encode()
    request = Request.blank("/", method="POST", body=raw, content_type="application/json")
    return block.handle(handler, request)


@pytest.fixture
def call() -> Callable[..., Response]:
    return post_json


@pytest.fixture
def small_framework_json() -> str:
    return (DATA / "small_framework.json").read_text("utf-8")
