"""The mentoring notebook's words and the pair reasons are complete in every language."""

from __future__ import annotations

import string

import pytest

from talent_core.grouping import ManagerRule
from talent_core.mentoring import FitWeights, ReasonCode
from talent_core.mentoring._reasons import ENGLISH
from talent_lab._mentoring_messages import MENTORING_MESSAGES, REASONS
from talent_lab._mentoring_session import MENTORING_EXPORTS
from talent_lab._messages import UI_LANGUAGES


def fields(template: str | tuple[str, str]) -> set[str]:
    texts = template if isinstance(template, tuple) else (template,)
    return {name for t in texts for _, name, _, _ in string.Formatter().parse(t) if name}


@pytest.mark.parametrize("key", sorted(MENTORING_MESSAGES))
def test_every_message_is_translated_with_the_same_fields(key: str) -> None:
    texts = MENTORING_MESSAGES[key]
    assert set(texts) == set(UI_LANGUAGES)
    assert all(texts[language].strip() for language in UI_LANGUAGES)
    assert len({frozenset(fields(texts[language])) for language in UI_LANGUAGES}) == 1


@pytest.mark.parametrize("code", list(ReasonCode))
def test_every_reason_reads_in_swedish_and_dutch_like_the_core(code: ReasonCode) -> None:
    """Same fields as the core's English sentence; plural forms where the core has them."""
    english = ENGLISH[code]
    for language in ("sv", "nl"):
        template = REASONS[code][language]
        assert isinstance(template, tuple) == isinstance(english, tuple)
        assert fields(template) == fields(english)


def test_every_choice_has_a_label() -> None:
    keys = {f"weight.{name}" for name in FitWeights.model_fields}
    keys |= {f"line.{rule.value}" for rule in ManagerRule}
    keys |= {f"export.kind.{kind}" for kind in MENTORING_EXPORTS}
    assert keys <= set(MENTORING_MESSAGES)
