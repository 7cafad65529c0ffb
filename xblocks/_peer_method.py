"""The guides the block walks a group through, step by step.

Intervision: the incident method. One member (the case owner) brings in a recent situation
from their own work; the others help them see it more clearly before anyone gives advice. The
host keeps time and keeps each step to its purpose.

Mentoring: a pair has no host, so it gets a conversation guide of its own. The mentee brings
what they want to grow in and owns the next step; the mentor listens, asks and shares
experience. Texts are msgids (English), translated when shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .i18n import N_

__all__ = [
    "INCIDENT_METHOD",
    "MENTORING_CONVERSATION",
    "MethodGuide",
    "MethodStep",
    "StepView",
    "method_guide",
    "method_steps",
]


@dataclass(frozen=True, slots=True)
class MethodStep:
    id: str
    title: str
    minutes: int
    purpose: str
    host_prompt: str


INCIDENT_METHOD: tuple[MethodStep, ...] = (
    MethodStep(
        "case",
        N_("The case is brought in"),
        5,
        N_(
            "The case owner describes a recent situation from their own work in which they got "
            "stuck and ends with one question they want help with. The others only listen."
        ),
        N_("Ask the case owner to put the question in one sentence, and write it down."),
    ),
    MethodStep(
        "questions",
        N_("Clarifying questions"),
        10,
        N_(
            "Members ask open questions about facts, people and feelings to understand the "
            "situation. No advice, no opinions and no questions that hide a suggestion."
        ),
        N_("Stop any question that starts with “Have you tried…”: it belongs in the advice round."),
    ),
    MethodStep(
        "analysis",
        N_("Analysis"),
        10,
        N_(
            "Members say what they notice: patterns, what may be behind the situation, what "
            "the case owner may be overlooking. The case owner listens and takes notes."
        ),
        N_("Invite everyone to speak once before anyone speaks twice."),
    ),
    MethodStep(
        "advice",
        N_("Advice round"),
        10,
        N_(
            "Each member in turn gives one concrete piece of advice, beginning with “If I were "
            "you, I would…”. The case owner writes the advice down without discussing it."
        ),
        N_("Keep the round going; the case owner answers only in the next step."),
    ),
    MethodStep(
        "reflection",
        N_("The case owner's reflection"),
        10,
        N_(
            "The case owner says which advice fits, what they will do next and what they "
            "learned. The group then looks back briefly on how the session went."
        ),
        N_("Help the case owner name one agreed action, and log it below with the key insight."),
    ),
)


MENTORING_CONVERSATION: tuple[MethodStep, ...] = (
    MethodStep(
        "check-in",
        N_("Check in"),
        5,
        N_(
            "The mentee says what happened since the last meeting and what they want from "
            "this conversation."
        ),
        N_("Ask what would make this conversation worthwhile, and agree on one topic."),
    ),
    MethodStep(
        "explore",
        N_("Explore the topic"),
        15,
        N_(
            "The mentee describes a situation linked to what they want to grow in; the mentor "
            "asks open questions and listens."
        ),
        N_("Ask before you tell: let the mentee find their own view first."),
    ),
    MethodStep(
        "experience",
        N_("Share experience"),
        10,
        N_(
            "The mentor shares experience and ways of looking at the situation, as options "
            "rather than instructions."
        ),
        N_("Offer your story as one possibility: “What I did then was…”."),
    ),
    MethodStep(
        "next-step",
        N_("Agree the next step"),
        10,
        N_(
            "The mentee names one concrete action before the next meeting and how they will "
            "know it worked."
        ),
        N_("Help the mentee make the action small and specific, and log it below."),
    ),
    MethodStep(
        "look-back",
        N_("Look back"),
        5,
        N_(
            "Both say briefly what helped in this conversation and what to change next time, "
            "and set the date of the next meeting."
        ),
        N_("Ask the mentee for feedback on your mentoring, too."),
    ),
)


@dataclass(frozen=True, slots=True)
class MethodGuide:
    """A guide as the page shows it: heading, introduction, who the prompts are for, steps."""

    heading: str
    intro: str
    prompt_label: str
    steps: list[StepView]


@dataclass(frozen=True, slots=True)
class StepView:
    number: int
    id: str
    title: str
    duration: str
    purpose: str
    host_prompt: str


def method_guide(
    kind: str, _: Callable[[str], str], ngettext: Callable[[str, str, int], str]
) -> MethodGuide:
    """The guide for a group of this kind (``mentoring`` or intervision), translated."""
    if kind == "mentoring":
        return MethodGuide(
            _("How a mentoring conversation runs"),
            _(
                "The mentee brings what they want to grow in and owns the next step; the "
                "mentor listens, asks and shares experience."
            ),
            _("For the mentor:"),
            method_steps(_, ngettext, MENTORING_CONVERSATION),
        )
    return MethodGuide(
        _("How a session runs: the incident method"),
        _(
            "One member brings in a case from their own work; the group helps them see it "
            "more clearly before anyone gives advice. The host keeps time and keeps each step "
            "to its purpose."
        ),
        _("For the host:"),
        method_steps(_, ngettext),
    )


def method_steps(
    _: Callable[[str], str],
    ngettext: Callable[[str, str, int], str],
    method: tuple[MethodStep, ...] = INCIDENT_METHOD,
) -> list[StepView]:
    """The steps in the language of the translations ``_`` and ``ngettext``."""
    return [
        StepView(
            number,
            step.id,
            _(step.title),
            ngettext("{minutes} minute", "{minutes} minutes", step.minutes).format(
                minutes=step.minutes
            ),
            _(step.purpose),
            _(step.host_prompt),
        )
        for number, step in enumerate(method, start=1)
    ]
