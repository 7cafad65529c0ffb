"""The files HR's pipeline reads, checked: the managers' talent views and the manager ratings
in the development plan rows (the people file and the self-assessments are read as the
dashboards read them, :mod:`talent_lab._dashboard_reports`).

Every problem names the file, the row (the header is row 1, as in a spreadsheet) and the
column; nothing here loops over rows in Python except to name a bad cell.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from talent_core import FormatError
from talent_core.pipeline import READINESS
from talent_core.reports import (
    DEFUSED_PATTERN,
    MANAGER_RATING_PREFIX,
    REPORT_ENCODING,
)

from ._pipeline_demo import TALENT_VIEW_COLUMNS, TALENT_VIEW_SIGNATURE

__all__ = [
    "PEOPLE_PIPELINE_COLUMNS",
    "fast_levels",
    "header_of",
    "is_talent_view",
    "manager_rating_levels",
    "read_people_frame",
    "read_talent_view",
]

#: The people file's columns the pipeline uses (``role_id`` is optional).
PEOPLE_PIPELINE_COLUMNS = ("id", "name", "email", "manager_id", "department")

#: Largest level a manager's rating cell may hold (far above any scale).
_MAX_LEVEL = 1_000_000


#: Raw bytes that may hold a cell with spaces around it, a defused formula (``'=``) or a
#: control character other than a line end: only then are the cells cleaned one by one (a
#: Python loop per cell, which 100,000 rows cannot afford when nothing needs it).
_DEFUSED_BYTES = re.compile(rb"'+[=+\-@\t\r]")
_CONTROL_BYTES = bytes([*range(0, 10), 11, 12, *range(14, 32), 127])


def _padded(data: bytes) -> bool:
    """Whether a space or tab stands next to a delimiter or a line end anywhere in the file
    (one numpy pass over the bytes: 50 MB in a fraction of a second)."""
    raw = np.frombuffer(data, dtype=np.uint8)
    space = (raw == 32) | (raw == 9)
    if not space.any():
        return False
    edge = (raw == 44) | (raw == 10) | (raw == 13)
    return bool(
        space[0] or space[-1] or (space[1:] & edge[:-1]).any() or (space[:-1] & edge[1:]).any()
    )


def _has_control(data: bytes) -> bool:
    """A control character other than a line end (counted without a Python loop)."""
    return len(data.translate(None, _CONTROL_BYTES)) != len(data)


def _strip(frame: pd.DataFrame, data: bytes, columns: Iterable[str]) -> pd.DataFrame:
    """The text columns without spaces around cells, and defused formula cells restored,
    cell by cell only where the file's bytes show there is something to do."""
    padded = _padded(data)
    defused = b"'" in data and _DEFUSED_BYTES.search(data) is not None
    for column in columns:
        if column not in frame:
            continue
        if padded:
            frame[column] = frame[column].str.strip()
        if defused:
            frame[column] = frame[column].str.replace(DEFUSED_PATTERN, "", regex=True)
    return frame


def is_talent_view(columns: Iterable[object]) -> bool:
    """Whether a file with these header columns is the talent view download."""
    return {str(c).strip() for c in columns} >= TALENT_VIEW_SIGNATURE


def _where(frame: pd.DataFrame, position: int, column: str) -> str:
    return f"row {int(frame.index[position]) + 2}, column {column}"


