"""The intervision notebook's own words are complete in every interface language."""

from __future__ import annotations

import string

import pytest

from talent_core.grouping import ManagerRule, Policy
from talent_lab._groups_messages import GROUP_MESSAGES, text
from talent_lab._groups_render import ATTRIBUTES
from talent_lab._groups_session import EXPORT_KINDS
from talent_lab._messages import UI_LANGUAGES


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(GROUP_MESSAGES))
def test_every_message_is_translated_with_the_same_fields(key: str) -> None:
    texts = GROUP_MESSAGES[key]
    assert set(texts) == set(UI_LANGUAGES)
    assert all(texts[language].strip() for language in UI_LANGUAGES)
    assert len({frozenset(fields(texts[language])) for language in UI_LANGUAGES}) == 1


def test_every_choice_has_a_label() -> None:
    keys = {f"policy.{policy.value}" for policy in Policy}
    keys |= {f"manager.{rule.value}" for rule in ManagerRule}
    keys |= {f"attr.{name}" for name in ATTRIBUTES}
    keys |= {f"export.kind.{kind}" for kind in EXPORT_KINDS}
    keys |= {f"goal.{goal}" for goal in ("department", "location", "seniority", "timezone")}
    keys.add("goal.repeat")
    assert keys <= set(GROUP_MESSAGES)


def test_filled_in_and_falling_back_to_english() -> None:
    assert text("page.of", "sv", pages=3) == "av 3"
    assert text("page.of", "de", pages=3) == "of 3"
