"""The review notebook's session: the block's queue, filters, one claim side by side, decisions.

Staff download the queue CSV (and the files zip) from the prior-learning portfolio block; the
session reads them through the core (``talent_core.rpl``), filters the queue, lays one claim
out for reviewing (account, evidence, the claimed level's behaviour indicators against the
evidence linked to each, VRAAK), records decisions checked by the core's rules (a second
assessor on a disputed claim keeps both decisions, the disagreement flagged) and writes the
decisions CSV the block imports. Methods raise ``TalentError``; the view shows the message.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from talent_core import (
    CompetencyFramework,
    FormatError,
    TalentError,
    ValidationError,
    formats,
    load,
    rpl,
)
from talent_core.i18n import translate

from ._errors import FileProblemsError, NotebookError
from ._export import ExportedFile, write_atomically
from ._session import DEFAULT_OUT_DIR, MAX_UPLOAD_BYTES

__all__ = [
    "STATE_FILTERS",
    "ClaimDetail",
    "QueueEntry",
    "RplReviewSession",
]

#: What the state filter offers: the claim states and "disputed" (two assessors disagree).
STATE_FILTERS: tuple[str, ...] = ("submitted", "in_review", "decided", "disputed")
DECISIONS_FILE = "rpl-decisions.csv"


@dataclass(frozen=True)
class QueueEntry:
    """A claim in the queue with what its learner would see now and its age in days."""

    row: rpl.QueueRow
    status: rpl.LearnerClaimStatus
    age_days: int

    @property
    def claim(self) -> rpl.PriorLearningClaim:
        return self.row.claim


@dataclass(frozen=True)
class ClaimDetail:
    """One claim laid out for reviewing."""

    entry: QueueEntry
    #: The claimed level's behaviour indicators (id, text in the session's language).
    indicators: list[tuple[str, str]]
    #: Indicator id → the ids of the evidence linked to it.
    matrix: dict[str, list[str]]
    #: Per evidence id: each VRAAK criterion's score by each assessor, else the defaults.
    vraak: dict[str, dict[str, str]]


def _problems_error(name: str, error: TalentError) -> TalentError:
    """The error naming the file, its problems worded in each language on demand."""
    if isinstance(error, ValidationError):
        problems = error.problems
        return FileProblemsError(
            name, lambda lang: [f"{name}: {p.describe(lang)}" for p in problems]
        )
    if isinstance(error, FormatError):
        return FileProblemsError(name, lambda lang: [error.text(lang)])
    return error


class RplReviewSession:
    """The queue, the framework and roster it is judged against, and the decisions made here."""

    def __init__(
        self,
        queue: Sequence[rpl.QueueRow],
        framework: CompetencyFramework,
        roster: rpl.ReviewerRoster,
        *,
        language: str = "en",
        out_dir: str | os.PathLike[str] = DEFAULT_OUT_DIR,
        today: dt.datetime | None = None,
    ) -> None:
        self.queue = list(queue)
        self.framework = framework
        self.roster = roster
        self.language = language
        self.out_dir = Path(out_dir)
        self.policy = rpl.RplPolicy()
        self.today = (today or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
        #: Decisions recorded in this session, in order (the decisions CSV writes these).
        self.decisions: list[rpl.ClaimDecision] = []
        #: Evidence files in a loaded zip: (claim id, evidence id) → (name, size, SHA-256).
        self.files: dict[tuple[str, str], tuple[str, int, str]] = {}
        self.competency: str | None = None
        self.state: str | None = None
        self.max_age_days: int | None = None

    @classmethod
    def from_demo(
        cls,
        seed: int = 9,
        *,
        language: str = "en",
        out_dir: str | os.PathLike[str] = DEFAULT_OUT_DIR,
        today: dt.datetime | None = None,
    ) -> RplReviewSession:
        """A session on the core's demo: 14 claims, a guide and two assessors."""
        demo = rpl.demo_rpl(seed, today)
        return cls(
            demo.queue, demo.framework, demo.roster, language=language, out_dir=out_dir, today=today
        )

    # -- loading -----------------------------------------------------------------------------

    def load(self, files: Sequence[tuple[str, bytes]]) -> list[str]:
        """Load the block's downloads: the queue CSV (or Open edX's problem-responses report
        of the block, whose ``state`` column holds the same), the reviewer roster, a framework
        (JSON, Moodle CSV or CASE), the evidence files zip, a decisions CSV made earlier. Each is
        recognised by its content; a file that cannot be read raises a TalentError naming it
        and nothing of that file is kept. Returns what each file was read as."""
        kinds = []
        for name, data in files:
            if len(data) > MAX_UPLOAD_BYTES:
                raise NotebookError("rpl.load.too_large", file=name)
            try:
                kinds.append(self._load_one(name, data))
            except TalentError as error:
                raise _problems_error(name, error) from None
        return kinds

    def _load_one(self, name: str, data: bytes) -> str:
        if data.startswith(b"PK\x03\x04"):
            self.files = _zip_listing(name, data)
            return "files"
        encoding = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
        head = data[:800].decode(encoding, "replace").split("\n", 1)[0]
        columns = {c.strip().strip('"') for c in head.replace(";", ",").split(",")}
        if {"username", "state"} <= columns:
            self.queue = rpl.read_report_queue(data)
            return "report"
        if "claim_id" in head and "evidence" in head:
            self.queue = rpl.read_queue_csv(data)
            return "queue"
        if "decision_id" in head:
            decisions = rpl.read_decisions_csv(data, self.queue, self.framework, self.roster)
            known = {d.decision_id for d in self.decisions}
            self.decisions += [d for d in decisions if d.decision_id not in known]
            return "decisions"
        if head.replace(";", ",").startswith("username,role"):
            self.roster = rpl.read_reviewer_roster(data)
            return "roster"
        self.framework = formats.read_framework(data, name)
        return "framework"

    # -- the queue ---------------------------------------------------------------------------

    def _imported(self, row: rpl.QueueRow) -> list[rpl.ClaimDecision]:
        return [*row.decisions, *(d for d in self.decisions if d.claim_id == row.claim.id)]

    def entry(self, row: rpl.QueueRow) -> QueueEntry:
        status = rpl.claim_status_for_learner(row.claim, row.reviews, self._imported(row))
        since = row.claim.submitted_at or row.claim.created
        return QueueEntry(row, status, max(0, (self.today - since).days))

    def entries(self) -> list[QueueEntry]:
        """The claims the filters let through, oldest submission first."""
        found = []
        for row in self.queue:
            entry = self.entry(row)
            if self.competency and row.claim.competency_id != self.competency:
                continue
            if self.state == "disputed" and not entry.status.disputed:
                continue
            if self.state not in (None, "disputed") and entry.status.state.value != self.state:
                continue
            if self.max_age_days is not None and entry.age_days > self.max_age_days:
                continue
            found.append(entry)
        return sorted(found, key=lambda e: -e.age_days)

    def competency_name(self, competency_id: str) -> str:
        if not self.framework.has_node(competency_id):
            return competency_id
        name = self.framework.node(competency_id).name
        return name.get(self.language) or name.get("en") or next(iter(name.values()), competency_id)

    def competencies(self) -> list[tuple[str, str]]:
        """(name, id) of the competencies claimed in the queue, by name."""
        ids = {row.claim.competency_id for row in self.queue}
        return sorted((self.competency_name(i), i) for i in ids)

    def state_label(self, entry: QueueEntry) -> str:
        key = "disputed" if entry.status.disputed else entry.status.state.value
        return translate(f"rpl.state.{key}", self.language)

    def queue_table(self) -> pd.DataFrame:
        """The filtered queue, one row per claim (also for working from code)."""
        columns = [
            "claim_id",
            "learner",
            "competency",
            "level",
            "state",
            "age_days",
            "evidence",
            "outcome",
        ]
        rows = [
            [
                e.claim.id,
                e.row.learner,
                self.competency_name(e.claim.competency_id),
                e.claim.level,
                self.state_label(e),
                e.age_days,
                len(e.claim.evidence),
                e.status.outcome.value if e.status.outcome else "",
            ]
            for e in self.entries()
        ]
        return pd.DataFrame(rows, columns=columns)

    def find(self, claim_id: str) -> rpl.QueueRow:
        for row in self.queue:
            if row.claim.id == claim_id:
                return row
        raise NotebookError("rpl.claim.unknown", id=claim_id)

    # -- one claim ---------------------------------------------------------------------------

    def detail(self, claim_id: str) -> ClaimDetail:
        """One claim side by side: indicators × evidence and the VRAAK checklist."""
        row = self.find(claim_id)
        claim = row.claim
        nodes = (
            self.framework.indicators(claim.competency_id, claim.level)
            if self.framework.has_node(claim.competency_id)
            else []
        )
        indicators = [(n.id, n.name.get(self.language) or n.name.get("en") or n.id) for n in nodes]
        matrix = {
            ident: [item.id for item in claim.evidence if ident in item.indicator_ids]
            for ident, _ in indicators
        }
        vraak: dict[str, dict[str, str]] = {}
        day = self.today.date()
        for item in claim.evidence:
            scores = [
                (review.assessor or "?", score)
                for review in row.reviews
                if (score := review.score_of(item.id)) is not None
            ]
            if scores:
                vraak[item.id] = {
                    criterion: "; ".join(f"{who}: {getattr(s, criterion)}" for who, s in scores)
                    for criterion in (
                        "variation",
                        "relevance",
                        "authenticity",
                        "currency",
                        "quantity",
                    )
                }
            else:
                vraak[item.id] = dict(rpl.vraak_defaults(claim, item, day, self.policy))
        return ClaimDetail(self.entry(row), indicators, matrix, vraak)

    def record_decision(
        self,
        claim_id: str,
        *,
        assessor: str,
        outcome: str,
        awarded_level: int | None,
        reasons: Mapping[str, str],
        feedback: str = "",
        instrument: Mapping[str, Any],
        at: dt.datetime | None = None,
    ) -> rpl.ClaimDecision:
        """Record an assessor's decision on a claim, checked by the core's rules (second
        instrument, a reason per indicator, level on the scale and not above the claim, the
        assessor on the roster and not the learner's guide). An assessor's new decision
        replaces their earlier one made here; another assessor's is kept beside it and a
        disagreement is flagged. Raises ValidationError naming every problem."""
        row = self.find(claim_id)
        claim = row.claim
        data = {
            "claim_id": claim.id,
            "learner": row.learner,
            "learner_email": row.learner_email,
            "assessor": assessor,
            "outcome": outcome,
            "awarded_level": awarded_level,
            "reasons": {k: v for k, v in reasons.items() if v.strip()},
            "feedback": feedback,
            "decided_at": (at or dt.datetime.now(dt.UTC)).isoformat(),
            "source": "import",
            "instrument": {**instrument, "assessor": assessor},
            "competency_id": claim.competency_id,
            "claimed_level": claim.level,
        }
        decision = load(rpl.ClaimDecision, data)
        review = rpl.ClaimReview(
            claim_id=claim.id,
            learner=row.learner,
            assessor=assessor,
            instrument=decision.instrument,
            decision=decision,
        )
        rpl.check_decision(claim, review, self.roster, self.policy, self.framework)
        self.decisions = [
            d for d in self.decisions if not (d.claim_id == claim.id and d.assessor == assessor)
        ]
        self.decisions.append(decision)
        return decision

    # -- charts ------------------------------------------------------------------------------

    def state_counts(self) -> dict[str, int]:
        """Claims per state of the whole queue (disputed counted apart from decided)."""
        counts = dict.fromkeys(STATE_FILTERS, 0)
        for row in self.queue:
            entry = self.entry(row)
            key = "disputed" if entry.status.disputed else entry.status.state.value
            counts[key] = counts.get(key, 0) + 1
        return counts

    def decision_days(self) -> list[tuple[str, float]]:
        """Per decided claim: (competency name, days from submission to the first decision)."""
        found = []
        for row in self.queue:
            status = self.entry(row).status
            submitted = row.claim.submitted_at
            if status.decisions and submitted is not None:
                first = min(d.decided_at for d in status.decisions)
                days = (first - submitted).total_seconds() / 86400
                found.append((self.competency_name(row.claim.competency_id), round(days, 1)))
        return found

    def recognition_rates(self) -> list[tuple[str, int, int]]:
        """Per competency: (name, claims recognised in full or in part, claims decided), only
        agreed decisions (a disputed claim is not yet decided)."""
        totals: dict[str, list[int]] = {}
        for row in self.queue:
            status = self.entry(row).status
            if status.outcome is None or status.disputed:
                continue
            counts = totals.setdefault(self.competency_name(row.claim.competency_id), [0, 0])
            counts[0] += 1 if status.recognised else 0
            counts[1] += 1
        return sorted((name, r, n) for name, (r, n) in totals.items())

    # -- export ------------------------------------------------------------------------------

    def export_decisions(self, folder: str | os.PathLike[str] | None = None) -> ExportedFile:
        """Write the decisions made here as ``rpl-decisions.csv`` for the block's import.

        Raises NotebookError when there is none yet, FileWriteError when it cannot be written."""
        if not self.decisions:
            raise NotebookError("rpl.export.nothing")
        target = Path(folder) if folder is not None else self.out_dir
        data = rpl.write_decisions_csv(self.decisions).encode("utf-8")
        path = target.expanduser() / DECISIONS_FILE
        write_atomically(path, data)
        return ExportedFile(path, data, "csv")


def _zip_listing(name: str, data: bytes) -> dict[tuple[str, str], tuple[str, int, str]]:
    """The evidence files in the block's zip, by (claim id, evidence id): the member's name,
    size and SHA-256. Members are ``<learner>/<claim id>/<evidence id>-<file name>`` as the
    block writes them (its ``manifest.csv`` is not evidence)."""
    found: dict[tuple[str, str], tuple[str, int, str]] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                parts = info.filename.split("/")
                if info.is_dir() or len(parts) != 3 or "-" not in parts[2]:
                    continue
                evidence_id = parts[2].split("-", 1)[0]
                digest = hashlib.sha256()
                with archive.open(info) as member:
                    for chunk in iter(lambda: member.read(1 << 20), b""):
                        digest.update(chunk)
                found[(parts[1], evidence_id)] = (
                    rpl.safe_file_name(parts[2]),
                    info.file_size,
                    digest.hexdigest(),
                )
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise NotebookError("rpl.load.bad_zip", file=name) from None
    return found
