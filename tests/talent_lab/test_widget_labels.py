"""No truncated labels: every number setting shows its whole description, every upload button
its whole label (ipywidgets cuts a description at about 8em unless told otherwise)."""

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
    RoleEditorView,
)

SLIDERS = (widgets.IntRangeSlider, widgets.FloatSlider, widgets.IntSlider, widgets.FloatRangeSlider)
NUMBER_FIELDS = (widgets.BoundedIntText, widgets.BoundedFloatText)


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
        RoleEditorView(FrameworkSession.demo(out_dir=tmp_path)),
    ]


@pytest.mark.parametrize("index", range(5))
def test_every_setting_and_upload_shows_its_whole_label(tmp_path: Path, index: int) -> None:
    view = _views(tmp_path)[index]
    found = list(_tree(view.tabs))
    # ipywidgets gives a slider's handle no accessible name (axe: aria-input-field-name), so
    # settings are labelled number fields (tests/notebooks/test_lab_accessibility.py)
    assert [w.description for w in found if isinstance(w, SLIDERS)] == []
    for field in (w for w in found if isinstance(w, NUMBER_FIELDS) and w.min != 1):
        assert field.style.description_width == "initial", field.description
    for upload in (w for w in found if isinstance(w, widgets.FileUpload)):
        assert upload.layout.width == "max-content", upload.description
    # a button is 148 px wide unless told: "Tarieven toepa…" in Dutch
    for button in (w for w in found if type(w) is widgets.Button):
        assert button.layout.width == "max-content", button.description
    menus = [w for w in found if isinstance(w, widgets.Dropdown) and w is not view.language]
    for menu in (m for m in menus if max(map(len, m._options_labels), default=0) > 12):
        assert menu.layout.width == "max-content", menu.description
    for box in (w for w in found if isinstance(w, widgets.Checkbox)):
        assert box.layout.width == "max-content", box.description
