"""The one place that imports Open edX (or the workbench standing in for it), always lazily.

The blocks import this module, never ``lms``/``openedx``/``workbench`` themselves, so they load
in any XBlock runtime and each platform seam has one documented fallback:

* the active language: Django's, which both the LMS and the workbench set per request;
* learners' states of one block (for staff data downloads): the LMS's user-state client,
  else the workbench's own store;
* ``XBlockUserState``, the row type of that client and of ``generate_report_data``;
* one other learner's state of a block (a group's shared view): the LMS's ``user_state``
  service, else the workbench's store;
* the current learner's state of another block (a linked self-assessment): the LMS's
  ``user_state`` service, else that block's own fields (the workbench loads them all);
* the current learner's team in a teamset: the LMS's ``teams`` service (none elsewhere);
* the credential issuer and signing key: Django settings (the workbench makes a demo key).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any, NamedTuple

from xblock.core import XBlock
from xblock.fields import Scope

__all__ = [
    "Team",
    "XBlockUserState",
    "active_language",
    "credential_settings",
    "current_team",
    "find_block",
    "iter_user_states",
    "linked_user_state",
    "own_state_now",
    "replace_user_state_field",
    "teamset_ids",
    "user_state_of",
]


class _XBlockUserState(NamedTuple):
    """Same fields as ``edx_user_state_client.interface.XBlockUserState``."""

    username: str
    block_key: Any
    state: dict[str, Any]
    updated: datetime | None
    scope: Scope


try:  # the LMS ships edx-user-state-client; elsewhere an identical tuple stands in
    from edx_user_state_client.interface import XBlockUserState
except ImportError:
    XBlockUserState = _XBlockUserState


def active_language() -> str | None:
    """Django's language for this request (``?lang=``/cookie/Accept-Language), if Django runs."""
    try:
        from django.core.exceptions import ImproperlyConfigured
        from django.utils.translation import get_language
    except ImportError:
        return None
    try:
        return str(get_language() or "") or None
    except ImproperlyConfigured:
        return None


def credential_settings() -> tuple[Any, str]:
    """(issuer, key file) from the Django settings ``TALENT_CREDENTIAL_ISSUER`` (a dict like
    issuer.json) and ``TALENT_CREDENTIAL_KEY_FILE`` (the signing key's PEM path); (None, "")
    where Django or the settings are absent."""
    try:
        from django.conf import settings
    except ImportError:
        return None, ""
    if not settings.configured:
        return None, ""
    issuer = getattr(settings, "TALENT_CREDENTIAL_ISSUER", None)
    key_file = getattr(settings, "TALENT_CREDENTIAL_KEY_FILE", "") or ""
    return issuer, str(key_file)


def iter_user_states(block: XBlock) -> Iterator[Any]:
    """Every learner's ``Scope.user_state`` of ``block`` as ``XBlockUserState`` rows."""
    try:
        from lms.djangoapps.courseware.user_state_client import DjangoXBlockUserStateClient
    except ImportError:
        yield from _workbench_user_states(block)
        return
    yield from DjangoXBlockUserStateClient().iter_all_for_block(
        block.scope_ids.usage_id, scope=Scope.user_state
    )


def _workbench_user_states(block: XBlock) -> Iterator[Any]:
    """The workbench keeps one JSON row per (block scope, usage id, user id)."""
    from workbench.models import XBlockState, shorten_scope_name

    rows = XBlockState.objects.filter(
        scope=shorten_scope_name(Scope.user_state.block.attr_name),
        scope_id=str(block.scope_ids.usage_id),
        user_id__isnull=False,
    ).order_by("user_id")
    for row in rows:
        state = json.loads(row.state)
        if state:
            yield XBlockUserState(
                row.user_id, block.scope_ids.usage_id, state, row.created, Scope.user_state
            )


def find_block(block: XBlock, reference: str, block_type: str) -> XBlock | None:
    """The block of this course that an author's setting names, as seen by the current user.

    ``reference`` is a full usage key (``block-v1:…+type@…+block@…``, as Studio shows it) or,
    in Open edX, just the block id after ``block@`` (``block_type`` completes the key); the
    workbench's usage ids are plain strings. None when nothing is found there.
    """
    reference = reference.strip()
    course_key = getattr(block.scope_ids.usage_id, "course_key", None)
    try:
        if course_key is None:
            key: Any = reference
        elif ":" in reference:
            from opaque_keys.edx.keys import UsageKey

            key = UsageKey.from_string(reference).map_into_course(course_key)
        else:
            key = course_key.make_usage_key(block_type, reference)
        found: XBlock = block.runtime.get_block(key)
    except Exception:  # each platform has its own errors for malformed and unknown keys
        return None
    return found


