"""A demo mentoring programme with a history, generated from the demo organisation.

Newer managers are the mentees, with gaps on the first-time manager role; senior people and
former mentees who offered to pay it forward are the mentors, with strengths on the
experienced leader role. Three earlier programmes, in which each year's mentees mentor the
next year's, give the pay-it-forward chain its generations. Everything derives from
``random.Random(seed)``, so the same organisation and seed give the same programme, and
nothing needs shipping as data. The notebook's demo and ``talent demo-files`` both use it.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from .._framework import CompetencyFramework
from .._people import Person
from .._roles import RoleProfile
from ._model import Mentee, Mentor, MentoringRecord, Volunteer, VolunteerRole

__all__ = ["DEMO_PROGRAMMES", "MentoringDemo", "demo_programme"]

#: Earlier programmes, oldest first, then the one being matched.
DEMO_PROGRAMMES: tuple[str, ...] = ("2023", "2024", "2025", "2026")
MENTEE_ROLE, MENTOR_ROLE = "first-time-manager", "experienced-leader-mentor"
#: Share of the newer managers taken into each programme.
INTAKE = 0.25


@dataclass(frozen=True, slots=True)
class MentoringDemo:
    mentees: tuple[Mentee, ...]
    mentors: tuple[Mentor, ...]
    history: tuple[MentoringRecord, ...]
    volunteers: tuple[Volunteer, ...]
    #: The programme being matched (the last of ``DEMO_PROGRAMMES``).
    programme: str


def _languages(person: Person, rng: random.Random) -> tuple[str, ...]:
    """The working language, and English too for most who work in another one."""
    if person.language != "en" and rng.random() < 0.7:
        return (person.language, "en")
    return (person.language,)


def _profile(person: Person, rng: random.Random) -> dict[str, object]:
    return {
        "id": person.id,
        "name": person.name,
        "email": person.email,
        "department": person.department,
        "manager_id": person.manager_id,
        "seniority": person.seniority,
        "languages": _languages(person, rng),
    }


def _focus(role: RoleProfile, rng: random.Random) -> dict[str, int]:
    """Two or three of the role's competencies, the important ones more often, with gaps."""
    weights = [r.importance for r in role.requirements]
    chosen: dict[str, int] = {}
    while len(chosen) < rng.choice((2, 3)):
        requirement = rng.choices(role.requirements, weights)[0]
        chosen[requirement.competency_id] = rng.randint(1, max(1, requirement.level - 1))
    return chosen


def _strengths(
    role: RoleProfile, framework: CompetencyFramework, rng: random.Random
) -> dict[str, int]:
    """Four to six of the role's competencies at one of the top two levels of their scale."""
    picked = rng.sample(role.requirements, min(len(role.requirements), rng.randint(4, 6)))
    return {
        r.competency_id: rng.choice(framework.scale_for(r.competency_id).values[-2:])
        for r in picked
    }


def demo_programme(
    people: Sequence[Person],
    framework: CompetencyFramework,
    roles: Sequence[RoleProfile],
    *,
    seed: int = 1,
) -> MentoringDemo:
    """Mentees, mentors, earlier programmes and volunteers for the demo organisation.

    ``roles`` must hold the demo's first-time manager and experienced leader profiles.
    """
    rng = random.Random(seed)
    by_role = {role.id: role for role in roles}
    mentee_role, mentor_role = by_role[MENTEE_ROLE], by_role[MENTOR_ROLE]
    managers = {p.manager_id for p in people if p.manager_id}
    seniors = [p for p in people if p.seniority >= 5 and p.manager_id]
    newer = [p for p in people if p.id in managers and p.seniority <= 4]
    rng.shuffle(newer)
    intake = max(2, round(INTAKE * len(newer)))
    cohorts = [newer[k * intake : (k + 1) * intake] for k in range(len(DEMO_PROGRAMMES))]

    history: list[MentoringRecord] = []
    for k, programme in enumerate(DEMO_PROGRAMMES[:-1]):
        # each year's mentors: some seniors, and last year's mentees paying it forward
        givers = rng.sample(seniors, min(len(seniors), max(1, intake // 3)))
        if k:
            givers += cohorts[k - 1][: max(1, intake // 2)]
        for mentee in cohorts[k]:
            allowed = [
                m
                for m in givers
                if mentee.id not in (m.id, m.manager_id) and m.id != mentee.manager_id
            ]
            if allowed:
                mentor = rng.choice(allowed)
                history.append(
                    MentoringRecord(programme=programme, mentor_id=mentor.id, mentee_id=mentee.id)
                )

    last_mentees = cohorts[-2]
    volunteers = tuple(
        Volunteer(person_id=p.id, role=VolunteerRole.MENTOR)
        for p in last_mentees
        if rng.random() < 0.6
    )
    former = [p for cohort in cohorts[:-2] for p in cohort]  # finished before last year
    mentors = [
        Mentor(
            **_profile(p, rng),
            capacity=rng.randint(2, 3),
            strengths=_strengths(mentor_role, framework, rng),
        )
        for p in seniors
    ]
    mentors += [
        Mentor(**_profile(p, rng), capacity=1, strengths=_strengths(mentor_role, framework, rng))
        for p in former
        if rng.random() < 0.5
    ]
    mentees = [Mentee(**_profile(p, rng), focus=_focus(mentee_role, rng)) for p in cohorts[-1]]
    return MentoringDemo(
        tuple(mentees), tuple(mentors), tuple(history), volunteers, DEMO_PROGRAMMES[-1]
    )
