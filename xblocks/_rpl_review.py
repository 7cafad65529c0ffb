"""The reviewer side of the ``prior_learning_portfolio`` block, as one mixin the block inherits.

:class:`PortfolioReviewMixin` gathers the parts, each in a module of its own:

* ``_rpl_review_access``: who may do what (the reviewer roster, 403 for everyone else);
* ``_rpl_review_base``: the reviewer's own ``review_record``, other users' states, the audit
  trail, what the learner's view reads, GDPR export and erasure;
* ``_rpl_review_pages`` and ``_rpl_review_view``: the reviewer part of the page;
* ``_rpl_review_assessor``: queue, pick-up, VRAAK, second instrument, decision;
* ``_rpl_review_guide``: the guide's comments;
* ``_rpl_review_staff``: roster upload, decisions import, audit / queue / files downloads;
* ``_rpl_review_zip``: the streamed evidence zip.

The block (``prior_learning_portfolio.py``) lists it after ``TalentBlockMixin`` and
``FrameworkSourceMixin``, adds ``review_part()`` to its page and
``prior_learning_review.js`` to its scripts. See docs/xblocks.md, "prior_learning_portfolio:
reviewers".
"""

from __future__ import annotations

from ._rpl_review_assessor import AssessorMixin
from ._rpl_review_guide import GuideMixin
from ._rpl_review_staff import ReviewStaffMixin

__all__ = ["PortfolioReviewMixin"]


class PortfolioReviewMixin(ReviewStaffMixin, GuideMixin, AssessorMixin):
    """Guides, assessors and staff on the prior-learning portfolio block."""
