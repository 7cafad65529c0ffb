"""A refused request's problems in the learner's language, not pydantic's English.

The page shows each problem of a refused JSON payload beside its field, so the constraints a
learner can break from a form (an emptied title, too many hours, a cleared date) are worded
from the blocks' catalog. Problems pydantic reports for other reasons keep its own text.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pydantic

import talent_core as tc
from talent_core import problems_from_pydantic

from .i18n import N_

__all__ = ["translated_problems"]

#: pydantic error type → message; ``{…}`` is the constraint from the error's context.
_MESSAGES = {
    "missing": N_("Fill this in."),
    "string_too_long": N_("Use at most {max_length} characters."),
    "too_long": N_("Give at most {max_length} items."),
    "less_than_equal": N_("Give a number no larger than {le}."),
    "greater_than_equal": N_("Give a number no smaller than {ge}."),
    "float_type": N_("Give a number."),
    "int_type": N_("Give a whole number."),
    "date_from_datetime_parsing": N_("Give a date as YYYY-MM-DD."),
    "date_type": N_("Give a date as YYYY-MM-DD."),
}


def _shown(value: Any) -> Any:
    """``2000`` rather than ``2000.0`` for a whole-number bound."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _message(item: Mapping[str, Any], gettext: Callable[[str], str]) -> str | None:
    context = item.get("ctx") or {}
    kind = item["type"]
    if kind == "string_too_short" and context.get("min_length") == 1:
        kind = "missing"
    template = _MESSAGES.get(kind)
    if template is None:
        return None
    return gettext(template).format(**{k: _shown(v) for k, v in context.items()})


def translated_problems(
    error: pydantic.ValidationError, gettext: Callable[[str], str]
) -> list[tc.Problem]:
    """:func:`problems_from_pydantic`, with the messages of known constraints translated."""
    problems = problems_from_pydantic(error)
    out: list[tc.Problem] = []
    position = 0
    for item in error.errors(include_url=False):
        inner = (item.get("ctx") or {}).get("error")
        if isinstance(inner, tc.ValidationError):
            out.extend(problems[position : position + len(inner.problems)])
            position += len(inner.problems)
            continue
        problem = problems[position]
        message = _message(item, gettext)
        out.append(problem if message is None else tc.Problem(problem.field, message))
        position += 1
    return out
