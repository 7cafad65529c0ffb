"""The development dialogue: the learner prepares the conversation with the manager and records it.

Before the conversation the learner picks a few competencies (the largest gaps of the linked
self-assessment are suggested), answers their coaching questions in private notes and prints a
preparation sheet. Afterwards the learner records the date, the manager, the agreed focus and
any levels the manager gave. Self, manager and assessor ratings are shown side by side, each
source with its own latest rating and date. Recording a conversation completes the block.

Privacy: the answers to the coaching questions are the learner's own; they appear only to the
learner (page and sheet) and never in events or HR's report. What was agreed is shared. In the
LMS everything a block keeps in ``Scope.user_state`` is readable by course staff (the
problem-responses report), so an author who promises more keeps the answers in the learner's
browser (``answers_kept = "browser"``): the course then refuses to store any answer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import Field
from web_fragments.fragment import Fragment
from webob import Request, Response
from xblock.completable import CompletableXBlockMixin
from xblock.core import XBlock
from xblock.fields import Dict, Integer, Scope, String
from xblock.utils.studio_editable import StudioEditableXBlockMixin
from xblock.validation import ValidationMessage

import talent_core as tc
from talent_core import StrictModel
from talent_core.reports import dialogue_row

from . import _dialogue_view as view
from . import compat, scenarios
from ._dialogue_aspirations import aspirations_form
from ._plan_team import manager_ratings
from ._rpl_ratings import assessor_ratings
from .competency_view import level_text, long_date
from .framework_source import FrameworkSourceMixin
from .i18n import N_
from .linked_assessment import LinkedAssessment, LinkedAssessmentMixin
from .mixins import (
    Conflict,
    TalentBlockMixin,
    UnreadableState,
    json_payload_handler,
    script_json,
    unreadable_state_page,
    unreadable_state_view,
)
from .reports import ReportDataMixin

__all__ = ["ConversationRef", "DevelopmentDialogueBlock"]

#: The range the author's minimum and maximum number of competencies must lie in.
FOCUS_RANGE = (2, 5)
#: Where the learners' answers to the coaching questions are kept (``answers_kept``): stored by
#: the course (course staff can read them, as all learner state), or only in the learner's browser.
KEPT_BY_COURSE = "course"
KEPT_IN_BROWSER = "browser"


class NoPayload(StrictModel):
    """Body of a request that sends nothing but asks (``{}``)."""


class AspirationsPayload(StrictModel):
    """Body of ``save_aspirations``: every row of the form (empty ones are dropped)."""

    aspirations: Annotated[list[tc.Aspiration], Field(max_length=tc.MAX_ASPIRATIONS + 10)]


class ConversationRef(StrictModel):
    """Body of ``remove_conversation``: the conversation's place in the list and its date."""

    index: Annotated[int, Field(ge=0, lt=tc.MAX_CONVERSATIONS)]
    held_on: dt.date


