"""Reading what a block rendered, shared by the block tests."""

from __future__ import annotations

import html
import re
from typing import Any


def text_of(markup: str) -> str:
    """The visible words of rendered HTML, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def student_html(block: Any) -> str:
    return block.render("student_view", {}).body_html()
