"""The development plan's manager side: the roster, "My team", and what managers decide.

Where the data lives, and why (see docs/managers.md):

* The manager roster is this block's ``Scope.user_state_summary`` (one value per block, which
  course staff upload in the LMS). Only this block's own handlers and views read it: in the
  LMS a block loaded through ``runtime.get_block`` has no prefetched summary, so every
  decision that needs the roster is taken here, in the block that holds it.
* What a manager records (plan decisions, ratings, conversations, checklist) is the manager's
  own ``Scope.user_state`` of this block (``manager_record``): no user writes another's state.
* The manager reads a report's plan, and the learner reads their manager's record, through the
  ``user_state`` service (:func:`xblocks.compat.user_state_of`), as peer_group merges its log.
* The learner's plan keeps the manager it was submitted to (``submission``), so other blocks
  (the dialogue) find the manager through the learner's plan state, not through the roster.

Anyone the roster does not name as the learner's manager gets HTTP 403 from every manager
handler, before the request body is even read.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import secrets
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Annotated, Any, Literal, cast
from urllib.parse import urlencode

from pydantic import Field
from webob import Request, Response
from xblock.core import XBlock, XBlockMixin
from xblock.fields import Dict, Scope, String

import talent_core as tc
from talent_core import Identifier, StrictModel, Username
from talent_core import managers as mg

from . import _talent_conversation as talent
from . import _team_view as team_view
from . import compat, concurrency
from ._dialogue_aspirations import shared_lines
from .competency_view import long_date
from .i18n import N_
from .mixins import (
    Conflict,
    Forbidden,
    busy_response,
    discard_unsaved_changes,
    json_error,
    json_payload_handler,
    json_response,
)

__all__ = [
    "PLAN_TYPE",
    "DecisionRequest",
    "PlanTeamMixin",
    "RatingRequest",
    "ReportRequest",
    "SubmitRequest",
    "TalentResponseRequest",
    "TalentViewRequest",
    "TalkRequest",
    "TickRequest",
    "manager_handler",
    "manager_ratings",
    "today",
]

log = logging.getLogger(__name__)

PLAN_TYPE = "development_plan"
#: The earliest day a manager may give for a conversation held.


def today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


class SubmitRequest(StrictModel):
    """Body of ``submit_plan``: the version of the plan the learner's page shows."""

    version: Annotated[int, Field(ge=0)]


class DecisionRequest(StrictModel):
    """Body of ``agree_plan`` and ``send_back``: whose plan, as the manager's page showed it."""

    username: Username
    version: Annotated[int, Field(ge=0)]
    comment: Annotated[str, Field(max_length=2000)] = ""


class ReportRequest(StrictModel):
    """Body of ``team_report``: whose plan the manager opens."""

    username: Username


class RatingRequest(StrictModel):
    """Body of ``rate_report``: the manager's level per competency for the dialogue."""

    username: Username
    levels: Annotated[dict[Identifier, int], Field(min_length=1, max_length=60)]


class TalkRequest(StrictModel):
    """Body of ``record_talk``: a development conversation the manager held."""

    username: Username
    held_on: dt.date
    agreed_focus: Annotated[str, Field(max_length=4000)] = ""


class TickRequest(StrictModel):
    """Body of ``tick_checklist``: one checklist item for one report, ticked or cleared."""

    username: Username
    item: Identifier
    done: bool


class TalentViewRequest(StrictModel):
    """Body of ``record_talent_view``: the manager's talent view of one report."""

    username: Username
    strengths: Annotated[list[Identifier], Field(max_length=50)] = Field(default_factory=list)
    readiness: Annotated[list[mg.RoleReadiness], Field(max_length=50)] = Field(default_factory=list)
    next_step: Annotated[str, Field(max_length=mg.MAX_NEXT_STEP)] = ""
    conversation_date: dt.date


class TalentResponseRequest(StrictModel):
    """Body of ``respond_talent_view``: the learner's answer to the view they were shown."""

    text: Annotated[str, Field(max_length=mg.MAX_RESPONSE)]
    conversation_date: dt.date


