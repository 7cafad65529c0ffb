"""What every talent block shares: translation, rendering, static files, users and events.

A block is ``class MyBlock(TalentBlockMixin, ..., XBlock)``; see docs/xblocks.md for the
conventions. JSON handlers use :func:`json_payload_handler`, which validates the request
before the block sees it and answers every bad request with HTTP 400 and a message.
"""

from __future__ import annotations

import functools
import gettext
import json
import logging
import re
from collections.abc import Callable, Iterable, Mapping
from importlib import resources
from typing import Any, TypeVar, cast

import pydantic
from web_fragments.fragment import Fragment
from webob import Request, Response
from xblock.core import XBlock, XBlockMixin

import talent_core as tc
from talent_core import control_character_fields

from . import compat, concurrency, i18n, templating
from .i18n import N_

__all__ = [
    "MAX_PAYLOAD_BYTES",
    "USERNAME",
    "USER_IS_STAFF",
    "Conflict",
    "Forbidden",
    "TalentBlockMixin",
    "UnreadableState",
    "attachment",
    "busy_response",
    "discard_unsaved_changes",
    "json_error",
    "json_payload_handler",
    "json_response",
    "parse_payload",
    "script_json",
    "unreadable_state_page",
    "unreadable_state_view",
]

#: Largest JSON body a handler accepts.
MAX_PAYLOAD_BYTES = 64 * 1024
#: ``XBlockUser.opt_attrs`` keys set by the LMS user service (and by our workbench service).
USER_IS_STAFF = "edx-platform.user_is_staff"
USERNAME = "edx-platform.username"
USER_ROLE = "edx-platform.user_role"
#: ``edx-platform.user_role`` values of a course's team (Studio's preview sets only the role).
AUTHOR_ROLES = frozenset({"staff", "instructor", "administrator"})
#: ``edx-platform.user_role`` values that make a user course staff (Studio's preview and the LMS).
STAFF_ROLES = frozenset({"staff", "instructor"})


log = logging.getLogger(__name__)

#: What every view and handler shows when the learner's stored state cannot be read.
UNREADABLE_NOTICE = N_(
    "Your saved work in this activity could not be read. Please let the course team know; "
    "nothing has been changed."
)


class UnreadableState(tc.ValidationError):
    """The learner's stored state is in a form this version cannot read (a newer
    ``schema_version``, damaged data). A ValidationError, so code that treats unreadable data
    as none keeps doing so; views and handlers show :data:`UNREADABLE_NOTICE` instead of an
    error page, and nothing is written over the stored state."""


@functools.cache
def _package_text(path: str) -> str:
    return resources.files(__package__).joinpath(path).read_text("utf-8")


