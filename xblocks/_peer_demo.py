"""Demo rosters and OLX of the peer-group block for the workbench scenarios.

Workbench users are the ``?student=`` ids, so the rosters name ``learner_1`` … ``learner_12``;
``learner_1`` to ``learner_5`` meet as one intervision group, ``learner_6`` to ``learner_10`` as
another, and ``learner_11`` mentors ``learner_1`` and ``learner_12``.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

__all__ = ["INTERVISION_ROSTER", "MENTORING_ROSTER", "peer_group_olx"]

INTERVISION_ROSTER = """username,group,role,name
learner_1,Harbour,host,Ann Berg
learner_2,Harbour,member,Bo Lindqvist
learner_3,Harbour,member,Cai de Vries
learner_4,Harbour,member,Dee Okafor
learner_5,Harbour,member,Eli Novak
learner_6,Lighthouse,host,Fay Jansen
learner_7,Lighthouse,member,Gus Holm
learner_8,Lighthouse,member,Hal Bakker
learner_9,Lighthouse,member,Ida Sund
learner_10,Lighthouse,member,Jon Smit
"""

MENTORING_ROSTER = """username,group,role,name
learner_11,Pair A,mentor,Kim Verhoef
learner_1,Pair A,mentee,Ann Berg
learner_12,Pair A,mentee,Lou Ek
"""


def peer_group_olx(roster: str, **settings: str) -> str:
    """``<peer_group>`` with ``settings`` as attributes and the roster as an option element."""
    attributes = "".join(f" {name}={quoteattr(value)}" for name, value in settings.items())
    return (
        f'<peer_group{attributes} xmlns:option="http://code.edx.org/xblock/option">'
        f"<option:roster_csv>{escape(roster)}</option:roster_csv></peer_group>"
    )
