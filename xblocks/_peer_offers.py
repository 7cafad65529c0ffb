"""Offers to mentor made in a linked self-assessment, for the peer group's pay it forward.

A learner offers to mentor in one of their strengths on their self-assessment result; the
offer is in their own state of that block (``mentor_offers``). The peer group reads it, never
writes it: the learner sees it under "Pay it forward", and staff get it in the volunteers
download as ``strengths`` (``competency:level;…``, the mentors file's format).
"""

from __future__ import annotations

from typing import Any

from xblock.core import XBlock

import talent_core as tc

from . import compat

__all__ = ["ASSESSMENT_TYPE", "mentor_strengths", "strengths_cell"]

ASSESSMENT_TYPE = "competency_assessment"


def _state(block: XBlock, linked: Any, username: str) -> dict[str, Any]:
    state = compat.linked_user_state(block, linked, username)
    if state is not None:
        return state
    if username == getattr(block, "username", None):  # the workbench: the linked block's fields
        return {"assessment": linked.assessment, "mentor_offers": linked.mentor_offers}
    return compat.user_state_of(linked, username)


def mentor_strengths(block: XBlock, reference: str, username: str) -> list[tuple[str, str, int]]:
    """(competency id, name in the block's language, current level) of each strength
    ``username`` offered to mentor in, in the self-assessment ``reference`` names; empty when
    none is linked, found or readable."""
    if not reference.strip():
        return []
    linked = compat.find_block(block, reference, ASSESSMENT_TYPE)
    if linked is None or linked.scope_ids.block_type != ASSESSMENT_TYPE:
        return []
    try:
        state = _state(block, linked, username)
        offers = linked.mentor_offers_of(state)
        result = linked.latest_result(linked.learner_record(state))
    except (tc.ValidationError, AttributeError):
        return []
    if result is None:
        return []
    framework = result.framework
    return [
        (cid, block.localized(framework.node(cid).name), result.levels[cid])
        for cid in offers
        if cid in result.levels and framework.has_node(cid)
    ]


def strengths_cell(found: list[tuple[str, str, int]]) -> str:
    return ";".join(f"{cid}:{level}" for cid, _, level in found)
