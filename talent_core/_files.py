"""Whole-or-nothing file writes, shared by the command line and the notebooks."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["FileWriteError", "write_atomically"]


class FileWriteError(OSError):
    """A file that could not be written, named as the user asked for it (never a temporary file)."""

    def __str__(self) -> str:
        return f"{self.filename}: {self.strerror}"


def _named(error: OSError, name: Path | str) -> FileWriteError:
    return FileWriteError(error.errno, error.strerror or str(error), str(name))


def write_atomically(path: Path, data: bytes, *, folder_name: Path | str | None = None) -> None:
    """Write via a temporary file and rename, so a failure never leaves half a file behind.

    The file gets the usual 0644 (mkstemp's 0600 would hide it from the team). Errors name
    ``path`` (or ``folder_name`` when the temporary file cannot be made in the folder).
    """
    try:
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise _named(error, path if folder_name is None else folder_name) from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            os.fchmod(out.fileno(), 0o644)
        os.replace(temporary, path)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise _named(error, path) from None
        raise