class DevelopmentDialogueBlock(
    TalentBlockMixin,
    FrameworkSourceMixin,
    LinkedAssessmentMixin,
    ReportDataMixin,
    StudioEditableXBlockMixin,
    CompletableXBlockMixin,
    XBlock,
):
    """Preparation, record and ratings side by side for the conversation with the manager."""

    display_name = String(
        display_name=N_("Display name"),
        help=N_("The title learners see above the dialogue preparation."),
        scope=Scope.settings,
        default=N_("Prepare your development dialogue"),
    )
    assessment_block = String(
        display_name=N_("Linked self-assessment"),
        help=N_(
            "The location of a competency self-assessment block in this course (its full "
            "location, or the block id after 'block@'). Its latest gaps are suggested as topics "
            "and its ratings are shown beside the manager's. Leave empty to link none."
        ),
        scope=Scope.settings,
        default="",
    )
    plan_block = String(
        display_name=N_("Linked development plan"),
        help=N_(
            "The location of the development plan block that holds the course's manager roster "
            "(its full location, or the block id after 'block@'). The ratings the learner's "
            "manager gives there are shown beside the learner's own. Leave empty to link none."
        ),
        scope=Scope.settings,
        default="",
    )
    portfolio_block = String(
        display_name=N_("Linked prior learning portfolio"),
        help=N_(
            "The location of a prior learning portfolio block in this course (its full "
            "location, or the block id after 'block@'). The levels an assessor recognised "
            "there fill the assessor column beside the learner's own and the manager's. "
            "Leave empty to link none."
        ),
        scope=Scope.settings,
        default="",
    )
    min_competencies = Integer(
        display_name=N_("Fewest competencies"),
        help=N_("The fewest competencies a learner chooses to talk about (2 to 5)."),
        scope=Scope.settings,
        default=FOCUS_RANGE[0],
        values={"min": FOCUS_RANGE[0], "max": FOCUS_RANGE[1], "step": 1},
    )
    max_competencies = Integer(
        display_name=N_("Most competencies"),
        help=N_("The most competencies a learner chooses to talk about (2 to 5)."),
        scope=Scope.settings,
        default=FOCUS_RANGE[1],
        values={"min": FOCUS_RANGE[0], "max": FOCUS_RANGE[1], "step": 1},
    )
    question_purpose = String(
        display_name=N_("Coaching questions"),
        help=N_("Which of the framework's coaching questions learners answer."),
        scope=Scope.settings,
        default="both",
        values_provider=lambda block: block.purpose_options(),
    )
    answers_kept = String(
        display_name=N_("Where coaching answers are kept"),
        help=N_(
            "Stored by the course: the learner finds them on any device, and course staff can "
            "read them in the course's data download. Only in the learner's browser: the course "
            "never receives them, so nobody else can read them; the learner downloads or prints "
            "them to keep a copy."
        ),
        scope=Scope.settings,
        default=KEPT_BY_COURSE,
        values=[
            {"display_name": N_("Stored by the course"), "value": KEPT_BY_COURSE},
            {"display_name": N_("Only in the learner's browser"), "value": KEPT_IN_BROWSER},
        ],
    )
    dialogue = Dict(
        help=N_("This learner's preparation and recorded conversations."),
        scope=Scope.user_state,
        default={},
    )

    editable_fields = (
        "display_name",
        "framework_source",
        "framework_json",
        "assessment_block",
        "plan_block",
        "portfolio_block",
        "min_competencies",
        "max_competencies",
        "question_purpose",
        "answers_kept",
    )

    # -- reading ----------------------------------------------------------------------------

    @property
    def record(self) -> tc.DialogueRecord:
        """This learner's preparation and conversations (read from ``Scope.user_state``);
        :class:`UnreadableState` when this version cannot read them."""
        try:
            return tc.load_dialogue(self.dialogue)
        except tc.ValidationError as error:
            raise UnreadableState(error.problems) from error

    @property
    def answers_in_browser(self) -> bool:
        return bool(self.answers_kept == KEPT_IN_BROWSER)

    @property
    def answers_key(self) -> str:
        """The browser storage key of this learner's answers in this block: one per block and
        user, so two people sharing a browser profile keep their answers apart."""
        return f"talent-dialogue-answers:{self.scope_ids.usage_id}:{self.scope_ids.user_id}"

    def _ratings(
        self, record: tc.DialogueRecord, result: LinkedAssessment | None
    ) -> list[tc.Rating]:
        """Every rating of this learner, each source oldest first: their own, the manager's
        levels they typed (labelled self-reported), the roster manager's own and the levels
        an assessor recognised in the linked prior learning portfolio."""
        own = list(result.ratings) if result is not None else []
        typed = [
            rating.model_copy(
                update={"rater": self.ugettext("{name} (self-reported)").format(name=rating.rater)}
            )
            for rating in record.manager_ratings()
        ]
        verified = manager_ratings(self, self.plan_block, self.username)
        assessed = assessor_ratings(self, self.portfolio_block, self.username)
        return [*own, *sorted([*typed, *verified], key=lambda r: r.rated_on), *assessed]

    def _suggested(self, result: LinkedAssessment | None) -> list[str]:
        if result is None:
            return []
        allowed = view.offered(self.framework)
        return tc.suggest_focus(result.gaps, limit=self.max_competencies, allowed=allowed)

    # -- views ------------------------------------------------------------------------------

    @unreadable_state_view
    def student_view(self, context: Mapping[str, Any] | None = None) -> Fragment:
        try:
            framework = self.framework
        except tc.ValidationError:
            return self.not_configured(self.framework_problems)
        record = self.record
        result = self.linked_assessment()
        suggested = self._suggested(result)
        html = self.render_template(
            "development_dialogue.html",
            {
                "title": self.title,
                "uid": self.dom_id,
                "groups": view.focus_groups(
                    framework,
                    record,
                    suggested=suggested,
                    purpose=self.question_purpose,
                    language=self.language,
                    ungrouped_name=self.ugettext("Other competencies"),
                ),
                "suggested": self._suggested_text(
                    [self.localized(framework.node(cid).name) for cid in suggested]
                ),
                "choose_text": self._choose_text(),
                "after_html": self._after_html(framework, record, result),
                "aspirations_html": self.aspirations_html(record),
                "sheet_url": self.runtime.handler_url(self, "preparation_sheet"),
                "is_staff": self.is_course_staff,
                "download_url": self.runtime.handler_url(self, "download_data"),
                "in_browser": self.answers_in_browser,
                "stored_answers": self._stored_answers_text(record),
            },
        )
        return self.make_fragment(
            html,
            css=["talent.css", "development_dialogue.css"],
            js=["talent.js", "development_dialogue.js"],
            init="DevelopmentDialogueBlock",
            init_args={
                "min": self.min_competencies,
                "max": self.max_competencies,
                "answersKey": self.answers_key if self.answers_in_browser else "",
                "messages": {
                    "count": self.ugettext("{count} chosen"),
                    "range": self._choose_text(),
                    "saving": self.ugettext("Saving…"),
                    "failed": self.ugettext(
                        "Not saved. Please check your connection and try again."
                    ),
                    "managerMissing": self.ugettext("Name the manager you spoke with."),
                    "dateMissing": self.ugettext("Give the date of the conversation."),
                    "confirmRemove": self.ugettext(
                        "Remove the conversation of {date}? Your manager's ratings from it go too."
                    ),
                    "noStorage": self.ugettext(
                        "This browser does not let the page keep your answers (private "
                        "browsing or blocked site data). Download them before you leave."
                    ),
                    "keptHere": self.ugettext("Your answers are kept in this browser."),
                    "loaded": self.ugettext("Answers loaded from the file: {count}."),
                    "badFile": self.ugettext(
                        "This file is not a download of your coaching answers: {reason}"
                    ),
                    "unknownQuestions": self.ugettext(
                        "it answers questions this activity does not ask ({ids})."
                    ),
                    "notJson": self.ugettext("it is not a JSON file of this activity."),
                    "tooLong": self.ugettext("an answer is longer than 4000 characters."),
                    "confirmForget": self.ugettext(
                        "Remove your answers from this browser? Download them first if you "
                        "want to keep them."
                    ),
                    "forgotten": self.ugettext("Your answers are removed from this browser."),
                },
            },
        )

    def _stored_answers_text(self, record: tc.DialogueRecord) -> str:
        """In browser-kept mode, the notice that the course still stores earlier answers."""
        count = tc.answered_count(record.preparation)
        if not (self.answers_in_browser and count):
            return ""
        return self.ungettext(
            "{count} answer you saved earlier is still stored by the course. Save your "
            "preparation once to move it into this browser and remove it from the course.",
            "{count} answers you saved earlier are still stored by the course. Save your "
            "preparation once to move them into this browser and remove them from the course.",
            count,
        ).format(count=count)

    def _choose_text(self) -> str:
        low, high = self.min_competencies, self.max_competencies
        if low == high:
            return self.ugettext("Choose {count} competencies to talk about.").format(count=low)
        return self.ugettext("Choose {low} to {high} competencies to talk about.").format(
            low=low, high=high
        )

    def _suggested_text(self, names: list[str]) -> str:
        if not names:
            return ""
        return "{} {}".format(
            self.ugettext("Suggested from the largest gaps in your latest self-assessment:"),
            ", ".join(names),
        )

    def _after_html(
        self,
        framework: tc.CompetencyFramework,
        record: tc.DialogueRecord,
        result: LinkedAssessment | None,
    ) -> str:
        """The part that changes with each save: the conversation form, list and ratings."""
        preparation = record.preparation
        chosen = preparation.competency_ids if preparation else []
        rows = view.table_competencies(framework, record)
        return self.render_template(
            "dialogue_after.html",
            {
                "uid": self.dom_id,
                "rate": [
                    {
                        "id": cid,
                        "name": self.localized(framework.node(cid).name),
                        "levels": [
                            {
                                "value": value,
                                "text": level_text(framework, cid, value, self.language),
                            }
                            for value in framework.scale_for(cid).values
                        ],
                    }
                    for cid in chosen
                    if framework.has_node(cid)
                ],
                "latest_date": tc.plausible_dates(happened=True).latest.isoformat(),
                "earliest_date": tc.EARLIEST_DATE.isoformat(),
                "conversations": view.conversation_views(framework, record, self.language),
                "last_manager": record.conversations[-1].manager_name
                if record.conversations
                else "",
                "sources": [self.ugettext(view.SOURCE_LABELS[s]) for s in view.SHOWN_SOURCES],
                "rows": view.rating_rows(
                    framework, self._ratings(record, result), rows, self.language
                ),
                "linked": result is not None,
            },
        )

    @XBlock.handler
    @unreadable_state_page
    def preparation_sheet(self, request: Request, suffix: str = "") -> Response:
        """The learner's own preparation as a printable page (private: only their answers)."""
        try:
            framework = self.framework
        except tc.ValidationError:
            return self.not_set_up_response()
        record = self.record
        result = self.linked_assessment()
        return self.page_response(
            "dialogue_sheet.html",
            {
                "learner": self.username,
                "printed_on": long_date(dt.datetime.now(dt.UTC).date(), self.language),
                "sources": [self.ugettext(view.SOURCE_LABELS[s]) for s in view.SHOWN_SOURCES],
                "items": view.sheet_items(
                    framework,
                    record,
                    self._ratings(record, result),
                    purpose=self.question_purpose,
                    language=self.language,
                ),
                "answers_key": self.answers_in_browser,
                "answers_key_json": script_json(self.answers_key),
            },
        )

    # -- handlers ---------------------------------------------------------------------------

    @json_payload_handler(NoPayload)
    def linked_parts(self, payload: NoPayload) -> dict[str, Any]:
        """What follows the linked self-assessment (the suggestion and the ratings side by
        side), rendered again when that assessment is submitted on the same page."""
        framework = self.framework
        result = self.linked_assessment()
        names = [self.localized(framework.node(cid).name) for cid in self._suggested(result)]
        return {
            "suggested": self._suggested_text(names),
            "html": self._after_html(framework, self.record, result),
        }

    @json_payload_handler(tc.DialoguePreparation)
    def save_preparation(self, payload: tc.DialoguePreparation) -> dict[str, Any]:
        """Keep the chosen competencies and the learner's private answers."""
        framework = self.framework
        problems = []
        count = len(payload.competency_ids)
        if not self.min_competencies <= count <= self.max_competencies:
            problems.append(tc.Problem("competency_ids", self._choose_text()))
        for cid, given in payload.answers.items():
            if not framework.has_node(cid):
                continue  # the core names unknown competencies
            shown = {q.id for q in view.shown_questions(framework, cid, self.question_purpose)}
            problems += [
                tc.Problem(f"answers.{cid}.{qid}", f"{qid!r} is not asked here")
                for qid in given
                if qid not in shown
            ]
        texts = [text for given in payload.answers.values() for text in given.values()]
        if self.answers_in_browser and any(text.strip() for text in texts):
            problems.append(
                tc.Problem(
                    "answers",
                    self.ugettext(
                        "This course keeps your answers to the coaching questions only in your "
                        "browser, so it does not accept them. Reload the page and save again."
                    ),
                )
            )
        if problems:
            raise tc.ValidationError(problems)
        record = tc.save_preparation(
            self.record, payload.model_dump(), framework, allowed=view.offered(framework)
        )
        self.dialogue = record.to_state()
        preparation = record.preparation
        assert preparation is not None
        self.publish_event(
            "preparation_saved",
            competency_ids=list(preparation.competency_ids),
            answered=tc.answered_count(preparation),
        )
        return {
            "message": self.ugettext("Your preparation is saved."),
            "html": self._after_html(framework, record, self.linked_assessment()),
        }

    def offered_roles(self) -> tuple[tc.RoleProfile, ...]:
        """The roles the linked self-assessment offers (none without one)."""
        if not self.assessment_block.strip():
            return ()
        linked = compat.find_block(self, self.assessment_block, "competency_assessment")
        try:
            return tuple(linked.setup.roles) if linked is not None else ()
        except (tc.ValidationError, AttributeError):
            return ()

    def aspirations_html(self, record: tc.DialogueRecord, status: str = "") -> str:
        form = aspirations_form(
            record.aspirations, self.offered_roles(), self.language, self.ugettext, status
        )
        return self.render_template(
            "dialogue_aspirations.html", {"uid": self.dom_id, "aspirations": form}
        )

    @json_payload_handler(AspirationsPayload)
    def save_aspirations(self, payload: AspirationsPayload) -> dict[str, Any]:
        """Keep the learner's drivers and aspirations, each shared with the manager or private;
        rows left empty are dropped."""
        kept = [a for a in payload.aspirations if a.text or a.role_id]
        roles = {role.id for role in self.offered_roles()}
        aspirations = tc.check_aspirations(kept, roles)
        record = self.record.model_copy(update={"aspirations": aspirations})
        self.dialogue = tc.load_dialogue(record.to_state()).to_state()
        self.publish_event(
            "aspirations_saved",
            count=len(aspirations),
            shared=sum(1 for a in aspirations if a.shared_with_manager),
        )
        message = self.ugettext("Your drivers and aspirations are saved.")
        return {"message": message, "html": self.aspirations_html(self.record, message)}

    @json_payload_handler(ConversationRef)
    def remove_conversation(self, ref: ConversationRef) -> dict[str, Any]:
        """Take back a conversation recorded by mistake (the learner owns the record)."""
        before = self.record
        talks = before.conversations
        if ref.index >= len(talks) or talks[ref.index].held_on != ref.held_on:
            message = self.ugettext("The conversations changed in another window. Reload the page.")
            raise Conflict(message)
        record = before.model_copy(
            update={"conversations": [t for i, t in enumerate(talks) if i != ref.index]}
        )
        self.dialogue = record.to_state()
        self.publish_event("conversation_removed", held_on=ref.held_on.isoformat())
        return {
            "message": self.ugettext("The conversation is removed."),
            "html": self._after_html(self.framework, record, self.linked_assessment()),
        }

    @json_payload_handler(tc.Conversation)
    def record_conversation(self, payload: tc.Conversation) -> dict[str, Any]:
        """Add what was agreed in a conversation, with the levels the manager gave."""
        framework = self.framework
        dates = tc.plausible_dates(happened=True)
        if payload.held_on > dates.latest:
            raise tc.ValidationError(
                [tc.Problem("held_on", self.ugettext("The conversation cannot be in the future."))]
            )
        if payload.held_on < dates.earliest:
            message = self.ugettext("The conversation cannot be before {earliest}.").format(
                earliest=long_date(dates.earliest, self.language)
            )
            raise tc.ValidationError([tc.Problem("held_on", message)])
        before = self.record
        chosen = before.preparation.competency_ids if before.preparation else []
        record = tc.record_conversation(
            before, payload.model_dump(mode="json"), framework, allowed=set(chosen)
        )
        self.dialogue = record.to_state()
        if not before.conversations:
            self.emit_completion(1.0)
        self.publish_event(
            "conversation_recorded",
            held_on=payload.held_on.isoformat(),
            manager_levels=dict(payload.levels),
        )
        return {
            "message": self.ugettext("The conversation is recorded."),
            "html": self._after_html(framework, record, self.linked_assessment()),
        }

    # -- Studio -----------------------------------------------------------------------------

    def purpose_options(self) -> list[dict[str, str]]:
        return [
            {"display_name": self.ugettext(label), "value": value}
            for value, (label, _) in view.PURPOSES.items()
        ]

    def validate_field_data(self, validation: Any, data: Any) -> None:
        """Messages for the framework, the number of competencies and the linked assessment."""

        def error(message: str) -> None:
            validation.add(ValidationMessage(ValidationMessage.ERROR, message))

        for message in self.framework_problems(data):
            error(message)
        low, high = data.min_competencies, data.max_competencies
        if not (FOCUS_RANGE[0] <= low <= high <= FOCUS_RANGE[1]):
            error(
                self.ugettext(
                    "Learners choose between {low} and {high} competencies: give numbers from "
                    "{first} to {last}, the fewest no larger than the most."
                ).format(low=low, high=high, first=FOCUS_RANGE[0], last=FOCUS_RANGE[1])
            )
        if data.question_purpose not in view.PURPOSES:
            error(self.ugettext("Choose which coaching questions learners answer."))
        if data.answers_kept not in (KEPT_BY_COURSE, KEPT_IN_BROWSER):
            error(self.ugettext("Choose where the answers to the coaching questions are kept."))
        self.validate_linked_assessment(
            validation,
            data,
            self.ugettext(
                "The linked self-assessment uses another framework ({linked}); only the "
                "competencies both frameworks share are suggested and compared."
            ),
        )

    # -- data for HR ------------------------------------------------------------------------

    def report_row(self, state: Mapping[str, Any]) -> dict[str, Any] | None:
        """One learner's shared data (:func:`talent_core.reports.dialogue_row`; no private notes).

        A state this version cannot read gives a row with only ``problem``.
        """
        stored = state.get("dialogue")
        if not stored:
            return None
        try:
            summary = tc.summarize_dialogue(stored)
        except tc.ValidationError as error:
            return {"problem": str(error)}
        return dialogue_row(summary)

    @staticmethod
    def workbench_scenarios() -> list[tuple[str, str]]:
        return scenarios.for_block("development_dialogue")
