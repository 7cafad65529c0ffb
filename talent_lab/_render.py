"""What each part of the framework explorer shows, as HTML in the display language."""

from __future__ import annotations

import pandas as pd

from talent_core import CompetencyFramework, CompetencyNode, LearningMode, NodeType, localize

from ._html import Markup, esc, hidden, join, localized, notice, paragraph, table
from ._messages import message
from ._session import FrameworkSession
from ._tables import COMPETENCY_COLUMNS

__all__ = ["competency_detail", "competency_table", "overview", "required_levels"]

#: Rows and tree items shown at most; larger frameworks are complete in the DataFrames.
TABLE_LIMIT = 500
TREE_LIMIT = 300
_NOT_IN_TREE = frozenset({NodeType.INDICATOR, NodeType.LEVEL})


def _block(language: str, *parts: object) -> str:
    """One tab's content; widget HTML inherits the line height of a one-line input otherwise."""
    return f'<div lang="{esc(language)}" style="line-height:1.45">{join(parts)}</div>'


def _mode(mode: LearningMode | str, language: str) -> str:
    return message(f"mode.{LearningMode(mode).value}", language)


def _tree(framework: CompetencyFramework, language: str) -> Markup:
    """Nested lists of clusters and competencies (indicators are in the competency view)."""
    parts: list[str] = ["<ul>"]
    shown = 0
    stack: list[CompetencyNode | None] = list(reversed(framework.roots()))
    while stack and shown < TREE_LIMIT:
        node = stack.pop()
        if node is None:  # marks the end of a node's children
            parts.append("</ul></li>")
            continue
        shown += 1
        name = localized(node.name, language)
        label = (
            esc(name) if node.type is NodeType.COMPETENCY else Markup(f"<strong>{name}</strong>")
        )
        children = [c for c in framework.children(node.id) if c.type not in _NOT_IN_TREE]
        if children:
            parts.append(f"<li>{label}<ul>")
            stack.append(None)
            stack.extend(reversed(children))
        else:
            parts.append(f"<li>{label}</li>")
    parts.extend("</ul></li>" for item in stack if item is None)
    parts.append("</ul>")
    total = sum(1 for node in framework.nodes if node.type not in _NOT_IN_TREE)
    if total > shown:
        parts.append(f"<p>{esc(message('summary.more', language, count=total - shown))}</p>")
    return Markup("".join(parts))


def overview(session: FrameworkSession) -> str:
    """Name, description, where it came from, counts, the scale and the tree."""
    framework, language = session.framework, session.language
    competencies = framework.competencies()
    counts = message(
        "summary.counts",
        language,
        clusters=len(framework.clusters()),
        competencies=len(competencies),
        indicators=sum(1 for node in framework.nodes if node.type is NodeType.INDICATOR),
        questions=sum(len(node.coaching_questions) for node in framework.nodes),
        activities=sum(len(node.activities) for node in framework.nodes),
    )
    source = session.source or message("source.demo", language)
    levels = "".join(
        f"<li><strong>{esc(level.value)} {localized(level.label, language)}</strong>"
        + (f": {localized(level.descriptor, language)}" if level.descriptor else "")
        + "</li>"
        for level in framework.scale.levels
    )
    return _block(
        language,
        Markup(f"<h3>{localized(framework.name, language)}</h3>"),
        paragraph(localize(framework.description, language), framework.description_format)
        if framework.description
        else "",
        Markup(f"<p>{esc(message('summary.source', language))}: {esc(source)}. {esc(counts)}</p>"),
        Markup(f"<h4>{esc(message('summary.scale', language))}</h4><ol>{levels}</ol>"),
        Markup(f"<h4>{esc(message('summary.structure', language))}</h4>"),
        _tree(framework, language),
    )


def competency_table(session: FrameworkSession) -> str:
    """The session's competency table with translated headings and mode names."""
    language = session.language
    frame = session.competency_table()
    rows = [
        [*row[:-1], ", ".join(_mode(mode, language) for mode in row[-1].split(", ") if mode)]
        for row in frame.head(TABLE_LIMIT).itertuples(index=False)
    ]
    caption = message(
        "table.caption", language, framework=localize(session.framework.name, language)
    )
    parts: list[object] = [
        table(
            caption,
            [message(f"col.{column}", language) for column in COMPETENCY_COLUMNS],
            rows,
            row_header=COMPETENCY_COLUMNS.index("name"),
        )
    ]
    if len(frame) > TABLE_LIMIT:
        parts.append(
            Markup(
                "<p>"
                + esc(message("table.truncated", language, shown=TABLE_LIMIT, total=len(frame)))
                + "</p>"
            )
        )
    return _block(language, *parts)


