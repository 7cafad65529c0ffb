"""Server-rendered SVG charts for the learner blocks: no JavaScript, no CDN, no platform import.

Each chart is an ``<svg role="img">`` labelled by its ``<title>`` and ``<desc>`` (the blocks add
a table with the same figures for screen readers). Text arrives translated and is escaped
here. Colours reach WCAG AA contrast on white (3:1 for bars, 4.5:1 for text) and are never the
only cue: the role's requirement is a hatched, outlined bar beside the solid own level, each
bar carries its value, and every learning mode is named beside its bar.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

import talent_core as tc

__all__ = [
    "MODE_COLOURS",
    "GapChartLabels",
    "GapChartRow",
    "MixChartLabels",
    "gap_chart_svg",
    "mix_chart_svg",
]

WIDTH = 640
LABEL_WIDTH = 212
PLOT_X = 222
PLOT_WIDTH = 360
TOP = 44
FONT = 'font-family="system-ui, sans-serif" font-size="13"'
TEXT_COLOUR = "#1a1a1a"
GRID_COLOUR = "#767676"
OWN_COLOUR = "#005a9c"
REQUIRED_COLOUR = "#8e4b00"
#: One colour per learning mode, each at least 5:1 against white.
MODE_COLOURS: Mapping[str, str] = {
    "on_the_job": "#005a9c",
    "with_others": "#2e7d32",
    "home_study": "#8e4b00",
    "online": "#6a1b9a",
    "classroom": "#b00040",
}
OTHER_MODE_COLOUR = "#595959"
MAX_LABEL_CHARS = 26
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class GapChartRow:
    """One competency: its name, the learner's level (``None`` if not rated), the requirement."""

    label: str
    current: float | None
    required: float


@dataclass(frozen=True, slots=True)
class GapChartLabels:
    """Translated text of the gap chart.

    ``row_summary`` describes one row for ``<desc>``, with the fields ``{competency}``,
    ``{own}`` and ``{required}``, e.g. "{competency}: your level {own}, required {required}".
    """

    own: str
    required: str
    not_rated: str
    row_summary: str
    decimal_mark: str = "."


@dataclass(frozen=True, slots=True)
class MixChartLabels:
    """Translated text of the learning-mix chart.

    ``modes`` names each mode (by its code); ``hours`` and ``away`` are format strings with the
    field ``{hours}``, e.g. "{hours} h" and "Away from work: {hours} h".
    """

    modes: Mapping[str, str]
    hours: str
    away: str
    decimal_mark: str = "."


def _text(value: str) -> str:
    """Character data and attribute values: XML-escaped, characters XML cannot hold removed."""
    return escape(_NOT_XML.sub("", value), {'"': "&quot;"})


def _number(value: float, decimal_mark: str) -> str:
    """Hours as the view's table shows them (docs/figures.md, "Hours")."""
    return str(tc.hours_shown(value)).replace(".", decimal_mark)


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "…"


def _chart_id(kind: str, *parts: object) -> str:
    """An id unique to the chart's content, so two charts on one page never share ids."""
    digest = hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return f"talent-{kind}-{digest}"


def _open_svg(chart_id: str, height: int, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="talent-chart" role="img" '
        f'width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{_text(title)}</title>',
        f'<desc id="{chart_id}-desc">{_text(desc)}</desc>',
    ]


def _row_label(y: float, label: str) -> str:
    """A row's name at the left, shortened to fit; the full name shows as a tooltip."""
    return (
        f'<text x="{LABEL_WIDTH}" y="{y:.1f}" text-anchor="end" dominant-baseline="middle" '
        f'fill="{TEXT_COLOUR}" {FONT}>'
        f"<title>{_text(label)}</title>{_text(_short(label))}</text>"
    )


def _value_label(x: float, y: float, value: str) -> str:
    return (
        f'<text x="{x + 6:.1f}" y="{y:.1f}" dominant-baseline="middle" fill="{TEXT_COLOUR}" '
        f"{FONT}>{_text(value)}</text>"
    )


