"""Input and output files of the commands: ``-`` for stdin/stdout, whole-or-nothing writes."""

from __future__ import annotations

import sys
from pathlib import Path

from .._files import write_atomically

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
    write_atomically(Path(name), data)
