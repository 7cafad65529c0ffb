"""What the intervision notebook shows, as HTML and chart data in the display language.

Organisations run to 100,000 people (some 17,000 groups), so nothing here renders every
group: tables show one page, notice lists are capped and charts aggregate.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Literal

import numpy as np

from talent_core import Person
from talent_core.grouping import Notice

from ._groups_messages import text
from ._groups_session import GroupingSession
from ._html import Markup, esc, join, notice, table
from ._messages import number

__all__ = [
    "ATTRIBUTES",
    "NOTICE_LIMIT",
    "PAGE_SIZE",
    "Attribute",
    "SortOrder",
    "block",
    "group_order",
    "groups_page",
    "notices",
    "page_count",
    "page_groups",
    "people_summary",
    "score_histogram",
    "scores_summary",
    "spread",
]

#: Groups per table page, and notices listed per kind before "… and N more".
PAGE_SIZE = 20
NOTICE_LIMIT = 30
#: Width of a bar of the score histogram, in score points.
HISTOGRAM_STEP = 5

Attribute = Literal["department", "location", "seniority", "language", "timezone"]
ATTRIBUTES: tuple[Attribute, ...] = ("department", "location", "seniority", "language", "timezone")
SortOrder = Literal["name", "worst"]


def block(language: str, *parts: object) -> str:
    """One tab's content; widget HTML inherits the line height of a one-line input otherwise."""
    return f'<div lang="{esc(language)}" style="line-height:1.45">{join(parts)}</div>'


def _score(value: float, language: str) -> str:
    return number(value, language, 1)


def people_summary(session: GroupingSession) -> str:
    """How many people from where, with how many departments, locations and languages."""
    language, people = session.language, session.people
    if not people:
        return block(language, Markup(f"<p>{esc(text('people.none', language))}</p>"))
    managers = {p.manager_id for p in people if p.manager_id}
    counts = Counter(p.language for p in people)
    summary = text(
        "people.summary",
        language,
        people=number(len(people), language),
        source=session.source,
        departments=len({p.department for p in people}),
        locations=len({p.location for p in people}),
        managers=number(len(managers), language),
        languages=", ".join(
            f"{code} ({number(n, language)})" for code, n in sorted(counts.items())
        ),
    )
    return block(language, Markup(f"<p>{esc(summary)}</p>"))


def scores_summary(session: GroupingSession) -> str:
    """Group count, mean score and the worst group, or how to get groups."""
    language, scores = session.language, session.scores
    if scores is None or scores.worst is None:
        return block(language, Markup(f"<p>{esc(text('groups.none', language))}</p>"))
    summary = text(
        "groups.summary",
        language,
        groups=number(len(scores.groups), language),
        mean=_score(scores.total, language),
        worst=scores.worst.name,
        worst_score=_score(scores.worst.score, language),
    )
    return block(language, Markup(f"<p><strong>{esc(summary)}</strong></p>"))


def _notice_list(items: Sequence[Notice], language: str) -> Markup:
    shown = "".join(f"<li>{esc(item.text(language))}</li>" for item in items[:NOTICE_LIMIT])
    more = len(items) - NOTICE_LIMIT
    tail = f"<li>{esc(text('groups.more', language, count=more))}</li>" if more > 0 else ""
    return Markup(f"<ul>{shown}{tail}</ul>")


def notices(session: GroupingSession) -> str:
    """Broken hard rules (an alert) and warnings worth a look, each list capped."""
    language = session.language
    if session.scores is None:
        return block(language)
    violations, warnings = session.notices()
    parts: list[object] = []
    if violations:
        heading = text("groups.violations", language, count=len(violations))
        parts.append(
            Markup(
                '<div role="alert" style="background:#fdecea;border-left:4px solid #b3261e;'
                f'color:#4a0e0b;padding:.5em .75em"><p style="margin:0"><strong>{esc(heading)}'
                f"</strong></p>{_notice_list(violations, language)}</div>"
            )
        )
    else:
        parts.append(notice(True, text("groups.no_violations", language)))
    if warnings:
        heading = text("groups.warnings", language, count=len(warnings))
        parts.append(Markup(f"<h4>{esc(heading)}</h4>{_notice_list(warnings, language)}"))
    return block(language, *parts)


