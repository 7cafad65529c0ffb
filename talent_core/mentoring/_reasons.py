"""Why a pair fits, why it may not be made, why a mentee stayed unmatched: as data, then words.

Reasons are structured (a code, the points it earned, named parameters) so that a user
interface can translate them; ``render_reason`` gives the English sentence.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from .._framework import CompetencyFramework
from .._text import localize

__all__ = ["Reason", "ReasonCode", "render_reason"]


class ReasonCode(StrEnum):
    # parts of the fit score
    STRENGTH = "strength"
    SOME_STRENGTH = "some_strength"
    DIFFERENT_DEPARTMENT = "different_department"
    SAME_DEPARTMENT = "same_department"
    MORE_SENIOR = "more_senior"
    SAME_SENIORITY = "same_seniority"
    LESS_SENIOR = "less_senior"
    SHARED_LANGUAGE = "shared_language"
    NO_SHARED_LANGUAGE = "no_shared_language"
    PAYS_FORWARD = "pays_forward"
    # hard rules: the pair may not be made
    SAME_PERSON = "same_person"
    MANAGES_MENTEE = "manages_mentee"
    REPORTS_TO_MENTEE = "reports_to_mentee"
    ABOVE_IN_LINE = "above_in_line"
    BELOW_IN_LINE = "below_in_line"
    LANGUAGE_REQUIRED = "language_required"
    EARLIER_PAIR = "earlier_pair"
    EXCLUDED = "excluded"
    # a mentee without a mentor
    NO_ALLOWED_MENTOR = "no_allowed_mentor"
    MENTORS_FULL = "mentors_full"


@dataclass(frozen=True, slots=True)
class Reason:
    code: ReasonCode
    #: Points this reason adds to the pair's fit score (0 for notes and hard rules).
    points: float = 0.0
    #: Names, ids and numbers the sentence needs; ``competency`` holds a competency id.
    params: Mapping[str, str | int] = field(default_factory=dict)


#: English sentences; a tuple holds the singular and plural form, chosen by ``count``.
ENGLISH: dict[ReasonCode, str | tuple[str, str]] = {
    ReasonCode.STRENGTH: (
        "Strong in {competency} (level {level}) where {mentee}'s gap is {count} level",
        "Strong in {competency} (level {level}) where {mentee}'s gap is {count} levels",
    ),
    ReasonCode.SOME_STRENGTH: (
        "Level {level} in {competency} where {mentee}'s gap is {count} level",
        "Level {level} in {competency} where {mentee}'s gap is {count} levels",
    ),
    ReasonCode.DIFFERENT_DEPARTMENT: "Different department ({mentee_department} vs "
    "{mentor_department})",
    ReasonCode.SAME_DEPARTMENT: "Same department ({department})",
    ReasonCode.MORE_SENIOR: (
        "More senior by {count} step ({mentor_seniority} vs {mentee_seniority})",
        "More senior by {count} steps ({mentor_seniority} vs {mentee_seniority})",
    ),
    ReasonCode.SAME_SENIORITY: "Same seniority ({mentor_seniority})",
    ReasonCode.LESS_SENIOR: "Less senior than the mentee ({mentor_seniority} vs "
    "{mentee_seniority})",
    ReasonCode.SHARED_LANGUAGE: "Shares language: {languages}",
    ReasonCode.NO_SHARED_LANGUAGE: "No shared language ({mentee_languages} vs {mentor_languages})",
    ReasonCode.PAYS_FORWARD: "Pays it forward: was a mentee in {programme}",
    ReasonCode.SAME_PERSON: "{mentor} cannot mentor themselves",
    ReasonCode.MANAGES_MENTEE: "{mentor} is {mentee}'s manager",
    ReasonCode.REPORTS_TO_MENTEE: "{mentor} reports to {mentee}",
    ReasonCode.ABOVE_IN_LINE: "{mentor} is above {mentee} in the management line",
    ReasonCode.BELOW_IN_LINE: "{mentor} is below {mentee} in the management line",
    ReasonCode.LANGUAGE_REQUIRED: "{mentor} and {mentee} share no language "
    "({mentor_languages} vs {mentee_languages})",
    ReasonCode.EARLIER_PAIR: "{mentor} already mentored {mentee} in {programme}",
    ReasonCode.EXCLUDED: "The pair {mentor} and {mentee} was ruled out by hand",
    ReasonCode.NO_ALLOWED_MENTOR: (
        "The {count} mentor may not be paired with {mentee}; ruled out by the management line: "
        "{line}, by language: {language}, by an earlier pair: {earlier}, by hand: {excluded}",
        "None of the {count} mentors may be paired with {mentee}; ruled out by the management "
        "line: {line}, by language: {language}, by an earlier pair: {earlier}, by hand: "
        "{excluded}",
    ),
    ReasonCode.MENTORS_FULL: (
        "The {count} mentor who may mentor {mentee} is full with mentees who fit better",
        "All {count} mentors who may mentor {mentee} are full with mentees who fit better",
    ),
}


def render_reason(
    reason: Reason, framework: CompetencyFramework | None = None, language: str = "en"
) -> str:
    """The reason as an English sentence; competency names come from ``framework`` if given."""
    params = dict(reason.params)
    competency = params.get("competency")
    if framework is not None and isinstance(competency, str) and framework.has_node(competency):
        params["competency"] = localize(framework.node(competency).name, language)
    text = ENGLISH[reason.code]
    if isinstance(text, tuple):
        text = text[0] if params.get("count") == 1 else text[1]
    return text.format_map(params)
