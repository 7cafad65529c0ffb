"""The HR dashboards' own words (``dashboards.<key>`` in the ``talent`` catalog).

Learning modes, the language menu and the export's link text are the shared ``lab.`` words;
competency and role names come from the framework and role profiles.
"""

from __future__ import annotations

from talent_core.i18n import has_message

from ._messages import message

__all__ = ["text"]


def text(key: str, language: str, **fields: object) -> str:
    """The dashboards' text for ``key`` (or a shared one, such as a learning mode), filled in."""
    prefix = "dashboards" if has_message(f"dashboards.{key}") else "lab"
    return message(key, language, prefix=prefix, **fields)
