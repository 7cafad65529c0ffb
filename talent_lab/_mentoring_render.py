"""What the mentoring notebook shows, as HTML in the display language.

Programmes run to 10,000 mentees, so the pairs table shows one page and lists are capped.
"""

from __future__ import annotations

from collections import Counter

from ._groups_render import NOTICE_LIMIT, PAGE_SIZE, block, page_count
from ._html import Markup, esc, notice, table
from ._mentoring_graph import GENERATION_COLOURS
from ._mentoring_messages import reason_text, text
from ._mentoring_session import MentoringSession, PairView

__all__ = ["generations", "pairs_page", "people_summary", "warnings"]


def people_summary(session: MentoringSession) -> str:
    language = session.language
    summary = text(
        "people.summary",
        language,
        mentees=f"{len(session.mentees):,}",
        mentors=f"{len(session.mentors):,}",
        places=f"{sum(m.capacity for m in session.mentors):,}",
        history=f"{len(session.history):,}",
        programmes=len({r.programme for r in session.history}),
    )
    return block(language, Markup(f"<p>{esc(summary)}</p>"))


def _reasons(row: PairView, session: MentoringSession) -> Markup:
    """The pair's reasons as a list: broken rules first (marked), then what earns points."""
    language = session.language
    if row.fit is None:
        why = (
            reason_text(row.unmatched, session)
            if row.unmatched
            else text("pairs.unassigned", language)
        )
        return esc(why)
    items = [
        f"<li><strong>{esc(text('pairs.breaks', language))}</strong> "
        f"{esc(reason_text(r, session))}</li>"
        for r in row.fit.blocked_by
    ]
    items += [
        f"<li>{esc(reason_text(r, session))}"
        + (f" <small>(+{r.points:g})</small>" if r.points else "")
        + "</li>"
        for r in row.fit.reasons
    ]
    return Markup(f'<ul style="margin:0;padding-left:1.2em">{"".join(items)}</ul>')


def pairs_page(session: MentoringSession, page: int) -> str:
    """One page of mentees with their mentor, fit score and the reasons in words."""
    language = session.language
    rows = session.rows()
    if not rows:
        return block(language, Markup(f"<p>{esc(text('match.none', language))}</p>"))
    page = min(max(page, 1), page_count(len(rows)))
    start = (page - 1) * PAGE_SIZE
    shown = rows[start : start + PAGE_SIZE]
    headers = [
        text("col.mentee", language),
        text("col.mentor", language),
        text("col.score", language),
        text("col.reasons", language),
    ]
    body = []
    for row in shown:
        mentor = (
            f"{row.mentor.name} ({row.mentor.id})" if row.mentor else text("pairs.none", language)
        )
        if row.by_hand:
            mentor += " " + text("pairs.by_hand", language)
        score = f"{row.fit.score:g}" if row.fit else "–"
        body.append([f"{row.mentee.name} ({row.mentee.id})", mentor, score, _reasons(row, session)])
    caption = text(
        "pairs.caption", language, first=start + 1, last=start + len(shown), total=len(rows)
    )
    return block(language, table(caption, headers, body))


def warnings(session: MentoringSession) -> str:
    """Broken hard rules and overfilled mentors (an alert), or that all is well."""
    language = session.language
    if not session.matched:
        return block(language)
    found = session.warnings()
    if not found:
        return block(language, notice(True, text("warnings.none", language)))
    items = "".join(f"<li>{esc(item)}</li>" for item in found[:NOTICE_LIMIT])
    more = len(found) - NOTICE_LIMIT
    if more > 0:
        items += f"<li>… {more:,}</li>"
    heading = esc(text("warnings.heading", language, count=len(found)))
    return block(
        language,
        Markup(
            '<div role="alert" style="background:#fdecea;border-left:4px solid #b3261e;'
            f'color:#4a0e0b;padding:.5em .75em"><p style="margin:0"><strong>{heading}</strong>'
            f"</p><ul>{items}</ul></div>"
        ),
    )


def _swatch(generation: int) -> Markup:
    """The colour of a generation's people in the drawing: the legend of the drawing."""
    colour = GENERATION_COLOURS[min(generation, len(GENERATION_COLOURS) - 1)]
    return Markup(
        f'<span aria-hidden="true" style="display:inline-block;width:2.5em;height:1em;'
        f'background:{colour};vertical-align:middle"></span>'
    )


def _swatch_border() -> Markup:
    return Markup(
        '<span aria-hidden="true" style="display:inline-block;width:2.5em;height:1em;'
        'background:#1e7b4f;border:3px solid #f2b705;vertical-align:middle"></span>'
    )


def generations(session: MentoringSession, drawn: int) -> str:
    """People per generation (a table, the same facts as the colours) and who is ready next."""
    language = session.language
    chain = session.chain()
    counts = Counter(node.generation for node in chain.nodes)
    names = session.names()
    ready = ", ".join(names.get(r.person_id, r.person_id) for r in chain.ready[:NOTICE_LIMIT])
    parts: list[object] = [
        Markup(f"<p>{esc(text('network.intro', language))}</p>"),
        table(
            text("network.generations", language),
            [
                text("network.generation", language),
                text("network.people", language),
                text("network.colour", language),
            ],
            [
                [generation, counts[generation], _swatch(generation)]
                for generation in sorted(counts)
            ],
        ),
        Markup(f"<p>{_swatch_border()} {esc(text('network.border', language))}</p>"),
        Markup(
            "<p>"
            + esc(text("network.ready", language, people=ready or text("network.nobody", language)))
            + "</p>"
        ),
    ]
    if drawn < len(chain.nodes):
        shown = text("network.shown", language, shown=drawn, total=len(chain.nodes))
        parts.append(Markup(f"<p>{esc(shown)}</p>"))
    return block(language, *parts)
