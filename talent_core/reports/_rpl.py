"""Report rows of the prior-learning portfolio block: one row per claim, one per review.

The block's ``generate_report_data`` yields these for each learner (claims) and each guide or
assessor (reviews and comments), so HR's problem-responses report lists every claim and who
did what with it, without the evidence texts themselves (they stay in the block).
"""

from __future__ import annotations

from typing import Any

from ..rpl import PortfolioState, ReviewerState

__all__ = ["RPL_CLAIM_COLUMNS", "RPL_REVIEW_COLUMNS", "rpl_claim_rows", "rpl_review_rows"]

RPL_CLAIM_COLUMNS: tuple[str, ...] = (
    "record",
    "claim_id",
    "competency_id",
    "level",
    "standard",
    "state",
    "evidence_count",
    "files",
    "created",
    "submitted_at",
    "updated",
)
RPL_REVIEW_COLUMNS: tuple[str, ...] = (
    "record",
    "claim_id",
    "learner",
    "vraak_scores",
    "instrument_kind",
    "instrument_date",
    "outcome",
    "awarded_level",
    "decided_at",
    "decision_id",
    "comments",
)


def rpl_claim_rows(portfolio: PortfolioState) -> list[dict[str, Any]]:
    """One row per claim of a learner's portfolio (columns :data:`RPL_CLAIM_COLUMNS`)."""
    rows = []
    for claim in portfolio.claims:
        submitted = claim.submitted_at
        rows.append(
            dict(
                zip(
                    RPL_CLAIM_COLUMNS,
                    (
                        "claim",
                        claim.id,
                        claim.competency_id,
                        claim.level,
                        claim.standard or "",
                        claim.state.value,
                        len(claim.evidence),
                        sum(1 for item in claim.evidence if item.file is not None),
                        claim.created.isoformat(),
                        submitted.isoformat() if submitted else "",
                        claim.updated.isoformat(),
                    ),
                    strict=True,
                )
            )
        )
    return rows


def rpl_review_rows(state: ReviewerState) -> list[dict[str, Any]]:
    """One row per claim a guide or assessor reviewed or commented on (columns
    :data:`RPL_REVIEW_COLUMNS`)."""
    comments: dict[tuple[str, str], int] = {}
    for comment in state.comments:
        key = (comment.claim_id, comment.learner)
        comments[key] = comments.get(key, 0) + 1
    rows = []
    for review in state.reviews:
        decision, instrument = review.decision, review.instrument
        rows.append(
            dict(
                zip(
                    RPL_REVIEW_COLUMNS,
                    (
                        "review",
                        review.claim_id,
                        review.learner,
                        len(review.scores),
                        instrument.kind if instrument else "",
                        instrument.date.isoformat() if instrument else "",
                        decision.outcome.value if decision else "",
                        decision.awarded_level if decision else None,
                        decision.decided_at.isoformat() if decision else "",
                        decision.decision_id if decision else "",
                        comments.pop((review.claim_id, review.learner), 0),
                    ),
                    strict=True,
                )
            )
        )
    for (claim_id, learner), count in comments.items():
        row: dict[str, Any] = dict.fromkeys(RPL_REVIEW_COLUMNS, "")
        row.update(record="comment", claim_id=claim_id, learner=learner, comments=count)
        rows.append(row)
    return rows
