"""Rosters for the ``peer_group`` block: who is in which intervision group or mentoring pair.

The block reads ``username,group,role,name`` (see ``xblocks/_peer_roster.py``). Each roster
written here is read back with the block's own reader, so HR learns before the upload when
the block would refuse it (too large, a username it cannot match) and why.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from talent_core import Person
from xblocks._peer_roster import Kind, RosterError, read_roster
from xblocks.i18n import translation

__all__ = ["ROSTER_HEADER", "roster_csv", "roster_problem", "roster_username"]

ROSTER_HEADER: tuple[str, ...] = ("username", "group", "role", "name")


def roster_username(person: Person) -> str:
    """The person's ``username`` column when the people file has one, else their id."""
    return person.extra.get("username", "").strip() or person.id


def roster_csv(rows: Iterable[tuple[str, str, str, str]]) -> str:
    """CSV text from (username, group, role, name) rows, in the order given."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ROSTER_HEADER)
    writer.writerows(rows)
    return out.getvalue()


def roster_problem(text: str, kind: Kind, language: str) -> str | None:
    """Why the peer_group block would refuse this roster (in ``language``); None if it takes it."""
    try:
        read_roster(text, kind)
    except RosterError as error:
        return error.text(translation(language).gettext)
    return None
