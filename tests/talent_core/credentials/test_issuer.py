"""issuer.json: validated, every problem named."""

from __future__ import annotations

import contextlib
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

import talent_core as tc
from talent_core import credentials as cr

from .conftest import ISSUER


def test_a_complete_issuer_reads() -> None:
    issuer = cr.read_issuer(json.dumps({**ISSUER, "key_id": "https://talent.example.org/k1"}))
    assert (issuer.id, issuer.name, issuer.key_id) == (
        ISSUER["id"],
        ISSUER["name"],
        "https://talent.example.org/k1",
    )


def test_every_problem_is_named() -> None:
    bad = {"id": "example.org", "name": "", "url": "http://x y", "email": "nobody", "extra": 1}
    with pytest.raises(tc.ValidationError) as caught:
        cr.read_issuer(json.dumps(bad), "issuer.json")
    fields = sorted(p.field for p in caught.value.problems)
    assert fields == [
        "issuer.json.email",
        "issuer.json.extra",
        "issuer.json.id",
        "issuer.json.name",
        "issuer.json.url",
    ]
    assert "https:// URL" in str(caught.value) and "e-mail address" in str(caught.value)


def test_missing_fields_are_named() -> None:
    with pytest.raises(tc.ValidationError) as caught:
        cr.read_issuer(b"{}", "issuer.json")
    assert sorted(p.field for p in caught.value.problems) == [
        "issuer.json.email",
        "issuer.json.id",
        "issuer.json.name",
        "issuer.json.url",
    ]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"[]", "must be a JSON object"),
        (b"{", "is not JSON"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b" " * 70_000, "larger than"),
        (json.dumps({**ISSUER, "name": "A\x1bB"}).encode(), "control character"),
    ],
)
def test_a_file_that_is_no_issuer_says_why(data: bytes, reason: str) -> None:
    with pytest.raises(tc.FormatError, match=reason):
        cr.read_issuer(data, "issuer.json")


@given(st.binary(max_size=200) | st.text(max_size=200))
def test_any_input_reads_or_is_a_talent_error(data: bytes | str) -> None:
    with contextlib.suppress(tc.TalentError):
        cr.read_issuer(data)
