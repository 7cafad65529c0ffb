"""Learner data for HR: the instructor's report rows and the same rows as a staff CSV download.

A block mixes in :class:`ReportDataMixin` and writes one method, ``report_row(state)``, that
turns one learner's ``Scope.user_state`` (field name → JSON value) into a flat ordered row,
built by :mod:`talent_core.reports` (which the notebooks' dashboards read back).
Open edX's problem-responses report calls ``generate_report_data``; the block's own staff-only
``download_data`` handler serves the same rows for every learner (through
:func:`xblocks.compat.iter_user_states`), so HR is not tied to that report.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from webob import Request, Response
from xblock.core import XBlock, XBlockMixin

from talent_core.reports import REPORT_ENCODING, rows_to_csv

from . import compat
from .mixins import attachment

__all__ = ["ReportDataMixin"]


class ReportDataMixin(XBlockMixin):
    """``generate_report_data`` and a staff-only ``download_data`` handler from ``report_row``.

    List it after :class:`xblocks.mixins.TalentBlockMixin`, which provides the members below.
    """

    if TYPE_CHECKING:

        @property
        def is_course_staff(self) -> bool: ...

        def ugettext(self, text: str) -> str: ...

    def report_row(self, state: Mapping[str, Any]) -> dict[str, Any] | None:
        """One learner's row (insertion order = column order), or None to leave them out."""
        raise NotImplementedError

    def row_builder(self) -> Callable[[Mapping[str, Any]], dict[str, Any] | None]:
        """What turns each state into a row: ``report_row``, or a function that has read the
        block's settings once for the whole report (which may cover 100,000 learners)."""
        return self.report_row

    def generate_report_data(
        self, user_state_iterator: Iterable[Any], limit_responses: int | None = None
    ) -> Iterator[tuple[str, dict[str, Any]]]:
        """``(username, row)`` per learner, each row an OrderedDict in the documented column
        order (as the XBlock API asks). The LMS's problem-responses report still sorts the
        block's columns by name, between its own username/title/location and block_key/state;
        ``download_data`` keeps the documented order."""
        build_row = self.row_builder()
        count = 0
        for user_state in user_state_iterator:
            if limit_responses is not None and count >= limit_responses:
                return
            row = build_row(user_state.state)
            if row is not None:
                count += 1
                yield user_state.username, OrderedDict(row)

    @XBlock.handler
    def download_data(self, request: Request, suffix: str = "") -> Response:
        """Every learner's row as CSV; course staff only."""
        return self.staff_csv_download(
            f"{self.scope_ids.block_type}-data.csv",
            lambda: self.generate_report_data(compat.iter_user_states(self)),
        )

    def staff_csv_download(
        self,
        filename: str,
        rows: Callable[[], Iterable[tuple[str, Mapping[str, Any]]]],
        key_column: str = "username",
    ) -> Response:
        """``rows()`` as a CSV attachment for course staff; 403 (rows unread) for anyone else."""
        if not self.is_course_staff:
            return Response(
                self.ugettext("Only course staff can download learner data."),
                status=403,
                content_type="text/plain",
                charset="utf-8",
            )
        data = rows_to_csv(rows(), key_column).encode(REPORT_ENCODING)
        return attachment(data, "text/csv", filename)
