"""People CSV files and the small CSV files that go with them (earlier rounds, pairs).

Every reader takes the raw bytes (UTF-8, with or without a byte order mark, or UTF-16 with
one, as Excel saves "Unicode text") or text plus the file name, reads ``;`` or tab as the
delimiter when the header row uses it (Excel in Swedish or Dutch saves ``;``), checks the
whole file before returning anything, and raises FormatError naming the file, the row (row 1
is the header, as in a spreadsheet) and the column.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import itertools
import re
import zoneinfo
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ._errors import FormatError, Problem, place
from ._people import PEOPLE_COLUMNS, Person
from ._spreadsheet import csv_text, restore_formula

__all__ = [
    "MAX_SENIORITY",
    "PAIR_COLUMNS",
    "ROUND_COLUMNS",
    "CsvRow",
    "RoundMembership",
    "csv_rows",
    "first_line",
    "read_pairs_csv",
    "read_people_csv",
    "read_rounds_csv",
    "sniff_delimiter",
    "spreadsheet_text",
    "write_people_csv",
]

MAX_SENIORITY = 10
ROUND_COLUMNS: tuple[str, ...] = ("id", "round", "group")
PAIR_COLUMNS: tuple[str, ...] = ("id_a", "id_b")

_EMAIL = re.compile(r"^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_LINE_END = re.compile(r"\r\n?|\n")
_BYTE_LINE_END = re.compile(rb"\r\n?|\n")
_AFTER_BARE_CR = re.compile(r"(?<=\r)(?!\n)")


@dataclass(frozen=True, slots=True)
class CsvRow:
    """One data row: its spreadsheet row number and its cells by column (stripped)."""

    number: int
    cells: dict[str, str]


@dataclass(frozen=True, slots=True)
class RoundMembership:
    """One line of an earlier round: ``person_id`` was in ``group`` in ``round``."""

    person_id: str
    round: str
    group: str


def spreadsheet_text(data: bytes, errors: str = "strict") -> str:
    """The text of a file saved by a spreadsheet: UTF-8 (BOM or not) or UTF-16 with a BOM.

    Raises UnicodeDecodeError for anything else (Latin-1 would silently garble names).
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors)
    return data.decode("utf-8-sig", errors)


def first_line(text: str) -> str:
    """The text up to the first line end: ``\r\n``, ``\n`` or a bare ``\r`` (Mac CSV)."""
    return _LINE_END.split(text, maxsplit=1)[0]


def sniff_delimiter(header_line: str) -> str:
    """``,`` unless the header row is split by more ``;`` or tabs (Excel's locale formats)."""
    return max(",;\t", key=header_line.count)


_NOT_UTF8 = "problem.file.not_utf8"


def _lines(data: bytes | str, filename: str) -> Iterator[str]:
    """The lines of the file, decoded as they are read: a fatal row near the top costs no more
    than the rows before it. Line ends (CRLF, LF or a bare CR) are kept for the CSV reader."""
    if isinstance(data, str):
        return iter(io.StringIO(data.removeprefix("\ufeff"), newline=""))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return iter(io.TextIOWrapper(io.BytesIO(data), encoding="utf-16", newline=""))
    return _utf8_lines(data, filename)


def _utf8_lines(data: bytes, filename: str) -> Iterator[str]:
    stream = io.BytesIO(data)
    offset = stream.seek(len(codecs.BOM_UTF8)) if data.startswith(codecs.BOM_UTF8) else 0
    for raw in stream:  # split at LF; a bare CR (Mac) is split below
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            line = len(_BYTE_LINE_END.findall(data, 0, offset + error.start)) + 1
            raise FormatError.of(filename, place(line=line), _NOT_UTF8) from None
        offset += len(raw)
        yield from filter(None, _AFTER_BARE_CR.split(text))


