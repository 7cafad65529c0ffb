"""Every tab of every notebook passes axe-core and works by keyboard, in real JupyterLab.

Each notebook found in notebooks/ (new ones are picked up by name) is run top to bottom in a
JupyterLab server of its own at 1280 px, in headless Debian chromium. Then every tab of every
widget it shows is opened in turn and checked:

- axe-core (bundled by axe-playwright-python) finds no serious or critical violation in our
  widget output. The check is scoped to the widget views (the notebook's output areas that
  hold a widget): JupyterLab's own chrome is out of our hands. At JupyterLab 4.6 a run over
  every output area also reports ``scrollable-region-focusable`` (serious) for the wide
  pandas tables that a "Working from code" cell returns: JupyterLab's HTML output box
  scrolls and cannot take focus. That box is JupyterLab's, not our widgets'.
- the keyboard reaches every control: pressing Tab from the widget's first control (the
  language menu) focuses each visible tab, button, field, menu and slider in turn, before
  focus leaves the widget.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

NOTEBOOKS = sorted(
    path.name for path in (Path(__file__).resolve().parents[2] / "notebooks").glob("[0-9]*.ipynb")
)
#: The widget views in the notebook's output areas: our part of the page.
WIDGETS = ".jp-OutputArea-output > .jupyter-widgets"
SERIOUS = {"serious", "critical"}
SLOW = 180_000
#: Controls a keyboard user must reach (hidden ones, such as the file input behind an upload
#: button, are left out by the visibility check).
CONTROLS = (
    "button, input:not([type=file]), select, textarea, a[href], [role=slider], [tabindex='0']"
)


def serious_violations(page: Page) -> list[str]:
    results: Any = Axe().run(page, context=WIDGETS)
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] in SERIOUS:
            targets = [str(node["target"]) for node in violation["nodes"][:3]]
            found.append(f"{violation['id']} ({violation['impact']}): {targets}")
    return found


def run_all(page: Page, lab_url: str, name: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{lab_url}/lab/tree/{name}?reset")
    expect(page.locator("#jp-main-statusbar")).to_contain_text("Idle", timeout=SLOW)
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.get_by_text("Run All Cells", exact=True).click()
    expect(page.locator(f"{WIDGETS} .lm-TabBar-tab").first).to_be_visible(timeout=SLOW)
    expect(page.locator("#jp-main-statusbar")).to_contain_text("Idle", timeout=SLOW)


def keyboard_misses(page: Page, tab: Any) -> list[str]:
    """The visible controls of the widget (with the open tab) that pressing Tab from its first
    control (the language menu) never reaches."""
    page.evaluate(
        """(args) => {
          const [root, selector] = args;
          let n = 0;
          document.querySelectorAll(root).forEach((b) => b.querySelectorAll(selector)
            .forEach((el) => { el.dataset.a11yControl = String(n++); }));
        }""",
        [WIDGETS, CONTROLS],
    )
    first = tab.evaluate(
        "(t, root) => { const el = t.closest(root).querySelector('[data-a11y-control]');"
        " el.focus(); return el.dataset.a11yControl; }",
        WIDGETS,
    )
    reached: set[str] = {first}
    for _ in range(200):
        page.keyboard.press("Tab")
        current = page.evaluate(
            """(root) => {
              const el = document.activeElement;
              if (!el || !el.closest(root)) return null;
              return el.dataset.a11yControl ?? '';
            }""",
            WIDGETS,
        )
        if current is None and reached:
            break
        if current:
            reached.add(current)
    # Only this widget's controls: a notebook may show more than one widget (notebook 01's
    # explorer and role editor), and Tab leaves one before it reaches the next.
    return tab.evaluate(
        """(t, args) => {
          const [root, reached] = args;
          const missed = [];
          t.closest(root).querySelectorAll('[data-a11y-control]')
            .forEach((el) => {
              const r = el.getBoundingClientRect();
              if (r.width > 0 && r.height > 0 && !el.disabled
                  && !el.closest('.modebar') && !reached.includes(el.dataset.a11yControl)) {
                missed.push(el.outerHTML.slice(0, 120));
              }
            });
          return missed;
        }""",
        [WIDGETS, sorted(reached)],
    )


@pytest.mark.browser
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_tab_passes_axe_and_the_keyboard_reaches_every_control(
    page: Page, lab_url: str, name: str
) -> None:
    run_all(page, lab_url, name)
    tabs = page.locator(f"{WIDGETS} .lm-TabBar-tab")
    found: dict[str, list[str]] = {}
    for index in range(tabs.count()):
        tab = tabs.nth(index)
        tab.click()
        time.sleep(1.5)  # charts draw after the tab shows
        title = tab.inner_text()
        problems = serious_violations(page) + [
            f"keyboard does not reach {html}" for html in keyboard_misses(page, tab)
        ]
        if problems:
            found[title] = problems
    assert found == {}


@pytest.mark.browser
def test_the_checks_find_an_unnamed_slider_and_a_control_the_keyboard_skips(page: Page) -> None:
    """What ipywidgets' slider looked like to axe, and a button taken out of the tab order."""
    page.set_content(
        '<html lang="en"><title>t</title><main><div class="jp-OutputArea-output">'
        '<div class="jupyter-widgets"><select aria-label="Language"><option>en</option></select>'
        '<ul><li class="lm-TabBar-tab" tabindex="0">Tab</li></ul>'
        '<div role="slider" tabindex="0" aria-valuenow="3" aria-valuemin="0" aria-valuemax="9">'
        '</div><button tabindex="-1">Hidden from the keyboard</button></div></div></main></html>'
    )
    assert any(v.startswith("aria-input-field-name") for v in serious_violations(page))
    missed = keyboard_misses(page, page.locator(".lm-TabBar-tab"))
    assert len(missed) == 1 and "Hidden from the keyboard" in missed[0]
