"""Intervision group design: hard constraints kept, soft goals weighted, any grouping scored.

``design_groups`` makes groups; ``score_grouping`` and ``check_grouping`` evaluate any
grouping, e.g. after HR moves a person by hand; ``GroupingEvaluator`` keeps a grouping scored
while people move one at a time. See docs/grouping.md for the goals and the search.
"""

from ._design import BATCHED_FROM, GroupingResult, Method, Progress, design_groups
from ._evaluator import GroupingEvaluator
from ._files import (
    GROUP_COLUMNS,
    OPEN_EDX_MODES,
    earlier_groups,
    read_groups_csv,
    teams_csv,
    write_groups_csv,
    write_report_csv,
)
from ._instance import timezone_band
from ._notices import InfeasibleGroupingError, Notice, NoticeCode
from ._options import AttributeGoal, GroupingOptions, ManagerRule, Policy
from ._score import Group, GroupingScores, GroupScore, check_grouping, score_grouping

__all__ = [
    "BATCHED_FROM",
    "GROUP_COLUMNS",
    "OPEN_EDX_MODES",
    "AttributeGoal",
    "Group",
    "GroupScore",
    "GroupingEvaluator",
    "GroupingOptions",
    "GroupingResult",
    "GroupingScores",
    "InfeasibleGroupingError",
    "ManagerRule",
    "Method",
    "Notice",
    "NoticeCode",
    "Policy",
    "Progress",
    "check_grouping",
    "design_groups",
    "earlier_groups",
    "read_groups_csv",
    "score_grouping",
    "teams_csv",
    "timezone_band",
    "write_groups_csv",
    "write_report_csv",
]
