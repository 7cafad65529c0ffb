"""``talent rpl``: credentials for recognised prior learning, issued and verified.

``talent rpl keygen -o key.pem --public public.pem`` makes the issuer's signing key (Ed25519 by
default, P-256 with ``--algorithm ES256``). ``talent rpl issue decisions.csv --issuer
issuer.json --key key.pem -o credentials/`` writes, per learner folder, each recognised or
partly recognised decision as an Open Badges 3.0 VC-JWT (``<decision_id>.jwt``), the same
credential unsigned (``.ob3.json``), an Open Badges 2.0 assertion (``.ob2.json``, when the
learner has an e-mail address) and one ``experience_profile.html``. ``talent rpl verify
credential.jwt --key public.pem`` checks a token: exit 0 and what it says, or exit 2 and why.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TypeVar

from .. import rpl
from .._demo import demo_framework
from .._errors import FormatError, InputError, ValidationError
from .._framework import CompetencyFramework
from .._people_csv import csv_rows
from .._validation import load
from ..credentials import (
    ALGORITHMS,
    CredentialError,
    EvidenceSummary,
    RecognisedCompetency,
    generate_key_pair,
    issue_credentials,
    read_issuer,
    recognised_competency,
    verify_vc_jwt,
)
from ..formats import read_framework
from . import EXIT_OK, INPUT_FILES_EPILOG
from ._files import check_files, read_input, write_outputs

__all__ = ["register"]

_T = TypeVar("_T")

DOCS = "What is issued and how to verify it: docs/credentials.md in the project."
#: A learner's folder and a decision's files are named after them: nothing that could climb
#: out of the output folder or hide.
_SAFE_NAME = re.compile(r"^[A-Za-z0-9_@+-][A-Za-z0-9._@+-]{0,149}$")
_AWARDED = ("recognised", "partly_recognised")
DECISION_COLUMNS = (
    "decision_id",
    "claim_id",
    "assessor",
    "learner",
    "competency_id",
    "outcome",
    "awarded_level",
    "reasons",
    "decided_at",
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    epilog = f"{DOCS} {INPUT_FILES_EPILOG}"
    group = subparsers.add_parser(
        "rpl",
        help="issue and verify credentials for recognised prior learning",
        description="Open Badges 3.0 credentials (VC-JWT), Open Badges 2.0 assertions and "
        "experience profiles for recognised prior learning; the issuer's key.",
        epilog=epilog,
    )
    commands = group.add_subparsers(dest="rpl_command", required=True)
    keygen = commands.add_parser(
        "keygen",
        help="make the issuer's signing key (private and public PEM)",
        description="Write a new signing key: the private key (readable by you only; keep it "
        "secret, it signs every credential) and the public key verifiers use.",
        epilog=epilog,
    )
    keygen.add_argument("-o", "--output", required=True, metavar="PEM", help="private key")
    keygen.add_argument("--public", required=True, metavar="PEM", help="public key to write")
    keygen.add_argument("--algorithm", choices=ALGORITHMS, default="EdDSA")
    keygen.add_argument("--force", action="store_true", help="replace an existing key file")
    keygen.set_defaults(func=_keygen)
    issue = commands.add_parser(
        "issue",
        help="write the credentials of every recognised decision of a decisions CSV",
        description="For each recognised or partly recognised decision: <learner>/"
        "<decision_id>.jwt (Open Badges 3.0, signed), .ob3.json (the same, unsigned), "
        ".ob2.json (Open Badges 2.0, when the learner has an e-mail address) and one "
        "<learner>/experience_profile.html per learner.",
        epilog=epilog,
    )
    issue.add_argument("decisions", help="the decisions CSV (notebook 04 or the block)")
    issue.add_argument("--issuer", required=True, metavar="JSON", help="issuer.json")
    issue.add_argument("--key", required=True, metavar="PEM", help="the issuer's private key")
    issue.add_argument(
        "--framework", metavar="FILE", help="the framework the decisions refer to (default: demo)"
    )
    issue.add_argument(
        "--queue",
        metavar="CSV",
        help="the block's review-queue CSV: every decision is then checked as the block's "
        "import checks it, and the credentials carry the learner's name and the evidence "
        "(needs --roster)",
    )
    issue.add_argument("--roster", metavar="CSV", help="the block's reviewer roster CSV")
    issue.add_argument("--language", choices=("en", "sv", "nl"), default="en")
    issue.add_argument("-o", "--output", required=True, metavar="DIR", help="folder to write")
    issue.set_defaults(func=_issue)
    verify = commands.add_parser(
        "verify",
        help="check a credential (VC-JWT) with the issuer's public key",
        description="Exit 0 and print what the credential says when its signature and claims "
        "hold; exit 2 with the reason otherwise.",
        epilog=epilog,
    )
    verify.add_argument("credential", help="the .jwt file")
    verify.add_argument("--key", required=True, metavar="PEM", help="the issuer's public key")
    verify.set_defaults(func=_verify)


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}" + ("" if number == 1 else "s")


def _keygen(args: argparse.Namespace) -> int:
    check_files([], [args.output, args.public])
    for name in (args.output, args.public):
        if Path(name).exists() and Path(name).is_file() and not args.force:
            raise InputError(
                f"{name} exists; use --force to replace the key (credentials "
                "signed with the old key then no longer verify with the new one)"
            )
    private, public = generate_key_pair(args.algorithm)
    write_outputs([(args.output, private), (args.public, public)], private=[args.output])
    print(f"{args.algorithm} key: {args.output} (keep it secret), public key: {args.public}")
    return EXIT_OK


@dataclass(frozen=True)
class _Decision:
    """The columns of a decisions CSV row a credential needs."""

    row: int
    decision_id: str
    claim_id: str
    assessor: str
    learner: str
    learner_email: str | None
    competency_id: str
    outcome: str
    awarded_level: int | None
    reasons: dict[str, str]
    decided_at: dt.datetime


def _cell_error(name: str, row: int, column: str, problem: str) -> FormatError:
    return FormatError(name, f"row {row}, column {column}", problem)


def _decisions(data: bytes, name: str) -> Iterator[_Decision]:
    """The rows of a decisions CSV as they are (the columns docs/input-files.md lists), for
    staff who have only that file; ``--queue`` checks them as the block's import does."""
    _, rows = csv_rows(data, name, DECISION_COLUMNS)
    seen: set[str] = set()
    for row in rows:
        cells = row.cells
        decision_id = cells["decision_id"]
        if not _SAFE_NAME.fullmatch(decision_id):
            raise _cell_error(name, row.number, "decision_id", "letters, digits, . _ - only")
        if decision_id in seen:
            raise _cell_error(name, row.number, "decision_id", f"{decision_id} is repeated")
        seen.add(decision_id)
        learner = cells["learner"]
        if not _SAFE_NAME.fullmatch(learner):
            raise _cell_error(name, row.number, "learner", f"{learner!r} is no username")
        level_text = cells["awarded_level"]
        level: int | None = None
        if level_text:
            if not level_text.isdigit():
                raise _cell_error(name, row.number, "awarded_level", "a level number")
            level = int(level_text)
        outcome = cells["outcome"]
        if outcome in _AWARDED and level is None:
            raise _cell_error(name, row.number, "awarded_level", f"{outcome} needs a level")
        try:
            reasons = json.loads(cells["reasons"] or "{}")
        except ValueError:
            raise _cell_error(name, row.number, "reasons", "not a JSON object") from None
        if not isinstance(reasons, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in reasons.items()
        ):
            raise _cell_error(name, row.number, "reasons", "indicator id -> text, as JSON")
        try:
            decided = dt.datetime.fromisoformat(cells["decided_at"].replace("Z", "+00:00"))
        except ValueError:
            raise _cell_error(name, row.number, "decided_at", "an ISO date and time") from None
        if decided.tzinfo is None:
            decided = decided.replace(tzinfo=dt.UTC)
        yield _Decision(
            row=row.number,
            decision_id=decision_id,
            claim_id=cells["claim_id"],
            assessor=cells["assessor"],
            learner=learner,
            learner_email=cells.get("learner_email") or None,
            competency_id=cells["competency_id"],
            outcome=outcome,
            awarded_level=level,
            reasons=reasons,
            decided_at=decided,
        )


