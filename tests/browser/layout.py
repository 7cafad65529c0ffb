"""Layout checks shared by the browser tests."""

from __future__ import annotations

from playwright.sync_api import Page

#: Fields, fieldsets and text of a block reaching past the block's right edge (a phone's
#: horizontal scrolling), ignoring what sits inside a scrolling box (a wide table).
_OVERFLOWING = """blocks => blocks.flatMap(block => {
  const edge = block.getBoundingClientRect().right + 0.5;
  const scrolls = node => {
    for (let up = node.parentElement; up && up !== block; up = up.parentElement) {
      if (["auto", "scroll"].includes(getComputedStyle(up).overflowX)) { return true; }
    }
    return false;
  };
  return Array.from(block.querySelectorAll("*"))
    .filter(node => node.getBoundingClientRect().width > 0)
    .filter(node => node.getBoundingClientRect().right > edge && !scrolls(node))
    .map(node => node.id || node.tagName);
})"""


def overflowing(page: Page) -> list[str]:
    """What sticks out of the page's talent blocks; ``[]`` when every block fits its width."""
    result: list[str] = page.locator(".talent-block").evaluate_all(_OVERFLOWING)
    return result
