"""The development dialogue's link to a competency self-assessment in the same course.

The author names the assessment block in Studio; the dialogue reads the current learner's
result through the runtime and the assessment's read API (``latest_result``, ``self_ratings``;
see docs/xblocks.md), as problem-builder's dashboard reads other blocks, never the
assessment's stored state, so the assessment stays the one owner of its data.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, cast

from xblock.core import XBlock

import talent_core as tc

from . import compat

if TYPE_CHECKING:
    from .competency_assessment import CompetencyAssessmentBlock

__all__ = ["ASSESSMENT_TYPE", "LinkProblem", "LinkedAssessment", "read_linked_assessment"]

ASSESSMENT_TYPE = "competency_assessment"


class LinkProblem(Enum):
    """Why a linked assessment cannot be read."""

    MISSING = "missing"
    WRONG_TYPE = "wrong_type"


@dataclass(frozen=True, slots=True)
class LinkedAssessment:
    """What the dialogue uses of the current learner's self-assessment."""

    #: The assessment's framework; None while the assessment is not set up.
    framework_id: str | None
    #: Every submitted self rating, oldest first.
    ratings: tuple[tc.Rating, ...]
    #: Rated requirements of the latest submission's role, largest weighted gap first.
    gaps: tuple[tc.Gap, ...]


def read_linked_assessment(block: XBlock, reference: str) -> LinkedAssessment | LinkProblem:
    """The current learner's result in the assessment ``reference`` names, or the problem."""
    linked = compat.find_block(block, reference, ASSESSMENT_TYPE)
    if linked is None:
        return LinkProblem.MISSING
    if linked.scope_ids.block_type != ASSESSMENT_TYPE:
        return LinkProblem.WRONG_TYPE
    assessment = cast("CompetencyAssessmentBlock", linked)
    try:
        framework_id: str | None = assessment.framework.id
    except tc.ValidationError:
        framework_id = None
    result = assessment.latest_result()
    return LinkedAssessment(
        framework_id,
        tuple(assessment.self_ratings()),
        result.gaps if result is not None else (),
    )