def csv_rows(
    data: bytes | str, filename: str, required: Sequence[str], *, restore: bool = True
) -> tuple[list[str], Iterator[CsvRow]]:
    """The header and the data rows of a CSV file that must have the ``required`` columns.

    Cells come back with the apostrophe of a defused formula taken off (``restore_formula``);
    ``restore=False`` gives them as the file holds them, for a reader that refuses formulas.

    Blank lines are skipped; a row with more or fewer cells than the header is an error.
    Nameless columns at the end of the header (the trailing delimiters a spreadsheet leaves)
    are dropped while their cells are empty. Rows are read (and decoded) one at a time.
    """
    lines = _lines(data, filename)
    try:
        first = next(lines, "")
    except UnicodeDecodeError:  # UTF-16 with a broken byte
        raise FormatError.of(filename, place(row=1), _NOT_UTF8) from None
    delimiter = sniff_delimiter(first_line(first))
    reader = csv.reader(itertools.chain([first], lines), delimiter=delimiter, strict=True)
    try:
        header = [restore_formula(name.strip()) for name in next(reader, [])]
    except csv.Error as error:
        raise FormatError.of(
            filename, place(row=1), "problem.file.not_csv", error=str(error)
        ) from None
    except UnicodeDecodeError:
        raise FormatError.of(filename, place(row=1), _NOT_UTF8) from None
    width = len(header)
    while header and not header[-1]:
        header.pop()
    if not header:
        raise FormatError.of(filename, None, "problem.file.empty")
    seen: set[str] = set()
    for position, name in enumerate(header, start=1):
        if not name:
            raise FormatError.of(
                filename, place(row=1, column=position), "problem.file.unnamed_column"
            )
        if name in seen:
            raise FormatError.of(filename, place(row=1, column=name), "problem.file.column_twice")
        seen.add(name)
    missing = [name for name in required if name not in seen]
    if missing:
        raise FormatError.of(
            filename,
            place(row=1),
            "problem.file.missing_columns",
            missing=", ".join(missing),
            found=", ".join(header),
        )

    def rows() -> Iterator[CsvRow]:
        number = 1
        try:
            for cells in reader:
                number += 1
                if not any(cell.strip() for cell in cells):
                    continue
                if len(header) < len(cells) <= width and not any(
                    cell.strip() for cell in cells[len(header) :]
                ):
                    cells = cells[: len(header)]
                if len(cells) != len(header):
                    raise FormatError.of(
                        filename,
                        place(row=number),
                        "problem.file.cell_count",
                        cells=len(cells),
                        columns=len(header),
                    )
                yield CsvRow(
                    number,
                    {
                        n: restore_formula(c.strip()) if restore else c.strip()
                        for n, c in zip(header, cells, strict=True)
                    },
                )
        except csv.Error as error:
            raise FormatError.of(
                filename, place(row=number + 1), "problem.file.not_csv", error=str(error)
            ) from None
        except UnicodeDecodeError:
            raise FormatError.of(filename, place(row=number + 1), _NOT_UTF8) from None

    return header, rows()


def _cell(row: CsvRow, column: str, filename: str, *, optional: bool = False) -> str:
    value = row.cells[column]
    where = place(row=row.number, column=column)
    if not value and not optional:
        raise FormatError.of(filename, where, "problem.file.empty_cell")
    if _CONTROL.search(value):
        raise FormatError.of(filename, where, "problem.file.control_character")
    return value