def _recognised(
    decision: _Decision,
    framework: CompetencyFramework,
    name: str,
    issued_at: dt.datetime,
    language: str,
) -> RecognisedCompetency:
    assert decision.awarded_level is not None
    outcome: Literal["recognised", "partly_recognised"] = (
        "recognised" if decision.outcome == "recognised" else "partly_recognised"
    )
    try:
        return recognised_competency(
            framework,
            competency_id=decision.competency_id,
            level=decision.awarded_level,
            learner_id=decision.learner,
            learner_name=decision.learner,
            learner_email=decision.learner_email,
            decision_id=decision.decision_id,
            issued_at=issued_at,
            reasons=decision.reasons,
            outcome=outcome,
            language=language,
        )
    except (InputError, ValueError) as error:
        raise FormatError(name, f"row {decision.row}", str(error)) from None


def _as_given(
    args: argparse.Namespace, framework: CompetencyFramework, issued_at: dt.datetime
) -> tuple[list[RecognisedCompetency], list[str]]:
    """The recognitions of a decisions file read as it is: per claim the latest decision of
    each assessor; claims on which they disagree are left out (returned by id)."""
    latest: dict[str, dict[str, _Decision]] = {}
    for decision in _decisions(read_input(args.decisions), args.decisions):
        mine = latest.setdefault(decision.claim_id, {})
        earlier = mine.get(decision.assessor)
        if earlier is None or earlier.decided_at <= decision.decided_at:
            mine[decision.assessor] = decision
    recognised: list[RecognisedCompetency] = []
    disputed: list[str] = []
    for claim_id, by_assessor in latest.items():
        verdicts = {(d.outcome, d.awarded_level) for d in by_assessor.values()}
        if len(verdicts) > 1:
            disputed.append(claim_id)
            continue
        decision = max(by_assessor.values(), key=lambda d: d.decided_at)
        if decision.outcome in _AWARDED:
            recognised.append(
                _recognised(decision, framework, args.decisions, issued_at, args.language)
            )
    return recognised, disputed


