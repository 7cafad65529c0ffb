"""The intervision notebook's own words (``groups.<key>`` in the ``talent`` catalog).

Why a grouping is impossible or what it breaks comes translated from
``talent_core.grouping`` (its notices); these ids cover the labels and notices the widgets
add. Words all notebooks share (language, folder, download) stay in ``_messages``.
"""

from __future__ import annotations

from ._messages import message

__all__ = ["text"]


def text(key: str, language: str, **fields: object) -> str:
    """The notebook's text for ``key`` in ``language``, filled in."""
    return message(key, language, prefix="groups", **fields)
