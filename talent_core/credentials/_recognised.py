"""What a credential says: one competency recognised at a level, with its reasons and evidence.

The credential builders take only this, so they work the same from the LMS (a learner's claim
and an assessor's decision) and from the command line (a decisions CSV and the framework).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from .._errors import InputError
from .._framework import CompetencyFramework, NodeType
from .._text import Identifier, LongText, StrictModel, control_character_fields, localize
from .._validation import load
from ..formats import case_item_uri

__all__ = [
    "EvidenceSummary",
    "IndicatorReason",
    "RecognisedCompetency",
    "recognised_competency",
]

Line = Annotated[str, StringConstraints(min_length=1, max_length=300, strip_whitespace=True)]
_EMAIL = re.compile(r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[^@\s<>\"',;]+$")


def _web_url(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    if not re.fullmatch(r"https?://[^\s<>\"'\\]+", value) or len(value) > 2000:
        raise ValueError("must be an http:// or https:// URL without spaces or quotes")
    return value


def _email(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    if not _EMAIL.fullmatch(value) or len(value) > 254:
        raise ValueError("must be an e-mail address")
    return value


class _Frozen(StrictModel):
    model_config = ConfigDict(extra="forbid", validate_default=True, frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _no_control_characters(cls, data: Any) -> Any:
        """NUL, ESC and the like mean nothing in a credential and reach terminals raw."""
        bad = control_character_fields(data) if isinstance(data, dict) else []
        if bad:
            raise ValueError(f"{', '.join(bad)}: holds a control character")
        return data


class IndicatorReason(_Frozen):
    """The assessor's reasoning for one behaviour indicator of the awarded level."""

    indicator_id: Identifier
    indicator: LongText
    reason: LongText


class EvidenceSummary(_Frozen):
    """One piece of the learner's evidence as a credential names it (never the file itself)."""

    name: Line
    description: LongText = ""
    date: dt.date
    url: Annotated[str | None, AfterValidator(_web_url)] = None


class RecognisedCompetency(_Frozen):
    """One recognised (or partly recognised) claim: the input of every credential builder."""

    learner_id: Identifier
    learner_name: Line
    learner_email: Annotated[str | None, AfterValidator(_email)] = None
    competency_id: Identifier
    competency_name: Line
    competency_description: LongText = ""
    framework_id: Identifier
    framework_name: Line
    #: The framework item's CASE CFItem URI (the package's own where it came from CASE).
    case_item_uri: Annotated[str | None, StringConstraints(max_length=2000)] = None
    level_id: Identifier
    level_name: Line
    level_description: LongText = ""
    outcome: Literal["recognised", "partly_recognised"] = "recognised"
    reasons: Annotated[list[IndicatorReason], Field(max_length=200)] = []
    evidence: Annotated[list[EvidenceSummary], Field(max_length=200)] = []
    decision_id: Identifier
    #: When the credential is issued (its validFrom); timezone-aware, kept in UTC.
    issued_at: dt.datetime
    #: The language of the texts above (the credential's ``inLanguage``).
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")] = (
        "en"
    )

    @field_validator("issued_at")
    @classmethod
    def _utc(cls, value: dt.datetime) -> dt.datetime:
        if value.tzinfo is None:
            raise ValueError("needs a timezone (UTC), e.g. 2026-05-01T09:00:00Z")
        return value.astimezone(dt.UTC).replace(microsecond=0)


def recognised_competency(
    framework: CompetencyFramework,
    *,
    competency_id: str,
    level: int,
    learner_id: str,
    learner_name: str,
    decision_id: str,
    issued_at: dt.datetime,
    reasons: Mapping[str, str],
    evidence: Sequence[EvidenceSummary] = (),
    learner_email: str | None = None,
    outcome: Literal["recognised", "partly_recognised"] = "recognised",
    language: str = "en",
) -> RecognisedCompetency:
    """The recognition of ``competency_id`` at ``level`` with the framework's names in
    ``language``: the competency, the level of its scale, each indicator's text and its CASE
    CFItem URI. InputError when the competency or level is not the framework's, and
    ValidationError naming each field that is not fit for a credential."""
    problem = framework.competency_problem(competency_id)
    if problem is not None:
        raise InputError(problem.message)
    scale = framework.scale_for(competency_id)
    if not scale.contains(level):
        raise InputError(
            f"level {level} is not on the scale of {competency_id} (levels {scale.values})"
        )
    fallbacks = (framework.default_language, "en")
    node = framework.node(competency_id)
    awarded = scale.level(level)
    texts = {
        i.id: localize(i.name, language, fallbacks)
        for i in framework.children(competency_id)
        if i.type is NodeType.INDICATOR
    }
    fields = {
        "learner_id": learner_id,
        "learner_name": learner_name,
        "learner_email": learner_email,
        "competency_id": competency_id,
        "competency_name": localize(node.name, language, fallbacks),
        "competency_description": localize(node.description, language, fallbacks),
        "framework_id": framework.id,
        "framework_name": localize(framework.name, language, fallbacks),
        "case_item_uri": case_item_uri(framework, competency_id),
        "level_id": str(level),
        "level_name": localize(awarded.label, language, fallbacks),
        "level_description": localize(awarded.descriptor, language, fallbacks),
        "outcome": outcome,
        "reasons": [
            {"indicator_id": key, "indicator": texts.get(key, key), "reason": text}
            for key, text in reasons.items()
        ],
        "evidence": [item.model_dump() for item in evidence],
        "decision_id": decision_id,
        "issued_at": issued_at,
        "language": language,
    }
    return load(RecognisedCompetency, fields)
