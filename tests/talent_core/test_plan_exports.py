import csv
import datetime as dt
import io
import re

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

import talent_core as tc

NOW = dt.datetime(2025, 3, 1, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
SV_MODES = {tc.LearningMode.ON_THE_JOB: "I arbetet", tc.LearningMode.CLASSROOM: "Klassrum"}


@pytest.fixture
def fw(framework: tc.CompetencyFramework) -> tc.CompetencyFramework:
    data = framework.model_dump(mode="json")
    for node in data["nodes"]:
        if node["id"] == "feedback":
            node["name"]["sv"] = "Återkoppling"
    return tc.load(tc.CompetencyFramework, data)


def make_plan(owner: str = "learner_1") -> tc.DevelopmentPlan:
    return tc.load(
        tc.DevelopmentPlan,
        {
            "owner": owner,
            "goals": [
                {
                    "id": "g-feedback",
                    "competency_id": "feedback",
                    "target_level": 3,
                    "why": "Teams grow with feedback, every week",
                    "activities": [
                        {
                            "id": "a1",
                            "activity_ref": "a1",
                            "title": "Ask; listen, then thank\\act",
                            "mode": "on_the_job",
                            "hours": 4,
                            "due": "2025-04-30",
                        },
                        {
                            "id": "a2",
                            "title": '=HYPERLINK("http://evil")',
                            "mode": "classroom",
                            "hours": 7.5,
                            "due": "2025-05-02",
                            "status": "done",
                            "reflection": "+1 good course\nsecond line",
                        },
                        {"id": "a3", "title": "Undated", "mode": "online", "hours": 1},
                        {
                            "id": "a4",
                            "title": "Dropped",
                            "mode": "online",
                            "due": "2025-06-01",
                            "status": "dropped",
                        },
                    ],
                },
                {"id": "g-delegate", "competency_id": "delegate", "target_level": 2},
            ],
        },
    )


def unfold_and_unescape(text: str) -> list[tuple[str, str]]:
    """A small parser of our own: (name with parameters, unescaped value) per content line."""
    logical = re.sub(r"\r\n[ \t]", "", text).split("\r\n")
    assert logical[-1] == ""
    result = []
    for line in logical[:-1]:
        name, _, value = line.partition(":")
        value = re.sub(
            r"\\(.)", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value, flags=re.S
        )
        result.append((name, value))
    return result


def physical_lines(text: str) -> list[bytes]:
    raw = text.encode("utf-8")
    assert raw.endswith(b"\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    return raw[:-2].split(b"\r\n")


def test_ics_has_one_all_day_event_per_dated_live_activity(fw: tc.CompetencyFramework) -> None:
    text = tc.plan_to_ics(
        make_plan(), fw, "sv", uid_domain="learn.example.org", now=NOW, mode_labels=SV_MODES
    )
    calendar = icalendar.Calendar.from_ical(text)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    events = calendar.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == [
        "Ask; listen, then thank\\act",
        '=HYPERLINK("http://evil")',
    ]
    assert [e.decoded("DTSTART") for e in events] == [dt.date(2025, 4, 30), dt.date(2025, 5, 2)]
    assert [e.decoded("DTEND") for e in events] == [dt.date(2025, 5, 1), dt.date(2025, 5, 3)]
    assert [str(e["DESCRIPTION"]) for e in events] == [
        "Återkoppling\nI arbetet",
        "Återkoppling\nKlassrum",
    ]
    assert events[0].decoded("DTSTAMP") == dt.datetime(2025, 3, 1, 9, 30, tzinfo=dt.UTC)
    assert "DTSTART;VALUE=DATE:20250430\r\n" in text
    for line in physical_lines(text):
        assert len(line) <= 75


def test_ics_uids_are_stable_per_activity_and_differ_per_learner(
    fw: tc.CompetencyFramework,
) -> None:
    def uids(plan: tc.DevelopmentPlan, now: dt.datetime) -> list[str]:
        text = tc.plan_to_ics(plan, fw, "en", uid_domain="learn.example.org", now=now)
        return [str(e["UID"]) for e in icalendar.Calendar.from_ical(text).walk("VEVENT")]

    first = uids(make_plan(), NOW)
    assert first == uids(make_plan(), NOW + dt.timedelta(days=30))
    assert len(set(first)) == 2
    assert all(uid.endswith("@learn.example.org") for uid in first)
    assert "learner_1" not in "".join(first)
    assert not set(first) & set(uids(make_plan("learner_2"), NOW))


def test_ics_refuses_a_naive_time_and_a_bad_domain(fw: tc.CompetencyFramework) -> None:
    with pytest.raises(ValueError, match="aware"):
        tc.plan_to_ics(make_plan(), fw, "en", uid_domain="x.org", now=dt.datetime(2025, 1, 1))
    for domain in ("", "a b", "x.org\r\nSUMMARY:evil", "x.org\n"):
        with pytest.raises(ValueError, match="uid_domain"):
            tc.plan_to_ics(make_plan(), fw, "en", uid_domain=domain, now=NOW)


def test_an_empty_plan_is_a_valid_empty_calendar(fw: tc.CompetencyFramework) -> None:
    text = tc.plan_to_ics(tc.DevelopmentPlan(owner="l"), fw, "en", uid_domain="x.org", now=NOW)
    assert icalendar.Calendar.from_ical(text).walk("VEVENT") == []


titles = st.text(
    alphabet=st.characters(exclude_categories=("Cs",)), min_size=1, max_size=300
).filter(lambda t: t.strip())


@given(title=titles)
def test_any_title_survives_escaping_and_folding(title: str) -> None:
    fw = tc.load(
        tc.CompetencyFramework,
        {
            "id": "f",
            "name": {"en": "F"},
            "scale": {
                "id": "s",
                "levels": [{"value": 1, "label": {"en": "a"}}, {"value": 2, "label": {"en": "b"}}],
            },
            "nodes": [{"id": "c", "name": {"en": title}}],
        },
    )
    plan = tc.DevelopmentPlan(
        owner="l",
        goals=[
            tc.Goal(
                id="g",
                competency_id="c",
                target_level=2,
                activities=[
                    tc.PlannedActivity(id="a", title=title, mode="online", due=dt.date(2025, 1, 1))
                ],
            )
        ],
    )
    text = tc.plan_to_ics(plan, fw, "en", uid_domain="x.org", now=NOW)
    for line in physical_lines(text):
        assert len(line) <= 75
        line.decode("utf-8")  # no character split across lines
    # Newlines (any style) become one "\n"; other control characters become spaces.
    expected = title.replace("\r\n", "\n").replace("\r", "\n")
    expected = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", " ", expected)
    fields = dict(unfold_and_unescape(text))
    assert fields["SUMMARY"] == expected
    assert fields["DESCRIPTION"] == f"{expected}\nonline"
    (event,) = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert str(event["SUMMARY"]) == expected


def read_csv(text: str) -> list[dict[str, str]]:
    assert text.endswith("\r\n")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_has_a_row_per_activity_and_per_empty_goal(fw: tc.CompetencyFramework) -> None:
    rows = read_csv(tc.plan_to_csv(make_plan(), fw, "sv"))
    assert list(rows[0]) == list(tc.PLAN_CSV_COLUMNS)
    assert [(r["goal"], r["activity"], r["status"]) for r in rows] == [
        ("g-feedback", "Ask; listen, then thank\\act", "planned"),
        ("g-feedback", '\'=HYPERLINK("http://evil")', "done"),
        ("g-feedback", "Undated", "planned"),
        ("g-feedback", "Dropped", "dropped"),
        ("g-delegate", "", ""),
    ]
    first = rows[0]
    assert first["competency_id"] == "feedback"
    assert first["competency"] == "Återkoppling"
    assert first["target_level"] == "3"
    assert first["why"] == "Teams grow with feedback, every week"
    assert (first["mode"], first["hours"], first["due"]) == ("on_the_job", "4", "2025-04-30")
    assert rows[1]["hours"] == "7.5"
    assert rows[1]["reflection"] == "'+1 good course\nsecond line"
    assert rows[2]["due"] == ""
    assert rows[4]["competency"] == "Delegating"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_defuses_every_formula_start(fw: tc.CompetencyFramework, start: str) -> None:
    plan = tc.DevelopmentPlan(
        owner="l",
        goals=[
            tc.Goal(
                id="g",
                competency_id="feedback",
                target_level=2,
                why=f"{start}cmd|' /C calc'!A0",
                activities=[tc.PlannedActivity(id="a", title=f"{start}1+1", mode="online")],
            )
        ],
    )
    (row,) = read_csv(tc.plan_to_csv(plan, fw, "en"))
    assert row["why"] == f"'{start}cmd|' /C calc'!A0"
    assert row["activity"] == f"'{start}1+1"
