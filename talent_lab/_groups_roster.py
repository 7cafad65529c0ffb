"""Rosters for the ``peer_group`` block, checked before HR uploads them.

Rosters are written with ``talent_core.roster_csv`` and read back with the block's reader,
``talent_core.read_roster``, so HR learns before the upload when the block would refuse one
(too large, a username it cannot match) and why, in the block's own words (worded from the
core's ``talent`` catalog, so the notebooks load no block code).
"""

from __future__ import annotations

from talent_core import RosterError, RosterKind, read_roster

__all__ = ["roster_problem"]


def roster_problem(text: str, kind: RosterKind, language: str) -> str | None:
    """Why the peer_group block would refuse this roster (in ``language``); None if it takes it."""
    try:
        read_roster(text, kind)
    except RosterError as error:
        return error.text_in(language)
    return None
