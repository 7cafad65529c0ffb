"""What the reviewer pages show, as plain records for the templates (no block, no I/O).

The queue (:class:`QueueRow`, :func:`filter_queue`), one claim as an assessor assesses it
(:func:`assessor_claim`: the account, the evidence with its VRAAK form and the policy's
defaults, the matrix of the claimed level's behaviour indicators against the evidence linked
to each, the second instrument, the decision form) and as a guide reads it (:func:`guide_claim`).
Every text is escaped by the templates; links are the claim's own http(s) links.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import talent_core as tc
from talent_core import rpl

from .competency_view import level_text, long_date

__all__ = [
    "ClaimContext",
    "QueueRow",
    "assessor_claim",
    "filter_queue",
    "guide_claim",
    "outcome_labels",
    "queue_row",
    "state_labels",
]

Translate = Callable[[str], str]

VRAAK = ("variation", "relevance", "authenticity", "currency", "quantity")


def state_labels(_: Translate) -> dict[str, str]:
    return {
        "draft": _("Draft"),
        "submitted": _("Submitted"),
        "in_review": _("In review"),
        "decided": _("Decided"),
    }


def outcome_labels(_: Translate) -> dict[str, str]:
    return {
        "recognised": _("Recognised"),
        "partly_recognised": _("Partly recognised"),
        "not_recognised": _("Not recognised"),
        "more_evidence_needed": _("More evidence needed"),
    }


def vraak_labels(_: Translate) -> dict[str, str]:
    return {
        "variation": _("Variation"),
        "relevance": _("Relevance"),
        "authenticity": _("Authenticity"),
        "currency": _("Currency"),
        "quantity": _("Quantity"),
    }


def vraak_level_labels(_: Translate) -> dict[str, str]:
    return {"met": _("Met"), "partly": _("Partly met"), "not_met": _("Not met")}


def instrument_labels(_: Translate) -> dict[str, str]:
    return {
        "criterion_interview": _("Criterion-based interview"),
        "workplace_observation": _("Workplace observation"),
        "practical_assessment": _("Practical assessment"),
    }


def kind_labels(_: Translate) -> dict[str, str]:
    return {"file": _("File"), "link": _("Link"), "text": _("Text")}


@dataclass(frozen=True)
class QueueRow:
    """One claim in a reviewer's queue."""

    learner: str
    claim_id: str
    competency_id: str
    competency: str
    level: str
    state: str
    state_label: str
    since: str
    age_days: int
    assessors: tuple[str, ...]
    disagreement: bool
    outcomes: str


@dataclass(frozen=True)
class ClaimContext:
    """Everything one claim page is built from."""

    learner: str
    claim: rpl.PriorLearningClaim
    status: rpl.LearnerClaimStatus
    framework: tc.CompetencyFramework
    language: str
    today: dt.date
    file_url: Callable[[str], str]
    dom_id: str
    review: rpl.ClaimReview | None = None
    policy: rpl.RplPolicy = field(default_factory=rpl.RplPolicy)
    comments: Sequence[rpl.GuideComment] = ()


def _competency_name(framework: tc.CompetencyFramework, competency_id: str, language: str) -> str:
    if framework.has_node(competency_id):
        return tc.localize(framework.node(competency_id).name, language)
    return competency_id


def _level(framework: tc.CompetencyFramework, competency_id: str, value: int, language: str) -> str:
    if framework.has_node(competency_id):
        return level_text(framework, competency_id, value, language)
    return str(value)


def _decisions(status: rpl.LearnerClaimStatus) -> list[rpl.ClaimDecision]:
    return list(status.decisions)


