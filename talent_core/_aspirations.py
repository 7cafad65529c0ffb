"""Drivers and aspirations a learner records for the development dialogue.

What gives them energy, roles or directions that interest them, mobility wishes and their time
horizon. Each is kept in the learner's own dialogue state (:class:`DialogueRecord.aspirations
<talent_core.DialogueRecord>`) and marked shared with the manager or private: the manager's
preparation sheet shows only :func:`shared_aspirations`, and no report row holds their text.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from enum import StrEnum
from typing import Annotated

from pydantic import Field, field_validator

from ._errors import Problem, ValidationError
from ._text import Identifier, StrictModel

__all__ = [
    "ASPIRATION_KINDS",
    "MAX_ASPIRATIONS",
    "Aspiration",
    "AspirationKind",
    "check_aspirations",
    "shared_aspirations",
]

#: Aspirations one learner keeps.
MAX_ASPIRATIONS = 30
MAX_ASPIRATION_TEXT = 1000


class AspirationKind(StrEnum):
    """What an aspiration is about."""

    ENERGY = "energy"
    ROLE_INTEREST = "role_interest"
    DIRECTION = "direction"
    MOBILITY = "mobility"
    TIME_HORIZON = "time_horizon"


#: The kinds in the order the dialogue asks about them.
ASPIRATION_KINDS: tuple[AspirationKind, ...] = tuple(AspirationKind)


class Aspiration(StrictModel):
    """One driver or aspiration, in the learner's words; private unless shared."""

    kind: AspirationKind
    text: Annotated[str, Field(max_length=MAX_ASPIRATION_TEXT)] = ""
    #: A role of interest (kind ``role_interest``), from the roles the course offers.
    role_id: Identifier | None = None
    shared_with_manager: bool = False

    @field_validator("text")
    @classmethod
    def _trimmed(cls, value: str) -> str:
        return value.strip()


def check_aspirations(
    aspirations: Iterable[Aspiration], role_ids: Collection[str]
) -> list[Aspiration]:
    """The aspirations to keep, or ValidationError naming each problem: one with neither text
    nor role, a role outside ``role_ids`` (the roles the course offers), a role given for
    another kind than ``role_interest``, or more than :data:`MAX_ASPIRATIONS`."""
    kept = list(aspirations)
    problems: list[Problem] = []
    if len(kept) > MAX_ASPIRATIONS:
        problems.append(
            Problem.of("aspirations", "problem.aspiration.too_many", most=MAX_ASPIRATIONS)
        )
    for i, aspiration in enumerate(kept):
        where = f"aspirations[{i}]"
        if aspiration.role_id is not None:
            if aspiration.kind is not AspirationKind.ROLE_INTEREST:
                problems.append(Problem.of(f"{where}.role_id", "problem.aspiration.role_for_kind"))
            elif aspiration.role_id not in role_ids:
                problems.append(
                    Problem.of(f"{where}.role_id", "problem.role.unknown", id=aspiration.role_id)
                )
        elif not aspiration.text:
            problems.append(Problem.of(f"{where}.text", "problem.aspiration.empty"))
    if problems:
        raise ValidationError(problems)
    return kept


def shared_aspirations(aspirations: Iterable[Aspiration]) -> list[Aspiration]:
    """Those the learner shared with their manager, in the learner's order."""
    return [a for a in aspirations if a.shared_with_manager]
