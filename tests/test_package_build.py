"""Building the package is quiet and ships every data file the code reads; the wheel installs
into a clean venv, where every block loads, and leaves the workbench stand-in out.

An install that prints hundreds of setuptools warnings ("Package 'talent_core.data' is absent
from the `packages` configuration") tells a newcomer something is broken; the data folders are
declared as packages so the build says nothing of the kind.
"""

import functools
import json
import os
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

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


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The wheel and the sdist, as ``python -m build`` makes them from the tracked files."""
    source = tmp_path_factory.mktemp("source")
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
    out = source / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "-o", str(out), str(source)],
        capture_output=True,
        check=True,
    )
    (wheel,) = out.glob("*.whl")
    (sdist,) = out.glob("*.tar.gz")
    return wheel, sdist


def test_wheel_and_sdist_ship_what_the_lms_needs_and_not_the_workbench(
    built: tuple[Path, Path],
) -> None:
    wheel, sdist = built
    in_wheel = set(zipfile.ZipFile(wheel).namelist())
    root = sdist.name.removesuffix(".tar.gz") + "/"
    with tarfile.open(sdist) as archive:
        in_sdist = {name.removeprefix(root) for name in archive.getnames()}
    for shipped in (in_wheel, in_sdist):
        assert not [name for name in shipped if name.startswith("xblocks/workbench/")]
        for language in ("en", "sv", "nl"):
            assert f"xblocks/translations/{language}/LC_MESSAGES/text.mo" in shipped
        assert "talent_core/data/demo_framework.json" in shipped
        assert "xblocks/templates/development_plan.html" in shipped
        assert any(name.startswith("xblocks/static/") for name in shipped)


#: Run in the clean venv: every block of this distribution's xblock.v1 entry points loads.
_LOAD_BLOCKS = """
import json, sys
from importlib.metadata import distribution
points = [p for p in distribution("talent-development").entry_points if p.group == "xblock.v1"]
loaded = {p.name: p.load().__name__ for p in points}
print(json.dumps({"blocks": loaded, "modules": sorted(m for m in sys.modules
    if m.split(".")[0] in {"scipy", "pandas", "ipywidgets", "plotly", "workbench"})}))
"""


def test_wheel_installs_into_a_clean_venv_where_every_block_loads(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    """The LMS brings Django (xblock.utils needs it): the clean venv gets the platform's."""
    wheel = built[0]
    env = tmp_path / "venv"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    master_pins = ROOT / "requirements" / "platforms" / "master.txt"
    install = [python, "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    run = functools.partial(subprocess.run, capture_output=True, env=clean, cwd=tmp_path)
    done = run([*install, str(wheel), "Django", "-c", str(master_pins)], text=True)
    assert done.returncode == 0, done.stderr
    installed = run([python, "-m", "pip", "list", "--format=json"], check=True).stdout
    names = {p["name"].lower() for p in json.loads(installed)}
    assert not names & {"scipy", "pandas", "jupyterlab", "ipywidgets", "plotly"}  # the [lab] extra
    result = run([python, "-c", _LOAD_BLOCKS], text=True)
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded == {
        "blocks": {
            "competency_explorer": "CompetencyExplorerBlock",
            "competency_assessment": "CompetencyAssessmentBlock",
            "development_dialogue": "DevelopmentDialogueBlock",
            "development_plan": "DevelopmentPlanBlock",
            "peer_group": "PeerGroupBlock",
            "prior_learning_portfolio": "PriorLearningPortfolioBlock",
        },
        "modules": [],
    }
