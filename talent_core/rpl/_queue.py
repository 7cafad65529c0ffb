"""The review queue as a CSV file: what the block's staff download hands to the notebook.

One row per claim: the learner, the claim (account, evidence, referee, history), its guides,
every assessor's review so far, the guides' comments and the decisions staff imported. Text
cells are defused against spreadsheet formulas (and restored when read back); structured
parts (evidence, history, reviews) are compact JSON in their cells. :func:`read_queue_csv`
checks the whole file and names every bad row.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from typing import Any, Final

from pydantic import Field

from .._errors import Problem, ValidationError
from .._spreadsheet import csv_text
from .._text import StrictModel, Username
from .._validation import load
from ._csvfile import RplFileError, at_cell, each_row, json_cell, read_rows, row_number
from ._model import Line, PriorLearningClaim
from ._review import ClaimDecision, ClaimReview, GuideComment

__all__ = [
    "MAX_QUEUE_BYTES",
    "QUEUE_COLUMNS",
    "QueueRow",
    "read_queue_csv",
    "write_queue_csv",
]

QUEUE_COLUMNS: Final[tuple[str, ...]] = (
    "claim_id",
    "learner",
    "learner_name",
    "learner_email",
    "competency_id",
    "level",
    "standard",
    "state",
    "created",
    "submitted_at",
    "updated",
    "situation",
    "task",
    "action",
    "result",
    "referee_name",
    "referee_email",
    "referee_relation",
    "evidence_count",
    "evidence",
    "history",
    "guides",
    "reviews",
    "comments",
    "decisions",
)
_REQUIRED = ("claim_id", "learner", "competency_id", "level", "state", "created", "updated")
#: Largest queue file read (some thousands of claims with their evidence).
MAX_QUEUE_BYTES: Final = 64 * 1024 * 1024
#: Largest cell: a claim's evidence as JSON (30 pieces of up to 4,000 characters each, escaped)
#: passes Python's default CSV field limit of 128 KB, so the limit is raised to this once, for
#: the process (it only guards against a runaway quote; the file's size is capped above).
MAX_CELL = 4 * 1024 * 1024
if csv.field_size_limit() < MAX_CELL:
    csv.field_size_limit(MAX_CELL)


class QueueRow(StrictModel):
    """One claim in the review queue, with everything its reviewers recorded."""

    learner: Username
    learner_name: Line = ""
    learner_email: Line = ""
    claim: PriorLearningClaim
    guides: list[Username] = Field(default_factory=list)
    reviews: list[ClaimReview] = Field(default_factory=list)
    comments: list[GuideComment] = Field(default_factory=list)
    #: Decisions staff imported for this claim (the notebook's earlier rounds).
    decisions: list[ClaimDecision] = Field(default_factory=list)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _cells(row: QueueRow) -> list[object]:
    claim = row.claim
    referee = claim.referee
    submitted = claim.submitted_at
    return [
        claim.id,
        row.learner,
        row.learner_name,
        row.learner_email,
        claim.competency_id,
        claim.level,
        claim.standard or "",
        claim.state.value,
        claim.created.isoformat(),
        submitted.isoformat() if submitted else "",
        claim.updated.isoformat(),
        claim.account.situation,
        claim.account.task,
        claim.account.action,
        claim.account.result,
        referee.name if referee else "",
        referee.email if referee else "",
        referee.relation if referee else "",
        len(claim.evidence),
        _json([item.model_dump(mode="json", exclude_none=True) for item in claim.evidence]),
        _json([change.model_dump(mode="json") for change in claim.history]),
        " ".join(row.guides),
        _json([r.model_dump(mode="json", exclude_none=True) for r in row.reviews]),
        _json([c.model_dump(mode="json") for c in row.comments]),
        _json([d.model_dump(mode="json", exclude_none=True) for d in row.decisions]),
    ]


def write_queue_csv(rows: Iterable[QueueRow]) -> str:
    """The queue CSV of ``rows`` (header first), every text cell defused."""
    return csv_text([QUEUE_COLUMNS, *(_cells(row) for row in rows)])


def read_queue_csv(data: str | bytes) -> list[QueueRow]:
    """The rows of a queue CSV (as :func:`write_queue_csv` writes it); raises
    :class:`RplFileError` naming every bad row and column."""
    _, rows = read_rows(data, _REQUIRED, QUEUE_COLUMNS, MAX_QUEUE_BYTES)
    problems: list[Problem] = []
    found: list[QueueRow] = []
    first: dict[str, int] = {}
    for row in each_row(rows, problems):
        read = _row(row.number, row.cells, problems)
        if read is None:
            continue
        if read.claim.id in first:
            problems.append(
                at_cell(
                    row.number,
                    "claim_id",
                    "problem.rpl.row_twice",
                    id=read.claim.id,
                    first=first[read.claim.id],
                )
            )
            continue
        first[read.claim.id] = row.number
        found.append(read)
    if problems:
        raise RplFileError(sorted(problems, key=lambda p: row_number(p.field)))
    return found


def _row(number: int, cells: Mapping[str, str], problems: list[Problem]) -> QueueRow | None:
    before = len(problems)
    parsed = {
        column: json_cell(number, column, cells.get(column, ""), problems)
        for column in ("evidence", "history", "reviews", "comments", "decisions")
    }
    if len(problems) != before:
        return None
    referee = None
    if any(cells.get(c) for c in ("referee_name", "referee_email", "referee_relation")):
        referee = {
            "name": cells.get("referee_name", ""),
            "email": cells.get("referee_email", ""),
            "relation": cells.get("referee_relation", ""),
        }
    level: Any = cells["level"]
    if level.isdigit():
        level = int(level)
    claim = {
        "id": cells["claim_id"],
        "competency_id": cells["competency_id"],
        "level": level,
        "standard": cells.get("standard") or None,
        "account": {
            part: cells.get(part, "") for part in ("situation", "task", "action", "result")
        },
        "evidence": parsed["evidence"] or [],
        "referee": referee,
        "state": cells["state"],
        "history": parsed["history"] or [],
        "created": cells["created"],
        "updated": cells["updated"],
    }
    data = {
        "learner": cells["learner"],
        "learner_name": cells.get("learner_name", ""),
        "learner_email": cells.get("learner_email", ""),
        "claim": claim,
        "guides": cells.get("guides", "").split(),
        "reviews": parsed["reviews"] or [],
        "comments": parsed["comments"] or [],
        "decisions": parsed["decisions"] or [],
    }
    try:
        return load(QueueRow, data)
    except ValidationError as error:
        problems += [p.at(f"row {number}, {p.field or 'claim'}") for p in error.problems]
        return None
