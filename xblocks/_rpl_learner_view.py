"""What the learner's portfolio page shows, as plain records the templates render.

Pure functions of the framework, the learner's claims and what reviewers decided: the
standards to claim against, each claim with its account, evidence (linked to the claimed
level's behaviour indicators), history, guide comments and decisions with their reasons per
indicator. Words come translated through the block's ``gettext``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import talent_core as tc
from talent_core import rpl
from talent_core.i18n import format_number

from .competency_view import level_text, long_date
from .i18n import N_

__all__ = [
    "OUTCOME_LABELS",
    "STATE_LABELS",
    "ClaimView",
    "CompetencyOption",
    "DecisionView",
    "EvidenceView",
    "IndicatorOption",
    "LearnerReviews",
    "StandardOption",
    "allowed_competency_ids",
    "claim_status",
    "claim_view",
    "standard_options",
]

Gettext = Callable[[str], str]

#: How each state reads to the learner (msgids).
STATE_LABELS: dict[str, str] = {
    "draft": N_("Draft"),
    "submitted": N_("Submitted"),
    "in_review": N_("In review"),
    "decided": N_("Decided"),
}
#: How each outcome reads to the learner (msgids).
OUTCOME_LABELS: dict[str, str] = {
    "recognised": N_("Recognised"),
    "partly_recognised": N_("Partly recognised"),
    "not_recognised": N_("Not recognised"),
    "more_evidence_needed": N_("More evidence needed"),
}
KIND_LABELS: dict[str, str] = {
    "file": N_("File"),
    "link": N_("Link"),
    "text": N_("Text"),
}
#: The value of the standard picker for "the competencies the course allows" (no role).
NO_ROLE = ""


@dataclass(frozen=True, slots=True)
class LearnerReviews:
    """What the roster's reviewers wrote about one learner, and staff's imported decisions."""

    reviews: list[rpl.ClaimReview]
    comments: list[rpl.GuideComment]
    imported: list[rpl.ClaimDecision]


def claim_status(claim: rpl.PriorLearningClaim, found: LearnerReviews) -> rpl.LearnerClaimStatus:
    """The learner's view of ``claim`` (``talent_core.rpl.claim_status_for_learner``): the
    latest decision per assessor since it was last submitted, imported ones included; two
    assessors who disagree make it disputed, and neither decision silently wins."""
    return rpl.claim_status_for_learner(claim, found.reviews, found.imported)


@dataclass(frozen=True, slots=True)
class CompetencyOption:
    id: str
    name: str
    #: The level the role asks for (0 when claimed without a role).
    required: int
    #: The name, with the level the role asks for.
    label: str


@dataclass(frozen=True, slots=True)
class StandardOption:
    """A role profile (or the course's allowed competencies) with what may be claimed."""

    id: str
    name: str
    competencies: tuple[CompetencyOption, ...]


@dataclass(frozen=True, slots=True)
class IndicatorOption:
    id: str
    text: str
    checked: bool


@dataclass(frozen=True, slots=True)
class EvidenceView:
    id: str
    kind: str
    kind_label: str
    title: str
    description: str
    date_iso: str
    date_text: str
    url: str
    file_name: str
    file_size: str
    file_url: str
    indicators: tuple[IndicatorOption, ...]
    indicator_texts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ReasonView:
    indicator: str
    reason: str


@dataclass(frozen=True, slots=True)
class DecisionView:
    outcome: str
    outcome_label: str
    assessor: str
    date_text: str
    awarded_level: str
    reasons: tuple[ReasonView, ...]
    feedback: str
    imported: bool


@dataclass(frozen=True, slots=True)
class HistoryView:
    state_label: str
    by: str
    at_iso: str
    at_text: str
    note: str


@dataclass(frozen=True, slots=True)
class CommentView:
    by: str
    at_text: str
    text: str


@dataclass(frozen=True, slots=True)
class ClaimView:
    id: str
    uid: str
    competency_name: str
    level_text: str
    standard_name: str
    state: str
    state_label: str
    editable: bool
    #: A draft never submitted may be deleted; one that was assessed stays.
    deletable: bool
    #: The assessor's feedback when the claim was reopened for more evidence.
    reopen_note: str
    updated: str
    account: rpl.StarAccount
    referee: rpl.Referee | None
    evidence: tuple[EvidenceView, ...]
    indicators: tuple[IndicatorOption, ...]
    history: tuple[HistoryView, ...]
    comments: tuple[CommentView, ...]
    decisions: tuple[DecisionView, ...]
    #: Two assessors decided differently: shown, and neither silently wins.
    disputed: bool
    #: The latest decision asks for more evidence: the learner may reopen the claim.
    may_reopen: bool
    reopen_feedback: str
    recognised: bool
    credential_urls: Mapping[str, str]


def allowed_competency_ids(framework: tc.CompetencyFramework, allowed: Sequence[str]) -> list[str]:
    """The competencies the author allows: ticked clusters expanded, in framework order;
    every competency when nothing is ticked."""
    if not allowed:
        return [node.id for node in framework.competencies()]
    chosen: dict[str, None] = {}
    for node_id in allowed:
        if not framework.has_node(node_id):
            continue
        node = framework.node(node_id)
        if node.type is tc.NodeType.COMPETENCY:
            chosen[node.id] = None
        elif node.type is tc.NodeType.CLUSTER:
            chosen.update(dict.fromkeys(c.id for c in framework.competencies(node.id)))
    order = {node.id: i for i, node in enumerate(framework.competencies())}
    return sorted(chosen, key=lambda c: order.get(c, 0))


def standard_options(
    framework: tc.CompetencyFramework,
    roles: Iterable[tc.RoleProfile],
    allowed_competencies: Sequence[str],
    offer_competencies: bool,
    language: str,
    gettext: Gettext,
) -> list[StandardOption]:
    """The roles learners claim against, then (when offered) the course's competencies."""
    options: list[StandardOption] = []
    for role in roles:
        asks = gettext("{name} (the role asks {level})")
        competencies = tuple(
            CompetencyOption(
                req.competency_id,
                tc.localize(framework.node(req.competency_id).name, language),
                req.level,
                asks.format(
                    name=tc.localize(framework.node(req.competency_id).name, language),
                    level=level_text(framework, req.competency_id, req.level, language),
                ),
            )
            for req in role.requirements
            if framework.has_node(req.competency_id)
        )
        options.append(StandardOption(role.id, tc.localize(role.name, language), competencies))
    if offer_competencies:
        competencies = tuple(
            CompetencyOption(
                cid,
                tc.localize(framework.node(cid).name, language),
                0,
                tc.localize(framework.node(cid).name, language),
            )
            for cid in allowed_competency_ids(framework, allowed_competencies)
        )
        options.append(
            StandardOption(NO_ROLE, gettext("Competencies this course allows"), competencies)
        )
    return options


def _when(at: dt.datetime, language: str) -> str:
    return f"{long_date(at.date(), language)} {at.strftime('%H:%M')} UTC"


def _size(size: int, language: str) -> str:
    if size >= 1024 * 1024:
        return f"{format_number(size / (1024 * 1024), language, 1)} MB"
    return f"{format_number(max(1, round(size / 1024)), language)} KB"


def _indicator_text(framework: tc.CompetencyFramework, indicator_id: str, language: str) -> str:
    if framework.has_node(indicator_id):
        return tc.localize(framework.node(indicator_id).name, language)
    return indicator_id


def decision_view(
    decision: rpl.ClaimDecision,
    claim: rpl.PriorLearningClaim,
    framework: tc.CompetencyFramework,
    language: str,
    gettext: Gettext,
) -> DecisionView:
    awarded = (
        level_text(framework, claim.competency_id, decision.awarded_level, language)
        if decision.awarded_level is not None and framework.has_node(claim.competency_id)
        else ""
    )
    return DecisionView(
        outcome=decision.outcome.value,
        outcome_label=gettext(OUTCOME_LABELS[decision.outcome.value]),
        assessor=decision.assessor,
        date_text=_when(decision.decided_at, language),
        awarded_level=awarded,
        reasons=tuple(
            ReasonView(_indicator_text(framework, indicator, language), reason)
            for indicator, reason in decision.reasons.items()
        ),
        feedback=decision.feedback,
        imported=decision.source == "import",
    )


def claim_view(
    claim: rpl.PriorLearningClaim,
    *,
    uid: str,
    framework: tc.CompetencyFramework,
    role_names: Mapping[str, str],
    decisions: Sequence[rpl.ClaimDecision],
    disputed: bool,
    comments: Sequence[rpl.GuideComment],
    file_url: Callable[[str], str],
    credential_urls: Mapping[str, str],
    language: str,
    gettext: Gettext,
) -> ClaimView:
    """One claim as the learner sees it; ``decisions`` are the latest per assessor."""
    known = framework.has_node(claim.competency_id)
    indicators = framework.indicators(claim.competency_id, claim.level) if known else []
    texts = {node.id: tc.localize(node.name, language) for node in indicators}
    evidence = tuple(
        EvidenceView(
            id=item.id,
            kind=item.kind,
            kind_label=gettext(KIND_LABELS[item.kind]),
            title=item.title,
            description=item.description,
            date_iso=item.date.isoformat(),
            date_text=long_date(item.date, language),
            url=item.url or "",
            file_name=item.file.original_name if item.file else "",
            file_size=_size(item.file.size, language) if item.file else "",
            file_url=file_url(item.id) if item.file else "",
            indicators=tuple(
                IndicatorOption(node.id, texts[node.id], node.id in item.indicator_ids)
                for node in indicators
            ),
            indicator_texts=tuple(texts.get(i, i) for i in item.indicator_ids),
        )
        for item in claim.evidence
    )
    latest = max(decisions, key=lambda d: d.decided_at, default=None)
    reopenable = (
        claim.state is rpl.ClaimState.DECIDED
        and latest is not None
        and latest.outcome is rpl.DecisionOutcome.MORE_EVIDENCE_NEEDED
        and not disputed
    )
    recognised = any(d.outcome.awards_level for d in decisions) and not disputed
    return ClaimView(
        id=claim.id,
        uid=f"{uid}-c{claim.id[:12]}",
        competency_name=(
            tc.localize(framework.node(claim.competency_id).name, language)
            if known
            else claim.competency_id
        ),
        level_text=(
            level_text(framework, claim.competency_id, claim.level, language)
            if known
            else str(claim.level)
        ),
        standard_name=role_names.get(claim.standard or "", "") if claim.standard else "",
        state=claim.state.value,
        state_label=gettext(STATE_LABELS[claim.state.value]),
        editable=claim.state is rpl.ClaimState.DRAFT,
        deletable=claim.state is rpl.ClaimState.DRAFT and claim.submitted_at is None,
        reopen_note=(
            claim.history[-1].note
            if claim.state is rpl.ClaimState.DRAFT and claim.history and claim.history[-1].note
            else ""
        ),
        updated=claim.updated.isoformat(),
        account=claim.account,
        referee=claim.referee,
        evidence=evidence,
        indicators=tuple(IndicatorOption(node.id, texts[node.id], False) for node in indicators),
        history=tuple(
            HistoryView(
                gettext(STATE_LABELS[change.state.value]),
                change.by,
                change.at.isoformat(),
                _when(change.at, language),
                change.note,
            )
            for change in reversed(claim.history)
        ),
        comments=tuple(CommentView(c.by, _when(c.at, language), c.text) for c in comments),
        decisions=tuple(
            decision_view(d, claim, framework, language, gettext)
            for d in sorted(decisions, key=lambda d: d.decided_at, reverse=True)
        ),
        disputed=disputed,
        may_reopen=reopenable,
        reopen_feedback=latest.feedback if reopenable and latest is not None else "",
        recognised=recognised,
        credential_urls=credential_urls if recognised else {},
    )
