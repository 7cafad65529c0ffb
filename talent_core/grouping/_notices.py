"""Why a grouping is impossible, what a hand-made grouping breaks, and what to watch.

Each notice is a code with parameters, so a notebook or block can show it in the user's
language (the ``talent`` catalog's ``notice.<code>``) and point at the people and the group
concerned.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .._errors import TalentError
from ..i18n import translate

__all__ = ["InfeasibleGroupingError", "Notice", "NoticeCode"]


class NoticeCode:
    """The codes of notices, grouped by what they say."""

    # why no grouping exists (InfeasibleGroupingError)
    UNKNOWN_PERSON = "unknown_person"
    PAIR_WITH_SELF = "pair_with_self"
    TOO_FEW_PEOPLE = "too_few_people"
    UNSPLITTABLE = "unsplittable"
    TOGETHER_TOO_BIG = "together_too_big"
    TOGETHER_AND_APART = "together_and_apart"
    TOGETHER_LANGUAGES = "together_languages"
    TOGETHER_MANAGER = "together_manager"
    ISOLATED = "isolated"
    NO_PACKING = "no_packing"
    NO_PLACE = "no_place"
    MORE = "more"
    # what a grouping breaks (check_grouping)
    TOO_SMALL = "too_small"
    TOO_LARGE = "too_large"
    MIXED_LANGUAGE = "mixed_language"
    WITH_MANAGER = "with_manager"
    APART_TOGETHER = "apart_together"
    TOGETHER_SPLIT = "together_split"
    NOT_A_PERSON = "not_a_person"
    TWICE = "twice"
    MISSING = "missing"
    # soft goals and run notes (warnings)
    REPEAT_PAIRS = "repeat_pairs"
    HISTORY_UNKNOWN = "history_unknown"
    TIME_LIMIT = "time_limit"


@dataclass(frozen=True, slots=True)
class Notice:
    """One finding: a code, its parameters, and the people and group it concerns."""

    code: str
    params: Mapping[str, object] = field(default_factory=dict)
    people: tuple[str, ...] = ()
    group: str | None = None

    def text(self, language: str | None = "en") -> str:
        """The notice in ``language`` (``notice.<code>`` of the ``talent`` catalog)."""
        params = dict(self.params)
        if "pool" in params:
            params["pool"] = translate(f"notice.pool.{params['pool']}", language, **params)
        return translate(f"notice.{self.code}", language, **params)

    def __str__(self) -> str:
        return self.text()


class InfeasibleGroupingError(TalentError, ValueError):
    """The hard constraints cannot all hold; ``reasons`` says why. No groups are made."""

    def __init__(self, reasons: Iterable[Notice]) -> None:
        self.reasons: tuple[Notice, ...] = tuple(reasons)
        super().__init__("no grouping is possible: " + "; ".join(map(str, self.reasons)))

    def text(self, language: str | None = "en") -> str:
        return "; ".join(reason.text(language) for reason in self.reasons)
