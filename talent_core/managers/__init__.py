"""Line managers as real users: the manager roster, what managers record, the safety net.

``read_manager_roster`` checks a ``username,manager_username[,name]`` CSV and names every
problem; ``ManagerRecord`` is what a manager keeps in their own block state (plan decisions,
ratings, conversations, checklist); ``verified_agreement`` tells where a plan stands with its
manager. See docs/managers.md.
"""

from ._record import (
    MANAGER_RECORD_SCHEMA,
    AgreementSource,
    ManagerConversation,
    ManagerRatings,
    ManagerRecord,
    ManagerStatus,
    PlanDecision,
    ReportRecord,
    VerifiedAgreement,
    decide_plan,
    load_manager_record,
    submit_plan,
    verified_agreement,
)
from ._roster import (
    MANAGER_ROSTER_COLUMNS,
    MANAGER_ROSTER_HEADER,
    MANAGER_ROSTER_SCHEMA,
    MAX_MANAGER_ROSTER_BYTES,
    ManagerRoster,
    ManagerRosterError,
    load_manager_roster,
    manager_roster_csv,
    read_manager_roster,
)

__all__ = [
    "MANAGER_RECORD_SCHEMA",
    "MANAGER_ROSTER_COLUMNS",
    "MANAGER_ROSTER_HEADER",
    "MANAGER_ROSTER_SCHEMA",
    "MAX_MANAGER_ROSTER_BYTES",
    "AgreementSource",
    "ManagerConversation",
    "ManagerRatings",
    "ManagerRecord",
    "ManagerRoster",
    "ManagerRosterError",
    "ManagerStatus",
    "PlanDecision",
    "ReportRecord",
    "VerifiedAgreement",
    "decide_plan",
    "load_manager_record",
    "load_manager_roster",
    "manager_roster_csv",
    "read_manager_roster",
    "submit_plan",
    "verified_agreement",
]
