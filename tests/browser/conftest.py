"""A real workbench server per test process, driven by headless Debian chromium.

Each xdist worker starts its own ``runserver`` on a free port, with its own directory and
SQLite database, so workers never share state. Pages: ``workbench_url + "/scenario/..."``.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
START_TIMEOUT_S = 60


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _answers(url: str) -> bool:
    """The first page builds every scenario (seconds); a second request made while that runs
    would find the workbench's scenario list half full, so wait for the first one."""
    try:
        with urllib.request.urlopen(url, timeout=START_TIMEOUT_S) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


@pytest.fixture(scope="session")
def workbench_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a freshly migrated workbench with this project's blocks."""
    home = tmp_path_factory.mktemp("workbench")
    var = home / "var"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "xblocks.workbench.settings",
        "TALENT_WORKBENCH_VAR": str(var),
        "WORKBENCH_DATABASES": json.dumps(
            {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(var / "wb.db")}}
        ),
        "PYTHONWARNINGS": "ignore",
    }
    django = [sys.executable, "-m", "django"]
    subprocess.run(
        [*django, "migrate", "--noinput", "-v", "0"], cwd=home, env=env, check=True, timeout=120
    )
    subprocess.run(
        [*django, "createcachetable", "-v", "0"], cwd=home, env=env, check=True, timeout=120
    )
    port = _free_port()
    log = (home / "server.log").open("wb")
    server = subprocess.Popen(
        [*django, "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=home,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not _answers(url + "/"):
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"workbench did not start: {Path(log.name).read_text()}")
            time.sleep(0.3)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()
