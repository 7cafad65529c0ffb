"""HR's pipeline per role: who fits now, who could with development, readiness, bench strength,
and supply against demand per competency (docs/figures.md, "Pipeline per role").

Everything is numpy over the whole organisation at once: a role's fit is a few array
operations per requirement, so 100,000 people take well under a second (bench/pipeline.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .._errors import InputError, Problem, ValidationError
from .._framework import CompetencyFramework
from .._roles import RoleProfile, check_role
from ._levels import LevelMatrix
from ._readiness import NO_READINESS, READINESS

__all__ = [
    "DEVELOPMENT_FIT",
    "MIN_PEOPLE",
    "SOURCES",
    "STATUSES",
    "Candidates",
    "RoleSummary",
    "SupplyDemand",
    "TalentPipeline",
]

#: Fit from which a person with an open gap "could fit with development": the weighted gaps
#: are at most 15 % of what the role's requirements weigh together.
DEVELOPMENT_FIT = 0.85
#: No view HR sees shows a figure of fewer people than this (docs/figures.md, "Privacy
#: threshold"); only the exports hold every row.
MIN_PEOPLE = 5
#: Where a person stands against a role, by code.
STATUSES: tuple[str, ...] = ("not_assessed", "fits_now", "with_development", "further")
_NOT_ASSESSED, _FITS_NOW, _WITH_DEVELOPMENT, _FURTHER = range(4)
#: Which ratings a fit rests on, by code (bit 1: a self-rating, bit 2: a manager's rating).
SOURCES: tuple[str, ...] = ("", "self", "manager", "self+manager")
_SELF, _MANAGER = 1, 2


@dataclass(frozen=True, slots=True)
class RoleSummary:
    """One role's pipeline over a selection of people."""

    role_id: str
    critical: bool
    #: People who rated (or whose manager rated) at least one of the role's requirements.
    assessed: int
    fits_now: int
    with_development: int
    #: People with the latest readiness of each kind (``READINESS`` order) for this role.
    readiness: tuple[int, ...]
    #: People who hold the role (the people file's ``role_id``).
    positions: int
    #: Successors: people not in the role whom their manager sees ready now / in 1-2 years.
    ready_now: int
    one_to_two_years: int
    #: (ready now + in 1-2 years) per position; None without positions.
    bench_strength: float | None
    #: People counted in this row (assessed or with a readiness): the privacy threshold's count.
    people: int


@dataclass(frozen=True, slots=True)
class SupplyDemand:
    """One required level of a competency: how many people are at it, how many roles need it."""

    competency_id: str
    level: int
    #: The roles that ask for this level of the competency.
    role_ids: tuple[str, ...]
    #: People of the selection who hold one of those roles.
    positions: int
    #: People of the selection with a level in the competency (manager's, else their own).
    rated: int
    #: Of those, people at or above this level.
    supply: int


@dataclass(frozen=True, slots=True)
class Candidates:
    """People of a selection who fit a role now, could with development, or have a readiness
    recorded for it: best placed first (fits now, with development, further; higher fit,
    then the person's key)."""

    role_id: str
    #: Index of each person in the pipeline's order of people.
    index: npt.NDArray[np.int64]
    fit: npt.NDArray[np.float64]
    #: Codes into ``STATUSES``, ``SOURCES``; readiness into ``READINESS`` (-1: none).
    status: npt.NDArray[np.int8]
    source: npt.NDArray[np.int8]
    readiness: npt.NDArray[np.int8]
    open_gaps: npt.NDArray[np.int16]


def _off_scale(competency_id: str, level: float, values: Sequence[int]) -> ValidationError:
    shown = int(level) if float(level).is_integer() else level
    return ValidationError(
        [
            Problem.of(
                competency_id,
                "problem.level.not_on_competency_scale",
                level=shown,
                competency=competency_id,
                values=list(values),
            )
        ]
    )


