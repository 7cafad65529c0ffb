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


#: Words split across two lines ("Developi" / "ng") inside the matched elements; runs of 25 or
#: more characters without spaces (URLs) may break and are left out.
_BROKEN_WORDS = """nodes => nodes.flatMap(node => {
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  const broken = [];
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    for (const word of text.data.matchAll(/\\S+/g)) {
      if (word[0].length >= 25) { continue; }
      const range = document.createRange();
      range.setStart(text, word.index);
      range.setEnd(text, word.index + word[0].length);
      const tops = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
      if (tops.size > 1) { broken.push(word[0]); }
    }
  }
  return broken;
})"""


def broken_words(page: Page, selector: str = "body") -> list[str]:
    """Words the page breaks in the middle; ``[]`` when lines break only between words."""
    result: list[str] = page.locator(selector).evaluate_all(_BROKEN_WORDS)
    return result