def read_talent_view(data: bytes, filename: str) -> pd.DataFrame:
    """The talent view rows (``TALENT_VIEW_COLUMNS``): one per learner, role and conversation.

    Raises FormatError for a readiness that is not one of ``READINESS`` or a date that is not
    ISO (2026-09-30), naming file, row and column. Rows with a ``problem`` cell (a state the
    block could not read) are left out.
    """
    try:
        frame = pd.read_csv(
            io.BytesIO(data), dtype=str, keep_default_na=False, encoding=REPORT_ENCODING
        )
    except UnicodeDecodeError as error:
        raise FormatError(filename, "", f"not UTF-8 text ({error.reason})") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise FormatError(filename, "", f"not a CSV table ({error})") from None
    frame.columns = [str(column).strip() for column in frame.columns]
    if "manager_username" not in frame.columns:  # the manager is not needed to count
        frame["manager_username"] = ""
    missing = [c for c in TALENT_VIEW_COLUMNS if c not in frame.columns]
    if missing:
        raise FormatError(filename, "row 1", f"missing column(s) {', '.join(missing)}")
    if "problem" in frame:
        frame = frame[frame["problem"].str.strip() == ""]
    frame = _strip(frame[list(TALENT_VIEW_COLUMNS)].copy(), data, TALENT_VIEW_COLUMNS)
    empty = frame["username"] == ""
    if empty.any():
        raise FormatError(
            filename, _where(frame, int(empty.to_numpy().argmax()), "username"), "the cell is empty"
        )
    unknown = ~frame["readiness"].isin(READINESS)
    if unknown.any():
        position = int(unknown.to_numpy().argmax())
        raise FormatError(
            filename,
            _where(frame, position, "readiness"),
            f"{frame['readiness'].iloc[position]!r} is not one of {', '.join(READINESS)}",
        )
    when = pd.to_datetime(frame["conversation_date"], format="%Y-%m-%d", errors="coerce")
    bad = when.isna()
    if bad.any():
        position = int(bad.to_numpy().argmax())
        raise FormatError(
            filename,
            _where(frame, position, "conversation_date"),
            f"{frame['conversation_date'].iloc[position]!r} is not a date such as 2026-09-30",
        )
    odd = frame["conversation_date"].str.len() != len("2026-09-30")
    if odd.any():  # 2026-9-3: written as the others, so that dates sort as text
        frame.loc[odd, "conversation_date"] = when[odd].dt.strftime("%Y-%m-%d")
    return frame.reset_index(drop=True)


def manager_rating_levels(plans: pd.DataFrame, filename: str) -> pd.DataFrame:
    """Each learner's manager ratings (``manager_rating:<competency id>`` columns of the plan
    rows) as numbers, NaN where the manager gave none: the latest plan row per learner
    (``saved_on``, then the later row), so each learner counts once.

    Raises FormatError at a cell that is not a whole number, naming file, row and column.
    """
    columns = [c for c in plans.columns if str(c).startswith(MANAGER_RATING_PREFIX)]
    if plans.empty:
        return pd.DataFrame(columns=["username", *columns])
    saved = plans["saved_on"] if "saved_on" in plans else pd.Series("", index=plans.index)
    order = np.lexsort((np.arange(len(plans)), saved.fillna("").astype(str).to_numpy()))
    latest = plans.iloc[order].drop_duplicates("username", keep="last")
    result = pd.DataFrame({"username": latest["username"].astype(str)})
    for column in columns:
        if pd.api.types.is_float_dtype(latest[column]):  # read by fast_levels: checked
            result[column.removeprefix(MANAGER_RATING_PREFIX)] = latest[column].to_numpy()
            continue
        text = latest[column].fillna("").astype(str).str.strip()
        values = pd.to_numeric(text, errors="coerce").astype("float64")
        wrong = ~np.isfinite(values) | (values.abs() > _MAX_LEVEL) | (values.mod(1).fillna(0) != 0)
        bad = (text != "") & wrong
        if bad.any():
            position = int(bad.to_numpy().argmax())
            raise FormatError(
                filename,
                _where(latest, position, column),
                f"{text.iloc[position]!r} is not a level (a whole number)",
            )
        result[column.removeprefix(MANAGER_RATING_PREFIX)] = values.where(text != "")
    return result.reset_index(drop=True)


def header_of(data: bytes) -> list[str]:
    """The header row of a download (UTF-8, with or without a byte-order mark), stripped;
    empty when it is not such a CSV (the full readers then say what is wrong)."""
    try:
        frame = pd.read_csv(
            io.BytesIO(data), nrows=0, encoding=REPORT_ENCODING, sep=None, engine="python"
        )
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError, csv.Error):
        return []
    return [str(column).strip() for column in frame.columns]


