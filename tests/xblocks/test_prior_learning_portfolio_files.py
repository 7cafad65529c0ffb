"""Evidence files of the prior learning portfolio: Django's default storage, types told by
content, size limits, who may open a file (and everyone else's 403/404), hostile files."""

from __future__ import annotations

import io
import json
import zipfile
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.files.storage import default_storage

from talent_core import rpl
from tests.xblocks.rpl_helpers import (
    EXE,
    PDF,
    PNG,
    ROSTER,
    RPL,
    claim_of,
    create_claim,
    get,
    post,
    ready_claim,
    upload,
)
from xblocks import _rpl_files


@pytest.fixture
def course(make_block, workbench_field_data):
    """``make(user)``: one portfolio block (demo roster) seen by ``user``, on the store the
    running workbench uses (others' states are read through it)."""
    staff = make_block(RPL, user="staff_hr", field_data=workbench_field_data)
    staff.reviewer_roster = rpl.read_reviewer_roster(ROSTER).to_state()
    staff.save()
    usage = staff.scope_ids.usage_id

    def make(user: str = "learner_1", **fields):
        return make_block(RPL, user=user, usage=usage, field_data=workbench_field_data, **fields)

    return make


def _stored(block, claim_id: str) -> rpl.EvidenceFile:
    files = [item.file for item in claim_of(block, claim_id).evidence if item.file is not None]
    assert files
    return files[-1]


def _query(block, claim_id: str, learner: str = "learner_1") -> str:
    item = next(i for i in claim_of(block, claim_id).evidence if i.file is not None)
    return f"learner={learner}&claim={claim_id}&evidence={item.id}"


def test_a_file_is_stored_in_the_default_storage_under_a_name_without_the_learner(course) -> None:
    learner = course()
    claim_id = create_claim(learner)
    assert upload(learner, claim_id, PDF, name="Mijn rapport.pdf").status_code == 200
    stored = _stored(learner, claim_id)
    assert default_storage.exists(stored.storage_name)
    with default_storage.open(stored.storage_name, "rb") as handle:
        assert handle.read() == PDF
    assert stored.storage_name.startswith(_rpl_files.learner_folder(learner, "learner_1") + "/")
    assert "learner_1" not in stored.storage_name and "rapport" not in stored.storage_name
    assert stored.storage_name.endswith(".pdf")
    assert stored.original_name == "Mijn rapport.pdf"
    assert stored.size == len(PDF) and stored.content_type == "application/pdf"
    # the block of another course would put it elsewhere; another learner too
    assert _rpl_files.learner_folder(learner, "learner_2") != _rpl_files.learner_folder(
        learner, "learner_1"
    )


def test_the_owner_gets_the_file_as_an_attachment_with_the_checked_type(course) -> None:
    learner = course()
    claim_id = create_claim(learner)
    upload(learner, claim_id, PNG, name="whiteboard.png")
    response = get(learner, "evidence_file", _query(learner, claim_id))
    assert response.status_code == 200
    assert response.body == PNG
    assert response.content_type == "image/png"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Disposition"].startswith(
        'attachment; filename="whiteboard.png"'
    )
    assert "sandbox" in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("user", "status"),
    [
        ("learner_1", 200),  # the owner
        ("guide_1", 200),  # the roster's guide of learner_1
        ("assessor_1", 200),  # an assessor of every learner
        ("staff_hr", 200),  # course staff
        ("learner_2", 403),  # another learner
        ("guide_2", 403),  # not on the roster
    ],
)
def test_who_may_open_a_file(course, user: str, status: int) -> None:
    learner = course()
    claim_id = create_claim(learner)
    upload(learner, claim_id, PDF)
    response = get(course(user), "evidence_file", _query(learner, claim_id))
    assert response.status_code == status
    if status == 403:
        assert PDF not in response.body


def test_a_guide_of_other_learners_cannot_open_this_learner_s_files(course) -> None:
    staff = course("staff_hr")
    staff.reviewer_roster = rpl.read_reviewer_roster(
        ROSTER + "guide_9,guide,learner_2\n"
    ).to_state()
    staff.save()
    learner = course()
    claim_id = create_claim(learner)
    upload(learner, claim_id, PDF)
    assert get(course("guide_9"), "evidence_file", _query(learner, claim_id)).status_code == 403


def test_direct_urls_with_forged_parameters_are_refused(course) -> None:
    learner = course()
    claim_id = create_claim(learner)
    upload(learner, claim_id, PDF)
    other = course("learner_2")
    other_claim = create_claim(other)
    upload(other, other_claim, PNG, name="mine.png")
    item = claim_of(learner, claim_id).evidence[0]
    # learner_2 names learner_1 (403), or their own name with learner_1's claim (404)
    assert get(other, "evidence_file", _query(learner, claim_id)).status_code == 403
    forged = f"learner=learner_2&claim={claim_id}&evidence={item.id}"
    assert get(other, "evidence_file", forged).status_code == 404
    for query in (
        "",
        "learner=",
        f"learner=learner_1&claim={claim_id}&evidence=nope",
        "learner=learner_1&claim=../../etc&evidence=x",
    ):
        assert get(learner, "evidence_file", query).status_code in (400, 403, 404)


