"""``talent mentors match`` and ``chain``: files written, summaries, exit codes, one-line errors."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

import talent_core as tc
from talent_core.cli import main

MENTEES = (
    "id,name,email,department,manager_id,seniority,language,focus\n"
    "e1,Ann Berg,ann@example.org,Sales,boss,2,sv,giving-feedback:2;delegating:1\n"
    "e2,Bo Li,bo@example.org,IT,m2,3,en,coaching-others\n"
    "e3,Cas Vos,cas@example.org,IT,,1,nl,delegating:3\n"
)
MENTORS = (
    "id,name,department,manager_id,seniority,language,capacity,strengths\n"
    "m1,Mia Holm,HR,top,4,sv;en,1,giving-feedback:4;delegating:3\n"
    "m2,Noor Bakker,HR,top,5,nl;en,1,delegating:4;coaching-others:3\n"
)


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {
        "mentees": tmp_path / "mentees.csv",
        "mentors": tmp_path / "mentors.csv",
        "framework": tmp_path / "framework.json",
        "pairs": tmp_path / "pairs.csv",
    }
    paths["mentees"].write_text(MENTEES, "utf-8")
    paths["mentors"].write_text(MENTORS, "utf-8")
    paths["framework"].write_text(tc.demo_framework().model_dump_json(), "utf-8")
    return paths


def match(files: dict[str, Path], *options: str) -> int:
    return main(
        [
            "mentors",
            "match",
            str(files["mentees"]),
            str(files["mentors"]),
            "-o",
            str(files["pairs"]),
            *options,
        ]
    )


def test_match_writes_pairs_and_prints_counts(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert match(files, "--framework", str(files["framework"])) == 0
    pairs = rows(files["pairs"])
    # Bo reports to Noor and Cas shares no language with Mia, so Cas gets Noor, Ann gets Mia
    assert [(r["mentee_id"], r["mentor_id"]) for r in pairs] == [
        ("e1", "m1"),
        ("e3", "m2"),
        ("e2", ""),
    ]
    assert pairs[0]["reasons"].startswith(
        "Strong in Giving feedback (level 4) where Ann Berg's gap is 2 levels"
    )
    mean = (float(pairs[0]["score"]) + float(pairs[1]["score"])) / 2
    assert capsys.readouterr().out == (
        f"2 of 3 mentees matched, 1 unmatched, mean score {mean:.1f} in pairs.csv\n"
    )


def test_match_options_reach_the_rules(files: dict[str, Path], tmp_path: Path) -> None:
    history = tmp_path / "history.csv"
    history.write_text("programme,mentor_id,mentee_id\n2024,m1,e1\n", "utf-8")
    assert match(files, "--history", str(history)) == 0
    assert ("e1", "m1") not in {(r["mentee_id"], r["mentor_id"]) for r in rows(files["pairs"])}
    assert match(files, "--history", str(history), "--repeat-pairs") == 0
    assert ("e1", "m1") in {(r["mentee_id"], r["mentor_id"]) for r in rows(files["pairs"])}
    assert match(files, "--weight", "competencies=0", "--weight", "language=0") == 0
    # department (15) and seniority only: 2 steps up earns 15, 4 steps up 3.75
    scores = {(r["mentee_id"], r["score"]) for r in rows(files["pairs"]) if r["mentor_id"]}
    assert scores == {("e1", "30"), ("e3", "18.75")}
    assert match(files, "--language-weighted") == 0
    assert all(r["mentor_id"] for r in rows(files["pairs"]) if r["mentee_id"] != "e2")


@pytest.mark.parametrize(
    ("broken", "text", "message"),
    [
        (
            "mentees",
            MENTEES.replace("delegating:3", "delegating:x"),
            "mentees.csv, row 4, column 'focus': 'x' in 'delegating:x' is not a whole number",
        ),
        (
            "mentors",
            MENTORS.replace(",1,giving", ",0,giving"),
            "mentors.csv, row 2, column 'capacity'",
        ),
        (
            "mentees",
            MENTEES.replace("coaching-others", "juggling"),
            "mentees.csv, row 3, column 'focus': unknown competency 'juggling'",
        ),
    ],
)
def test_bad_files_exit_2_naming_file_row_and_column(
    files: dict[str, Path],
    capsys: pytest.CaptureFixture[str],
    broken: str,
    text: str,
    message: str,
) -> None:
    files[broken].write_text(text, "utf-8")
    assert match(files, "--framework", str(files["framework"])) == 2
    err = capsys.readouterr().err
    assert err.startswith("talent: error: ") and message in err
    assert len(err.strip().splitlines()) == 1
    assert not files["pairs"].exists()


def test_missing_file_and_bad_option_exit_2(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    files["mentors"].unlink()
    assert match(files) == 2
    assert "mentors.csv" in capsys.readouterr().err
    with pytest.raises(SystemExit) as caught:
        match(files, "--weight", "charm=5")
    assert caught.value.code == 2
    assert "must be one of competencies, department, seniority, language" in capsys.readouterr().err


def test_chain_writes_generations_and_ready_mentors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    history, volunteers, out = tmp_path / "h.csv", tmp_path / "v.csv", tmp_path / "chain.csv"
    history.write_text("programme,mentor_id,mentee_id\n2024,a,b\n2025,b,c\n2025,b,d\n", "utf-8")
    volunteers.write_text("id,volunteer_as\nb,mentor\nc,mentor\nd,host\n", "utf-8")
    options = ["--volunteers", str(volunteers), "--running", "2025", "-o", str(out)]
    assert main(["mentors", "chain", str(history), *options]) == 0
    assert rows(out) == [
        {"person_id": "a", "generation": "0", "mentee_in": "", "mentor_in": "2024", "ready": ""},
        {
            "person_id": "b",
            "generation": "1",
            "mentee_in": "2024",
            "mentor_in": "2025",
            "ready": "yes",
        },
        {"person_id": "c", "generation": "2", "mentee_in": "2025", "mentor_in": "", "ready": ""},
        {"person_id": "d", "generation": "2", "mentee_in": "2025", "mentor_in": "", "ready": ""},
    ]
    assert capsys.readouterr().out == (
        "4 people in 3 generations over 2 programmes, 1 ready to mentor next in chain.csv\n"
    )
    history.write_text("programme,mentor_id,mentee_id\n2024,a,a\n", "utf-8")
    assert main(["mentors", "chain", str(history), "-o", str(out)]) == 2
    assert "h.csv, row 2, column 'mentee_id'" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["mentors"], ["mentors", "match"], ["mentors", "chain"]])
def test_every_command_has_help(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main([*command, "--help"])
    assert caught.value.code == 0
    assert "usage: talent mentors" in capsys.readouterr().out
