"""Mentors, mentees, the weights of a good pair, and the records of earlier programmes."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import AfterValidator, Field, model_validator

from .._assessment import Gap
from .._people import Person
from .._people_csv import MAX_SENIORITY
from .._text import Identifier, LanguageCode, ShortText, StrictModel
from ..grouping import ManagerRule

__all__ = [
    "MAX_CAPACITY",
    "MAX_GAP",
    "MAX_LEVEL",
    "FitWeights",
    "MatchSettings",
    "Mentee",
    "Mentor",
    "MentoringRecord",
    "Volunteer",
    "VolunteerRole",
    "focus_from_gaps",
]

#: Most mentees one mentor can take in a programme.
MAX_CAPACITY = 20
#: Highest proficiency level value a strength may have (scales run 0–100 at most).
MAX_LEVEL = 100
#: Largest gap, in scale steps (a scale has at most 20 levels).
MAX_GAP = 19

Seniority = Annotated[int, Field(ge=1, le=MAX_SENIORITY)]
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_EMAIL = re.compile(r"^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$")


def _one_line(text: str) -> str:
    if _CONTROL.search(text):
        raise ValueError("the text holds a control character")
    return text


def _email(text: str) -> str:
    if text and not _EMAIL.match(text):
        raise ValueError(f"{text!r} is not an e-mail address")
    return text


#: One line of text: no control characters (they break CSV files and reports).
Line = Annotated[ShortText, AfterValidator(_one_line)]
#: Empty, or an e-mail address.
Email = Annotated[ShortText, AfterValidator(_email)]
Points = Annotated[float, Field(ge=0, le=1000)]


class Participant(StrictModel):
    """What matching needs to know of a person: who they are, where they sit, what they speak."""

    id: Identifier
    name: Annotated[Line, Field(min_length=1)]
    email: Email = ""
    department: Line = ""
    manager_id: Identifier | None = None
    #: 1 (junior) upwards, as in the people CSV.
    seniority: Seniority
    #: Languages the person can be mentored or mentor in; at least one.
    languages: Annotated[tuple[LanguageCode, ...], Field(min_length=1, max_length=10)]

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.manager_id == self.id:
            raise ValueError(f"{self.id!r} cannot be their own manager")
        if len(set(self.languages)) != len(self.languages):
            raise ValueError(f"a language is listed twice in {', '.join(self.languages)}")
        return self


def _person_fields(person: Person) -> dict[str, Any]:
    return {
        "id": person.id,
        "name": person.name,
        "email": person.email,
        "department": person.department,
        "manager_id": person.manager_id,
        "seniority": person.seniority,
        "languages": (person.language,),
    }


def focus_from_gaps(gaps: Iterable[Gap], limit: int | None = None) -> dict[str, int]:
    """A mentee's focus from a gap analysis: the open gaps in their order, at most ``limit``."""
    open_gaps = [g for g in gaps if g.size > 0]
    return {g.competency_id: g.size for g in open_gaps[:limit]}


class Mentee(Participant):
    """Someone to be mentored, with what they want to grow.

    ``focus`` maps a competency to the size of the gap in scale steps (from a gap analysis),
    or to 1 for a competency the mentee simply chose.
    """

    focus: Annotated[
        dict[Identifier, Annotated[int, Field(ge=1, le=MAX_GAP)]], Field(max_length=100)
    ] = {}

    @classmethod
    def from_person(cls, person: Person, focus: Mapping[str, int]) -> Mentee:
        """A person of the people CSV as a mentee (their working language only)."""
        return cls(**_person_fields(person), focus=dict(focus))


class Mentor(Participant):
    """Someone who mentors, how many mentees they take and where they are strong."""

    capacity: Annotated[int, Field(ge=1, le=MAX_CAPACITY)] = 1
    #: Competency → proficiency level on that competency's scale.
    strengths: Annotated[
        dict[Identifier, Annotated[int, Field(ge=0, le=MAX_LEVEL)]], Field(max_length=200)
    ] = {}
    #: The programme in which this mentor was a mentee: the pay-it-forward chain.
    former_mentee_in: ShortText | None = None

    @classmethod
    def from_person(cls, person: Person, strengths: Mapping[str, int], capacity: int = 1) -> Mentor:
        """A person of the people CSV as a mentor (their working language only)."""
        return cls(**_person_fields(person), strengths=dict(strengths), capacity=capacity)


class FitWeights(StrictModel):
    """Points each part of the fit is worth; the defaults add up to 100.

    A pair earns ``competencies`` times the gap-weighted strength of the mentor in the
    mentee's focus, ``department`` if they work in different departments, ``seniority``
    times the suitability of the seniority step, and ``language`` for a shared language.
    """

    competencies: Points = 60.0
    department: Points = 15.0
    seniority: Points = 15.0
    language: Points = 10.0


class MatchSettings(StrictModel):
    """Hard rules and weights of one matching run."""

    weights: FitWeights = FitWeights()
    #: Never pair a person with their direct manager or report (``direct``), or with anyone
    #: above or below them in the management line (``line``).
    line: ManagerRule = ManagerRule.DIRECT
    #: Only pair people who share a language (else a shared language just earns points).
    require_shared_language: bool = True
    #: Never pair a mentor and mentee again who were a pair in an earlier programme.
    avoid_earlier_pairs: bool = True


class MentoringRecord(StrictModel):
    """One pair of an earlier programme: ``mentor_id`` mentored ``mentee_id`` in ``programme``."""

    programme: Annotated[ShortText, Field(min_length=1)]
    mentor_id: Identifier
    mentee_id: Identifier

    @model_validator(mode="after")
    def _two_people(self) -> Self:
        if self.mentor_id == self.mentee_id:
            raise ValueError(f"{self.mentor_id!r} cannot mentor themselves")
        return self


class VolunteerRole(StrEnum):
    """What a person offered to do next round (the peer-group block's ``volunteer_as``)."""

    MENTOR = "mentor"
    HOST = "host"


class Volunteer(StrictModel):
    person_id: Identifier
    role: VolunteerRole
