"""The individual development plan: the learner's goals and activities, agreed with a manager.

The learner owns the plan: goals (a competency, a target level, why it matters), each with
activities picked from the framework's suggestions or written freely, with a learning mode,
hours, a due date, a status and, once done, a reflection. The top gaps of a linked
self-assessment become goals in one click. The learner records the line manager's agreement;
a later change to the goals shows the plan as changed until it is agreed again. The learning
mix shows how blended the plan is; the plan downloads as a calendar (.ics) and as CSV and has
a print view.

Saving is safe across tabs: every save carries the version the page was loaded with and a
stale one is refused (HTTP 409), keeping the newer plan. Saving a plan with an activity
completes the block.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import secrets
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Annotated, Any

from pydantic import Field
from web_fragments.fragment import Fragment
from webob import Request, Response
from xblock.completable import CompletableXBlockMixin
from xblock.core import XBlock
from xblock.fields import Dict, Scope, String
from xblock.utils.studio_editable import StudioEditableXBlockMixin
from xblock.validation import ValidationMessage

import talent_core as tc
from talent_core import Identifier, StrictModel
from talent_core import managers as mg
from talent_core.reports import plan_row, readiness_rows

from . import _plan_view as view
from . import _team_view, compat, scenarios
from ._plan_team import PlanTeamMixin, today
from .competency_view import competency_groups, long_date
from .framework_source import FrameworkSourceMixin, setting_json
from .i18n import N_
from .linked_assessment import LinkedAssessmentMixin
from .mixins import (
    TalentBlockMixin,
    UnreadableState,
    attachment,
    json_payload_handler,
    unreadable_state_page,
)
from .reports import ReportDataMixin

__all__ = ["DevelopmentPlanBlock", "load_rates"]

log = logging.getLogger(__name__)

DEFAULT_RATES_JSON = json.dumps(tc.DEFAULT_RATES.model_dump(mode="json"), indent=2)
#: Host name in calendar UIDs when the request's host is not one (``.invalid`` is reserved).
FALLBACK_UID_DOMAIN = "talent-development.invalid"
#: The earliest day a learner may give as the day their manager agreed to the plan.


@functools.lru_cache(maxsize=32)
def load_rates(rates_json: str) -> tc.ModeRates:
    """The cost rates of a block's settings; ValidationError names the field to fix."""
    return tc.load(tc.ModeRates, setting_json(rates_json, "cost_rates"), where="cost_rates")


class NoPayload(StrictModel):
    """Body of a request that sends nothing but asks (``{}``)."""


class PlanPayload(StrictModel):
    """Body of ``save_plan`` and ``add_gap_goals``: the whole plan as the page shows it."""

    version: Annotated[int, Field(ge=0)]
    goals: Annotated[list[tc.Goal], Field(max_length=tc.MAX_GOALS)]


class GoalRequest(StrictModel):
    """Body of ``new_goal``: the competency and the ids of the goals on the page."""

    competency_id: Identifier
    taken: Annotated[list[Identifier], Field(max_length=tc.MAX_GOALS)] = []


class ActivityRequest(StrictModel):
    """Body of ``new_activity``: a framework activity (or none: the learner's own) for a goal."""

    competency_id: Identifier
    activity_ref: Identifier | None = None
    taken: Annotated[list[Identifier], Field(max_length=tc.MAX_ACTIVITIES)] = []


