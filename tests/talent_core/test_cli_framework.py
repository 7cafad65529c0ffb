import json
import subprocess
import sys
from pathlib import Path

import pytest

import talent_core as tc
from talent_core.cli import main
from talent_core.formats import framework_json_schema, read_framework, write_framework

TALENT = Path(sys.executable).parent / "talent"


@pytest.fixture
def oecd(oecd_csv_path: Path) -> Path:
    return oecd_csv_path


def test_validate_prints_a_summary(oecd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["framework", "validate", str(oecd)]) == 0
    out = capsys.readouterr().out
    assert out == f"{oecd}: valid: OECD-CORE: 3 clusters, 15 competencies, 39 indicators\n"


def test_validate_lists_every_problem(
    oecd: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.csv"
    text = oecd.read_text("utf-8").replace("delivery,teamwork,", "nowhere,teamwork,")
    broken.write_text(text.replace("\ninterpersonal,client-focus,", "\ninterpersonal,teamwork,"))
    assert main(["framework", "validate", str(broken)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"{broken}, row 18 (line 48), column 'Parent id number': unknown parent 'nowhere'",
        f"{broken}, row 19 (line 58), column 'Id number': duplicate node id 'teamwork'",
        # The three indicators of the competency whose id was overwritten lose their parent.
        *(
            f"{broken}, row {row} (line {line}), column 'Parent id number': "
            "unknown parent 'client-focus'"
            for row, line in ((43, 151), (44, 154), (45, 156))
        ),
        "talent: error: 5 problems found",
    ]


def test_convert_through_every_format(
    oecd: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case, native, tags = tmp_path / "oecd.case.json", tmp_path / "oecd.json", tmp_path / "t.json"
    assert main(["framework", "convert", str(oecd), "--to", "case", "-o", str(case)]) == 0
    assert "talent: note: case: framework id not kept" in capsys.readouterr().err
    assert main(["framework", "convert", str(case), "--to", "json", "-o", str(native)]) == 0
    assert capsys.readouterr().err == ""
    framework = read_framework(native.read_bytes(), "oecd.json")
    assert len(framework.competencies()) == 15
    assert (
        main(["framework", "convert", str(native), "--to", "openedx-taxonomy", "-o", str(tags)])
        == 0
    )
    assert len(json.loads(tags.read_text())["tags"]) == 3 + 15 + 39
    moodle = tmp_path / "back.csv"
    args = ["framework", "convert", str(native), "--to", "moodle-csv", "-o", str(moodle)]
    assert main([*args, "--language", "sv"]) == 0
    assert "Analytical Thinking" in moodle.read_text("utf-8")  # no Swedish text: falls back


def test_convert_writes_nothing_when_the_input_is_bad(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad, out = tmp_path / "bad.json", tmp_path / "out.csv"
    bad.write_text('{"id": "x",')
    out.write_text("keep me")
    assert main(["framework", "convert", str(bad), "--to", "moodle-csv", "-o", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"talent: error: {bad}, line 1, column 12: invalid JSON: Expecting property name "
        "enclosed in double quotes\n"
    )
    assert out.read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json", "out.csv"]  # no temp file


def test_taxonomy_output_needs_csv_or_json(
    oecd: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "tags.txt"
    assert (
        main(["framework", "convert", str(oecd), "--to", "openedx-taxonomy", "-o", str(out)]) == 2
    )
    assert (
        capsys.readouterr().err
        == f"talent: error: {out}: name the Open edX taxonomy file .csv or .json, or choose "
        "--to openedx-taxonomy-csv or openedx-taxonomy-json\n"
    )
    assert not out.exists()


def test_schema_command_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["framework", "schema"]) == 0
    assert json.loads(capsys.readouterr().out) == framework_json_schema()


@pytest.mark.parametrize("command", [[], ["convert"], ["validate"], ["schema"]])
def test_every_command_has_help(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["framework", *command, "--help"])
    assert info.value.code == 0
    assert "usage: talent framework" in capsys.readouterr().out


def test_installed_console_script(tmp_path: Path) -> None:
    bad = tmp_path / "fw.csv"
    bad.write_text("just,some,columns\n1,2,3\n")
    run = subprocess.run(
        [str(TALENT), "framework", "validate", str(bad)], capture_output=True, text=True
    )
    assert run.returncode == 2
    assert run.stderr.startswith(f"{bad}: cannot tell the format")
    assert "Traceback" not in run.stderr
    out = tmp_path / "demo.json"
    demo = tmp_path / "demo-in.json"
    demo.write_bytes(write_framework(tc.demo_framework(), "json"))
    run = subprocess.run(
        [str(TALENT), "framework", "convert", str(demo), "--to", "json", "-o", str(out)],
        capture_output=True,
        text=True,
    )
    assert (run.returncode, run.stderr) == (0, "")
    assert out.read_bytes() == demo.read_bytes()


def test_missing_input_and_unwritable_output_are_named_without_errno(
    oecd: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.csv"
    assert main(["framework", "validate", str(missing)]) == 2
    assert capsys.readouterr().err == f"talent: error: {missing}: No such file or directory\n"
    for out in (tmp_path / "no-such-dir" / "x.json", tmp_path):
        assert main(["framework", "convert", "--to", "json", "-o", str(out), str(oecd)]) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"talent: error: {out}: ") and "Errno" not in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no temporary file left behind


def test_written_files_are_readable_by_others_like_any_saved_file(
    oecd: Path, tmp_path: Path
) -> None:
    out = tmp_path / "oecd.json"
    assert main(["framework", "convert", "--to", "json", "-o", str(out), str(oecd)]) == 0
    assert out.stat().st_mode & 0o777 == 0o644  # not mkstemp's owner-only 0600


@pytest.mark.parametrize("form", ["csv", "json"])
def test_open_edx_taxonomy_to_stdout_names_its_form(
    oecd: Path, form: str, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    args = ["framework", "convert", "--to", f"openedx-taxonomy-{form}", "-o", "-", str(oecd)]
    assert main(args) == 0
    expected = write_framework(
        read_framework(oecd.read_bytes(), "oecd.csv"), f"openedx-taxonomy-{form}"
    )
    assert capsysbinary.readouterr().out == expected
    assert main(["framework", "convert", "--to", "openedx-taxonomy", "-o", "-", str(oecd)]) == 2
    assert "openedx-taxonomy-csv" in capsysbinary.readouterr().err.decode()
