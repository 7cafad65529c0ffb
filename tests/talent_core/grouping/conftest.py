"""Small hand-built people lists for grouping tests (as fixtures returning builders)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import talent_core as tc

ZONES = {
    "Amsterdam": "Europe/Amsterdam",
    "Stockholm": "Europe/Stockholm",
    "NYC": "America/New_York",
}


def make_person(
    pid: str,
    *,
    department: str = "Sales",
    location: str = "Amsterdam",
    seniority: int = 2,
    language: str = "en",
    manager: str | None = None,
    **extra: str,
) -> tc.Person:
    return tc.Person(
        id=pid,
        name=f"Name {pid}",
        email=f"{pid}@example.org",
        manager_id=manager,
        department=department,
        location=location,
        timezone=ZONES[location],
        seniority=seniority,
        language=language,
        extra=dict(extra),
    )


def make_crowd(count: int, prefix: str = "x", **fields: object) -> list[tc.Person]:
    """``count`` people with cycling departments and seniority, and the given fields."""
    departments = ["Sales", "IT", "HR", "Finance", "Legal", "R&D", "Operations"]
    people = []
    for i in range(count):
        values: dict[str, object] = {
            "department": departments[i % len(departments)],
            "seniority": 1 + i % 5,
        }
        values.update(fields)
        people.append(make_person(f"{prefix}{i:03d}", **values))  # type: ignore[arg-type]
    return people


@pytest.fixture
def person() -> Callable[..., tc.Person]:
    return make_person


@pytest.fixture
def crowd() -> Callable[..., list[tc.Person]]:
    return make_crowd
