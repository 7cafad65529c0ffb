"""``talent roles validate`` and ``talent roles convert``: every problem named, exit 2, nothing
left behind on failure, the output never an input."""

from __future__ import annotations

from pathlib import Path

import pytest

import talent_core as tc
from talent_core.cli import main
from talent_core.formats import read_roles, write_framework, write_roles

FRAMEWORK = tc.demo_framework()
FIRST = FRAMEWORK.competencies()[0].id


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {
        "framework": tmp_path / "framework.json",
        "csv": tmp_path / "roles.csv",
        "json": tmp_path / "roles.json",
    }
    paths["framework"].write_bytes(write_framework(FRAMEWORK, "json"))
    paths["csv"].write_bytes(write_roles(tc.demo_roles(), "csv"))
    paths["json"].write_bytes(write_roles(tc.demo_roles(), "json"))
    return paths


def test_validate_prints_a_summary(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["roles", "validate", str(files["csv"]), "--framework", str(files["framework"])]) == 0
    )
    requirements = sum(len(r.requirements) for r in tc.demo_roles())
    assert capsys.readouterr().out == (
        f"{files['csv']}: valid: 5 roles, {requirements} requirements, all fit talent-demo\n"
    )
    assert main(["roles", "validate", str(files["json"])]) == 0


def test_validate_names_every_problem_and_exits_2(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "role_id,name_en,competency_id,level,importance\n"
        f"lead,Lead,ghost,2,3\nlead,Lead,{FIRST},9,6\nlead,Lead,{FIRST},1,1\n=1+2,x,{FIRST},1,1\n",
        "utf-8",
    )
    code = main(["roles", "validate", str(bad), "--framework", str(files["framework"])])
    assert code == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{bad}, row 2, column 'competency_id': unknown competency 'ghost'",
        f"{bad}, row 3, column 'importance': importance 6 is not from 1 to 5",
        f"{bad}, row 3, column 'level': 9 is not on scale 'talent-demo-4' [1, 2, 3, 4]",
        f"{bad}, row 4, column 'competency_id': role 'lead' already asks for {FIRST!r} in row 3",
        f"{bad}, row 5, column 'role_id': the cell holds a spreadsheet formula (=1+2); a role "
        "file holds text and numbers only",
        "talent: error: 5 problems found",
    ]


def test_convert_between_csv_and_json(files: dict[str, Path], tmp_path: Path) -> None:
    out_json, out_csv = tmp_path / "out.json", tmp_path / "out.csv"
    assert main(["roles", "convert", str(files["csv"]), "--to", "json", "-o", str(out_json)]) == 0
    assert out_json.read_bytes() == files["json"].read_bytes()
    assert main(["roles", "convert", str(out_json), "--to", "csv", "-o", str(out_csv)]) == 0
    assert out_csv.read_bytes() == files["csv"].read_bytes()
    assert read_roles(out_csv.read_bytes(), "out.csv", FRAMEWORK) == tc.demo_roles()


def test_a_refused_convert_writes_nothing(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad, out = tmp_path / "bad.csv", tmp_path / "out.json"
    bad.write_text("role_id,name_en,competency_id,level,importance\nx,X,ghost,1,1\n", "utf-8")
    argv = ["roles", "convert", str(bad), "--to", "json", "-o", str(out)]
    assert main([*argv, "--framework", str(files["framework"])]) == 2
    assert capsys.readouterr().err == (
        f"talent: error: {bad}, row 2, column 'competency_id': unknown competency 'ghost'\n"
    )
    assert not out.exists()
    assert main(argv) == 0  # without a framework only the file itself is checked


def test_the_output_may_not_be_an_input(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    before = files["csv"].read_bytes()
    argv = ["roles", "convert", str(files["csv"]), "--to", "json", "-o", str(files["csv"])]
    assert main(argv) == 2
    assert "is also an input of this command" in capsys.readouterr().err
    framework_out = [
        "roles", "convert", str(files["csv"]), "--framework", str(files["framework"]),
        "--to", "csv", "-o", str(files["framework"]),
    ]  # fmt: skip
    assert main(framework_out) == 2
    assert files["csv"].read_bytes() == before


def test_an_unknown_target_is_a_usage_error(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["roles", "convert", str(files["csv"]), "--to", "xml", "-o", "-"])
    assert exit_.value.code == 2
    assert "invalid choice: 'xml'" in capsys.readouterr().err


def test_help_points_at_the_input_files_doc(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["roles", "--help"], ["roles", "validate", "--help"], ["roles", "convert", "-h"]):
        with pytest.raises(SystemExit):
            main(argv)
        assert "docs/input-files.md" in capsys.readouterr().out
