"""The peer group: a learner's intervision group or mentoring pair, its session log, and the
chance to pay it forward.

Members come from Open edX Teams (the teamset the author picks) or from a roster CSV that
staff upload. The block guides a session with the incident method and keeps a session log that
the group's members read (and course staff, as all user state, through the LMS's report); each
member's entries live in their own user state and are merged when read, so entries logged at
the same moment never overwrite each other. When the programme ends, a learner can volunteer to
mentor or host a group next round; HR gets the volunteers as the mentoring core's
``id,volunteer_as`` CSV.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from web_fragments.fragment import Fragment
from xblock.completable import CompletableXBlockMixin
from xblock.core import XBlock
from xblock.fields import Boolean, List, Scope, String
from xblock.utils.studio_editable import StudioEditableXBlockMixin
from xblock.validation import ValidationMessage

import talent_core as tc
from talent_core import Roster, RosterError, RosterKind, read_roster
from talent_core.mentoring import VolunteerRole
from talent_core.reports import peer_group_row

from . import compat, scenarios
from ._peer_method import method_guide
from ._peer_offers import mentor_strengths
from ._peer_requests import GroupRequest, ProgrammeEnd, VolunteerChoice
from ._peer_roster import INTERVISION, MENTORING, ROLE_LABELS
from ._peer_staff import ROSTER, TEAMS, PeerStaffMixin
from .competency_view import long_date
from .i18n import N_
from .mixins import Forbidden, TalentBlockMixin, json_payload_handler
from .reports import ReportDataMixin

__all__ = ["GroupView", "MemberView", "PeerGroupBlock"]

DEFAULT_TITLES: dict[str, str] = {
    INTERVISION: N_("Your intervision group"),
    MENTORING: N_("Your mentoring pair"),
}


@dataclass(frozen=True, slots=True)
class MemberView:
    username: str
    name: str
    #: ``member``, ``host``, ``mentor`` or ``mentee``, and how learners read it.
    role: str
    role_label: str
    is_you: bool


@dataclass(frozen=True, slots=True)
class GroupView:
    """The current learner's group: an id that tags log entries, a name and the members."""

    id: str
    name: str
    members: tuple[MemberView, ...]
    #: The roster it came from (talent_core.roster_id): "" for Open edX teams.
    roster: str = ""

    @property
    def names(self) -> dict[str, str]:
        return {m.username: m.name for m in self.members}


def _today() -> date:
    return datetime.now(UTC).date()


@lru_cache(maxsize=1024)
def _long_day(iso_day: str, language: str) -> str:
    """A logged day as learners read it; a group's log repeats the same days often."""
    return long_date(date.fromisoformat(iso_day), language)


