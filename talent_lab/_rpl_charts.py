"""The review notebook's plotly charts: claims per state, time to decision, recognition rate.

Each chart takes aggregates from the session (counts, days, rates), never learners' texts.
Axis titles, a legend where bars are split, and room for long competency names keep them
legible (``.figure.data`` is what the tests read).
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

__all__ = ["DecisionTimeChart", "RecognitionChart", "StateChart"]

_MARGIN = {"t": 60, "l": 70, "r": 20}


class StateChart:
    """One bar per state: how many claims wait, are in review, decided or disputed."""

    def __init__(self) -> None:
        self.figure = go.FigureWidget(
            data=[go.Bar(marker_color="#2e6b34", texttemplate="%{y}", textposition="outside")],
            layout={"height": 360, "margin": _MARGIN, "showlegend": False},
        )

    def show(self, *, title: str, states: Sequence[str], counts: Sequence[int], axis: str) -> None:
        with self.figure.batch_update():
            bars = self.figure.data[0]
            bars.x, bars.y = list(states), list(counts)
            self.figure.layout.title.text = title
            self.figure.layout.yaxis.title.text = axis


class DecisionTimeChart:
    """How many days claims waited from submission to their first decision (a histogram)."""

    def __init__(self) -> None:
        self.figure = go.FigureWidget(
            data=[go.Histogram(marker_color="#1f5a8a", xbins={"size": 2})],
            layout={"height": 360, "margin": _MARGIN, "showlegend": False, "bargap": 0.05},
        )

    def show(self, *, title: str, days: Sequence[float], x_axis: str, y_axis: str) -> None:
        with self.figure.batch_update():
            self.figure.data[0].x = list(days)
            self.figure.layout.title.text = title
            self.figure.layout.xaxis.title.text = x_axis
            self.figure.layout.yaxis.title.text = y_axis


class RecognitionChart:
    """Per competency: claims recognised (in full or in part) and not, stacked, with a legend."""

    def __init__(self) -> None:
        self.figure = go.FigureWidget(
            data=[go.Bar(marker_color="#2e6b34"), go.Bar(marker_color="#8a5a00")],
            layout={
                "barmode": "stack",
                "height": 440,
                "margin": {**_MARGIN, "b": 160},
                "xaxis": {"tickangle": -30},
                "legend": {"orientation": "h", "y": 1.08},
            },
        )

    def show(
        self,
        *,
        title: str,
        competencies: Sequence[str],
        recognised: Sequence[int],
        not_recognised: Sequence[int],
        names: tuple[str, str],
        axis: str,
    ) -> None:
        with self.figure.batch_update():
            for bars, name, values in zip(
                self.figure.data, names, (recognised, not_recognised), strict=True
            ):
                bars.x, bars.y, bars.name = list(competencies), list(values), name
            self.figure.layout.title.text = title
            self.figure.layout.yaxis.title.text = axis
