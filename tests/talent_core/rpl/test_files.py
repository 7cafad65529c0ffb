"""Evidence files are judged by their bytes; their names are made safe to store and serve."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

import talent_core as tc
from talent_core import rpl

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 20


def _office(content_types: str, first: str = "[Content_Types].xml") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(first, content_types)
        archive.writestr("word/document.xml", "<w:document/>" * 100)
    return out.getvalue()


def _odf(mimetype: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>", zipfile.ZIP_DEFLATED)
    return out.getvalue()


DOCX_TYPES = (
    '<Types><Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\n1 0 obj", "Certificate.pdf", "application/pdf"),
        (PNG, "photo.PNG", "image/png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "photo.jpeg", "image/jpeg"),
        (b"GIF89a\x01\x00", "chart.gif", "image/gif"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "shot.webp", "image/webp"),
        (
            _office(DOCX_TYPES),
            "plan.docx",
            rpl.EVIDENCE_TYPES
            and "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            _office(DOCX_TYPES.replace("wordprocessingml.document", "spreadsheetml.sheet")),
            "budget.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        (
            _odf("application/vnd.oasis.opendocument.text"),
            "report.odt",
            "application/vnd.oasis.opendocument.text",
        ),
        ("Notes from the retro — feedback round\n".encode(), "notes.txt", "text/plain"),
        (PNG, "no-extension", "image/png"),
    ],
)
def test_evidence_types_are_told_by_content(data: bytes, name: str, expected: str) -> None:
    assert rpl.sniff_evidence_type(data, name) == expected
    assert expected in rpl.EVIDENCE_TYPES


def test_an_office_document_is_told_from_its_first_kilobytes() -> None:
    data = _office(DOCX_TYPES)
    assert rpl.sniff_evidence_type(data[:1024], "plan.docx").endswith("document")


@pytest.mark.parametrize(
    ("data", "name", "message_id"),
    [
        (b"MZ\x90\x00\x03\x00\x00\x00", "invoice.pdf", "problem.rpl.file_executable"),
        (b"\x7fELF\x02\x01\x01", "cv.pdf", "problem.rpl.file_executable"),
        (b"#!/bin/sh\nrm -rf ~\n", "notes.txt", "problem.rpl.file_executable"),
        (b"", "empty.pdf", "problem.rpl.file_empty"),
        (PNG, "report.pdf", "problem.rpl.file_name_mismatch"),
        (b"%PDF-1.4", "report.docx", "problem.rpl.file_name_mismatch"),
        (b"<html><script>alert(1)</script>", "page.html", "problem.rpl.file_type_unknown"),
        (b"plain words", "notes.csv", "problem.rpl.file_type_unknown"),
        (b"bin\x00ary", "notes.txt", "problem.rpl.file_type_unknown"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old.doc", "problem.rpl.file_executable"),
        (
            _office(DOCX_TYPES.replace("document.main", "document.macroEnabled.main")),
            "plan.docx",
            "problem.rpl.file_macros",
        ),
        (_office("<Types/>"), "archive.zip", "problem.rpl.file_type_unknown"),
    ],
)
def test_files_that_are_no_evidence_are_refused(data: bytes, name: str, message_id: str) -> None:
    with pytest.raises(tc.ValidationError) as caught:
        rpl.sniff_evidence_type(data, name)
    assert [(p.field, p.message_id) for p in caught.value.problems] == [("file", message_id)]


@given(st.binary(max_size=400), st.text(max_size=40))
def test_any_bytes_are_a_type_or_a_talent_error(data: bytes, name: str) -> None:
    try:
        found = rpl.sniff_evidence_type(data, name)
    except tc.TalentError:
        return
    assert found in rpl.EVIDENCE_TYPES


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\me\\cv.pdf", "cv.pdf"),
        ("..", "evidence"),
        ("", "evidence"),
        ("report\u202efdp.exe", "reportfdp.exe"),  # a right-to-left override hides .exe
        ("ｒｅｐｏｒｔ．ｐｄｆ", "report.pdf"),  # full-width letters
        ("Cafe\u0301 notes.txt", "Café notes.txt"),
        ("a\x00b\nc.txt", "abc.txt"),
        ('x"; filename="evil.sh', "x__ filename=_evil.sh"),
        ("CON.txt", "_CON.txt"),
        ("  .hidden  ", "hidden"),
    ],
)
def test_file_names_are_made_safe(name: str, safe: str) -> None:
    assert rpl.safe_file_name(name) == safe


def test_long_names_keep_their_extension() -> None:
    safe = rpl.safe_file_name("a" * 400 + ".pdf")
    assert len(safe) == rpl.MAX_FILE_NAME and safe.endswith(".pdf")


@given(st.text(max_size=300))
def test_a_safe_name_is_safe_and_stays_as_it_is(name: str) -> None:
    safe = rpl.safe_file_name(name)
    assert safe and len(safe) <= rpl.MAX_FILE_NAME
    assert "/" not in safe and "\\" not in safe and safe not in (".", "..")
    assert not safe.startswith(".") and all(c.isprintable() or c == " " for c in safe)
    assert rpl.safe_file_name(safe) == safe
