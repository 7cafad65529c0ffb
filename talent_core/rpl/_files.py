"""Evidence files: their type told by their content, and names safe to store and serve.

A learner's upload is judged by its bytes, never by its name: :func:`sniff_evidence_type`
reads the magic bytes (and, for office documents, the zip's ``[Content_Types].xml`` or ODF
``mimetype``) and refuses an executable, a script, a macro-enabled document or a file whose
name claims another type than its content (``invoice.pdf`` that is a Windows program).
:func:`safe_file_name` turns whatever name a browser sends into one that cannot climb out of a
folder, hide its real extension behind a right-to-left mark or break a ``Content-Disposition``
header. Pure Python, so the block and the notebook share the rule.
"""

from __future__ import annotations

import re
import struct
import unicodedata
import zlib
from collections.abc import Mapping
from typing import Final

from .._errors import Problem, ValidationError

__all__ = [
    "EVIDENCE_TYPES",
    "MAX_FILE_NAME",
    "safe_file_name",
    "sniff_evidence_type",
]

#: Content types accepted as evidence, and the file name extensions each may carry.
EVIDENCE_TYPES: Final[Mapping[str, tuple[str, ...]]] = {
    "application/pdf": (".pdf",),
    "image/png": (".png",),
    "image/jpeg": (".jpg", ".jpeg"),
    "image/gif": (".gif",),
    "image/webp": (".webp",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (".docx",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (".xlsx",),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": (".pptx",),
    "application/vnd.oasis.opendocument.text": (".odt",),
    "application/vnd.oasis.opendocument.spreadsheet": (".ods",),
    "application/vnd.oasis.opendocument.presentation": (".odp",),
    "text/plain": (".txt", ".md"),
}
#: Longest stored file name, in characters (well under the 255 bytes file systems allow).
MAX_FILE_NAME = 120

_OOXML: Final = {
    b"wordprocessingml.document.main+xml": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    ),
    b"spreadsheetml.sheet.main+xml": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    ),
    b"presentationml.presentation.main+xml": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    ),
}
_EXECUTABLE: Final = (
    b"MZ",  # Windows programs and libraries
    b"\x7fELF",  # Linux
    b"\xfe\xed\xfa\xce",  # Mach-O (macOS), both byte orders, 32 and 64 bits, and fat binaries
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
    b"#!",  # scripts
    b"\xd0\xcf\x11\xe0",  # old Office (OLE) files: macros, no way to check them here
)
_LOCAL_HEADER = b"PK\x03\x04"
#: Bytes of a zip member read to tell an office document's type (its first member is small).
_MEMBER_LIMIT = 256 * 1024


def _refuse(message_id: str, **params: object) -> ValidationError:
    return ValidationError([Problem.of("file", message_id, **params)])


def _zip_members(data: bytes) -> dict[str, bytes]:
    """The first members of a zip's local headers and (the start of) their content."""
    members: dict[str, bytes] = {}
    offset = 0
    while len(members) < 8 and data.startswith(_LOCAL_HEADER, offset):
        if offset + 30 > len(data):
            break
        flags, method, compressed = struct.unpack_from("<HH8xI", data, offset + 6)
        name_length, extra_length = struct.unpack_from("<HH", data, offset + 26)
        start = offset + 30 + name_length + extra_length
        name = data[offset + 30 : offset + 30 + name_length].decode("utf-8", "replace")
        raw = data[start:]
        if method == 0:
            content = raw[:compressed] if compressed else raw[:_MEMBER_LIMIT]
            used = len(content)
        elif method == 8:
            inflater = zlib.decompressobj(-15)
            try:
                content = inflater.decompress(raw[: compressed or None], _MEMBER_LIMIT)
            except zlib.error:
                break
            used = len(raw) - len(inflater.unused_data) if inflater.eof else len(raw)
            if compressed:
                used = compressed
        else:
            break
        members[name] = content
        if flags & 0x08 and not compressed:
            break  # sizes follow the data: the next header is not found this way
        offset = start + used
    return members


def _zip_type(data: bytes) -> str | None:
    members = _zip_members(data)
    mimetype = members.get("mimetype", b"").strip()
    if mimetype.startswith(b"application/vnd.oasis.opendocument."):
        found = mimetype.decode("ascii", "replace")
        return found if found in EVIDENCE_TYPES else None
    types = members.get("[Content_Types].xml", b"")
    if b"macroEnabled" in types or b"vbaProject" in types:
        raise _refuse("problem.rpl.file_macros")
    for marker, content_type in _OOXML.items():
        if marker in types:
            return content_type
    return None


def _is_text(data: bytes) -> bool:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(data) - 3:  # only a character cut off at the end of the head
            return False
        text = data[: error.start].decode("utf-8")
    return not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text)


def _content_type(data: bytes) -> str | None:
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "image/webp"
    if data.startswith(_LOCAL_HEADER):
        return _zip_type(data)
    return None


def _extension(name: str) -> str:
    stem, dot, extension = name.rpartition(".")
    return f".{extension.lower()}" if dot and stem else ""


def sniff_evidence_type(head: bytes, name: str) -> str:
    """The content type of an evidence file from its bytes (the whole file, or at least its
    first 64 KB: office documents are told by their first zip member).

    Raises ValidationError (field ``file``) for an empty file, an executable or script, a
    macro-enabled or old binary Office document, a type not accepted as evidence, or a name
    whose extension claims another type than the content (``report.pdf`` holding a PNG).
    Plain text is accepted only under a ``.txt`` or ``.md`` name.
    """
    if not head:
        raise _refuse("problem.rpl.file_empty")
    if head.startswith(_EXECUTABLE):
        raise _refuse("problem.rpl.file_executable", name=name)
    extension = _extension(safe_file_name(name))
    found = _content_type(head)
    if found is None and extension in EVIDENCE_TYPES["text/plain"] and _is_text(head):
        found = "text/plain"
    if found is None:
        raise _refuse("problem.rpl.file_type_unknown", name=name)
    if extension and extension not in EVIDENCE_TYPES[found]:
        raise _refuse(
            "problem.rpl.file_name_mismatch",
            name=name,
            expected=", ".join(EVIDENCE_TYPES[found]),
        )
    return found


_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)
_UNSAFE = re.compile(r'[<>:"|?*\\/;%\'`$]')


def _visible(character: str) -> bool:
    """False for control, format (right-to-left marks), surrogate and unassigned characters."""
    return unicodedata.category(character)[0] != "C"


def safe_file_name(name: str) -> str:
    """A file name safe to store and to send in ``Content-Disposition``: the last part of any
    path, NFC-normalised, without control or direction-changing characters, shell or Windows
    specials, leading dots or Windows device names, at most :data:`MAX_FILE_NAME` characters
    (the extension kept). Never empty (``evidence``); ``safe_file_name`` of its own result
    gives the same name."""
    text = unicodedata.normalize("NFKC", name)
    text = re.split(r"[/\\]", text)[-1]
    text = "".join(c if _visible(c) else "" for c in text)
    text = _UNSAFE.sub("_", text)
    text = re.sub(r"\s+", " ", text).strip(" .")
    if _WINDOWS_RESERVED.match(text):
        text = "_" + text
    if len(text) > MAX_FILE_NAME:
        stem, dot, extension = text.rpartition(".")
        if dot and stem and len(extension) <= 10:
            text = stem[: MAX_FILE_NAME - len(extension) - 1].rstrip(" .") + "." + extension
        else:
            text = text[:MAX_FILE_NAME].rstrip(" .")
    text = unicodedata.normalize("NFC", text)
    return text or "evidence"
