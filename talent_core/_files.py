"""Whole-or-nothing file writes, shared by the command line and the notebooks.

A regular file is written through a temporary file in its folder and renamed over the old one,
so a failure never leaves half a file. A device or a pipe (``/dev/null``, ``/dev/stdout``, a
named pipe) is written directly: renaming over it would replace the device with a file.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Collection, Sequence
from pathlib import Path

from ._errors import TalentError

__all__ = ["FileWriteError", "write_all_or_nothing", "write_atomically"]


class FileWriteError(TalentError, OSError):
    """A file that could not be written, named as the user asked for it (never a temporary file)."""

    def __str__(self) -> str:
        return f"{self.filename}: {self.strerror}"


def _named(error: OSError, name: Path | str) -> FileWriteError:
    return FileWriteError(error.errno, error.strerror or str(error), str(name))


def is_device_or_pipe(path: Path) -> bool:
    """Whether ``path`` exists and is neither a regular file nor a folder."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _write_directly(path: Path, data: bytes) -> None:
    try:
        with path.open("wb") as out:
            out.write(data)
    except OSError as error:
        raise _named(error, path) from None


def _stage(path: Path, data: bytes, folder_name: Path | str | None, mode: int = 0o644) -> Path:
    """``data`` in a temporary file next to ``path`` (0644, as any saved file, unless ``mode``
    says otherwise), not yet renamed."""
    try:
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise _named(error, path if folder_name is None else folder_name) from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            os.fchmod(out.fileno(), mode)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise _named(error, path) from None
        raise
    return Path(temporary)


def _commit(temporary: Path, path: Path) -> None:
    try:
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise _named(error, path) from None


def write_atomically(path: Path, data: bytes, *, folder_name: Path | str | None = None) -> None:
    """Write via a temporary file and rename, so a failure never leaves half a file behind.

    The file gets the usual 0644 (mkstemp's 0600 would hide it from the team). Errors name
    ``path`` (or ``folder_name`` when the temporary file cannot be made in the folder). A device
    or pipe is written directly.
    """
    if is_device_or_pipe(path):
        _write_directly(path, data)
        return
    _commit(_stage(path, data, folder_name), path)


def write_all_or_nothing(
    files: Sequence[tuple[Path, bytes]], *, private: Collection[Path] = ()
) -> None:
    """Write several files so that a failure leaves none of them new: every regular file is
    staged first, and only when all are staged are they renamed into place. The ``private``
    ones (a signing key) are readable by their owner only (0600) from the start."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in files:
            if not is_device_or_pipe(path):
                mode = 0o600 if path in private else 0o644
                staged.append((_stage(path, data, None, mode), path))
    except BaseException:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise
    for temporary, path in staged:
        _commit(temporary, path)
    for path, data in files:
        if is_device_or_pipe(path):
            _write_directly(path, data)
