"""One gettext catalog for the words of the core and the notebooks, and Babel for numbers.

The ``talent`` domain in ``talent_core/i18n/translations/<lang>/LC_MESSAGES/talent.mo`` holds
every text the core and ``talent_lab`` show: problems, grouping notices, mentoring reasons and
the notebooks' labels. Its message ids are stable names (``notice.too_few_people``), which the
core's data carries (a problem's ``message_id``, a notice's code) so each face words them in its
user's language; the English text lives in the ``en`` catalog like any other language. The
blocks keep their own catalog (English msgids) where Open edX looks for it.
"""

from ._catalog import (
    DOMAIN,
    LANGUAGES,
    SOURCE_LANGUAGE,
    TRANSLATIONS_DIR,
    catalog_language,
    has_message,
    message_ids,
    ntranslate,
    translate,
)
from ._format import format_date, format_number

__all__ = [
    "DOMAIN",
    "LANGUAGES",
    "SOURCE_LANGUAGE",
    "TRANSLATIONS_DIR",
    "catalog_language",
    "format_date",
    "format_number",
    "has_message",
    "message_ids",
    "ntranslate",
    "translate",
]
