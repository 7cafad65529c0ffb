"""HTML of the review notebook: the queue table and one claim side by side (escaped)."""

from __future__ import annotations

from talent_core.i18n import translate

from ._html import Markup, esc, table
from ._messages import number
from ._rpl_session import ClaimDetail, RplReviewSession

__all__ = ["claim_html", "queue_html", "text"]

_VRAAK = ("variation", "relevance", "authenticity", "currency", "quantity")
_SIDE = "flex:1 1 24em;min-width:20em"


def text(key: str, language: str, **fields: object) -> str:
    """The review notebook's words (``rpl.<key>`` in the talent catalog)."""
    return translate(f"rpl.{key}", language, **fields)


def queue_html(session: RplReviewSession) -> Markup:
    language = session.language
    entries = session.entries()
    if not entries:
        return Markup(f"<p>{esc(text('queue.empty', language))}</p>")
    headers = [
        text(f"queue.{c}", language)
        for c in ("learner", "competency", "level", "state", "age", "evidence", "claim")
    ]
    rows = [
        (
            e.row.learner_name or e.row.learner,
            session.competency_name(e.claim.competency_id),
            e.claim.level,
            session.state_label(e),
            number(e.age_days, language),
            len(e.claim.evidence),
            e.claim.id[:8],
        )
        for e in entries
    ]
    caption = text("queue.caption", language, shown=len(entries), total=len(session.queue))
    return table(caption, headers, rows)


def _account(detail: ClaimDetail, language: str) -> str:
    account = detail.entry.claim.account
    parts = "".join(
        f"<dt><strong>{esc(text(f'star.{part}', language))}</strong></dt>"
        f'<dd style="white-space:pre-line;margin:0 0 .5em">{esc(getattr(account, part))}</dd>'
        for part in ("situation", "task", "action", "result")
    )
    return f"<h4>{esc(text('detail.account', language))}</h4><dl>{parts}</dl>"


def _evidence(session: RplReviewSession, detail: ClaimDetail, language: str) -> str:
    items = []
    for item in detail.entry.claim.evidence:
        where = ""
        if item.url:
            where = f" · {esc(item.url)}"
        elif item.file is not None:
            size = number(item.file.size / 1024, language, 0)
            stored = session.files.get((detail.entry.claim.id, item.id))
            if stored is None:
                got = text("detail.not_in_zip", language)
            elif stored[2] != item.file.sha256:
                got = text("detail.zip_differs", language)
            else:
                got = text("detail.in_zip", language)
            where = f" · {esc(item.file.original_name)} ({size} KB, {esc(got)})"
        items.append(
            f"<li><strong>{esc(item.id)}: {esc(item.title)}</strong> "
            f"({esc(text(f'kind.{item.kind}', language))}, {esc(item.date.isoformat())}){where}"
            f'<br><span style="white-space:pre-line">{esc(item.description)}</span></li>'
        )
    return f"<h4>{esc(text('detail.evidence', language))}</h4><ul>{''.join(items)}</ul>"


def _matrix(detail: ClaimDetail, language: str) -> str:
    evidence = [item.id for item in detail.entry.claim.evidence]
    yes, no = text("matrix.linked", language), text("matrix.not_linked", language)
    rows = [
        (f"{ident}: {name}", *((yes if e in detail.matrix[ident] else no) for e in evidence))
        for ident, name in detail.indicators
    ]
    caption = text("matrix.caption", language, level=detail.entry.claim.level)
    return table(caption, [text("matrix.indicator", language), *evidence], rows)


def _vraak(detail: ClaimDetail, language: str) -> str:
    headers = [text("vraak.evidence", language), *(text(f"vraak.{c}", language) for c in _VRAAK)]
    rows = [
        (
            ident,
            *(
                text(f"score.{s}", language) if s in ("met", "partly", "not_met") else s
                for s in (scores.get(c, "–") for c in _VRAAK)
            ),
        )
        for ident, scores in detail.vraak.items()
    ]
    return table(text("vraak.caption", language), headers, rows)


def _decisions(detail: ClaimDetail, language: str) -> str:
    status = detail.entry.status
    lines = [
        text(
            "decision.line",
            language,
            assessor=d.assessor,
            outcome=text(f"outcome.{d.outcome.value}", language),
            level=d.awarded_level if d.awarded_level is not None else "–",
        )
        for d in status.decisions
    ]
    html = f"<h4>{esc(text('detail.decisions', language))}</h4>"
    if status.disputed:
        html += f'<p role="alert"><strong>{esc(text("detail.disputed", language))}</strong></p>'
    if not lines:
        lines = [text("detail.no_decision", language)]
    return html + "<ul>" + "".join(f"<li>{esc(line)}</li>" for line in lines) + "</ul>"


def claim_html(session: RplReviewSession, detail: ClaimDetail) -> Markup:
    """The claim side by side: account and evidence left; indicators × evidence, VRAAK and the
    decisions so far right."""
    language = session.language
    row = detail.entry.row
    claim = row.claim
    head = text(
        "detail.heading",
        language,
        learner=row.learner_name or row.learner,
        competency=session.competency_name(claim.competency_id),
        level=claim.level,
        state=session.state_label(detail.entry),
    )
    left = _account(detail, language) + _evidence(session, detail, language)
    right = _matrix(detail, language) + _vraak(detail, language) + _decisions(detail, language)
    sides = "".join(
        f'<section style="{_SIDE}" aria-label="{esc(text(f"detail.{side}", language))}">'
        f"{body}</section>"
        for side, body in (("left", left), ("right", right))
    )
    return Markup(
        f'<h3>{esc(head)}</h3><div style="display:flex;flex-wrap:wrap;gap:1.5em">{sides}</div>'
    )
