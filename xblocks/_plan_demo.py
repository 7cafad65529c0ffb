"""The demo manager roster and OLX of the development plan for the workbench scenarios.

``manager_1`` (Maja Lund) manages ``learner_1`` … ``learner_5`` and ``manager_2`` (Nils Rask)
``learner_6`` … ``learner_10`` (the names match the peer-group demo). In the workbench OLX may
seed the block's ``user_state_summary``; in the LMS course staff upload the roster on the block.
"""

from __future__ import annotations

import json
from xml.sax.saxutils import quoteattr

from talent_core.managers import read_manager_roster

__all__ = ["MANAGER_ROSTER", "plan_olx"]

MANAGER_ROSTER = """username,manager_username,name
manager_1,,Maja Lund
manager_2,,Nils Rask
learner_1,manager_1,Ann Berg
learner_2,manager_1,Bo Lindqvist
learner_3,manager_1,Cai de Vries
learner_4,manager_1,Dee Okafor
learner_5,manager_1,Eli Novak
learner_6,manager_2,Fay Jansen
learner_7,manager_2,Gus Holm
learner_8,manager_2,Hal Bakker
learner_9,manager_2,Ida Sund
learner_10,manager_2,Jon Smit
"""


def plan_olx(roster: str = MANAGER_ROSTER, **settings: str) -> str:
    """``<development_plan>`` with ``settings`` as attributes and ``roster`` seeded."""
    state = json.dumps(read_manager_roster(roster).to_state())
    attributes = "".join(f" {name}={quoteattr(value)}" for name, value in settings.items())
    return f"<development_plan{attributes} manager_roster={quoteattr(state)}/>"