def manager_handler(
    payload: type[Any],
) -> Callable[[Callable[[Any, Any], Any]], Callable[[Any, Request, str], Response]]:
    """:func:`json_payload_handler` for managers only: a user the roster names as nobody's
    manager gets HTTP 403 before the body is read; the method itself checks the report
    (:meth:`PlanTeamMixin.report_plan`)."""

    def decorate(method: Callable[[Any, Any], Any]) -> Callable[[Any, Request, str], Response]:
        inner = json_payload_handler(payload)(method)

        @XBlock.handler
        @functools.wraps(method)
        def handler(self: Any, request: Request, suffix: str = "") -> Response:
            if not self.team_roster().is_manager(self.username):
                return json_error(403, self.not_your_report())
            return inner(self, request, suffix)

        return cast(Callable[[Any, Request, str], Response], handler)

    return decorate


def manager_ratings(block: XBlock, reference: str, username: str) -> list[tc.Rating]:
    """The ratings ``username``'s line manager gave in the plan block ``reference`` names.

    For blocks that do not hold the roster (the dialogue). Only what the LMS serves is used:
    the linked block's location (``runtime.get_block``: settings, never its user data) and,
    through the ``user_state`` service, the learner's own plan (which names the manager the
    roster gave when it was saved, and the one it was submitted to) and those managers'
    records. Empty when nothing is linked, found or readable.
    """
    if not reference.strip():
        return []
    linked = compat.find_block(block, reference, PLAN_TYPE)
    if linked is None or linked.scope_ids.block_type != PLAN_TYPE:
        return []
    try:
        plan = tc.load_plan(compat.user_state_of(linked, username).get("plan_record"), username)
    except tc.ValidationError:
        return []
    managers = [plan.roster_manager]
    if plan.submission is not None:
        managers.append(plan.submission.manager_username)
    ratings: list[tc.Rating] = []
    for manager in dict.fromkeys(m for m in managers if m):
        try:
            record = mg.load_manager_record(
                compat.user_state_of(linked, manager).get("manager_record")
            )
        except tc.ValidationError:
            continue
        report = record.of(username)
        decision = report.latest_decision()
        name = decision.manager_name if decision is not None and decision.manager_name else manager
        ratings += report.manager_ratings(name)
    return ratings


