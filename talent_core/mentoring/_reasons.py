"""Why a pair fits, why it may not be made, why a mentee stayed unmatched: as data, then words.

Reasons are structured (a code, the points it earned, named parameters) so that each face
words them in its user's language: ``render_reason`` gives the sentence from the ``talent``
catalog (English unless a language is asked for).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from .._framework import CompetencyFramework
from .._text import localize
from ..i18n import ntranslate, translate

__all__ = ["Reason", "ReasonCode", "Reasons", "render_reason"]


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

    def text(self, language: str | None = "en") -> str:
        """The reason's sentence in ``language`` (competencies by id: no framework here)."""
        return render_reason(self, None, language)


@dataclass(frozen=True, slots=True)
class Reasons:
    """Reasons given together (why a pair may not be made), worded in one language."""

    reasons: tuple[Reason, ...]

    def text(self, language: str | None = "en") -> str:
        return "; ".join(reason.text(language) for reason in self.reasons)


#: Reasons whose sentence has a singular and a plural form, chosen by ``count``.
PLURAL: frozenset[ReasonCode] = frozenset(
    {
        ReasonCode.STRENGTH,
        ReasonCode.SOME_STRENGTH,
        ReasonCode.MORE_SENIOR,
        ReasonCode.NO_ALLOWED_MENTOR,
        ReasonCode.MENTORS_FULL,
    }
)


def render_reason(
    reason: Reason, framework: CompetencyFramework | None = None, language: str | None = "en"
) -> str:
    """The reason as a sentence in ``language`` (the ``talent`` catalog's ``reason.<code>``;
    English by default); competency names come from ``framework`` if given."""
    params = dict(reason.params)
    competency = params.get("competency")
    if framework is not None and isinstance(competency, str) and framework.has_node(competency):
        params["competency"] = localize(framework.node(competency).name, language)
    message_id = f"reason.{reason.code.value}"
    if reason.code in PLURAL:
        count = int(params.pop("count", 0))
        return ntranslate(message_id, f"{message_id}.plural", count, language, **params)
    return translate(message_id, language, **params)