def queue_row(
    learner: str,
    claim: rpl.PriorLearningClaim,
    status: rpl.LearnerClaimStatus,
    assessors: Iterable[str],
    framework: tc.CompetencyFramework,
    language: str,
    today: dt.date,
    _: Translate,
) -> QueueRow:
    since = claim.submitted_at or claim.created
    state = str(status.state)
    outcomes = outcome_labels(_)
    return QueueRow(
        learner=learner,
        claim_id=claim.id,
        competency_id=claim.competency_id,
        competency=_competency_name(framework, claim.competency_id, language),
        level=_level(framework, claim.competency_id, claim.level, language),
        state=state,
        state_label=state_labels(_).get(state, state),
        since=long_date(since.date(), language),
        age_days=max(0, (today - since.date()).days),
        assessors=tuple(assessors),
        disagreement=status.disputed,
        outcomes=", ".join(outcomes[str(d.outcome)] for d in _decisions(status)),
    )


def filter_queue(
    rows: Iterable[QueueRow],
    competency_id: str | None,
    status: str,
    older_than_days: int | None,
) -> list[QueueRow]:
    """The rows that pass every filter given (oldest first: who waits longest comes first)."""
    shown = [
        row
        for row in rows
        if (not competency_id or row.competency_id == competency_id)
        and (not status or (row.disagreement if status == "disagreement" else row.state == status))
        and (older_than_days is None or row.age_days >= older_than_days)
    ]
    return sorted(shown, key=lambda row: (-row.age_days, row.learner, row.claim_id))


def _account(claim: rpl.PriorLearningClaim, _: Translate) -> list[tuple[str, str]]:
    account = claim.account
    return [
        (_("Situation"), account.situation),
        (_("Task"), account.task),
        (_("Action"), account.action),
        (_("Result"), account.result),
    ]


def _evidence(ctx: ClaimContext, _: Translate, with_scores: bool) -> list[dict[str, Any]]:
    indicator_names = (
        {
            node.id: tc.localize(node.name, ctx.language)
            for node in ctx.framework.indicators(ctx.claim.competency_id)
        }
        if ctx.framework.has_node(ctx.claim.competency_id)
        else {}
    )
    found = []
    for index, item in enumerate(ctx.claim.evidence):
        score = ctx.review.score_of(item.id) if (with_scores and ctx.review) else None
        defaults: dict[str, str] = dict(rpl.vraak_defaults(ctx.claim, item, ctx.today, ctx.policy))
        values = (
            {name: getattr(score, name) for name in VRAAK}
            if score is not None
            else {name: defaults.get(name, "") for name in VRAAK}
        )
        found.append(
            {
                "id": item.id,
                "dom": f"{ctx.dom_id}-e{index}",
                "kind": kind_labels(_)[item.kind],
                "title": item.title,
                "description": item.description,
                "date": long_date(item.date, ctx.language),
                "url": item.url if item.kind == "link" else None,
                "file_url": ctx.file_url(item.id) if item.file is not None else None,
                "file_name": item.file.original_name if item.file is not None else "",
                "indicators": [indicator_names.get(i, i) for i in item.indicator_ids],
                "criteria": [
                    {"name": name, "label": label, "value": values[name]}
                    for name, label in vraak_labels(_).items()
                ],
                "note": score.note if score is not None else "",
                "scored": score is not None,
                "currency_default": _(
                    "Policy default: {verdict} (evidence older than {years} years is not current)."
                ).format(
                    verdict=vraak_level_labels(_)[defaults["currency"]].lower(),
                    years=ctx.policy.currency_years,
                ),
            }
        )
    return found


def _matrix(ctx: ClaimContext) -> list[dict[str, Any]]:
    """The claimed level's indicators, each with the evidence linked to it (a cell per item)."""
    if not ctx.framework.has_node(ctx.claim.competency_id):
        return []
    rows = []
    decision = ctx.review.decision if ctx.review else None
    for node in ctx.framework.indicators(ctx.claim.competency_id, ctx.claim.level):
        linked = [node.id in item.indicator_ids for item in ctx.claim.evidence]
        rows.append(
            {
                "id": node.id,
                "name": tc.localize(node.name, ctx.language),
                "cells": linked,
                "count": sum(linked),
                "reason": decision.reasons.get(node.id, "") if decision else "",
            }
        )
    return rows


