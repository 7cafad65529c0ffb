"""Stand-ins for the LMS pieces the workbench lacks: course roles and a per-request language.

The workbench has no roles: :class:`StaffAwareUserService` makes every ``?student=staff_…``
user course staff (``edx-platform.user_is_staff``, as the LMS user service reports it) and
everyone else a learner. :class:`QueryLanguageMiddleware` lets ``?lang=sv`` pick the language
of a page (and, through Django's language cookie, of the handler calls the page makes).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from xblock.reference.user_service import UserService, XBlockUser

from ..mixins import USER_IS_STAFF, USERNAME

__all__ = ["STAFF_PREFIX", "QueryLanguageMiddleware", "StaffAwareUserService"]

STAFF_PREFIX = "staff_"
USER_ROLE = "edx-platform.user_role"


class StaffAwareUserService(UserService):
    """The workbench's ``user`` service; the runtime sets ``.runtime`` after building it."""

    runtime = None

    def get_current_user(self) -> XBlockUser:
        user_id = str(getattr(self.runtime, "user_id", None) or "student_1")
        staff = user_id.startswith(STAFF_PREFIX)
        user = XBlockUser(
            is_current_user=True, emails=[f"{user_id}@example.com"], full_name=user_id
        )
        user.opt_attrs.update(
            {
                "edx-platform.user_id": user_id,
                USERNAME: user_id,
                USER_IS_STAFF: staff,
                USER_ROLE: "staff" if staff else "student",
                "xblock-workbench.user_id": user_id,
            }
        )
        return user


class QueryLanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, with ``?lang=<code>`` first and remembered in the cookie."""

    def process_request(self, request: HttpRequest) -> None:
        code = request.GET.get("lang", "")
        if translation.check_for_language(code) and code in dict(settings.LANGUAGES):
            translation.activate(code)
            request.LANGUAGE_CODE = code
            request.talent_language_from_query = True
        else:
            super().process_request(request)

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        response = super().process_response(request, response)
        if getattr(request, "talent_language_from_query", False):
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME, request.LANGUAGE_CODE, samesite="Lax"
            )
        return response
