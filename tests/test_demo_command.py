"""`make demo`'s script brings up both servers, prints their URLs and stops both on Ctrl-C."""

import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, response.read().decode("utf-8", "replace")


@pytest.mark.browser
def test_demo_starts_workbench_and_jupyterlab_and_ctrl_c_stops_both(tmp_path: Path) -> None:
    wb_port, lab_port = _free_port(), _free_port()
    copies = tmp_path / "notebooks"
    env = {
        **os.environ,
        "TALENT_WORKBENCH_VAR": str(tmp_path / "var"),
        "TALENT_NOTEBOOKS": str(copies),
    }
    process = subprocess.Popen(
        ["scripts/demo.sh", str(wb_port), str(lab_port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    assert process.stdout is not None
    lines: list[str] = []
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            lines.append(line)
            if "Ctrl-C" in line:
                break
        output = "".join(lines)
        assert "Ctrl-C" in output, output
        workbench = re.search(r"http://127\.0\.0\.1:\d+/(?=\s)", output)
        lab = re.search(r"http://127\.0\.0\.1:\d+/lab\?token=(\S+)", output)
        assert workbench and lab, output
        status, index = _get(workbench.group(0))
        assert status == 200 and "Talent course" in index
        course = re.search(r'href="/(scenario/[^"]+)"[^>]*>\s*Talent course', index)
        assert course, index
        status, page = _get(f"{workbench.group(0)}{course.group(1)}?student=learner_1")
        assert status == 200 and "competency" in page.lower()
        status, lab_status = _get(f"http://127.0.0.1:{lab_port}/api/status?token={lab.group(1)}")
        assert status == 200 and "started" in lab_status
        status, contents = _get(f"http://127.0.0.1:{lab_port}/api/contents?token={lab.group(1)}")
        assert "01_competency_framework.ipynb" in contents
        # JupyterLab opens working copies, so autosave never dirties the tracked notebooks
        tracked = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
        assert sorted(p.name for p in copies.glob("*.ipynb")) == tracked
        assert f'"path": "{tracked[0]}"' in contents or tracked[0] in contents
        assert str(copies) in output or "working copies" in output
    finally:
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=60)
    for port in (wb_port, lab_port):
        with socket.socket() as s:
            assert s.connect_ex(("127.0.0.1", port)) != 0, f"port {port} still open after Ctrl-C"
