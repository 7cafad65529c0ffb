"""The evidence files as one zip, written while it is sent (never whole in memory or on disk).

Staff download every learner's evidence files for review in JupyterLab. A course may hold
gigabytes (50 MB per learner by default), so the archive is streamed: :func:`stream_zip`
yields the bytes of each file as it is compressed (``zipfile`` writes data descriptors when
its output cannot seek), one chunk at a time. Names inside the archive are built here, never
taken from the learner's file name as is: :func:`safe_member_name` keeps letters, digits and
``._-`` of each part, so no name climbs out of the folder it is unpacked into (``../``), starts
with a dot or a slash, or holds a control character.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

__all__ = ["CHUNK_BYTES", "ZipMember", "safe_member_name", "safe_part", "stream_zip"]

#: Bytes read from a stored file at a time.
CHUNK_BYTES = 256 * 1024
#: Longest part of a member name (file systems allow 255 bytes; UTF-8 letters take up to 4).
MAX_PART = 60
_UNSAFE = re.compile(r"[^\w.\-]+", re.UNICODE)

#: (name inside the zip, a function that opens the file's content for reading, or gives None
#: when the storage no longer holds it).
ZipMember = tuple[str, Callable[[], BinaryIO | None]]


def safe_part(text: str, fallback: str = "file") -> str:
    """One path part: NFC letters, digits and ``._-`` (anything else becomes ``_``), no
    leading dots, at most :data:`MAX_PART` characters, the extension kept."""
    text = unicodedata.normalize("NFC", text)
    cleaned = _UNSAFE.sub("_", text).strip("._") or fallback
    if len(cleaned) > MAX_PART:
        stem, dot, ext = cleaned.rpartition(".")
        if dot and 0 < len(ext) <= 10:
            cleaned = stem[: MAX_PART - len(ext) - 1] + "." + ext
        else:
            cleaned = cleaned[:MAX_PART]
    return cleaned


def safe_member_name(*parts: str) -> str:
    """``a/b/c`` from parts that each pass :func:`safe_part`."""
    return "/".join(safe_part(part) for part in parts)


class _Sink(io.RawIOBase):
    """An output that keeps what was written until it is taken (cannot seek)."""

    def __init__(self) -> None:
        self._chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        self._chunks.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        data = b"".join(self._chunks)
        self._chunks.clear()
        return data


def stream_zip(
    members: Iterable[ZipMember], extra: Iterable[tuple[str, bytes]] = ()
) -> Iterator[bytes]:
    """The zip of ``members`` (and small ``extra`` files written first, a manifest), chunk by
    chunk. Member names must already be safe (:func:`safe_member_name`); a name used twice
    gets ``-2``, ``-3`` before its extension."""
    sink = _Sink()
    used: set[str] = set()

    def unique(name: str) -> str:
        candidate, count = name, 1
        while candidate in used:
            count += 1
            stem, dot, ext = name.rpartition(".")
            candidate = f"{stem}-{count}.{ext}" if dot and "/" not in ext else f"{name}-{count}"
        used.add(candidate)
        return candidate

    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in extra:
            archive.writestr(unique(name), data)
            yield sink.take()
        missing: list[str] = []
        for name, opener in members:
            opened = opener()
            if opened is None:
                missing.append(name)
                continue
            with opened as source, archive.open(unique(name), "w", force_zip64=True) as target:
                while chunk := source.read(CHUNK_BYTES):
                    target.write(chunk)
                    out = sink.take()
                    if out:
                        yield out
            yield sink.take()
        if missing:
            archive.writestr(unique("missing.txt"), "\n".join(missing) + "\n")
    yield sink.take()
