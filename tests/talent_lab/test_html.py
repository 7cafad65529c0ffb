"""The escaping HTML builders: outside text never becomes markup."""

from __future__ import annotations

from talent_lab._html import Markup, esc, localized, plain_text, table


def test_markup_stays_markup_and_escapes_what_is_added() -> None:
    combined = Markup("<b>ok</b>") + "<i>not markup</i>"
    assert isinstance(combined, Markup)
    assert combined == "<b>ok</b>&lt;i&gt;not markup&lt;/i&gt;"
    assert Markup("<b>") + Markup("</b>") == "<b></b>"
    assert esc(Markup("<b>")) == "<b>" and esc("<b>") == "&lt;b&gt;"


def test_html_descriptions_are_reduced_to_text() -> None:
    html = "<p>First &amp; foremost<br>next</p><script>x</script><ul><li>one</li></ul>"
    assert plain_text(html, "html") == "First & foremost\nnext\none"
    assert plain_text("<p>kept</p>", "markdown") == "<p>kept</p>"  # escaped later, not parsed


def test_localized_marks_a_fallback_language() -> None:
    assert localized({"en": "Listening", "sv": "Lyssna"}, "sv") == "Lyssna"
    assert localized({"en": "Listening"}, "sv-FI") == '<span lang="en">Listening</span>'
    assert localized({"en": "<x>"}, "en") == "&lt;x&gt;"


def test_table_headers_and_row_header() -> None:
    html = table("Caption <1>", ["A", "B"], [["a<", Markup("<b>b</b>")]], row_header=1)
    assert "<caption" in html and "Caption &lt;1&gt;</caption>" in html
    assert html.count('<th scope="col"') == 2
    assert '<td style="' in html and "a&lt;</td>" in html
    assert '<th scope="row"' in html and "<b>b</b></th>" in html
