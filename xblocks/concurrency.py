"""No lost write when two requests of one learner race: a short lock, a fresh read, a save.

XBlock field data is last-write-wins, in the LMS too: the LMS prefetches a learner's
``StudentModule`` row when the request starts, and a handler that reads, checks and writes a
field would save a value computed from that early copy. Two tabs (or two LMS processes) then
both answer 200 and one write is gone. :func:`exclusive` closes the gap for one block and one
learner:

1. it takes a lock named after the block and the learner through Django's cache ``add``
   (atomic in memcached and redis, which Open edX uses, and in the workbench's database cache),
   waiting up to :data:`WAIT_SECONDS`;
2. it drops the block's cached ``Scope.user_state`` values and re-reads them as they are stored
   now (the LMS's ``user_state`` service reads the row afresh; the workbench store always does);
3. the caller's code runs, and the fields it changed are saved before the lock is released.

The LMS's user-state client overlays the saved fields on the stored row, so fields the
handler did not change are never written back stale. A request that cannot get the lock in
time raises :class:`Busy` (HTTP 409, nothing changed). A lock whose holder died expires after
:data:`LOCK_SECONDS`.

Every :func:`xblocks.mixins.json_payload_handler` runs inside :func:`exclusive`; other handlers
(uploads) use :func:`exclusive` themselves or the :func:`serialized` decorator.
"""

from __future__ import annotations

import functools
import hashlib
import random
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol, TypeVar

from xblock.core import XBlock
from xblock.fields import Scope

import talent_core as tc

from . import compat

__all__ = [
    "LOCK_SECONDS",
    "WAIT_SECONDS",
    "Busy",
    "exclusive",
    "lock_key",
    "serialized",
]

#: How long a lock lives when its holder never releases it (a killed process).
LOCK_SECONDS = 30
#: How long a request waits for another request of the same learner before answering 409.
WAIT_SECONDS = 10.0
#: Django setting naming the cache alias for locks (default ``"default"``).
CACHE_SETTING = "TALENT_LOCK_CACHE"

_HandlerT = TypeVar("_HandlerT", bound=Callable[..., Any])


class Busy(tc.TalentError):
    """Another request of this learner kept the block's state locked too long; retry later."""


class _Locks(Protocol):
    def add(self, key: str, value: str, timeout: int) -> bool: ...

    def get(self, key: str) -> Any: ...

    def delete(self, key: str) -> Any: ...


class _ProcessLocks:
    """Without Django (a bare XBlock runtime) one process is all there is to coordinate."""

    def __init__(self) -> None:
        self._held: dict[str, tuple[str, float]] = {}
        self._guard = threading.Lock()

    def add(self, key: str, value: str, timeout: int) -> bool:
        with self._guard:
            held = self._held.get(key)
            if held is not None and held[1] > time.monotonic():
                return False
            self._held[key] = (value, time.monotonic() + timeout)
            return True

    def get(self, key: str) -> Any:
        with self._guard:
            held = self._held.get(key)
            return held[0] if held is not None else None

    def delete(self, key: str) -> Any:
        with self._guard:
            self._held.pop(key, None)


_PROCESS_LOCKS = _ProcessLocks()


def _locks() -> _Locks:
    """Django's cache named by ``TALENT_LOCK_CACHE`` (shared by every LMS process)."""
    try:
        from django.conf import settings
        from django.core.cache import caches
    except ImportError:
        return _PROCESS_LOCKS
    if not settings.configured:
        return _PROCESS_LOCKS
    return caches[str(getattr(settings, CACHE_SETTING, "default"))]  # type: ignore[no-any-return]


def lock_key(block: XBlock, shared: bool = False) -> str:
    """The lock's name: the block's usage id and the learner (or the block as a whole)."""
    owner = "*" if shared else str(block.scope_ids.user_id)
    digest = hashlib.sha256(f"{block.scope_ids.usage_id}\n{owner}".encode()).hexdigest()
    return f"talent-lock:{digest}"


def _acquire(locks: _Locks, key: str, token: str, wait: float) -> bool:
    deadline = time.monotonic() + wait
    pause = 0.005
    while True:
        if locks.add(key, token, LOCK_SECONDS):
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(pause * (1 + random.random()))
        pause = min(pause * 2, 0.05)


def _release(locks: _Locks, key: str, token: str) -> None:
    # Only the holder deletes; a lock that expired and was taken by another stays theirs
    # (except in the instant between these two calls, once LOCK_SECONDS have passed).
    if locks.get(key) == token:
        locks.delete(key)


def refresh_user_state(block: XBlock) -> None:
    """Forget the block's cached ``Scope.user_state`` values and read them as stored now."""
    fresh = compat.own_state_now(block)
    dirty = block._dirty_fields
    for field in block.fields.values():
        if field.scope != Scope.user_state:
            continue
        dirty.pop(field, None)
        field._del_cached_value(block)
        if fresh is not None and field.name in fresh:
            field._set_cached_value(block, field.from_json(fresh[field.name]))


@contextmanager
def exclusive(block: XBlock, *, shared: bool = False, wait: float | None = None) -> Iterator[None]:
    """Run the body as the only writer of this learner's state of ``block``, then save.

    ``shared=True`` locks the block for all users (a staff upload of block-wide data). The
    body sees the state as stored when the lock was taken; what it changed is saved before
    the lock is released. If the body raises, nothing is saved (the caller discards its
    changes). :class:`Busy` when the lock is not free within ``wait`` seconds.
    """
    locks = _locks()
    key = lock_key(block, shared)
    token = uuid.uuid4().hex
    if not _acquire(locks, key, token, WAIT_SECONDS if wait is None else wait):
        raise Busy(key)
    try:
        refresh_user_state(block)
        yield
        block.save()
    finally:
        _release(locks, key, token)


def serialized(handler: _HandlerT) -> _HandlerT:
    """Decorate an ``@XBlock.handler`` method (put this below ``@XBlock.handler``) so it runs
    inside :func:`exclusive`: a response with an error status saves nothing, a busy lock
    answers HTTP 409 with a translated message."""

    @functools.wraps(handler)
    def run(self: Any, request: Any, suffix: str = "") -> Any:
        from .mixins import busy_response, discard_unsaved_changes

        try:
            with exclusive(self):
                response = handler(self, request, suffix)
                if getattr(response, "status_code", 200) >= 400:
                    discard_unsaved_changes(self)
                return response
        except Busy:
            discard_unsaved_changes(self)
            return busy_response(self)

    return run  # type: ignore[return-value]
