"""A block's link to a competency self-assessment in the same course (dialogue, plan).

The author names the assessment block in Studio (setting ``assessment_block``); the block loads
it through the runtime and asks the assessment's read API (``learner_record``, ``latest_result``,
``self_ratings``; see docs/xblocks.md) for the current learner's result, so the assessment stays
the one owner of what its state means. The state itself is read the LMS way: in an LMS handler
request the linked block has no prefetched user state (it would read as "not submitted" unless
both blocks sit in one unit), so it comes from the ``user_state`` service where the runtime has
one (:func:`xblocks.compat.linked_user_state`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any, cast

from xblock.core import XBlock, XBlockMixin
from xblock.validation import ValidationMessage

import talent_core as tc

from . import compat
from .framework_source import load_framework
from .i18n import N_

if TYPE_CHECKING:
    from .competency_assessment import CompetencyAssessmentBlock

__all__ = [
    "ASSESSMENT_TYPE",
    "LinkProblem",
    "LinkedAssessment",
    "LinkedAssessmentMixin",
    "read_linked_assessment",
]

ASSESSMENT_TYPE = "competency_assessment"


class LinkProblem(Enum):
    """Why a linked assessment cannot be read."""

    MISSING = "missing"
    WRONG_TYPE = "wrong_type"


#: What Studio says about each problem (msgids with ``{reference}``).
PROBLEM_MESSAGES: dict[LinkProblem, str] = {
    LinkProblem.MISSING: N_("No block was found at the linked location {reference}."),
    LinkProblem.WRONG_TYPE: N_("The block at {reference} is not a competency self-assessment."),
}


@dataclass(frozen=True, slots=True)
class LinkedAssessment:
    """What the linking blocks use of the current learner's self-assessment."""

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
    username = str(getattr(block, "username", "") or block.scope_ids.user_id)
    state = compat.linked_user_state(block, linked, username)
    try:
        record = assessment.learner_record(state)
    except tc.ValidationError:  # a state this release cannot read: as if none was submitted
        return LinkedAssessment(framework_id, (), ())
    result = assessment.latest_result(record)
    return LinkedAssessment(
        framework_id,
        tuple(assessment.self_ratings(record)),
        result.gaps if result is not None else (),
    )


class LinkedAssessmentMixin(XBlockMixin):
    """Reading and Studio checks of the self-assessment the ``assessment_block`` setting names.

    The block declares the ``assessment_block`` String field itself (its help says what the
    link is for) and lists this mixin after :class:`xblocks.mixins.TalentBlockMixin`.
    """

    if TYPE_CHECKING:
        assessment_block: str

        def ugettext(self, text: str) -> str: ...

    def linked_assessment(self) -> LinkedAssessment | None:
        """The current learner's result in the linked self-assessment; None when none is
        linked or the link is broken."""
        if not self.assessment_block.strip():
            return None
        found = read_linked_assessment(cast(XBlock, self), self.assessment_block)
        return None if isinstance(found, LinkProblem) else found

    def validate_linked_assessment(self, validation: Any, data: Any, other_framework: str) -> None:
        """Studio messages for the link in ``data`` (the fields about to be saved).

        An error for a location without a block or with another kind of block; once nothing
        else is wrong, a warning when the assessment is not set up or uses another framework
        (``other_framework``: the translated warning, with ``{linked}`` for its id).
        """
        reference = data.assessment_block.strip()
        if not reference:
            return
        found = read_linked_assessment(cast(XBlock, self), reference)
        if isinstance(found, LinkProblem):
            message = self.ugettext(PROBLEM_MESSAGES[found]).format(reference=reference)
            validation.add(ValidationMessage(ValidationMessage.ERROR, message))
            return
        if validation.messages:
            return
        if found.framework_id is None:
            warning = self.ugettext("The linked self-assessment is not set up yet.")
        elif found.framework_id != load_framework(data.framework_source, data.framework_json).id:
            warning = other_framework.format(linked=found.framework_id)
        else:
            return
        validation.add(ValidationMessage(ValidationMessage.WARNING, warning))
