"""Any bytes into any reader: a clean result or a TalentError naming the problem, nothing else.

The strategy mixes raw bytes with the starts of real files (headers, BOMs, JSON openings),
Mac (bare CR) line endings, NUL and deep nesting, so the fuzzing reaches past the first check.
"""

from __future__ import annotations

import contextlib
import csv
import io
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import talent_core as tc
from talent_core import credentials, formats, grouping, mentoring, rpl
from talent_core.managers import load_charter, load_checklist, read_manager_roster
from tests.shared_files import shared_file

SIGNING_KEY, PUBLIC_KEY = credentials.generate_key_pair()
CREDENTIAL = {
    "id": "urn:uuid:0",
    "type": ["VerifiableCredential", "OpenBadgeCredential"],
    "issuer": {"id": "https://example.org"},
    "validFrom": "2026-01-01T00:00:00Z",
    "credentialSubject": {"id": "urn:uuid:1"},
}
TOKEN = credentials.sign_vc_jwt(CREDENTIAL, SIGNING_KEY)
_RPL_DEMO = rpl.demo_rpl()

READERS: dict[str, Callable[[bytes], Any]] = {
    "framework (detected)": lambda data: formats.read_framework(data, "f"),
    "framework validate": lambda data: formats.validate_framework_file(data, "f"),
    "framework json": lambda data: formats.read_framework(data, "f", "json"),
    "framework moodle-csv": lambda data: formats.read_framework(data, "f", "moodle-csv"),
    "framework case": lambda data: formats.read_framework(data, "f", "case"),
    "roles (detected)": lambda data: formats.read_roles(data, "r", tc.demo_framework()),
    "roles csv": lambda data: formats.read_roles(data, "r.csv", tc.demo_framework(), "csv"),
    "roles json": lambda data: formats.read_roles(data, "r.json", None, "json"),
    "roles validate": lambda data: formats.validate_roles_file(data, "r", tc.demo_framework()),
    "people": lambda data: tc.read_people_csv(data, "people.csv"),
    "earlier rounds": lambda data: tc.read_rounds_csv(data, "rounds.csv"),
    "pairs": lambda data: tc.read_pairs_csv(data, "pairs.csv"),
    "groups": lambda data: grouping.read_groups_csv(data, "groups.csv"),
    "mentees": lambda data: mentoring.read_mentees_csv(data, "mentees.csv"),
    "mentors": lambda data: mentoring.read_mentors_csv(data, "mentors.csv"),
    "mentoring history": lambda data: mentoring.read_history_csv(data, "history.csv"),
    "volunteers": lambda data: mentoring.read_volunteers_csv(data, "volunteers.csv"),
    "roster": lambda data: tc.read_roster(data.decode("utf-8", "replace"), "intervision"),
    "manager roster": read_manager_roster,
    "reviewer roster (RPL)": rpl.read_reviewer_roster,
    "review queue (RPL)": rpl.read_queue_csv,
    "review queue from the Open edX report (RPL)": rpl.read_report_queue,
    "decisions (RPL)": lambda data: rpl.read_decisions_csv(
        data, _RPL_DEMO.queue, _RPL_DEMO.framework, _RPL_DEMO.roster
    ),
    "roles charter (Studio setting)": lambda data: load_charter(data.decode("utf-8", "replace")),
    "manager checklist (Studio setting)": lambda data: load_checklist(
        data.decode("utf-8", "replace")
    ),
    "credential issuer.json": lambda data: credentials.read_issuer(data, "issuer.json"),
    "credential signing key (PEM)": lambda data: credentials.sign_vc_jwt(CREDENTIAL, data),
    "credential public key (PEM)": lambda data: credentials.verify_vc_jwt(TOKEN, data),
    "credential (VC-JWT)": lambda data: credentials.verify_vc_jwt(data, PUBLIC_KEY),
}

