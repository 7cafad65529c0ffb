"""HTML of the dashboards: the loaded data, the largest gaps, plan progress and the mix table.

Every table is an aggregate (at most a few dozen rows), in the session's language, built with
the accessible ``_html.table``. Charts cannot be read by a screen reader; these tables say the
same in text.
"""

from __future__ import annotations

import math
from decimal import Decimal

import pandas as pd
from babel.numbers import format_decimal

from talent_core import (
    half_away,
    hours_parts_shown,
    localize,
    money_parts_shown,
    percent_shares,
)

from ._dashboard_messages import text
from ._dashboard_session import DashboardSession
from ._html import Markup, esc, join, table

__all__ = [
    "TOP_GAPS",
    "competency_label",
    "conversations",
    "data_summary",
    "gap_matrix",
    "group_label",
    "mix_table",
    "mode_label",
    "plan_tables",
    "rating_counts",
    "shown_mix",
    "top_gaps",
]

#: Group × competency cells listed under the heatmap.
TOP_GAPS = 10


def competency_label(session: DashboardSession, competency_id: str) -> str:
    framework = session.framework
    if framework.has_node(competency_id):
        return localize(framework.node(competency_id).name, session.language)
    return competency_id


def group_label(session: DashboardSession, group: str) -> str:
    if session.grouping == "role":
        role = next((r for r in session.roles if r.id == group), None)
        return localize(role.name, session.language) if role is not None else group
    return group or text("gaps.unknown", session.language)


def gap_matrix(
    session: DashboardSession, gaps: pd.DataFrame
) -> tuple[list[str], list[str], list[list[float | None]]]:
    """Group labels, competency labels (framework order) and the mean gaps (None: no ratings)
    of the session's ``gap_table``."""
    if gaps.empty:
        return [], [], []
    matrix = gaps.pivot(index="group", columns="competency_id", values="mean_gap")
    order = [c.id for c in session.framework.competencies() if c.id in matrix.columns]
    order += [c for c in matrix.columns if c not in order]
    matrix = matrix[order]
    values = [
        [None if math.isnan(value) else float(half_away(float(value), 2)) for value in row]
        for row in matrix.to_numpy(dtype=float)
    ]
    return (
        [group_label(session, str(group)) for group in matrix.index],
        [competency_label(session, competency_id) for competency_id in order],
        values,
    )


def top_gaps(session: DashboardSession, gaps: pd.DataFrame) -> Markup:
    """The largest cells of the session's ``gap_table``: the heatmap in words."""
    language = session.language
    if gaps.empty:
        return Markup(f"<p>{esc(text('gaps.none', language))}</p>")
    largest = gaps.sort_values(["mean_gap", "learners"], ascending=False).head(TOP_GAPS)
    return table(
        text("gaps.top", language, count=len(largest)),
        [text(f"col.{c}", language) for c in ("group", "competency", "gap", "learners")],
        [
            (
                group_label(session, row.group),
                competency_label(session, row.competency_id),
                format_decimal(half_away(row.mean_gap, 2), "0.00", locale=language),
                row.learners,
            )
            for row in largest.itertuples()
        ],
    )


def rating_counts(session: DashboardSession, gaps: pd.DataFrame) -> Markup:
    """How many ratings each cell of the session's ``gap_table`` has, without its mean gap:
    the honest view when every cell is below the privacy threshold."""
    language = session.language
    return table(
        text(
            "gaps.counts",
            language,
            group=text(f"gaps.group.{session.grouping}", language),
            least=session.min_ratings,
        ),
        [text(f"col.{c}", language) for c in ("group", "competency", "learners")],
        [
            (
                group_label(session, row.group),
                competency_label(session, row.competency_id),
                row.learners,
            )
            for row in gaps.itertuples()
        ],
    )


