"""``talent rpl keygen|issue|verify``: credentials from a decisions CSV, checked by the CLI."""

from __future__ import annotations

import base64
import csv
import functools
import io
import json
import stat
from pathlib import Path

import jsonschema
import pytest

from talent_core import credentials as cr
from talent_core import rpl
from talent_core.cli import main
from talent_core.cli.demo_files import RPL_DEMO_DAY, demo_files
from tests.shared_files import shared_file

RPL_FILES = ("issuer.json", "rpl-decisions.csv", "rpl-queue.csv", "rpl-reviewers.csv")


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@functools.cache
def rpl_files() -> dict[str, bytes]:
    return {name: data for name, data in demo_files().items() if name in RPL_FILES}


@pytest.fixture
def demo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    for name, data in rpl_files().items():
        (tmp_path / name).write_bytes(data)
    keygen = ["rpl", "keygen", "-o", str(tmp_path / "key.pem")]
    assert run([*keygen, "--public", str(tmp_path / "public.pem")], capsys)[0] == 0
    return tmp_path


def issue(
    folder: Path, capsys: pytest.CaptureFixture[str], *extra: str, checked: bool = True
) -> tuple[int, str, str]:
    argv = ["rpl", "issue", str(folder / "rpl-decisions.csv"), "--issuer"]
    argv += [str(folder / "issuer.json"), "--key", str(folder / "key.pem")]
    argv += ["-o", str(folder / "credentials"), *extra]
    if checked:
        argv += ["--queue", str(folder / "rpl-queue.csv")]
        argv += ["--roster", str(folder / "rpl-reviewers.csv")]
    return run(argv, capsys)


def decision_rows(folder: Path) -> list[dict[str, str]]:
    text = (folder / "rpl-decisions.csv").read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def write_rows(folder: Path, rows: list[dict[str, str]]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rpl.DECISION_COLUMNS))
    writer.writeheader()
    writer.writerows(rows)
    (folder / "rpl-decisions.csv").write_text(out.getvalue(), "utf-8")


@functools.cache
def recognised_decisions() -> dict[str, str]:
    """decision id → learner of the demo's claims that get a credential (agreed, recognised)."""
    demo = rpl.demo_rpl(today=RPL_DEMO_DAY)
    found = {}
    for row in demo.queue:
        status = rpl.claim_status_for_learner(row.claim, row.reviews, row.decisions)
        if status.recognised:
            found[status.decisions[-1].decision_id] = row.learner
    return found


def test_keygen_writes_a_private_key_only_its_owner_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key, public = tmp_path / "key.pem", tmp_path / "public.pem"
    code, out, _ = run(["rpl", "keygen", "-o", str(key), "--public", str(public)], capsys)
    assert code == 0 and "EdDSA" in out
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert stat.S_IMODE(public.stat().st_mode) == 0o644
    assert cr.public_key_pem(key.read_bytes()) == public.read_bytes()
    code, _, err = run(["rpl", "keygen", "-o", str(key), "--public", str(public)], capsys)
    assert code == 2 and "exists; use --force" in err and err.count("\n") == 1
    before = key.read_bytes()
    argv = ["rpl", "keygen", "-o", str(key), "--public", str(public), "--algorithm", "ES256"]
    assert run([*argv, "--force"], capsys)[0] == 0
    assert key.read_bytes() != before and b"PRIVATE KEY" in key.read_bytes()