def _evidence(item: rpl.EvidenceItem) -> EvidenceSummary:
    """A piece of evidence as a credential names it: a link's address, never a file's."""
    url = item.url if item.kind == "link" else None
    fields = {"name": item.title, "description": item.description, "date": item.date, "url": url}
    return load(EvidenceSummary, fields)


def _read_rpl(name: str, read: Callable[[bytes], _T]) -> _T:
    try:
        return read(read_input(name))
    except ValidationError as error:  # every bad row of the file, on one line
        raise FormatError(name, "", error.text()) from None


def _checked(
    args: argparse.Namespace, framework: CompetencyFramework, issued_at: dt.datetime
) -> tuple[list[RecognisedCompetency], list[str]]:
    """The recognitions of a decisions file checked as the block's import checks it (known
    claim, level on the scale, second instrument, assessor no guide, ...): per claim the
    learner's status, which leaves out claims whose assessors disagree."""
    queue = _read_rpl(args.queue, rpl.read_queue_csv)
    roster = _read_rpl(args.roster, rpl.read_reviewer_roster)
    imported = _read_rpl(
        args.decisions, lambda data: rpl.read_decisions_csv(data, queue, framework, roster)
    )
    decided = {d.claim_id for d in imported}
    recognised: list[RecognisedCompetency] = []
    disputed: list[str] = []
    for row in queue:
        if row.claim.id not in decided:
            continue
        status = rpl.claim_status_for_learner(row.claim, row.reviews, [*row.decisions, *imported])
        if status.disputed:
            disputed.append(row.claim.id)
        if not status.recognised or status.awarded_level is None or status.outcome is None:
            continue
        decision = status.decisions[-1]
        outcome: Literal["recognised", "partly_recognised"] = (
            "recognised" if status.outcome.value == "recognised" else "partly_recognised"
        )
        try:
            recognised.append(
                recognised_competency(
                    framework,
                    competency_id=row.claim.competency_id,
                    level=status.awarded_level,
                    learner_id=row.learner,
                    learner_name=row.learner_name or row.learner,
                    learner_email=row.learner_email or decision.learner_email or None,
                    decision_id=decision.decision_id,
                    issued_at=issued_at,
                    reasons=status.reasons,
                    evidence=[_evidence(item) for item in row.claim.evidence],
                    outcome=outcome,
                    language=args.language,
                )
            )
        except (InputError, ValidationError) as error:
            raise FormatError(args.queue, f"claim {row.claim.id}", str(error)) from None
    return recognised, disputed


