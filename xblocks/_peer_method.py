"""The incident method: the five steps of an intervision session, as the block guides them.

One member (the case owner) brings in a recent situation from their own work; the others help
them see it more clearly before anyone gives advice. The host keeps time and keeps each step
to its purpose. Texts are msgids (English), translated when shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .i18n import N_

__all__ = ["INCIDENT_METHOD", "MethodStep", "StepView", "method_steps"]


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


@dataclass(frozen=True, slots=True)
class StepView:
    number: int
    id: str
    title: str
    duration: str
    purpose: str
    host_prompt: str


def method_steps(
    _: Callable[[str], str], ngettext: Callable[[str, str, int], str]
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
        for number, step in enumerate(INCIDENT_METHOD, start=1)
    ]
