"""Input and output files of the commands: ``-`` for stdin/stdout, whole-or-nothing writes."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

__all__ = ["STDIO", "read_input", "write_output"]

STDIO = "-"


def read_input(name: str) -> bytes:
    return sys.stdin.buffer.read() if name == STDIO else Path(name).read_bytes()


def write_output(name: str, data: bytes) -> None:
    """Write whole or not at all: a failed run never leaves half a file behind."""
    if name == STDIO:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    path = Path(name)
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    except OSError as error:  # name the file asked for, not the temporary one beside it
        raise type(error)(error.errno, error.strerror, name) from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            os.fchmod(out.fileno(), 0o644)  # mkstemp's 0600 would hide the file from the team
        os.replace(temporary, path)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise type(error)(error.errno, error.strerror, name) from None
        raise