def _indicators(framework: CompetencyFramework, node: CompetencyNode, language: str) -> Markup:
    indicators = framework.indicators(node.id)
    scale = framework.scale_for(node.id)
    groups: list[tuple[str, str, list[CompetencyNode]]] = [
        (
            f"{level.value} {localized(level.label, language)}",
            localized(level.descriptor, language) if level.descriptor else "",
            [i for i in indicators if i.level == level.value],
        )
        for level in scale.levels
    ]
    without = [i for i in indicators if i.level is None]
    if without:
        groups.append((esc(message("detail.no_level", language)), Markup(), without))
    items = []
    for title, descriptor, members in groups:
        if not members:
            continue
        names = "".join(f"<li>{localized(i.name, language)}</li>" for i in members)
        note = f"<p><em>{descriptor}</em></p>" if descriptor else ""
        items.append(f"<h5>{title}</h5>{note}<ul>{names}</ul>")
    return Markup("".join(items)) if items else _nothing(language)


def _nothing(language: str) -> Markup:
    return Markup(f"<p>{esc(message('detail.nothing', language))}</p>")


def competency_detail(framework: CompetencyFramework, node_id: str | None, language: str) -> str:
    """Description, indicators per level, coaching questions and activities of a competency."""
    if node_id is None:
        return _block(
            language, Markup(f"<p>{esc(message('detail.none_in_framework', language))}</p>")
        )
    node = framework.node(node_id)
    path = " › ".join(
        str(localized(a.name, language)) for a in reversed(framework.ancestors(node_id))
    )
    questions = "".join(
        f"<li>{localized(q.text, language)} "
        f"<small>({esc(message(f'purpose.{q.purpose}', language))})</small></li>"
        for q in node.coaching_questions
    )
    activities = [
        [
            Markup(
                f"<strong>{localized(a.title, language)}</strong>"
                + (f"<br>{localized(a.description, language)}" if a.description else "")
            ),
            _mode(a.mode, language),
            f"{a.hours:g}",
        ]
        for a in node.activities
    ]
    related = [localized(framework.node(ref).name, language) for ref in node.cross_references]
    heading = message("detail.activities", language)
    return _block(
        language,
        Markup(f"<h3>{localized(node.name, language)}</h3>"),
        Markup(f"<p>{esc(message('detail.path', language))}: {path}</p>") if path else "",
        paragraph(localize(node.description, language), node.description_format)
        if node.description
        else "",
        Markup(f"<h4>{esc(message('detail.indicators', language))}</h4>"),
        _indicators(framework, node, language),
        Markup(f"<h4>{esc(message('detail.questions', language))}</h4>"),
        Markup(f"<ul>{questions}</ul>") if questions else _nothing(language),
        Markup(f"<h4>{esc(heading)}</h4>"),
        table(
            heading,
            [message(f"col.{c}", language) for c in ("activity", "mode", "hours")],
            activities,
        )
        if activities
        else _nothing(language),
        Markup(f"<h4>{esc(message('detail.related', language))}</h4><p>{join(related, ', ')}</p>")
        if related
        else "",
    )


def required_levels(session: FrameworkSession) -> str:
    """Required level per role profile, and which roles do not fit an imported framework."""
    language, framework = session.language, session.framework
    roles = session.fitting_roles()
    parts: list[object] = []
    if roles:
        missing = join(
            [
                Markup('<span aria-hidden="true">–</span>'),
                hidden(message("roles.not_required", language)),
            ]
        )
        rows = []
        for record in session.required_levels().to_dict("records"):
            scale = framework.scale_for(record["competency_id"])
            levels = [record[role.id] for role in roles]
            rows.append(
                [
                    record["cluster"],
                    record["name"],
                    *(
                        missing
                        if pd.isna(level)
                        else Markup(f"{level} {localized(scale.level(int(level)).label, language)}")
                        for level in levels
                    ),
                ]
            )
        headers = [message("col.cluster", language), message("col.name", language)]
        headers += [localize(role.name, language) for role in roles]
        parts.append(table(message("roles.caption", language), headers, rows, row_header=1))
    else:
        parts.append(Markup(f"<p>{esc(message('roles.none', language))}</p>"))
    for role_id, problems in session.role_problems().items():
        role = next(r for r in session.roles if r.id == role_id)
        title = message("roles.mismatch", language, role=localize(role.name, language))
        parts.append(notice(False, title, "\n".join(problems)))
    return _block(language, *parts)
