"""The one door through which outside data becomes domain objects."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

import pydantic

from ._errors import Problem, ValidationError

__all__ = ["load", "problems_from_pydantic"]


def _path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


#: pydantic error types a person can cause from a form → catalog ids worded for people.
_INPUT_MESSAGES = {
    "missing": "problem.input.missing",
    "string_too_long": "problem.input.string_too_long",
    "too_long": "problem.input.too_long",
    "less_than_equal": "problem.input.less_than_equal",
    "greater_than_equal": "problem.input.greater_than_equal",
    "float_type": "problem.input.float_type",
    "int_type": "problem.input.int_type",
    "date_from_datetime_parsing": "problem.input.date",
    "date_type": "problem.input.date",
}


def _shown(value: Any) -> Any:
    """``2000`` rather than ``2000.0`` for a whole-number bound."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _worded(item: Mapping[str, Any]) -> tuple[str, dict[str, object]] | tuple[()]:
    """The catalog id and parameters for a pydantic error a person can cause, else nothing
    (pydantic's own English then stays the problem's message)."""
    context = item.get("ctx") or {}
    kind = item["type"]
    if kind == "string_too_short" and context.get("min_length") == 1:
        kind = "missing"
    message_id = _INPUT_MESSAGES.get(kind)
    if message_id is None:
        return ()
    return message_id, {k: _shown(v) for k, v in context.items()}


def problems_from_pydantic(error: pydantic.ValidationError, prefix: str = "") -> list[Problem]:
    """Flatten pydantic's errors into field-named problems, unpacking our own nested ones."""
    problems: list[Problem] = []
    for item in error.errors(include_url=False):
        where = _path(tuple(item["loc"]))
        if prefix:
            where = f"{prefix}.{where}" if where else prefix
        inner = (item.get("ctx") or {}).get("error")
        if isinstance(inner, ValidationError):
            for p in inner.problems:
                field = f"{where}.{p.field}" if where and p.field else (where or p.field)
                problems.append(p.at(field))
            continue
        worded = _worded(item)
        if worded:
            problems.append(Problem.of(where, worded[0], **worded[1]))
        else:
            problems.append(Problem(where, str(item["msg"]).removeprefix("Value error, ")))
    return problems


#: Python 3.11 (Open edX Ulmo) has no PEP 695 type parameters, hence a TypeVar.
M = TypeVar("M", bound=pydantic.BaseModel)


def load(model: type[M], data: Any, *, where: str = "") -> M:
    """Validate ``data`` (e.g. parsed JSON) as ``model``; our ValidationError names the fields."""
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as error:
        raise ValidationError(problems_from_pydantic(error, where)) from None
