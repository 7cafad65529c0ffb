"""Recognition of prior learning (RPL, Dutch EVC): portfolios, review and decisions.

A learner claims a competency at a level with a STAR account and dated evidence linked to
the level's behaviour indicators (:class:`PriorLearningClaim` in a :class:`PortfolioState`);
a guide comments, an assessor who is not that guide scores the evidence on VRAAK, records a
second instrument and decides with reasons per indicator (:class:`ClaimReview` in a
:class:`ReviewerState`). The rules (the claim's life, who may decide, what a decision needs)
are pure functions here, shared by the ``prior_learning_portfolio`` block, the review
notebook and the ``talent rpl`` command. See docs/rpl.md.
"""

from ._files import EVIDENCE_TYPES, MAX_FILE_NAME, safe_file_name, sniff_evidence_type
from ._model import (
    MAX_CLAIMS,
    MAX_EVIDENCE,
    PORTFOLIO_SCHEMA,
    AuditEntry,
    ClaimState,
    EvidenceFile,
    EvidenceItem,
    EvidenceKind,
    PortfolioState,
    PriorLearningClaim,
    Referee,
    StarAccount,
    StateChange,
    new_claim_id,
)
from ._review import (
    REVIEWER_SCHEMA,
    ClaimDecision,
    ClaimReview,
    DecisionOutcome,
    DecisionSource,
    GuideComment,
    InstrumentKind,
    ReviewerState,
    RplPolicy,
    SecondInstrument,
    VraakLevel,
    VraakScore,
    new_decision_id,
)
from ._roster import (
    MAX_REVIEWER_ROSTER_BYTES,
    REVIEWER_ROLES,
    REVIEWER_ROSTER_COLUMNS,
    REVIEWER_ROSTER_SCHEMA,
    ReviewerRole,
    ReviewerRoster,
    ReviewerRosterError,
    ReviewerRow,
    load_reviewer_roster,
    read_reviewer_roster,
)
from ._states import (
    ALLOWED_STEPS,
    apply_decision,
    check_claim,
    claim_problems,
    move,
    reopen,
    require_draft,
    start_review,
    submit,
)

__all__ = [
    "ALLOWED_STEPS",
    "EVIDENCE_TYPES",
    "MAX_CLAIMS",
    "MAX_EVIDENCE",
    "MAX_FILE_NAME",
    "MAX_REVIEWER_ROSTER_BYTES",
    "PORTFOLIO_SCHEMA",
    "REVIEWER_ROLES",
    "REVIEWER_ROSTER_COLUMNS",
    "REVIEWER_ROSTER_SCHEMA",
    "REVIEWER_SCHEMA",
    "AuditEntry",
    "ClaimDecision",
    "ClaimReview",
    "ClaimState",
    "DecisionOutcome",
    "DecisionSource",
    "EvidenceFile",
    "EvidenceItem",
    "EvidenceKind",
    "GuideComment",
    "InstrumentKind",
    "PortfolioState",
    "PriorLearningClaim",
    "Referee",
    "ReviewerRole",
    "ReviewerRoster",
    "ReviewerRosterError",
    "ReviewerRow",
    "ReviewerState",
    "RplPolicy",
    "SecondInstrument",
    "StarAccount",
    "StateChange",
    "VraakLevel",
    "VraakScore",
    "apply_decision",
    "check_claim",
    "claim_problems",
    "load_reviewer_roster",
    "move",
    "new_claim_id",
    "new_decision_id",
    "read_reviewer_roster",
    "reopen",
    "require_draft",
    "safe_file_name",
    "sniff_evidence_type",
    "start_review",
    "submit",
]