def user_state_of(block: XBlock, username: str) -> dict[str, Any]:
    """Another learner's ``Scope.user_state`` of ``block`` (empty when they have none).

    The block must declare ``@XBlock.wants("user_state")``.
    """
    service = block.runtime.service(block, "user_state")
    if service is not None:
        return dict(service.get_state_as_dict(username, str(block.scope_ids.usage_id)))
    try:
        from workbench.models import XBlockState, shorten_scope_name
    except ImportError:
        return {}
    row = XBlockState.objects.filter(
        scope=shorten_scope_name(Scope.user_state.block.attr_name),
        scope_id=str(block.scope_ids.usage_id),
        user_id=username,
    ).first()
    return dict(json.loads(row.state)) if row is not None else {}


def replace_user_state_field(block: XBlock, username: str, field: str, value: Any) -> None:
    """Set one field of another user's ``Scope.user_state`` of ``block`` (the other fields as
    stored). Not for web handlers, where a user writes only their own state: this is the
    staff/retirement path (an erasure), through the LMS's user-state client, else the
    workbench's store."""
    try:
        from lms.djangoapps.courseware.user_state_client import DjangoXBlockUserStateClient
    except ImportError:
        _workbench_replace(block, username, field, value)
        return
    DjangoXBlockUserStateClient().set(username, block.scope_ids.usage_id, {field: value})


def _workbench_replace(block: XBlock, username: str, field: str, value: Any) -> None:
    from django.db import transaction
    from workbench.models import XBlockState, shorten_scope_name

    with transaction.atomic():
        row = (
            XBlockState.objects.filter(
                scope=shorten_scope_name(Scope.user_state.block.attr_name),
                scope_id=str(block.scope_ids.usage_id),
                user_id=username,
            )
            .order_by("id")
            .first()
        )
        if row is None:
            return
        state = json.loads(row.state)
        state[field] = value
        row.state = json.dumps(state)
        row.save(update_fields=["state"])


def own_state_now(block: XBlock) -> dict[str, Any] | None:
    """The current learner's ``Scope.user_state`` of ``block`` as stored right now, or None
    when the block's own field data already reads the store afresh (the workbench).

    The LMS prefetches field data when a request starts; its ``user_state`` service reads the
    ``StudentModule`` row again (handler requests run outside a database transaction, so the
    read sees what other processes committed). The block must declare
    ``@XBlock.wants("user_state", "user")``.
    """
    service = block.runtime.service(block, "user_state")
    if service is None:
        return None
    users = block.runtime.service(block, "user")
    user = users.get_current_user() if users is not None else None
    username = user.opt_attrs.get("edx-platform.username") if user is not None else None
    if not username:
        return None
    return dict(service.get_state_as_dict(username, str(block.scope_ids.usage_id)))


def linked_user_state(block: XBlock, other: XBlock, username: str) -> dict[str, Any] | None:
    """``username``'s raw ``Scope.user_state`` of ``other``, a block ``block`` links to.

    In an LMS handler request a block loaded with ``runtime.get_block`` has no prefetched user
    state (the field-data cache holds only the handler's block), so its user-state fields read
    as defaults; the ``user_state`` service reads the learner's stored state instead. None where
    the runtime offers no such service (the workbench, Studio): there ``other``'s own fields
    hold the state. ``block`` must declare ``@XBlock.wants("user_state")``.
    """
    service = block.runtime.service(block, "user_state")
    if service is None:
        return None
    return dict(service.get_state_as_dict(username, str(other.scope_ids.usage_id)))


class Team(NamedTuple):
    """A team of the Open edX Teams feature: id, name and (username, full name) per member."""

    team_id: str
    name: str
    members: tuple[tuple[str, str], ...]


def _course_id(block: XBlock) -> Any:
    usage_id = block.scope_ids.usage_id
    return getattr(usage_id, "context_key", None) or getattr(block.runtime, "course_id", None)


def current_team(block: XBlock, teamset_id: str) -> Team | None:
    """The current learner's team in ``teamset_id``; None without a team or a ``teams`` service.

    The block must declare ``@XBlock.wants("teams", "user")``. The LMS's user service gives the
    Django user (``get_user_by_anonymous_id()`` without an id means the current one).
    """
    teams = block.runtime.service(block, "teams")
    users = block.runtime.service(block, "user")
    if teams is None or users is None:
        return None
    user = users.get_user_by_anonymous_id()
    if user is None:
        return None
    team = teams.get_team(user, _course_id(block), teamset_id)
    if team is None:
        return None
    members = tuple(
        (str(u.username), str(getattr(getattr(u, "profile", None), "name", "") or u.username))
        for u in team.users.all()
    )
    return Team(str(team.team_id), str(team.name), members)


def teamset_ids(block: XBlock) -> list[str] | None:
    """The teamset ids of the course's Teams configuration; None when the platform has none.

    The block must declare ``@XBlock.wants("teams_configuration")``.
    """
    service = block.runtime.service(block, "teams_configuration")
    if service is None:
        return None
    config = service.get_teams_configuration(_course_id(block))
    return [str(teamset.teamset_id) for teamset in config.teamsets]
