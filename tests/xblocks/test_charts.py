import re
import xml.etree.ElementTree as ET

import pytest

from talent_core import LearningMode, learning_mix
from talent_core import PlannedActivity as Activity
from xblocks import charts

SVG = "{http://www.w3.org/2000/svg}"
LABELS = charts.GapChartLabels(
    own="Your level",
    required="Required",
    not_rated="not rated",
    row_summary="{competency}: your level {own}, required {required}",
)
MIX_LABELS = charts.MixChartLabels(
    modes={"on_the_job": "I arbetet", "classroom": "Klassrum", "online": "Online"},
    hours="{hours} tim",
    away="Borta från arbetet: {hours} tim",
    decimal_mark=",",
)


def contrast_on_white(colour: str) -> float:
    """WCAG 2 contrast ratio of a #rrggbb colour against white."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (luminance + 0.05)


def gap_svg(rows: list[charts.GapChartRow], max_level: float = 4) -> ET.Element:
    return ET.fromstring(
        charts.gap_chart_svg(rows, title="Gaps", max_level=max_level, labels=LABELS)
    )


def widths(root: ET.Element, css_class: str) -> list[float]:
    return [
        float(r.get("width", "")) for r in root.iter(f"{SVG}rect") if r.get("class") == css_class
    ]


def visible_texts(root: ET.Element) -> list[str]:
    """What the chart shows on screen: each text without its tooltip title."""
    shown = []
    for text in root.iter(f"{SVG}text"):
        tooltip = text.find(f"{SVG}title")
        shown.append(text.text if tooltip is None else tooltip.tail)
    return shown


def assert_labelled(root: ET.Element) -> None:
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby", "").split()
    assert root.find(f"{SVG}title").get("id") == title_id
    assert root.find(f"{SVG}desc").get("id") == desc_id


def assert_colours_meet_wcag_aa(root: ET.Element) -> None:
    for element in root.iter():
        for attribute, minimum in (("fill", 3.0), ("stroke", 3.0)):
            colour = element.get(attribute, "")
            if element.tag == f"{SVG}text":
                minimum = 4.5
            if re.fullmatch(r"#[0-9a-f]{6}", colour) and element.get("stroke-dasharray") is None:
                assert contrast_on_white(colour) >= minimum, (element.tag, colour)


def test_gap_chart_is_labelled_well_formed_xml() -> None:
    root = gap_svg([charts.GapChartRow("Feedback", 2, 3), charts.GapChartRow("Safety", 1, 1)])
    assert_labelled(root)
    assert root.find(f"{SVG}title").text == "Gaps"
    assert root.find(f"{SVG}desc").text == (
        "Feedback: your level 2, required 3; Safety: your level 1, required 1"
    )
    assert_colours_meet_wcag_aa(root)


def test_gap_bars_are_proportional_to_levels() -> None:
    rows = [
        charts.GapChartRow("A", 1, 4),
        charts.GapChartRow("B", 3, 2),
        charts.GapChartRow("C", 6, -1),  # off the axis: clipped
    ]
    root = gap_svg(rows)
    own, required = widths(root, "own"), widths(root, "required")
    full = own[2]
    assert full == pytest.approx(charts.PLOT_WIDTH, abs=0.01)
    assert [w / full for w in own] == pytest.approx([0.25, 0.75, 1.0], abs=1e-3)
    assert [w / full for w in required] == pytest.approx([1.0, 0.5, 0.0], abs=1e-3)
    with pytest.raises(ValueError, match="max_level"):
        gap_svg(rows, max_level=0)


def test_requirement_differs_from_own_level_by_more_than_colour() -> None:
    root = gap_svg([charts.GapChartRow("A", 2, 3)])
    own = next(r for r in root.iter(f"{SVG}rect") if r.get("class") == "own")
    required = next(r for r in root.iter(f"{SVG}rect") if r.get("class") == "required")
    assert own.get("fill", "").startswith("#")
    pattern_id = re.fullmatch(r"url\(#(.+)\)", required.get("fill", "")).group(1)
    assert root.find(f".//{SVG}pattern[@id='{pattern_id}']") is not None
    assert required.get("stroke")
    texts = visible_texts(root)
    assert "Your level" in texts and "Required" in texts  # legend names both shapes
    assert "2" in texts and "3" in texts  # each bar carries its value


def test_unrated_row_has_no_own_bar_but_says_so() -> None:
    root = gap_svg([charts.GapChartRow("A", None, 3)])
    assert widths(root, "own") == []
    assert "not rated" in visible_texts(root)
    assert "your level not rated" in root.find(f"{SVG}desc").text


def test_hostile_text_is_escaped_everywhere() -> None:
    hostile = '<script>alert("x")</script> & \x07 "quoted" {own}'
    text = charts.gap_chart_svg(
        [charts.GapChartRow(hostile, 1, 2)],
        title=hostile,
        max_level=4,
        labels=charts.GapChartLabels(hostile, hostile, hostile, "{competency}"),
    )
    assert "<script" not in text
    root = ET.fromstring(text)
    clean = hostile.replace("\x07", "")
    assert root.find(f"{SVG}title").text == clean
    assert root.find(f"{SVG}desc").text == clean
    long_label = next(t for t in root.iter(f"{SVG}text") if t.find(f"{SVG}title") is not None)
    assert long_label.find(f"{SVG}title").text == clean  # full name as tooltip
    assert long_label.find(f"{SVG}title").tail.endswith("…")  # shortened on screen


def test_two_charts_on_one_page_never_share_ids() -> None:
    first = charts.gap_chart_svg(
        [charts.GapChartRow("A", 1, 2)], title="T", max_level=4, labels=LABELS
    )
    second = charts.gap_chart_svg(
        [charts.GapChartRow("B", 1, 2)], title="T", max_level=4, labels=LABELS
    )
    ids = [set(re.findall(r'id="([^"]+)"', svg)) for svg in (first, second)]
    assert ids[0] and not ids[0] & ids[1]
    fixed = charts.gap_chart_svg(
        [charts.GapChartRow("A", 1, 2)], title="T", max_level=4, labels=LABELS, chart_id="mine"
    )
    assert 'aria-labelledby="mine-title mine-desc"' in fixed


def test_mix_chart_bars_follow_hours_per_mode() -> None:
    mix = learning_mix(
        [
            Activity(id="a", title="Shadow", mode="on_the_job", hours=12),
            Activity(id="b", title="Course", mode="classroom", hours=6),
            Activity(id="c", title="Webinar", mode="online", hours=1.5),
        ]
    )
    svg = charts.mix_chart_svg(
        mix.hours, title="Learning mix", labels=MIX_LABELS, away_hours=mix.away_hours
    )
    root = ET.fromstring(svg)
    assert_labelled(root)
    assert_colours_meet_wcag_aa(root)
    bars = {r.get("data-mode"): float(r.get("width")) for r in root.iter(f"{SVG}rect")}
    assert list(bars) == [m.value for m in LearningMode]
    assert bars["on_the_job"] == pytest.approx(charts.PLOT_WIDTH)
    assert bars["classroom"] / bars["on_the_job"] == pytest.approx(0.5, abs=1e-3)
    assert bars["online"] / bars["on_the_job"] == pytest.approx(0.125, abs=1e-3)
    assert bars["home_study"] == 0
    texts = visible_texts(root)
    assert "1,5 tim" in texts and "Klassrum" in texts
    assert "with_others" in texts  # a mode without a translation falls back to its code
    desc = root.find(f"{SVG}desc").text
    assert "I arbetet: 12 tim" in desc
    # 6 classroom hours fully away and 1.5 online hours half away: 6.75, shown to two decimals
    # as in the plan's table (docs/figures.md, "Hours").
    assert mix.away_hours == 6.75
    assert desc.endswith("; Borta från arbetet: 6,75 tim")
    colours = {r.get("fill") for r in root.iter(f"{SVG}rect")}
    assert len(colours) == len(LearningMode)


def test_mix_chart_without_hours_draws_empty_bars() -> None:
    root = ET.fromstring(charts.mix_chart_svg({"online": 0}, title="Mix", labels=MIX_LABELS))
    assert [float(r.get("width")) for r in root.iter(f"{SVG}rect")] == [0.0]
    assert root.find(f"{SVG}desc").text == "Online: 0 tim"
