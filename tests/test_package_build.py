"""Building the package is quiet and ships every data file the code reads.

An install that prints hundreds of setuptools warnings ("Package 'talent_core.data' is absent
from the `packages` configuration") tells a newcomer something is broken; the data folders are
declared as packages so the build says nothing of the kind.
"""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("talent_core", "talent_lab", "xblocks")


def _tracked_data_files() -> set[str]:
    out = subprocess.run(
        ["git", "ls-files", *PACKAGES], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return {line for line in out.splitlines() if line and not line.endswith(".py")}


def test_wheel_builds_without_warnings_and_holds_every_data_file(tmp_path: Path) -> None:
    source = tmp_path / "src"
    files = subprocess.run(
        ["git", "ls-files", "setup.cfg", "pyproject.toml", "README.md", *PACKAGES],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    for name in files:
        target = source / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((ROOT / name).read_bytes())
    pip_wheel = [sys.executable, "-m", "pip", "wheel", "-v", "--no-deps", "--no-build-isolation"]
    build = subprocess.run(
        [*pip_wheel, "-w", str(tmp_path / "dist"), str(source)],
        capture_output=True,
        text=True,
        check=True,
    )
    output = build.stdout + build.stderr
    assert "absent from the `packages` configuration" not in output
    assert "BuildBackendWarning" not in output
    assert "SetuptoolsDeprecationWarning" not in output
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    shipped = set(zipfile.ZipFile(wheel).namelist())
    assert _tracked_data_files() - shipped == set()
    assert not [name for name in shipped if "__pycache__" in name]
