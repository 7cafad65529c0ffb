"""The core must stay importable without any platform: no Django, XBlock or widget imports."""

import subprocess
import sys

FORBIDDEN = ("django", "xblock", "ipywidgets", "IPython", "web_fragments", "workbench")


def test_import_talent_core_pulls_in_no_platform_module() -> None:
    code = (
        "import sys, pkgutil, importlib, talent_core\n"
        "for m in pkgutil.walk_packages(talent_core.__path__, 'talent_core.'):\n"
        "    importlib.import_module(m.name)\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout.split()
    loaded = {name.split(".")[0] for name in out}
    assert "talent_core" in loaded
    assert not loaded & set(FORBIDDEN), loaded & set(FORBIDDEN)
