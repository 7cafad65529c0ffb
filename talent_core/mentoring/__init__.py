"""Mentor matching and the pay-it-forward chain.

``MatchingProblem`` checks mentees and mentors and scores every pair (``explain_pair`` gives
the reasons); ``match_mentors`` finds the optimal matching with capacities;
``mentoring_chain`` follows who mentored whom across programmes. See docs/mentoring.md.
"""

from ._assign import FORBIDDEN
from ._chain import (
    ChainEdge,
    ChainNode,
    MentoringChain,
    ReadyMentor,
    mentoring_chain,
    programme_order,
)
from ._csv import (
    HISTORY_COLUMNS,
    MENTEE_COLUMNS,
    MENTOR_COLUMNS,
    PAIR_COLUMNS,
    VOLUNTEER_COLUMNS,
    read_history_csv,
    read_mentees_csv,
    read_mentors_csv,
    read_volunteers_csv,
    write_history_csv,
    write_mentees_csv,
    write_mentors_csv,
    write_pairs_csv,
    write_volunteers_csv,
)
from ._demo import DEMO_PROGRAMMES, MentoringDemo, demo_programme
from ._fit import SENIORITY_FIT, MatchingProblem, PairFit
from ._match import Matching, MentorPair, UnmatchedMentee, match_mentors
from ._model import (
    MAX_CAPACITY,
    FitWeights,
    MatchSettings,
    Mentee,
    Mentor,
    MentoringRecord,
    Volunteer,
    VolunteerRole,
    focus_from_gaps,
)
from ._reasons import Reason, ReasonCode, render_reason
from ._scales import DEFAULT_LEVELS, CompetencyScales

__all__ = [
    "DEFAULT_LEVELS",
    "DEMO_PROGRAMMES",
    "FORBIDDEN",
    "HISTORY_COLUMNS",
    "MAX_CAPACITY",
    "MENTEE_COLUMNS",
    "MENTOR_COLUMNS",
    "PAIR_COLUMNS",
    "SENIORITY_FIT",
    "VOLUNTEER_COLUMNS",
    "ChainEdge",
    "ChainNode",
    "CompetencyScales",
    "FitWeights",
    "MatchSettings",
    "Matching",
    "MatchingProblem",
    "Mentee",
    "Mentor",
    "MentorPair",
    "MentoringChain",
    "MentoringDemo",
    "MentoringRecord",
    "PairFit",
    "ReadyMentor",
    "Reason",
    "ReasonCode",
    "UnmatchedMentee",
    "Volunteer",
    "VolunteerRole",
    "demo_programme",
    "focus_from_gaps",
    "match_mentors",
    "mentoring_chain",
    "programme_order",
    "read_history_csv",
    "read_mentees_csv",
    "read_mentors_csv",
    "read_volunteers_csv",
    "render_reason",
    "write_history_csv",
    "write_mentees_csv",
    "write_mentors_csv",
    "write_pairs_csv",
    "write_volunteers_csv",
]
