"""The layers import inwards only: the core loads no platform, the notebooks' code no LMS."""

import subprocess
import sys

import pytest

#: What the core must not load: the LMS's and the notebooks' platforms.
PLATFORMS = ("django", "xblock", "ipywidgets", "IPython", "web_fragments", "workbench", "webob")
#: What the notebooks' code must not load: the blocks and the LMS they run in.
LMS = ("xblocks", "django", "xblock", "web_fragments", "workbench", "webob")


def loaded_by_importing_every_module_of(package: str) -> set[str]:
    code = (
        f"import sys, pkgutil, importlib, {package}\n"
        f"for m in pkgutil.walk_packages({package}.__path__, '{package}.'):\n"
        "    importlib.import_module(m.name)\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout.split()
    return {name.split(".")[0] for name in out}


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("talent_core", PLATFORMS),
        ("talent_lab", LMS),
    ],
)
def test_a_layer_pulls_in_no_outer_module(package: str, forbidden: tuple[str, ...]) -> None:
    if package == "talent_lab":  # the notebooks' code needs the [lab] extra (not in an LMS image)
        pytest.importorskip("ipywidgets", reason="talent_lab needs the [lab] extra")
        pytest.importorskip("pandas", reason="talent_lab needs the [lab] extra")
    loaded = loaded_by_importing_every_module_of(package)
    assert package in loaded
    assert not loaded & set(forbidden), loaded & set(forbidden)
