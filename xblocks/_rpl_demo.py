"""The demo reviewer roster and OLX of the prior learning portfolio for the workbench.

``guide_1`` guides ``learner_1`` … ``learner_5``; ``assessor_1`` and ``assessor_2`` assess
every learner. In the workbench OLX may seed the block's ``user_state_summary``; in the LMS
course staff upload the roster on the block.
"""

from __future__ import annotations

import json
from xml.sax.saxutils import quoteattr

from talent_core.rpl import read_reviewer_roster

__all__ = ["REVIEWER_ROSTER", "rpl_olx"]

REVIEWER_ROSTER = """username,role,learners
guide_1,guide,learner_1 learner_2 learner_3 learner_4 learner_5
assessor_1,assessor,
assessor_2,assessor,
"""


def rpl_olx(roster: str = REVIEWER_ROSTER, **settings: str) -> str:
    """``<prior_learning_portfolio>`` with ``settings`` as attributes and ``roster`` seeded."""
    state = json.dumps(read_reviewer_roster(roster).to_state())
    attributes = "".join(f" {name}={quoteattr(value)}" for name, value in settings.items())
    return f"<prior_learning_portfolio{attributes} reviewer_roster={quoteattr(state)}/>"
