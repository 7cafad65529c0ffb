"""What the demo organisation adds for HR's pipeline: the role each person holds, a rating
of every competency the assessment asks (not only the target role's), managers' own ratings
and the talent views in which managers record readiness for the next role.

All of it comes from a generator of its own (``random.Random(f"pipeline-{seed}")``), so the
rest of the demo reports stays as it was for the same seed.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping, Sequence
from typing import Any

from talent_core import CompetencyFramework, RoleGaps, RoleProfile
from talent_core.managers import Readiness, RoleReadiness, TalentView
from talent_core.pipeline import READINESS
from talent_core.reports import READINESS_COLUMNS, readiness_rows

__all__ = [
    "CAREER_STEPS",
    "DEMO_CRITICAL_ROLES",
    "TALENT_VIEW_COLUMNS",
    "TALENT_VIEW_SIGNATURE",
    "DemoPipeline",
]

#: The readiness report's columns (the development plan block, from the manager's state).
TALENT_VIEW_COLUMNS: tuple[str, ...] = READINESS_COLUMNS
#: Columns that tell a talent view download apart from the other reports.
TALENT_VIEW_SIGNATURE = frozenset({"username", "role_id", "readiness", "conversation_date"})
#: The demo's critical roles: the ones a growing organisation struggles to fill from inside.
DEMO_CRITICAL_ROLES: tuple[str, ...] = ("experienced-leader-mentor", "project-lead")
#: Where people of each role are headed next, in the demo: their managers' talent views
#: name these roles (the first one most often).
CAREER_STEPS: Mapping[str, tuple[str, ...]] = {
    "specialist": ("project-lead", "hr-business-partner"),
    "project-lead": ("first-time-manager", "specialist"),
    "first-time-manager": ("experienced-leader-mentor", "project-lead"),
    "hr-business-partner": ("first-time-manager", "experienced-leader-mentor"),
    "experienced-leader-mentor": ("hr-business-partner",),
}
_TODAY = dt.date(2026, 10, 1)


class DemoPipeline:
    """The pipeline parts of the demo, one person at a time, from their own generator."""

    def __init__(
        self, framework: CompetencyFramework, roles: Sequence[RoleProfile], seed: int
    ) -> None:
        self.rng = random.Random(f"pipeline-{seed}")
        self.framework = framework
        self.competencies = [c.id for c in framework.competencies()]
        self.scales = {c: framework.scale_for(c).values for c in self.competencies}
        self.gaps = {role.id: RoleGaps(framework, role) for role in roles}
        self.weights = {role.id: sum(req.importance for req in role.requirements) for role in roles}
        self.views: list[tuple[str, dict[str, Any]]] = []

    def all_levels(self, levels: Mapping[str, int], seniority: int) -> dict[str, int]:
        """The target role's levels, and a level in every other competency the assessment asks:
        more senior people a little higher, as people rate themselves."""
        rng, result = self.rng, dict(levels)
        for competency_id in self.competencies:
            if competency_id in result:
                continue
            scale = self.scales[competency_id]
            step = min(len(scale) - 1, max(0, seniority // 2 + rng.choice((-1, 0, 0, 1))))
            result[competency_id] = scale[step]
        return result

    def manager_levels(self, levels: Mapping[str, int], role: RoleProfile) -> dict[str, int]:
        """A manager's own ratings of the role's requirements: close to the person's own, a
        little more often lower; for about half of the people whose manager has a roster."""
        if self.rng.random() >= 0.55:
            return {}
        rated = {}
        for req in role.requirements:
            scale = self.scales[req.competency_id]
            step = scale.index(levels[req.competency_id]) + self.rng.choice((-1, -1, 0, 0, 0, 1))
            rated[req.competency_id] = scale[min(max(step, 0), len(scale) - 1)]
        return rated

    def _readiness(self, role_id: str, levels: Mapping[str, int], seniority: int) -> str:
        """What the manager records, leaning on how close the person is to the role; an
        experienced person (seniority 3 or more) is seen a step nearer."""
        gaps = self.gaps[role_id].gaps(levels)
        fit = 1 - sum(g.weighted for g in gaps) / self.weights[role_id]
        nearest = 0 if fit >= 0.9 else 1 if fit >= 0.75 else 2 if fit >= 0.6 else 3
        nearest -= seniority >= 3
        step = min(max(nearest + self.rng.choice((-1, 0, 0, 0, 1)), 0), len(READINESS) - 1)
        return READINESS[step]

    def talent_view(
        self, username: str, manager: str, role_id: str, levels: Mapping[str, int], seniority: int
    ) -> None:
        """Two in three managers held the talent conversation: readiness for the next role,
        sometimes for a second one too; some people were seen in two conversations."""
        steps = CAREER_STEPS.get(role_id, ())
        if not manager or not steps or self.rng.random() >= 0.65:
            return
        named = [steps[0]] if len(steps) == 1 or self.rng.random() < 0.75 else list(steps)
        for talks in range(self.rng.choice((1, 1, 1, 2))):
            held = _TODAY - dt.timedelta(days=self.rng.randint(1, 300) + 300 * talks)
            view = TalentView(
                learner=username,
                manager=manager,
                readiness=[
                    RoleReadiness(
                        role_id=target,
                        readiness=Readiness(self._readiness(target, levels, seniority)),
                    )
                    for target in named
                ],
                conversation_date=held,
            )
            for row in readiness_rows(view):  # the development plan block's own rows
                self.views.append((username, {k: v for k, v in row.items() if k != "username"}))
