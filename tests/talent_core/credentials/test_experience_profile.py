"""The experience profile: print-ready HTML in en/sv/nl, every text from the data inert."""

from __future__ import annotations

import datetime as dt
import html.parser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import talent_core as tc
from talent_core import credentials as cr

from .conftest import recognise


class Page(html.parser.HTMLParser):
    """What a browser would see: tags, attributes and text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += attrs

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(page: str) -> Page:
    parsed = Page()
    parsed.feed(page)
    return parsed


ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3", "p", "em",
    "section", "dl", "dt", "dd", "table", "thead", "tbody", "tr", "th", "td", "ul", "li", "a",
    "footer",
}  # fmt: skip


@pytest.mark.parametrize(
    ("language", "title", "heading"),
    [
        ("en", "Experience profile", "Reasoning per behaviour indicator"),
        ("sv", "Erfarenhetsprofil", "Motivering per beteendeindikator"),
        ("nl", "Ervaringsprofiel", "Onderbouwing per gedragsindicator"),
        ("nl-BE", "Ervaringsprofiel", "Onderbouwing per gedragsindicator"),
    ],
)
def test_headings_in_the_language(
    language: str, title: str, heading: str, framework: tc.CompetencyFramework, issuer: cr.Issuer
) -> None:
    page = cr.render_experience_profile([recognise(framework)], language, issuer)
    assert f"<h1>{title}: Ana Lind</h1>" in page
    assert heading in page
    assert f'<html lang="{language[:2]}">' in page


def test_every_competency_with_level_reasoning_per_indicator_and_evidence(
    framework: tc.CompetencyFramework, issuer: cr.Issuer
) -> None:
    items = [
        recognise(framework),
        recognise(framework, "active-listening", 2, outcome="partly_recognised"),
    ]
    page = cr.render_experience_profile(items, "en", issuer)
    assert page.index("Giving feedback") < page.index("Listening actively")  # by name
    for item in items:
        for reason in item.reasons:
            assert (
                f'<tr><th scope="row">{reason.indicator}</th><td>{reason.reason}</td></tr>' in page
            )
    assert "Partly recognised" in page and "<dd>Recognised</dd>" in page
    assert '<a href="https://files.example.org/ana/feedback.pdf">' in page
    assert "March 14, 2025" in page
    assert "Issued by Example Organisation on May 1, 2026." in page


def test_it_is_print_ready(framework: tc.CompetencyFramework) -> None:
    page = cr.render_experience_profile([recognise(framework)], "en")
    assert "@media print" in page and "break-inside: avoid" in page and "@page" in page
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert "<script" not in page


def test_no_recognition_yet_says_so() -> None:
    page = cr.render_experience_profile([], "sv")
    assert "Ingen kompetens har erkänts ännu." in page


def test_one_learner_per_profile(framework: tc.CompetencyFramework) -> None:
    two = [recognise(framework), recognise(framework, learner_id="bo", learner_name="Bo")]
    with pytest.raises(tc.InputError, match="one learner's"):
        cr.render_experience_profile(two, "en")


hostile = st.sampled_from(
    [
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "</style><script>x()</script>",
        "<a href='javascript:alert(1)'>x</a>",
        "&lt;b&gt;",
        "]]><!--",
    ]
) | st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40
)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=hostile, reason=hostile, evidence=hostile, description=hostile)
def test_html_in_any_text_stays_text(
    name: str, reason: str, evidence: str, description: str, framework: tc.CompetencyFramework
) -> None:
    if not name.strip() or not evidence.strip():
        return
    item = recognise(
        framework,
        learner_name=name,
        reasons={"giving-feedback-l3-1": reason},
        evidence=[
            cr.EvidenceSummary(name=evidence, description=description, date=dt.date(2025, 1, 1))
        ],
    )
    page = cr.render_experience_profile([item], "nl")
    parsed = parse(page)
    assert set(parsed.tags) <= ALLOWED_TAGS
    assert all(not key.startswith("on") for key, _ in parsed.attributes)
    assert all(
        (value or "").startswith(
            (
                "https://",
                "en",
                "nl",
                "sv",
                "utf-8",
                "row",
                "col",
                "viewport",
                "width",
                "competency",
                "meta",
            )
        )
        for _, value in parsed.attributes
    )
    text = "".join(parsed.text)
    for value in (name.strip(), reason, evidence.strip()):
        assert value in text


def test_only_web_links_become_links() -> None:
    with pytest.raises(tc.ValidationError, match="url: must be an http"):
        tc.load(cr.EvidenceSummary, {"name": "x", "date": "2025-01-01", "url": "javascript:x"})
