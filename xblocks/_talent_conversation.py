"""The talent conversation in the development plan: the manager's form, the learner's reading.

Pure view records from the core's :class:`talent_core.managers.TalentView` (in the manager's
own state) and :class:`~talent_core.managers.TalentResponse` (in the learner's own state). The
manager reads "Ready now"; the learner reads the same view worded for a development
conversation ("could grow into it within one to two years"), never as a verdict.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import talent_core as tc
from talent_core import managers as mg

from ._plan_view import Choice
from .competency_view import long_date
from .i18n import N_

__all__ = [
    "LEARNER_READINESS",
    "MANAGER_READINESS",
    "LearnerTalentView",
    "RoleLine",
    "TalentForm",
    "learner_talent_view",
    "talent_form",
]

Translate = Callable[[str], str]

#: How the manager's form names each readiness (msgids).
MANAGER_READINESS: dict[mg.Readiness, str] = {
    mg.Readiness.READY_NOW: N_("Ready now"),
    mg.Readiness.ONE_TO_TWO_YEARS: N_("Within 1–2 years"),
    mg.Readiness.LATER: N_("Later"),
    mg.Readiness.NOT_A_FIT_NOW: N_("Not a fit now"),
}

#: How the learner reads it: a development conversation, not a verdict (msgids; ``{role}``).
LEARNER_READINESS: dict[mg.Readiness, str] = {
    mg.Readiness.READY_NOW: N_("{role}: you could take this on now."),
    mg.Readiness.ONE_TO_TWO_YEARS: N_("{role}: you could grow into this within one to two years."),
    mg.Readiness.LATER: N_("{role}: a direction to keep in mind for later."),
    mg.Readiness.NOT_A_FIT_NOW: N_("{role}: not the next step for you now."),
}


@dataclass(frozen=True, slots=True)
class RoleLine:
    role_id: str
    name: str
    choices: tuple[Choice, ...]


@dataclass(frozen=True, slots=True)
class TalentForm:
    """The manager's talent view form for one report, filled with what they recorded."""

    strengths: tuple[Choice, ...]
    roles: tuple[RoleLine, ...]
    next_step: str
    conversation_date: str
    recorded: str
    response: str


def _role_name(roles: Sequence[tc.RoleProfile], role_id: str, language: str) -> str:
    role = next((r for r in roles if r.id == role_id), None)
    return tc.localize(role.name, language) if role is not None else role_id


def _competency_name(framework: tc.CompetencyFramework, competency_id: str, language: str) -> str:
    if framework.has_node(competency_id):
        return tc.localize(framework.node(competency_id).name, language)
    return competency_id


def talent_form(
    view: mg.TalentView | None,
    response: mg.TalentResponse | None,
    framework: tc.CompetencyFramework,
    roles: Sequence[tc.RoleProfile],
    language: str,
    gettext: Translate,
) -> TalentForm:
    chosen = set(view.strengths) if view is not None else set()
    strengths = tuple(
        Choice(c.id, tc.localize(c.name, language), c.id in chosen)
        for c in framework.competencies()
    )
    lines = []
    for role in roles:
        given = view.readiness_for(role.id) if view is not None else None
        choices = (
            Choice("", gettext("Not discussed"), given is None),
            *(
                Choice(r.value, gettext(MANAGER_READINESS[r]), r == given)
                for r in mg.READINESS_ORDER
            ),
        )
        name = tc.localize(role.name, language)
        lines.append(RoleLine(role.id, gettext("Readiness for {role}").format(role=name), choices))
    recorded = ""
    answer = ""
    if view is not None:
        recorded = gettext("You recorded this view after the conversation on {date}.").format(
            date=long_date(view.conversation_date, language)
        )
    if view is not None and response is not None:
        answer = gettext("Their response on {date}: {text}").format(
            date=long_date(response.responded_on, language), text=response.text
        )
    return TalentForm(
        strengths,
        tuple(lines),
        view.next_step if view is not None else "",
        view.conversation_date.isoformat() if view is not None else "",
        recorded,
        answer,
    )


@dataclass(frozen=True, slots=True)
class LearnerTalentView:
    """What the learner reads of their manager's talent view."""

    intro: str
    strengths: tuple[str, ...]
    readiness: tuple[str, ...]
    next_step: str
    response: str
    response_date: str
    #: The response answers an earlier conversation than the view shown now.
    response_is_older: bool


def learner_talent_view(
    view: mg.TalentView,
    manager_name: str,
    response: mg.TalentResponse | None,
    framework: tc.CompetencyFramework,
    roles: Sequence[tc.RoleProfile],
    language: str,
    gettext: Translate,
) -> LearnerTalentView:
    intro = gettext(
        "From your development conversation with {manager} on {date}: what {manager} sees in "
        "you, to talk about and build on together."
    ).format(manager=manager_name, date=long_date(view.conversation_date, language))
    return LearnerTalentView(
        intro,
        tuple(_competency_name(framework, c, language) for c in view.strengths),
        tuple(
            gettext(LEARNER_READINESS[r.readiness]).format(
                role=_role_name(roles, r.role_id, language)
            )
            for r in view.readiness
        ),
        view.next_step,
        response.text if response is not None else "",
        long_date(response.responded_on, language) if response is not None else "",
        response is not None and response.conversation_date != view.conversation_date,
    )
