"""Evidence files of the prior learning portfolio, kept in Django's default storage.

Open edX blocks that take uploads (edx-sga) keep them in ``django.core.files.storage.
default_storage``: S3 or a shared volume in production, ``MEDIA_ROOT`` in the workbench
(``var/media``). Nothing is written to a local folder of one LMS process.

* Names: ``talent-rpl/<course>/<block>/<learner>/<random id>.<ext>``, each part a digest (never
  the learner's name, never what the browser sent), the random id unguessable, the extension
  that of the type found in the content.
* Types: told by the content (:func:`talent_core.rpl.sniff_evidence_type`); an executable
  named ``.pdf`` is refused.
* Sizes: at most ``max_bytes`` per file and ``max_learner_bytes`` for all of a learner's files
  in the block; the upload is read no further than one byte past the limit.
* Serving: :func:`file_response` answers with the checked type, ``Content-Disposition:
  attachment`` with a safe name, ``X-Content-Type-Options: nosniff`` and a sandboxing CSP;
  who may read is the block's decision (owner, the claim's guides and assessors, staff).
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Iterable
from typing import Any, BinaryIO
from urllib.parse import quote

from webob import Response
from xblock.core import XBlock

import talent_core as tc
from talent_core import rpl

__all__ = [
    "ROOT",
    "FileTooLarge",
    "LearnerQuotaFull",
    "delete_files",
    "file_response",
    "learner_folder",
    "read_file",
    "store_file",
]

log = logging.getLogger(__name__)

#: The top folder of every evidence file in the storage.
ROOT = "talent-rpl"
#: How much of the upload is read at a time.
_CHUNK = 64 * 1024


class FileTooLarge(tc.ValidationError):
    """The file is larger than the block allows for one file."""


class LearnerQuotaFull(tc.ValidationError):
    """The file would take the learner's files past the block's limit."""


def _storage() -> Any:
    from django.core.files.storage import default_storage

    return default_storage


def _digest(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:32]


def block_folder(block: XBlock) -> str:
    """``talent-rpl/<course digest>/<block digest>``: the same for every learner of a block."""
    usage = block.scope_ids.usage_id
    course = str(getattr(usage, "context_key", None) or getattr(usage, "course_key", "") or "")
    return f"{ROOT}/{_digest('course', course)}/{_digest('block', str(usage))}"


def learner_folder(block: XBlock, username: str) -> str:
    """The folder of one learner's files in one block (a digest of block and username)."""
    return f"{block_folder(block)}/{_digest('learner', str(block.scope_ids.usage_id), username)}"


def _read_limited(stream: BinaryIO, limit: int) -> bytes | None:
    """The stream's bytes, or None as soon as it holds more than ``limit``."""
    parts: list[bytes] = []
    size = 0
    while True:
        chunk = stream.read(min(_CHUNK, limit + 1 - size))
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)
        size += len(chunk)
        if size > limit:
            return None


def store_file(
    block: XBlock,
    username: str,
    name: str,
    stream: BinaryIO,
    *,
    max_bytes: int,
    used_bytes: int,
    max_learner_bytes: int,
) -> rpl.EvidenceFile:
    """Check an upload (size, type by content) and store it in the learner's folder.

    Raises :class:`FileTooLarge`, :class:`LearnerQuotaFull` or the sniffer's ValidationError
    (field ``file``); nothing is stored then.
    """
    data = _read_limited(stream, max_bytes)
    if data is None:
        raise FileTooLarge([tc.Problem("file", "file too large")])
    if used_bytes + len(data) > max_learner_bytes:
        raise LearnerQuotaFull([tc.Problem("file", "learner's files too large")])
    content_type = rpl.sniff_evidence_type(data, name)
    original = rpl.safe_file_name(name)
    extension = rpl.EVIDENCE_TYPES[content_type][0]
    wanted = f"{learner_folder(block, username)}/{secrets.token_hex(16)}{extension}"
    from django.core.files.base import ContentFile

    stored = str(_storage().save(wanted, ContentFile(data)))
    return rpl.EvidenceFile(
        storage_name=stored,
        original_name=original,
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def read_file(block: XBlock, username: str, file: rpl.EvidenceFile) -> bytes | None:
    """The stored bytes of ``username``'s file, or None when it is gone or lies outside that
    learner's folder of this block (a state that names another's file is never served)."""
    if not file.storage_name.startswith(learner_folder(block, username) + "/"):
        log.warning("evidence file outside the learner's folder: %s", file.storage_name)
        return None
    storage = _storage()
    try:
        with storage.open(file.storage_name, "rb") as handle:
            return bytes(handle.read())
    except (FileNotFoundError, OSError):
        return None


def delete_files(block: XBlock, username: str, names: Iterable[str]) -> int:
    """Delete ``username``'s files ``names`` of this block (others are left alone); how many."""
    folder = learner_folder(block, username) + "/"
    storage = _storage()
    deleted = 0
    for name in names:
        if not name.startswith(folder):
            continue
        try:
            storage.delete(name)
        except OSError as error:  # gone already, or the storage is down: reported, not fatal
            log.warning("evidence file %s not deleted: %s", name, error)
            continue
        deleted += 1
    return deleted


def stored_names(block: XBlock, username: str) -> list[str]:
    """Every file the storage holds in ``username``'s folder of this block (for erasure)."""
    folder = learner_folder(block, username)
    storage = _storage()
    try:
        _dirs, files = storage.listdir(folder)
    except (FileNotFoundError, OSError):
        return []
    return [f"{folder}/{name}" for name in files]


def _ascii_name(name: str) -> str:
    text = "".join(c if 32 <= ord(c) < 127 and c not in '"\\' else "_" for c in name)
    return text or "evidence"


def file_response(file: rpl.EvidenceFile, data: bytes) -> Response:
    """The file as a download: its checked type, never shown inline or sniffed."""
    name = rpl.safe_file_name(file.original_name)
    response = Response(body=data, content_type=file.content_type)
    response.headers["Content-Disposition"] = (
        f"attachment; filename=\"{_ascii_name(name)}\"; filename*=UTF-8''{quote(name, safe='')}"
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = "private, no-store"
    return response


def export_zip(
    block: XBlock,
    username: str,
    data: Any,
    files: Iterable[tuple[str, rpl.EvidenceFile]],
) -> bytes:
    """A zip of ``portfolio.json`` (``data``) and ``username``'s files under their paths;
    a file the storage no longer holds is listed in ``missing.txt``."""
    import io
    import json
    import zipfile

    buffer = io.BytesIO()
    missing: list[str] = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("portfolio.json", json.dumps(data, ensure_ascii=False, indent=2))
        for path, file in files:
            content = read_file(block, username, file)
            if content is None:
                missing.append(path)
                continue
            archive.writestr(path, content)
        if missing:
            archive.writestr("missing.txt", "\n".join(missing) + "\n")
    return buffer.getvalue()
