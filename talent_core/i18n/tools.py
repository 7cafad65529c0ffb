"""Keep gettext catalogs in step with the code: ``python -m talent_core.i18n.tools <command>``.

One set of commands for every catalog of the project (the blocks' set is declared in
``xblocks.i18n_tools``, which runs these same commands on it):

* ``extract``: bring every language's ``.po`` in line with the messages. For a catalog with
  English msgids they are collected from the code (and templates); for a catalog of stable
  message ids (``talent``) the English catalog is the source, and the other languages get each
  new id untranslated, with its English text as a comment for the translator.
* ``compile``: write each ``.mo`` from its ``.po``.
* ``check``: list what is missing: messages not in a catalog, untranslated or fuzzy entries,
  translations whose ``{placeholders}`` differ from the English, stale ``.mo`` files. Exit 1 if any.
"""

from __future__ import annotations

import argparse
import gettext
import io
import string
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.catalog import Message as Entry
from babel.messages.extract import extract
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from ._catalog import DOMAIN, LANGUAGES, SOURCE_LANGUAGE, TRANSLATIONS_DIR

__all__ = [
    "TALENT_CATALOG",
    "CatalogSet",
    "catalog_problems",
    "compile_catalogs",
    "extract_messages",
    "main",
    "placeholders",
    "update_catalogs",
]

#: A message: its id, or a (singular, plural) pair.
Message = str | tuple[str, ...]

PYTHON_KEYWORDS: Mapping[str, tuple[int, ...] | None] = {
    "_": None,
    "N_": None,
    "gettext": None,
    "ugettext": None,
    "ngettext": (1, 2),
    "ungettext": (1, 2),
}


@dataclass(frozen=True)
class CatalogSet:
    """One gettext domain: where its catalogs live and where its messages come from."""

    name: str
    domain: str
    directory: Path
    languages: tuple[str, ...]
    #: Files the paths in the catalogs are relative to.
    root: Path
    #: Messages used in the code (English msgids); ``None`` when the ids are stable names whose
    #: English text is the source-language catalog.
    sources: Callable[[], dict[Message, list[str]]] | None = None
    source_language: str = SOURCE_LANGUAGE
    header: str = "the talent-development project"
    keywords: Mapping[str, tuple[int, ...] | None] = field(default_factory=lambda: PYTHON_KEYWORDS)

    def po_path(self, language: str) -> Path:
        return self.directory / language / "LC_MESSAGES" / f"{self.domain}.po"

    @property
    def symbolic(self) -> bool:
        return self.sources is None


TALENT_CATALOG = CatalogSet(
    name="talent",
    domain=DOMAIN,
    directory=TRANSLATIONS_DIR,
    languages=LANGUAGES,
    root=TRANSLATIONS_DIR.parents[2],
    header="the talent_core and talent_lab texts (problems, notices, reasons, notebooks)",
)


def python_messages(
    files: Iterable[Path], root: Path, keywords: Mapping[str, tuple[int, ...] | None]
) -> dict[Message, list[str]]:
    """Every message the Python ``files`` mark with ``keywords``, and the files using it."""
    found: dict[Message, list[str]] = {}
    for path in files:
        items = extract("python", io.BytesIO(path.read_bytes()), keywords=keywords)
        _note(found, (message for _, message, _, _ in items), path, root)
    return found


def _note(
    found: dict[Message, list[str]], messages: Iterable[Message], path: Path, root: Path
) -> None:
    where = path.relative_to(root).as_posix()
    for message in messages:
        files = found.setdefault(message, [])
        if where not in files:
            files.append(where)


def extract_messages(catalogs: CatalogSet) -> dict[Message, list[str]]:
    """The messages a catalog must hold: from the code, or the source-language catalog's ids."""
    if catalogs.sources is not None:
        return catalogs.sources()
    source = read_catalog(catalogs, catalogs.source_language)
    return {_message(entry.id): [] for entry in source if entry.id}


def _message(message_id: str | Sequence[str]) -> Message:
    return message_id if isinstance(message_id, str) else tuple(message_id)


def read_catalog(catalogs: CatalogSet, language: str) -> Catalog:
    path = catalogs.po_path(language)
    if not path.exists():
        return Catalog(
            locale=language,
            domain=catalogs.domain,
            header_comment=f"# {language} messages of {catalogs.header}.",
            project="talent-development",
            copyright_holder="the talent-development authors",
            last_translator="talent-development team",
            language_team=language,
            fuzzy=False,
        )
    with path.open("rb") as f:
        return read_po(f, locale=language, domain=catalogs.domain)


