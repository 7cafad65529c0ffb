"""The dashboards' aggregates: organisation-wide gaps, plan progress and the learning mix.

Each is a small pandas table with stable column names (exported as CSV as it is); the gap of
one rating is taken from ``talent_core.RoleGaps``, the mix and its cost from
``talent_core.mix_from_hours``, so the dashboards count exactly as the blocks do.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from talent_core import (
    ActivityStatus,
    AgreementState,
    CompetencyFramework,
    LearningMix,
    LearningMode,
    ModeRates,
    RoleGaps,
    RoleProfile,
    ValidationError,
    check_role,
    mix_from_hours,
)
from talent_core.reports import LEVEL_PREFIX, activity_column, hours_column

__all__ = [
    "CLASSROOM_HEAVY",
    "GAP_COLUMNS",
    "PROGRESS_BANDS",
    "activity_table",
    "agreement_table",
    "conversation_table",
    "fitting_roles",
    "gap_table",
    "latest_submitted",
    "mix_table",
    "organisation_hours",
    "progress_table",
]

#: The alternative the organisation's mix is compared with: the same hours, mostly in class.
CLASSROOM_HEAVY: Mapping[LearningMode, float] = {
    LearningMode.ON_THE_JOB: 0.1,
    LearningMode.WITH_OTHERS: 0.1,
    LearningMode.HOME_STUDY: 0.1,
    LearningMode.ONLINE: 0.1,
    LearningMode.CLASSROOM: 0.6,
}
#: Bands of ``progress_percent`` p (docs/figures.md, "Progress bands"): "0" holds p = 0, "100"
#: holds p = 100, every other band (label, low, high) holds low < p <= high, except that
#: "76-99" stops below 100. Every value from 0 to 100 is in exactly one band.
PROGRESS_BANDS: tuple[tuple[str, float, float], ...] = (
    ("0", 0, 0),
    ("1-25", 0, 25),
    ("26-50", 25, 50),
    ("51-75", 50, 75),
    ("76-99", 75, 100),
    ("100", 100, 100),
)
#: Columns of ``gap_table``.
GAP_COLUMNS = ["group", "competency_id", "mean_gap", "learners"]
_AGREEMENT_ORDER = (AgreementState.AGREED, AgreementState.CHANGED, AgreementState.NOT_AGREED)


def fitting_roles(
    framework: CompetencyFramework, roles: Sequence[RoleProfile]
) -> list[RoleProfile]:
    """The roles whose requirements are competencies on the framework's scales."""
    fitting = []
    for role in roles:
        try:
            check_role(role, framework)
        except ValidationError:
            continue
        fitting.append(role)
    return fitting


def _gap_lookup(framework: CompetencyFramework, roles: Sequence[RoleProfile]) -> pd.DataFrame:
    """The weighted gap of every (role, required competency, level on its scale).

    Roles that do not fit the framework (``check_role``) are left out: their ratings count
    nowhere rather than against the wrong scale.
    """
    entries = []
    for role in fitting_roles(framework, roles):
        table = RoleGaps(framework, role)
        for requirement in role.requirements:
            competency_id = requirement.competency_id
            for level in framework.scale_for(competency_id).values:
                (gap,) = (
                    g
                    for g in table.gaps({competency_id: level})
                    if g.competency_id == competency_id
                )
                entries.append((role.id, competency_id, level, gap.weighted))
    return pd.DataFrame(entries, columns=["role", "competency_id", "level", "weighted_gap"])


def gap_table(
    assessments: pd.DataFrame,
    framework: CompetencyFramework,
    roles: Sequence[RoleProfile],
    departments: pd.Series | None = None,
) -> pd.DataFrame:
    """Mean importance-weighted gap per group and competency of the learners' latest ratings.

    Groups are departments when ``departments`` (username → department) is given, else target
    roles. Only each learner's latest submitted assessment counts (``latest_submitted``: two
    course runs' files count a learner once), and only competencies the learner's role requires
    and the learner rated (an unrated one is unknown, not a gap). Columns: ``group``,
    ``competency_id``, ``mean_gap`` (0 = met; up to the requirement's importance, 5) and
    ``learners`` (how many ratings the mean is of).
    """
    submitted = latest_submitted(assessments)
    levels = [c for c in submitted.columns if c.startswith(LEVEL_PREFIX)]
    if submitted.empty or not levels:
        return pd.DataFrame(columns=GAP_COLUMNS)
    ratings = submitted.melt(
        id_vars=["username", "role"],
        value_vars=levels,
        var_name="competency_id",
        value_name="level",
    ).dropna(subset=["level"])
    ratings["competency_id"] = ratings["competency_id"].str.removeprefix(LEVEL_PREFIX)
    ratings["level"] = ratings["level"].astype("int64")
    gaps = ratings.merge(_gap_lookup(framework, roles), on=["role", "competency_id", "level"])
    if departments is None:
        gaps["group"] = gaps["role"]
    else:
        gaps["group"] = gaps["username"].map(departments).fillna("")
    table = (
        gaps.groupby(["group", "competency_id"], sort=True)["weighted_gap"]
        .agg(mean_gap="mean", learners="count")
        .reset_index()
    )
    return table[GAP_COLUMNS]


