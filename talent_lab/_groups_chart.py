"""The intervision notebook's chart: one plotly FigureWidget with two panels.

Top: a heatmap of people per group (rows: the groups of the table page) and value of the
chosen attribute. Bottom: how many groups score in each band, over all groups. One widget,
not two, because each FigureWidget ships plotly's 5 MB script to the browser.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go
from plotly.subplots import make_subplots

__all__ = ["GroupChart"]

#: Width in pixels, as the dashboards' charts (talent_lab._dashboard_charts.WIDTH_PX).
_WIDTH_PX = 780
#: Heights in pixels: the score panel, each heatmap row, and room for titles and axes.
_SCORES_PX, _ROW_PX, _FRAME_PX, _GAP_PX = 180, 22, 200, 90


class GroupChart:
    """The figure (``.figure``; heatmap in ``data[0]``, score bars in ``data[1]``)."""

    def __init__(self) -> None:
        layout = make_subplots(rows=2, cols=1, subplot_titles=(" ", " "), vertical_spacing=0.1)
        layout.add_trace(
            go.Heatmap(colorscale="Blues", hoverongaps=False, colorbar={"yanchor": "top", "y": 1}),
            row=1,
            col=1,
        )
        layout.add_trace(go.Bar(marker_color="#2e6b34"), row=2, col=1)
        # the notebook's width (a figure drawn in a hidden tab would be plotly's default 700 px)
        layout.update_layout(showlegend=False, width=_WIDTH_PX, margin={"t": 60, "l": 10, "r": 10})
        layout.update_xaxes(automargin=True)
        layout.update_yaxes(automargin=True)
        layout.update_yaxes(autorange="reversed", row=1, col=1)
        self.figure = go.FigureWidget(layout)

    def show(
        self,
        *,
        spread_title: str,
        groups: Sequence[str],
        values: Sequence[str],
        counts: Sequence[Sequence[int]],
        count_label: str,
        scores_title: str,
        bands: Sequence[str],
        band_counts: Sequence[int],
        score_label: str,
        groups_label: str,
    ) -> None:
        """Replace both panels' data and titles in one update."""
        heat_px = _ROW_PX * max(len(groups), 1)
        height = _FRAME_PX + _GAP_PX + heat_px + _SCORES_PX
        bottom = _SCORES_PX / (height - _FRAME_PX)  # share of the plot area for the scores
        gap = _GAP_PX / (height - _FRAME_PX)
        figure = self.figure
        with figure.batch_update():
            heatmap, bars = figure.data
            heatmap.x, heatmap.y, heatmap.z = list(values), list(groups), [list(r) for r in counts]
            heatmap.colorbar.title.text = count_label
            heatmap.colorbar.len = 1 - bottom - gap  # beside the heatmap, inside the figure
            bars.x, bars.y = list(bands), list(band_counts)
            figure.layout.height = height
            figure.layout.yaxis.domain = (bottom + gap, 1)
            figure.layout.yaxis2.domain = (0, bottom)
            figure.layout.annotations[0].text = spread_title
            figure.layout.annotations[0].y = 1
            figure.layout.annotations[1].text = scores_title
            figure.layout.annotations[1].y = bottom
            figure.layout.xaxis2.title.text = score_label
            figure.layout.yaxis2.title.text = groups_label