@XBlock.wants("user", "user_state", "teams", "teams_configuration")
class PeerGroupBlock(
    TalentBlockMixin,
    ReportDataMixin,
    PeerStaffMixin,
    StudioEditableXBlockMixin,
    CompletableXBlockMixin,
    XBlock,
):
    """A learner's peer group with the incident method, a members-only log and pay it forward."""

    display_name = String(
        display_name=N_("Display name"),
        help=N_("The title learners see; empty fields show a title that fits the kind."),
        scope=Scope.settings,
        default=DEFAULT_TITLES[INTERVISION],
    )
    kind = String(
        display_name=N_("Kind of group"),
        help=N_("An intervision group of peers, or mentoring: one mentor with their mentees."),
        scope=Scope.settings,
        default=INTERVISION,
        values=[
            {"display_name": N_("Intervision group"), "value": INTERVISION},
            {"display_name": N_("Mentoring"), "value": MENTORING},
        ],
    )
    group_source = String(
        display_name=N_("Where groups come from"),
        help=N_(
            "Open edX Teams (the teamset below), or a roster CSV that course staff upload "
            "on the block itself or paste below."
        ),
        scope=Scope.settings,
        default=ROSTER,
        values=[
            {"display_name": N_("Roster uploaded by staff"), "value": ROSTER},
            {"display_name": N_("Open edX Teams"), "value": TEAMS},
        ],
    )
    teamset_id = String(
        display_name=N_("Teamset id"),
        help=N_("The id of the teamset in the course's Teams configuration (Teams only)."),
        scope=Scope.settings,
        default="",
    )
    roster_csv = String(
        display_name=N_("Roster (CSV)"),
        help=N_(
            "Columns username and group, optional role (member or host; mentor or mentee "
            "for mentoring) and name."
        ),
        scope=Scope.settings,
        default="",
        multiline_editor=True,
        xml_node=True,
    )
    show_method = Boolean(
        display_name=N_("Show the intervision method"),
        help=N_("Guide sessions step by step with the incident method."),
        scope=Scope.settings,
        default=True,
    )
    programme_end = String(
        display_name=N_("Programme end date"),
        help=N_(
            "YYYY-MM-DD. From this day learners can volunteer for the next round; "
            "they can also say themselves that their programme has ended."
        ),
        scope=Scope.settings,
        default="",
    )

    assessment_block = String(
        display_name=N_("Linked self-assessment"),
        help=N_(
            "The location of a competency self-assessment block in this course (its full "
            "location, or the block id after 'block@'). Learners who offer there to mentor in "
            "one of their strengths see it under Pay it forward, and the volunteers download "
            "lists those strengths. Leave empty to link none."
        ),
        scope=Scope.settings,
        default="",
    )

    log_entries = List(
        help=N_("Sessions this learner logged, each tagged with the group it belongs to."),
        scope=Scope.user_state,
        default=[],
    )
    group_name = String(
        help=N_("The learner's group when they last used the block (for reports)."),
        scope=Scope.user_state,
        default="",
    )
    programme_ended = Boolean(
        help=N_("The learner said their programme has ended."),
        scope=Scope.user_state,
        default=False,
    )
    volunteer_as = String(
        help=N_("mentor or host: what the learner offers to do next round."),
        scope=Scope.user_state,
        default="",
    )

    editable_fields = (
        "display_name",
        "kind",
        "group_source",
        "teamset_id",
        "roster_csv",
        "show_method",
        "programme_end",
        "assessment_block",
    )

    # -- configuration ----------------------------------------------------------------------

    @property
    def title(self) -> str:
        if self.fields["display_name"].is_set_on(self):
            return str(self.display_name)
        return self.ugettext(DEFAULT_TITLES.get(self.kind, DEFAULT_TITLES[INTERVISION]))

    @property
    def group_kind(self) -> RosterKind:
        return MENTORING if self.kind == MENTORING else INTERVISION

    def roster(self) -> Roster:
        """The uploaded roster; raises :class:`RosterError` when the stored one is broken."""
        return read_roster(self.roster_csv, self.group_kind)

    def end_day(self) -> date | None:
        """The author's programme end date, if set and valid."""
        try:
            return tc.parse_day(self.programme_end) if self.programme_end else None
        except ValueError:
            return None

    def programme_over(self) -> bool:
        end = self.end_day()
        return bool(self.programme_ended) or (end is not None and _today() >= end)

    # -- the learner's group ----------------------------------------------------------------

    def my_group(self) -> GroupView | None:
        """The current learner's group, or None (no group, or the source is not usable)."""
        me = self.username
        if self.group_source == TEAMS:
            if not self.teamset_id:
                return None
            team = compat.current_team(self, self.teamset_id)
            if team is None:
                return None
            label = self.ugettext(ROLE_LABELS["member"])
            members = tuple(MemberView(u, n, "member", label, u == me) for u, n in team.members)
            return GroupView(team.team_id, team.name, members)
        try:
            roster = self.roster()
        except RosterError:
            return None
        entry = roster.member(me)
        if entry is None:
            return None
        rows = sorted(roster.group_members(entry.group), key=lambda m: m.role != "mentor")
        members = tuple(
            MemberView(
                m.username,
                m.shown_name,
                m.role,
                self.ugettext(ROLE_LABELS[m.role]),
                m.username == me,
            )
            for m in rows
        )
        return GroupView(entry.group, entry.group, members, tc.roster_id(self.roster_csv))

    def _member_group(self, group_id: str) -> GroupView:
        """The learner's group if it is ``group_id``; else :class:`Forbidden`."""
        group = self.my_group()
        if group is None:
            raise Forbidden(self.ugettext("You are not in a group, so there is no log to show."))
        if group.id != group_id:
            raise Forbidden(self.ugettext("Only members of a group can read its session log."))
        self._remember_group(group)
        return group

    def session_log(self, group: GroupView) -> list[tc.LoggedSession]:
        """The group's log from every member's own entries (this learner's as not yet saved)."""
        me = self.username
        entries = {
            m.username: self.log_entries
            if m.username == me
            else compat.user_state_of(self, m.username).get("log_entries")
            for m in group.members
        }
        return tc.peer_group_log(entries, group.id, group.names, group.roster)

    # -- views ------------------------------------------------------------------------------

    def _day(self, iso_day: str) -> str:
        return _long_day(iso_day, self.language)

    def _log_entries(self, group: GroupView) -> list[dict[str, Any]]:
        _ = self.ugettext
        return [
            {
                "entry": entry,
                "day": self._day(entry.date),
                "owner": _("Case owner: {name}").format(name=entry.case_owner),
                "by": _("Logged by {name}").format(name=entry.author_name),
                "mine": entry.author == self.username,
            }
            for entry in self.session_log(group)
        ]

    def _log_html(self, group: GroupView) -> str:
        return self.render_template("peer_group_log.html", {"entries": self._log_entries(group)})

    def _offers_text(self) -> str:
        """The strengths the learner offered to mentor in on their self-assessment."""
        found = mentor_strengths(self, self.assessment_block, self.username)
        if not found:
            return ""
        return self.ugettext(
            "On your self-assessment you offered to mentor in: {strengths}. Choose to mentor "
            "below to put yourself forward for the next round."
        ).format(strengths=", ".join(name for _, name, _ in found))

    def _forward_context(self) -> dict[str, Any]:
        _ = self.ugettext
        end = self.end_day()
        if end is None:
            until = _("When your programme ends, you can volunteer to mentor or host next round.")
        else:
            until = _(
                "Your programme ends on {day}. Then you can volunteer to mentor or host next round."
            ).format(day=self._day(end.isoformat()))
        return {
            "uid": self.dom_id,
            "over": self.programme_over(),
            "until": until,
            "volunteer_as": self.volunteer_as,
            "offers": self._offers_text(),
            "choices": [
                {
                    "value": VolunteerRole.MENTOR,
                    "label": _("mentor someone who is new to the programme"),
                },
                {"value": VolunteerRole.HOST, "label": _("host an intervision group")},
                {"value": "", "label": _("not this time")},
            ],
        }

    def student_view(self, context: Mapping[str, Any] | None = None) -> Fragment:
        group = self.my_group()
        _ = self.ugettext
        html = self.render_template(
            "peer_group.html",
            {
                "title": self.title,
                "uid": self.dom_id,
                "kind": self.group_kind,
                "group": group,
                "group_heading": _("Group: {name}").format(name=group.name) if group else "",
                "entries": self._log_entries(group) if group else [],
                "method": method_guide(self.group_kind, self.ugettext, self.ungettext)
                if self.show_method
                else None,
                "today": _today().isoformat(),
                "earliest": tc.EARLIEST_DATE.isoformat(),
                "forward": self._forward_context(),
                "staff": self.staff_context() if self.is_course_staff else None,
            },
        )
        return self.make_fragment(
            html,
            css=["talent.css", "peer_group.css"],
            js=["talent.js", "peer_group.js"],
            init="PeerGroupBlock",
            init_args={
                "group": group.id if group else None,
                "messages": {
                    "logged": _("Session logged. The group's log is updated."),
                    "refreshed": _("The group's log is up to date."),
                    "volunteered": _("Thank you. Your offer is saved."),
                    "withdrawn": _("Your offer is withdrawn."),
                    "ended": _("Noted: your programme has ended."),
                    "uploaded": _("The roster is saved."),
                    "failed": _("That did not work. Please try again."),
                    "step": _("Step {number} of {count}"),
                },
            },
        )

    # -- learner handlers -------------------------------------------------------------------

    @json_payload_handler(GroupRequest)
    def show_log(self, request: GroupRequest) -> dict[str, Any]:
        """The group's log as HTML, for members of that group only."""
        group = self._member_group(request.group)
        return {"html": self._log_html(group)}

    @json_payload_handler(tc.PeerSession)
    def log_session(self, session: tc.PeerSession) -> dict[str, Any]:
        """Add a session to this learner's entries; answer with the group's whole log."""
        _ = self.ugettext
        group = self._member_group(session.group)
        if not session.date_is_plausible(_today()):
            earliest = long_date(tc.EARLIEST_DATE, self.language)
            raise tc.ValidationError(
                [
                    tc.Problem(
                        "date",
                        _("Give the day of the session: from {earliest} until today.").format(
                            earliest=earliest
                        ),
                    )
                ]
            )
        if len(self.log_entries) >= tc.MAX_LOG_ENTRIES:
            message = _("You can log at most {count} sessions here.").format(
                count=tc.MAX_LOG_ENTRIES
            )
            raise tc.ValidationError([tc.Problem("", message)])
        self.log_entries = [
            *self.log_entries,
            tc.new_log_entry(session, datetime.now(UTC), group.roster),
        ]
        if len(self.log_entries) == 1:
            self.emit_completion(1.0)
        self.publish_event("session_logged", group=group.id, date=session.date)
        return {"html": self._log_html(group)}

    @json_payload_handler(ProgrammeEnd)
    def end_programme(self, request: ProgrammeEnd) -> dict[str, Any]:
        """The learner says their programme has ended, which opens pay it forward."""
        self.programme_ended = True
        self._remember_group(self.my_group())
        self.publish_event("programme_ended")
        html = self.render_template("peer_group_forward.html", {"forward": self._forward_context()})
        return {"html": html}

    @json_payload_handler(VolunteerChoice)
    def volunteer(self, choice: VolunteerChoice) -> dict[str, Any]:
        """Offer to mentor or to host a group next round (or withdraw), once the programme ended."""
        if not self.programme_over():
            message = self.ugettext("You can volunteer once your programme has ended.")
            raise tc.ValidationError([tc.Problem("volunteer_as", message)])
        self.volunteer_as = str(choice.volunteer_as)
        self._remember_group(self.my_group())
        self.publish_event("volunteered", volunteer_as=self.volunteer_as)
        return {"volunteer_as": self.volunteer_as}

    def _remember_group(self, group: GroupView | None) -> None:
        """Keep the learner's group name for reports (a write only when it changed)."""
        if group is not None and group.name != self.group_name:
            self.group_name = group.name

    # -- Studio -----------------------------------------------------------------------------

    def validate_field_data(self, validation: Any, data: Any) -> None:
        """Errors for a configuration learners cannot use (Studio refuses to save it)."""
        _ = self.ugettext

        def error(text: str) -> None:
            validation.add(ValidationMessage(ValidationMessage.ERROR, text))

        kind = MENTORING if data.kind == MENTORING else INTERVISION
        if data.group_source == TEAMS:
            if not data.teamset_id.strip():
                error(_("Enter the id of the teamset whose teams are the groups."))
            else:
                known = compat.teamset_ids(self)
                if known is not None and data.teamset_id not in known:
                    error(_("The course has no teamset {teamset}.").format(teamset=data.teamset_id))
        try:
            read_roster(data.roster_csv, kind)
        except RosterError as problem:
            error(_("The roster is not valid: {problem}").format(problem=problem.text(_)))
        if data.programme_end:
            try:
                tc.parse_day(data.programme_end)
            except ValueError:
                error(
                    _("The programme end date {value} is not a date like 2025-06-30.").format(
                        value=data.programme_end
                    )
                )

    def validate(self) -> Any:
        """Also warn (without refusing a save) when a roster block has no roster yet."""
        validation = super().validate()
        if self.group_source == ROSTER and not self.roster_csv.strip():
            validation.add(
                ValidationMessage(
                    ValidationMessage.WARNING,
                    self.ugettext("No roster yet: learners see no group until staff upload one."),
                )
            )
        return validation

    # -- data for HR ------------------------------------------------------------------------

    def report_row(self, state: Mapping[str, Any]) -> dict[str, Any] | None:
        """:func:`talent_core.reports.peer_group_row` of this learner's state."""
        sessions, last = tc.logged_sessions(state.get("log_entries"))
        return peer_group_row(
            state.get("group_name", ""), sessions, last, state.get("volunteer_as", "")
        )

    @staticmethod
    def workbench_scenarios() -> list[tuple[str, str]]:
        return scenarios.for_block("peer_group")
