"""HR's pipeline per role: who fits now, who could with development (and on whose ratings),
readiness as managers recorded it, bench strength for critical roles, and supply against
demand per competency, for a whole organisation at once (numpy). See docs/figures.md,
"Pipeline per role".
"""

from ._levels import LevelMatrix
from ._pipeline import (
    DEVELOPMENT_FIT,
    MIN_PEOPLE,
    SOURCES,
    STATUSES,
    Candidates,
    RoleSummary,
    SupplyDemand,
    TalentPipeline,
)
from ._readiness import NO_READINESS, READINESS, latest_readiness, readiness_code

__all__ = [
    "DEVELOPMENT_FIT",
    "MIN_PEOPLE",
    "NO_READINESS",
    "READINESS",
    "SOURCES",
    "STATUSES",
    "Candidates",
    "LevelMatrix",
    "RoleSummary",
    "SupplyDemand",
    "TalentPipeline",
    "latest_readiness",
    "readiness_code",
]
