"""Input and output files of the commands: ``-`` for stdin/stdout, whole-or-nothing writes.

Every input is refused beyond ``MAX_INPUT_BYTES`` (before it is read), an output that is also
an input (or another output) is refused before anything is read, and the outputs of a command
are written all or none (a device or pipe such as ``/dev/null`` directly).
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from .._errors import FormatError
from .._files import write_all_or_nothing

__all__ = ["MAX_INPUT_BYTES", "STDIO", "check_files", "read_input", "write_output", "write_outputs"]

STDIO = "-"
#: Largest input file a command reads: about 200,000 people in a people CSV, twice the largest
#: demo organisation (docs/files.md).
MAX_INPUT_BYTES = 20_000_000


def _too_large(name: str) -> FormatError:
    return FormatError(
        name, "", f"larger than {MAX_INPUT_BYTES:,} bytes, the limit of an input file"
    )


def read_input(name: str) -> bytes:
    """The bytes of an input file, or FormatError when it is beyond ``MAX_INPUT_BYTES``."""
    if name == STDIO:
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        if len(data) > MAX_INPUT_BYTES:
            raise _too_large("stdin")
        return data
    with Path(name).open("rb") as source:
        info = os.fstat(source.fileno())
        if stat.S_ISREG(info.st_mode) and info.st_size > MAX_INPUT_BYTES:
            raise _too_large(name)
        data = source.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise _too_large(name)
    return data


def _same(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one does not exist yet: compare where they would be
        return os.path.realpath(a) == os.path.realpath(b)


def check_files(inputs: Iterable[str | None], outputs: Iterable[str | None]) -> None:
    """Refuse an output that is also an input or another output of the command (before any
    work, so no input is ever overwritten). Devices such as ``/dev/null`` may repeat."""
    read = [name for name in inputs if name and name != STDIO]
    written: list[str] = []
    for name in outputs:
        if not name or name == STDIO:
            continue
        if any(_same(name, other) for other in read):
            raise FormatError(name, "", "is also an input of this command; write to another file")
        device = Path(name).exists() and not Path(name).is_file() and not Path(name).is_dir()
        if not device and any(_same(name, other) for other in written):
            raise FormatError(name, "", "is named as two outputs of this command")
        written.append(name)


def write_outputs(files: Sequence[tuple[str, bytes]], *, private: Iterable[str] = ()) -> None:
    """Write every output or none (a failed run leaves no file behind, not even half a one);
    the ``private`` ones readable by their owner only."""
    write_all_or_nothing(
        [(Path(name), data) for name, data in files if name != STDIO],
        private={Path(name) for name in private},
    )
    for name, data in files:
        if name == STDIO:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()


def write_output(name: str, data: bytes) -> None:
    write_outputs([(name, data)])
