"""Benchmark of the ``talent`` command's input limits: time and peak memory per case.

Run ``.venv/bin/python bench/cli_files.py`` (``--quick`` for smaller files). Each case runs
``talent groups design`` in its own process, so peak memory (ru_maxrss) is that command's:

- a 200 MB people file (sparse, so it costs no disk): refused by its size before reading;
- a people file just under the 20 MB limit with a duplicate id in row 3: the reader stops
  at row 3, decoding nothing beyond it;
- 100,000 people with ``--time-limit 30``: the whole command (reading, search, scoring,
  writing) finishes within the limit.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = """
import json, resource, sys, time
from talent_core.cli import main
began = time.perf_counter()
code = main(sys.argv[1:])
print(json.dumps({"code": code, "seconds": time.perf_counter() - began,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run(*argv: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, *argv],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    message = done.stderr.strip().splitlines()
    print(f"    exit {figures['code']:.0f}; {message[0] if message else ''}")
    return figures


def people_file(path: Path, size: int) -> None:
    from talent_core import generate_organisation, write_people_csv

    path.write_text(write_people_csv(generate_organisation(size, seed=1)), "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller files")
    quick = parser.parse_args().quick
    sys.path.insert(0, str(ROOT))
    from talent_core.cli._files import MAX_INPUT_BYTES

    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        out = str(tmp / "groups.csv")
        design = ["groups", "design", "--mixed-language", "-o", out]

        huge = tmp / "huge.csv"
        with huge.open("wb") as f:
            f.truncate(200_000_000)
        print("200 MB people file (over the limit):")
        figures = run(*design, str(huge))
        print(f"    {figures['seconds']:.2f} s, peak {figures['peak_mb']:.0f} MB")

        size = 20_000 if quick else 100_000
        people = tmp / "people.csv"
        people_file(people, size)
        lines = people.read_text("utf-8").splitlines(keepends=True)
        duplicate = tmp / "duplicate.csv"
        body = "".join(lines[1:])
        copies = max(1, (MAX_INPUT_BYTES - 1_000) // len(body.encode()))
        with duplicate.open("w", encoding="utf-8") as f:
            f.write(lines[0] + lines[1] + lines[1])
            for _ in range(copies):
                f.write(body)
        megabytes = duplicate.stat().st_size / 1e6
        print(f"{megabytes:.1f} MB people file, duplicate id in row 3:")
        figures = run(*design, str(duplicate))
        print(f"    {figures['seconds']:.2f} s, peak {figures['peak_mb']:.0f} MB")

        limit = 30
        print(f"{size:,} people, --time-limit {limit}:")
        began = time.perf_counter()
        figures = run(*design, "--time-limit", str(limit), str(people))
        wall = time.perf_counter() - began
        print(
            f"    {figures['seconds']:.1f} s in the command ({wall:.1f} s with start-up), "
            f"peak {figures['peak_mb']:.0f} MB"
        )


if __name__ == "__main__":
    main()
