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
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Annotated, Any, Literal, cast

from pydantic import Field
from webob import Request, Response
from xblock.core import XBlock, XBlockMixin
from xblock.fields import Dict, Scope

import talent_core as tc
from talent_core import managers as mg
from talent_core._text import StrictModel, Username

from . import compat
from .i18n import N_
from .mixins import Forbidden, json_error, json_payload_handler, json_response

__all__ = [
    "DecisionRequest",
    "PlanTeamMixin",
    "SubmitRequest",
    "manager_handler",
    "today",
]

log = logging.getLogger(__name__)


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

    if TYPE_CHECKING:
        username: str
        is_course_staff: bool
        language: str

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
        return mg.verified_agreement(plan, plan.submission, latest)

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

    def team_answer(self, username: str) -> dict[str, Any]:
        """What a manager handler answers: the report's part of the team view, fresh."""
        raise NotImplementedError

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
        self.manager_roster = roster.to_state()
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