def _issue(args: argparse.Namespace) -> int:
    inputs = [args.decisions, args.issuer, args.key, args.framework, args.queue, args.roster]
    check_files(inputs, [args.output])
    if bool(args.queue) != bool(args.roster):
        raise InputError("--queue and --roster go together: the decisions are checked against both")
    folder = Path(args.output)
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder}: is a file; -o names the folder to write the credentials in")
    issuer = read_issuer(read_input(args.issuer), args.issuer)
    key = read_input(args.key)
    framework = (
        read_framework(read_input(args.framework), args.framework)
        if args.framework
        else demo_framework()
    )
    issued_at = dt.datetime.now(dt.UTC)
    if args.queue:
        recognised, disputed = _checked(args, framework, issued_at)
    else:
        recognised, disputed = _as_given(args, framework, issued_at)
    if disputed:
        print(
            f"{_count(len(disputed), 'claim')} left out: assessors disagree "
            f"({', '.join(disputed)}); staff settle them first"
        )
    if not recognised:
        print(f"{args.decisions}: no recognised or partly recognised decision; nothing issued")
        return EXIT_OK
    try:
        issued = issue_credentials(recognised, issuer, key, args.language)
    except CredentialError as error:
        raise CredentialError(f"{args.key}: {error}") from None
    made = [f for f in [folder, *(folder / name for name in issued.learners)] if not f.exists()]
    for new in made:
        new.mkdir()
    try:
        write_outputs([(str(folder / name), data) for name, data in issued.files.items()])
    except BaseException:
        for new in reversed(made):
            if not any(new.iterdir()):
                new.rmdir()
        raise
    missing = len(issued.without_email)
    note = f"; {missing} without an Open Badges 2.0 assertion (no e-mail address)"
    print(
        f"{_count(len(recognised), 'credential')} for "
        f"{_count(len(issued.learners), 'learner')} in {folder}" + (note if missing else "")
    )
    return EXIT_OK


def _verify(args: argparse.Namespace) -> int:
    check_files([args.credential, args.key], [])
    token, key = read_input(args.credential), read_input(args.key)
    try:
        credential = verify_vc_jwt(token, key)
    except CredentialError as error:
        raise CredentialError(f"{args.credential}: not valid: {error}") from None
    subject = credential.get("credentialSubject", {})
    achievement = subject.get("achievement", {}) if isinstance(subject, dict) else {}
    issuer = credential.get("issuer", {})
    names = [
        i.get("identityHash")
        for i in subject.get("identifier", [])
        if isinstance(i, dict) and i.get("identityType") == "name"
    ]
    print(f"valid: {args.credential}")
    print(f"achievement: {achievement.get('name', '')} ({achievement.get('achievementType', '')})")
    print(f"subject: {subject.get('id', '')}" + (f" ({names[0]})" if names else ""))
    print(f"issuer: {issuer.get('name', '')} ({issuer.get('id', '')})")
    print(f"valid from: {credential.get('validFrom', '')}")
    print(f"credential: {credential.get('id', '')}")
    return EXIT_OK
