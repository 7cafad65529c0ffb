"""The pipeline notebook's two plotly FigureWidgets: people per role and supply against demand.

Both take aggregates only (a few numbers per role, per competency level), never people's rows,
so 100,000 people cost the browser nothing. Each series is named in the legend, the axes say
what they count, and long labels get the room they need.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

__all__ = ["RoleChart", "SupplyChart"]

#: Colours that keep their contrast on white and tell the series apart without colour vision
#: (the bars also differ in pattern order and the legend names each).
_ROLE_COLOURS = ("#1b5e20", "#66bb6a", "#0d47a1", "#64b5f6")
_SUPPLY_COLOURS = ("#2e6b34", "#8a5a00")
#: Heights in pixels: each supply row, and room for the title, legend and axis.
_ROW_PX, _FRAME_PX = 26, 200


class RoleChart:
    """Grouped bars per role: fits now, could with development, ready now, within 1-2 years."""

    def __init__(self) -> None:
        self.figure = go.FigureWidget(
            data=[go.Bar(marker_color=colour) for colour in _ROLE_COLOURS],
            layout={
                "barmode": "group",
                "height": 420,
                "margin": {"t": 60, "b": 120},
                "legend": {"orientation": "h", "y": -0.3},
            },
        )

    def show(
        self,
        *,
        title: str,
        roles: Sequence[str],
        series: Sequence[tuple[str, Sequence[int]]],
        axis: str,
    ) -> None:
        with self.figure.batch_update():
            for bars, (name, values) in zip(self.figure.data, series, strict=True):
                bars.x, bars.y, bars.name = list(roles), list(values), name
                bars.hovertemplate = f"%{{x}}<br>{name}: %{{y}}<extra></extra>"
            self.figure.layout.title.text = title
            self.figure.layout.yaxis.title.text = axis


class SupplyChart:
    """Horizontal bars per competency level: supply (people at it) beside demand (positions)."""

    def __init__(self) -> None:
        self.figure = go.FigureWidget(
            data=[go.Bar(orientation="h", marker_color=c) for c in _SUPPLY_COLOURS],
            layout={
                "barmode": "group",
                "margin": {"t": 60, "l": 280},
                "legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom"},
            },
        )
        self.figure.update_yaxes(autorange="reversed", automargin=True)

    def show(
        self,
        *,
        title: str,
        labels: Sequence[str],
        supply: tuple[str, Sequence[int]],
        demand: tuple[str, Sequence[int]],
        axis: str,
    ) -> None:
        with self.figure.batch_update():
            for bars, (name, values) in zip(self.figure.data, (supply, demand), strict=True):
                bars.y, bars.x, bars.name = list(labels), list(values), name
                bars.hovertemplate = f"%{{y}}<br>{name}: %{{x}}<extra></extra>"
            self.figure.layout.title.text = title
            self.figure.layout.xaxis.title.text = axis
            self.figure.layout.height = _FRAME_PX + 2 * _ROW_PX * max(len(labels), 1)
