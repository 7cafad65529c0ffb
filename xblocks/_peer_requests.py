"""The JSON bodies of the peer_group block's handlers (the log itself: talent_core.PeerSession)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import StringConstraints

from talent_core import StrictModel
from talent_core.mentoring import VolunteerRole

__all__ = ["GroupRequest", "ProgrammeEnd", "VolunteerChoice"]


class GroupRequest(StrictModel):
    """Body of ``group_log``: the group whose log the page shows."""

    group: Annotated[str, StringConstraints(min_length=1, max_length=255)]


class ProgrammeEnd(StrictModel):
    """Body of ``end_programme``: the learner says their programme is over."""

    ended: Literal[True]


class VolunteerChoice(StrictModel):
    """Body of ``volunteer``: mentor or host next round, or withdraw (empty)."""

    volunteer_as: VolunteerRole | Literal[""]
