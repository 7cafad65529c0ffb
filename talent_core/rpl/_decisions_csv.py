"""The decisions CSV: what the review notebook writes and the block imports (staff only).

One row per decision: ``decision_id`` (the key: importing a file twice applies nothing twice),
the claim and learner, what was claimed, the outcome and level awarded, the assessor, the
second instrument, the reasons per indicator (a JSON object, indicator id → text), the
feedback and when it was decided. :func:`read_decisions_csv` checks every row against the
claims it may decide, the framework and the reviewer roster, and refuses the whole file naming
every bad row; :func:`import_decisions` adds the new ones to what a block already holds.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from .._errors import Problem, ValidationError
from .._framework import CompetencyFramework
from .._spreadsheet import csv_text
from .._validation import load
from ._csvfile import RplFileError, at_cell, each_row, json_cell, read_rows, row_number
from ._decide import decision_problems
from ._queue import QueueRow
from ._review import ClaimDecision, ClaimReview, RplPolicy
from ._roster import ReviewerRoster

__all__ = [
    "DECISION_COLUMNS",
    "MAX_DECISIONS_BYTES",
    "DecisionImport",
    "import_decisions",
    "read_decisions_csv",
    "write_decisions_csv",
]

DECISION_COLUMNS: Final[tuple[str, ...]] = (
    "decision_id",
    "claim_id",
    "learner",
    "learner_email",
    "competency_id",
    "claimed_level",
    "outcome",
    "awarded_level",
    "assessor",
    "instrument_kind",
    "instrument_date",
    "instrument_outcome",
    "reasons",
    "feedback",
    "decided_at",
)
_OPTIONAL = frozenset(
    {"learner_email", "competency_id", "claimed_level", "awarded_level", "feedback"}
)
_REQUIRED = tuple(c for c in DECISION_COLUMNS if c not in _OPTIONAL)
MAX_DECISIONS_BYTES: Final = 8 * 1024 * 1024
#: Where a rule's field (``decision_problems``) is shown in the file.
_COLUMN_OF = {
    "claim_id": "claim_id",
    "learner": "learner",
    "state": "claim_id",
    "assessor": "assessor",
    "instrument": "instrument_kind",
    "awarded_level": "awarded_level",
    "reasons": "reasons",
    "competency_id": "competency_id",
    "feedback": "feedback",
    "outcome": "outcome",
    "decided_at": "decided_at",
}


def _cells(decision: ClaimDecision) -> list[object]:
    instrument = decision.instrument
    return [
        decision.decision_id,
        decision.claim_id,
        decision.learner,
        decision.learner_email,
        decision.competency_id or "",
        decision.claimed_level,
        decision.outcome.value,
        decision.awarded_level,
        decision.assessor,
        instrument.kind if instrument else "",
        instrument.date.isoformat() if instrument else "",
        instrument.outcome if instrument else "",
        _json(decision.reasons),
        decision.feedback,
        decision.decided_at.isoformat(),
    ]


def _json(value: Mapping[str, str]) -> str:
    return json.dumps(dict(value), ensure_ascii=False)


def write_decisions_csv(decisions: Iterable[ClaimDecision]) -> str:
    """The decisions CSV (header first), every text cell defused against formulas."""
    return csv_text([DECISION_COLUMNS, *(_cells(d) for d in decisions)])


def _claims(known: Mapping[str, QueueRow] | Iterable[QueueRow]) -> dict[str, QueueRow]:
    if isinstance(known, Mapping):
        return dict(known)
    return {row.claim.id: row for row in known}


def read_decisions_csv(
    data: str | bytes,
    known_claims: Mapping[str, QueueRow] | Iterable[QueueRow],
    framework: CompetencyFramework,
    roster: ReviewerRoster,
    policy: RplPolicy | None = None,
) -> list[ClaimDecision]:
    """The decisions in ``data`` (``source`` ``import``), each checked: a known claim of that
    learner, the level claimed, an allowed outcome, a level on the scale and not above the
    claim, the second instrument, a reason for every indicator of the claimed level, an
    assessor the roster names for the learner who is not their guide, no decision twice.
    Raises :class:`RplFileError` naming every bad row and column."""
    _, rows = read_rows(data, _REQUIRED, DECISION_COLUMNS, MAX_DECISIONS_BYTES)
    claims = _claims(known_claims)
    problems: list[Problem] = []
    found: list[ClaimDecision] = []
    first_id: dict[str, int] = {}
    first_pair: dict[tuple[str, str], int] = {}
    for row in each_row(rows, problems):
        decision = _row(row.number, row.cells, claims, framework, roster, policy, problems)
        if decision is None:
            continue
        if decision.decision_id in first_id:
            problems.append(
                at_cell(
                    row.number,
                    "decision_id",
                    "problem.rpl.row_twice",
                    id=decision.decision_id,
                    first=first_id[decision.decision_id],
                )
            )
            continue
        pair = (decision.claim_id, decision.assessor)
        if pair in first_pair:
            problems.append(
                at_cell(
                    row.number,
                    "assessor",
                    "problem.rpl.decided_twice",
                    assessor=decision.assessor,
                    first=first_pair[pair],
                )
            )
            continue
        first_id[decision.decision_id] = first_pair[pair] = row.number
        found.append(decision)
    if not problems and not found:
        problems.append(Problem.of("", "problem.rpl.no_decisions"))
    if problems:
        raise RplFileError(sorted(problems, key=lambda p: row_number(p.field)))
    return found


def _row(
    number: int,
    cells: Mapping[str, str],
    claims: Mapping[str, QueueRow],
    framework: CompetencyFramework,
    roster: ReviewerRoster,
    policy: RplPolicy | None,
    problems: list[Problem],
) -> ClaimDecision | None:
    before = len(problems)
    known = claims.get(cells["claim_id"])
    if known is None:
        problems.append(
            at_cell(number, "claim_id", "problem.rpl.unknown_claim", id=cells["claim_id"])
        )
        return None
    claim = known.claim
    if cells["learner"] != known.learner:
        problems.append(
            at_cell(number, "learner", "problem.rpl.other_learner", learner=known.learner)
        )
    if cells.get("competency_id") and cells["competency_id"] != claim.competency_id:
        problems.append(
            at_cell(
                number, "competency_id", "problem.rpl.claim_differs", claimed=claim.competency_id
            )
        )
    claimed = cells.get("claimed_level", "")
    if claimed and claimed != str(claim.level):
        problems.append(
            at_cell(number, "claimed_level", "problem.rpl.claim_differs", claimed=claim.level)
        )
    reasons = json_cell(number, "reasons", cells["reasons"], problems)
    if reasons is not None and not (
        isinstance(reasons, dict) and all(isinstance(v, str) for v in reasons.values())
    ):
        problems.append(at_cell(number, "reasons", "problem.rpl.reasons_object"))
    if len(problems) != before:
        return None
    data: dict[str, Any] = {
        "decision_id": cells["decision_id"],
        "claim_id": claim.id,
        "learner": known.learner,
        "learner_email": cells.get("learner_email", "") or known.learner_email,
        "competency_id": claim.competency_id,
        "claimed_level": claim.level,
        "outcome": cells["outcome"],
        "awarded_level": cells.get("awarded_level") or None,
        "assessor": cells["assessor"],
        "reasons": reasons or {},
        "feedback": cells.get("feedback", ""),
        "decided_at": cells["decided_at"],
        "source": "import",
        "instrument": {
            "kind": cells["instrument_kind"],
            "date": cells["instrument_date"],
            "assessor": cells["assessor"],
            "outcome": cells["instrument_outcome"],
        },
    }
    if not any(cells[c] for c in ("instrument_kind", "instrument_date", "instrument_outcome")):
        data["instrument"] = None
    try:
        decision = load(ClaimDecision, data)
    except ValidationError as error:
        problems += [_placed(number, p) for p in error.problems]
        return None
    if decision.decided_at > dt.datetime.now(dt.UTC) + dt.timedelta(days=1):
        problems.append(
            at_cell(number, "decided_at", "problem.date.implausible", date=cells["decided_at"])
        )
    review = ClaimReview(
        claim_id=claim.id,
        learner=known.learner,
        assessor=decision.assessor,
        instrument=decision.instrument,
        decision=decision,
    )
    problems += [
        _placed(number, p) for p in decision_problems(claim, review, roster, policy, framework)
    ]
    return decision if len(problems) == before else None


def _placed(number: int, problem: Problem) -> Problem:
    head, _, rest = problem.field.partition(".")
    head = head.split("[")[0]
    column = _COLUMN_OF.get(head, head)
    if head == "instrument" and rest:
        column = {"kind": "instrument_kind", "date": "instrument_date"}.get(
            rest, "instrument_outcome"
        )
    return problem.at(f"row {number}, {column}" if column else f"row {number}")


@dataclass(frozen=True)
class DecisionImport:
    """The result of importing decisions into a block's stored ones."""

    #: Every stored decision by id (JSON, for ``Scope.user_state_summary``).
    stored: dict[str, Any]
    #: The decisions this import added (none when the same file comes again).
    added: list[ClaimDecision]
    #: Decisions of the file that were stored already.
    unchanged: int


def import_decisions(
    stored: Mapping[str, Any], decisions: Iterable[ClaimDecision]
) -> DecisionImport:
    """``stored`` (decision id → decision JSON) with ``decisions`` added; a decision already
    there is skipped, so importing a file twice applies nothing twice. A decision id already
    stored with other content raises :class:`RplFileError` and nothing is added."""
    result = dict(stored)
    added: list[ClaimDecision] = []
    unchanged = 0
    problems: list[Problem] = []
    for decision in decisions:
        data = decision.model_dump(mode="json")
        earlier = result.get(decision.decision_id)
        if earlier is None:
            result[decision.decision_id] = data
            added.append(decision)
        elif earlier == data:
            unchanged += 1
        else:
            problems.append(
                Problem.of("decision_id", "problem.rpl.decision_changed", id=decision.decision_id)
            )
    if problems:
        raise RplFileError(problems)
    return DecisionImport(result, added, unchanged)
