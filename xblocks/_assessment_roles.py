"""Where the learner fits and what they can build on, below their self-assessment result.

Pure view records from the core's :func:`talent_core.rank_roles` and
:func:`talent_core.strengths`: the roles on offer the learner fits best (what each would take,
its open gaps largest importance-weighted first), every role's profile to explore, and the
strengths for the target role with ways to use and share them (offering to mentor in one).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass

import talent_core as tc

from .competency_view import level_text

__all__ = ["FitGap", "RoleCard", "RolesView", "StrengthView", "roles_view"]

Translate = Callable[[str], str]

#: Open gaps named per role among the top fits.
GAPS_PER_ROLE = 3


@dataclass(frozen=True, slots=True)
class FitGap:
    text: str


@dataclass(frozen=True, slots=True)
class RoleCard:
    """One role: its fit (top fits only), what it would take, and its profile."""

    role_id: str
    name: str
    description: str
    fit_text: str
    gaps: tuple[FitGap, ...]
    more_gaps: str
    profile: tuple[str, ...]
    is_target: bool
    use_label: str


@dataclass(frozen=True, slots=True)
class StrengthView:
    competency_id: str
    name: str
    levels: str
    offered: bool
    offer_label: str
    withdraw_label: str


@dataclass(frozen=True, slots=True)
class RolesView:
    top: tuple[RoleCard, ...]
    every: tuple[RoleCard, ...]
    strengths: tuple[StrengthView, ...]
    strengths_intro: str


def _name(framework: tc.CompetencyFramework, competency_id: str, language: str) -> str:
    return tc.localize(framework.node(competency_id).name, language)


def _card(
    role: tc.RoleProfile,
    fit: tc.RoleFit | None,
    setup: tc.AssessmentSetup,
    target: str,
    language: str,
    gettext: Translate,
) -> RoleCard:
    framework = setup.framework
    name = tc.localize(role.name, language)

    def level(competency_id: str, value: int) -> str:
        return level_text(framework, competency_id, value, language)

    gaps: tuple[FitGap, ...] = ()
    fit_text = more = ""
    if fit is not None:
        fit_text = gettext("Fit {percent}%").format(percent=tc.whole_percent(fit.fit))
        gaps = tuple(
            FitGap(
                gettext(
                    "{competency}: from {own} to {required} (importance {importance} of 5)"
                ).format(
                    competency=_name(framework, g.competency_id, language),
                    own=level(g.competency_id, g.current) if g.current is not None else "–",
                    required=level(g.competency_id, g.required),
                    importance=g.importance,
                )
            )
            for g in fit.open_gaps[:GAPS_PER_ROLE]
        )
        if not fit.open_gaps:
            more = gettext("You meet every requirement you rated.")
        elif len(fit.open_gaps) > GAPS_PER_ROLE:
            more = gettext("and {count} more").format(count=len(fit.open_gaps) - GAPS_PER_ROLE)
    profile = tuple(
        gettext("{competency}: {required} (importance {importance} of 5)").format(
            competency=_name(framework, r.competency_id, language),
            required=level(r.competency_id, r.level),
            importance=r.importance,
        )
        for r in role.requirements
        if framework.has_node(r.competency_id)
    )
    return RoleCard(
        role.id,
        name,
        tc.localize(role.description, language),
        fit_text,
        gaps,
        more,
        profile,
        role.id == target,
        gettext("Use {role} as my target").format(role=name),
    )


def roles_view(
    setup: tc.AssessmentSetup,
    attempt: tc.AssessmentAttempt,
    offered: Collection[str],
    language: str,
    gettext: Translate,
) -> RolesView:
    """The top fits among the roles on offer, every role's profile, and the strengths for the
    target role (``attempt.role_id``) with ``offered`` the competencies the learner offered
    to mentor in."""
    framework = setup.framework
    levels = tc.on_scale(framework, attempt.levels)
    # The fit on the requirements the learner rated here, as the gaps above it (latest_gaps).
    ranked = tc.rank_roles(framework, setup.roles, levels, limit=None, rated_only=True)
    fits = {fit.role_id: fit for fit in ranked}
    by_id = {role.id: role for role in setup.roles}
    target = attempt.role_id
    top = tuple(
        _card(by_id[fit.role_id], fit, setup, target, language, gettext)
        for fit in ranked[: tc.TOP_ROLES]
    )
    every = tuple(
        _card(role, fits.get(role.id), setup, target, language, gettext) for role in setup.roles
    )
    role = setup.role(target)
    found = tc.strengths(framework, role, levels) if role is not None else []
    strengths = []
    for strength in found:
        name = _name(framework, strength.competency_id, language)
        strengths.append(
            StrengthView(
                strength.competency_id,
                name,
                gettext("Your level {own}; the role asks {required}").format(
                    own=level_text(framework, strength.competency_id, strength.current, language),
                    required=level_text(
                        framework, strength.competency_id, strength.required, language
                    ),
                ),
                strength.competency_id in offered,
                gettext("Offer to mentor in {competency}").format(competency=name),
                gettext("Withdraw your offer to mentor in {competency}").format(competency=name),
            )
        )
    intro = (
        gettext("Where you already meet or exceed what {role} asks:").format(
            role=tc.localize(role.name, language)
        )
        if role is not None
        else ""
    )
    return RolesView(top, every, tuple(strengths), intro)