STARTS = [
    b"",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"id,name,email,manager_id,department,location,timezone,seniority,language\r",
    b"id,name,department,manager_id,seniority,language,focus,capacity,strengths\n",
    b"Parent id number,Id number,Shortname,Description,Description format,Scale values,"
    b"Scale configuration,Is framework,Taxonomy,Cross referenced competency id numbers\r",
    b"programme,mentor_id,mentee_id\r",
    b"id,round,group,id_a,id_b,volunteer_as\n",
    b"username,group,role,name\r",
    b"username,role,learners\n",
    b'username,record,state\r\nx,claim,"{""portfolio"": {""claims"": [',
    rpl.write_queue_csv(_RPL_DEMO.queue[:1]).encode()[:900],
    rpl.write_decisions_csv(_RPL_DEMO.decisions[:1]).encode()[:500],
    b"role_id,name_en,name_sv,competency_id,level,importance\r\nlead,Lead,",
    b'{"id": "f", "name": {"en": "F"}, "scale": ',
    b'{"CFDocument": {}, "CFItems": [',
    b"[" * 5000,
    b"{}",
    b'{"id": "https://example.org", "name": "N", "url": "https://',
    b"-----BEGIN PRIVATE KEY-----\n",
    b"-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA",
    b"eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9.",
    TOKEN.rsplit(".", 1)[0].encode() + b".",
]

any_file = st.builds(
    lambda start, body, mac: start + (body.replace(b"\n", b"\r") if mac else body),
    st.sampled_from(STARTS),
    st.binary(max_size=300) | st.text(max_size=200).map(str.encode),
    st.booleans(),
)


@pytest.mark.parametrize("name", sorted(READERS))
@settings(max_examples=150)
@given(data=any_file)
def test_every_reader_takes_any_bytes(name: str, data: bytes) -> None:
    with contextlib.suppress(tc.TalentError):
        READERS[name](data)


@pytest.mark.parametrize("name", sorted(n for n in READERS if "framework" in n))
def test_json_nested_10000_deep_is_refused_cleanly(name: str) -> None:
    for data in (b"[" * 10_000 + b"]" * 10_000, b'{"a":' * 10_000 + b"1" + b"}" * 10_000):
        try:
            result = READERS[name](data)
        except tc.FormatError as error:
            if name != "framework moodle-csv":  # read as CSV, the brackets are no JSON
                assert "nested too deeply" in str(error) or "cannot tell the format" in str(error)
        else:
            assert name == "framework validate" and result


def test_deep_json_says_so() -> None:
    with pytest.raises(tc.FormatError, match="f: JSON nested too deeply to read"):
        formats.read_framework(b"[" * 10_000 + b"]" * 10_000, "f", "json")


def test_a_moodle_csv_saved_with_mac_line_endings_reads_like_the_original() -> None:
    data = shared_file("fixtures", "moodle-oecd-competencies.csv").read_bytes()
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    out = io.StringIO()
    # Excel's "CSV (Macintosh)": rows end in CR; cells with a line break inside are quoted
    csv.writer(out, lineterminator="\r", quoting=csv.QUOTE_ALL).writerows(rows)
    mac = out.getvalue().encode("utf-8")
    assert b"\n" not in mac.replace(b"\r\n", b"").split(b"\r")[0]
    assert formats.detect_format(mac, "oecd.csv") == "moodle-csv"
    assert formats.read_framework(mac, "oecd.csv") == formats.read_framework(data, "oecd.csv")


def test_a_people_csv_with_mac_line_endings_reads_like_the_original() -> None:
    text = tc.write_people_csv(tc.generate_organisation(20, seed=1))
    people = tc.read_people_csv(text.replace("\n", "\r").encode(), "people.csv")
    assert people == tc.read_people_csv(text, "people.csv")


@pytest.mark.parametrize("name", ["roles (detected)", "roles json", "roles validate"])
def test_a_10000_deep_role_file_is_refused_cleanly(name: str) -> None:
    for data in (b"[" * 10_000 + b"]" * 10_000, b'{"a":' * 10_000 + b"1" + b"}" * 10_000):
        try:
            result = READERS[name](data)
        except tc.FormatError as error:
            assert "nested too deeply" in str(error)
        else:
            assert name == "roles validate" and result == ["r: JSON nested too deeply to read"]