class PlanTeamMixin(XBlockMixin):
    """Roster, manager record and the handlers around them; list it after TalentBlockMixin."""

    manager_roster = Dict(
        help=N_(
            "The course's manager roster (username, manager_username, name), uploaded by staff."
        ),
        scope=Scope.user_state_summary,
        default={},
    )
    manager_record = Dict(
        help=N_("What this user recorded as a line manager about their reports."),
        scope=Scope.user_state,
        default={},
    )

    talent_response = Dict(
        help=N_("This learner's response to their manager's talent view."),
        scope=Scope.user_state,
        default={},
    )

    dialogue_block = String(
        display_name=N_("Linked development dialogue"),
        help=N_(
            "The location of a development dialogue block in this course (its full location, "
            "or the block id after 'block@'). Managers see its shared record (never the "
            "learner's private answers). Leave empty to link none."
        ),
        scope=Scope.settings,
        default="",
    )
    manager_checklist = String(
        display_name=N_("Manager's checklist (JSON)"),
        help=N_(
            'The items a manager ticks for each report: a list of {"id": ..., "text": {"en": '
            '..., "sv": ..., "nl": ...}}. Leave empty for the shipped checklist.'
        ),
        scope=Scope.settings,
        default="",
        multiline_editor=True,
    )
    roles_charter = String(
        display_name=N_("Roles charter (JSON)"),
        help=N_(
            "Who does what in talent development, as HR exports it from notebook 03. Leave "
            "empty for the shipped charter."
        ),
        scope=Scope.settings,
        default="",
        multiline_editor=True,
    )

    if TYPE_CHECKING:
        assessment_block: str

        @property
        def username(self) -> str: ...

        @property
        def is_course_staff(self) -> bool: ...

        @property
        def language(self) -> str: ...

        @property
        def dom_id(self) -> str: ...

        @property
        def framework(self) -> tc.CompetencyFramework: ...

        @property
        def words(self) -> Any: ...

        def render_template(self, name: str, context: Mapping[str, Any]) -> str: ...

        def page_response(self, template: str, context: Mapping[str, Any]) -> Response: ...

        def localized(self, text: Mapping[str, str]) -> str: ...

        def ugettext(self, text: str) -> str: ...

        def publish_event(self, action: str, **data: Any) -> None: ...

        @property
        def plan(self) -> tc.DevelopmentPlan: ...

        def _store(self, plan: tc.DevelopmentPlan) -> None: ...

        def _after_change(
            self, stored: tc.DevelopmentPlan, saved: tc.DevelopmentPlan
        ) -> dict[str, Any]: ...

    # -- the roster -------------------------------------------------------------------------

    def team_roster(self) -> mg.ManagerRoster:
        """The stored roster; an unreadable one counts as none (staff are told in the view)."""
        try:
            return mg.load_manager_roster(self.manager_roster)
        except mg.ManagerRosterError as error:
            log.warning("development_plan %s: %s", self.scope_ids.usage_id, error)
            return mg.ManagerRoster()

    def not_your_report(self) -> str:
        return self.ugettext("Only the line manager the roster names for this person can do this.")

    # -- reading other users' state ---------------------------------------------------------

    def state_of(self, username: str) -> Mapping[str, Any]:
        """Another user's state of this block, through the ``user_state`` service."""
        return compat.user_state_of(cast(XBlock, self), username)

    def record_of(self, manager: str) -> mg.ManagerRecord:
        """What ``manager`` recorded (empty when unreadable: a learner never sees an error of
        someone else's state)."""
        state = (
            self.manager_record
            if manager == self.username
            else self.state_of(manager).get("manager_record")
        )
        try:
            return mg.load_manager_record(state)
        except tc.ValidationError as error:
            log.warning(
                "development_plan %s: manager record of %s: %s",
                self.scope_ids.usage_id,
                manager,
                error,
            )
            return mg.ManagerRecord()

    def my_record(self) -> mg.ManagerRecord:
        return mg.load_manager_record(self.manager_record)

    def report_plan(self, username: str) -> tc.DevelopmentPlan:
        """The plan of one of the current manager's reports; Forbidden for anyone else's."""
        if not self.team_roster().manages(self.username, username):
            raise Forbidden(self.not_your_report())
        return tc.load_plan(self.state_of(username).get("plan_record"), username)

    def verified(self, plan: tc.DevelopmentPlan, roster: mg.ManagerRoster) -> mg.VerifiedAgreement:
        """Where the learner's plan stands with the manager, read from the managers' records:
        the roster's manager now and the one the plan was submitted to (history stays)."""
        managers = [roster.manager_of(plan.owner)]
        if plan.submission is not None:
            managers.append(plan.submission.manager_username)
        decisions = [
            decision
            for manager in dict.fromkeys(m for m in managers if m)
            if (decision := self.record_of(manager).of(plan.owner).latest_decision()) is not None
        ]
        latest = max(decisions, key=lambda d: (d.version, d.decided_on), default=None)
        return mg.verified_agreement(plan.goals_fingerprint(), plan.submission, latest)

    # -- learner ----------------------------------------------------------------------------

    @json_payload_handler(SubmitRequest)
    def submit_plan(self, request: SubmitRequest) -> dict[str, Any]:
        """Ask the roster's manager to agree the plan as stored (the version the page shows)."""
        manager = self.team_roster().manager_of(self.username)
        if manager is None:
            raise Forbidden(self.ugettext("The course's manager roster names no manager for you."))
        stored = self.plan
        submitted = mg.submit_plan(stored, request.version, manager, today())
        answer = self._after_change(stored, submitted)
        self.publish_event("submitted", version=submitted.version)
        return answer

    # -- manager ----------------------------------------------------------------------------

    def _decide(
        self, request: DecisionRequest, decision: Literal["agreed", "sent_back"]
    ) -> dict[str, Any]:
        plan = self.report_plan(request.username)
        roster = self.team_roster()
        record = mg.decide_plan(
            self.my_record(),
            request.username,
            plan,
            version=request.version,
            decision=decision,
            manager_name=roster.name_of(self.username),
            today=today(),
            comment=request.comment,
        )
        self.manager_record = record.to_state()
        self.publish_event(decision, report=request.username, version=plan.version)
        return self.team_answer(request.username)

    @manager_handler(DecisionRequest)
    def agree_plan(self, request: DecisionRequest) -> dict[str, Any]:
        """Agree a report's plan as the manager's page showed it (its version and goals)."""
        return self._decide(request, "agreed")

    @manager_handler(DecisionRequest)
    def send_back(self, request: DecisionRequest) -> dict[str, Any]:
        """Send a report's plan back with a comment on what to change."""
        return self._decide(request, "sent_back")

    def _change_record(
        self, request: Any, change: Callable[[mg.ManagerRecord], mg.ManagerRecord]
    ) -> dict[str, Any]:
        self.report_plan(request.username)  # 403 unless this manager's report
        self.manager_record = change(self.my_record()).to_state()
        return self.team_answer(request.username)

    @manager_handler(RatingRequest)
    def rate_report(self, request: RatingRequest) -> dict[str, Any]:
        """Record the manager's levels for the dialogue (source ``manager``) in their own state."""
        framework = self.framework
        answer = self._change_record(
            request,
            lambda record: mg.rate_report(
                record,
                request.username,
                request.levels,
                framework,
                today(),
                rater=self.team_roster().name_of(self.username),
            ),
        )
        self.publish_event("rated", report=request.username, competencies=sorted(request.levels))
        return answer

    @manager_handler(TalkRequest)
    def record_talk(self, request: TalkRequest) -> dict[str, Any]:
        """Record a development conversation the manager held (date, agreed focus)."""
        _ = self.ugettext
        if request.held_on not in tc.plausible_dates(happened=True):
            message = _("Give the day of the conversation: from {earliest} until today.")
            earliest = long_date(tc.EARLIEST_DATE, self.language)
            raise tc.ValidationError([tc.Problem("held_on", message.format(earliest=earliest))])
        talk = mg.ManagerConversation(
            held_on=request.held_on, agreed_focus=request.agreed_focus.strip()
        )
        answer = self._change_record(
            request, lambda record: mg.record_talk(record, request.username, talk)
        )
        self.publish_event("talk_recorded", report=request.username)
        return answer

    @manager_handler(TickRequest)
    def tick_checklist(self, request: TickRequest) -> dict[str, Any]:
        """Tick or clear one item of the manager's checklist for a report."""
        items = [item.id for item in self.checklist()]
        return self._change_record(
            request,
            lambda record: mg.tick(record, request.username, request.item, request.done, items),
        )

    @XBlock.handler
    def preparation_sheet(self, request: Request, suffix: str = "") -> Response:
        """The manager's printable preparation sheet for a conversation with one report
        (``?username=``): the plan's goals, coaching questions, ratings so far, checklist."""
        username = request.GET.get("username", "")
        if not self.team_roster().manages(self.username, username):
            return Response(
                self.not_your_report(), status=403, content_type="text/plain", charset="utf-8"
            )
        try:
            framework = self.framework
        except tc.ValidationError:
            return self.not_set_up_response()
        report = self.report_view(username, self.team_roster(), framework)
        questions = []
        for competency_id in dict.fromkeys(self._report_competencies(username)):
            if framework.competency_problem(competency_id) is None:
                node = framework.node(competency_id)
                asked = [
                    q.text
                    for q in tc.coaching_questions(framework, competency_id, self.language)
                    if q.purpose in ("dialogue", "both")
                ]
                questions.append({"name": self.localized(node.name), "questions": asked})
        self.publish_event("sheet_printed", report=username)
        return self.page_response(
            "development_plan_sheet.html",
            {
                "report": report,
                "competencies": questions,
                "aspirations": self._shared_aspirations(username),
            },
        )

    def _shared_aspirations(self, username: str) -> tuple[str, ...]:
        """The drivers and aspirations the report shared with their manager in the linked
        dialogue (never the private ones)."""
        found = self._linked_state(
            self.dialogue_block, "development_dialogue", "dialogue", username
        )
        if found is None:
            return ()
        try:
            record = tc.load_dialogue(found[0])
        except tc.ValidationError:
            return ()
        return shared_lines(record.aspirations, self.offered_roles(), self.language, self.ugettext)

    # -- what the team view shows ----------------------------------------------------------

    def checklist(self) -> tuple[mg.ChecklistItem, ...]:
        try:
            return mg.load_checklist(self.manager_checklist)
        except tc.ValidationError:
            return mg.default_checklist()

    def charter(self) -> mg.RolesCharter:
        try:
            return mg.load_charter(self.roles_charter)
        except tc.ValidationError:
            return mg.default_charter()

    def charter_html(self) -> str:
        """The roles charter as a collapsible section in this language."""
        charter = self.charter()
        return self.render_template(
            "development_plan_charter.html",
            {
                "uid": self.dom_id,
                "title": self.localized(charter.title),
                "intro": self.localized(charter.intro) if charter.intro else "",
                "roles": [
                    {
                        "name": self.localized(r.name),
                        "duties": [self.localized(d) for d in r.duties],
                    }
                    for r in charter.roles
                ],
            },
        )

    def _linked_state(self, reference: str, block_type: str, field: str, username: str) -> Any:
        """A report's ``field`` in a linked block of this course, through the user_state
        service; None when nothing is linked or found."""
        if not reference.strip():
            return None
        linked = compat.find_block(cast(XBlock, self), reference, block_type)
        if linked is None or linked.scope_ids.block_type != block_type:
            return None
        return compat.user_state_of(linked, username).get(field), linked

    def _report_competencies(self, username: str) -> list[str]:
        try:
            plan = tc.load_plan(self.state_of(username).get("plan_record"), username)
        except tc.ValidationError:
            return []
        return [goal.competency_id for goal in plan.goals]

    def _assessment_text(self, username: str) -> str:
        """The report's latest self-assessment against its role, in one line."""
        found = self._linked_state(
            self.assessment_block, "competency_assessment", "assessment", username
        )
        if found is None:
            return ""
        state, linked = found
        try:
            summary = tc.summarize_self_assessment(state)
            setup = linked.setup
        except (tc.ValidationError, AttributeError):
            return ""
        latest = summary.latest
        if latest is None:
            return self.ugettext("No self-assessment submitted yet.")
        role = next((r for r in setup.roles if r.id == latest.role_id), None)
        if role is None:
            return ""
        fit = tc.role_fit(setup.framework, [role], tc.on_scale(setup.framework, latest.levels))[0]
        gaps = ", ".join(
            self.localized(setup.framework.node(g.competency_id).name) for g in fit.open_gaps[:3]
        )
        text = self.ugettext("Self-assessment on {date} against {role}: fit {percent}%.").format(
            date=long_date(latest.submitted_at.date(), self.language),
            role=self.localized(role.name),
            percent=tc.whole_percent(fit.fit),  # docs/figures.md, "Role fit"
        )
        if gaps:
            text += " " + self.ugettext("Largest open gaps: {gaps}.").format(gaps=gaps)
        return text

    def _dialogue_text(self, username: str) -> tuple[str, dt.date | None]:
        """The dialogue's shared record (never the private answers), and its latest day."""
        found = self._linked_state(
            self.dialogue_block, "development_dialogue", "dialogue", username
        )
        if found is None:
            return "", None
        try:
            summary = tc.summarize_dialogue(found[0])
        except tc.ValidationError:
            return "", None
        latest = summary.latest
        if latest is None:
            return self.ugettext("No conversation recorded in the dialogue yet."), None
        text = self.ugettext(
            "Dialogue: {count} conversations recorded, the latest on {date}."
        ).format(count=summary.conversations, date=long_date(latest.held_on, self.language))
        if latest.agreed_focus:
            text += " " + self.ugettext("Agreed focus: {focus}").format(focus=latest.agreed_focus)
        return text, latest.held_on

    def report_view(
        self, username: str, roster: mg.ManagerRoster, framework: tc.CompetencyFramework
    ) -> team_view.ReportView:
        """One report as their manager sees it (read through the user_state service)."""
        try:
            plan: tc.DevelopmentPlan | None = tc.load_plan(
                self.state_of(username).get("plan_record"), username
            )
        except tc.ValidationError as error:
            log.warning(
                "development_plan %s: plan of %s: %s", self.scope_ids.usage_id, username, error
            )
            plan = None
        found = self.verified(plan, roster) if plan is not None else None
        report = self.my_record().of(username)
        dialogue, dialogue_day = self._dialogue_text(username)
        last_talk = max((d for d in (dialogue_day, report.last_conversation()) if d), default=None)
        follow_up = mg.FollowUp(
            username=username,
            manager_username=self.username,
            has_plan=plan is not None and bool(plan.goals),
            plan_saved_on=plan.saved_on if plan is not None else None,
            next_due=plan.next_due() if plan is not None else None,
            manager_status=found.status if found is not None else None,
            submitted_on=plan.submission.submitted_on if plan and plan.submission else None,
            last_dialogue=last_talk,
        )
        attention = list(mg.needs_attention([follow_up], today()))
        return team_view.report_view(
            team_view.ReportInput(
                username=username,
                name=roster.name_of(username),
                dom_id=f"{self.dom_id}-r-{secrets.token_hex(3)}",
                plan=plan,
                found=found,
                manager_name=roster.name_of(self.username),
                record=report,
                checklist=self.checklist(),
                assessment=self._assessment_text(username),
                dialogue=dialogue,
                attention=attention,
                sheet_url=self._sheet_url(username),
            ),
            framework,
            self.words,
            today(),
        )

    def report_card(
        self,
        username: str,
        roster: mg.ManagerRoster,
        record: mg.ManagerRecord,
        words: Any,
        day: dt.date,
    ) -> team_view.ReportCard:
        """One report in the team list, from the plan's stored summary only (cheap: a team of
        50 with 20-goal plans renders fast); the plan itself loads when the manager opens it."""
        try:
            summary = tc.summarize_plan(self.state_of(username).get("plan_record"))
        except tc.ValidationError as error:
            log.warning(
                "development_plan %s: plan of %s: %s", self.scope_ids.usage_id, username, error
            )
            return team_view.report_card(username, roster.name_of(username), None, None, [], words)
        report = record.of(username)
        found = None
        if summary is not None:
            found = mg.verified_agreement(
                summary.goals_fingerprint, summary.submission, report.latest_decision()
            )
        follow_up = mg.FollowUp(
            username=username,
            manager_username=self.username,
            has_plan=summary is not None and summary.goals > 0,
            plan_saved_on=summary.saved_on if summary else None,
            next_due=summary.next_due if summary else None,
            manager_status=found.status if found is not None else None,
            submitted_on=summary.submission.submitted_on
            if summary and summary.submission
            else None,
            last_dialogue=report.last_conversation(),
        )
        attention = list(mg.needs_attention([follow_up], day))
        return team_view.report_card(
            username, roster.name_of(username), summary, found, attention, words
        )

    @manager_handler(ReportRequest)
    def team_report(self, request: ReportRequest) -> dict[str, Any]:
        """One report's plan and the manager's forms, when the manager opens it."""
        self.report_plan(request.username)  # 403 unless this manager's report
        return self.team_answer(request.username)

    def _sheet_url(self, username: str) -> str:
        """The preparation sheet of one report (the runtime's URL may carry a query already)."""
        url = str(self.runtime.handler_url(self, "preparation_sheet"))
        return url + ("&" if "?" in url else "?") + urlencode({"username": username})

    def team_html(self, framework: tc.CompetencyFramework) -> str:
        """ "My team" for a manager the roster names; empty for everyone else."""
        roster = self.team_roster()
        reports = roster.reports_of(self.username)
        if not reports:
            return ""
        record, words, day = self.my_record(), self.words, today()
        team = [self.report_card(username, roster, record, words, day) for username in reports]
        return self.render_template(
            "development_plan_team.html",
            {
                "uid": self.dom_id,
                "team": team,
                "charter": self.charter_html(),
                "latest_talk": tc.plausible_dates(happened=True).latest.isoformat(),
                "earliest_talk": tc.EARLIEST_DATE.isoformat(),
                "today": today().isoformat(),
            },
        )

    def team_answer(self, username: str) -> dict[str, Any]:
        """What a manager handler answers: the report's part of the team view, fresh."""
        framework = self.framework
        report = self.report_view(username, self.team_roster(), framework)
        html = self.render_template(
            "development_plan_report.html",
            {
                "report": report,
                "talent": self.talent_form(username, framework),
                "latest_talk": tc.plausible_dates(happened=True).latest.isoformat(),
                "earliest_talk": tc.EARLIEST_DATE.isoformat(),
                "today": today().isoformat(),
            },
        )
        return {"html": html, "username": username, "status": report.status}

    # -- the talent conversation --------------------------------------------------------

    def offered_roles(self) -> tuple[tc.RoleProfile, ...]:
        """The roles the linked self-assessment offers (none without one): the roles a manager
        may name in a talent view."""
        if not self.assessment_block.strip():
            return ()
        linked = compat.find_block(
            cast(XBlock, self), self.assessment_block, "competency_assessment"
        )
        try:
            return tuple(linked.setup.roles) if linked is not None else ()
        except (tc.ValidationError, AttributeError):
            return ()

    def response_of(self, username: str) -> mg.TalentResponse | None:
        """A learner's response to their manager's talent view (None when none or unreadable)."""
        state = (
            self.talent_response
            if username == self.username
            else self.state_of(username).get("talent_response")
        )
        if not state:
            return None
        try:
            return tc.load(mg.TalentResponse, state)
        except tc.ValidationError:
            return None

    def talent_form(self, username: str, framework: tc.CompetencyFramework) -> talent.TalentForm:
        """The manager's talent view form for one of their reports."""
        return talent.talent_form(
            self.my_record().of(username).talent,
            self.response_of(username),
            framework,
            self.offered_roles(),
            self.language,
            self.ugettext,
        )

    @manager_handler(TalentViewRequest)
    def record_talent_view(self, request: TalentViewRequest) -> dict[str, Any]:
        """Keep the manager's talent view of a report in the manager's own state."""
        self.report_plan(request.username)  # 403 unless this manager's report
        fields = request.model_dump(exclude={"username"})
        view = tc.load(
            mg.TalentView, {**fields, "learner": request.username, "manager": self.username}
        )
        roles = {role.id for role in self.offered_roles()}
        checked = mg.check_talent_view(view, self.framework, roles, today=today())
        self.manager_record = mg.record_talent_view(self.my_record(), checked).to_state()
        self.publish_event(
            "talent_view_recorded",
            report=request.username,
            roles=[r.role_id for r in checked.readiness],
        )
        return self.team_answer(request.username)

    def my_talent_view(self, framework: tc.CompetencyFramework) -> talent.LearnerTalentView | None:
        """The roster manager's talent view of the current learner, as the learner reads it."""
        roster = self.team_roster()
        manager = roster.manager_of(self.username)
        if manager is None:
            return None
        view = self.record_of(manager).of(self.username).talent
        if view is None:
            return None
        return talent.learner_talent_view(
            view,
            roster.name_of(manager),
            self.response_of(self.username),
            framework,
            self.offered_roles(),
            self.language,
            self.ugettext,
        )

    def my_talent_html(self, framework: tc.CompetencyFramework) -> str:
        found = self.my_talent_view(framework)
        if found is None:
            return ""
        return self.render_template(
            "development_plan_talent.html",
            {"uid": self.dom_id, "talent": found, "date": self._shown_talent_date()},
        )

    def _shown_talent_date(self) -> str:
        manager = self.team_roster().manager_of(self.username)
        view = self.record_of(manager).of(self.username).talent if manager else None
        return view.conversation_date.isoformat() if view is not None else ""

    @json_payload_handler(TalentResponseRequest)
    def respond_talent_view(self, request: TalentResponseRequest) -> dict[str, Any]:
        """Keep the learner's response to their manager's talent view in their own state."""
        _ = self.ugettext
        if not self._shown_talent_date():
            raise Forbidden(_("Your manager has not recorded a talent view for you."))
        if self._shown_talent_date() != request.conversation_date.isoformat():
            raise Conflict(
                _("Your manager has changed the talent view since this page loaded. Reload it.")
            )
        text = request.text.strip()
        if not text:
            raise tc.ValidationError([tc.Problem("text", _("Write your response first."))])
        response = mg.TalentResponse(
            text=text, conversation_date=request.conversation_date, responded_on=today()
        )
        self.talent_response = response.model_dump(mode="json")
        self.publish_event("talent_view_answered")
        return {
            "html": self.my_talent_html(self.framework),
            "message": _("Your response is saved. Your manager can read it."),
        }

    # -- personal data (GDPR) -------------------------------------------------------------

    def talent_views_about(self, learner: str) -> dict[str, Any]:
        """Every talent view managers of this block recorded about ``learner``, per manager:
        part of the learner's data export (their own state, with their response and the
        dialogue's aspirations, is exported as theirs). Reads every user's state, so it is for
        an export, not for a page."""
        found: dict[str, Any] = {}
        for row in compat.iter_user_states(cast(XBlock, self)):
            if row.username == learner or not row.state.get("manager_record"):
                continue
            try:
                view = mg.load_manager_record(row.state["manager_record"]).of(learner).talent
            except tc.ValidationError:
                continue
            if view is not None:
                found[str(row.username)] = view.model_dump(mode="json")
        return found

    def erase_talent_views_about(self, learner: str) -> int:
        """Remove the talent views about ``learner`` from every manager's record; the number of
        managers' states changed. Writes other users' state, so only the platform's
        staff/retirement path may call it (as ``erase_reviewer_data_about`` in the portfolio;
        docs/managers.md); no web handler does."""
        changed = 0
        for row in list(compat.iter_user_states(cast(XBlock, self))):
            raw = row.state.get("manager_record")
            if not raw or row.username == learner:
                continue
            try:
                record = mg.load_manager_record(raw)
            except tc.ValidationError:
                continue
            erased = mg.forget_talent_view(record, learner)
            if erased != record:
                compat.replace_user_state_field(
                    cast(XBlock, self), str(row.username), "manager_record", erased.to_state()
                )
                changed += 1
        return changed

    # -- staff ------------------------------------------------------------------------------

    @XBlock.handler
    def upload_managers(self, request: Request, suffix: str = "") -> Response:
        """Replace the manager roster with an uploaded CSV (form field ``roster``); course staff
        only. A refused file names every problem and leaves the stored roster as it was."""
        _ = self.ugettext
        if not self.is_course_staff:
            return json_error(403, _("Only course staff can upload a manager roster."))
        if request.method != "POST":
            return json_error(405, _("Send this request as POST."))
        upload = request.POST.get("roster")
        if upload is None or not hasattr(upload, "file"):
            return json_error(400, _("Choose a manager roster file (CSV) to upload."))
        data = upload.file.read(mg.MAX_MANAGER_ROSTER_BYTES + 1)
        try:
            roster = mg.read_manager_roster(data)
        except mg.ManagerRosterError as error:
            return json_error(
                400,
                _("The manager roster was not saved."),
                [tc.Problem("roster", problem.text(_)) for problem in error.problems],
            )
        try:
            # One roster for every user of the block: staff uploading at once take turns.
            with concurrency.exclusive(cast(XBlock, self), shared=True):
                self.manager_roster = roster.to_state()
        except concurrency.Busy:
            discard_unsaved_changes(cast(XBlock, self))
            return busy_response(cast(XBlock, self))
        self.publish_event("managers_uploaded", people=len(roster), managers=len(roster.managers))
        return json_response(self.roster_status())

    def roster_status(self) -> dict[str, Any]:
        """What staff read about the stored roster."""
        _ = self.ugettext
        try:
            roster = mg.load_manager_roster(self.manager_roster)
        except mg.ManagerRosterError as error:
            return {"status": error.text(_), "people": 0, "managers": 0}
        if not len(roster):
            return {"status": _("No manager roster yet."), "people": 0, "managers": 0}
        text = _("Manager roster: {people} people, {managers} managers.").format(
            people=len(roster), managers=len(roster.managers)
        )
        return {"status": text, "people": len(roster), "managers": len(roster.managers)}
