"""The dialogue's drivers and aspirations form, and what the manager's sheet shows of them.

Each aspiration is the learner's own (``DialogueRecord.aspirations``), private unless marked
shared with the manager; the manager's preparation sheet lists only the shared ones
(:func:`talent_core.shared_aspirations`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import talent_core as tc

from ._plan_view import Choice
from .i18n import N_

__all__ = ["KIND_LABELS", "AspirationRow", "AspirationsForm", "aspirations_form", "shared_lines"]

Translate = Callable[[str], str]

#: Empty rows offered after the learner's own.
BLANK_ROWS = 2

KIND_LABELS: dict[tc.AspirationKind, str] = {
    tc.AspirationKind.ENERGY: N_("What gives me energy"),
    tc.AspirationKind.ROLE_INTEREST: N_("A role that interests me"),
    tc.AspirationKind.DIRECTION: N_("A direction I want to grow in"),
    tc.AspirationKind.MOBILITY: N_("Mobility: moving team, place or country"),
    tc.AspirationKind.TIME_HORIZON: N_("My time horizon"),
}


@dataclass(frozen=True, slots=True)
class AspirationRow:
    legend: str
    kinds: tuple[Choice, ...]
    text: str
    roles: tuple[Choice, ...]
    shared: bool


@dataclass(frozen=True, slots=True)
class AspirationsForm:
    rows: tuple[AspirationRow, ...]
    status: str


def _role_name(roles: Sequence[tc.RoleProfile], role_id: str, language: str) -> str:
    role = next((r for r in roles if r.id == role_id), None)
    return tc.localize(role.name, language) if role is not None else role_id


def aspirations_form(
    aspirations: Sequence[tc.Aspiration],
    roles: Sequence[tc.RoleProfile],
    language: str,
    gettext: Translate,
    status: str = "",
) -> AspirationsForm:
    rows = []
    entries: list[tc.Aspiration | None] = [*aspirations, *([None] * BLANK_ROWS)]
    for i, entry in enumerate(entries, start=1):
        kind = entry.kind if entry is not None else None
        role_id = entry.role_id if entry is not None else None
        kinds = tuple(
            Choice(k.value, gettext(KIND_LABELS[k]), k == kind) for k in tc.ASPIRATION_KINDS
        )
        role_choices: tuple[Choice, ...] = ()
        if roles:
            role_choices = (
                Choice("", gettext("No role"), role_id is None),
                *(Choice(r.id, tc.localize(r.name, language), r.id == role_id) for r in roles),
            )
        rows.append(
            AspirationRow(
                gettext("Driver or aspiration {number}").format(number=i),
                kinds,
                entry.text if entry is not None else "",
                role_choices,
                entry.shared_with_manager if entry is not None else False,
            )
        )
    return AspirationsForm(tuple(rows), status)


def shared_lines(
    aspirations: Sequence[tc.Aspiration],
    roles: Sequence[tc.RoleProfile],
    language: str,
    gettext: Translate,
) -> tuple[str, ...]:
    """The aspirations the learner shared with their manager, one line each."""
    lines = []
    for entry in tc.shared_aspirations(aspirations):
        words = [entry.text] if entry.text else []
        if entry.role_id:
            words.insert(0, _role_name(roles, entry.role_id, language))
        lines.append(f"{gettext(KIND_LABELS[entry.kind])}: {' – '.join(words)}")
    return tuple(lines)