# The services every talent block declares (XBlock combines a mixin's declarations with the
# block's own along the MRO): ``user`` for staff and usernames here, ``teams`` and
# ``user_state`` for compat.current_team and compat.user_state_of; blocks work without them.
@XBlock.needs("i18n")
@XBlock.wants("user", "teams", "user_state")
class TalentBlockMixin(XBlockMixin):
    """Translation in the course language, templates, static files, user and event helpers."""

    # -- language ---------------------------------------------------------------------------

    @property
    def language(self) -> str:
        """The shipped catalog language for this request: ``en``, ``sv`` or ``nl``."""
        return i18n.catalog_language(compat.active_language())

    @property
    def translator(self) -> gettext.NullTranslations:
        return i18n.translation(self.language)

    def ugettext(self, text: str) -> str:
        """Translate through the block's own catalog (also used by Studio's field editor)."""
        return self.translator.gettext(text)

    def ungettext(self, singular: str, plural: str, count: int) -> str:
        return self.translator.ngettext(singular, plural, count)

    def localized(self, text: Mapping[str, str]) -> str:
        """Framework content (``{"en": ..., "sv": ...}``) in the course language, else English."""
        return tc.localize(text, self.language)

    # -- rendering --------------------------------------------------------------------------

    @property
    def title(self) -> str:
        """The author's ``display_name``, or the block's default title in the course language."""
        field = self.fields["display_name"]
        if field.is_set_on(self):
            return str(field.read_from(self))
        return self.ugettext(field.default)

    @property
    def dom_id(self) -> str:
        """A prefix for element ids, unique per block on the page."""
        return "talent-" + re.sub(r"[^A-Za-z0-9_-]", "-", str(self.scope_ids.usage_id))

    def render_template(self, name: str, context: Mapping[str, Any]) -> str:
        """``templates/<name>``, autoescaped, with ``lang`` and ``{% trans %}`` in this language."""
        return templating.render(name, {"lang": self.language, **context}, self.translator)

    def make_fragment(
        self,
        html: str,
        *,
        css: Iterable[str] = (),
        js: Iterable[str] = (),
        init: str | None = None,
        init_args: Mapping[str, Any] | None = None,
    ) -> Fragment:
        """A fragment with ``static/css/<css>`` and ``static/js/<js>`` inlined (no extra URLs to
        serve, works the same in the LMS, Studio and the workbench) and an optional JS init."""
        scripts = list(js)
        if init:
            # The runtime's wrapper writes initialize_js arguments with plain json.dumps inside
            # a <script> element, where "</script>" in a learner's or an author's text would
            # end it. So the arguments travel escaped in the fragment (script_json) and the
            # runtime only gets the name of the real init function (see talent.js).
            html += (
                f'<script type="application/json" data-talent-init-args="{init}">'
                f"{script_json(dict(init_args or {}))}</script>"
            )
            if "talent.js" not in scripts:
                scripts.insert(0, "talent.js")
        fragment = Fragment(html)
        for name in css:
            fragment.add_css(_package_text(f"static/css/{name}"))
        for name in scripts:
            fragment.add_javascript(_package_text(f"static/js/{name}"))
        if init:
            fragment.initialize_js("TalentBlocksInit", {"init": init})
        return fragment

    def not_configured(self, problems: Callable[[], Iterable[str]] = tuple) -> Fragment:
        """The notice a block shows while its settings are broken: learners are asked to tell
        the course team; course staff also read ``problems()`` (what to fix)."""
        shown = list(problems()) if self.is_course_staff else []
        html = self.render_template("not_configured.html", {"title": self.title, "problems": shown})
        return self.make_fragment(html, css=["talent.css"])

    #: The notice a block shows for an unreadable stored state (a msgid; a block may word its own).
    unreadable_notice: str = UNREADABLE_NOTICE

    def unreadable_fragment(self) -> Fragment:
        """The view of a learner whose stored state this version cannot read."""
        html = self.render_template(
            "state_unreadable.html",
            {"title": self.title, "notice": self.ugettext(self.unreadable_notice)},
        )
        return self.make_fragment(html, css=["talent.css"])

    def unreadable_response(self) -> Response:
        """A page or download of that learner: the same notice as a page (HTTP 409)."""
        response = self.page_response(
            "state_unreadable_page.html", {"notice": self.ugettext(self.unreadable_notice)}
        )
        response.status = 409
        return response

    def page_response(self, template: str, context: Mapping[str, Any]) -> Response:
        """A page of its own (a printable sheet): ``template``, which extends
        ``print_page.html``, rendered with the block's title."""
        html = self.render_template(template, {"title": self.title, **context})
        return Response(html, content_type="text/html", charset="utf-8")

    def not_set_up_response(self) -> Response:
        """What a page of its own (a printable sheet) answers while the block is not set up."""
        return Response(
            self.ugettext("This activity is not set up yet. Please let the course team know."),
            status=404,
            content_type="text/plain",
            charset="utf-8",
        )

    # -- users ------------------------------------------------------------------------------

    def _user_attr(self, key: str) -> Any:
        service = self.runtime.service(self, "user")
        user = service.get_current_user() if service is not None else None
        return user.opt_attrs.get(key) if user is not None else None

    @property
    def is_course_staff(self) -> bool:
        """Course staff per the user service: ``user_is_staff`` (the LMS; ``staff_*`` in the
        workbench) or a course-team role (``user_role``: staff, instructor), which is all that
        Studio's preview sets."""
        return bool(self._user_attr(USER_IS_STAFF)) or self._user_attr(USER_ROLE) in STAFF_ROLES

    @property
    def may_edit_settings(self) -> bool:
        """Course staff or an author (by role): who may change or convert settings. Where the
        runtime names no user, the platform's own access rules are all there is (True)."""
        service = self.runtime.service(self, "user")
        user = service.get_current_user() if service is not None else None
        if user is None:
            return True
        return (
            bool(user.opt_attrs.get(USER_IS_STAFF)) or user.opt_attrs.get(USER_ROLE) in AUTHOR_ROLES
        )

    @property
    def username(self) -> str:
        return str(self._user_attr(USERNAME) or self.scope_ids.user_id)

    # -- Studio -----------------------------------------------------------------------------

    @XBlock.handler
    def submit_studio_edits(self, request: Request, suffix: str = "") -> Response:
        """Studio's Save, for course staff and authors only: the LMS may route a learner's
        request here too (the workbench does), and settings are the course team's."""
        if not self.may_edit_settings:
            return json_error(
                403, self.ugettext("Only the course team can change this activity's settings.")
            )
        parent = getattr(super(), "submit_studio_edits", None)
        if parent is None:
            return json_error(404, self.ugettext("This activity has no settings to save here."))
        return cast(Response, parent(request, suffix))

    # -- events -----------------------------------------------------------------------------

    def publish_event(self, action: str, **data: Any) -> None:
        """Publish ``talent.<block type>.<action>`` to the tracking log."""
        self.runtime.publish(self, f"talent.{self.scope_ids.block_type}.{action}", data)


