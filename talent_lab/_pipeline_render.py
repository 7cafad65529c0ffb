"""HTML of HR's pipeline notebook: the loaded files, the roles, the bench, the people of a role
and supply against demand, in the session's language, with the accessible ``_html.table``.

Figures are rounded once, here, by docs/figures.md: a fit as a whole percentage (0 % and
100 % only when nothing or everything is met), bench strength to two decimals, halves up.
Charts cannot be read by a screen reader; these tables say the same in text.
"""

from __future__ import annotations

import pandas as pd
from babel.numbers import format_decimal

from talent_core import half_away, localize, whole_percent
from talent_core.pipeline import DEVELOPMENT_FIT

from ._html import Markup, esc, join, table
from ._messages import message
from ._pipeline_session import PipelineSession

__all__ = [
    "MAX_LISTED",
    "bench_table",
    "candidate_table",
    "competency_label",
    "data_summary",
    "fit_percent",
    "role_label",
    "role_table",
    "supply_label",
    "supply_table",
    "text",
]

#: People of a role listed in the view; the export holds all of them.
MAX_LISTED = 200


def text(key: str, language: str, **fields: object) -> str:
    """The pipeline notebook's text for ``key`` (``pipeline.<key>`` in the talent catalog)."""
    return message(key, language, prefix="pipeline", **fields)


def role_label(session: PipelineSession, role_id: str) -> str:
    role = next((r for r in session.roles if r.id == role_id), None)
    return localize(role.name, session.language) if role is not None else role_id


def competency_label(session: PipelineSession, competency_id: str) -> str:
    framework = session.framework
    if framework.has_node(competency_id):
        return localize(framework.node(competency_id).name, session.language)
    return competency_id


def supply_label(session: PipelineSession, competency_id: str, level: int) -> str:
    return text(
        "supply.level_label",
        session.language,
        competency=competency_label(session, competency_id),
        level=level,
    )


def fit_percent(fit: float, language: str) -> str:
    return f"{format_decimal(whole_percent(fit), locale=language)} %"


def _number(value: object, language: str) -> str:
    return str(format_decimal(int(value), locale=language))  # type: ignore[call-overload]


def data_summary(session: PipelineSession) -> Markup:
    language = session.language
    parts = []
    if session.demo is not None:
        people, seed = session.demo
        parts.append(f"<p>{esc(text('data.demo', language, people=people, seed=seed))}</p>")
    if not session.files:
        return Markup("".join(parts) + f"<p>{esc(text('data.none', language))}</p>")
    rows = []
    for kind, loaded in session.files.items():
        size = len(session.people) if kind == "people" else len(loaded.rows)
        rows.append((text(f"kind.{kind}", language), loaded.source, _number(size, language)))
    headers = [text(f"col.{c}", language) for c in ("kind", "files", "rows")]
    everyone = _number(len(session.pipeline.people), language)
    parts.append(f"<p>{esc(text('data.people', language, count=everyone))}</p>")
    return Markup("".join(parts)) + table(text("data.caption", language), headers, rows)


def role_table(session: PipelineSession, shown: pd.DataFrame) -> Markup:
    """Every shown role: assessed, fits now, could with development, readiness, positions."""
    language = session.language
    if shown.empty:
        return Markup(f"<p>{esc(text('roles.none', language))}</p>")
    columns: tuple[str, ...] = ("assessed", "fits_now", "with_development", "ready_now")
    columns += ("one_to_two_years", "later", "not_a_fit_now", "positions")
    readiness = {
        "ready_now": "readiness_ready_now",
        "one_to_two_years": "readiness_one_to_two_years",
        "later": "readiness_later",
        "not_a_fit_now": "readiness_not_a_fit_now",
    }
    headers = [text("col.role", language), *(text(f"col.{c}", language) for c in columns)]
    rows = [
        (
            role_label(session, row["role_id"]),
            *(_number(row[readiness.get(c, c)], language) for c in columns),
        )
        for row in shown.to_dict("records")
    ]
    return table(text("roles.caption", language), headers, rows)


