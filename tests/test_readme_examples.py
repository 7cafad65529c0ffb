"""Every command example in the README runs as written, in a fresh folder, and succeeds."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _bash_blocks() -> list[str]:
    text = (ROOT / "README.md").read_text("utf-8")
    return re.findall(r"```bash\n(.*?)```", text, flags=re.S)


def test_every_talent_example_of_the_readme_runs_as_written(tmp_path: Path) -> None:
    [examples] = [block for block in _bash_blocks() if "talent " in block]
    lines = [line for line in examples.splitlines() if line.strip()]
    assert lines[0].startswith("talent demo-files"), "the examples start from the example files"
    script = tmp_path / "examples.sh"
    script.write_text("set -euo pipefail\n" + examples, "utf-8")
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    run = subprocess.run(
        ["bash", str(script)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600
    )
    assert run.returncode == 0, run.stderr
    written = tmp_path / "talent-examples"
    for name in (
        "framework.json",
        "roles.json",
        "groups.csv",
        "teams.csv",
        "pairs.csv",
        "chain.csv",
    ):
        assert (written / name).stat().st_size > 0, name
    tokens = sorted((written / "credentials").glob("*/*.jwt"))
    assert tokens and run.stdout.count("(Competency)") == len(tokens)
    for token in tokens:
        assert (token.parent / "experience_profile.html").stat().st_size > 0


def test_every_command_help_points_at_the_input_file_columns() -> None:
    from talent_core.cli import build_parser

    parser = build_parser()
    pending = [parser]
    seen = 0
    while pending:
        current = pending.pop()
        assert "docs/input-files.md" in current.format_help(), current.prog
        seen += 1
        for action in current._actions:
            choices = getattr(action, "choices", None)
            if isinstance(choices, dict):
                pending.extend(choices.values())
    assert seen >= 10
    assert (ROOT / "docs" / "input-files.md").exists()