# -- JSON handlers --------------------------------------------------------------------------

#: What JSON may not carry raw inside a <script> element (HTML ends or starts tags with them;
#: U+2028/2029 end a line in older JavaScript); JSON's \\u escapes read back the same.
_SCRIPT_UNSAFE = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def script_json(data: Any) -> str:
    """``data`` as JSON that is safe as the text of a ``<script>`` element."""
    text = json.dumps(data, ensure_ascii=False)
    for raw, escaped in _SCRIPT_UNSAFE.items():
        text = text.replace(raw, escaped)
    return text


def attachment(body: bytes, content_type: str, filename: str) -> Response:
    """``body`` as a download named ``filename`` (text types are UTF-8)."""
    return Response(
        body,
        content_type=content_type,
        charset="utf-8",
        content_disposition=f'attachment; filename="{filename}"',
    )


def json_response(data: Any, status: int = 200) -> Response:
    return Response(
        json.dumps(data, ensure_ascii=False),
        status=status,
        content_type="application/json",
        charset="utf-8",
    )


def json_error(
    status: int, message: str, problems: Iterable[tc.Problem] = (), language: str | None = None
) -> Response:
    """``{"error": message, "problems": [{"field", "message"}]}`` with ``status``; each
    problem the core found is worded in ``language`` (its message id and parameters)."""
    return json_response(
        {
            "error": message,
            "problems": [{"field": p.field, "message": p.text(language)} for p in problems],
        },
        status,
    )


def discard_unsaved_changes(block: XBlock) -> None:
    """Forget field values set since the last save, so a rejected request stores nothing."""
    for field in list(block._dirty_fields):
        field._del_cached_value(block)
    block._dirty_fields.clear()


def _log_unreadable(block: Any, error: Exception) -> None:
    log.warning(
        "%s %s: unreadable state: %s", block.scope_ids.block_type, block.scope_ids.usage_id, error
    )


def unreadable_state_view(view: Callable[..., Fragment]) -> Callable[..., Fragment]:
    """A view that shows the notice when the learner's stored state cannot be read."""

    @functools.wraps(view)
    def run(self: Any, *args: Any, **kwargs: Any) -> Fragment:
        try:
            return view(self, *args, **kwargs)
        except UnreadableState as error:
            _log_unreadable(self, error)
            return cast(Fragment, self.unreadable_fragment())

    return run


def unreadable_state_page(handler: Callable[..., Response]) -> Callable[..., Response]:
    """A page or download handler (put it below ``@XBlock.handler``) that answers the notice
    when the learner's stored state cannot be read."""

    @functools.wraps(handler)
    def run(self: Any, request: Request, suffix: str = "") -> Response:
        try:
            return handler(self, request, suffix)
        except UnreadableState as error:
            _log_unreadable(self, error)
            return cast(Response, self.unreadable_response())

    return run


def busy_response(block: TalentBlockMixin) -> Response:
    """HTTP 409 for a request that waited too long for another one of the same learner."""
    return json_error(
        409,
        block.ugettext(
            "Another change of yours to this activity is still being saved. "
            "Nothing was changed; please try again."
        ),
    )


class Conflict(tc.TalentError):
    """Raised by a payload handler when the request was based on data that changed since the
    page loaded (another tab): HTTP 409. The message is shown to the user, so pass it
    translated."""