def bench_strength(value: float | None, language: str) -> str:
    """Successors per position to two decimals, halves up (docs/figures.md)."""
    if value is None or pd.isna(value):
        return text("bench.no_positions", language)
    return str(format_decimal(half_away(value, 2), "0.00", locale=language))


def bench_table(session: PipelineSession, shown: pd.DataFrame) -> Markup:
    """Bench strength of the critical roles among the shown ones."""
    language = session.language
    critical = shown[shown["critical"]]
    if not session.critical:
        return Markup(f"<p>{esc(text('bench.none', language))}</p>")
    if critical.empty:
        return Markup(f"<p>{esc(text('roles.none', language))}</p>")
    headers = [
        text(f"col.{c}", language)
        for c in ("role", "positions", "ready_now", "one_to_two_years", "successors", "bench")
    ]
    rows = [
        (
            role_label(session, row["role_id"]),
            _number(row["positions"], language),
            _number(row["successors_ready_now"], language),
            _number(row["successors_one_to_two_years"], language),
            _number(row["successors_ready_now"] + row["successors_one_to_two_years"], language),
            bench_strength(row["bench_strength"], language),
        )
        for row in critical.to_dict("records")
    ]
    return table(text("bench.caption", language), headers, rows)


def _source(source: str, language: str) -> str:
    if not source:
        return ""
    return text("source.both" if "+" in source else f"source.{source}", language)


def candidate_table(session: PipelineSession, candidates: pd.DataFrame) -> Markup:
    """The people of the selected role, at most ``MAX_LISTED``, with a note when more."""
    language = session.language
    if candidates.empty:
        return Markup(f"<p>{esc(text('people.none', language))}</p>")
    listed = candidates.head(MAX_LISTED)
    columns: tuple[str, ...] = ("name", "username", "department", "manager", "role_held")
    columns += ("status", "fit", "open_gaps", "source", "readiness")
    headers = [text(f"col.{c}", language) for c in columns]
    rows = [
        (
            row["name"] or row["username"],
            row["username"],
            row["department"],
            session.person_name(row["manager"]) if row["manager"] else "",
            role_label(session, row["role_held"]) if row["role_held"] else "",
            text(f"status.{row['status']}", language),
            fit_percent(row["fit"], language) if row["status"] != "not_assessed" else "",
            _number(row["open_gaps"], language) if row["status"] != "not_assessed" else "",
            _source(row["source"], language),
            text(f"readiness.{row['readiness']}", language) if row["readiness"] else "",
        )
        for row in listed.to_dict("records")
    ]
    caption = text(
        "people.caption",
        language,
        role=role_label(session, session.role),
        count=_number(len(candidates), language),
    )
    parts = [table(caption, headers, rows)]
    if len(candidates) > MAX_LISTED:
        more = text(
            "people.more",
            language,
            shown=_number(MAX_LISTED, language),
            count=_number(len(candidates), language),
        )
        parts.append(Markup(f"<p>{esc(more)}</p>"))
    return join(parts)


def supply_table(session: PipelineSession, shown: pd.DataFrame) -> Markup:
    language = session.language
    if shown.empty:
        return Markup(f"<p>{esc(text('supply.none', language))}</p>")
    columns = ("competency", "level", "roles", "positions", "rated", "supply")
    headers = [text(f"col.{c}", language) for c in columns]
    rows = [
        (
            competency_label(session, row["competency_id"]),
            _number(row["level"], language),
            ", ".join(role_label(session, r) for r in str(row["roles"]).split("; ")),
            _number(row["positions"], language),
            _number(row["rated"], language),
            _number(row["supply"], language),
        )
        for row in shown.to_dict("records")
    ]
    return table(text("supply.caption", language), headers, rows)


def development_fit_percent() -> int:
    """The "could with development" threshold as the intro states it."""
    return whole_percent(DEVELOPMENT_FIT)
