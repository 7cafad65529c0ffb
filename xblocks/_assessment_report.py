"""HR's row for one learner of the competency assessment (see docs/xblocks.md for columns).

Built from :func:`talent_core.summarize_self_assessment`, which validates only the latest
attempt, so a report over 100,000 learners reads each state once.
"""

from __future__ import annotations

from typing import Any

import talent_core as tc

__all__ = ["TOP_GAPS", "assessment_row"]

#: Open gaps named in the ``top_gaps`` column.
TOP_GAPS = 3


def assessment_row(
    summary: tc.AssessmentSummary, setup: tc.AssessmentSetup | None
) -> dict[str, Any]:
    """``role``, ``submitted_at``, ``attempts``, ``level:<id>`` per competency, ``top_gaps``.

    The level columns follow the setup's competencies (then any the latest attempt rated that
    the author has since removed), so every row of one block has the same columns. Without a
    working setup, ``top_gaps`` stays empty.
    """
    latest = summary.latest
    levels = latest.levels if latest is not None else {}
    row: dict[str, Any] = {
        "role": latest.role_id if latest is not None else (summary.draft_role_id or ""),
        "submitted_at": latest.submitted_at.isoformat() if latest is not None else "",
        "attempts": summary.attempts,
    }
    columns = dict.fromkeys(setup.competency_ids if setup is not None else ())
    columns.update(dict.fromkeys(levels))
    for competency_id in columns:
        row[f"level:{competency_id}"] = levels.get(competency_id, "")
    top: list[str] = []
    role = setup.role(latest.role_id) if setup is not None and latest is not None else None
    if role is not None and setup is not None:
        gaps = tc.gap_analysis(setup.framework, role, levels)
        top = [g.competency_id for g in gaps if g.current is not None and g.size > 0][:TOP_GAPS]
    row["top_gaps"] = "; ".join(top)
    return row
