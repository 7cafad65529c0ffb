"""Demo report CSVs for the dashboards, made by the blocks' own row code (no data files).

Each person of a demo organisation gets a target role, a self-assessment (most submitted,
some only a draft, some nothing) and, when a gap is open, often a development plan, a
development dialogue and a peer group. Their rows come from the same code as the blocks'
staff download (:mod:`talent_core.reports`): ``AssessmentRows`` for the competency
assessment, ``plan_row`` over ``PlanSummary.of`` for the development plan, ``dialogue_row``
over the stored dialogue record's summary, ``peer_group_row`` for the peer group and
``rows_to_csv`` for the file, so the dashboards are tried on exactly what HR downloads.
Departments lean one way or the other per competency, so the gap heatmap has a pattern.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from talent_core import (
    DEFAULT_RATES,
    ActivityStatus,
    AssessmentAttempt,
    AssessmentSetup,
    AssessmentSummary,
    CompetencyFramework,
    Conversation,
    DevelopmentPlan,
    DialoguePreparation,
    DialogueRecord,
    Goal,
    Person,
    PlannedActivity,
    PlanSummary,
    RoleGaps,
    RoleProfile,
    localize,
    summarize_dialogue,
    write_people_csv,
)
from talent_core.mentoring import VolunteerRole
from talent_core.reports import (
    REPORT_ENCODING,
    AssessmentRows,
    dialogue_row,
    peer_group_row,
    plan_row,
    rows_to_csv,
)

from ._pipeline_demo import DemoPipeline

__all__ = ["demo_reports"]

_TODAY = dt.date(2026, 10, 1)
_STATUSES = (
    ActivityStatus.PLANNED,
    ActivityStatus.DOING,
    ActivityStatus.DONE,
    ActivityStatus.DROPPED,
)
_STATUS_WEIGHTS = (40, 25, 30, 5)


def _role_of(person: Person, managers: set[str], rng: random.Random) -> str:
    if person.id in managers:
        return "experienced-leader-mentor" if person.seniority >= 4 else "first-time-manager"
    if person.department == "HR":
        return "hr-business-partner"
    return "project-lead" if rng.random() < 0.3 else "specialist"


def _levels(
    role: RoleProfile, framework: CompetencyFramework, lean: dict[str, int], rng: random.Random
) -> dict[str, int]:
    levels = {}
    for requirement in role.requirements:
        scale = framework.scale_for(requirement.competency_id).values
        level = requirement.level + lean[requirement.competency_id] + rng.choice((-1, 0, 0, 1))
        levels[requirement.competency_id] = min(max(level, scale[0]), scale[-1])
    return levels


def _plan(
    person: Person,
    gaps: RoleGaps,
    levels: dict[str, int],
    framework: CompetencyFramework,
    manager: str,
    rng: random.Random,
) -> DevelopmentPlan:
    goals = []
    for g, gap in enumerate(gaps.largest_open(levels, rng.randint(1, 3))):
        offered = framework.node(gap.competency_id).activities
        offered = rng.sample(offered, min(2, len(offered)))
        activities = [
            PlannedActivity(
                id=f"a{a}",
                activity_ref=activity.id,
                title=localize(activity.title, person.language),
                mode=activity.mode,
                hours=activity.hours,
                status=rng.choices(_STATUSES, _STATUS_WEIGHTS)[0],
            )
            for a, activity in enumerate(offered)
        ]
        goals.append(
            Goal(
                id=f"g{g}",
                competency_id=gap.competency_id,
                target_level=gap.required,
                activities=activities,
            )
        )
    plan = DevelopmentPlan(owner=person.id, version=rng.randint(1, 6), goals=goals)
    chance = rng.random()
    if chance < 0.3 or not manager:
        return plan
    agreed = plan.agreed(manager, _TODAY - dt.timedelta(days=rng.randint(1, 200)))
    if chance < 0.45:  # the learner changed a goal after the manager agreed
        changed = [goals[0].model_copy(update={"why": "Also for the new project."}), *goals[1:]]
        return agreed.model_copy(update={"goals": changed})
    return agreed


def _dialogue(
    gaps: RoleGaps,
    levels: dict[str, int],
    framework: CompetencyFramework,
    manager: str,
    rng: random.Random,
) -> dict[str, Any]:
    """A dialogue block's stored record: prepared on the largest gaps, maybe held since."""
    focus = [gap.competency_id for gap in gaps.largest_open(levels, rng.randint(2, 4))]
    if len(focus) < 2:
        focus = sorted(levels)[:2]
    answers = {
        cid: {q.id: "(private)" for q in framework.node(cid).coaching_questions[:1]}
        for cid in focus
        if rng.random() < 0.6
    }
    preparation = DialoguePreparation(competency_ids=focus, answers=answers)
    talks = []
    if manager:
        for held in sorted(rng.sample(range(1, 300), rng.choice((0, 1, 1, 2)))):
            rated = {}
            for cid in focus:
                scale = framework.scale_for(cid).values
                level = levels[cid] + rng.choice((-1, 0, 1))
                rated[cid] = min(max(level, scale[0]), scale[-1])
            talks.append(
                Conversation(
                    held_on=_TODAY - dt.timedelta(days=300 - held),
                    manager_name=manager,
                    agreed_focus=f"Practise {focus[0]} in the next project.",
                    levels=rated,
                )
            )
    return DialogueRecord(preparation=preparation, conversations=talks).to_state()


