"""The one door through which outside data becomes domain objects."""

from __future__ import annotations

from typing import Any, TypeVar

import pydantic

from ._errors import Problem, ValidationError

__all__ = ["load", "problems_from_pydantic"]


def _path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


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
                problems.append(Problem(field, p.message))
            continue
        message = str(item["msg"]).removeprefix("Value error, ")
        problems.append(Problem(where, message))
    return problems


#: Python 3.11 (Open edX Ulmo) has no PEP 695 type parameters, hence a TypeVar.
M = TypeVar("M", bound=pydantic.BaseModel)


def load(model: type[M], data: Any, *, where: str = "") -> M:
    """Validate ``data`` (e.g. parsed JSON) as ``model``; our ValidationError names the fields."""
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as error:
        raise ValidationError(problems_from_pydantic(error, where)) from None