def _decision_view(decision: rpl.ClaimDecision, ctx: ClaimContext, _: Translate) -> dict[str, Any]:
    return {
        "assessor": decision.assessor,
        "outcome": str(decision.outcome),
        "outcome_label": outcome_labels(_)[str(decision.outcome)],
        "level": _level(
            ctx.framework, ctx.claim.competency_id, decision.awarded_level, ctx.language
        )
        if decision.awarded_level is not None
        else "",
        "decided_on": long_date(decision.decided_at.date(), ctx.language),
        "feedback": decision.feedback,
        "source": decision.source,
    }


def _common(ctx: ClaimContext, _: Translate) -> dict[str, Any]:
    claim = ctx.claim
    state = str(ctx.status.state)
    return {
        "uid": ctx.dom_id,
        "learner": ctx.learner,
        "claim_id": claim.id,
        "competency": _competency_name(ctx.framework, claim.competency_id, ctx.language),
        "level": _level(ctx.framework, claim.competency_id, claim.level, ctx.language),
        "state": state,
        "state_label": state_labels(_).get(state, state),
        "submitted_on": long_date(claim.submitted_at.date(), ctx.language)
        if claim.submitted_at
        else "",
        "account": _account(claim, _),
        "disagreement": ctx.status.disputed,
    }


def assessor_claim(ctx: ClaimContext, _: Translate) -> dict[str, Any]:
    """The claim page of an assessor."""
    claim, review = ctx.claim, ctx.review
    decision = review.decision if review else None
    submitted = claim.submitted_at
    locked = decision is not None and (submitted is None or decision.decided_at >= submitted)
    scale = (
        ctx.framework.scale_for(claim.competency_id)
        if ctx.framework.has_node(claim.competency_id)
        else None
    )
    others = [
        _decision_view(d, ctx, _)
        for d in _decisions(ctx.status)
        if decision is None or d.decision_id != decision.decision_id
    ]
    instrument = review.instrument if review else None
    return {
        **_common(ctx, _),
        "referee": claim.referee,
        "evidence": _evidence(ctx, _, with_scores=True),
        "matrix": _matrix(ctx),
        "picked_up": review is not None,
        "locked": locked,
        "instrument": instrument,
        "instrument_kind": instrument_labels(_)[instrument.kind] if instrument else "",
        "instrument_date": long_date(instrument.date, ctx.language) if instrument else "",
        "decision": _decision_view(decision, ctx, _) if decision and locked else None,
        "others": others if locked else [],
        "others_count": len(others),
        "vraak": list(vraak_labels(_).items()),
        "vraak_levels": list(vraak_level_labels(_).items()),
        "instrument_kinds": list(instrument_labels(_).items()),
        "outcomes": list(outcome_labels(_).items()),
        "levels": [
            (level.value, f"{level.value} {tc.localize(level.label, ctx.language)}".strip())
            for level in (scale.levels if scale else [])
        ],
        "claimed_level": claim.level,
        "quantity_default": _(
            "Policy default for quantity: at least {count} pieces of evidence per competency; "
            "this claim has {found}."
        ).format(count=ctx.policy.min_evidence, found=len(claim.evidence)),
        "today": ctx.today.isoformat(),
        "earliest": tc.EARLIEST_DATE.isoformat(),
    }


def guide_claim(ctx: ClaimContext, _: Translate) -> dict[str, Any]:
    """The claim page of a guide: the learner's work and the guides' comments (no scores)."""
    return {
        **_common(ctx, _),
        "evidence": _evidence(ctx, _, with_scores=False),
        "matrix": _matrix(ctx),
        "comments": [
            {
                "by": c.by,
                "at": long_date(c.at.date(), ctx.language),
                "text": c.text,
            }
            for c in ctx.comments
        ],
    }
