"""Small, escaping HTML builders for the widgets' ``HTML.value``.

Framework files come from outside, so every text is escaped; only ``Markup`` built here is
trusted. Tables get captions and column headers with ``scope`` and notices get ARIA roles,
so screen readers can follow what the notebook shows.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from html.parser import HTMLParser

from talent_core import localize

__all__ = [
    "Markup",
    "esc",
    "hidden",
    "join",
    "localized",
    "notice",
    "paragraph",
    "plain_text",
    "table",
]

_ERROR_STYLE = "background:#fdecea;border-left:4px solid #b3261e;color:#4a0e0b"
_OK_STYLE = "background:#e8f3ea;border-left:4px solid #2e6b34;color:#12301a"
_TABLE_STYLE = "border-collapse:collapse;margin:.5em 0"
_CELL_STYLE = "border:1px solid #888;padding:.25em .5em;text-align:left;vertical-align:top"
_HIDDEN_STYLE = (
    "position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap"
)


class Markup(str):
    """HTML that this module built and escaped; ``esc`` passes it through unchanged."""

    def __add__(self, other: str) -> Markup:
        """Stay markup, escaping a plain string that is added."""
        return Markup(str.__add__(self, esc(other)))


def esc(value: object) -> Markup:
    return value if isinstance(value, Markup) else Markup(html.escape(str(value)))


def join(parts: Iterable[object], separator: str = "") -> Markup:
    return Markup(separator.join(esc(part) for part in parts))


def localized(text: Mapping[str, str], language: str) -> Markup:
    """Text in the best language for ``language``, marked with ``lang`` when it falls back."""
    value = localize(text, language)
    used = next((code for code, candidate in text.items() if candidate == value), language)
    if used.split("-")[0] == language.split("-")[0]:
        return esc(value)
    return Markup(f'<span lang="{esc(used)}">{esc(value)}</span>')


def hidden(text: str) -> Markup:
    """Text for screen readers only."""
    return Markup(f'<span style="{_HIDDEN_STYLE}">{esc(text)}</span>')


class _TextOnly(HTMLParser):
    _BREAKS = frozenset({"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"})

    _HIDDEN = frozenset({"script", "style"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._BREAKS:
            self.parts.append("\n")
        self._hidden += tag in self._HIDDEN

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def plain_text(text: str, text_format: str) -> str:
    """The readable text of a description; HTML from imported files is reduced to its text."""
    if text_format != "html":
        return text
    parser = _TextOnly()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts).strip()


def paragraph(text: str, text_format: str = "plain") -> Markup:
    return Markup(f'<p style="white-space:pre-line">{esc(plain_text(text, text_format))}</p>')


def notice(ok: bool, text: str, detail: str | None = None) -> Markup:
    """A success (``role=status``) or error (``role=alert``) box with an optional detail."""
    role, style = ("status", _OK_STYLE) if ok else ("alert", _ERROR_STYLE)
    body = f"<p style='margin:0'>{esc(text)}</p>"
    if detail:
        body += f"<p style='margin:.3em 0 0;white-space:pre-wrap'><code>{esc(detail)}</code></p>"
    return Markup(f'<div role="{role}" style="{style};padding:.5em .75em">{body}</div>')


def table(
    caption: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    row_header: int = 0,
) -> Markup:
    """An accessible table: a caption, column headers and column ``row_header`` as row header."""
    head = "".join(f'<th scope="col" style="{_CELL_STYLE}">{esc(h)}</th>' for h in headers)
    body = []
    for row in rows:
        cells = [
            f'<th scope="row" style="{_CELL_STYLE};font-weight:normal">{esc(cell)}</th>'
            if i == row_header
            else f'<td style="{_CELL_STYLE}">{esc(cell)}</td>'
            for i, cell in enumerate(row)
        ]
        body.append(f"<tr>{''.join(cells)}</tr>")
    return Markup(
        f'<table style="{_TABLE_STYLE}"><caption style="text-align:left;font-weight:bold">'
        f"{esc(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )
