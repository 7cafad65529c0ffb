"""What HR's report shows of one learner's development dialogue, read cheaply.

A report over 100,000 learners reads each stored :class:`~talent_core.DialogueRecord` once.
Validating every recorded conversation would make its cost grow with each learner's history;
:func:`summarize_dialogue` validates the preparation and the latest conversation in full and
of the older ones only the manager's levels, which is all the report needs of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ._dialogue import DIALOGUE_SCHEMA, MAX_CONVERSATIONS, Conversation, DialoguePreparation
from ._errors import Problem, ValidationError
from ._self_assessment import _check_schema, _not_an_object
from ._validation import load

__all__ = ["DialogueSummary", "answered_count", "summarize_dialogue"]


@dataclass(frozen=True, slots=True)
class DialogueSummary:
    """The shared part of a learner's dialogue record; the private answers are only counted."""

    preparation: DialoguePreparation | None = None
    conversations: int = 0
    latest: Conversation | None = None
    #: The manager's latest level per competency over all conversations.
    manager_levels: Mapping[str, int] = field(default_factory=dict)

    @property
    def answered(self) -> int:
        return answered_count(self.preparation)


def answered_count(preparation: DialoguePreparation | None) -> int:
    """How many coaching questions a preparation answers (blank answers are never kept)."""
    if preparation is None:
        return 0
    return sum(len(given) for given in preparation.answers.values())


def _levels(talk: Any, where: str) -> Mapping[str, int]:
    if not isinstance(talk, Mapping):
        raise ValidationError([Problem.of(where, "problem.record.conversation_not_an_object")])
    levels = talk.get("levels", {})
    if not isinstance(levels, Mapping) or not all(
        isinstance(cid, str) and type(level) is int for cid, level in levels.items()
    ):
        raise ValidationError([Problem.of(f"{where}.levels", "problem.record.levels_not_a_map")])
    return levels


def summarize_dialogue(state: Any) -> DialogueSummary:
    """The summary of a stored record (as ``DialogueRecord.to_state`` wrote it).

    Conversations are stored oldest first, so a later one's level for a competency replaces an
    earlier one's. Raises ValidationError naming the field for a state this version cannot read.
    """
    if not state:
        return DialogueSummary()
    if not isinstance(state, Mapping):
        raise ValidationError([_not_an_object("dialogue")])
    _check_schema(state, DIALOGUE_SCHEMA, "dialogue")
    stored = state.get("preparation")
    preparation = None
    if stored is not None:
        preparation = load(DialoguePreparation, stored, where="preparation")
    talks = state.get("conversations", [])
    if not isinstance(talks, list):
        raise ValidationError([Problem.of("conversations", "problem.not_a_list")])
    skipped = max(0, len(talks) - MAX_CONVERSATIONS)
    kept = talks[skipped:]
    levels: dict[str, int] = {}
    for i, talk in enumerate(kept, start=skipped):
        levels.update(_levels(talk, f"conversations[{i}]"))
    latest = None
    if kept:
        latest = load(Conversation, kept[-1], where=f"conversations[{len(talks) - 1}]")
    return DialogueSummary(preparation, len(kept), latest, levels)
