"""The learning mix of a plan: hours per mode, time away from work, and what it costs."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Annotated, Self

from pydantic import Field, model_validator

from ._framework import DevelopmentActivity, LearningMode
from ._plan import ActivityStatus, PlannedActivity
from ._text import ShortText, StrictModel

__all__ = ["DEFAULT_RATES", "LearningMix", "ModeRates", "learning_mix", "mix_from_hours"]

NonNegative = Annotated[float, Field(ge=0, le=1_000_000)]


class ModeRates(StrictModel):
    """What an hour of each mode costs the organisation; configurable per organisation."""

    currency: ShortText = "EUR"
    #: Direct cost per learning hour (fees, trainers, licences, venues).
    cost_per_hour: dict[LearningMode, NonNegative]
    #: Share of an hour spent away from the job (0 = learning while working, 1 = fully away).
    away_share: dict[LearningMode, Annotated[float, Field(ge=0, le=1)]]
    #: Salary cost of an hour away from work, added to the cost of away time.
    salary_per_hour: NonNegative = 0

    @model_validator(mode="after")
    def _all_modes(self) -> Self:
        for table in (self.cost_per_hour, self.away_share):
            missing = [m.value for m in LearningMode if m not in table]
            if missing:
                raise ValueError(f"rates missing for modes: {', '.join(missing)}")
        return self


DEFAULT_RATES = ModeRates(
    cost_per_hour={
        LearningMode.ON_THE_JOB: 0,
        LearningMode.WITH_OTHERS: 15,
        LearningMode.HOME_STUDY: 5,
        LearningMode.ONLINE: 20,
        LearningMode.CLASSROOM: 90,
    },
    away_share={
        LearningMode.ON_THE_JOB: 0.0,
        LearningMode.WITH_OTHERS: 0.5,
        LearningMode.HOME_STUDY: 0.0,
        LearningMode.ONLINE: 0.5,
        LearningMode.CLASSROOM: 1.0,
    },
    salary_per_hour=45,
)


@dataclass(frozen=True, slots=True)
class LearningMix:
    hours: Mapping[LearningMode, float]
    away_hours: float
    cost: Mapping[LearningMode, float]
    currency: str
    total_hours: float = field(init=False)
    total_cost: float = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "total_hours", sum(self.hours.values()))
        object.__setattr__(self, "total_cost", sum(self.cost.values()))

    def share(self, mode: LearningMode) -> float:
        return self.hours[mode] / self.total_hours if self.total_hours else 0.0


def learning_mix(
    activities: Iterable[PlannedActivity | DevelopmentActivity], rates: ModeRates = DEFAULT_RATES
) -> LearningMix:
    """Mix of the given activities; dropped planned activities do not count."""
    hours = dict.fromkeys(LearningMode, 0.0)
    for activity in activities:
        if isinstance(activity, PlannedActivity) and activity.status is ActivityStatus.DROPPED:
            continue
        hours[activity.mode] += activity.hours
    return mix_from_hours(hours, rates)


def mix_from_hours(
    hours_by_mode: Mapping[LearningMode, float], rates: ModeRates = DEFAULT_RATES
) -> LearningMix:
    """Mix of hours already summed per mode (e.g. a stored plan summary); missing modes are 0."""
    hours = {mode: float(hours_by_mode.get(mode, 0.0)) for mode in LearningMode}
    away = {mode: h * rates.away_share[mode] for mode, h in hours.items()}
    cost = {
        mode: h * rates.cost_per_hour[mode] + away[mode] * rates.salary_per_hour
        for mode, h in hours.items()
    }
    return LearningMix(
        hours=hours, away_hours=sum(away.values()), cost=cost, currency=rates.currency
    )
