"""The parts every talent block reuses: templates, workbench users and language, data export."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from django.template import TemplateSyntaxError
from django.test import Client
from django.utils import translation
from webob import Request
from xblock.core import XBlock
from xblock.fields import Integer, List, Scope
from xblock.reference.user_service import XBlockUser

import talent_core as tc
from talent_core._text import StrictModel
from xblocks import i18n, templating
from xblocks.compat import active_language, iter_user_states
from xblocks.mixins import MAX_PAYLOAD_BYTES, TalentBlockMixin, json_payload_handler
from xblocks.scenarios import BLOCK_SCENARIOS

EXPLORER = "competency_explorer"


# -- templates ------------------------------------------------------------------------------


def render_string(source: str, context: dict, language: str = "en") -> str:
    template = templating._engine().from_string(source)
    from django.template import Context

    catalog = i18n.translation(language)
    return template.render(Context({**context, templating.CATALOG_KEY: catalog}))


def test_trans_tag_uses_the_block_catalog_and_escapes_values() -> None:
    source = '{% load i18n %}{% trans "Coaching questions" %}: {{ text }}'
    assert render_string(source, {"text": "<b>&"}, "sv") == "Coachande frågor: &lt;b&gt;&amp;"


def test_trans_as_variable() -> None:
    source = '{% load i18n %}{% trans "Competency" as label %}[{{ label }}]'
    assert render_string(source, {}, "nl") == "[Competentie]"


@pytest.mark.parametrize(
    "tag", ["{% trans text %}", '{% trans "a" "b" %}', '{% trans "a" into b %}', "{% trans %}"]
)
def test_trans_tag_accepts_only_a_literal(tag: str) -> None:
    with pytest.raises(TemplateSyntaxError, match="use"):
        render_string("{% load i18n %}" + tag, {})


# -- workbench stand-ins ------------------------------------------------------------------------


@pytest.mark.parametrize(("user", "staff"), [("staff_hr", True), ("learner_1", False)])
def test_workbench_users_named_staff_are_course_staff(make_block, user: str, staff: bool) -> None:
    block = make_block(EXPLORER, user=user)
    assert block.is_course_staff is staff
    assert block.username == user


@pytest.mark.parametrize(
    "block_type", [EXPLORER, "competency_assessment", "development_dialogue", "development_plan"]
)
def test_every_block_declares_the_common_services(block_type: str) -> None:
    cls = XBlock.load_class(block_type)
    assert cls.service_declaration("i18n") == "need"
    for service in ("user", "teams", "user_state"):
        assert cls.service_declaration(service) == "want"


def test_active_language_follows_django() -> None:
    with translation.override("nl"):
        assert active_language() == "nl"


@pytest.fixture
def client(workbench_db: None) -> Client:
    return Client()


def test_scenario_page_in_swedish_from_the_query(client: Client) -> None:
    response = client.get(
        "/scenario/competency_explorer.0/", {"student": "learner_1", "lang": "sv"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Utforska kompetenser" in page and "Coachande frågor" in page
    assert response.cookies["django_language"].value == "sv"


def test_language_from_accept_language_and_the_cookie(client: Client) -> None:
    page = client.get("/scenario/competency_explorer.0/", HTTP_ACCEPT_LANGUAGE="nl,en;q=0.5")
    assert "Competenties verkennen" in page.content.decode()
    client.cookies["django_language"] = "sv"
    page = client.get("/scenario/competency_explorer.0/", HTTP_ACCEPT_LANGUAGE="nl")
    assert "Utforska kompetenser" in page.content.decode()


def test_unsupported_query_language_is_ignored(client: Client) -> None:
    response = client.get("/scenario/competency_explorer.0/", {"lang": "xx"})
    assert "Competency explorer" in response.content.decode()
    assert "django_language" not in response.cookies


def test_index_lists_the_talent_scenarios_only(client: Client) -> None:
    page = client.get("/").content.decode()
    assert "Competency explorer: two clusters" in page
    assert "Talent course: grow in your role" in page
    assert "Hello World" not in page


def test_talent_course_unit_renders_the_explorer(client: Client) -> None:
    from workbench.scenarios import get_scenarios

    [scenario_id] = [
        key for key, s in get_scenarios().items() if s.description.startswith("Talent course")
    ]
    page = client.get(f"/scenario/{scenario_id}/").content.decode()
    assert "Competency explorer" in page
    swedish = client.get(f"/scenario/{scenario_id}/", {"lang": "sv"}).content.decode()
    assert "Utforska kompetenser" in swedish


# -- learner data ---------------------------------------------------------------------------


def test_iter_user_states_reads_the_workbench_store(make_block, call, workbench_field_data) -> None:
    first = make_block(EXPLORER, field_data=workbench_field_data)
    usage = first.scope_ids.usage_id
    second = make_block(EXPLORER, user="learner_2", usage=usage, field_data=workbench_field_data)
    call(first, "show_competency", {"competency_id": "delegating"})
    call(second, "show_competency", {"competency_id": "resilience"})
    states = {s.username: s.state for s in iter_user_states(first)}
    assert states == {
        "learner_1": {"last_competency": "delegating", "viewed": ["delegating"]},
        "learner_2": {"last_competency": "resilience", "viewed": ["resilience"]},
    }


def test_staff_download_every_learner_as_csv(make_block, call, workbench_field_data) -> None:
    learner = make_block(EXPLORER, field_data=workbench_field_data)
    usage = learner.scope_ids.usage_id
    for competency in ("delegating", "resilience"):
        call(learner, "show_competency", {"competency_id": competency})
    staff = make_block(EXPLORER, user="staff_hr", usage=usage, field_data=workbench_field_data)
    from webob import Request

    response = staff.handle("download_data", Request.blank("/"))
    assert response.status_code == 200 and response.content_type == "text/csv"
    assert 'filename="competency_explorer-data.csv"' in response.content_disposition
    rows = list(csv.reader(io.StringIO(response.body.decode("utf-8-sig"))))
    assert rows == [
        ["username", "competencies_viewed", "viewed", "last_competency"],
        ["learner_1", "2", "delegating, resilience", "resilience"],
    ]
    refused = learner.handle("download_data", Request.blank("/"))
    assert refused.status_code == 403


# -- JSON handlers ----------------------------------------------------------------------------


class Note(StrictModel):
    text: str
    version: int


class ProbeBlock(TalentBlockMixin, XBlock):
    """A block whose handler writes before it finds the request bad, as real ones may."""

    notes = List(scope=Scope.user_state, default=[])
    version = Integer(scope=Scope.user_state, default=0)

    @json_payload_handler(Note)
    def add_note(self, note: Note) -> dict[str, int]:
        self.notes = [*self.notes, note.text]
        if note.text == "forbidden":
            raise tc.ValidationError([tc.Problem("text", "not allowed")])
        if note.version != self.version:
            raise tc.StaleVersionError(self.version, note.version)
        self.version += 1
        return {"version": self.version}


def test_payload_handler_saves_a_good_request(make_block, call) -> None:
    block = make_block(ProbeBlock)
    assert call(block, "add_note", {"text": "hi", "version": 0}).json == {"version": 1}
    assert block.notes == ["hi"] and block.version == 1


@pytest.mark.parametrize(
    ("payload", "status", "error"),
    [
        ({"text": "forbidden", "version": 0}, 400, "The request was rejected."),
        ({"text": "late", "version": 7}, 409, "this plan was changed elsewhere"),
    ],
)
def test_rejected_request_discards_what_the_handler_wrote(
    make_block, call, store, payload, status, error
) -> None:
    block = make_block(ProbeBlock)
    response = call(block, "add_note", payload)
    assert response.status_code == status and response.json["error"].startswith(error)
    assert block.notes == [] and block.version == 0
    reread = make_block(ProbeBlock, usage=block.scope_ids.usage_id)
    assert reread.notes == []


@pytest.mark.parametrize(
    ("payload", "field"),
    [({"text": "hi", "version": "0"}, "version"), ({"text": "hi", "version": 0.0}, "version")],
)
def test_payload_types_are_json_types_exactly(make_block, call, payload, field) -> None:
    block = make_block(ProbeBlock)
    response = call(block, "add_note", payload)
    assert response.status_code == 400
    assert [p["field"] for p in response.json["problems"]] == [field]
    assert block.notes == []


def test_payload_limit_is_64_kb(make_block, call) -> None:
    block = make_block(ProbeBlock)
    fits = json.dumps({"text": "x" * (MAX_PAYLOAD_BYTES - 40), "version": 0}).encode()
    assert len(fits) <= MAX_PAYLOAD_BYTES
    assert call(block, "add_note", body=fits).status_code == 200
    too_big = json.dumps({"text": "x" * MAX_PAYLOAD_BYTES, "version": 1}).encode()
    response = call(block, "add_note", body=too_big)
    assert response.status_code == 400
    assert response.json["error"] == "The request is larger than 64 KB."


def test_events_are_named_after_block_and_action(make_block) -> None:
    block = make_block(ProbeBlock)
    block.publish_event("saved", goals=3)
    assert block.runtime.events == [("talent.probeblock.saved", {"goals": 3})]


class StudioPreviewUserService:
    """Stand-in for Studio's preview ``user`` service (the workbench has no Studio): it names
    the user and their course role (``edx-platform.user_role``) but sets no ``user_is_staff``."""

    def __init__(self, role: str) -> None:
        self.role = role

    def get_current_user(self) -> XBlockUser:
        user = XBlockUser(is_current_user=True, emails=[], full_name="Author")
        user.opt_attrs.update(
            {"edx-platform.username": "author", "edx-platform.user_role": self.role}
        )
        return user


@pytest.mark.parametrize(
    ("role", "staff"), [("instructor", True), ("staff", True), ("student", False)]
)
def test_studio_preview_staff_are_recognised_by_their_course_role(
    make_block, workbench_db, role: str, staff: bool
) -> None:
    block = make_block("competency_assessment", user="author")
    block.runtime._services["user"] = StudioPreviewUserService(role)
    assert block.is_course_staff is staff
    response = block.handle("download_data", Request.blank("/"))
    assert response.status_code == (200 if staff else 403)


def _titles(page: str) -> list[str]:
    return re.findall(r'class="talent-block__title"[^>]*>([^<]+)<', page)


@pytest.mark.parametrize(
    "scenario",
    [f"{block}.{i}" for block, items in BLOCK_SCENARIOS.items() for i in range(len(items))],
)
def test_demo_scenario_titles_follow_the_page_language(client: Client, scenario: str) -> None:
    english = _titles(client.get(f"/scenario/{scenario}/", {"lang": "en"}).content.decode())
    for language in ("sv", "nl"):
        page = client.get(f"/scenario/{scenario}/", {"lang": language}).content.decode()
        titles = _titles(page)
        assert titles and len(titles) == len(english)
        assert not set(titles) & set(english), (language, titles)


def test_the_language_choice_lasts_the_browser_session_as_the_readme_says(client: Client) -> None:
    first = client.get("/scenario/competency_explorer.0/", {"lang": "sv"})
    cookie = first.cookies["django_language"]
    assert cookie.value == "sv" and not cookie["expires"] and not cookie["max-age"]
    later = client.get("/scenario/competency_explorer.0/", HTTP_ACCEPT_LANGUAGE="nl")
    assert "Utforska kompetenser" in later.content.decode()  # remembered, not the browser's
    back = client.get("/scenario/competency_explorer.0/", {"lang": "en"})
    assert "Competency explorer" in back.content.decode()
    readme = " ".join((Path(__file__).parents[2] / "README.md").read_text("utf-8").split())
    assert "remembered for the browser session" in readme and "`&lang=en`" in readme
