"""The blocks' stylesheets: shared colours meet WCAG AA, block rules stay inside their block."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CSS = Path(__file__).resolve().parents[2] / "xblocks" / "static" / "css"

#: Each block stylesheet and the root classes its rules must start from.
BLOCK_ROOTS = {
    "competency_assessment.css": (".talent-assessment",),
    "development_dialogue.css": (".talent-dialogue",),
    "development_plan.css": (".talent-plan",),
    "peer_group.css": (".talent-peer",),
}


def selectors(css: str) -> list[str]:
    """Every selector of the innermost rules (those inside ``@media`` included)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found = []
    for prelude in re.findall(r"([^{}]+)\{[^{}]*\}", css):
        found += [s.strip() for s in prelude.split(",")]
    return found


def shared_colours() -> dict[str, str]:
    text = (CSS / "talent.css").read_text("utf-8")
    return dict(re.findall(r"--talent-([a-z]+):\s*(#[0-9a-fA-F]{6})", text))


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_formula_matches_wcag() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("text", ["ink", "muted", "accent", "error"])
@pytest.mark.parametrize("background", ["#ffffff", "soft"])
def test_text_colours_meet_aa_on_the_block_backgrounds(text: str, background: str) -> None:
    colours = shared_colours()
    back = colours.get(background, background)
    assert contrast(colours[text], back) >= 4.5


def test_primary_button_text_meets_aa() -> None:
    assert contrast("#ffffff", shared_colours()["accent"]) >= 4.5


@pytest.mark.parametrize(("name", "roots"), BLOCK_ROOTS.items())
def test_block_rules_are_scoped_to_the_block(name: str, roots: tuple[str, ...]) -> None:
    found = selectors((CSS / name).read_text("utf-8"))
    assert found
    loose = [s for s in found if not s.startswith(roots)]
    assert loose == []


def test_buttons_are_styled_once_in_the_shared_sheet() -> None:
    for name in BLOCK_ROOTS:
        text = (CSS / name).read_text("utf-8")
        assert not re.search(r"\.talent-button[^{]*\{[^}]*(background|border)", text), name