def _peer_group(person: Person, rng: random.Random) -> dict[str, Any] | None:
    """A peer-group row: a group of the person's department, sessions logged, a volunteer."""
    sessions = rng.choice((0, 1, 2, 3, 4, 5, 6, 8))
    last = (_TODAY - dt.timedelta(days=rng.randint(1, 60))).isoformat() if sessions else ""
    volunteer = rng.choices(("", VolunteerRole.MENTOR.value, VolunteerRole.HOST.value), (8, 1, 1))
    group = f"{person.department} {rng.randint(1, 3)}"
    return peer_group_row(group, sessions, last, volunteer[0])


def demo_reports(
    people: Sequence[Person],
    framework: CompetencyFramework,
    roles: Sequence[RoleProfile],
    *,
    seed: int = 1,
) -> list[tuple[str, bytes]]:
    """The people CSV (with the role each person holds, ``role_id``), the assessment, plan,
    dialogue and peer group blocks' staff CSVs and the managers' talent views, as
    (file name, bytes)."""
    rng = random.Random(seed)
    pipeline = DemoPipeline(framework, roles, seed)
    held: dict[str, str] = {}
    by_id = {role.id: role for role in roles}
    setup = AssessmentSetup.create(framework, [c.id for c in framework.competencies()], roles)
    assessment_rows = AssessmentRows(setup)
    gap_tables = {role.id: RoleGaps(framework, role) for role in roles}
    names = {person.id: person.name for person in people}
    managers = {person.manager_id for person in people if person.manager_id}
    competencies = [c.id for c in framework.competencies()]
    leans = {
        department: {c: rng.choice((-1, -1, 0, 0, 0, 1)) for c in competencies}
        for department in sorted({person.department for person in people})
    }
    assessed: list[tuple[str, dict[str, Any]]] = []
    planned: list[tuple[str, dict[str, Any]]] = []
    dialogues: list[tuple[str, dict[str, Any]]] = []
    peers: list[tuple[str, dict[str, Any]]] = []
    for person in people:
        role_id = _role_of(person, managers, rng)
        held[person.id] = role_id
        chance = rng.random()
        if chance < 0.1:
            continue
        if chance < 0.15:
            assessed.append((person.id, assessment_rows.row(AssessmentSummary(0, None, role_id))))
            continue
        levels = _levels(by_id[role_id], framework, leans[person.department], rng)
        submitted = dt.datetime.combine(
            _TODAY - dt.timedelta(days=rng.randint(1, 300)), dt.time(9, 30), dt.UTC
        )
        rated = pipeline.all_levels(levels, person.seniority)
        attempt = AssessmentAttempt(submitted_at=submitted, role_id=role_id, levels=rated)
        summary = AssessmentSummary(rng.randint(1, 3), attempt, None)
        assessed.append((person.id, assessment_rows.row(summary)))
        gaps = gap_tables[role_id]
        if gaps.largest_open(levels, 1) and rng.random() < 0.75:
            manager = names.get(person.manager_id or "", "")
            plan = _plan(person, gaps, levels, framework, manager, rng)
            boss = person.manager_id or ""
            row = plan_row(
                PlanSummary.of(plan),
                DEFAULT_RATES,
                manager_username=boss,
                manager_levels=pipeline.manager_levels(levels, by_id[role_id]) if boss else None,
            )
            planned.append((person.id, row))
            if rng.random() < 0.6:
                record = _dialogue(gaps, levels, framework, manager, rng)
                dialogues.append((person.id, dialogue_row(summarize_dialogue(record))))
        if rng.random() < 0.35 and (peer := _peer_group(person, rng)) is not None:
            peers.append((person.id, peer))
        pipeline.talent_view(person.id, person.manager_id or "", role_id, rated, person.seniority)
    holding = [replace(p, extra={**p.extra, "role_id": held[p.id]}) for p in people]
    return [
        ("people.csv", write_people_csv(holding).encode("utf-8")),
        ("competency_assessment-data.csv", rows_to_csv(assessed).encode(REPORT_ENCODING)),
        ("development_plan-data.csv", rows_to_csv(planned).encode(REPORT_ENCODING)),
        ("development_dialogue-data.csv", rows_to_csv(dialogues).encode(REPORT_ENCODING)),
        ("peer_group-data.csv", rows_to_csv(peers).encode(REPORT_ENCODING)),
        ("development_plan-readiness.csv", rows_to_csv(pipeline.views).encode(REPORT_ENCODING)),
    ]
