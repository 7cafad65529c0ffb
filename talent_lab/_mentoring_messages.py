"""The mentoring notebook's own words (``mentoring.<key>`` in the ``talent`` catalog).

Why a pair fits comes from the core (``render_reason``), worded in the notebook's language
from the same catalog.
"""

from __future__ import annotations

from typing import Protocol

from talent_core import CompetencyFramework
from talent_core.mentoring import Reason, render_reason

from ._messages import message

__all__ = ["reason_text", "text"]


def text(key: str, language: str, **fields: object) -> str:
    """The notebook's text for ``key`` in ``language``, filled in."""
    return message(key, language, prefix="mentoring", **fields)


class _Context(Protocol):
    framework: CompetencyFramework | None
    language: str


def reason_text(reason: Reason, context: _Context) -> str:
    """A pair reason in the context's language, competencies named from its framework."""
    return render_reason(reason, context.framework, context.language)