@functools.cache
def _known_timezone(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _person(row: CsvRow, extra_columns: Sequence[str], filename: str) -> Person:
    def where(column: str) -> Problem | None:
        return place(row=row.number, column=column)

    email = _cell(row, "email", filename)
    if not _EMAIL.match(email):
        raise FormatError.of(filename, where("email"), "problem.people.email", value=repr(email))
    timezone = _cell(row, "timezone", filename)
    if not _known_timezone(timezone):
        raise FormatError.of(
            filename, where("timezone"), "problem.people.timezone", value=repr(timezone)
        )
    raw_seniority = _cell(row, "seniority", filename)
    if not raw_seniority.isdigit() or not 1 <= int(raw_seniority) <= MAX_SENIORITY:
        raise FormatError.of(
            filename,
            where("seniority"),
            "problem.people.seniority",
            value=repr(raw_seniority),
            high=MAX_SENIORITY,
        )
    language = _cell(row, "language", filename).lower()
    if not _LANGUAGE.match(language):
        raise FormatError.of(
            filename, where("language"), "problem.people.language", value=repr(language)
        )
    return Person(
        id=_cell(row, "id", filename),
        name=_cell(row, "name", filename),
        email=email,
        manager_id=_cell(row, "manager_id", filename, optional=True) or None,
        department=_cell(row, "department", filename),
        location=_cell(row, "location", filename),
        timezone=timezone,
        seniority=int(raw_seniority),
        language=language,
        extra={column: row.cells[column] for column in extra_columns},
    )


def read_people_csv(data: bytes | str, filename: str) -> list[Person]:
    """People from a CSV with the ``PEOPLE_COLUMNS`` (any order); other columns go to ``extra``.

    Ids and e-mail addresses must be unique, every manager id must be a person in the file,
    and manager links must not loop.
    """
    header, rows = csv_rows(data, filename, PEOPLE_COLUMNS)
    extra_columns = [name for name in header if name not in PEOPLE_COLUMNS]
    people: list[Person] = []
    row_of: dict[str, int] = {}
    emails: dict[str, int] = {}
    for row in rows:
        person = _person(row, extra_columns, filename)
        if person.id in row_of:
            raise FormatError.of(
                filename,
                place(row=row.number, column="id"),
                "problem.people.id_used",
                value=repr(person.id),
                row=row_of[person.id],
            )
        email = person.email.casefold()
        if email in emails:
            raise FormatError.of(
                filename,
                place(row=row.number, column="email"),
                "problem.people.email_used",
                value=repr(person.email),
                row=emails[email],
            )
        row_of[person.id], emails[email] = row.number, row.number
        people.append(person)
    if not people:
        raise FormatError.of(filename, None, "problem.people.none")
    _check_managers(people, row_of, filename)
    return people


def _check_managers(people: Sequence[Person], row_of: dict[str, int], filename: str) -> None:
    manager = {p.id: p.manager_id for p in people}
    for person in people:
        if person.manager_id is None:
            continue
        where = place(row=row_of[person.id], column="manager_id")
        if person.manager_id == person.id:
            raise FormatError.of(
                filename, where, "problem.people.own_manager", value=repr(person.id)
            )
        if person.manager_id not in manager:
            raise FormatError.of(
                filename, where, "problem.people.unknown_manager", value=repr(person.manager_id)
            )
    settled: set[str] = set()  # people whose chain is known to end at the top
    for person in people:
        chain: list[str] = []
        on_chain: set[str] = set()
        current: str | None = person.id
        while current is not None and current not in settled:
            if current in on_chain:
                loop = [*chain[chain.index(current) :], current]
                raise FormatError.of(
                    filename,
                    place(row=row_of[current], column="manager_id"),
                    "problem.people.manager_loop",
                    chain=" → ".join(loop),
                )
            chain.append(current)
            on_chain.add(current)
            current = manager[current]
        settled.update(chain)


def write_people_csv(people: Sequence[Person]) -> str:
    """CSV text in ``PEOPLE_COLUMNS`` order, then every extra column in order of first use."""
    extra_columns: dict[str, None] = {}
    for person in people:
        extra_columns.update(dict.fromkeys(person.extra))
    rows: list[list[object]] = [[*PEOPLE_COLUMNS, *extra_columns]]
    for p in people:
        rows.append(
            [
                p.id,
                p.name,
                p.email,
                p.manager_id or "",
                p.department,
                p.location,
                p.timezone,
                p.seniority,
                p.language,
                *(p.extra.get(column, "") for column in extra_columns),
            ]
        )
    return csv_text(rows)


def read_rounds_csv(data: bytes | str, filename: str) -> list[RoundMembership]:
    """Earlier rounds (``id,round,group``): who sat in which group; a person once per round."""
    _, rows = csv_rows(data, filename, ROUND_COLUMNS)
    result: list[RoundMembership] = []
    seen: dict[tuple[str, str], int] = {}
    for row in rows:
        entry = RoundMembership(*(_cell(row, column, filename) for column in ROUND_COLUMNS))
        key = (entry.person_id, entry.round)
        if key in seen:
            raise FormatError.of(
                filename,
                place(row=row.number, column="id"),
                "problem.people.round_twice",
                value=repr(entry.person_id),
                round=repr(entry.round),
                row=seen[key],
            )
        seen[key] = row.number
        result.append(entry)
    return result


def read_pairs_csv(data: bytes | str, filename: str) -> list[tuple[str, str]]:
    """Pairs of people (``id_a,id_b``), e.g. who must be together or apart."""
    _, rows = csv_rows(data, filename, PAIR_COLUMNS)
    pairs: list[tuple[str, str]] = []
    for row in rows:
        a, b = (_cell(row, column, filename) for column in PAIR_COLUMNS)
        if a == b:
            raise FormatError.of(
                filename,
                place(row=row.number, column="id_b"),
                "problem.people.self_pair",
                value=repr(a),
            )
        pairs.append((a, b))
    return pairs
