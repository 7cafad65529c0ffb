"""Keep the blocks' catalogs in step with the code: ``python -m xblocks.i18n_tools <command>``.

The same ``extract`` / ``compile`` / ``check`` commands as every catalog of the project
(:mod:`talent_core.i18n.tools`), run on the blocks' ``text`` domain: messages come from the
Python code (``_``, ``N_``, ``gettext``, ``ugettext``, ``ngettext``, ``ungettext``) and the
templates (``{% trans "..." %}``); new ones arrive untranslated, removed ones go.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from talent_core.i18n import tools
from talent_core.i18n.tools import CatalogSet, Message, python_messages

from .i18n import DOMAIN, LANGUAGES, SOURCE_LANGUAGE, TRANSLATIONS_DIR

__all__ = [
    "BLOCK_CATALOG",
    "catalog_problems",
    "compile_catalogs",
    "extract_messages",
    "main",
    "update_catalogs",
]

PACKAGE_DIR = Path(__file__).resolve().parent
_TRANS_TAG = re.compile(r"""\{%\s*trans\s+(?:"([^"\\]*)"|'([^'\\]*)')""")


def _python_files() -> Iterator[Path]:
    yield from sorted(PACKAGE_DIR.rglob("*.py"))
    # The core's roster errors are msgids the blocks translate where they show them.
    yield PACKAGE_DIR.parent / "talent_core" / "_roster.py"
    yield PACKAGE_DIR.parent / "talent_core" / "managers" / "_roster.py"


def _block_messages() -> dict[Message, list[str]]:
    found = python_messages(_python_files(), PACKAGE_DIR.parent, tools.PYTHON_KEYWORDS)
    for path in sorted((PACKAGE_DIR / "templates").rglob("*.html")):
        where = path.relative_to(PACKAGE_DIR.parent).as_posix()
        for a, b in _TRANS_TAG.findall(path.read_text("utf-8")):
            files = found.setdefault(a or b, [])
            if where not in files:
                files.append(where)
    return found


BLOCK_CATALOG = CatalogSet(
    name="blocks",
    domain=DOMAIN,
    directory=TRANSLATIONS_DIR,
    languages=LANGUAGES,
    root=PACKAGE_DIR.parent,
    sources=_block_messages,
    source_language=SOURCE_LANGUAGE,
    header="the talent-development XBlocks",
)


def extract_messages(catalogs: CatalogSet = BLOCK_CATALOG) -> dict[Message, list[str]]:
    """Every translatable message (a tuple for singular/plural) and the files using it."""
    return tools.extract_messages(catalogs)


def update_catalogs(catalogs: CatalogSet = BLOCK_CATALOG) -> None:
    tools.update_catalogs(catalogs)


def compile_catalogs(catalogs: CatalogSet = BLOCK_CATALOG) -> None:
    tools.compile_catalogs(catalogs)


def catalog_problems(catalogs: CatalogSet = BLOCK_CATALOG) -> list[str]:
    """Everything that keeps the blocks' catalogs from matching the code; empty when all is well."""
    return tools.catalog_problems(catalogs)


def main(argv: Sequence[str] | None = None) -> int:
    return tools.main(argv, (BLOCK_CATALOG,))


if __name__ == "__main__":
    sys.exit(main())
