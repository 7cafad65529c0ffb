"""The assessor column of the development dialogue: levels recognised in a portfolio block.

The dialogue links a ``prior_learning_portfolio`` block (its ``portfolio_block`` setting) and
reads, the way the LMS serves it, only the learner's own state of that block through the
``user_state`` service: their claims and the decisions their portfolio page has shown them
(``seen_decisions``). A claim recognised (or partly recognised) without dispute becomes a
rating with source ``assessor`` at the awarded level, dated on the day of the decision.
"""

from __future__ import annotations

import logging
from typing import Any

from xblock.core import XBlock

import talent_core as tc
from talent_core import rpl

from . import compat

__all__ = ["PORTFOLIO_TYPE", "assessor_ratings", "recognised_ratings"]

log = logging.getLogger(__name__)

PORTFOLIO_TYPE = "prior_learning_portfolio"


def recognised_ratings(portfolio: Any, seen: Any) -> list[tc.Rating]:
    """Ratings (source ``assessor``) of every claim in ``portfolio`` (a learner's stored
    ``portfolio``) that ``seen`` (their ``seen_decisions``) shows recognised without dispute;
    oldest first. Unreadable data gives none."""
    if not portfolio or not isinstance(seen, dict):
        return []
    try:
        state = tc.load(rpl.PortfolioState, portfolio)
    except tc.ValidationError as error:
        log.warning("prior_learning_portfolio: unreadable portfolio for ratings: %s", error)
        return []
    ratings: list[tc.Rating] = []
    for claim in state.claims:
        try:
            decisions = [tc.load(rpl.ClaimDecision, d) for d in seen.get(claim.id) or []]
        except (tc.ValidationError, TypeError):
            continue
        if len({(d.outcome, d.awarded_level) for d in decisions}) != 1:
            continue  # none, or assessors who disagree: no level counts
        decision = max(decisions, key=lambda d: d.decided_at)
        if not decision.outcome.awards_level or decision.awarded_level is None:
            continue
        ratings.append(
            tc.Rating(
                competency_id=claim.competency_id,
                level=decision.awarded_level,
                source=tc.RatingSource.ASSESSOR,
                rated_on=decision.decided_at.date(),
                rater=decision.assessor,
            )
        )
    return sorted(ratings, key=lambda r: r.rated_on)


def assessor_ratings(block: XBlock, reference: str, username: str) -> list[tc.Rating]:
    """The recognised levels of ``username`` in the portfolio block ``reference`` names;
    empty when nothing is linked or found. ``block`` must want the ``user_state`` service."""
    if not reference.strip():
        return []
    linked = compat.find_block(block, reference, PORTFOLIO_TYPE)
    if linked is None or linked.scope_ids.block_type != PORTFOLIO_TYPE:
        return []
    state = compat.user_state_of(linked, username)
    return recognised_ratings(state.get("portfolio"), state.get("seen_decisions"))
