"""No truncated labels: every slider shows its whole description, every upload button its
whole label (ipywidgets cuts a description at about 8em unless told otherwise)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pytest

import talent_core as tc
from talent_lab import (
    DashboardSession,
    DashboardView,
    FrameworkExplorerView,
    FrameworkSession,
    GroupingSession,
    GroupingView,
    MentoringSession,
    MentoringView,
)

SLIDERS = (widgets.IntRangeSlider, widgets.FloatSlider, widgets.IntSlider)


def _tree(widget: Any) -> Iterator[Any]:
    yield widget
    for child in getattr(widget, "children", ()) or ():
        yield from _tree(child)


def _views(tmp_path: Path) -> list[Any]:
    return [
        GroupingView(GroupingSession.demo(60, 1, out_dir=tmp_path)),
        MentoringView(MentoringSession.demo(out_dir=tmp_path)),
        DashboardView(DashboardSession(out_dir=tmp_path)),
        FrameworkExplorerView(FrameworkSession(tc.demo_framework(), out_dir=tmp_path)),
    ]


@pytest.mark.parametrize("index", range(4))
def test_every_slider_and_upload_shows_its_whole_label(tmp_path: Path, index: int) -> None:
    view = _views(tmp_path)[index]
    found = list(_tree(view.tabs))
    sliders = [w for w in found if isinstance(w, SLIDERS)]
    for slider in sliders:
        assert slider.style.description_width == "initial", slider.description
        assert slider.layout.width, slider.description
    for upload in (w for w in found if isinstance(w, widgets.FileUpload)):
        assert upload.layout.width == "auto", upload.description
