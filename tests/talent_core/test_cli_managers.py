"""``talent managers roster`` and ``attention``: files written, checks, one-line errors."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from talent_core import managers as mg
from talent_core.cli import main

PEOPLE = (
    "id,name,email,manager_id,department,location,timezone,seniority,language,username\n"
    "1,Ann Berg,ann@example.org,,HR,Lund,Europe/Stockholm,4,sv,ann\n"
    "2,Bo Li,bo@example.org,1,Sales,Lund,Europe/Stockholm,2,sv,bo\n"
    "3,Cas Vos,cas@example.org,1,Sales,Delft,Europe/Amsterdam,1,nl,\n"
)


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))


def test_roster_from_a_people_file(tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text(PEOPLE, "utf-8")
    out = tmp_path / "managers.csv"
    assert main(["managers", "roster", str(people), "-o", str(out)]) == 0
    assert out.read_text("utf-8") == (
        "username,manager_username,name\nann,,Ann Berg\nbo,ann,Bo Li\n3,ann,Cas Vos\n"
    )
    assert mg.read_manager_roster(out.read_text("utf-8")).reports_of("ann") == ("bo", "3")


def test_a_people_file_with_a_username_twice_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    people = tmp_path / "people.csv"
    people.write_text(PEOPLE.replace("Europe/Amsterdam,1,nl,", "Europe/Amsterdam,1,nl,bo"), "utf-8")
    out = tmp_path / "managers.csv"
    assert main(["managers", "roster", str(people), "-o", str(out)]) == 2
    assert not out.exists()
    err = capsys.readouterr().err
    assert (
        err.startswith("talent: error: ")
        and "Row 4, column username: bo is already in the roster in row 3." in err
    )


def test_attention_from_the_blocks_downloads(tmp_path: Path) -> None:
    plans = tmp_path / "plans.csv"
    plans.write_text(
        "username,goals,progress_percent,agreement,manager_username,manager_status,saved_on,"
        "next_due,submitted_on\n"
        "bo,2,0,no,ann,waiting,2026-06-01,2026-01-01,2026-06-01\n"
        "=cmd,1,0,no,ann,yes,2026-06-20,,\n",
        "utf-8",
    )
    dialogues = tmp_path / "dialogues.csv"
    dialogues.write_text("username,conversations,last_conversation\nbo,1,2026-05-01\n", "utf-8")
    people = tmp_path / "people.csv"
    people.write_text(PEOPLE, "utf-8")
    out = tmp_path / "attention.csv"
    argv = ["managers", "attention", str(plans), str(dialogues), "--people", str(people)]
    assert main([*argv, "--today", "2026-06-30", "-o", str(out)]) == 0
    found = rows(out)
    assert [(r["username"], r["reason"], r["days"]) for r in found] == [
        ("bo", "overdue-activity", "180"),
        ("bo", "waiting-for-manager", "29"),
        ("'=cmd", "no-dialogue", ""),
    ]
    assert found[0]["department"] == "Sales" and found[0]["manager_username"] == "ann"
