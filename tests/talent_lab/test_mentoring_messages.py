"""The mentoring notebook's words and the pair reasons are complete in every language."""

from __future__ import annotations

import pytest

from talent_core.grouping import ManagerRule
from talent_core.i18n import message_ids
from talent_core.mentoring import FitWeights, ReasonCode
from talent_lab._mentoring_session import MENTORING_EXPORTS
from talent_lab._messages import keys as catalog_keys

# Every message and reason being translated with the same fields: tests/talent_core/test_i18n.py.


@pytest.mark.parametrize("code", list(ReasonCode))
def test_every_reason_is_in_the_catalog(code: ReasonCode) -> None:
    assert f"reason.{code.value}" in message_ids()


def test_every_choice_has_a_label() -> None:
    keys = {f"weight.{name}" for name in FitWeights.model_fields}
    keys |= {f"line.{rule.value}" for rule in ManagerRule}
    keys |= {f"export.kind.{kind}" for kind in MENTORING_EXPORTS}
    assert keys <= catalog_keys("mentoring")
