"""The dashboards' two plotly FigureWidgets: the gap heatmap and the cost of the learning mix.

Both take aggregates only (a group × competency matrix, five modes), never learners' rows,
so 100,000 rows in the reports cost the browser nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

__all__ = ["GapHeatmap", "MixChart"]

#: Heights in pixels: each heatmap row, and room for the title and the competency names.
_ROW_PX, _FRAME_PX = 28, 260


class GapHeatmap:
    """Groups down, competencies across, colour by mean weighted gap (``.figure.data[0]``)."""

    def __init__(self) -> None:
        self.figure = go.FigureWidget(
            data=[
                go.Heatmap(
                    colorscale="Reds",
                    zmin=0,
                    hoverongaps=False,
                    # z is already rounded (halves up) by gap_matrix, as the table shows it
                    hovertemplate="%{y}<br>%{x}<br>%{z}<extra></extra>",
                )
            ],
            layout={"margin": {"t": 60, "l": 200, "b": 160}, "xaxis": {"tickangle": -45}},
        )
        self.figure.update_yaxes(autorange="reversed")

    def show(
        self,
        *,
        title: str,
        groups: Sequence[str],
        competencies: Sequence[str],
        gaps: Sequence[Sequence[float | None]],
        colorbar: str,
    ) -> None:
        with self.figure.batch_update():
            heatmap = self.figure.data[0]
            heatmap.x, heatmap.y = list(competencies), list(groups)
            heatmap.z = [list(row) for row in gaps]
            heatmap.colorbar.title.text = colorbar
            self.figure.layout.title.text = title
            self.figure.layout.height = _FRAME_PX + _ROW_PX * max(len(groups), 1)


class MixChart:
    """Cost per learning mode: the organisation's mix beside the classroom-heavy alternative."""

    def __init__(self) -> None:
        self.figure = go.FigureWidget(
            data=[go.Bar(marker_color="#2e6b34"), go.Bar(marker_color="#8a5a00")],
            layout={"barmode": "group", "height": 380, "margin": {"t": 60}},
        )

    def show(
        self,
        *,
        title: str,
        modes: Sequence[str],
        names: tuple[str, str],
        costs: tuple[Sequence[float], Sequence[float]],
        cost_axis: str,
    ) -> None:
        with self.figure.batch_update():
            for bars, name, values in zip(self.figure.data, names, costs, strict=True):
                bars.x, bars.y, bars.name = list(modes), list(values), name
            self.figure.layout.title.text = title
            self.figure.layout.yaxis.title.text = cost_axis
