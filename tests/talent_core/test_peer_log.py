"""The peer group's session log: stored per member with a schema version, merged per group."""

from __future__ import annotations

import datetime as dt

import pytest

import talent_core as tc

NOW = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)


def session(**changes: str) -> tc.PeerSession:
    body = {"group": "G", "date": "2026-03-01", "case_owner": "Ann", "insight": "Ask first."}
    return tc.load(tc.PeerSession, {**body, **changes})


def test_a_new_entry_carries_the_schema_version() -> None:
    entry = tc.new_log_entry(session(), NOW)
    assert entry["schema_version"] == tc.PEER_LOG_SCHEMA == 1
    assert entry["logged_at"] == "2026-03-02T09:30:00+00:00" and len(entry["id"]) == 32


def test_entries_from_before_the_version_are_read_and_newer_ones_skipped() -> None:
    old = {k: v for k, v in tc.new_log_entry(session(), NOW).items() if k != "schema_version"}
    newer = {**tc.new_log_entry(session(date="2026-02-01"), NOW), "schema_version": 2}
    damaged = {"broken": True}
    assert tc.logged_sessions([old, newer, damaged]) == (1, "2026-03-01")
    assert tc.logged_sessions(None) == (0, "")


def test_the_group_log_merges_every_members_entries_newest_first() -> None:
    ann = [tc.new_log_entry(session(date="2026-02-01"), NOW)]
    bo = [
        tc.new_log_entry(session(date="2026-03-01", case_owner="Bo"), NOW),
        tc.new_log_entry(session(group="other"), NOW),
    ]
    log = tc.peer_group_log({"ann": ann, "bo": bo, "cy": None}, "G", {"bo": "Bo Berg"})
    assert [(e.date, e.author, e.author_name) for e in log] == [
        ("2026-03-01", "bo", "Bo Berg"),
        ("2026-02-01", "ann", "ann"),
    ]


@pytest.mark.parametrize(("day", "plausible"), [("1989-12-31", False), ("2026-12-05", True)])
def test_a_session_day_follows_the_one_date_rule(day: str, plausible: bool) -> None:
    assert session(date=day).date_is_plausible(dt.date(2026, 12, 4)) is plausible


def test_a_day_must_be_written_yyyy_mm_dd() -> None:
    with pytest.raises(tc.ValidationError, match="YYYY-MM-DD"):
        session(date="1/3/2026")