class Forbidden(tc.TalentError):
    """Raised by a payload handler when this user may not do what they asked: HTTP 403.

    The message is shown to the user, so pass it translated.
    """


# Python 3.11 (Open edX Ulmo): TypeVars, not PEP 695 type parameters.
B = TypeVar("B", bound=XBlock)
P = TypeVar("P", bound=pydantic.BaseModel)
PayloadMethod = Callable[[B, P], Any]


class _NotJson(Exception):
    """The request body is not UTF-8 JSON."""


def parse_payload(payload: type[P], body: bytes, gettext: Callable[[str], str] = str) -> P:
    """``body`` as ``payload`` in strict JSON mode: JSON's own types only, so ``"2"`` is no
    number and ``2.0`` no integer (dates stay ISO strings); problems name the field, and those
    a form can cause (an emptied title, too many hours) carry a message id, so the page words
    them in the learner's language (see :func:`talent_core.problems_from_pydantic`). Text
    holding a control character other than tab and line breaks is refused, naming the field
    (worded through ``gettext``): it would reach staff CSVs and reports raw."""
    try:
        parsed = payload.model_validate_json(body, strict=True)
    except pydantic.ValidationError as error:
        if any(item["type"] == "json_invalid" for item in error.errors()):
            raise _NotJson from None
        raise tc.ValidationError(tc.problems_from_pydantic(error)) from None
    hidden = control_character_fields(json.loads(body))
    if hidden:
        message = gettext("Remove the invisible control characters (such as NUL or ESC).")
        raise tc.ValidationError([tc.Problem(field, message) for field in hidden])
    return parsed


def json_payload_handler(
    payload: type[P],
) -> Callable[[PayloadMethod[B, P]], Callable[[B, Request, str], Response]]:
    """Make ``method(self, payload: P) -> JSON-able`` a POST handler with a validated body.

    Rejected with HTTP 400 and a translated message, before the method runs: a body over
    :data:`MAX_PAYLOAD_BYTES`, text that is not UTF-8 JSON, data that ``payload`` (a pydantic
    model, e.g. a :class:`talent_core._text.StrictModel`) does not accept in strict JSON mode
    (see :func:`parse_payload`). The method itself
    raises :class:`talent_core.ValidationError` for what only it can check (unknown ids); a
    :class:`talent_core.StaleVersionError` or :class:`Conflict` answers 409 and
    :class:`Forbidden` 403. On any
    rejection the fields the method had already changed are discarded, so nothing saved before
    changes.

    The method runs inside :func:`xblocks.concurrency.exclusive`: as the only request of this
    learner on this block, on the state as stored when it starts, saved before the next one
    runs (409 when another request holds the block longer than the wait allows).
    """

    def decorate(method: PayloadMethod[B, P]) -> Callable[[B, Request, str], Response]:
        @XBlock.handler
        @functools.wraps(method)
        def handler(self: B, request: Request, suffix: str = "") -> Response:
            _ = self.ugettext
            if request.method != "POST":
                response = json_error(405, _("Send this request as POST."))
                response.allow = ("POST",)
                return response
            body = request.body_file.read(MAX_PAYLOAD_BYTES + 1)
            if len(body) > MAX_PAYLOAD_BYTES:
                return json_error(400, _("The request is larger than 64 KB."))
            try:
                parsed = parse_payload(payload, body, _)
                with concurrency.exclusive(self):
                    result = method(self, parsed)
            except concurrency.Busy:
                discard_unsaved_changes(self)
                return busy_response(self)
            except _NotJson:
                return json_error(400, _("The request is not valid JSON."))
            except tc.StaleVersionError as error:
                discard_unsaved_changes(self)
                return json_error(409, str(error))
            except UnreadableState as error:
                discard_unsaved_changes(self)
                _log_unreadable(self, error)
                return json_error(409, self.ugettext(self.unreadable_notice))
            except Conflict as error:
                discard_unsaved_changes(self)
                return json_error(409, str(error))
            except Forbidden as error:
                discard_unsaved_changes(self)
                return json_error(403, str(error))
            except tc.ValidationError as error:
                discard_unsaved_changes(self)
                return json_error(
                    400, _("The request was rejected."), error.problems, self.language
                )
            return json_response(result)

        return cast(Callable[[B, Request, str], Response], handler)

    return decorate
