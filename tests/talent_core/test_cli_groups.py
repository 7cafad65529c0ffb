"""``talent demo-org`` and ``talent groups``: files written, exit codes, one-line errors."""

import csv
import dataclasses
import io
from pathlib import Path

import pytest

import talent_core as tc
from talent_core.cli import main


def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text("utf-8"))))


@pytest.fixture
def people_csv(tmp_path: Path) -> Path:
    path = tmp_path / "people.csv"
    assert main(["demo-org", "--people", "80", "--seed", "4", "-o", str(path)]) == 0
    return path


def test_demo_org_writes_the_generated_people(people_csv: Path) -> None:
    people = tc.read_people_csv(people_csv.read_bytes(), str(people_csv))
    assert people == tc.generate_organisation(80, seed=4)


def test_design_writes_groups_and_report(
    people_csv: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    groups, report = tmp_path / "groups.csv", tmp_path / "report.csv"
    code = main(
        [
            "groups",
            "design",
            str(people_csv),
            "--mixed-language",
            "--size",
            "4-6",
            "--department",
            "dissimilar:5",
            "--seed",
            "2",
            "-o",
            str(groups),
            "--report",
            str(report),
        ]
    )
    assert code == 0
    rows = _rows(groups)
    assert rows[0] == ["id", "group"] and len(rows) == 81
    members: dict[str, int] = {}
    for _, group in rows[1:]:
        members[group] = members.get(group, 0) + 1
    assert all(4 <= size <= 6 for size in members.values())
    assert [r[0] for r in _rows(report)[1:]] == sorted(members)
    assert "mean score" in capsys.readouterr().err


def test_design_with_history_pairs_and_line_rule(tmp_path: Path) -> None:
    # Without the CEO, who is up everyone's line; the department heads lead instead.
    people = [
        dataclasses.replace(p, manager_id=None) if p.manager_id == "p000001" else p
        for p in tc.generate_organisation(60, seed=1)
        if p.manager_id
    ]
    (tmp_path / "people.csv").write_text(tc.write_people_csv(people), "utf-8")
    ids = [p.id for p in people]
    (tmp_path / "rounds.csv").write_text(
        "id,round,group\n" + "".join(f"{x},2025,G{k % 9}\n" for k, x in enumerate(ids)), "utf-8"
    )
    (tmp_path / "together.csv").write_text(f"id_a,id_b\n{ids[3]},{ids[7]}\n", "utf-8")
    (tmp_path / "apart.csv").write_text(f"id_a,id_b\n{ids[4]},{ids[9]}\n", "utf-8")
    args = ["groups", "design", str(tmp_path / "people.csv"), "--mixed-language"]
    for name in ("history", "together", "apart"):
        csv_name = "rounds" if name == "history" else name
        args += [f"--{name}", str(tmp_path / f"{csv_name}.csv")]
    args += ["--avoid-manager-chain", "-o", str(tmp_path / "groups.csv")]
    assert main(args) == 0
    group_of = dict(_rows(tmp_path / "groups.csv")[1:])
    assert group_of[ids[3]] == group_of[ids[7]]
    assert group_of[ids[4]] != group_of[ids[9]]


def test_infeasible_design_exits_2_and_writes_nothing(
    people_csv: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "groups.csv"
    code = main(["groups", "design", str(people_csv), "--size", "30-40", "-o", str(out)])
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith("talent: error: no grouping is possible: only ")
    assert "minimum group size is 30" in err and err.count("\n") == 1
    assert not out.exists()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("id,name\n", "people.csv, row 1: missing column(s)"),
        (
            "id,name,email,manager_id,department,location,timezone,seniority,language\n"
            "a,A,a@x.org,,HR,X,Europe/Oslo,high,en\n",
            "people.csv, row 2, column 'seniority': 'high' is not a whole number",
        ),
    ],
)
def test_bad_people_file_names_file_row_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, expected: str
) -> None:
    path = tmp_path / "people.csv"
    path.write_text(content, "utf-8")
    assert main(["groups", "design", str(path), "-o", str(tmp_path / "g.csv")]) == 2
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err


def test_bad_arguments_exit_2(people_csv: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for bad in (["--size", "5"], ["--department", "spread"], ["--time-limit", "0"]):
        with pytest.raises(SystemExit) as info:
            main(["groups", "design", str(people_csv), *bad, "-o", "x.csv"])
        assert info.value.code == 2
    assert "is not a size range" in capsys.readouterr().err
    assert main(["demo-org", "--people", "5", "-o", "-"]) == 2


def test_teams_csv(people_csv: Path, tmp_path: Path) -> None:
    groups, teams = tmp_path / "groups.csv", tmp_path / "teams.csv"
    assert main(["groups", "design", str(people_csv), "--mixed-language", "-o", str(groups)]) == 0
    args = ["groups", "teams-csv", str(groups), "--people", str(people_csv), "--teamset", "peers"]
    assert main([*args, "--mode", "verified", "-o", str(teams)]) == 0
    rows = _rows(teams)
    assert rows[0] == ["user", "mode", "peers"]
    emails = {p.id: p.email for p in tc.read_people_csv(people_csv.read_bytes(), "p")}
    expected = {(emails[x], "verified", g) for x, g in _rows(groups)[1:]}
    assert {tuple(r) for r in rows[1:]} == expected


def test_teams_csv_with_an_unknown_person(
    people_csv: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    groups = tmp_path / "groups.csv"
    groups.write_text("id,group\np000001,G1\nnobody,G1\n", "utf-8")
    args = ["groups", "teams-csv", str(groups), "--people", str(people_csv), "--teamset", "t"]
    assert main([*args, "-o", str(tmp_path / "t.csv")]) == 2
    assert "groups.csv, row 3, column 'id': 'nobody' is not in the people file" in (
        capsys.readouterr().err
    )


@pytest.mark.parametrize(
    "command", [["demo-org"], ["groups"], ["groups", "design"], ["groups", "teams-csv"]]
)
def test_help(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main([*command, "--help"])
    assert info.value.code == 0
    assert "usage: talent" in capsys.readouterr().out


@pytest.mark.parametrize("size", ["9-3", "1-1", "3-400"])
def test_impossible_sizes_are_one_line_about_the_flag(
    people_csv: Path, size: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as info:
        main(["groups", "design", str(people_csv), "--size", size, "-o", "x.csv"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err == (
        f"talent groups design: error: argument --size: '{size}': sizes run from 2 to 50, "
        "MIN not above MAX\n"
    )
