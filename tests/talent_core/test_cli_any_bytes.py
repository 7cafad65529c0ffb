"""Any bytes as any input of any ``talent`` command: exit 0, or exit 2 with one line on stderr."""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from talent_core.cli import main

STARTS = [
    b"",
    b"\xef\xbb\xbf",
    b"Parent id number,Id number,Shortname\r",
    b"id,name,email,manager_id,department,location,timezone,seniority,language\r",
    b"id,name,department,manager_id,seniority,language,focus,capacity,strengths\n",
    b"programme,mentor_id,mentee_id\r",
    b"id,group\n",
    b"role_id,name_en,competency_id,level,importance\n",
    b"username,goals,progress_percent,agreement,agreed_at,last_change,submitted_at\r\n",
    b"[" * 10_000,
    b"-----BEGIN PRIVATE KEY-----\n",
    b"eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9.",
    b'{"id": "https://example.org", "name": "N", "url": "https://example.org", "email": "',
]
any_file = st.builds(
    lambda start, body, mac: start + (body.replace(b"\n", b"\r") if mac else body),
    st.sampled_from(STARTS),
    st.binary(max_size=300) | st.text(max_size=200).map(str.encode),
    st.booleans(),
)

#: Each command with every file it reads given as IN (the output is OUT).
COMMANDS = {
    name: f"{name} {args} -o OUT".split()
    for name, args in {
        "framework convert": "IN --to case",
        "roles convert": "IN --framework IN --to json",
        "groups design": "IN --history IN --apart IN",
        "groups teams-csv": "IN --people IN --teamset t",
        "mentors match": "IN IN --framework IN --history IN",
        "mentors chain": "IN --volunteers IN --people IN",
        "managers roster": "IN",
        "managers attention": "IN IN --people IN",
        "rpl issue": "IN --issuer IN --key IN --framework IN",
    }.items()
}
COMMANDS["rpl verify"] = ["rpl", "verify", "IN", "--key", "IN"]


def run(argv: list[str]) -> tuple[int, str]:
    """The exit code and what went to stderr (stdout is dropped)."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(argv)
    return code, err.getvalue()


@pytest.mark.parametrize("command", sorted(COMMANDS))
@settings(max_examples=60)
@given(data=any_file)
def test_any_input_exits_0_or_2_with_one_line(command: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source, out = Path(folder, "in.csv"), Path(folder, "out.csv")
        source.write_bytes(data)
        argv = [{"IN": str(source), "OUT": str(out)}.get(a, a) for a in COMMANDS[command]]
        code, err = run(argv)
        assert code in (0, 2)
        if code == 2:
            assert err.count("\n") == 1 and err.startswith("talent: error: "), err
            assert not out.exists()


@pytest.mark.parametrize("command", ["framework", "roles"])
@settings(max_examples=60)
@given(data=any_file)
def test_validate_lists_problems_and_ends_with_one_summary_line(command: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder, "in.csv")
        source.write_bytes(data)
        code, err = run([command, "validate", str(source)])
        assert code in (0, 2)
        if code == 2:
            assert err.splitlines()[-1].startswith("talent: error: ")
            assert "Traceback" not in err


def test_a_10000_deep_json_file_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "deep.json"
    source.write_bytes(b"[" * 10_000 + b"]" * 10_000)
    assert main(["framework", "validate", str(source)]) == 2
    assert capsys.readouterr().err == (
        f"{source}: JSON nested too deeply to read\ntalent: error: 1 problem found\n"
    )