def test_a_state_naming_a_file_outside_the_learner_s_folder_is_never_served(course) -> None:
    learner = course()
    claim_id = create_claim(learner)
    upload(learner, claim_id, PDF)
    other = course("learner_2")
    other_claim = create_claim(other)
    upload(other, other_claim, PNG, name="secret.png")
    secret = _stored(other, other_claim)
    # learner_1's own state is changed (as a tampered row would be) to point at learner_2's file
    state = learner.state
    claim = claim_of(learner, claim_id)
    item = claim.evidence[0]
    assert item.file is not None
    hijacked = item.model_copy(update={"file": secret})
    learner.portfolio = state.with_claim(
        claim.model_copy(update={"evidence": [hijacked]})
    ).model_dump(mode="json")
    learner.save()
    assert get(course(), "evidence_file", _query(learner, claim_id)).status_code == 404


def test_removing_evidence_and_deleting_a_draft_delete_the_files(course) -> None:
    learner = course()
    claim_id = create_claim(learner)
    upload(learner, claim_id, PDF)
    upload(learner, claim_id, PNG, name="b.png")
    first, second = [i for i in claim_of(learner, claim_id).evidence]
    assert first.file is not None and second.file is not None
    answer = post(learner, "remove_evidence", {"claim_id": claim_id, "evidence_id": first.id})
    assert answer.status_code == 200
    assert not default_storage.exists(first.file.storage_name)
    assert default_storage.exists(second.file.storage_name)
    assert (
        get(
            learner, "evidence_file", f"learner=learner_1&claim={claim_id}&evidence={first.id}"
        ).status_code
        == 404
    )
    assert post(learner, "delete_claim", {"claim_id": claim_id}).status_code == 200
    assert not default_storage.exists(second.file.storage_name)


# -- hostile files ------------------------------------------------------------------------


def _problems(response) -> str:
    return " ".join(p["message"] for p in response.json["problems"])


@pytest.mark.parametrize(
    ("content", "name", "words"),
    [
        (b"", "empty.pdf", "empty"),
        (EXE, "invoice.pdf", "program"),
        (EXE, "setup.exe", "program"),
        (b"#!/bin/sh\nrm -rf /\n", "notes.txt", "program"),
        (PNG, "photo.pdf", ".png"),
        (b"<html><script>alert(1)</script></html>", "page.html", ""),
        (b"\x00\x01\x02binary", "data.bin", ""),
    ],
)
def test_empty_executable_and_wrong_type_files_are_refused_and_nothing_is_stored(
    course, content: bytes, name: str, words: str
) -> None:
    learner = course()
    claim_id = create_claim(learner)
    before = _rpl_files.stored_names(learner, "learner_1")
    response = upload(learner, claim_id, content, name=name)
    assert response.status_code == 400, response.text
    assert response.json["error"] == "The file was not added."
    assert response.json["problems"][0]["field"] == "file"
    assert words.lower() in _problems(response).lower()
    assert claim_of(learner, claim_id).evidence == []
    assert _rpl_files.stored_names(learner, "learner_1") == before


def test_an_oversized_file_is_refused_before_it_is_stored(course) -> None:
    learner = course(max_file_mb=1)
    claim_id = create_claim(learner)
    big = PDF + b"0" * (1024 * 1024)
    response = upload(learner, claim_id, big)
    assert response.status_code == 400
    assert "larger than 1 MB" in _problems(response)
    assert claim_of(learner, claim_id).evidence == []
    assert _rpl_files.stored_names(learner, "learner_1") == []


def test_the_learner_s_total_is_kept(course) -> None:
    learner = course(max_file_mb=1, max_learner_mb=1)
    claim_id = create_claim(learner)
    part = PDF + b"0" * (600 * 1024)
    assert upload(learner, claim_id, part).status_code == 200
    refused = upload(learner, claim_id, part, name="second.pdf")
    assert refused.status_code == 400
    assert "may take 1 MB in all" in _problems(refused)
    assert len(claim_of(learner, claim_id).evidence) == 1
    assert len(_rpl_files.stored_names(learner, "learner_1")) == 1


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("../../../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\system32\\report.pdf", "report.pdf"),
        ("/tmp/x/../report.pdf", "report.pdf"),
        (
            "Verslag \u00e4\u00f6\u00fc \u5831\u544a.pdf",
            "Verslag \u00e4\u00f6\u00fc \u5831\u544a.pdf",
        ),
        ("a<b>c|d?.pdf", "a_b_c_d_.pdf"),
        ("CON.pdf", "_CON.pdf"),
    ],
)
def test_path_traversal_and_unicode_names_are_made_safe(course, name: str, kept: str) -> None:
    learner = course()
    claim_id = create_claim(learner)
    response = upload(learner, claim_id, PDF, name=name)
    assert response.status_code == 200, response.text
    stored = _stored(learner, claim_id)
    assert stored.original_name == kept
    assert ".." not in stored.storage_name and "\\" not in stored.storage_name
    served = get(learner, "evidence_file", _query(learner, claim_id))
    disposition = served.headers["Content-Disposition"]
    assert "\n" not in disposition and '"' not in disposition.split('filename="')[1].split('";')[0]
    assert "filename*=UTF-8''" in disposition


