"""HR's rows for the competency assessment, one per learner (columns in docs/xblocks.md).

A report may cover 100,000 learners, so :class:`AssessmentRows` reads the block's setup and
each role's gap table once, and each learner's state through
:func:`talent_core.summarize_self_assessment`, which validates only the latest attempt.
"""

from __future__ import annotations

from typing import Any

import talent_core as tc

__all__ = ["TOP_GAPS", "AssessmentRows"]

#: Open gaps named in the ``top_gaps`` column.
TOP_GAPS = 3


class AssessmentRows:
    """Turns learners' summaries into rows against one setup (None: the block is not set up)."""

    def __init__(self, setup: tc.AssessmentSetup | None) -> None:
        self._setup = setup
        self._columns = setup.competency_ids if setup is not None else ()
        self._gaps: dict[str, tc.RoleGaps | None] = {}

    def _role_gaps(self, role_id: str) -> tc.RoleGaps | None:
        if role_id not in self._gaps:
            setup = self._setup
            role = setup.role(role_id) if setup is not None else None
            table = tc.RoleGaps(setup.framework, role) if setup and role else None
            self._gaps[role_id] = table
        return self._gaps[role_id]

    def row(self, summary: tc.AssessmentSummary) -> dict[str, Any]:
        """``role``, ``submitted_at``, ``attempts``, ``level:<id>`` per competency, ``top_gaps``.

        The level columns follow the setup's competencies (then any the latest attempt rated
        that the author has since removed), so the rows of one block share their columns.
        """
        latest = summary.latest
        levels = latest.levels if latest is not None else {}
        row: dict[str, Any] = {
            "role": latest.role_id if latest is not None else (summary.draft_role_id or ""),
            "submitted_at": latest.submitted_at.isoformat() if latest is not None else "",
            "attempts": summary.attempts,
        }
        for competency_id in self._columns:
            row[f"level:{competency_id}"] = levels.get(competency_id, "")
        for competency_id, level in levels.items():
            row.setdefault(f"level:{competency_id}", level)
        gaps = self._role_gaps(latest.role_id) if latest is not None else None
        top = gaps.largest_open(levels, TOP_GAPS) if gaps is not None else []
        row["top_gaps"] = "; ".join(gap.competency_id for gap in top)
        return row