def latest_submitted(assessments: pd.DataFrame) -> pd.DataFrame:
    """Each learner's latest submitted self-assessment over all loaded files: by username, the
    row with the latest ``submitted_at`` (docs/figures.md, "Gap heatmap")."""
    submitted = assessments[assessments["submitted_at"].str.strip() != ""]
    repeated = submitted["username"].duplicated(keep=False)
    if not repeated.any():  # one file per course run, each learner once: nothing to choose
        return submitted
    twice = submitted[repeated]
    when = pd.to_datetime(twice["submitted_at"].str.strip(), utc=True, format="ISO8601")
    latest = twice.loc[when.sort_values(kind="stable").index].drop_duplicates(
        "username", keep="last"
    )
    return pd.concat([submitted[~repeated], latest]).sort_index()


def agreement_table(plans: pd.DataFrame) -> pd.DataFrame:
    """Plans per agreement state (agreed, changed since agreed, not agreed) and their share."""
    order = [state.value for state in _AGREEMENT_ORDER]
    counts = plans["agreement"].value_counts().reindex(order, fill_value=0).astype("int64")
    total = int(counts.sum())
    return pd.DataFrame(
        {
            "agreement": order,
            "plans": counts.to_numpy(),
            "share": counts.to_numpy() / total if total else 0.0,
        }
    )


def activity_table(plans: pd.DataFrame) -> pd.DataFrame:
    """Activities per status over all plans."""
    statuses = list(ActivityStatus)
    return pd.DataFrame(
        {
            "status": [status.value for status in statuses],
            "activities": [
                int(plans[activity_column(s)].sum()) if activity_column(s) in plans else 0
                for s in statuses
            ],
        }
    )


def conversation_table(
    dialogues: pd.DataFrame | None, peer_groups: pd.DataFrame | None
) -> pd.DataFrame:
    """The conversations around the plans: learners with a recorded development dialogue, and
    peer-group members, the sessions they logged and who volunteers for the next round.

    Columns ``measure`` and ``count``; a measure whose report is not loaded is left out.
    """
    measures: list[tuple[str, int]] = []
    if dialogues is not None:
        measures += [
            ("dialogue_learners", len(dialogues)),
            ("dialogue_held", int((dialogues["conversations"] > 0).sum())),
            ("conversations", int(dialogues["conversations"].sum())),
        ]
    if peer_groups is not None:
        groups = peer_groups["group"] if "group" in peer_groups else pd.Series(dtype=str)
        measures += [
            ("peer_members", len(peer_groups)),
            ("peer_groups", int(groups[groups.str.strip() != ""].nunique())),
            ("sessions_logged", int(peer_groups["sessions_logged"].sum())),
            ("volunteers", int((peer_groups["volunteer_as"].str.strip() != "").sum())),
        ]
    return pd.DataFrame(measures, columns=["measure", "count"])


def _in_band(progress: pd.Series, low: float, high: float) -> pd.Series:
    if low == high:  # "0" and "100": that value alone
        return progress == low
    if high == 100:  # "76-99": all done is the band "100"
        return (progress > low) & (progress < high)
    return (progress > low) & (progress <= high)


def progress_table(plans: pd.DataFrame) -> pd.DataFrame:
    """How many plans fall in each band of progress (done activities of those not dropped)."""
    progress = plans["progress_percent"].astype("float64")
    return pd.DataFrame(
        {
            "progress_percent": [label for label, _, _ in PROGRESS_BANDS],
            "plans": [int(_in_band(progress, low, high).sum()) for _, low, high in PROGRESS_BANDS],
        }
    )


def organisation_hours(plans: pd.DataFrame) -> dict[LearningMode, float]:
    """Planned hours per learning mode over all plans (dropped activities are not in them)."""
    return {
        mode: float(plans[hours_column(mode)].sum()) if hours_column(mode) in plans else 0.0
        for mode in LearningMode
    }


def _alternative(hours: Mapping[LearningMode, float]) -> dict[LearningMode, float]:
    total = sum(hours.values())
    return {mode: total * CLASSROOM_HEAVY[mode] for mode in LearningMode}


def mix_table(hours: Mapping[LearningMode, float], rates: ModeRates) -> pd.DataFrame:
    """Hours, hours away from work and cost per mode: the organisation's and the alternative.

    One row per mode, then a ``total`` row.
    """
    mixes: list[LearningMix] = [
        mix_from_hours(hours, rates),
        mix_from_hours(_alternative(hours), rates),
    ]
    rows = []
    for mode in LearningMode:
        row: dict[str, object] = {"mode": mode.value}
        for name, mix in zip(("organisation", "classroom_heavy"), mixes, strict=True):
            row[f"{name}_hours"] = mix.hours[mode]
            row[f"{name}_away_hours"] = mix.hours[mode] * rates.away_share[mode]
            row[f"{name}_cost"] = mix.cost[mode]
        rows.append(row)
    total: dict[str, object] = {"mode": "total"}
    for name, mix in zip(("organisation", "classroom_heavy"), mixes, strict=True):
        total[f"{name}_hours"] = mix.total_hours
        total[f"{name}_away_hours"] = mix.away_hours
        total[f"{name}_cost"] = mix.total_cost
    rows.append(total)
    return pd.DataFrame(rows)
