"""Builders of mentees and mentors for the mentoring tests (fixtures returning factories)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from talent_core.mentoring import Mentee, Mentor

MakeMentee = Callable[..., Mentee]
MakeMentor = Callable[..., Mentor]


def _person(pid: str, fields: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": pid,
        "name": fields.pop("name", f"Name {pid}"),
        "department": fields.pop("department", "Sales"),
        "manager_id": fields.pop("manager_id", None),
        "seniority": fields.pop("seniority", 2),
        "languages": fields.pop("languages", ("en",)),
    }


@pytest.fixture
def make_mentee() -> MakeMentee:
    def make(pid: str, **fields: Any) -> Mentee:
        return Mentee(**_person(pid, fields), focus=fields.pop("focus", {}), **fields)

    return make


@pytest.fixture
def make_mentor() -> MakeMentor:
    def make(pid: str, **fields: Any) -> Mentor:
        fields.setdefault("seniority", 4)
        return Mentor(**_person(pid, fields), **fields)

    return make
