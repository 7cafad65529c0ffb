"""The dashboards' two plotly FigureWidgets: the gap heatmap and the cost of the learning mix.

Both take aggregates only (a group × competency matrix, five modes), never learners' rows,
so 100,000 rows in the reports cost the browser nothing.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import plotly.graph_objects as go

__all__ = ["SEPARATORS", "WIDTH_PX", "GapHeatmap", "MixChart", "wrapped"]

#: plotly's decimal and thousands marks per language (12,345.6 / 12 345,6 / 12.345,6).
SEPARATORS = {"en": ".,", "sv": ",\xa0", "nl": ",."}

#: Width of both charts in pixels: a notebook at 1280 px with the file browser open has about
#: 810 px for an output. plotly draws a figure in a tab that is not shown yet at its default
#: 700 px (it cannot measure a hidden box), so the width is set.
WIDTH_PX = 780
#: Heights in pixels: each heatmap row (a competency), and room for the title and group names.
_ROW_PX, _FRAME_PX = 26, 190
#: Longest line of a category label before it wraps (plotly writes a label on one line).
_LINE = 18


def wrapped(label: str, width: int = _LINE) -> str:
    """A label broken into lines of about ``width`` characters at spaces (plotly's ``<br>``),
    so a long name is shown whole without overlapping its neighbours."""
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(html.escape(line) for line in lines)


class GapHeatmap:
    """Competencies down, groups across, colour by mean weighted gap (``.figure.data[0]``).

    Competencies go down because there are many (25 in the demo) with long names, which read
    across; the few groups (departments or roles) go across, their names wrapped.
    """

    def __init__(self) -> None:
        self.figure = go.FigureWidget(
            data=[
                go.Heatmap(
                    colorscale="Reds",
                    zmin=0,
                    hoverongaps=False,
                    xgap=1,
                    ygap=1,
                    # z is already rounded (halves up) by gap_matrix, as the table shows it
                    hovertemplate="%{x}<br>%{y}<br>%{z}<extra></extra>",
                )
            ],
            layout={
                "width": WIDTH_PX,
                "margin": {"t": 70, "l": 10, "r": 10, "b": 10},
                "xaxis": {"side": "top", "automargin": True, "tickangle": 0, "showgrid": False},
                "yaxis": {"automargin": True, "autorange": "reversed", "showgrid": False},
                "title": {"y": 0.99, "yanchor": "top"},
            },
        )

    def show(
        self,
        *,
        title: str,
        groups: Sequence[str],
        competencies: Sequence[str],
        gaps: Sequence[Sequence[float | None]],
        colorbar: str,
    ) -> None:
        """Draw ``gaps`` (one row per group, one value per competency), transposed."""
        with self.figure.batch_update():
            heatmap = self.figure.data[0]
            heatmap.x = [wrapped(group, 14) for group in groups]
            heatmap.y = list(competencies)
            heatmap.z = [list(column) for column in zip(*gaps, strict=True)] if gaps else []
            heatmap.colorbar.title.text = colorbar
            self.figure.layout.title.text = title
            self.figure.layout.height = _FRAME_PX + _ROW_PX * max(len(competencies), 1)


class MixChart:
    """Cost per learning mode: the organisation's mix beside the classroom-heavy alternative."""

    def __init__(self) -> None:
        self.figure = go.FigureWidget(
            data=[go.Bar(marker_color="#2e6b34"), go.Bar(marker_color="#8a5a00")],
            layout={
                "barmode": "group",
                "width": WIDTH_PX,
                "height": 420,
                "margin": {"t": 90, "r": 10},
                "xaxis": {"automargin": True, "tickangle": 0},
                "yaxis": {"automargin": True},
                # the legend above the bars leaves the plot the whole width
                "legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
            },
        )

    def show(
        self,
        *,
        title: str,
        modes: Sequence[str],
        names: tuple[str, str],
        costs: tuple[Sequence[float], Sequence[float]],
        cost_axis: str,
        separators: str = ".,",
    ) -> None:
        """``separators``: the decimal and thousands marks of the language (plotly's)."""
        with self.figure.batch_update():
            self.figure.layout.separators = separators
            for bars, name, values in zip(self.figure.data, names, costs, strict=True):
                bars.x, bars.y, bars.name = [wrapped(m) for m in modes], list(values), name
            self.figure.layout.title.text = title
            self.figure.layout.yaxis.title.text = cost_axis
