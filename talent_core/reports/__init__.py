"""HR's report rows: the seam between the blocks in the LMS and the notebooks' dashboards.

Each block's ``generate_report_data`` (and its staff "Download data (CSV)") builds its rows
here, and the dashboards recognise and read the same files back by the columns named here, so
the two sides cannot drift apart. The columns of each kind are listed in docs/xblocks.md.
"""

from ._columns import (
    LEVEL_PREFIX,
    MANAGER_PREFIX,
    MANAGER_RATING_PREFIX,
    READINESS_COLUMNS,
    REPORT_KINDS,
    REPORT_SIGNATURES,
    SKIPPED_SIGNATURES,
    ReportKind,
    activity_column,
    hours_column,
    report_kind,
    skipped_file,
)
from ._csv import DEFUSED_PATTERN, REPORT_ENCODING, restore_formula, rows_to_csv
from ._rows import (
    TOP_GAPS,
    AssessmentRows,
    dialogue_row,
    explorer_row,
    peer_group_row,
    plan_row,
    readiness_rows,
)
from ._rpl import RPL_CLAIM_COLUMNS, RPL_REVIEW_COLUMNS, rpl_claim_rows, rpl_review_rows

__all__ = [
    "DEFUSED_PATTERN",
    "LEVEL_PREFIX",
    "MANAGER_PREFIX",
    "MANAGER_RATING_PREFIX",
    "READINESS_COLUMNS",
    "REPORT_ENCODING",
    "REPORT_KINDS",
    "REPORT_SIGNATURES",
    "RPL_CLAIM_COLUMNS",
    "RPL_REVIEW_COLUMNS",
    "SKIPPED_SIGNATURES",
    "TOP_GAPS",
    "AssessmentRows",
    "ReportKind",
    "activity_column",
    "dialogue_row",
    "explorer_row",
    "hours_column",
    "peer_group_row",
    "plan_row",
    "readiness_rows",
    "report_kind",
    "restore_formula",
    "rows_to_csv",
    "rpl_claim_rows",
    "rpl_review_rows",
    "skipped_file",
]
