"""The demo competency framework and role profiles shipped with the package.

They give the notebooks, XBlocks and the CLI realistic content in English, Swedish and Dutch
from the first run, before an organisation imports a framework of its own. The JSON files in
``talent_core/data`` are the source of truth; they pass through ``load`` like any other input.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from importlib import resources
from typing import Any

from ._framework import CompetencyFramework
from ._roles import RoleProfile
from ._validation import load

__all__ = ["demo_framework", "demo_roles"]

FRAMEWORK_FILE = "demo_framework.json"
ROLES_FILE = "demo_roles.json"


def _read(name: str) -> Any:
    return json.loads(resources.files(__package__).joinpath("data", name).read_text("utf-8"))


@cache
def _framework() -> CompetencyFramework:
    return load(CompetencyFramework, _read(FRAMEWORK_FILE), where=FRAMEWORK_FILE)


@cache
def _roles() -> tuple[RoleProfile, ...]:
    return tuple(
        load(RoleProfile, item, where=f"{ROLES_FILE}[{i}]")
        for i, item in enumerate(_read(ROLES_FILE))
    )


def demo_framework() -> CompetencyFramework:
    """The demo framework ``talent-demo``; a fresh copy, so callers may change it freely."""
    # copy.deepcopy shares one memo between the fields and the private node index, so the
    # index points at the copy's nodes; pydantic 2.12's model_copy(deep=True) does not.
    return copy.deepcopy(_framework())


def demo_roles() -> list[RoleProfile]:
    """The demo role profiles (first-time manager, specialist, ...), as fresh copies."""
    return [role.model_copy(deep=True) for role in _roles()]
