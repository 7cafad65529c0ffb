"""Django templates for the blocks, autoescaped, translated through the blocks' own catalogs.

Templates live in ``xblocks/templates``; ``{% load i18n %}`` gives a ``trans`` tag with the
usual syntax (``{% trans "Competency" %}``, ``{% trans "Competency" as label %}``) that looks the
message up in the catalog the block put into the context, so rendering never touches Django's
global translation state. Messages with placeholders are formatted in Python and passed in.
One engine with a cached loader serves every block: each template is parsed once per process.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from django.template import Context, Engine, Library, Node, TemplateSyntaxError
from django.template.base import Parser, Token, render_value_in_context
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

__all__ = ["CATALOG_KEY", "TEMPLATES_DIR", "register", "render", "wrappable"]

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
#: Context key under which :func:`render` puts the catalog the ``trans`` tag reads.
CATALOG_KEY = "_talent_catalog"

register = Library()


class TranslateNode(Node):
    """``{% trans "message" [as name] %}`` looked up in the block's catalog."""

    def __init__(self, message: str, target: str | None) -> None:
        self.message = message
        self.target = target

    def render(self, context: Context) -> str:
        catalog = context.get(CATALOG_KEY)
        text = catalog.gettext(self.message) if catalog is not None else self.message
        if self.target:
            context[self.target] = text
            return ""
        return str(render_value_in_context(text, context))


@register.tag("trans")
def do_translate(parser: Parser, token: Token) -> TranslateNode:
    bits = token.split_contents()
    literal = bits[1] if len(bits) > 1 else ""
    quoted = len(literal) >= 2 and literal[0] == literal[-1] and literal[0] in "\"'"
    if not quoted or "\\" in literal or len(bits) not in (2, 4) or bits[2:3] not in ([], ["as"]):
        usage = '{% trans "message" %} or {% trans "message" as name %}'
        raise TemplateSyntaxError(f"use {usage}, got {token.contents!r}")
    return TranslateNode(literal[1:-1], bits[3] if len(bits) == 4 else None)


#: A run without spaces this long (a pasted URL) may break anywhere; words never do.
LONG_RUN = 25
_LONG = re.compile(rf"\S{{{LONG_RUN},}}")


@register.filter(is_safe=True)
def wrappable(value: object) -> SafeString:
    """``value`` escaped, each long run without spaces (a URL) in ``<span class="long-run">``.

    Print pages break lines only between words (``overflow-wrap: break-word``), so a table
    never splits "Developing"; a pasted URL would then widen its column past the page, so the
    page lets ``.long-run`` break anywhere (``overflow-wrap: anywhere``).
    """
    text = str(value)
    out: list[str] = []
    position = 0
    for run in _LONG.finditer(text):
        out.append(escape(text[position : run.start()]))
        out.append(f'<span class="long-run">{escape(run.group())}</span>')
        position = run.end()
    out.append(escape(text[position:]))
    return mark_safe("".join(out))


@cache
def _engine() -> Engine:
    return Engine(
        dirs=[str(TEMPLATES_DIR)],
        libraries={"i18n": __name__},
        autoescape=True,
        debug=False,
        loaders=[
            ("django.template.loaders.cached.Loader", ["django.template.loaders.filesystem.Loader"])
        ],
    )


def render(name: str, context: Mapping[str, Any], catalog: gettext.NullTranslations) -> str:
    """Render ``templates/<name>`` with ``context``; every ``{{ value }}`` is HTML-escaped."""
    template = _engine().get_template(name)
    return str(template.render(Context({**context, CATALOG_KEY: catalog}, autoescape=True)))
