"""talent_core: the pure-Python core of talent development for Open edX and JupyterLab.

Domain model, rules and algorithms shared by the XBlocks, the notebooks and the ``talent``
command line. Nothing here imports Django, XBlock or widget libraries.
"""

from ._assessment import (
    Gap,
    Rating,
    RatingSource,
    RoleFit,
    check_ratings,
    gap_analysis,
    latest_ratings,
    levels_from,
    role_fit,
)
from ._demo import demo_framework, demo_roles
from ._errors import FormatError, Problem, StaleVersionError, TalentError, ValidationError
from ._framework import (
    CoachingQuestion,
    CompetencyFramework,
    CompetencyNode,
    DevelopmentActivity,
    LearningMode,
    NodeType,
)
from ._mix import DEFAULT_RATES, LearningMix, ModeRates, learning_mix
from ._people import PEOPLE_COLUMNS, Person
from ._plan import (
    ActivityStatus,
    DevelopmentPlan,
    Goal,
    ManagerAgreement,
    PlannedActivity,
    PlanProgress,
    accept_save,
    check_plan,
)
from ._roles import RoleProfile, RoleRequirement, check_role
from ._scale import ProficiencyLevel, ProficiencyScale
from ._text import DEFAULT_LANGUAGES, LocalizedText, localize
from ._validation import load

__all__ = [
    "DEFAULT_LANGUAGES",
    "DEFAULT_RATES",
    "PEOPLE_COLUMNS",
    "ActivityStatus",
    "CoachingQuestion",
    "CompetencyFramework",
    "CompetencyNode",
    "DevelopmentActivity",
    "DevelopmentPlan",
    "FormatError",
    "Gap",
    "Goal",
    "LearningMix",
    "LearningMode",
    "LocalizedText",
    "ManagerAgreement",
    "ModeRates",
    "NodeType",
    "Person",
    "PlanProgress",
    "PlannedActivity",
    "Problem",
    "ProficiencyLevel",
    "ProficiencyScale",
    "Rating",
    "RatingSource",
    "RoleFit",
    "RoleProfile",
    "RoleRequirement",
    "StaleVersionError",
    "TalentError",
    "ValidationError",
    "accept_save",
    "check_plan",
    "check_ratings",
    "check_role",
    "demo_framework",
    "demo_roles",
    "gap_analysis",
    "latest_ratings",
    "learning_mix",
    "levels_from",
    "load",
    "localize",
    "role_fit",
]
