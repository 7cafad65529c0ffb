"""The review queue from Open edX's problem-responses report of the portfolio block.

The platform's report lists the block's report rows and adds each user's raw block state as a
``state`` column (JSON). From it the notebook rebuilds what the block's queue download holds:
every learner's submitted claims (field ``portfolio``) with each guide's and assessor's
reviews and comments (field ``review_record``), the reviewer being the row's user. A row whose
state cannot be read is named; drafts stay out of the queue.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Final

from .._errors import Problem, ValidationError
from .._validation import load
from ._csvfile import RplFileError, at_cell, each_row, read_rows, row_number
from ._model import ClaimState, PortfolioState
from ._queue import QueueRow
from ._review import ClaimReview, GuideComment, ReviewerState

__all__ = ["MAX_REPORT_BYTES", "read_report_queue"]

MAX_REPORT_BYTES: Final = 128 * 1024 * 1024


def read_report_queue(data: str | bytes) -> list[QueueRow]:
    """The queue in a problem-responses report CSV with ``username`` and ``state`` columns;
    raises :class:`RplFileError` naming every row whose state cannot be read."""
    _, rows = read_rows(data, ("username", "state"), (), MAX_REPORT_BYTES, any_columns=True)
    problems: list[Problem] = []
    portfolios: dict[str, PortfolioState] = {}
    records: dict[str, ReviewerState] = {}
    for row in each_row(rows, problems):
        username, raw = row.cells["username"], row.cells["state"]
        if not raw or (username in portfolios and username in records):
            continue
        try:
            state = json.loads(raw)
        except (ValueError, RecursionError) as error:
            problems.append(at_cell(row.number, "state", "problem.json.invalid", reason=str(error)))
            continue
        if not isinstance(state, Mapping):
            continue
        try:
            if state.get("portfolio") and username not in portfolios:
                portfolios[username] = load(PortfolioState, state["portfolio"])
            if state.get("review_record") and username not in records:
                records[username] = load(ReviewerState, state["review_record"])
        except ValidationError as error:
            problems += [p.at(f"row {row.number}, state.{p.field}") for p in error.problems]
    if problems:
        raise RplFileError(sorted(problems, key=lambda p: row_number(p.field)))
    reviews: dict[str, list[ClaimReview]] = {}
    comments: dict[str, list[GuideComment]] = {}
    for reviewer, record in records.items():
        for review in record.reviews:
            reviews.setdefault(review.claim_id, []).append(
                review.model_copy(update={"assessor": review.assessor or reviewer})
            )
        for comment in record.comments:
            comments.setdefault(comment.claim_id, []).append(comment)
    queue: list[QueueRow] = []
    for learner, portfolio in portfolios.items():
        for claim in portfolio.claims:
            if claim.state is ClaimState.DRAFT:
                continue
            guides = sorted({c.by for c in comments.get(claim.id, [])})
            queue.append(
                QueueRow(
                    learner=learner,
                    claim=claim,
                    guides=guides,
                    reviews=reviews.get(claim.id, []),
                    comments=comments.get(claim.id, []),
                )
            )
    return queue
