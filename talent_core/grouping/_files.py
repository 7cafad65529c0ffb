"""Grouping files: groups (``id,group``), the score report, and the Open edX Teams upload."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Literal

from .._errors import FormatError, InputError, place
from .._people import Person
from .._people_csv import RoundMembership, csv_rows
from .._spreadsheet import csv_text
from ._score import Group, GroupingScores

__all__ = [
    "GROUP_COLUMNS",
    "OPEN_EDX_MODES",
    "earlier_groups",
    "read_groups_csv",
    "teams_csv",
    "write_groups_csv",
    "write_report_csv",
]

GROUP_COLUMNS: tuple[str, ...] = ("id", "group")
#: Enrolment modes an Open edX course may offer; the Teams upload must name the learner's own.
OPEN_EDX_MODES: tuple[str, ...] = (
    "audit",
    "honor",
    "verified",
    "professional",
    "no-id-professional",
    "credit",
    "masters",
    "executive-education",
    "paid-executive-education",
    "unpaid-executive-education",
    "paid-bootcamp",
    "unpaid-bootcamp",
)
#: Longest team name Open edX stores.
MAX_TEAM_NAME = 255
_TEAMSET_ID = re.compile(r"^[^\s\x00-\x1f,\"']{1,255}$")


def earlier_groups(rounds: Sequence[RoundMembership]) -> list[list[str]]:
    """Member ids of each (round, group) of earlier rounds, in order of first appearance."""
    groups: dict[tuple[str, str], list[str]] = {}
    for entry in rounds:
        groups.setdefault((entry.round, entry.group), []).append(entry.person_id)
    return list(groups.values())


def read_groups_csv(
    data: bytes | str, filename: str, people: Sequence[Person] | None = None
) -> list[Group]:
    """Groups from ``id,group`` rows (groups in order of first appearance).

    A person may appear once; with ``people``, every id must be one of them.
    """
    known = None if people is None else {p.id for p in people}
    _, rows = csv_rows(data, filename, GROUP_COLUMNS)
    members: dict[str, list[str]] = {}
    seen: dict[str, int] = {}
    for row in rows:
        person, group = row.cells["id"], row.cells["group"]
        for column, value in (("id", person), ("group", group)):
            if not value:
                raise FormatError.of(
                    filename, place(row=row.number, column=column), "problem.file.empty_cell"
                )
        where = place(row=row.number, column="id")
        if person in seen:
            raise FormatError.of(
                filename, where, "problem.groups.in_a_group", id=repr(person), row=seen[person]
            )
        if known is not None and person not in known:
            raise FormatError.of(filename, where, "problem.groups.not_a_person", id=repr(person))
        if len(group) > MAX_TEAM_NAME:
            raise FormatError.of(
                filename,
                place(row=row.number, column="group"),
                "problem.groups.name_too_long",
                most=MAX_TEAM_NAME,
            )
        seen[person] = row.number
        members.setdefault(group, []).append(person)
    return [Group(name, tuple(ids)) for name, ids in members.items()]


def write_groups_csv(groups: Sequence[Group]) -> str:
    rows = [(person, group.name) for group in groups for person in group.members]
    return csv_text([GROUP_COLUMNS, *rows])


def write_report_csv(scores: GroupingScores) -> str:
    """One row per group: size, languages, score, fit per goal and repeat pairs."""
    goals = list(scores.groups[0].goals) if scores.groups else []
    rows = [
        (
            group.name,
            group.size,
            " ".join(group.languages),
            f"{group.score:.2f}",
            *(f"{group.goals[goal]:.2f}" for goal in goals),
            group.repeat_pairs,
        )
        for group in scores.groups
    ]
    return csv_text([("group", "size", "languages", "score", *goals, "repeat_pairs"), *rows])


def teams_csv(
    groups: Sequence[Group],
    people: Sequence[Person],
    teamset_id: str,
    mode: str,
    *,
    user_column: Literal["user", "username"] = "user",
    people_file: str = "people",
) -> str:
    """The Open edX Teams membership upload: ``user,mode,<teamset_id>``, one row per member.

    ``user`` is the person's ``username`` column when the people file has one, else the
    e-mail. ``mode`` is an enrolment mode for everyone, or the name of a people column that
    holds each person's mode. Cells of the teamset column are team names, which Open edX
    creates when new. ``user_column="username"`` writes the header that newer platform
    releases expect; they match usernames only, so every person then needs a username.
    """
    if not _TEAMSET_ID.match(teamset_id) or teamset_id in ("user", "username", "mode"):
        raise InputError(f"teamset id {teamset_id!r} is not usable as a column of the Teams upload")
    by_id = {p.id: p for p in people}
    per_person = any(mode in p.extra for p in people)
    if not per_person and mode not in OPEN_EDX_MODES:
        raise InputError(
            f"mode {mode!r} is neither an Open edX enrolment mode ({', '.join(OPEN_EDX_MODES)}) "
            f"nor a column of {people_file}"
        )

    def rows() -> Iterator[tuple[str, str, str]]:
        for group in groups:
            for person_id in group.members:
                person = by_id.get(person_id)
                if person is None:
                    raise InputError(f"group {group.name!r}: {person_id!r} is not in {people_file}")
                user = person.extra.get("username", "")
                if not user and user_column == "username":
                    raise InputError(
                        f"{people_file}: {person_id!r} has no username, which the 'username' "
                        "header needs"
                    )
                enrolment = person.extra.get(mode, "") if per_person else mode
                if not enrolment:
                    raise InputError(
                        f"{people_file}: {person_id!r} has no value in column {mode!r}"
                    )
                yield user or person.email, enrolment, group.name

    return csv_text([(user_column, "mode", teamset_id), *rows()])