class TalentPipeline:
    """The pipeline of one organisation against its roles, computed once, selected many times.

    ``people`` are the people's keys (LMS usernames), one each; ``departments``,
    ``managers`` (the index of each person's manager, -1 for none) and ``held_roles`` (the
    role each holds, "" if unknown) follow their order, as do the rows of the two level
    matrices and of ``readiness`` (people × ``role_ids`` order of ``roles``, codes of
    ``READINESS``, see ``latest_readiness``). Roles that do not fit the framework are left
    out and listed in ``unfit_roles``. A level off its competency's scale raises
    ValidationError naming the competency.
    """

    def __init__(
        self,
        framework: CompetencyFramework,
        roles: Sequence[RoleProfile],
        *,
        people: Sequence[str],
        departments: Sequence[str],
        managers: npt.ArrayLike,
        held_roles: Sequence[str],
        self_levels: LevelMatrix,
        manager_levels: LevelMatrix,
        readiness: npt.ArrayLike | None = None,
        critical: Iterable[str] = (),
        development_fit: float = DEVELOPMENT_FIT,
    ) -> None:
        count = len(people)
        self.people: tuple[str, ...] = tuple(people)
        self.departments = np.asarray(departments, dtype=object)
        self.managers = np.asarray(managers, dtype=np.int64)
        self.held_roles = np.asarray(held_roles, dtype=object)
        sizes = {len(self.departments), len(self.managers), len(self.held_roles)}
        sizes |= {self_levels.people, manager_levels.people}
        if sizes != {count}:
            raise InputError(f"pipeline: every column must have one entry per person ({count})")
        if not 0 <= development_fit <= 1:
            raise InputError(f"development fit {development_fit} is not from 0 to 1")
        self.framework = framework
        self.development_fit = development_fit
        self.roles: list[RoleProfile] = []
        self.unfit_roles: list[str] = []
        for role in roles:
            try:
                check_role(role, framework)
            except ValidationError:
                self.unfit_roles.append(role.id)
                continue
            self.roles.append(role)
        self.role_ids: tuple[str, ...] = tuple(role.id for role in self.roles)
        known = set(self.role_ids)
        self.critical: frozenset[str] = frozenset(c for c in critical if c in known)
        self._index = {key: i for i, key in enumerate(self.people)}
        shape = (count, len(self.role_ids))
        if readiness is None:
            self.readiness = np.full(shape, NO_READINESS, dtype=np.int8)
        else:
            self.readiness = np.asarray(readiness, dtype=np.int8)
            if self.readiness.shape != shape:
                raise InputError(f"readiness: a matrix of shape {shape}")
        self._positions: dict[str, tuple[npt.NDArray[np.int16], npt.NDArray[np.int8]]] = {}
        needed = {req.competency_id for role in self.roles for req in role.requirements}
        for competency_id in sorted(needed):
            self._positions[competency_id] = self._scale_positions(
                competency_id, self_levels, manager_levels
            )
        self.fit = np.zeros(shape, dtype=np.float64)
        self.open_gaps = np.zeros(shape, dtype=np.int16)
        self.source = np.zeros(shape, dtype=np.int8)
        self.status = np.zeros(shape, dtype=np.int8)
        for r, role in enumerate(self.roles):
            self._measure(r, role)

    # -- computing ---------------------------------------------------------------------------

    def _scale_positions(
        self, competency_id: str, self_levels: LevelMatrix, manager_levels: LevelMatrix
    ) -> tuple[npt.NDArray[np.int16], npt.NDArray[np.int8]]:
        """Each person's step on the competency's scale (-1: not rated) and its source: the
        manager's own rating where there is one, else the person's self-rating."""
        values = self.framework.scale_for(competency_id).values
        scale = np.asarray(values, dtype=np.float64)
        own, manager = self_levels.column(competency_id), manager_levels.column(competency_id)
        for column in (own, manager):
            rated = ~np.isnan(column)
            off = rated & ~np.isin(column, scale)
            if off.any():
                raise _off_scale(competency_id, float(column[off.argmax()]), values)
        by_manager = ~np.isnan(manager)
        level = np.where(by_manager, manager, own)
        rated = ~np.isnan(level)
        step = np.where(rated, np.searchsorted(scale, np.where(rated, level, scale[0])), -1)
        source = np.where(by_manager, _MANAGER, np.where(rated, _SELF, 0))
        return step.astype(np.int16), source.astype(np.int8)

    def _measure(self, r: int, role: RoleProfile) -> None:
        """docs/figures.md, "Role fit" (unrated counts as the bottom of the scale) and
        "Pipeline per role" (who is assessed, fits now, could with development)."""
        count = len(self.people)
        weighted = np.zeros(count, dtype=np.float64)
        gaps = np.zeros(count, dtype=np.int16)
        source = np.zeros(count, dtype=np.int8)
        importance = 0
        for req in role.requirements:
            scale = self.framework.scale_for(req.competency_id).values
            need = scale.index(req.level)
            span = max(1, len(scale) - 1)
            step, used = self._positions[req.competency_id]
            steps = np.maximum(0, need - np.maximum(step, 0))
            weighted += req.importance * steps / span
            gaps += steps > 0
            source |= used
            importance += req.importance
        fit = np.round(1.0 - weighted / max(importance, 1), 6)
        status = np.where(
            gaps == 0, _FITS_NOW, np.where(fit >= self.development_fit, _WITH_DEVELOPMENT, _FURTHER)
        )
        self.fit[:, r] = fit
        self.open_gaps[:, r] = gaps
        self.source[:, r] = source
        self.status[:, r] = np.where(source == 0, _NOT_ASSESSED, status)

    # -- selecting ---------------------------------------------------------------------------

    def select(
        self, department: str | None = None, manager: str | None = None
    ) -> npt.NDArray[np.bool_]:
        """People of ``department`` (all when None) under ``manager`` (a person's key: everyone
        whose chain of managers includes them, directly or not; all when None)."""
        mask = np.ones(len(self.people), dtype=bool)
        if department is not None:
            mask &= self.departments == department
        if manager is not None:
            boss = self._index.get(manager, -2)
            under = np.zeros(len(self.people), dtype=bool)
            current = self.managers.copy()
            for _ in range(len(self.people)):  # the chain is at most everyone long
                if not (current >= 0).any():
                    break
                under |= current == boss
                current = np.where(current >= 0, self.managers[np.maximum(current, 0)], -1)
            mask &= under
        return mask

    def department_names(self) -> list[str]:
        return sorted({str(d) for d in self.departments if d})

    def manager_keys(self) -> list[str]:
        """The keys of everyone who manages someone, in key order."""
        bosses = np.unique(self.managers[self.managers >= 0])
        return sorted(self.people[int(i)] for i in bosses)

    # -- figures -----------------------------------------------------------------------------

    def _mask(self, mask: npt.NDArray[np.bool_] | None) -> npt.NDArray[np.bool_]:
        return np.ones(len(self.people), dtype=bool) if mask is None else mask

    def role_summary(self, mask: npt.NDArray[np.bool_] | None = None) -> list[RoleSummary]:
        """Every role's pipeline over the selected people (all when ``mask`` is None)."""
        chosen = self._mask(mask)
        rows = []
        for r, role_id in enumerate(self.role_ids):
            status = self.status[chosen, r]
            ready = self.readiness[chosen, r]
            holds = self.held_roles[chosen] == role_id
            successor = ~holds
            positions = int(holds.sum())
            ready_now = int(((ready == 0) & successor).sum())
            soon = int(((ready == 1) & successor).sum())
            rows.append(
                RoleSummary(
                    role_id=role_id,
                    critical=role_id in self.critical,
                    assessed=int((status != _NOT_ASSESSED).sum()),
                    fits_now=int((status == _FITS_NOW).sum()),
                    with_development=int((status == _WITH_DEVELOPMENT).sum()),
                    readiness=tuple(int((ready == code).sum()) for code in range(len(READINESS))),
                    positions=positions,
                    ready_now=ready_now,
                    one_to_two_years=soon,
                    bench_strength=(ready_now + soon) / positions if positions else None,
                    people=int(((status != _NOT_ASSESSED) | (ready != NO_READINESS)).sum()),
                )
            )
        return rows

    def candidates(self, role_id: str, mask: npt.NDArray[np.bool_] | None = None) -> Candidates:
        """The people of the selection who fit ``role_id`` now, could with development, or
        have a readiness recorded for it. KeyError for a role not in the pipeline."""
        r = self.role_ids.index(role_id) if role_id in self.role_ids else None
        if r is None:
            raise KeyError(role_id)
        status = self.status[:, r]
        near = (status == _FITS_NOW) | (status == _WITH_DEVELOPMENT)
        picked = np.flatnonzero(self._mask(mask) & (near | (self.readiness[:, r] != NO_READINESS)))
        rank = np.where(status[picked] == _NOT_ASSESSED, _FURTHER + 1, status[picked])
        keys = np.asarray(self.people, dtype=object)[picked]
        order = np.lexsort((keys, -self.fit[picked, r], rank))
        picked = picked[order]
        return Candidates(
            role_id=role_id,
            index=picked.astype(np.int64),
            fit=self.fit[picked, r],
            status=self.status[picked, r],
            source=self.source[picked, r],
            readiness=self.readiness[picked, r],
            open_gaps=self.open_gaps[picked, r],
        )

    def supply_demand(self, mask: npt.NDArray[np.bool_] | None = None) -> list[SupplyDemand]:
        """Per competency and level some role requires: the roles, their positions, the people
        rated in the competency and those at or above the level (by competency id, then level)."""
        chosen = self._mask(mask)
        asked: dict[tuple[str, int], list[str]] = {}
        for role in self.roles:
            for req in role.requirements:
                asked.setdefault((req.competency_id, req.level), []).append(role.id)
        held = self.held_roles[chosen]
        rows = []
        for (competency_id, level), role_ids in sorted(asked.items()):
            step, _ = self._positions[competency_id]
            step = step[chosen]
            need = self.framework.scale_for(competency_id).values.index(level)
            rows.append(
                SupplyDemand(
                    competency_id=competency_id,
                    level=level,
                    role_ids=tuple(sorted(role_ids)),
                    positions=int(np.isin(held, role_ids).sum()),
                    rated=int((step >= 0).sum()),
                    supply=int((step >= need).sum()),
                )
            )
        return rows
