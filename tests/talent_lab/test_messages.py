"""The widgets' own text is complete in every interface language."""

from __future__ import annotations

import pytest

from talent_core import LearningMode
from talent_core.formats import FORMATS, IMPORT_FORMATS
from talent_lab._messages import LANGUAGE_NAMES, UI_LANGUAGES, keys, message, number

# Every message being translated with the same fields: tests/talent_core/test_i18n.py.


def test_every_mode_and_format_has_a_label() -> None:
    wanted = {f"mode.{mode.value}" for mode in LearningMode}
    wanted |= {f"format.{fmt}" for fmt in (*FORMATS, *IMPORT_FORMATS, "auto")}
    assert wanted <= keys()
    assert set(UI_LANGUAGES) <= set(LANGUAGE_NAMES)


def test_other_languages_fall_back_to_english() -> None:
    assert message("language", "sv-FI") == "Språk"
    assert message("language", "de") == "Language"
    assert message("export.download", "nl", file="a.csv") == "Download a.csv"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "100,000 / 81.5"), ("sv", "100\u00a0000 / 81,5"), ("nl", "100.000 / 81,5")],
)
def test_numbers_are_written_as_each_language_writes_them(language: str, expected: str) -> None:
    assert f"{number(100_000, language)} / {number(81.46, language, 1)}" == expected
