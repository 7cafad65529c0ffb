"""Keep the blocks' catalogs in step with the code: ``python -m xblocks.i18n_tools <command>``.

* ``extract``: collect every message from the Python code (``_``, ``N_``, ``gettext``,
  ``ugettext``, ``ngettext``, ``ungettext``) and the templates (``{% trans "..." %}``) into each
  ``translations/<lang>/LC_MESSAGES/text.po``; new ones arrive untranslated, removed ones go.
* ``compile``: write each ``text.mo`` from its ``text.po`` (``make translations``).
* ``check``: list what is missing: messages not in a catalog, untranslated or fuzzy entries in
  a translated language, ``.mo`` files that differ from their ``.po``. Exit 1 if any.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from .i18n import DOMAIN, LANGUAGES, SOURCE_LANGUAGE, TRANSLATIONS_DIR

__all__ = ["catalog_problems", "compile_catalogs", "extract_messages", "main", "update_catalogs"]

PACKAGE_DIR = Path(__file__).resolve().parent
KEYWORDS = {
    "_": None,
    "N_": None,
    "gettext": None,
    "ugettext": None,
    "ngettext": (1, 2),
    "ungettext": (1, 2),
}
_TRANS_TAG = re.compile(r"""\{%\s*trans\s+(?:"([^"\\]*)"|'([^'\\]*)')""")

Message = str | tuple[str, ...]


def po_path(language: str) -> Path:
    return TRANSLATIONS_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def _sources() -> Iterator[Path]:
    yield from sorted(PACKAGE_DIR.rglob("*.py"))
    # The core's roster errors are msgids the blocks translate where they show them.
    yield PACKAGE_DIR.parent / "talent_core" / "_roster.py"
    yield PACKAGE_DIR.parent / "talent_core" / "managers" / "_roster.py"
    yield from sorted((PACKAGE_DIR / "templates").rglob("*.html"))


def extract_messages() -> dict[Message, list[str]]:
    """Every translatable message (a tuple for singular/plural) and the files using it."""
    found: dict[Message, list[str]] = {}
    for path in _sources():
        where = path.relative_to(PACKAGE_DIR.parent).as_posix()
        text = path.read_text("utf-8")
        if path.suffix == ".py":
            items = extract("python", io.BytesIO(text.encode()), keywords=KEYWORDS)
            messages: list[Message] = [m for _, m, _, _ in items]
        else:
            messages = [a or b for a, b in _TRANS_TAG.findall(text)]
        for message in messages:
            files = found.setdefault(message, [])
            if where not in files:
                files.append(where)
    return found


def _read(path: Path, language: str) -> Catalog:
    if not path.exists():
        return Catalog(
            locale=language,
            domain=DOMAIN,
            header_comment=f"# {language} messages of the talent-development XBlocks.",
            project="talent-development",
            copyright_holder="the talent-development authors",
            last_translator="talent-development team",
            language_team=language,
            fuzzy=False,
        )
    with path.open("rb") as f:
        return read_po(f, locale=language, domain=DOMAIN)


def update_catalogs() -> None:
    """Bring every ``.po`` in line with the messages the code uses."""
    messages = extract_messages()
    for language in LANGUAGES:
        path = po_path(language)
        catalog = _read(path, language)
        template = Catalog(domain=DOMAIN, project="talent-development")
        template.creation_date = catalog.creation_date
        for message, files in messages.items():
            template.add(message, locations=[(f, 0) for f in files])
        catalog.update(template, no_fuzzy_matching=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as f:
            write_po(f, catalog, ignore_obsolete=True, include_lineno=False)


def compile_catalogs() -> None:
    for language in LANGUAGES:
        catalog = _read(po_path(language), language)
        po_path(language).with_suffix(".mo").write_bytes(_compiled(catalog))


def _compiled(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def catalog_problems() -> list[str]:
    """Everything that keeps the catalogs from matching the code; empty when all is well."""
    problems: list[str] = []
    messages = extract_messages()
    for language in LANGUAGES:
        path = po_path(language)
        if not path.exists():
            problems.append(f"{path}: missing; run extract")
            continue
        catalog = _read(path, language)
        for message in messages:
            entry = catalog.get(message)
            if entry is None:
                problems.append(f"{path}: {message!r} is not in the catalog; run extract")
            elif language != SOURCE_LANGUAGE and (entry.fuzzy or not _translated(entry.string)):
                problems.append(f"{path}: {message!r} is not translated")
        mo = path.with_suffix(".mo")
        if not mo.exists():
            problems.append(f"{mo}: missing; run compile")
            continue
        if mo.read_bytes() != _compiled(catalog):
            problems.append(f"{mo}: differs from {path.name}; run compile")
    return problems


def _translated(string: str | Sequence[str] | None) -> bool:
    return all(string) if isinstance(string, list | tuple) else bool(string)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m xblocks.i18n_tools", description=__doc__)
    parser.add_argument("command", choices=("extract", "compile", "check"))
    command = parser.parse_args(argv).command
    if command == "extract":
        update_catalogs()
    elif command == "compile":
        compile_catalogs()
    else:
        problems = catalog_problems()
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
