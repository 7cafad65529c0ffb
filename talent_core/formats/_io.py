"""One entry point per job: detect, read, validate and write a framework in any format."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import PurePath

from .._errors import FormatError, InputError
from .._framework import CompetencyFramework
from .._people_csv import first_line, spreadsheet_text
from ._case import read_case, write_case
from ._moodle import looks_like_moodle, read_moodle, write_moodle
from ._native import SCHEMA_ID, read_native, write_native
from ._openedx import TAXONOMY_HEADER, write_taxonomy_csv, write_taxonomy_json
from ._source import ProblemList, decode_text, raise_first

__all__ = [
    "FORMATS",
    "IMPORT_FORMATS",
    "detect_format",
    "read_framework",
    "validate_framework_file",
    "write_framework",
]

#: Every format name; the Open edX taxonomy formats are export-only (tags carry no scale).
FORMATS: tuple[str, ...] = (
    "json",
    "moodle-csv",
    "case",
    "openedx-taxonomy-csv",
    "openedx-taxonomy-json",
)
IMPORT_FORMATS: tuple[str, ...] = ("json", "moodle-csv", "case")

_Reader = Callable[[bytes, str, ProblemList, str], CompetencyFramework | None]
_READERS: dict[str, _Reader] = {
    "json": lambda data, file, problems, _language: read_native(data, file, problems),
    "moodle-csv": read_moodle,
    "case": read_case,
}
_WRITERS: dict[str, Callable[[CompetencyFramework, str], bytes]] = {
    "json": lambda framework, _language: write_native(framework),
    "moodle-csv": write_moodle,
    "case": write_case,
    "openedx-taxonomy-csv": write_taxonomy_csv,
    "openedx-taxonomy-json": write_taxonomy_json,
}
_HINTS = {".json": "json", ".csv": "moodle-csv"}


def _from_json(data: bytes, filename: str) -> str | None:
    try:
        value = json.loads(decode_text(data, filename))
    except (json.JSONDecodeError, FormatError):
        return None
    except RecursionError:  # Python's JSON reader gives up near 1,000 levels of nesting
        raise FormatError(filename, "", "JSON nested too deeply to read") from None
    if isinstance(value, dict):
        if value.get("$schema") == SCHEMA_ID or {"nodes", "scale"} & value.keys():
            return "json"
        if {"CFPackage", "CFDocument", "CFItems"} & value.keys():
            return "case"
        if isinstance(value.get("tags"), list):
            return "openedx-taxonomy-json"
    return None


def detect_format(data: bytes, filename: str) -> str:
    """The format of a file, judged by its content first and its extension as a hint."""
    found = _from_json(data, filename)
    if found:
        return found
    text = spreadsheet_text(data[:4096], errors="replace").lstrip("\ufeff")
    header = first_line(text).strip()
    if looks_like_moodle(header):
        return "moodle-csv"
    if header.replace(" ", "").lower().startswith(TAXONOMY_HEADER):
        return "openedx-taxonomy-csv"
    hint = _HINTS.get(PurePath(filename).suffix.lower())
    if hint == "json" and text.lstrip()[:1] in ("{", "["):
        return hint  # broken JSON: reading it names the line and column
    if not text.strip():
        raise FormatError(filename, "", "the file is empty")
    raise FormatError(
        filename,
        "",
        "cannot tell the format: expected native JSON, CASE JSON or a Moodle competency "
        "framework CSV (name the format to read it as)",
    )


def _read(
    data: bytes, filename: str, fmt: str | None, language: str
) -> tuple[CompetencyFramework | None, ProblemList]:
    fmt = fmt or detect_format(data, filename)
    problems = ProblemList(filename)
    reader = _READERS.get(fmt)
    if reader is None:
        why = "is export-only" if fmt in FORMATS else "is not a known format"
        raise FormatError(
            filename, "", f"{fmt!r} {why}; frameworks import from {', '.join(IMPORT_FORMATS)}"
        )
    try:
        framework = reader(data, filename, problems, language)
    except FormatError as error:  # a file too broken to read on: one problem
        problems.errors.append(error)
        framework = None
    return framework, problems


def read_framework(
    data: bytes, filename: str, fmt: str | None = None, *, language: str = "en"
) -> CompetencyFramework:
    """A complete, validated framework, or FormatError naming the file, place and problem.

    ``language`` is the language of texts whose file does not say (Moodle CSV has none).
    """
    framework, problems = _read(data, filename, fmt, language)
    raise_first(problems)
    assert framework is not None
    return framework


def validate_framework_file(
    data: bytes,
    filename: str,
    fmt: str | None = None,
    *,
    language: str = "en",
    ui_language: str | None = "en",
) -> list[str]:
    """Every problem of the file (empty when it imports), each naming its place; the core's
    problems worded in ``ui_language`` (``language`` is the one the file's texts are in)."""
    try:
        _, problems = _read(data, filename, fmt, language)
    except FormatError as error:
        return [error.text(ui_language)]
    return [error.text(ui_language) for error in problems.errors]


def write_framework(
    framework: CompetencyFramework, fmt: str, *, language: str | None = None
) -> bytes:
    """The framework in ``fmt``; ``language`` picks the text for one-language formats."""
    try:
        writer = _WRITERS[fmt]
    except KeyError:
        raise InputError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}") from None
    return writer(framework, language or framework.default_language)
