"""People of an organisation, as HR exports them (one CSV row each)."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["PEOPLE_COLUMNS", "Person"]

#: Column order of a people CSV; further columns are kept in ``Person.extra``.
PEOPLE_COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "email",
    "manager_id",
    "department",
    "location",
    "timezone",
    "seniority",
    "language",
)


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    email: str
    manager_id: str | None
    department: str
    location: str
    #: IANA zone name, e.g. ``Europe/Stockholm``.
    timezone: str
    #: 1 (junior) upwards.
    seniority: int
    #: Working language code, e.g. ``nl``.
    language: str
    extra: dict[str, str] = field(default_factory=dict)
