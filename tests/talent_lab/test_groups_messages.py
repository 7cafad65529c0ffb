"""The intervision notebook's own words are complete in every interface language."""

from __future__ import annotations

from talent_core.grouping import ManagerRule, Policy
from talent_lab._groups_messages import text
from talent_lab._groups_render import ATTRIBUTES
from talent_lab._groups_session import EXPORT_KINDS
from talent_lab._messages import keys as catalog_keys

# Every message being translated with the same fields: tests/talent_core/test_i18n.py.


def test_every_choice_has_a_label() -> None:
    keys = {f"policy.{policy.value}" for policy in Policy}
    keys |= {f"manager.{rule.value}" for rule in ManagerRule}
    keys |= {f"attr.{name}" for name in ATTRIBUTES}
    keys |= {f"export.kind.{kind}" for kind in EXPORT_KINDS}
    keys |= {f"goal.{goal}" for goal in ("department", "location", "seniority", "timezone")}
    keys.add("goal.repeat")
    assert keys <= catalog_keys("groups")


def test_filled_in_and_falling_back_to_english() -> None:
    assert text("page.of", "sv", pages=3) == "av 3"
    assert text("page.of", "de", pages=3) == "of 3"