def group_order(session: GroupingSession, order: SortOrder) -> list[int]:
    """Indexes of the groups in table order: as named, or the lowest score first."""
    if session.scores is None:
        return []
    if order == "worst":
        scores = session.scores.groups
        return sorted(range(len(scores)), key=lambda k: (scores[k].score, scores[k].name))
    return list(range(len(session.groups)))


def _page_bounds(total: int, page: int) -> tuple[int, int]:
    start = min(max(page - 1, 0) * PAGE_SIZE, max(total - 1, 0))
    start -= start % PAGE_SIZE
    return start, min(start + PAGE_SIZE, total)


def page_count(total: int) -> int:
    return max(1, -(-total // PAGE_SIZE))


def page_groups(session: GroupingSession, order: SortOrder, page: int) -> list[int]:
    """The group indexes shown on ``page`` (1-based) in this order."""
    ordered = group_order(session, order)
    start, end = _page_bounds(len(ordered), page)
    return ordered[start:end]


def groups_page(session: GroupingSession, order: SortOrder, page: int) -> str:
    """One page of the groups table: size, language, score, fit per goal, spread, members."""
    language, scores = session.language, session.scores
    if scores is None or not scores.groups:
        return block(language)
    ordered = group_order(session, order)
    start, end = _page_bounds(len(ordered), page)
    goals = list(scores.groups[0].goals)
    headers = [
        text("col.group", language),
        text("col.size", language),
        text("col.languages", language),
        text("col.score", language),
        *(text(f"goal.{goal}", language) for goal in goals),
        text("col.distinct", language),
        text("col.members", language),
    ]
    rows = []
    for k in ordered[start:end]:
        group, score = session.groups[k], scores.groups[k]
        members = [session.person(x) for x in group.members]
        rows.append(
            [
                group.name,
                score.size,
                ", ".join(score.languages),
                _score(score.score, language),
                *(_score(score.goals[goal], language) for goal in goals),
                f"{len({m.department for m in members})} / {len({m.location for m in members})}",
                ", ".join(m.name for m in members),
            ]
        )
    caption = text("table.caption", language, first=start + 1, last=end, total=len(ordered))
    return block(language, table(caption, headers, rows))


def _value(person: Person, attribute: Attribute) -> str:
    return str(getattr(person, attribute))


def spread(
    session: GroupingSession, groups: Sequence[int], attribute: Attribute
) -> tuple[list[str], list[str], list[list[int]]]:
    """Group names, the attribute's values in these groups, and people per group and value."""
    members = [[session.person(x) for x in session.groups[k].members] for k in groups]
    values = sorted(
        {_value(p, attribute) for people in members for p in people},
        key=lambda v: (int(v) if v.isdigit() else 0, v),
    )
    counts = [Counter(_value(p, attribute) for p in people) for people in members]
    return (
        [session.groups[k].name for k in groups],
        values,
        [[count[value] for value in values] for count in counts],
    )


def score_histogram(session: GroupingSession) -> tuple[list[str], list[int]]:
    """Groups per band of ``HISTOGRAM_STEP`` score points, from the lowest band in use."""
    if session.scores is None or not session.scores.groups:
        return [], []
    values = np.array([g.score for g in session.scores.groups])
    edges = np.arange(0, 100 + HISTOGRAM_STEP, HISTOGRAM_STEP)
    counts, _ = np.histogram(values, bins=edges)
    first = int(np.argmax(counts > 0))
    labels = [f"{edges[i]}–{edges[i + 1]}" for i in range(first, len(counts))]
    return labels, [int(c) for c in counts[first:]]
