"""HR's report CSVs from the blocks' staff "Download data (CSV)", read and checked with pandas.

A file is recognised by its columns (:mod:`talent_core.reports`, which writes the blocks' rows;
docs/xblocks.md lists each block's), so HR can drop any
mix of downloads at once. Every figure the dashboards use is checked here, naming the file,
row and column of the first bad cell; rows a block could not read itself (a ``problem`` cell)
are counted and left out. pandas keeps 100,000 rows cheap: nothing here loops over rows.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from talent_core import (
    ActivityStatus,
    AgreementState,
    FormatError,
    LearningMode,
    Problem,
    TalentError,
    read_people_csv,
)
from talent_core.reports import (
    DEFUSED_PATTERN,
    LEVEL_PREFIX,
    REPORT_ENCODING,
    ReportKind,
    activity_column,
    hours_column,
    report_kind,
    skipped_file,
)

__all__ = ["Report", "SkippedFile", "read_report"]


class SkippedFile(TalentError):
    """A file this product writes that the dashboards do not read; ``reason`` is the key of
    ``talent_core.reports.SKIPPED_SIGNATURES`` (or ``empty``) that says why."""

    def __init__(self, filename: str, reason: str) -> None:
        super().__init__(f"{filename}: {reason}")
        self.filename = filename
        self.reason = reason


#: Largest figure a report cell may hold (counts, hours, levels): far above any real one and
#: far below where sums over 100,000 rows could lose precision or overflow.
MAX_FIGURE = 1_000_000


@dataclass(frozen=True, slots=True)
class Report:
    """One checked file: its kind, its rows, and how many rows the block itself could not read."""

    kind: ReportKind
    source: str
    rows: pd.DataFrame
    unreadable: int = 0


def _frame(data: bytes, filename: str) -> pd.DataFrame:
    try:
        frame = pd.read_csv(
            io.BytesIO(data), dtype=str, keep_default_na=False, encoding=REPORT_ENCODING
        )
    except UnicodeDecodeError:
        raise FormatError.of(filename, None, "problem.file.not_utf8") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise FormatError.of(filename, None, "problem.file.not_csv", error=str(error)) from None
    frame.columns = [str(column).strip() for column in frame.columns]
    return frame


def _row(frame: pd.DataFrame, position: int, column: str) -> Problem | None:
    """Where a cell is, as a spreadsheet shows the file (the header is row 1)."""
    return FormatError.at(row=int(frame.index[position]) + 2, column=column, quoted=False)


def _numbers(
    frame: pd.DataFrame, column: str, filename: str, *, whole: bool, high: float | None = None
) -> pd.Series:
    """The column as numbers from 0 to ``high`` (default ``MAX_FIGURE``); an empty cell
    counts as 0.

    Raises FormatError at the first cell that is not such a number (``inf``, ``nan``,
    ``1e400`` and 2**70 included), naming the file, row and column.
    """
    text = frame[column].str.strip()
    values = pd.to_numeric(text.replace("", "0"), errors="coerce").astype("float64")
    top = MAX_FIGURE if high is None else high
    bad = ~np.isfinite(values) | (values < 0) | (values > top)
    if whole:
        bad |= values.mod(1).fillna(0) != 0
    if bad.any():
        position = int(bad.to_numpy().argmax())
        raise FormatError.of(
            filename,
            _row(frame, position, column),
            "problem.report.not_whole" if whole else "problem.report.not_number",
            value=repr(text.iloc[position]),
            high=f"{top:,}",
        )
    return values.astype("int64") if whole else values


def _levels(frame: pd.DataFrame, column: str, filename: str) -> pd.Series:
    """Self-rated levels: whole numbers, empty where the learner did not rate."""
    text = frame[column].str.strip()
    values = pd.to_numeric(text, errors="coerce").astype("float64")
    wrong = ~np.isfinite(values) | (values.abs() > MAX_FIGURE) | (values.mod(1).fillna(0) != 0)
    bad = (text != "") & wrong
    if bad.any():
        position = int(bad.to_numpy().argmax())
        raise FormatError.of(
            filename,
            _row(frame, position, column),
            "problem.report.not_level",
            value=repr(text.iloc[position]),
        )
    return values.astype("Int64")


def _check_submitted(frame: pd.DataFrame, filename: str) -> None:
    """``submitted_at``: empty (not submitted) or an ISO 8601 time, which decides a learner's
    latest self-assessment over several files."""
    text = frame["submitted_at"].str.strip()
    when = pd.to_datetime(text, utc=True, format="ISO8601", errors="coerce")
    bad = (text != "") & when.isna()
    if bad.any():
        position = int(bad.to_numpy().argmax())
        raise FormatError.of(
            filename,
            _row(frame, position, "submitted_at"),
            "problem.report.not_time",
            value=repr(text.iloc[position]),
        )


def _on_scale(frame: pd.DataFrame, column: str, filename: str, scale: Sequence[int] | None) -> None:
    """A level off its competency's scale (a 5 on a 1-4 scale) is refused, not read as the
    bottom nor left out unsaid (docs/figures.md, "Gap analysis")."""
    if scale is None:
        return
    bad = frame[column].notna() & ~frame[column].isin(list(scale))
    if bad.any():
        position = int(bad.to_numpy().argmax())
        raise FormatError.of(
            filename,
            _row(frame, position, column),
            "problem.report.off_scale",
            value=str(frame[column].iloc[position]),
            scale=str(list(scale)),
        )


def _check_assessment(
    rows: pd.DataFrame, filename: str, scales: Mapping[str, Sequence[int]]
) -> pd.DataFrame:
    rows["attempts"] = _numbers(rows, "attempts", filename, whole=True)
    _check_submitted(rows, filename)
    for column in rows.columns:
        if column.startswith(LEVEL_PREFIX):
            rows[column] = _levels(rows, column, filename)
            _on_scale(rows, column, filename, scales.get(column.removeprefix(LEVEL_PREFIX)))
    return rows


def _check_plan(rows: pd.DataFrame, filename: str) -> pd.DataFrame:
    for status in ActivityStatus:
        if activity_column(status) in rows:
            rows[activity_column(status)] = _numbers(
                rows, activity_column(status), filename, whole=True
            )
    rows["goals"] = _numbers(rows, "goals", filename, whole=True)
    rows["progress_percent"] = _numbers(rows, "progress_percent", filename, whole=False, high=100)
    for mode in LearningMode:
        if hours_column(mode) in rows:
            rows[hours_column(mode)] = _numbers(rows, hours_column(mode), filename, whole=False)
    known = {state.value for state in AgreementState}
    unknown = ~rows["agreement"].isin(known)
    if unknown.any():
        position = int(unknown.to_numpy().argmax())
        raise FormatError.of(
            filename,
            _row(rows, position, "agreement"),
            "problem.report.not_one_of",
            value=repr(rows["agreement"].iloc[position]),
            choices=", ".join(sorted(known)),
        )
    return rows


def _people(data: bytes, filename: str) -> pd.DataFrame:
    """People through talent_core's reader (unique ids and e-mails, managers in the file)."""
    people = read_people_csv(data, filename)
    return pd.DataFrame(
        {
            "id": [p.id for p in people],
            "email": [p.email for p in people],
            "department": [p.department for p in people],
        }
    )


