"""Inputs and outputs of ``talent``: never overwrite an input, devices stay devices, no file left
behind by a failed command, inputs beyond the documented size refused in one line."""

from __future__ import annotations

import os
import stat
import threading
import time
from pathlib import Path

import pytest

import talent_core as tc
from talent_core.cli import main
from talent_core.cli._files import MAX_INPUT_BYTES
from talent_core.formats import write_framework


@pytest.fixture
def people(tmp_path: Path) -> Path:
    path = tmp_path / "people.csv"
    path.write_text(tc.write_people_csv(tc.generate_organisation(40, seed=2)), "utf-8")
    return path


@pytest.fixture
def framework(tmp_path: Path) -> Path:
    path = tmp_path / "fw.json"
    path.write_bytes(write_framework(tc.demo_framework(), "json"))
    return path


def design(people: Path, *options: str) -> list[str]:
    return ["groups", "design", str(people), "--mixed-language", "--size", "4-6", *options]


def one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    return err


def test_an_output_that_is_an_input_is_refused_and_the_input_kept(
    framework: Path, people: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = framework.read_bytes()
    code = main(["framework", "convert", str(framework), "--to", "case", "-o", str(framework)])
    assert code == 2 and framework.read_bytes() == before
    assert "is also an input of this command" in one_line(capsys)
    same_by_another_name = str(people.parent / "." / people.name)
    assert main(design(people, "-o", same_by_another_name)) == 2
    assert "is also an input" in one_line(capsys)
    link = people.parent / "link.csv"
    link.symlink_to(people)
    assert main(design(people, "-o", str(link))) == 2
    assert tc.read_people_csv(people.read_bytes(), "p")  # still the people
    one_line(capsys)


def test_teams_csv_over_its_groups_is_refused(
    people: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    groups = tmp_path / "groups.csv"
    assert main(design(people, "-o", str(groups))) == 0
    before = groups.read_bytes()
    capsys.readouterr()
    code = main(
        [
            "groups",
            "teams-csv",
            str(groups),
            "--people",
            str(people),
            "--teamset",
            "t",
            "-o",
            str(groups),
        ]
    )
    assert code == 2 and groups.read_bytes() == before
    assert "is also an input" in one_line(capsys)


def test_report_and_output_on_one_file_are_refused(
    people: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.csv"
    assert main(design(people, "--report", str(out), "-o", str(out))) == 2
    assert "named as two outputs" in one_line(capsys) and not out.exists()


def test_a_failed_command_leaves_no_file_behind(
    people: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "r.csv"
    missing = tmp_path / "missing" / "g.csv"
    assert main(design(people, "--report", str(report), "-o", str(missing))) == 2
    assert "missing" in one_line(capsys)
    assert sorted(tmp_path.iterdir()) == [people]


def test_dev_null_stays_a_device(people: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(design(people, "-o", "/dev/null", "--report", "/dev/null")) == 0
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_named_pipe_is_written_directly(people: Path, tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()
    assert main(design(people, "-o", str(pipe))) == 0
    reader.join(timeout=30)
    assert received and received[0].startswith(b"id,group\n")
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)


def test_an_input_beyond_the_limit_is_refused_unread(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as out:
        out.truncate(MAX_INPUT_BYTES + 1)  # sparse: nothing is really written or read
    assert main(design(huge, "-o", str(tmp_path / "g.csv"))) == 2
    assert one_line(capsys) == (
        f"talent: error: {huge}: larger than 20,000,000 bytes, the limit of an input file\n"
    )


def test_the_time_limit_covers_the_whole_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "big.csv"
    big.write_text(tc.write_people_csv(tc.generate_organisation(20_000, seed=1)), "utf-8")
    out = tmp_path / "g.csv"
    began = time.monotonic()
    assert main(design(big, "--time-limit", "0.3", "-o", str(out), "--report", str(out))) == 2
    assert "named as two outputs" in one_line(capsys)  # checked before any work
    # 10 ms: far less than reading 20,000 people takes on any machine, so the limit runs out.
    assert main(design(big, "--time-limit", "0.01", "-o", str(out))) == 2
    assert time.monotonic() - began < 15  # far below a whole design, room for a busy CI machine
    assert one_line(capsys).startswith("talent: error: --time-limit 0.01: the time ran out")
    assert not out.exists() and sorted(tmp_path.iterdir()) == [big]


def test_within_the_time_limit_the_search_gets_what_reading_left(
    people: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "g.csv"
    began = time.monotonic()
    assert main(design(people, "--time-limit", "3", "-o", str(out))) == 0
    assert time.monotonic() - began < 3
    assert out.read_text("utf-8").startswith("id,group\n")
    capsys.readouterr()


def test_an_alarm_swallowed_by_the_work_still_ends_the_command() -> None:
    """The search may catch broad exceptions; the limit holds at ``stop`` all the same."""
    import contextlib

    from talent_core.cli._time import TimeLimitError, time_limit

    with pytest.raises(TimeLimitError), time_limit(0.01) as clock:
        with contextlib.suppress(TimeLimitError):  # the work swallows the alarm
            time.sleep(0.05)
        clock.stop()
    with time_limit(5) as clock:
        clock.stop()  # within the limit: no error