def data_summary(session: DashboardSession) -> Markup:
    language = session.language
    parts = []
    if session.demo is not None:
        people, seed = session.demo
        parts.append(f"<p>{esc(text('data.demo', language, people=people, seed=seed))}</p>")
    reports = session.loaded()
    if not reports:
        return Markup("".join(parts) + f"<p>{esc(text('data.none', language))}</p>")
    headers = [text(f"col.{c}", language) for c in ("kind", "files", "rows", "unreadable")]
    rows = [
        (text(f"kind.{r.kind}", language), r.source, len(r.rows), r.unreadable) for r in reports
    ]
    return Markup("".join(parts)) + table(text("data.caption", language), headers, rows)


def _percent(value: int, language: str) -> str:
    return f"{format_decimal(value, locale=language)} %"


def conversations(session: DashboardSession) -> Markup:
    """Dialogues held and peer-group sessions, when those reports are loaded."""
    language = session.language
    counts = session.conversation_table()
    if counts.empty:
        return Markup()
    return table(
        text("plans.conversations", language),
        [text("col.measure", language), text("col.count", language)],
        [(text(f"measure.{row.measure}", language), row.count) for row in counts.itertuples()],
    )


def plan_tables(session: DashboardSession) -> Markup:
    language = session.language
    if "plan" not in session.reports:
        return Markup(f"<p>{esc(text('plans.none', language))}</p>") + conversations(session)
    agreement = session.agreement_table()
    shares = percent_shares(agreement["plans"].tolist())  # docs/figures.md, "Rounding"
    activities = session.activity_table()
    progress = session.progress_table()
    return join(
        [
            table(
                text("plans.agreement", language),
                [text(f"col.{c}", language) for c in ("agreement", "plans", "share")],
                [
                    (
                        text(f"agreement.{row.agreement}", language),
                        row.plans,
                        _percent(share, language),
                    )
                    for row, share in zip(agreement.itertuples(), shares, strict=True)
                ],
            ),
            table(
                text("plans.activities", language),
                [text("col.status", language), text("col.activities", language)],
                [
                    (text(f"status.{row.status}", language), row.activities)
                    for row in activities.itertuples()
                ],
            ),
            table(
                text("plans.progress", language),
                [text("col.progress", language), text("col.plans", language)],
                progress.itertuples(index=False),
            ),
            conversations(session),
        ]
    )


def mode_label(mode: str, language: str) -> str:
    return text("mix.total" if mode == "total" else f"mode.{mode}", language)


def shown_mix(mix: pd.DataFrame) -> dict[str, list[Decimal]]:
    """Each column of ``mix_table`` as shown (docs/figures.md, "Rounding"): hours and money
    rounded once, the modes' cells adding up to the total row's (the total of the exact cells,
    rounded)."""
    per_mode = mix[mix["mode"] != "total"]
    shown: dict[str, list[Decimal]] = {}
    for column in mix.columns.drop("mode"):
        parts = per_mode[column].astype("float64").tolist()
        rounded = money_parts_shown(parts) if column.endswith("_cost") else hours_parts_shown(parts)
        shown[column] = [*rounded, sum(rounded, Decimal(0))]
    return shown


def mix_table(session: DashboardSession, mix: pd.DataFrame) -> Markup:
    language = session.language
    shown = shown_mix(mix)
    heads = [text(f"col.{c}", language) for c in ("hours", "away", "cost")]
    names = [text("mix.organisation", language), text("mix.alternative", language)]
    headers = [
        text("col.mode", language),
        *(f"{name}: {head}" for name in names for head in heads),
    ]
    rows = [
        (
            mode_label(mode, language),
            *(
                format_decimal(shown[f"{mix_name}_{figure}"][i], locale=language)
                for mix_name in ("organisation", "classroom_heavy")
                for figure in ("hours", "away_hours", "cost")
            ),
        )
        for i, mode in enumerate(mix["mode"])
    ]
    caption = text("mix.caption", language, currency=session.rates.currency)
    return table(caption, headers, rows)
