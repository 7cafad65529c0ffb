"""The interoperability files in ``../shared`` next to the project: real-world files (a Moodle
export, Open Badges schemas) that no one on this project wrote, so they are not in the repo.

A test that needs one asks :func:`shared_file`, which skips it with the reason when the folder
is absent (a fresh clone), and fails it instead when ``TALENT_REQUIRE_SHARED=1`` (CI, so the
files are never silently left out there). ``TALENT_SHARED_DIR`` points at another folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

__all__ = ["SHARED", "shared_file"]

SHARED = Path(
    os.environ.get("TALENT_SHARED_DIR") or Path(__file__).resolve().parents[1].parent / "shared"
)


def shared_file(*parts: str) -> Path:
    """``SHARED/<parts>``, or skip (fail in CI) the calling test when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.is_file():
        reason = (
            f"{path} is absent: the shared interoperability files live in ../shared next to "
            "the project (README, 'Shared test files'); set TALENT_SHARED_DIR to another folder"
        )
        if os.environ.get("TALENT_REQUIRE_SHARED") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return path
