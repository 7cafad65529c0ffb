"""The parts every talent block reuses: templates, workbench users and language, data export."""

from __future__ import annotations

import csv
import io

import pytest
from django.template import TemplateSyntaxError
from django.test import Client
from django.utils import translation

from xblocks import i18n, templating
from xblocks.compat import active_language, iter_user_states
from xblocks.reports import rows_to_csv

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
    assert "Explore the competencies" in page


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


def test_csv_defuses_formulas_and_unions_columns() -> None:
    text = rows_to_csv([("=cmd", {"a": "+1"}), ("bo", {"b": "@x", "a": "ok"})])
    assert list(csv.reader(io.StringIO(text))) == [
        ["username", "a", "b"],
        ["'=cmd", "'+1", ""],
        ["bo", "ok", "'@x"],
    ]