class DevelopmentPlanBlock(
    TalentBlockMixin,
    PlanTeamMixin,
    FrameworkSourceMixin,
    LinkedAssessmentMixin,
    ReportDataMixin,
    StudioEditableXBlockMixin,
    CompletableXBlockMixin,
    XBlock,
):
    """Goals, activities, the manager's agreement and the learning mix of one learner's plan."""

    display_name = String(
        display_name=N_("Display name"),
        help=N_("The title learners see above their development plan."),
        scope=Scope.settings,
        default=N_("My development plan"),
    )
    assessment_block = String(
        display_name=N_("Linked self-assessment"),
        help=N_(
            "The location of a competency self-assessment block in this course (its full "
            "location, or the block id after 'block@'). Learners turn its top gaps into goals "
            "in one click. Leave empty to link none."
        ),
        scope=Scope.settings,
        default="",
    )
    cost_rates = String(
        display_name=N_("Cost rates (JSON)"),
        help=N_(
            "What an hour of each learning mode costs (cost_per_hour), the share of it spent "
            "away from work (away_share, 0 to 1), the salary cost of an hour away "
            "(salary_per_hour) and the currency. Every learning mode needs a rate."
        ),
        scope=Scope.settings,
        default=DEFAULT_RATES_JSON,
        multiline_editor=True,
        xml_node=True,
    )
    unreadable_notice = N_(
        "Your saved plan could not be read. Please let the course team know; nothing has been "
        "changed."
    )
    plan_record = Dict(
        help=N_("This learner's development plan and its summary for reports."),
        scope=Scope.user_state,
        default={},
    )

    editable_fields = (
        "display_name",
        "framework_source",
        "framework_json",
        "assessment_block",
        "dialogue_block",
        "cost_rates",
        "manager_checklist",
        "roles_charter",
    )

    # -- reading ----------------------------------------------------------------------------

    @property
    def plan(self) -> tc.DevelopmentPlan:
        """This learner's stored plan (a new, empty one before the first save);
        :class:`UnreadableState` when this version cannot read the stored one."""
        try:
            return tc.load_plan(self.plan_record, self.username)
        except tc.ValidationError as error:
            raise UnreadableState(error.problems) from error

    @property
    def rates(self) -> tc.ModeRates:
        return load_rates(self.cost_rates)

    def _store(self, plan: tc.DevelopmentPlan) -> None:
        manager = self.team_roster().manager_of(self.username)
        stamped = plan.model_copy(update={"saved_on": today(), "roster_manager": manager})
        self.plan_record = tc.plan_to_state(stamped)

    def _linked_gaps(self, framework: tc.CompetencyFramework) -> list[tc.Gap] | None:
        """The linked assessment's gaps in this framework's competencies, largest first (met
        ones too; empty before the learner submits); None when none is linked or readable."""
        found = self.linked_assessment()
        if found is None:
            return None
        return [
            gap
            for gap in found.gaps
            if view.is_competency(framework, gap.competency_id)
            and framework.scale_for(gap.competency_id).contains(gap.required)
        ]

    # -- views ------------------------------------------------------------------------------

    @property
    def words(self) -> view.Words:
        """This request's language and the plan's repeated words, translated once."""
        return view.Words.of(self.language, self.ugettext, self.ungettext)

    def _goal_forms(
        self, plan: tc.DevelopmentPlan, framework: tc.CompetencyFramework
    ) -> list[view.GoalForm]:
        words = self.words
        return [
            view.goal_form(goal, framework, f"{self.dom_id}-g{i}", words)
            for i, goal in enumerate(plan.goals)
        ]

    def _verified_view(self, plan: tc.DevelopmentPlan) -> _team_view.VerifiedView | None:
        """Where the plan stands with the learner's roster manager; None without one."""
        roster = self.team_roster()
        manager = roster.manager_of(self.username)
        if manager is None:
            return None
        return _team_view.verified_view(
            self.verified(plan, roster), roster.name_of(manager), self.language, self.ugettext
        )

    def _parts(self, plan: tc.DevelopmentPlan, framework: tc.CompetencyFramework) -> dict[str, str]:
        """The sections that follow from the stored plan, rendered again after each change."""
        context = {
            "uid": self.dom_id,
            "verified": self._verified_view(plan),
            "self_reported": _team_view.self_reported_view(plan, self.language, self.ugettext),
            "agreement": view.agreement_view(plan, self.language, self.ugettext),
            "mix": view.mix_view(tc.learning_mix(plan.all_activities(), self.rates), self.words),
            "offer": view.gap_offer(self._linked_gaps(framework), plan, framework, self.language),
        }
        return {
            name: self.render_template(f"development_plan_{name}.html", context)
            for name in ("agreement", "gaps", "mix")
        }

    def student_view(self, context: Mapping[str, Any] | None = None) -> Fragment:
        try:
            framework = self.framework
            load_rates(self.cost_rates)
        except tc.ValidationError:
            return self.not_configured(
                lambda: self.framework_problems() + self.rates_problems(self.cost_rates)
            )
        try:
            plan = self.plan
        except UnreadableState as error:
            log.warning("development_plan %s: unreadable plan: %s", self.scope_ids.usage_id, error)
            return self.unreadable_fragment()
        html = self.render_template(
            "development_plan.html",
            {
                "title": self.title,
                "uid": self.dom_id,
                "version": plan.version,
                "goals": self._goal_forms(plan, framework),
                "groups": competency_groups(
                    framework, self.language, ungrouped_name=self.ugettext("Other competencies")
                ),
                "parts": self._parts(plan, framework),
                "today": dt.date.today().isoformat(),
                "earliest_agreement": tc.EARLIEST_DATE.isoformat(),
                "latest_agreement": tc.plausible_dates(happened=True).latest.isoformat(),
                "is_staff": self.is_course_staff,
                "team": self.team_html(framework),
                "talent": self.my_talent_html(framework),
                "charter": self.charter_html(),
                "roster": self.roster_status() if self.is_course_staff else None,
                "has_manager": self.team_roster().manager_of(self.username) is not None,
                "urls": {
                    name: self.runtime.handler_url(self, name)
                    for name in ("download_ics", "download_csv", "print_view", "download_data")
                },
            },
        )
        return self.make_fragment(
            html,
            css=["talent.css", "development_plan.css"],
            js=["talent.js", "development_plan_team.js", "development_plan.js"],
            init="DevelopmentPlanBlock",
            init_args={"messages": self._js_messages()},
        )

    def _js_messages(self) -> dict[str, str]:
        _ = self.ugettext
        return {
            "saved": _("Your plan is saved."),
            "goalsAdded": _("Goals added for your top gaps and the plan saved."),
            "agreed": _("The agreement is recorded."),
            "goalAdded": _("Goal added: {name}. Save the plan to keep it."),
            "goalRemoved": _("Goal removed. Save the plan to keep the change."),
            "activityAdded": _("Activity added. Save the plan to keep it."),
            "activityRemoved": _("Activity removed. Save the plan to keep the change."),
            "rejected": _("The plan was not saved. Please check:"),
            "notAgreed": _("The agreement was not recorded. Please check:"),
            "submitted": _("Your plan was sent to your manager."),
            "decided": _("Your decision is recorded."),
            "rated": _("Your ratings are saved."),
            "talked": _("The conversation is recorded."),
            "ticked": _("Your checklist is saved."),
            "talentSaved": _("The talent view is saved. Your report can read it."),
            "responseNeeded": _("Write your response first."),
            "opened": _("The plan is shown with your actions."),
            "notDecided": _("Your decision was not recorded. Please check:"),
            "commentNeeded": _("Say in the comment what to change before you send the plan back."),
            "uploaded": _("The manager roster is saved."),
            "stale": _(
                "This plan was changed in another tab or window after you opened this page. "
                "Your changes here were not saved. Reload to see the newer plan, or keep your "
                "text on this page to copy it first (reloading drops it)."
            ),
            "keep": _("Keep my text"),
            "kept": _("Your text stays on this page. Copy what you need, then reload."),
            "notSaved": _("Not saved: another tab saved a newer plan."),
            "saveFirst": _(
                "Save your changes first: the agreement covers the plan as it is saved."
            ),
            "failed": _("Something went wrong. Please try again."),
            "reload": _("Reload the newer plan"),
            "unsaved": _("You have unsaved changes."),
        }

    # -- handlers ---------------------------------------------------------------------------

    def _apply_save(self, payload: PlanPayload) -> tuple[tc.DevelopmentPlan, tc.DevelopmentPlan]:
        """(stored, saved): the payload checked against the framework and the stored version."""
        stored = self.plan
        saved = tc.apply_plan_save(stored, payload.model_dump(mode="json"), self.framework)
        return stored, saved

    def _after_change(
        self, stored: tc.DevelopmentPlan, saved: tc.DevelopmentPlan
    ) -> dict[str, Any]:
        self._store(saved)
        if not _has_activities(stored) and _has_activities(saved):
            self.emit_completion(1.0)
        return {"version": saved.version, "parts": self._parts(saved, self.framework)}

    @json_payload_handler(PlanPayload)
    def save_plan(self, payload: PlanPayload) -> dict[str, Any]:
        """Store the plan the page sends, unless another tab saved since the page loaded."""
        stored, saved = self._apply_save(payload)
        answer = self._after_change(stored, saved)
        progress = saved.progress()
        self.publish_event(
            "saved",
            version=saved.version,
            goals=len(saved.goals),
            activities=progress.activities,
            done=progress.done,
        )
        return answer

    @json_payload_handler(PlanPayload)
    def add_gap_goals(self, payload: PlanPayload) -> dict[str, Any]:
        """Save the page's plan with a goal for each top gap of the linked assessment."""
        framework = self.framework
        stored, saved = self._apply_save(payload)
        gaps = view.top_open_gaps(self._linked_gaps(framework) or [])
        if not gaps:
            problem = "there are no gaps of a submitted self-assessment to plan for"
            raise tc.ValidationError([tc.Problem("assessment", problem)])
        why = self.words.why_template
        with_goals = tc.goals_from_gaps(saved, gaps, framework, self.language, why_template=why)
        added = [g.competency_id for g in with_goals.goals[len(saved.goals) :]]
        answer = self._after_change(stored, with_goals)
        answer["goals_html"] = self.render_template(
            "development_plan_goals.html",
            {"goals": self._goal_forms(with_goals, framework), "uid": self.dom_id},
        )
        self.publish_event("goals_added", version=with_goals.version, competency_ids=added)
        return answer

    @json_payload_handler(NoPayload)
    def linked_parts(self, payload: NoPayload) -> dict[str, Any]:
        """The parts that follow the linked self-assessment (its gaps as goals), rendered again
        when that assessment is submitted on the same page."""
        parts = self._parts(self.plan, self.framework)
        return {"parts": {"gaps": parts["gaps"]}}

    @json_payload_handler(tc.AgreementInput)
    def record_agreement(self, payload: tc.AgreementInput) -> dict[str, Any]:
        """Record that the manager agreed to the plan as stored (the version the page shows)."""
        _ = self.ugettext
        problems: list[tc.Problem] = []
        if payload.agreed_on not in tc.plausible_dates(happened=True):
            earliest = long_date(tc.EARLIEST_DATE, self.language)
            message = _("Give the day the manager agreed: from {earliest} until today.")
            problems.append(tc.Problem("agreed_on", message.format(earliest=earliest)))
        if not payload.manager_name.strip():
            message = _("Give the name of the manager who agreed.")
            problems.append(tc.Problem("manager_name", message))
        if problems:
            raise tc.ValidationError(problems)
        stored = self.plan
        agreed = tc.apply_agreement(stored, payload.model_dump(mode="json"))
        answer = self._after_change(stored, agreed)
        self.publish_event("agreed", version=agreed.version)
        return answer

    @json_payload_handler(GoalRequest)
    def new_goal(self, request: GoalRequest) -> dict[str, str]:
        """The form of a new goal for the page (not saved until the learner saves the plan)."""
        framework = self.framework
        goal = tc.new_goal(framework, request.competency_id, request.taken)
        form = view.goal_form(goal, framework, f"{self.dom_id}-n{secrets.token_hex(4)}", self.words)
        html = self.render_template("development_plan_goal.html", {"goal": form})
        return {"html": html, "name": form.competency_name}

    @json_payload_handler(ActivityRequest)
    def new_activity(self, request: ActivityRequest) -> dict[str, str]:
        """The form of a new activity of a goal (not saved until the learner saves the plan)."""
        form = view.new_activity_form(
            self.framework,
            request.competency_id,
            request.activity_ref,
            request.taken,
            f"{self.dom_id}-n{secrets.token_hex(4)}",
            self.words,
        )
        return {"html": self.render_template("development_plan_activity.html", {"activity": form})}

    # -- downloads --------------------------------------------------------------------------

    def _download(self, body: str, content_type: str, filename: str, fmt: str) -> Response:
        self.publish_event("downloaded", format=fmt)
        return attachment(
            body.encode("utf-8-sig" if fmt == "csv" else "utf-8"), content_type, filename
        )

    @XBlock.handler
    @unreadable_state_page
    def download_ics(self, request: Request, suffix: str = "") -> Response:
        """The activities with a due date as an iCalendar file."""
        calendar = functools.partial(
            tc.plan_to_ics,
            self.plan,
            self.framework,
            self.language,
            now=dt.datetime.now(dt.UTC),
            mode_labels=self.words.modes,
        )
        try:
            body = calendar(uid_domain=(request.host or "").rsplit(":", 1)[0])
        except ValueError:  # the request's host is no host name (an IPv6 literal, say)
            body = calendar(uid_domain=FALLBACK_UID_DOMAIN)
        return self._download(body, "text/calendar", "development-plan.ics", "ics")

    @XBlock.handler
    @unreadable_state_page
    def download_csv(self, request: Request, suffix: str = "") -> Response:
        """The plan as CSV, one row per activity."""
        body = tc.plan_to_csv(self.plan, self.framework, self.language)
        return self._download(body, "text/csv", "development-plan.csv", "csv")

    @XBlock.handler
    @unreadable_state_page
    def print_view(self, request: Request, suffix: str = "") -> Response:
        """The plan as a page to print or keep: goals, activities, agreement, learning mix."""
        framework = self.framework
        plan = self.plan
        page = self.page_response(
            "development_plan_print.html",
            {"goals": self._goal_forms(plan, framework), "parts": self._parts(plan, framework)},
        )
        self.publish_event("downloaded", format="print")
        return page

    # -- Studio -----------------------------------------------------------------------------

    def rates_problems(self, rates_json: str) -> list[str]:
        try:
            load_rates(rates_json)
        except tc.ValidationError as error:
            return [
                self.ugettext("The cost rates are not valid: {problems}").format(
                    problems="; ".join(p.describe(self.language) for p in error.problems)
                )
            ]
        return []

    def validate_field_data(self, validation: Any, data: Any) -> None:
        """Errors for a broken framework or cost rates and an unusable linked assessment."""
        for message in self.framework_problems(data) + self.rates_problems(data.cost_rates):
            validation.add(ValidationMessage(ValidationMessage.ERROR, message))
        if validation.messages:
            return  # the link is checked once the plan's own settings are valid
        self.validate_linked_assessment(
            validation,
            data,
            self.ugettext(
                "The linked self-assessment uses another framework ({linked}); only gaps in "
                "competencies of this plan's framework become goals."
            ),
        )

    # -- data for HR ------------------------------------------------------------------------

    def report_row(self, state: Mapping[str, Any]) -> dict[str, Any] | None:
        """One learner's plan in figures; the columns are defined in docs/reports.md."""
        return self.row_builder()(state)

    def row_builder(self) -> Callable[[Mapping[str, Any]], dict[str, Any] | None]:
        """Rows for a whole report: the rates and the roster read once, each manager's record
        once (through the user_state service), however many reports they have."""
        try:
            rates = self.rates
        except tc.ValidationError:
            rates = tc.DEFAULT_RATES
        roster = self.team_roster()
        records: dict[str, mg.ManagerRecord] = {}

        def record(manager: str) -> mg.ManagerRecord:
            if manager not in records:
                records[manager] = self.record_of(manager)
            return records[manager]

        def build(state: Mapping[str, Any]) -> dict[str, Any] | None:
            stored = state.get("plan_record")
            try:
                summary = tc.summarize_plan(stored)
            except tc.ValidationError as error:
                log.warning(
                    "development_plan %s: unreadable state: %s", self.scope_ids.usage_id, error
                )
                return {"problem": str(error)}
            if summary is None:
                return None
            owner = (
                str(stored.get("plan", {}).get("owner", "")) if isinstance(stored, Mapping) else ""
            )
            current = roster.manager_of(owner) or ""
            submitted = summary.submission.manager_username if summary.submission else ""
            managers = [m for m in dict.fromkeys((current, submitted)) if m]
            reports = {m: record(m).of(owner) for m in managers}
            decided = [(d, m) for m, r in reports.items() if (d := r.latest_decision()) is not None]
            decision, decider = max(
                decided, key=lambda pair: (pair[0].version, pair[0].decided_on), default=(None, "")
            )
            verified = (
                mg.verified_agreement(summary.goals_fingerprint, summary.submission, decision)
                if managers
                else None
            )
            main = reports.get(current) or reports.get(decider) or mg.ReportRecord()
            return plan_row(
                summary,
                rates,
                verified,
                manager_username=current or submitted,
                manager_last_conversation=main.last_conversation(),
                manager_levels=mg.latest_manager_levels(main),
            )

        return build

    def generate_report_data(
        self, user_state_iterator: Iterable[Any], limit_responses: int | None = None
    ) -> Iterator[tuple[str, dict[str, Any]]]:
        """The plan rows, and after each state's plan row the readiness rows a manager's state
        holds (``username`` = the report; docs/xblocks.md)."""
        count = 0
        build_row = self.row_builder()
        for user_state in user_state_iterator:
            row = build_row(user_state.state)
            rows = [(user_state.username, row)] if row is not None else []
            for username, found in [*rows, *self.readiness_pairs(user_state.state)]:
                if limit_responses is not None and count >= limit_responses:
                    return
                count += 1
                yield username, OrderedDict(found)

    @XBlock.handler
    def download_data(self, request: Request, suffix: str = "") -> Response:
        """Every learner's plan row as CSV (no readiness rows: see ``download_readiness``);
        course staff only."""
        return self.staff_csv_download(
            "development_plan-data.csv",
            lambda: ReportDataMixin.generate_report_data(self, compat.iter_user_states(self)),
        )

    def readiness_pairs(self, state: Mapping[str, Any]) -> list[tuple[str, dict[str, Any]]]:
        """A manager's readiness rows: one per (report, role) of their talent views
        (``READINESS_COLUMNS``; the strengths and next step stay out)."""
        stored = state.get("manager_record")
        if not stored:
            return []
        try:
            record = mg.load_manager_record(stored)
        except tc.ValidationError:
            return []  # the learner's own row already names the problem
        return [
            (row["username"], row) for view in record.talent_views() for row in readiness_rows(view)
        ]

    @XBlock.handler
    def download_readiness(self, request: Request, suffix: str = "") -> Response:
        """Every manager's readiness rows as CSV (username = the report); course staff only."""
        return self.staff_csv_download(
            "development_plan-readiness.csv",
            lambda: (
                pair
                for state in compat.iter_user_states(self)
                for pair in self.readiness_pairs(state.state)
            ),
        )

    @staticmethod
    def workbench_scenarios() -> list[tuple[str, str]]:
        return scenarios.for_block("development_plan")


def _has_activities(plan: tc.DevelopmentPlan) -> bool:
    """The block's job is done once the plan holds an activity."""
    return any(goal.activities for goal in plan.goals)