def read_report(
    data: bytes, filename: str, scales: Mapping[str, Sequence[int]] | None = None
) -> Report:
    """A block's staff CSV or a people CSV, recognised by its columns and checked.

    ``scales`` (competency id → the levels of its scale) refuses a self-rated level off the
    scale. Raises FormatError naming the file, row and column of the first problem, and
    :class:`SkippedFile` for a file of ours the dashboards do not read (a roster, volunteers).
    """
    frame = _frame(data, filename)
    skipped = skipped_file(frame.columns)
    if skipped is not None:
        raise SkippedFile(filename, skipped)
    kind = report_kind(frame.columns, filename)
    if kind == "people":
        return Report(kind, filename, _people(data, filename))
    frame["username"] = frame["username"].str.replace(DEFUSED_PATTERN, "", regex=True)
    unreadable = (
        frame["problem"].str.strip() != "" if "problem" in frame else pd.Series(False, frame.index)
    )
    rows = frame[~unreadable].copy()
    if kind == "assessment":
        rows = _check_assessment(rows, filename, scales or {})
    elif kind == "plan":
        rows = _check_plan(rows, filename)
    elif kind == "dialogue":
        rows["conversations"] = _numbers(rows, "conversations", filename, whole=True)
    else:
        rows["sessions_logged"] = _numbers(rows, "sessions_logged", filename, whole=True)
    return Report(kind, filename, rows.reset_index(drop=True), int(unreadable.sum()))