def test_issue_writes_every_credential_per_learner_and_each_verifies(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = recognised_decisions()
    code, out, err = issue(demo, capsys)
    assert (code, err) == (0, "")
    learners = set(expected.values())
    assert f"{len(expected)} credentials for {len(learners)} learners" in out
    assert "1 claim left out: assessors disagree" in out
    folder = demo / "credentials"
    written = {str(p.relative_to(folder)) for p in folder.rglob("*.*")}
    assert written == {
        *(f"{learner}/{decision}{ext}" for decision, learner in expected.items()
          for ext in (".jwt", ".ob3.json", ".ob2.json")),
        *(f"{learner}/experience_profile.html" for learner in learners),
    }  # fmt: skip
    public = (demo / "public.pem").read_bytes()
    for token in folder.rglob("*.jwt"):
        unsigned = json.loads(token.parent.joinpath(token.stem + ".ob3.json").read_text("utf-8"))
        assert cr.verify_vc_jwt(token.read_text("ascii"), public) == unsigned
        argv = ["rpl", "verify", str(token), "--key", str(demo / "public.pem")]
        code, out, err = run(argv, capsys)
        assert (code, err) == (0, "")
        assert out.startswith(f"valid: {token}\n")
        assert f"achievement: {unsigned['name']} (Competency)" in out
        assert "subject: urn:uuid:" in out and "issuer: Example Organisation" in out


def test_checked_against_the_queue_the_credential_carries_name_and_evidence(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert issue(demo, capsys)[0] == 0
    demo_data = rpl.demo_rpl(today=RPL_DEMO_DAY)
    for decision, learner in recognised_decisions().items():
        [row] = [
            r for r in demo_data.queue if r.learner == learner and any(
                d.decision_id == decision for rv in r.reviews
                for d in [rv.decision, *rv.earlier_decisions] if d
            )
        ]  # fmt: skip
        path = demo / "credentials" / learner / f"{decision}.ob3.json"
        credential = json.loads(path.read_text("utf-8"))
        names = [i["identityHash"] for i in credential["credentialSubject"]["identifier"]]
        assert row.learner_name in names
        assert [e["name"] for e in credential["evidence"]] == [e.title for e in row.claim.evidence]
        links = {e.url for e in row.claim.evidence if e.kind == "link"}
        assert {e["id"] for e in credential["evidence"] if "id" in e} == links
        profile = (demo / "credentials" / learner / "experience_profile.html").read_text()
        assert row.learner_name in profile


def test_the_decisions_file_alone_issues_the_same_credentials_without_evidence(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = issue(demo, capsys, checked=False)
    assert code == 0 and "1 claim left out" in out
    tokens = sorted(p.stem for p in (demo / "credentials").rglob("*.jwt"))
    assert tokens == sorted(recognised_decisions())
    credential = json.loads(next((demo / "credentials").rglob("*.ob3.json")).read_text())
    assert "evidence" not in credential


def test_every_issued_credential_validates_against_the_1edtech_schema(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    schema = json.loads(
        shared_file("schemas", "ob_v3p0_achievementcredential.schema.json").read_text("utf-8")
    )
    validator = jsonschema.validators.validator_for(schema)(schema)
    assert issue(demo, capsys, "--language", "nl")[0] == 0
    files = list((demo / "credentials").rglob("*.ob3.json"))
    assert len(files) == len(recognised_decisions())
    for path in files:
        assert list(validator.iter_errors(json.loads(path.read_text("utf-8")))) == []
    profiles = list((demo / "credentials").rglob("experience_profile.html"))
    assert profiles and all("Ervaringsprofiel" in p.read_text() for p in profiles)


def test_the_kid_is_the_issuers_key_id(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    issuer = json.loads((demo / "issuer.json").read_text())
    issuer["key_id"] = "https://talent.example.org/keys/2026"
    (demo / "issuer.json").write_text(json.dumps(issuer))
    assert issue(demo, capsys)[0] == 0
    token = next((demo / "credentials").rglob("*.jwt")).read_text().strip()
    header = json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=="))
    assert header["kid"] == "https://talent.example.org/keys/2026"


def test_a_learner_without_email_gets_no_ob2_assertion_and_is_told(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = decision_rows(demo)
    for row in rows:
        row["learner_email"] = ""
    write_rows(demo, rows)
    code, out, _ = issue(demo, capsys, checked=False)
    count = len(recognised_decisions())
    assert code == 0 and f"{count} without an Open Badges 2.0 assertion" in out
    assert not list((demo / "credentials").rglob("*.ob2.json"))


def _one_line(code: int, err: str) -> None:
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("talent: error: "), err


def test_a_tampered_credential_or_another_key_exits_2_with_the_reason(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert issue(demo, capsys)[0] == 0
    token = next((demo / "credentials").rglob("*.jwt"))
    header, payload, signature = token.read_text().strip().split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["credentialSubject"]["achievement"]["name"] = "Something: Expert"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    tampered = demo / "tampered.jwt"
    tampered.write_text(f"{header}.{forged}.{signature}")
    argv = ["rpl", "verify", str(tampered), "--key", str(demo / "public.pem")]
    code, out, err = run(argv, capsys)
    _one_line(code, err)
    assert "not valid: the signature does not match" in err and out == ""
    _, other = cr.generate_key_pair()
    (demo / "other.pem").write_bytes(other)
    code, _, err = run(["rpl", "verify", str(token), "--key", str(demo / "other.pem")], capsys)
    _one_line(code, err)
    assert "another key signed it" in err


def _nothing_written(demo: Path) -> None:
    assert not (demo / "credentials").exists()


def test_a_bad_issuer_is_refused_and_nothing_is_written(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (demo / "issuer.json").write_text(json.dumps({"id": "x", "name": "N"}))
    code, _, err = issue(demo, capsys)
    _one_line(code, err)
    assert "issuer.json.id" in err and "issuer.json.url" in err and "issuer.json.email" in err
    _nothing_written(demo)


def test_a_public_key_given_to_sign_is_refused_and_nothing_is_written(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (demo / "key.pem").write_bytes((demo / "public.pem").read_bytes())
    code, _, err = issue(demo, capsys)
    _one_line(code, err)
    assert "key.pem: the signing key is no PEM private key" in err
    _nothing_written(demo)


@pytest.mark.parametrize("checked", [True, False])
def test_a_decision_on_an_unknown_competency_names_its_row(
    checked: bool, demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = decision_rows(demo)
    [first] = [i for i, r in enumerate(rows) if r["outcome"] == "recognised"][:1]
    rows[first]["competency_id"] = "no-such-skill"
    write_rows(demo, rows)
    code, _, err = issue(demo, capsys, checked=checked)
    _one_line(code, err)
    assert f"row {first + 2}" in err and "rpl-decisions.csv" in err
    _nothing_written(demo)


def test_checked_a_decision_on_an_unknown_claim_is_refused(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = decision_rows(demo)
    rows[0]["claim_id"] = "0" * 32
    write_rows(demo, rows)
    code, _, err = issue(demo, capsys)
    _one_line(code, err)
    assert "rpl-decisions.csv: row 2, claim_id" in err
    _nothing_written(demo)


def test_queue_and_roster_go_together(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = issue(demo, capsys, "--queue", str(demo / "rpl-queue.csv"), checked=False)
    _one_line(code, err)
    assert "--queue and --roster go together" in err


def test_the_output_may_not_be_an_input(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["rpl", "issue", str(demo / "rpl-decisions.csv"), "--issuer"]
    argv += [str(demo / "issuer.json"), "--key", str(demo / "key.pem")]
    code, _, err = run([*argv, "-o", str(demo / "issuer.json")], capsys)
    _one_line(code, err)
    assert "is also an input" in err


@pytest.mark.parametrize(("column", "value"), [("learner", "../x"), ("decision_id", "../../x")])
def test_a_path_climbing_learner_or_decision_is_refused(
    column: str, value: str, demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = decision_rows(demo)
    for row in rows:
        row[column] = value
    write_rows(demo, rows)
    for checked in (True, False):
        code, _, err = issue(demo, capsys, checked=checked)
        _one_line(code, err)
        _nothing_written(demo)
        assert not list(demo.parent.glob("x*"))


def test_no_recognised_decision_issues_nothing(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_rows(demo, [r for r in decision_rows(demo) if r["outcome"] == "not_recognised"])
    code, out, _ = issue(demo, capsys)
    assert code == 0 and "nothing issued" in out
    _nothing_written(demo)


def test_a_json_file_is_not_a_credential(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["rpl", "verify", str(demo / "issuer.json"), "--key", str(demo / "public.pem")]
    code, _, err = run(argv, capsys)
    _one_line(code, err)
    assert "this is JSON, not a VC-JWT" in err