def test_a_right_to_left_mark_cannot_hide_an_executable_extension(course) -> None:
    learner = course()
    claim_id = create_claim(learner)
    response = upload(learner, claim_id, PDF, name="invoice\u202efdp.exe")
    assert response.status_code == 400
    assert claim_of(learner, claim_id).evidence == []


def test_an_upload_to_a_submitted_claim_leaves_no_file_behind(course) -> None:
    learner = course()
    claim_id = ready_claim(learner)
    assert post(learner, "submit_claim", {"claim_id": claim_id}).status_code == 200
    before = _rpl_files.stored_names(learner, "learner_1")
    assert upload(learner, claim_id, PNG, name="late.png").status_code == 409
    assert _rpl_files.stored_names(learner, "learner_1") == before


def test_upload_needs_post_a_file_and_valid_fields(course) -> None:
    learner = course()
    claim_id = create_claim(learner)
    assert get(learner, "upload_evidence").status_code == 405
    assert upload(learner, claim_id, PDF, date="").status_code == 400
    assert upload(learner, claim_id, PDF, title="x\x00y").status_code == 400
    assert upload(learner, "f" * 32, PDF).status_code == 400
    assert _rpl_files.stored_names(learner, "learner_1") == []


# -- personal data ------------------------------------------------------------------------


def test_the_learner_downloads_and_erases_their_portfolio_and_files(course) -> None:
    learner = course()
    claim_id = ready_claim(learner)
    stored = _stored(learner, claim_id)
    export = get(learner, "export_my_data")
    assert export.status_code == 200 and export.content_type == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(export.body))
    data = json.loads(archive.read("portfolio.json"))
    assert data["learner"] == "learner_1"
    assert data["portfolio"]["claims"][0]["id"] == claim_id
    pdfs = [n for n in archive.namelist() if n.endswith(".pdf")]
    assert len(pdfs) == 1 and archive.read(pdfs[0]) == PDF

    assert post(learner, "erase_my_portfolio", {}).status_code == 200
    assert course().portfolio == {}
    assert not default_storage.exists(stored.storage_name)
    assert _rpl_files.stored_names(learner, "learner_1") == []


def test_only_staff_export_another_person_s_data(course) -> None:
    learner = course()
    ready_claim(learner)
    assert get(course("learner_2"), "export_person", "username=learner_1").status_code == 403
    assert get(course("guide_1"), "export_person", "username=learner_1").status_code == 403
    staff = get(course("staff_hr"), "export_person", "username=learner_1")
    assert staff.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(staff.body))
    assert json.loads(archive.read("portfolio.json"))["learner"] == "learner_1"


def test_file_urls_in_the_view_name_the_owner(course) -> None:
    learner = course()
    claim_id = create_claim(learner)
    answer = upload(learner, claim_id, PDF)
    html = answer.json["claims_html"]
    href = html.split('href="')[1].split('"')[0].replace("&amp;", "&")
    query = parse_qs(urlparse(href).query)
    assert query["learner"] == ["learner_1"] and query["claim"] == [claim_id]


def test_only_staff_delete_a_person_s_files(course) -> None:
    learner = course()
    claim_id = ready_claim(learner)
    stored = _stored(learner, claim_id)
    for user in ("learner_1", "learner_2", "guide_1", "assessor_1"):
        answer = post(course(user), "erase_person_files", {"username": "learner_1"})
        assert answer.status_code == 403, user
    assert default_storage.exists(stored.storage_name)
    answer = post(course("staff_hr"), "erase_person_files", {"username": "learner_1"})
    assert answer.status_code == 200
    assert answer.json["deleted"] == 1
    assert answer.json["message"] == "1 file of learner_1 deleted."
    assert not default_storage.exists(stored.storage_name)
    assert get(learner, "evidence_file", _query(learner, claim_id)).status_code == 404
    bad = post(course("staff_hr"), "erase_person_files", {"username": "a b"})
    assert bad.status_code == 400
