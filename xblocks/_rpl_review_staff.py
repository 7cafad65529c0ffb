"""Course staff's part of the review: the reviewer roster, the decisions import, downloads.

* ``upload_reviewers``: a ``username,role[,learners]`` CSV replaces the roster in the block's
  ``user_state_summary`` only when the whole file is valid (every problem named by row and
  column; the stored roster stays otherwise). Replacing an existing roster needs the explicit
  ``replace`` confirmation the page asks for after saying what it changes.
* ``import_decisions``: the review notebook's decisions CSV; the whole file is refused with
  every bad row named, accepted decisions are kept by ``decision_id`` in ``imported_decisions``
  (importing a file twice adds nothing the second time).
* ``download_audit`` (every reviewer's and staff member's audit lines and every claim's state
  changes, merged by time), ``download_review_queue`` (one row per claim, the notebook's queue
  file) and ``download_evidence_zip`` (every evidence file, streamed, safe names inside, and a
  manifest). Every download is audited in the staff member's own record.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import io
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, BinaryIO, cast

from webob import Request, Response
from xblock.core import XBlock

import talent_core as tc
from talent_core import rpl
from talent_core.reports import REPORT_ENCODING

from . import _rpl_files, compat, concurrency
from . import _rpl_review_zip as zipper
from ._rpl_review_base import loaded
from ._rpl_review_pages import ReviewPagesMixin
from .mixins import attachment, busy_response, discard_unsaved_changes, json_error, json_response

__all__ = ["AUDIT_COLUMNS", "ReviewStaffMixin"]

AUDIT_COLUMNS = ("at", "by", "action", "learner", "claim_id", "detail")
#: Largest decisions CSV accepted (some 10,000 decisions).
MAX_DECISIONS_BYTES = 5 * 1024 * 1024


def _text_response(status: int, text: str) -> Response:
    return Response(text, status=status, content_type="text/plain", charset="utf-8")


def _stored(block: Any, learner: str, file: rpl.EvidenceFile) -> BinaryIO | None:
    """One evidence file from the storage (one file in memory at a time: each is at most the
    policy's file size), or None when it is gone."""
    data = _rpl_files.read_file(block, learner, file)
    return io.BytesIO(data) if data is not None else None


class ReviewStaffMixin(ReviewPagesMixin):
    """Staff handlers and the staff part of the page."""

    if TYPE_CHECKING:

        @property
        def may_edit_settings(self) -> bool: ...

    # -- the page ----------------------------------------------------------------------------

    def staff_context(self) -> dict[str, Any]:
        _ = self.ugettext
        try:
            roster = rpl.load_reviewer_roster(self.reviewer_roster)
            problem = ""
        except rpl.ReviewerRosterError as error:
            roster, problem = rpl.ReviewerRoster(), error.text(self.language)
        guides = len({r.username for r in roster.rows if r.role == "guide"})
        assessors = len({r.username for r in roster.rows if r.role == "assessor"})
        if len(roster):
            status = _("Reviewer roster: {guides} guides, {assessors} assessors.").format(
                guides=guides, assessors=assessors
            )
            warning = _(
                "A new roster replaces this one. Guides and assessors it no longer names keep "
                "what they wrote, but can no longer open the claims; learners then see only "
                "the decisions of the assessors the new roster names."
            )
        else:
            status, warning = _("No reviewer roster yet."), ""
        return {
            "status": status,
            "problem": problem,
            "replace_warning": warning,
            "imported_text": self.ungettext(
                "{count} decision imported so far.",
                "{count} decisions imported so far.",
                len(self.imported_decisions or {}),
            ).format(count=len(self.imported_decisions or {})),
            "audit_url": self.handler_link("download_audit"),
            "queue_url": self.handler_link("download_review_queue"),
            "zip_url": self.handler_link("download_evidence_zip"),
            "help": _(
                "UTF-8 CSV with the columns username and role (guide or assessor), and "
                "optionally learners (usernames separated by spaces or semicolons; empty: every "
                "learner). A file with problems changes nothing."
            ),
        }

    def _staff_html(self) -> str:
        return self.render_template(
            "prior_learning_review_staff.html", {"uid": self.dom_id, "staff": self.staff_context()}
        )

    # -- roster ------------------------------------------------------------------------------

    @XBlock.handler
    def upload_reviewers(self, request: Request, suffix: str = "") -> Response:
        """Replace the reviewer roster with an uploaded CSV (form field ``roster``; ``replace``
        = ``yes`` to replace a stored one); course staff only."""
        _ = self.ugettext
        if not self.is_course_staff:
            return json_error(403, _("Only course staff can upload a reviewer roster."))
        if request.method != "POST":
            return json_error(405, _("Send this request as POST."))
        upload = request.POST.get("roster")
        if upload is None or not hasattr(upload, "file"):
            return json_error(400, _("Choose a reviewer roster file (CSV) to upload."))
        data = upload.file.read(rpl.MAX_REVIEWER_ROSTER_BYTES + 1)
        try:
            roster = rpl.read_reviewer_roster(data)
        except rpl.ReviewerRosterError as error:
            return json_error(
                400, _("The reviewer roster was not saved."), error.problems, self.language
            )
        try:
            with concurrency.exclusive(cast(XBlock, self), shared=True):
                self._drop_cached("reviewer_roster")
                if self.reviewer_roster and request.POST.get("replace") != "yes":
                    return json_error(
                        409,
                        _(
                            "The reviewer roster was not saved: confirm that it replaces the "
                            "current one."
                        )
                        + " "
                        + self.staff_context()["replace_warning"],
                    )
                self.reviewer_roster = roster.to_state()
            with concurrency.exclusive(cast(XBlock, self)):
                self.audit("roster_uploaded", detail=f"{len(roster)} rows")
        except concurrency.Busy:
            discard_unsaved_changes(cast(XBlock, self))
            return busy_response(self)
        self.publish_event("reviewers_uploaded", rows=len(roster))
        return json_response(
            {"html": self._staff_html(), "message": _("The reviewer roster is saved.")}
        )

    def _drop_cached(self, name: str) -> None:
        """Read a block-wide field as stored now (another staff member may have changed it)."""
        field = self.fields[name]
        self._dirty_fields.pop(field, None)
        field._del_cached_value(self)

    # -- decisions import --------------------------------------------------------------------

    def _portfolios(self) -> list[tuple[str, rpl.PortfolioState]]:
        """Every learner's readable portfolio of this block (unreadable ones are skipped)."""
        found = []
        for row in compat.iter_user_states(cast(XBlock, self)):
            raw = row.state.get("portfolio")
            if not raw:
                continue
            try:
                found.append((str(row.username), loaded(rpl.PortfolioState, raw)))
            except tc.ValidationError:
                continue
        return found

    def queue_records(self, drafts: bool = False) -> list[rpl.QueueRow]:
        """One queue row per claim (submitted ones; ``drafts`` too): the claim, its guides,
        every assessor's review, the guides' comments and the imported decisions."""
        imported = self.imported_decision_list()
        roster = self.review_roster()
        records = []
        for learner, portfolio in self._portfolios():
            claims = [c for c in portfolio.claims if drafts or c.state is not rpl.ClaimState.DRAFT]
            if not claims:
                continue
            reviews = self.reviews_of_learner(learner)
            comments = self.comments_of_learner(learner)
            for claim in claims:
                records.append(
                    rpl.QueueRow(
                        learner=learner,
                        claim=claim,
                        guides=list(roster.guides_of(learner)),
                        reviews=[r for r in reviews if r.claim_id == claim.id],
                        comments=[c for c in comments if c.claim_id == claim.id],
                        decisions=[d for d in imported if d.claim_id == claim.id],
                    )
                )
        return records

    @XBlock.handler
    def import_decisions(self, request: Request, suffix: str = "") -> Response:
        """Import the review notebook's decisions CSV (form field ``decisions``); staff only.
        Refused whole, naming every bad row; a decision already imported is not added again."""
        _ = self.ugettext
        if not self.is_course_staff:
            return json_error(403, _("Only course staff can import decisions."))
        if request.method != "POST":
            return json_error(405, _("Send this request as POST."))
        upload = request.POST.get("decisions")
        if upload is None or not hasattr(upload, "file"):
            return json_error(400, _("Choose a decisions file (CSV) to import."))
        data = upload.file.read(MAX_DECISIONS_BYTES + 1)
        if len(data) > MAX_DECISIONS_BYTES:
            return json_error(
                400,
                _("The decisions file is larger than {size} MB.").format(
                    size=MAX_DECISIONS_BYTES // (1024 * 1024)
                ),
            )
        try:
            decisions = rpl.read_decisions_csv(
                data,
                self.queue_records(),
                self.framework,
                self.review_roster(),
                self.review_policy(),
            )
        except tc.ValidationError as error:
            return json_error(
                400, _("The decisions file was not imported."), error.problems, self.language
            )
        try:
            with concurrency.exclusive(cast(XBlock, self), shared=True):
                self._drop_cached("imported_decisions")
                result = rpl.import_decisions(self.imported_decisions or {}, decisions)
                new = result.added
                if new:
                    self.imported_decisions = result.stored
            with concurrency.exclusive(cast(XBlock, self)):
                self.audit("decisions_imported", detail=f"{len(new)} new of {len(decisions)}")
        except tc.ValidationError as error:
            discard_unsaved_changes(cast(XBlock, self))
            return json_error(
                400, _("The decisions file was not imported."), error.problems, self.language
            )
        except concurrency.Busy:
            discard_unsaved_changes(cast(XBlock, self))
            return busy_response(self)
        self.publish_event("decisions_imported", rows=len(decisions), new=len(new))
        message = self.ungettext(
            "{new} new decision imported ({count} in the file; the others were imported before).",
            "{new} new decisions imported ({count} in the file; the others were imported before).",
            len(new),
        ).format(new=len(new), count=len(decisions))
        return json_response(
            {
                "html": self._staff_html(),
                "message": message,
                "new": len(new),
                "rows": len(decisions),
            }
        )

    # -- downloads ---------------------------------------------------------------------------

    def _staff_only(self) -> Response | None:
        if self.is_course_staff:
            return None
        return _text_response(403, self.ugettext("Only course staff can download learner data."))

    def _audit_download(self, action: str, detail: str = "") -> None:
        try:
            with concurrency.exclusive(cast(XBlock, self)):
                self.audit(action, detail=detail)
        except concurrency.Busy:
            discard_unsaved_changes(cast(XBlock, self))

    def audit_rows(self) -> list[tuple[str, ...]]:
        """Every audit line of every user's record (reviewers', staff's, the learners' own) and
        every claim's state change, by time."""
        lines: list[tuple[dt.datetime, tuple[str, ...]]] = []

        def add(entries: list[rpl.AuditEntry]) -> None:
            for entry in entries:
                cells = (entry.at.isoformat(), entry.by, entry.action)
                where = (entry.learner or "", entry.claim_id or "", entry.detail)
                lines.append((entry.at, (*cells, *where)))

        for row in compat.iter_user_states(cast(XBlock, self)):
            state = row.state
            if state.get("review_record"):
                with contextlib.suppress(tc.ValidationError):  # unreadable: logged elsewhere
                    add(loaded(rpl.ReviewerState, state["review_record"]).audit)
            if state.get("portfolio"):
                try:
                    portfolio = loaded(rpl.PortfolioState, state["portfolio"])
                except tc.ValidationError:
                    continue
                add(portfolio.audit)  # the learner's own actions (evidence added, files...)
                for claim in portfolio.claims:
                    for change in claim.history:
                        cells = (change.at.isoformat(), change.by, f"claim_{change.state}")
                        where = (str(row.username), claim.id, change.note[:300])
                        lines.append((change.at, (*cells, *where)))
        lines.sort(key=lambda line: line[0])
        return [line for _, line in lines]

    @XBlock.handler
    def download_audit(self, request: Request, suffix: str = "") -> Response:
        """The merged audit trail as CSV (cells defused); course staff only."""
        refused = self._staff_only()
        if refused is not None:
            return refused
        self._audit_download("audit_downloaded")
        text = tc.csv_text([AUDIT_COLUMNS, *self.audit_rows()], lineterminator="\r\n")
        return attachment(text.encode(REPORT_ENCODING), "text/csv", "rpl-audit.csv")

    @XBlock.handler
    def download_review_queue(self, request: Request, suffix: str = "") -> Response:
        """One row per claim (the review notebook's queue file); course staff only."""
        refused = self._staff_only()
        if refused is not None:
            return refused
        self._audit_download("queue_downloaded")
        text = rpl.write_queue_csv(self.queue_records())
        return attachment(text.encode(REPORT_ENCODING), "text/csv", "rpl-queue.csv")

    def _zip_members(self) -> tuple[list[zipper.ZipMember], bytes]:
        members: list[zipper.ZipMember] = []
        manifest: list[tuple[str, ...]] = [
            (
                "learner",
                "claim_id",
                "evidence_id",
                "title",
                "file",
                "original_name",
                "content_type",
                "size",
                "sha256",
            )
        ]
        claims = [
            (learner, claim)
            for learner, portfolio in sorted(self._portfolios(), key=lambda found: found[0])
            for claim in portfolio.claims
            if claim.state is not rpl.ClaimState.DRAFT
        ]
        for learner, claim in claims:
            for item in claim.evidence:
                if item.file is None:
                    continue
                name = zipper.safe_member_name(
                    learner, claim.id, f"{item.id}-{item.file.original_name}"
                )
                members.append((name, functools.partial(_stored, self, learner, item.file)))
                manifest.append(
                    (
                        learner,
                        claim.id,
                        item.id,
                        item.title,
                        name,
                        item.file.original_name,
                        item.file.content_type,
                        str(item.file.size),
                        item.file.sha256,
                    )
                )
        return members, tc.csv_text(manifest, lineterminator="\r\n").encode(REPORT_ENCODING)

    @XBlock.handler
    def download_evidence_zip(self, request: Request, suffix: str = "") -> Response:
        """Every submitted claim's evidence files as one zip, streamed (safe names inside, a
        ``manifest.csv`` first); course staff only."""
        refused = self._staff_only()
        if refused is not None:
            return refused
        members, manifest = self._zip_members()
        self._audit_download("files_downloaded", detail=f"{len(members)} files")

        def body() -> Iterator[bytes]:
            yield from zipper.stream_zip(members, extra=[("manifest.csv", manifest)])

        return Response(
            app_iter=body(),
            content_type="application/zip",
            content_disposition='attachment; filename="rpl-evidence.zip"',
        )
