"""The peer_group block's side of the roster: its kinds of group and the role labels.

The roster itself (reading, checking, writing) is ``talent_core.read_roster``; its errors are
structured and translated here at the block edge, through ``RosterError.text(self.ugettext)``.
"""

from __future__ import annotations

from talent_core import RosterKind

from .i18n import N_

__all__ = ["INTERVISION", "MENTORING", "ROLE_LABELS"]

INTERVISION: RosterKind = "intervision"
MENTORING: RosterKind = "mentoring"
#: Roles as members read them (msgids; translate when shown).
ROLE_LABELS: dict[str, str] = {
    "member": N_("member"),
    "host": N_("host"),
    "mentee": N_("mentee"),
    "mentor": N_("mentor"),
}
