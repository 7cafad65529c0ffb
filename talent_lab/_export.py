"""Exported framework files: safe names, whole-or-nothing writes and download links."""

from __future__ import annotations

import base64
import errno
import os
import re
from dataclasses import dataclass
from pathlib import Path

from talent_core import FileWriteError
from talent_core import write_atomically as core_write_atomically

from ._html import Markup, esc
from ._messages import message

__all__ = [
    "DOWNLOAD_LINK_LIMIT",
    "ExportedFile",
    "FileWriteError",
    "download_link",
    "export_filename",
    "write_atomically",
]

#: Beyond this size a data-URI link would bloat the notebook; the file is on disk anyway.
DOWNLOAD_LINK_LIMIT = 5_000_000

#: Per format: the end of the file name and the media type of a download.
_FILE_KINDS: dict[str, tuple[str, str]] = {
    "json": (".json", "application/json"),
    "moodle-csv": ("-moodle.csv", "text/csv"),
    "case": ("-case.json", "application/json"),
    "openedx-taxonomy-csv": ("-openedx-taxonomy.csv", "text/csv"),
    "openedx-taxonomy-json": ("-openedx-taxonomy.json", "application/json"),
    "csv": (".csv", "text/csv"),
}


def export_filename(framework_id: str, fmt: str) -> str:
    """A file name from the framework id that cannot leave the folder (ids may hold ``/``)."""
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", framework_id).strip(".-") or "framework"
    return stem + _FILE_KINDS.get(fmt, (f".{fmt}", ""))[0]


@dataclass(frozen=True, slots=True)
class ExportedFile:
    """A framework written to disk, with what a download link needs."""

    path: Path
    data: bytes
    fmt: str

    @property
    def media_type(self) -> str:
        return _FILE_KINDS.get(self.fmt, ("", "application/octet-stream"))[1]

    def data_uri(self) -> str | None:
        """A ``data:`` URI of the content, or None when the file is too large for one."""
        if len(self.data) > DOWNLOAD_LINK_LIMIT:
            return None
        return f"data:{self.media_type};base64,{base64.b64encode(self.data).decode('ascii')}"


def download_link(exported: ExportedFile, language: str) -> Markup:
    """A link that downloads the file, or a pointer to the file browser when it is too large."""
    uri = exported.data_uri()
    if uri is None:
        return Markup(f"<p>{esc(message('export.no_link', language))}</p>")
    name = exported.path.name
    return Markup(
        f'<p><a download="{esc(name)}" href="{esc(uri)}">'
        f"{esc(message('export.download', language, file=name))}</a></p>"
    )


def write_atomically(path: Path, data: bytes) -> None:
    """Write via a temporary file and rename, so a failed export never leaves half a file.

    Raises FileWriteError naming the folder or file that could not be written.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:  # mkdir's "File exists" would puzzle: a file is in the way
        raise FileWriteError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(path.parent)) from None
    except OSError as error:
        raise FileWriteError(error.errno, error.strerror, str(path.parent)) from None
    core_write_atomically(path, data, folder_name=path.parent)