def _padded_levels(
    data: bytes, wanted: Sequence[str], levels: Sequence[str]
) -> pd.DataFrame | None:
    """The columns as text, the levels stripped and made numbers; None when a level cell is
    not a number (the checking reader then names it)."""
    try:
        frame = pd.read_csv(
            io.BytesIO(data),
            encoding=REPORT_ENCODING,
            usecols=[*wanted, *levels],
            dtype=str,
            keep_default_na=False,
        )
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError):
        return None
    for column in levels:
        cells = frame[column].str.strip()
        values = pd.to_numeric(cells.replace("", np.nan), errors="coerce").astype("float64")
        if (values.isna() & (cells != "")).any():
            return None
        frame[column] = values
    return frame


def fast_levels(
    data: bytes,
    header: Sequence[str],
    keys: Sequence[str],
    prefix: str,
    scales: Mapping[str, Sequence[int]],
) -> pd.DataFrame | None:
    """The ``keys`` columns (as text) and the ``prefix`` level columns (as numbers, NaN where
    empty) of a well-formed download, parsed by pandas' C reader: 100,000 rows in well under a
    second. None when any cell is not a level on its competency's scale (or the file is not
    plain UTF-8 CSV with a comma): the caller then reads it with the checking reader, which
    names the file, row and column of the problem."""
    del header  # the raw names (spaces and all) are what the C reader matches
    try:
        raw = [str(c) for c in pd.read_csv(io.BytesIO(data), nrows=0, encoding=REPORT_ENCODING)]
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError):
        return None
    levels = [c for c in raw if c.strip().startswith(prefix)]
    wanted = [c for c in raw if c.strip() in keys or c.strip() == "problem"]
    text = dict.fromkeys(wanted, str)
    try:
        frame = pd.read_csv(
            io.BytesIO(data),
            encoding=REPORT_ENCODING,
            usecols=[*wanted, *levels],
            dtype={**text, **dict.fromkeys(levels, "float64")},
            keep_default_na=False,
            na_values={c: [""] for c in levels},
            skipinitialspace=True,
        )
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError):
        frame = _padded_levels(data, wanted, levels)  # " 3 ": read as text, then as numbers
        if frame is None:
            return None
    levels = [c.strip() for c in levels]
    wanted = [c.strip() for c in wanted]
    frame.columns = [str(column).strip() for column in frame.columns]
    for column in levels:
        values = frame[column].to_numpy(dtype=np.float64)
        rated = ~np.isnan(values)
        scale = scales.get(column.removeprefix(prefix))
        bad = rated & (~np.isfinite(values) | (np.mod(values, 1) != 0))
        if scale is not None:
            bad |= rated & ~np.isin(values, np.asarray(scale, dtype=np.float64))
        if bad.any():
            return None
    if "problem" in frame:
        frame = frame[frame["problem"].str.strip() == ""].drop(columns="problem")
    return _strip(frame, data, wanted).reset_index(drop=True)


def read_people_frame(data: bytes, filename: str) -> pd.DataFrame | None:
    """The people file's ``PEOPLE_PIPELINE_COLUMNS`` (and ``role_id``), checked as far as the
    pipeline uses them: every id and e-mail given once, every manager a person of the file.
    None when the file is not plain comma-separated UTF-8 or breaks one of these rules: the
    caller then reads it with ``read_people_csv``, which names every problem's row and column.
    """
    header = header_of(data)
    if not set(PEOPLE_PIPELINE_COLUMNS) <= set(header):
        return None
    wanted = [c for c in (*PEOPLE_PIPELINE_COLUMNS, "role_id") if c in header]
    try:
        frame = pd.read_csv(
            io.BytesIO(data),
            encoding=REPORT_ENCODING,
            dtype=str,
            keep_default_na=False,
            usecols=wanted,
        )
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError):
        return None
    if _has_control(data):
        return None  # read_people_csv names the cell
    frame = _strip(frame, data, list(frame.columns))
    if "role_id" not in frame:
        frame["role_id"] = ""
    ids, emails = frame["id"], frame["email"].str.casefold()
    managers = frame["manager_id"]
    broken = (
        frame.empty
        or (frame[["id", "name", "email", "department"]] == "").any(axis=None)
        or ids.duplicated().any()
        or emails.duplicated().any()
        or (managers == ids).any()
        or (~managers.isin(ids) & (managers != "")).any()
    )
    if broken:
        return None
    return frame[["id", "name", "email", "department", "manager_id", "role_id"]]
