"""The competency self-assessment: a learner rates themself against a target role's profile.

The author picks the framework (the demo one, pasted JSON, or a Moodle CSV / CASE file that
Studio converts to native JSON), the clusters or competencies to rate, the roles learners may
aim for and whether a note per rating is asked. The learner chooses a role, rates each
competency with its level descriptors and behaviour indicators in view, saves drafts and
submits; the result charts own levels against the role, lists the largest gaps with coaching
questions and activities, and shows how the ratings moved since the last attempt.

Other blocks of the course read a learner's latest result through :meth:`latest_result` (see
docs/xblocks.md, "Reading the self-assessment from another block").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from web_fragments.fragment import Fragment
from webob import Request, Response
from xblock.completable import CompletableXBlockMixin
from xblock.core import XBlock
from xblock.fields import Boolean, Dict, List, Scope, String
from xblock.utils.studio_editable import StudioEditableXBlockMixin
from xblock.validation import ValidationMessage

import talent_core as tc
from talent_core import formats
from talent_core.reports import AssessmentRows

from . import scenarios
from ._assessment_roles import roles_view
from ._assessment_setup import (
    CUSTOM_ROLES,
    DEMO_ROLES,
    MAX_IMPORT_BYTES,
    competency_options,
    convert_framework,
    convert_roles,
    listed,
    load_roles,
    load_setup,
    roles_rating_nothing,
)
from ._assessment_view import (
    NOTE_LIMIT,
    rating_groups,
    rating_lines,
    result_view,
    role_options,
)
from .framework_source import FrameworkSourceMixin, load_framework
from .i18n import N_
from .mixins import (
    TalentBlockMixin,
    UnreadableState,
    json_error,
    json_payload_handler,
    json_response,
    unreadable_state_page,
    unreadable_state_view,
)
from .reports import ReportDataMixin

__all__ = ["AssessmentResult", "CompetencyAssessmentBlock"]


@dataclass(frozen=True, slots=True)
class AssessmentResult:
    """A learner's latest submitted self-assessment, for other blocks of the course.

    ``gaps`` holds the rated requirements of the chosen role, largest importance-weighted gap
    first (met ones included, with ``size`` 0); ``framework`` is shared: do not change it.
    """

    submitted_at: dt.datetime
    role_id: str
    levels: Mapping[str, int]
    gaps: tuple[tc.Gap, ...]
    framework: tc.CompetencyFramework = field(repr=False)

    def open_gaps(self, limit: int | None = None) -> list[tc.Gap]:
        """The gaps still to close, largest first; at most ``limit``."""
        found = [gap for gap in self.gaps if gap.size > 0]
        return found if limit is None else found[:limit]


class TargetRequest(tc.StrictModel):
    """Body of ``choose_target``: the role the learner makes their target."""

    role_id: tc.Identifier


class MentorOffer(tc.StrictModel):
    """Body of ``offer_mentoring``: a strength to offer mentoring in, or to withdraw."""

    competency_id: tc.Identifier
    offered: bool


class CompetencyAssessmentBlock(
    TalentBlockMixin,
    FrameworkSourceMixin,
    ReportDataMixin,
    StudioEditableXBlockMixin,
    CompletableXBlockMixin,
    XBlock,
):
    """Self-rating of chosen competencies against a target role, with gaps and advice."""

    display_name = String(
        display_name=N_("Display name"),
        help=N_("The title learners see above the self-assessment."),
        scope=Scope.settings,
        default=N_("Self-assessment"),
    )
    competencies = List(
        display_name=N_("Competencies to rate"),
        help=N_(
            "Tick whole clusters (every competency in them) or single competencies; learners "
            "rate them in framework order."
        ),
        scope=Scope.settings,
        default=[],
        list_style="set",
        list_values_provider=lambda block: block.competency_choices(),
    )
    roles_source = String(
        display_name=N_("Role profiles"),
        help=N_(
            "Use the demo role profiles, or your own: upload a role file above (JSON or the "
            "role CSV), or paste JSON below."
        ),
        scope=Scope.settings,
        default=DEMO_ROLES,
        values_provider=lambda block: block.roles_source_options(),
    )
    roles_json = String(
        display_name=N_("Role profiles JSON"),
        help=N_(
            "Your own role profiles as a JSON list; the role file upload above fills it in from "
            "the JSON or role CSV that notebook 01 and the talent roles command export. Used "
            "when the role profiles are set to your own."
        ),
        scope=Scope.settings,
        default="",
        multiline_editor=True,
        xml_node=True,
    )
    target_roles = List(
        display_name=N_("Target roles learners choose from"),
        help=N_("Tick the roles learners may aim for; with none ticked, all are offered."),
        scope=Scope.settings,
        default=[],
        list_style="set",
        list_values_provider=lambda block: block.role_choices(),
    )
    ask_notes = Boolean(
        display_name=N_("Ask for an example per rating"),
        help=N_("Offer a text box under each competency for an example that supports the rating."),
        scope=Scope.settings,
        default=True,
    )
    assessment = Dict(
        help=N_("This learner's draft and dated self-assessments (talent_core's record)."),
        scope=Scope.user_state,
        default={},
    )
    mentor_offers = List(
        help=N_("Competencies this learner offered to mentor in (their strengths)."),
        scope=Scope.user_state,
        default=[],
    )

    editable_fields = (
        "display_name",
        "framework_source",
        "framework_json",
        "competencies",
        "roles_source",
        "roles_json",
        "target_roles",
        "ask_notes",
    )

    # -- configuration ----------------------------------------------------------------------

    @staticmethod
    def _setup_of(data: Any) -> tc.AssessmentSetup:
        return load_setup(
            data.framework_source,
            data.framework_json,
            data.roles_source,
            data.roles_json,
            tuple(data.competencies),
            tuple(data.target_roles),
        )

    @property
    def setup(self) -> tc.AssessmentSetup:
        """The validated configuration (shared and cached); ValidationError when broken."""
        return self._setup_of(self)

    @property
    def record(self) -> tc.SelfAssessmentRecord:
        """This learner's draft and attempts; :class:`UnreadableState` when this version
        cannot read them."""
        try:
            return tc.load_self_assessment(self.assessment)
        except tc.ValidationError as error:
            raise UnreadableState(error.problems) from error

    def competency_choices(self) -> list[dict[str, str]]:
        try:
            return competency_options(self.framework, self.localized)
        except tc.ValidationError:
            return []

    def roles_source_options(self) -> list[dict[str, str]]:
        return [
            {
                "display_name": self.ugettext(N_("Demo role profiles (shipped)")),
                "value": DEMO_ROLES,
            },
            {
                "display_name": self.ugettext(
                    N_("Your own role profiles (uploaded or JSON below)")
                ),
                "value": CUSTOM_ROLES,
            },
        ]

    def role_choices(self) -> list[dict[str, str]]:
        try:
            roles = load_roles(self.roles_source, self.roles_json)
        except tc.ValidationError:
            return []
        return [{"display_name": self.localized(role.name), "value": role.id} for role in roles]

    # -- read API for other blocks --------------------------------------------------------

    def learner_record(self, state: Mapping[str, Any] | None = None) -> tc.SelfAssessmentRecord:
        """A learner's draft and attempts: from ``state``, their raw ``Scope.user_state`` of this
        block as the LMS's ``user_state`` service gives it, else from this block's own field."""
        if state is None:
            return self.record
        return tc.load_self_assessment(state.get("assessment") or {})

    def latest_result(
        self, record: tc.SelfAssessmentRecord | None = None
    ) -> AssessmentResult | None:
        """The latest submission against its role of the current user (or of ``record``, see
        :meth:`learner_record`); None if none or misconfigured."""
        try:
            setup = self.setup
            record = self.record if record is None else record
        except tc.ValidationError:
            return None
        latest = record.latest
        if latest is None:
            return None
        return AssessmentResult(
            submitted_at=latest.submitted_at,
            role_id=latest.role_id,
            levels=dict(latest.levels),
            gaps=tuple(tc.latest_gaps(record, setup)),
            framework=setup.framework,
        )

    def self_ratings(self, record: tc.SelfAssessmentRecord | None = None) -> list[tc.Rating]:
        """Every submitted self rating of the current user (or of ``record``), oldest first."""
        try:
            return (self.record if record is None else record).all_ratings()
        except tc.ValidationError:
            return []

    # -- views ------------------------------------------------------------------------------

    def _result_context(
        self, setup: tc.AssessmentSetup, record: tc.SelfAssessmentRecord
    ) -> dict[str, Any]:
        result = result_view(record, setup, self.language, self.ugettext, self.ungettext)
        if result is None:
            return {"result": None}
        return {
            "result": result,
            "result_intro": self.ugettext("Submitted on {date} for the role {role}.").format(
                date=result.submitted_on, role=result.role
            ),
            "open_gaps_text": self._open_gaps_text(result.open_gaps, len(result.advice)),
            "print_url": self.runtime.handler_url(self, "print_summary"),
            "uid": self.dom_id,
        }

    def _open_gaps_text(self, count: int, shown: int) -> str:
        """How many requirements are above the learner's level, and that only the top are shown."""
        if count > shown:
            return self.ungettext(
                "{count} requirement of the role is above your level; here is the largest.",
                "{count} requirements of the role are above your level; here are the {shown} "
                "largest.",
                count,
            ).format(count=count, shown=shown)
        return self.ungettext(
            "{count} requirement of the role is above your level.",
            "{count} requirements of the role are above your level.",
            count,
        ).format(count=count)

    def _render_result(self, setup: tc.AssessmentSetup, record: tc.SelfAssessmentRecord) -> str:
        context = self._result_context(setup, record)
        if context["result"] is None:
            return ""
        latest = record.latest
        assert latest is not None
        context["roles"] = roles_view(
            setup, latest, self.mentor_offers, self.language, self.ugettext
        )
        return self.render_template("competency_assessment_result.html", context)

    @unreadable_state_view
    def student_view(self, context: Mapping[str, Any] | None = None) -> Fragment:
        try:
            setup = self.setup
        except tc.ValidationError:
            return self.not_configured(lambda: [m.text for m in self.validate().messages])
        record = self.record
        draft = record.draft
        html = self.render_template(
            "competency_assessment.html",
            {
                "title": self.title,
                "uid": self.dom_id,
                "roles": role_options(setup, self.language),
                "role_id": draft.role_id,
                "groups": rating_groups(setup, draft, self.language),
                "ask_notes": self.ask_notes,
                "note_limit": NOTE_LIMIT,
                "result_html": self._render_result(setup, record),
                "has_result": record.latest is not None,
                "is_staff": self.is_course_staff,
                "download_url": self.runtime.handler_url(self, "download_data"),
            },
        )
        return self.make_fragment(
            html,
            css=["talent.css", "competency_assessment.css"],
            js=["talent.js", "competency_assessment.js"],
            init="CompetencyAssessmentBlock",
            init_args={"messages": self._js_messages()},
        )

    def _js_messages(self) -> dict[str, str]:
        _ = self.ugettext
        return {
            "saving": _("Saving your draft…"),
            "saved": _("Draft saved."),
            "submitting": _("Submitting your self-assessment…"),
            "submitted": _("Self-assessment submitted. Your result is shown above the form."),
            "failed": _("That did not work. Please check your connection and try again."),
            "unrated": _("Rate every competency before submitting. Still to rate: {names}."),
            "no_role": _("Choose a target role before submitting."),
            "retake": _("Take the self-assessment again"),
        }

    # -- learner handlers -------------------------------------------------------------------

    def _checked_draft(self, draft: tc.AssessmentDraft) -> dict[str, Any]:
        """The payload as a dict; notes refused where the author asks for none."""
        if not self.ask_notes and any(note.strip() for note in draft.notes.values()):
            raise tc.ValidationError([tc.Problem("notes", "this self-assessment asks no notes")])
        return draft.model_dump()

    @json_payload_handler(tc.AssessmentDraft)
    def save_draft(self, draft: tc.AssessmentDraft) -> dict[str, Any]:
        """Keep the learner's unfinished ratings; nothing is checked for completeness."""
        setup = self.setup
        record = tc.save_draft(self.record, self._checked_draft(draft), setup)
        self.assessment = record.to_state()
        self.publish_event(
            "draft_saved", role_id=record.draft.role_id, rated=len(record.draft.levels)
        )
        return {"message": self.ugettext("Draft saved.")}

    @json_payload_handler(tc.AssessmentDraft)
    def submit_assessment(self, draft: tc.AssessmentDraft) -> dict[str, Any]:
        """Add a dated attempt (every competency rated, a role chosen) and answer its result."""
        setup = self.setup
        now = dt.datetime.now(dt.UTC)
        record = tc.submit(self.record, self._checked_draft(draft), setup, now=now)
        self.assessment = record.to_state()
        latest = record.latest
        assert latest is not None
        gaps = tc.latest_gaps(record, setup)
        self.publish_event(
            "submitted",
            attempt=len(record.attempts),
            role_id=latest.role_id,
            levels=dict(latest.levels),
            open_gaps=[gap.competency_id for gap in gaps if gap.size > 0],
        )
        self.emit_completion(1.0)
        return {
            "html": self._render_result(setup, record),
            "message": self.ugettext(
                "Self-assessment submitted. Your result is shown above the form."
            ),
        }

    @json_payload_handler(TargetRequest)
    def choose_target(self, request: TargetRequest) -> dict[str, Any]:
        """Make one of the roles on offer the learner's target ("use this role as my target"):
        the latest ratings count against it, and the plan and dialogue follow."""
        setup = self.setup
        record = tc.choose_target(self.record, request.role_id, setup, now=dt.datetime.now(dt.UTC))
        self.assessment = record.to_state()
        self.publish_event("target_chosen", role_id=request.role_id)
        role = setup.role(request.role_id)
        name = self.localized(role.name) if role is not None else request.role_id
        return {
            "html": self._render_result(setup, record),
            "role_id": request.role_id,
            "message": self.ugettext(
                "{role} is now your target role. Your gaps and strengths are shown for it."
            ).format(role=name),
        }

    @json_payload_handler(MentorOffer)
    def offer_mentoring(self, offer: MentorOffer) -> dict[str, Any]:
        """Offer (or withdraw an offer) to mentor in one of the learner's current strengths,
        kept in the learner's own state; the peer group's volunteering reads it."""
        _ = self.ugettext
        setup = self.setup
        latest = self.record.latest
        role = setup.role(latest.role_id) if latest is not None else None
        levels = tc.on_scale(setup.framework, latest.levels) if latest is not None else {}
        found = (
            {s.competency_id for s in tc.strengths(setup.framework, role, levels)}
            if role
            else set()
        )
        offers = [c for c in self.mentor_offers if c != offer.competency_id]
        if offer.offered:
            if offer.competency_id not in found:
                message = _("You can offer to mentor only in one of your strengths.")
                raise tc.ValidationError([tc.Problem("competency_id", message)])
            offers.append(offer.competency_id)
        self.mentor_offers = offers
        self.publish_event(
            "mentoring_offered", competency_id=offer.competency_id, offered=offer.offered
        )
        name = (
            self.localized(setup.framework.node(offer.competency_id).name)
            if (setup.framework.has_node(offer.competency_id))
            else offer.competency_id
        )
        message = (
            _("Thank you. Your offer to mentor in {competency} is saved.")
            if offer.offered
            else _("Your offer to mentor in {competency} is withdrawn.")
        ).format(competency=name)
        return {"html": self._render_result(setup, self.record), "message": message}

    def mentor_offers_of(self, state: Mapping[str, Any] | None = None) -> list[str]:
        """Competency ids the current learner (or the one whose raw ``state`` this is) offered
        to mentor in; for the peer group's volunteering."""
        offers = (state or {}).get("mentor_offers") if state is not None else self.mentor_offers
        return [str(c) for c in offers or [] if isinstance(c, str)]

    @XBlock.handler
    @unreadable_state_page
    def print_summary(self, request: Request, suffix: str = "") -> Response:
        """A page of its own with the latest result and notes, for the talk with the manager."""
        try:
            setup = self.setup
        except tc.ValidationError:
            return self.not_set_up_response()
        record = self.record
        context = self._result_context(setup, record)
        return self.page_response(
            "competency_assessment_print.html",
            {
                **context,
                "learner": self.username,
                "ratings": rating_lines(record, setup, self.language),
            },
        )

    # -- Studio -----------------------------------------------------------------------------

    def studio_view(self, context: Any = None) -> Fragment:
        """The field editor with an import of Moodle CSV, CASE or JSON files above it."""
        editor = super().studio_view(context)
        importer = self.render_template(
            "competency_assessment_studio.html",
            {
                "uid": self.dom_id,
                "formats": [
                    ("", self.ugettext("Detect from the file")),
                    ("json", self.ugettext("Native JSON")),
                    ("moodle-csv", self.ugettext("Moodle competency framework CSV")),
                    ("case", self.ugettext("1EdTech CASE package (JSON)")),
                ],
            },
        )
        fragment = self.make_fragment(
            importer + editor.content,
            css=["talent.css", "competency_assessment.css"],
            js=["talent.js", "competency_assessment_studio.js"],
            init="CompetencyAssessmentStudio",
            init_args={
                "messages": {
                    "converting": self.ugettext("Converting the file…"),
                    "converted": self.ugettext(
                        "Converted {count} competencies into the framework JSON below. Choose "
                        "the competencies to rate, then save."
                    ),
                    "choose": self.ugettext("Choose a file first."),
                    "failed": self.ugettext("The file could not be converted."),
                    "checking_roles": self.ugettext("Checking the role file…"),
                    "roles_loaded": self.ugettext(
                        "Read {count} role profiles into the role profiles JSON below. Tick "
                        "the target roles after saving, then save again."
                    ),
                    "roles_failed": self.ugettext(
                        "The role file was not used; the role profiles stay as they were."
                    ),
                }
            },
        )
        fragment.add_fragment_resources(editor)
        return fragment

    @XBlock.handler
    def import_framework(self, request: Request, suffix: str = "") -> Response:
        """Convert an uploaded framework file to native JSON; stores nothing (Save does).

        Multipart form fields: ``file`` and ``format`` (empty: detect it from the content).
        """
        _ = self.ugettext
        if not self.may_edit_settings:
            return json_error(403, _("Only the course team can import a framework."))
        if request.method != "POST":
            response = json_error(405, _("Send this request as POST."))
            response.allow = ("POST",)
            return response
        upload = request.POST.get("file")
        if upload is None or not hasattr(upload, "file"):
            return json_error(400, _("Choose a file first."))
        data = upload.file.read(MAX_IMPORT_BYTES + 1)
        fmt = request.POST.get("format") or None
        try:
            converted = convert_framework(data, upload.filename or "upload", fmt, self.language)
        except tc.ValidationError as error:
            return json_error(
                400, _("The file could not be converted."), error.problems, self.language
            )
        return json_response(
            {"framework_json": converted.json, "competencies": converted.competencies}
        )

    @XBlock.handler
    def import_roles(self, request: Request, suffix: str = "") -> Response:
        """Check an uploaded role file (JSON or role CSV) against the framework and answer it
        as native JSON; stores nothing (Save does), so a refused file leaves the roles as they
        were.

        Multipart form fields: ``file``, and the editor's ``framework_source`` and
        ``framework_json`` (the framework not yet saved; default: the block's own).
        """
        _ = self.ugettext
        if not self.may_edit_settings:
            return json_error(403, _("Only the course team can upload role profiles."))
        if request.method != "POST":
            response = json_error(405, _("Send this request as POST."))
            response.allow = ("POST",)
            return response
        upload = request.POST.get("file")
        if upload is None or not hasattr(upload, "file"):
            return json_error(400, _("Choose a file first."))
        data = upload.file.read(formats.MAX_ROLE_FILE_BYTES + 1)
        source = request.POST.get("framework_source") or self.framework_source
        framework_json = request.POST.get("framework_json")
        if framework_json is None:
            framework_json = self.framework_json
        try:
            framework = load_framework(source, framework_json)
        except tc.ValidationError as error:
            return json_error(
                400,
                _("Fix the framework first: the role file is checked against it."),
                error.problems,
                self.language,
            )
        try:
            converted = convert_roles(data, upload.filename or "upload", framework, self.language)
        except tc.ValidationError as error:
            return json_error(
                400,
                _("The role file does not fit this block's framework."),
                error.problems,
                self.language,
            )
        return json_response({"roles_json": converted.json, "role_ids": list(converted.role_ids)})

    def validate_field_data(self, validation: Any, data: Any) -> None:
        """Messages for a broken framework or role list, no or unknown competencies, bad roles."""

        def error(text: str) -> None:
            validation.add(ValidationMessage(ValidationMessage.ERROR, text))

        _ = self.ugettext
        framework_problems = self.framework_problems(data)
        for message in framework_problems:
            error(message)
        try:
            load_roles(data.roles_source, data.roles_json)
        except tc.ValidationError as problem:
            if data.roles_source != CUSTOM_ROLES:
                error(_("Choose the demo role profiles or your own."))
            elif not data.roles_json.strip():
                error(
                    _(
                        "Upload a role file or paste your role profiles as JSON, or choose the "
                        "demo role profiles."
                    )
                )
            else:
                error(
                    _("The role profiles JSON is not valid: {problems}").format(
                        problems=listed(
                            [p.describe(self.language) for p in problem.problems], self._and_more
                        )
                    )
                )
            return
        if framework_problems:
            return
        try:
            setup = self._setup_of(data)
        except tc.ValidationError as problem:
            self._setup_messages(problem.problems, error)
            return
        for role in roles_rating_nothing(setup):
            validation.add(
                ValidationMessage(
                    ValidationMessage.WARNING,
                    _("The role {role} asks for none of the competencies rated here.").format(
                        role=self.localized(role.name)
                    ),
                )
            )

    def _and_more(self, count: int) -> str:
        return self.ugettext("and {count} more").format(count=count)

    def _setup_messages(self, problems: tuple[tc.Problem, ...], error: Any) -> None:
        _ = self.ugettext
        more = self._and_more

        def fields(prefix: str) -> list[tc.Problem]:
            return [p for p in problems if p.field.split("[")[0].split(".")[0] == prefix]

        if any(p.field == "competencies" for p in problems):
            error(_("Choose the clusters or competencies learners rate."))
        unknown = [p for p in fields("competencies") if p.field != "competencies"]
        if unknown:
            error(
                _("These competencies cannot be rated: {problems}").format(
                    problems=listed([p.text(self.language) for p in unknown], more)
                )
            )
        targets = fields("target_roles")
        if targets:
            error(
                _("These target roles are not among the role profiles: {problems}").format(
                    problems=listed([p.text(self.language) for p in targets], more)
                )
            )
        if any(p.field == "roles" for p in problems):
            error(_("Choose at least one target role."))
        known = {"competencies", "target_roles", "roles"}
        rest = [p for p in problems if p.field.split("[")[0].split(".")[0] not in known]
        if rest:
            error(
                _("The role profiles do not fit the framework: {problems}").format(
                    problems=listed([p.describe(self.language) for p in rest], more)
                )
            )

    # -- data for HR ------------------------------------------------------------------------

    def _setup_or_none(self) -> tc.AssessmentSetup | None:
        try:
            return self.setup
        except tc.ValidationError:
            return None

    def row_builder(self) -> Callable[[Mapping[str, Any]], dict[str, Any] | None]:
        """Rows against the setup as it is now, read once for the whole report."""
        rows = AssessmentRows(self._setup_or_none())

        def build(state: Mapping[str, Any]) -> dict[str, Any] | None:
            stored = state.get("assessment")
            if not stored:
                return None
            try:
                summary = tc.summarize_self_assessment(stored)
            except tc.ValidationError as error:
                return {"problem": str(error)}
            return rows.row(summary)

        return build

    def report_row(self, state: Mapping[str, Any]) -> dict[str, Any] | None:
        """One learner's row (columns in docs/xblocks.md); an unreadable state gives ``problem``."""
        return self.row_builder()(state)

    @staticmethod
    def workbench_scenarios() -> list[tuple[str, str]]:
        return scenarios.for_block("competency_assessment")
