"""The peer-group block's staff part: where groups come from, roster upload, volunteers file.

Course staff see it below the learner's view. A roster upload replaces the ``roster_csv``
setting only when the whole file is valid; where the platform keeps settings read-only (the
LMS; authors then paste the roster in Studio) it says so and changes nothing. Volunteers come
out in the mentoring core's ``id,volunteer_as`` format, so HR can feed them to
``talent mentors match`` next round.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from webob import Request, Response
from xblock.core import XBlock, XBlockMixin
from xblock.exceptions import InvalidScopeError

from talent_core import (
    MAX_ROSTER_BYTES,
    Roster,
    RosterError,
    RosterKind,
    read_roster,
    readable_log_entries,
    roster_id,
)
from talent_core.mentoring import VOLUNTEER_COLUMNS

from . import compat
from ._peer_offers import mentor_strengths, strengths_cell
from .i18n import N_
from .mixins import discard_unsaved_changes, json_error, json_response

__all__ = ["ROSTER", "TEAMS", "PeerStaffMixin"]

ROSTER = "roster"
TEAMS = "teams"


class PeerStaffMixin(XBlockMixin):
    """Staff view and handlers; list it after the talent mixins in the peer-group block."""

    if TYPE_CHECKING:
        group_source: str
        teamset_id: str
        roster_csv: str

        @property
        def dom_id(self) -> str: ...

        @property
        def is_course_staff(self) -> bool: ...

        @property
        def group_kind(self) -> RosterKind: ...

        def roster(self) -> Roster: ...

        def ugettext(self, text: str) -> str: ...

        def ungettext(self, singular: str, plural: str, count: int) -> str: ...

        def render_template(self, name: str, context: Any) -> str: ...

        def publish_event(self, action: str, **data: Any) -> None: ...

        def staff_csv_download(self, filename: str, rows: Any, key_column: str = ...) -> Any: ...

    def staff_context(self) -> dict[str, Any]:
        """What the staff part of the view shows: the group source and the roster's state."""
        _ = self.ugettext
        problem = ""
        replace_warning = ""
        if self.group_source == TEAMS:
            source = _("Groups are the Open edX teams of teamset {teamset}.").format(
                teamset=self.teamset_id or "–"
            )
        else:
            try:
                roster = self.roster()
            except RosterError as error:
                source = _("Groups come from the roster, but the stored roster is broken.")
                problem = error.text(_)
            else:
                people, groups = len(roster.members), len(roster.groups)
                source = _("Groups come from the roster: {people} in {groups}.").format(
                    people=self.ungettext("{count} person", "{count} people", people).format(
                        count=people
                    ),
                    groups=self.ungettext("{count} group", "{count} groups", groups).format(
                        count=groups
                    ),
                )
                logged = self._sessions_of_roster(roster_id(self.roster_csv))
                if logged:
                    replace_warning = self.ungettext(
                        "{count} session is logged in the groups of this roster. A new roster "
                        "starts new groups with empty logs; logged sessions stay in the "
                        "learners' records, the data download and the sessions download.",
                        "{count} sessions are logged in the groups of this roster. A new roster "
                        "starts new groups with empty logs; logged sessions stay in the "
                        "learners' records, the data download and the sessions download.",
                        logged,
                    ).format(count=logged)
        return {
            "source": self.group_source,
            "source_text": source,
            "roster_problem": problem,
            "replace_warning": replace_warning,
            "sessions_url": self.runtime.handler_url(self, "download_sessions"),
            "roster_help": _(
                "UTF-8 CSV, at most {size} KB, with the columns username and group, and "
                "optionally role and name. It replaces the current roster."
            ).format(size=MAX_ROSTER_BYTES // 1024),
            "download_url": self.runtime.handler_url(self, "download_data"),
            "volunteers_url": self.runtime.handler_url(self, "download_volunteers"),
        }

    @XBlock.handler
    def upload_roster(self, request: Request, suffix: str = "") -> Response:
        """Replace the roster with an uploaded CSV (form field ``roster``); course staff only."""
        _ = self.ugettext
        if not self.is_course_staff:
            return json_error(403, _("Only course staff can upload a roster."))
        if request.method != "POST":
            return json_error(405, _("Send this request as POST."))
        upload = request.POST.get("roster")
        if upload is None or not hasattr(upload, "file"):
            return json_error(400, _("Choose a roster file (CSV) to upload."))
        data = upload.file.read(MAX_ROSTER_BYTES + 1)
        try:
            if len(data) > MAX_ROSTER_BYTES:
                raise RosterError(
                    N_("The roster is larger than {size} KB."), size=MAX_ROSTER_BYTES // 1024
                )
            text = data.decode("utf-8-sig")
            roster = read_roster(text, self.group_kind)
            if not roster.members:
                raise RosterError(N_("The file is empty."))
        except UnicodeDecodeError:
            return json_error(400, _("The roster is not UTF-8 text. Save it as CSV UTF-8."))
        except RosterError as error:
            message = _("The roster was not saved: {problem}").format(problem=error.text(_))
            return json_error(400, message)
        self.roster_csv = text
        try:
            self.save()
        except InvalidScopeError:
            discard_unsaved_changes(self)
            return json_error(
                400, _("Block settings cannot be changed here. Paste the roster in Studio.")
            )
        self.publish_event(
            "roster_uploaded", groups=len(roster.groups), members=len(roster.members)
        )
        html = self.render_template(
            "peer_group_staff.html", {"staff": self.staff_context(), "uid": self.dom_id}
        )
        return json_response({"html": html})

    def _sessions_of_roster(self, roster: str) -> int:
        return sum(
            1
            for state in compat.iter_user_states(self)
            for entry in readable_log_entries(state.state.get("log_entries"))
            if entry.roster == roster
        )

    @XBlock.handler
    def download_sessions(self, request: Request, suffix: str = "") -> Response:
        """Every logged session of every roster (when, which group; not what was said, which
        only the group's members read), so replaced rosters' history stays reachable; staff
        only."""
        current = roster_id(self.roster_csv)
        return self.staff_csv_download(
            "peer-sessions.csv",
            lambda: (
                (
                    state.username,
                    {
                        "group": entry.group,
                        "roster": entry.roster,
                        "current_roster": "yes" if entry.roster == current else "no",
                        "date": entry.date,
                        "logged_at": entry.logged_at,
                    },
                )
                for state in compat.iter_user_states(self)
                for entry in readable_log_entries(state.state.get("log_entries"))
            ),
        )

    def _volunteer_row(self, username: str, state: Any) -> dict[str, Any]:
        """``volunteer_as`` and, with a linked self-assessment, the ``strengths`` the learner
        offered there to mentor in (``competency:level;…``, as the mentors file lists them)."""
        row = {VOLUNTEER_COLUMNS[1]: state["volunteer_as"]}
        reference = str(getattr(self, "assessment_block", "") or "")
        if reference.strip():
            found = mentor_strengths(cast(XBlock, self), reference, username)
            row["strengths"] = strengths_cell(found)
        return row

    @XBlock.handler
    def download_volunteers(self, request: Request, suffix: str = "") -> Response:
        """Volunteers for the next round as ``id,volunteer_as`` CSV; course staff only."""
        return self.staff_csv_download(
            "volunteers.csv",
            lambda: (
                (state.username, self._volunteer_row(state.username, state.state))
                for state in compat.iter_user_states(self)
                if state.state.get("volunteer_as")
            ),
            key_column=VOLUNTEER_COLUMNS[0],
        )
