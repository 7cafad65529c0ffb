"""Course staff's part of the review: the merged audit trail (defused CSV), the streamed
evidence zip (safe names inside), downloads refused to everyone else."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from typing import Any

import pytest

from talent_core import rpl
from tests.xblocks.rpl_review_helpers import ROSTER, RPL, claim, ok, post_json, store_claims, upload
from xblocks._rpl_review_zip import safe_member_name, stream_zip

CLAIM = {"learner": "learner_1", "claim_id": "a" * 32}


@pytest.fixture
def as_user(make_block, workbench_field_data):
    staff = make_block(RPL, user="staff_hr", field_data=workbench_field_data)
    assert upload(staff, ROSTER.encode()).status_code == 200
    usage = staff.scope_ids.usage_id

    def make(user: str) -> Any:
        return make_block(RPL, user=user, usage=usage, field_data=workbench_field_data)

    return make


def get(block: Any, handler: str) -> Any:
    from webob import Request

    return block.handle(handler, Request.blank("/"))


def csv_rows(response: Any) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.body.decode("utf-8-sig"))))


def test_the_audit_trail_merges_every_actor_by_time_and_is_defused(as_user) -> None:
    reopened = claim()
    note = '=HYPERLINK("http://evil.example","x")'
    reopened = reopened.model_copy(
        update={
            "history": [
                *reopened.history,
                rpl.StateChange(
                    state=rpl.ClaimState.DRAFT,
                    by="learner_1",
                    at=dt.datetime(2026, 3, 3, tzinfo=dt.UTC),
                    note=note,
                ),
            ]
        }
    )
    store_claims(as_user("learner_1"), reopened)
    assert ok(post_json(as_user("guide_1"), "comment_on_claim", {**CLAIM, "text": "Add more."}))
    response = get(as_user("staff_hr"), "download_audit")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="rpl-audit.csv"'
    rows = csv_rows(response)
    actions = [(r["by"], r["action"]) for r in rows]
    assert ("staff_hr", "roster_uploaded") in actions
    assert ("learner_1", "claim_submitted") in actions and ("learner_1", "claim_draft") in actions
    assert ("guide_1", "commented") in actions
    assert [r["at"] for r in rows] == sorted(r["at"] for r in rows)
    [draft] = [r for r in rows if r["action"] == "claim_draft"]
    assert draft["detail"] == "'" + note  # a spreadsheet shows it as text
    # the download itself is audited in the staff member's own record
    again = csv_rows(get(as_user("staff_hr"), "download_audit"))
    assert ("staff_hr", "audit_downloaded") in [(r["by"], r["action"]) for r in again]


def test_downloads_are_refused_to_everyone_but_staff(as_user) -> None:
    store_claims(as_user("learner_1"), claim())
    for user in ("learner_1", "guide_1", "assessor_1"):
        for handler in ("download_audit", "download_review_queue", "download_evidence_zip"):
            response = get(as_user(user), handler)
            assert response.status_code == 403, (user, handler)
            assert b"learner_1" not in response.body


def test_member_names_stay_inside_the_folder_they_unpack_into() -> None:
    for hostile in ("../../etc/passwd", "/abs/path.pdf", "..", "a\x00b.pdf", "C:\\\\x\\\\y.pdf"):
        name = safe_member_name("learner_1", "c" * 32, hostile)
        parts = name.split("/")
        assert len(parts) == 3 and all(p and not p.startswith(".") for p in parts), name
        assert "\x00" not in name and "\\\\" not in name
    assert safe_member_name("l", "c", "Résumé ✓ 2024.pdf") == "l/c/Résumé_2024.pdf"


def test_the_zip_is_streamed_and_lists_missing_files() -> None:
    big = b"%PDF-1.7 " + bytes(range(256)) * 8000  # 2 MB, several chunks

    chunks = list(
        stream_zip(
            [
                ("l/c/e1-report.pdf", lambda: io.BytesIO(big)),
                ("l/c/e2-gone.pdf", lambda: None),
                ("l/c/e1-report.pdf", lambda: io.BytesIO(b"second")),
            ],
            extra=[("manifest.csv", b"learner\r\n")],
        )
    )
    assert len(chunks) > 4  # sent as it is written, not at the end
    archive = zipfile.ZipFile(io.BytesIO(b"".join(chunks)))
    assert archive.namelist() == [
        "manifest.csv",
        "l/c/e1-report.pdf",
        "l/c/e1-report-2.pdf",
        "missing.txt",
    ]
    assert archive.read("l/c/e1-report.pdf") == big
    assert archive.read("missing.txt") == b"l/c/e2-gone.pdf\n"
    assert archive.testzip() is None


# -- decisions import and the queue file ----------------------------------------------------


def imported_decision(**change: Any) -> rpl.ClaimDecision:
    data: dict[str, Any] = {
        "decision_id": "d" * 32,
        "claim_id": "a" * 32,
        "learner": "learner_1",
        "assessor": "assessor_2",
        "outcome": "recognised",
        "awarded_level": 2,
        "reasons": {"delegating-l2-1": "Plan.", "delegating-l2-2": "Retro."},
        "feedback": "Second opinion: agreed.",
        "decided_at": dt.datetime(2026, 3, 9, 10, tzinfo=dt.UTC),
        "source": "import",
        "instrument": {
            "kind": "workplace_observation",
            "date": "2026-03-06",
            "assessor": "assessor_2",
            "outcome": "Observed a hand-over.",
        },
        **change,
    }
    return rpl.ClaimDecision.model_validate(data)


def test_a_decisions_file_imports_once_and_the_learner_sees_it(as_user) -> None:
    store_claims(as_user("learner_1"), claim())
    text = rpl.write_decisions_csv([imported_decision()]).encode()
    first = upload(as_user("staff_hr"), text, field="decisions")
    assert first.status_code == 200, first.body
    assert (first.json["new"], first.json["rows"]) == (1, 1)
    again = upload(as_user("staff_hr"), text, field="decisions")
    assert (again.json["new"], again.json["rows"]) == (0, 1)
    assert "0 new decisions imported (1 in the file" in again.json["message"]
    staff = as_user("staff_hr")
    assert list(staff.imported_decisions) == ["d" * 32]
    learner = as_user("learner_1")
    stored = learner.portfolio_of("learner_1").claims[0]
    status = learner.status_of_claim(stored, learner.reviews_of_learner("learner_1"))
    assert status.state == "decided" and status.awarded_level == 2
    audit = [
        (a.action, a.detail) for a in rpl.ReviewerState.model_validate(staff.review_record).audit
    ]
    assert ("decisions_imported", "1 new of 1") in audit and (
        "decisions_imported",
        "0 new of 1",
    ) in audit


def test_a_bad_decisions_file_names_every_bad_row_and_imports_nothing(as_user) -> None:
    store_claims(as_user("learner_1"), claim())
    good = imported_decision()
    unknown = imported_decision(decision_id="e" * 32, claim_id="f" * 32)
    too_high = imported_decision(decision_id="b" * 32, assessor="assessor_1", awarded_level=4)
    guide = imported_decision(decision_id="c" * 32, assessor="guide_1")
    text = rpl.write_decisions_csv([good, unknown, too_high, guide]).encode()
    response = upload(as_user("staff_hr"), text, field="decisions")
    assert response.status_code == 400
    assert response.json["error"] == "The decisions file was not imported."
    fields = " ".join(p["field"] for p in response.json["problems"])
    for row in ("row 3", "row 4", "row 5"):
        assert row in fields, (row, response.json)
    assert "row 2" not in fields
    assert as_user("staff_hr").imported_decisions == {}
    for hostile in (b"\xff\xfe\x00garbage", b"", "decision_id\n".encode("utf-16")):
        assert upload(as_user("staff_hr"), hostile, field="decisions").status_code == 400
    assert as_user("staff_hr").imported_decisions == {}


def test_the_queue_file_holds_submitted_claims_and_reads_back(as_user) -> None:
    hostile = claim()
    account = hostile.account.model_copy(update={"situation": "=cmd|' /C calc'!A0"})
    store_claims(as_user("learner_1"), hostile.model_copy(update={"account": account}))
    store_claims(as_user("learner_2"), claim("b" * 32, rpl.ClaimState.DRAFT, learner="learner_2"))
    assert ok(post_json(as_user("guide_1"), "comment_on_claim", {**CLAIM, "text": "=1+1"}))
    assert ok(post_json(as_user("assessor_1"), "pick_up_claim", CLAIM))
    response = get(as_user("staff_hr"), "download_review_queue")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="rpl-queue.csv"'
    rows = rpl.read_queue_csv(response.body)
    assert [(r.learner, r.claim.id) for r in rows] == [("learner_1", "a" * 32)]
    [row] = rows
    assert row.guides == ["guide_1"] and row.comments[0].text == "=1+1"
    assert [r.assessor for r in row.reviews] == ["assessor_1"]
    raw = response.body.decode("utf-8-sig")
    assert "'=cmd|" in raw  # defused in the file, restored when read
    assert row.claim.account.situation == "=cmd|' /C calc'!A0"


def test_the_evidence_zip_holds_every_submitted_file_under_a_safe_name(as_user) -> None:
    from tests.xblocks import rpl_helpers as learner_side

    learner = as_user("learner_1")
    claim_id = learner_side.create_claim(learner)
    assert learner_side.save_account(as_user("learner_1"), claim_id).status_code == 200
    hostile = "../../Résumé <script>.pdf"
    upload = learner_side.upload(as_user("learner_1"), claim_id, learner_side.PDF, hostile)
    assert upload.status_code == 200, upload.body
    assert learner_side.add_link(as_user("learner_1"), claim_id).status_code == 200
    assert (
        learner_side.post(as_user("learner_1"), "submit_claim", {"claim_id": claim_id}).status_code
        == 200
    )
    draft = learner_side.create_claim(as_user("learner_2"))  # a draft: its files stay out
    assert (
        learner_side.upload(as_user("learner_2"), draft, learner_side.PNG, "x.png").status_code
        == 200
    )
    response = get(as_user("staff_hr"), "download_evidence_zip")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="rpl-evidence.zip"'
    archive = zipfile.ZipFile(io.BytesIO(response.body))
    names = archive.namelist()
    assert names[0] == "manifest.csv" and len(names) == 2, names
    member = names[1]
    assert member.startswith(f"learner_1/{claim_id}/") and ".." not in member and "<" not in member
    assert archive.read(member) == learner_side.PDF
    manifest = list(csv.DictReader(io.StringIO(archive.read("manifest.csv").decode("utf-8-sig"))))
    assert [(m["learner"], m["file"]) for m in manifest] == [("learner_1", member)]
    audit = rpl.ReviewerState.model_validate(as_user("staff_hr").review_record).audit
    assert ("files_downloaded", "1 files") in [(a.action, a.detail) for a in audit]
    rows = csv_rows(get(as_user("staff_hr"), "download_audit"))
    learner_lines = [r["action"] for r in rows if r["by"] == "learner_1"]
    assert "claim_submitted" in learner_lines
    assert len(learner_lines) > 1 + learner_lines.count("claim_submitted")  # their own audit too


def test_staff_s_three_downloads_are_a_list_not_one_run_of_link_text(as_user) -> None:
    """Side by side in one paragraph the three links wrapped into what read as one long link."""
    import re

    from tests.xblocks.markup import student_html

    markup = student_html(as_user("staff_hr"))
    items = re.findall(r"<li><a href=\"[^\"]+\" download>([^<]+)</a></li>", markup)
    for name in ("review queue (CSV)", "evidence files (zip)", "audit trail (CSV)"):
        assert any(name in item for item in items), name