def write_catalog(catalogs: CatalogSet, language: str, catalog: Catalog) -> None:
    path = catalogs.po_path(language)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        write_po(f, catalog, ignore_obsolete=True, include_lineno=False)


def _english(entry: Entry | None) -> list[str]:
    """The English forms of a message in a catalog of stable ids (the ``en`` entry's text)."""
    return [] if entry is None else _forms(entry.string)


def update_catalogs(catalogs: CatalogSet) -> None:
    """Bring every ``.po`` in line with the messages (see the module's ``extract``)."""
    messages = extract_messages(catalogs)
    source = read_catalog(catalogs, catalogs.source_language)
    for language in catalogs.languages:
        if catalogs.symbolic and language == catalogs.source_language:
            continue
        catalog = read_catalog(catalogs, language)
        template = Catalog(domain=catalogs.domain, project="talent-development")
        template.creation_date = catalog.creation_date
        for message, files in messages.items():
            comments: list[str] = []
            if catalogs.symbolic:
                comments = [f"English: {text}" for text in _english(source.get(message))]
            template.add(message, locations=[(f, 0) for f in files], auto_comments=comments)
        catalog.update(template, no_fuzzy_matching=True)
        write_catalog(catalogs, language, catalog)


def _mo_messages(data: bytes) -> dict[Any, Any]:
    """What a compiled catalog translates, without its header: the header names the Babel
    release that wrote it (Open edX Ulmo has 2.17, this project's venv 2.18)."""
    translations = gettext.GNUTranslations(io.BytesIO(data))
    messages: dict[Any, Any] = dict(translations._catalog)  # type: ignore[attr-defined]
    messages.pop("", None)
    return messages


def _compiled(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def compile_catalogs(catalogs: CatalogSet) -> None:
    for language in catalogs.languages:
        catalog = read_catalog(catalogs, language)
        catalogs.po_path(language).with_suffix(".mo").write_bytes(_compiled(catalog))


def placeholders(text: str) -> set[str]:
    """The ``{name}`` fields of a ``str.format`` template (``{name!r}`` counts as ``name!r``)."""
    found: set[str] = set()
    for _, name, spec, conversion in string.Formatter().parse(text):
        if name is not None:
            found.add(
                name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            )
    return found


def _forms(string_: str | Sequence[str] | None) -> list[str]:
    if string_ is None or isinstance(string_, str):
        return [string_ or ""]
    return list(string_)


def _placeholder_problem(english: list[str], translated: list[str]) -> str | None:
    wanted = set().union(*(placeholders(t) for t in english)) if english else set()
    for text in translated:
        try:
            got = placeholders(text)
        except ValueError as error:
            return f"is not a valid template ({error})"
        # A singular form may leave out {count} ("one hour"), never add a field.
        if not got <= wanted or (len(translated) == 1 and got != wanted):
            return f"has placeholders {sorted(got)} where the English has {sorted(wanted)}"
    return None


def catalog_problems(catalogs: CatalogSet) -> list[str]:
    """Everything that keeps the catalogs from matching the code; empty when all is well."""
    problems: list[str] = []
    messages = extract_messages(catalogs)
    source = read_catalog(catalogs, catalogs.source_language)
    for language in catalogs.languages:
        path = catalogs.po_path(language)
        if not path.exists():
            problems.append(f"{path}: missing; run extract")
            continue
        catalog = read_catalog(catalogs, language)
        checked = catalogs.symbolic or language != catalogs.source_language
        for message in messages:
            entry = catalog.get(message)
            if entry is None:
                problems.append(f"{path}: {message!r} is not in the catalog; run extract")
                continue
            if not checked:
                continue
            forms = _forms(entry.string)
            if entry.fuzzy or not all(forms):
                problems.append(f"{path}: {message!r} is not translated")
                continue
            english = _english(source.get(message)) if catalogs.symbolic else _forms(message)
            wrong = _placeholder_problem(english, forms)
            if wrong:
                problems.append(f"{path}: {message!r} {wrong}")
        mo = path.with_suffix(".mo")
        if not mo.exists():
            problems.append(f"{mo}: missing; run compile")
        elif _mo_messages(mo.read_bytes()) != _mo_messages(_compiled(catalog)):
            problems.append(f"{mo}: differs from {path.name}; run compile")
    return problems


def main(
    argv: Sequence[str] | None = None, catalogs: Sequence[CatalogSet] = (TALENT_CATALOG,)
) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", choices=("extract", "compile", "check"))
    command = parser.parse_args(argv).command
    problems: list[str] = []
    for one in catalogs:
        if command == "extract":
            update_catalogs(one)
        elif command == "compile":
            compile_catalogs(one)
        else:
            problems += catalog_problems(one)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