def gap_chart_svg(
    rows: Sequence[GapChartRow],
    *,
    title: str,
    max_level: float,
    labels: GapChartLabels,
    chart_id: str | None = None,
) -> str:
    """Horizontal bars per competency: own level (solid) above the role's requirement (hatched).

    Bar lengths are level / ``max_level`` of the plot width; levels outside 0..max are clipped.
    """
    if max_level <= 0:
        raise ValueError(f"max_level must be positive, got {max_level}")
    cid = chart_id or _chart_id("gap", title, max_level, rows, labels)
    row_height, bar = 44, 14
    height = TOP + row_height * len(rows) + 30

    def width(level: float) -> float:
        return PLOT_WIDTH * min(max(level, 0), max_level) / max_level

    def shown(level: float | None) -> str:
        return labels.not_rated if level is None else _number(level, labels.decimal_mark)

    summaries = [
        labels.row_summary.format(
            competency=row.label, own=shown(row.current), required=shown(row.required)
        )
        for row in rows
    ]
    out = _open_svg(cid, height, title, "; ".join(summaries))
    out += [
        "<defs>",
        f'<pattern id="{cid}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)">'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{REQUIRED_COLOUR}" stroke-width="3"/>'
        f"</pattern>",
        "</defs>",
        # Legend: the same shapes as the bars, each named.
        f'<rect x="{PLOT_X}" y="8" width="16" height="{bar}" fill="{OWN_COLOUR}"/>',
        f'<text x="{PLOT_X + 22}" y="15" dominant-baseline="middle" fill="{TEXT_COLOUR}" '
        f"{FONT}>{_text(labels.own)}</text>",
        f'<rect x="{PLOT_X + 180}" y="8" width="16" height="{bar}" fill="url(#{cid}-hatch)" '
        f'stroke="{REQUIRED_COLOUR}" stroke-width="1.5"/>',
        f'<text x="{PLOT_X + 202}" y="15" dominant-baseline="middle" fill="{TEXT_COLOUR}" '
        f"{FONT}>{_text(labels.required)}</text>",
    ]
    plot_bottom = TOP + row_height * len(rows)
    steps = int(max_level) if float(max_level).is_integer() and max_level <= 20 else 1
    for step in range(steps + 1):
        level = max_level * step / steps
        x = PLOT_X + width(level)
        out += [
            f'<line x1="{x:.1f}" y1="{TOP - 4}" x2="{x:.1f}" y2="{plot_bottom}" '
            f'stroke="{GRID_COLOUR}" stroke-width="0.5" stroke-dasharray="2 3"/>',
            f'<text x="{x:.1f}" y="{plot_bottom + 16}" text-anchor="middle" '
            f'fill="{TEXT_COLOUR}" {FONT}>{_number(level, labels.decimal_mark)}</text>',
        ]
    for i, row in enumerate(rows):
        y = TOP + row_height * i
        out.append(_row_label(y + row_height / 2 - 2, row.label))
        if row.current is None:
            out.append(_value_label(PLOT_X - 6, y + 4 + bar / 2, labels.not_rated))
        else:
            own = width(row.current)
            out += [
                f'<rect class="own" x="{PLOT_X}" y="{y + 4}" width="{own:.2f}" '
                f'height="{bar}" fill="{OWN_COLOUR}"/>',
                _value_label(PLOT_X + own, y + 4 + bar / 2, shown(row.current)),
            ]
        need = width(row.required)
        out += [
            f'<rect class="required" x="{PLOT_X}" y="{y + 22}" width="{need:.2f}" '
            f'height="{bar}" fill="url(#{cid}-hatch)" stroke="{REQUIRED_COLOUR}" '
            f'stroke-width="1.5"/>',
            _value_label(PLOT_X + need, y + 22 + bar / 2, shown(row.required)),
        ]
    out.append("</svg>")
    return "\n".join(out)


def mix_chart_svg(
    hours_by_mode: Mapping[str, float],
    *,
    title: str,
    labels: MixChartLabels,
    away_hours: float | None = None,
    chart_id: str | None = None,
) -> str:
    """One bar per learning mode, its length proportional to the mode's share of the hours.

    Modes come in the mapping's order (``LearningMode`` keys work: they are strings). With
    ``away_hours`` a line below states the time away from work.
    """
    cid = chart_id or _chart_id("mix", title, dict(hours_by_mode), labels, away_hours)
    row_height, bar = 30, 18
    rows = [(str(mode), max(float(hours), 0.0)) for mode, hours in hours_by_mode.items()]
    longest = max((hours for _, hours in rows), default=0.0)
    height = 12 + row_height * len(rows) + (30 if away_hours is not None else 6)

    def hours_text(hours: float) -> str:
        return labels.hours.format(hours=_number(hours, labels.decimal_mark))

    names = {mode: labels.modes.get(mode, mode) for mode, _ in rows}
    summary = [f"{names[mode]}: {hours_text(hours)}" for mode, hours in rows]
    away = None
    if away_hours is not None:
        away = labels.away.format(hours=_number(away_hours, labels.decimal_mark))
        summary.append(away)
    out = _open_svg(cid, height, title, "; ".join(summary))
    for i, (mode, hours) in enumerate(rows):
        y = 12 + row_height * i
        length = PLOT_WIDTH * hours / longest if longest else 0.0
        colour = MODE_COLOURS.get(mode, OTHER_MODE_COLOUR)
        out += [
            _row_label(y + bar / 2, names[mode]),
            f'<rect class="mode" data-mode="{_text(mode)}" x="{PLOT_X}" y="{y}" '
            f'width="{length:.2f}" height="{bar}" fill="{colour}"/>',
            _value_label(PLOT_X + length, y + bar / 2, hours_text(hours)),
        ]
    if away is not None:
        y = 12 + row_height * len(rows) + 10
        out.append(
            f'<text x="{PLOT_X}" y="{y}" dominant-baseline="middle" fill="{TEXT_COLOUR}" '
            f"{FONT}>{_text(away)}</text>"
        )
    out.append("</svg>")
    return "\n".join(out)
