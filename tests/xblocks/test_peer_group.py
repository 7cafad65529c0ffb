"""The peer-group block under the workbench runtime and its database-backed store.

Group members read each other's log entries from the store the running workbench uses, so
these tests build blocks on ``workbench_field_data``: the same block (usage id) seen by
different users, as in the LMS.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from django.utils import translation
from lxml import etree
from webob import Request

from talent_core.cli import main
from talent_core.mentoring import VolunteerRole, read_volunteers_csv
from xblocks._peer_demo import INTERVISION_ROSTER, MENTORING_ROSTER
from xblocks.compat import XBlockUserState
from xblocks.workbench.services import StaffAwareUserService

PEER = "peer_group"


def text_of(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def student_html(block: Any) -> str:
    return block.render("student_view", {}).body_html()


def session(**changes: Any) -> dict[str, Any]:
    data = {
        "group": "Harbour",
        "date": "2025-03-04",
        "case_owner": "Bo Lindqvist",
        "insight": "Ask before assuming the team knows the deadline.",
        "action": "Bo shares the plan on Monday.",
    }
    return {**data, **changes}


@pytest.fixture
def peer(make_block, workbench_field_data):
    """``peer(user, usage=None, **settings)``: a peer-group block in the workbench's store."""

    def make(user: str = "learner_1", usage: Any = None, **fields: Any) -> Any:
        return make_block(PEER, user=user, usage=usage, field_data=workbench_field_data, **fields)

    return make


@pytest.fixture
def harbour(peer):
    """``harbour(user)``: the demo intervision block as that user (one block for all)."""
    first = peer("staff_hr", roster_csv=INTERVISION_ROSTER)

    def as_user(user: str) -> Any:
        return peer(user, usage=first.scope_ids.usage_id)

    return as_user


# -- the learner's group ----------------------------------------------------------------------


def test_member_sees_group_members_roles_and_themselves(harbour) -> None:
    words = text_of(student_html(harbour("learner_2")))
    assert "Your intervision group" in words and "Group: Harbour" in words
    assert "Ann Berg · host" in words and "Bo Lindqvist (you)" in words
    for name in ("Cai de Vries", "Dee Okafor", "Eli Novak"):
        assert name in words
    assert "Fay Jansen" not in words and "Session log" in words


def test_learner_without_a_group_sees_no_members_and_no_log(harbour) -> None:
    markup = student_html(harbour("learner_99"))
    assert "You are not in a group yet" in text_of(markup)
    assert "data-log-form" not in markup and "Log a session" not in markup
    assert "upload_roster" not in markup


def test_mentoring_pair_lists_the_mentor_first(peer) -> None:
    block = peer("learner_12", kind="mentoring", roster_csv=MENTORING_ROSTER)
    words = text_of(student_html(block))
    assert "Your mentoring pair" in words
    assert words.index("Kim Verhoef · mentor") < words.index("Ann Berg · mentee")
    assert "Lou Ek · mentee (you)" in words


def test_method_steps_in_order_and_translated(harbour) -> None:
    block = harbour("learner_1")
    words = text_of(student_html(block))
    titles = [
        "The case is brought in",
        "Clarifying questions",
        "Analysis",
        "Advice round",
        "The case owner's reflection",
    ]
    positions = [words.index(title) for title in titles]
    assert positions == sorted(positions) and "· 5 minutes" in words
    with translation.override("sv"):
        swedish = text_of(student_html(block))
    assert "Fallet presenteras" in swedish and "Rådrunda" in swedish and "· 10 minuter" in swedish
    with translation.override("nl"):
        dutch = text_of(student_html(block))
    assert "De casus wordt ingebracht" in dutch and "Adviesronde" in dutch


def test_method_steps_can_be_switched_off(peer) -> None:
    block = peer(roster_csv=INTERVISION_ROSTER, show_method=False)
    assert "Clarifying questions" not in text_of(student_html(block))


# -- the session log ------------------------------------------------------------------------------


def test_an_entry_by_one_member_is_read_by_another(harbour, call) -> None:
    answer = call(harbour("learner_1"), "log_session", session())
    assert answer.status_code == 200
    assert "Ask before assuming" in text_of(answer.json["html"])
    words = text_of(student_html(harbour("learner_2")))
    assert "Case owner: Bo Lindqvist" in words and "Logged by Ann Berg" in words
    assert "Bo shares the plan on Monday." in words and "March 4, 2025" in words
    shown = call(harbour("learner_3"), "show_log", {"group": "Harbour"})
    assert shown.status_code == 200 and "Logged by Ann Berg" in text_of(shown.json["html"])


def test_entries_logged_at_the_same_time_are_all_kept(harbour, call) -> None:
    first, second = harbour("learner_1"), harbour("learner_2")
    student_html(first), student_html(second)  # both pages open before either logs
    assert call(first, "log_session", session(insight="First insight")).status_code == 200
    assert call(second, "log_session", session(insight="Second insight")).status_code == 200
    words = text_of(call(harbour("learner_4"), "show_log", {"group": "Harbour"}).json["html"])
    assert "First insight" in words and "Second insight" in words


def test_log_is_newest_session_first(harbour, call) -> None:
    block = harbour("learner_1")
    for day, insight in (("2025-01-10", "middle"), ("2025-02-01", "latest"), ("2024-12-01", "old")):
        call(block, "log_session", session(date=day, insight=insight))
    words = text_of(call(block, "show_log", {"group": "Harbour"}).json["html"])
    assert words.index("latest") < words.index("middle") < words.index("old")


@pytest.mark.parametrize(("user", "group"), [("learner_99", "Harbour"), ("learner_6", "Harbour")])
def test_non_members_cannot_read_or_write_a_groups_log(harbour, call, user, group) -> None:
    call(harbour("learner_1"), "log_session", session(insight="Private to Harbour"))
    outsider = harbour(user)
    for handler, body in (("show_log", {"group": group}), ("log_session", session())):
        answer = call(outsider, handler, body)
        assert answer.status_code == 403, handler
        assert "Private to Harbour" not in answer.text
    assert outsider.log_entries == []
    assert "Private to Harbour" not in student_html(outsider)


def test_other_groups_keep_their_own_log(harbour, call) -> None:
    call(harbour("learner_1"), "log_session", session(insight="Harbour only"))
    lighthouse = harbour("learner_6")
    assert call(lighthouse, "log_session", session(group="Lighthouse")).status_code == 200
    words = text_of(call(lighthouse, "show_log", {"group": "Lighthouse"}).json["html"])
    assert "Harbour only" not in words and "Logged by Fay Jansen" in words


def test_learner_text_is_escaped(harbour, call) -> None:
    call(harbour("learner_1"), "log_session", session(insight="<script>alert(1)</script>"))
    markup = student_html(harbour("learner_2"))
    assert "<script>alert(1)" not in markup and "&lt;script&gt;alert(1)&lt;/script&gt;" in markup


def test_first_entry_completes_the_block_and_events_carry_no_private_text(harbour, call) -> None:
    block = harbour("learner_1")
    call(block, "log_session", session())
    call(block, "log_session", session(date="2025-03-11"))
    assert block.runtime.events == [
        ("completion", {"completion": 1.0}),
        ("talent.peer_group.session_logged", {"group": "Harbour", "date": "2025-03-04"}),
        ("talent.peer_group.session_logged", {"group": "Harbour", "date": "2025-03-11"}),
    ]


def tomorrow_but_one() -> str:
    return (datetime.now(UTC).date() + timedelta(days=2)).isoformat()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (session(date="2025-02-30"), "date"),
        (session(date="4 March 2025"), "date"),
        (session(date=20250304), "date"),
        (session(date="1989-12-31"), "date"),
        (session(insight="   "), "insight"),
        (session(insight="x" * 2001), "insight"),
        (session(case_owner=""), "case_owner"),
        (session(case_owner=["Bo"]), "case_owner"),
        (session(extra="field"), "extra"),
        ({k: v for k, v in session().items() if k != "group"}, "group"),
    ],
)
def test_bad_sessions_get_400_and_change_nothing(harbour, call, body, field) -> None:
    block = harbour("learner_1")
    call(block, "log_session", session(insight="kept"))
    before = list(block.log_entries)
    answer = call(block, "log_session", body)
    assert answer.status_code == 400
    assert [p["field"] for p in answer.json["problems"]][:1] == [field]
    assert block.log_entries == before and len(block.runtime.events) == 2


def test_a_session_in_the_future_is_refused(harbour, call) -> None:
    block = harbour("learner_1")
    answer = call(block, "log_session", session(date=tomorrow_but_one()))
    assert answer.status_code == 400 and answer.json["problems"][0]["field"] == "date"
    assert block.log_entries == []


def test_refused_dates_and_early_volunteering_are_explained_in_the_learners_language(
    harbour, call
) -> None:
    block = harbour("learner_1")
    with translation.override("sv"):
        early = call(block, "log_session", session(date="1989-12-31")).json["problems"]
        too_soon = call(block, "volunteer", {"volunteer_as": "host"}).json["problems"]
        form = student_html(block)
    assert early == [
        {"field": "date", "message": "Ange dagen för träffen: från 1 januari 1990 till i dag."}
    ]
    assert too_soon[0]["message"] == "Du kan erbjuda dig när ditt program är slut."
    assert re.search(r'type="date"[^>]* min="1990-01-01"', form)


def test_oversized_and_malformed_requests_are_refused(harbour, call) -> None:
    block = harbour("learner_1")
    big = call(block, "log_session", body=json.dumps(session(action="x" * 70_000)).encode())
    assert big.status_code == 400 and "64 KB" in big.json["error"]
    assert call(block, "log_session", body=b"{nope").status_code == 400
    assert block.log_entries == []


# -- pay it forward -----------------------------------------------------------------------------


def test_volunteering_opens_when_the_learner_says_the_programme_ended(harbour, call) -> None:
    block = harbour("learner_2")
    words = text_of(student_html(block))
    assert "When your programme ends, you can volunteer" in words
    refused = call(block, "volunteer", {"volunteer_as": "host"})
    assert refused.status_code == 400 and block.volunteer_as == ""
    ended = call(block, "end_programme", {"ended": True})
    assert ended.status_code == 200 and "host an intervision group" in text_of(ended.json["html"])
    assert call(block, "volunteer", {"volunteer_as": "host"}).json == {"volunteer_as": "host"}
    assert block.volunteer_as == "host" and block.group_name == "Harbour"
    assert 'value="host" checked' in student_html(block)
    assert ("talent.peer_group.volunteered", {"volunteer_as": "host"}) in block.runtime.events


def test_author_end_date_opens_volunteering_for_everyone(peer, call) -> None:
    block = peer(
        "learner_12", kind="mentoring", roster_csv=MENTORING_ROSTER, programme_end="2025-06-30"
    )
    assert "Next round, I offer to" in text_of(student_html(block))
    assert call(block, "volunteer", {"volunteer_as": "mentor"}).status_code == 200
    later = peer(
        "learner_1", programme_end="2999-01-01", roster_csv=MENTORING_ROSTER, kind="mentoring"
    )
    assert "Your programme ends on January 1, 2999." in text_of(student_html(later))


@pytest.mark.parametrize("choice", ["boss", None, 3])
def test_unknown_volunteer_roles_are_refused(peer, call, choice) -> None:
    block = peer("learner_12", programme_end="2025-06-30", volunteer_as="mentor")
    answer = call(block, "volunteer", {"volunteer_as": choice})
    assert answer.status_code == 400 and block.volunteer_as == "mentor"


# -- staff: roster upload and data ------------------------------------------------------------


def upload(block: Any, content: bytes, name: str = "roster.csv") -> Any:
    request = Request.blank("/", POST={"roster": (name, content)})
    return block.handle("upload_roster", request)


def test_staff_see_roster_counts_upload_form_and_downloads(harbour) -> None:
    words = text_of(student_html(harbour("staff_hr")))
    assert "Groups come from the roster: 10 people in 2 groups." in words
    assert "New roster (CSV file)" in words and "Download volunteers (CSV)" in words
    assert "For course staff" not in text_of(student_html(harbour("learner_1")))


def test_staff_upload_replaces_the_roster(harbour) -> None:
    staff = harbour("staff_hr")
    answer = upload(staff, b"username,group\nlearner_99,Harbour\nlearner_1,Harbour\n")
    assert answer.status_code == 200
    assert "2 people in 1 group." in text_of(answer.json["html"])
    assert "Group: Harbour" in text_of(student_html(harbour("learner_99")))
    assert "You are not in a group yet" in text_of(student_html(harbour("learner_2")))
    assert (
        "talent.peer_group.roster_uploaded",
        {"groups": 1, "members": 2},
    ) in staff.runtime.events


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"username,group,role\nann,G,boss\n", "Row 2, column role: The role boss is not one"),
        (b"name,group\nann,G\n", "missing column(s) username"),
        (b"", "The file is empty."),
        (b"username,group\nann,\xff\xfe\n", "The roster is not UTF-8 text."),
        (b"username,group\n" + b"a,b\n" * 70_000, "The roster is larger than 256 KB."),
    ],
)
def test_a_bad_roster_is_refused_and_the_old_one_kept(harbour, content, message) -> None:
    staff = harbour("staff_hr")
    answer = upload(staff, content)
    assert answer.status_code == 400 and message in answer.json["error"]
    assert harbour("staff_hr").roster_csv == INTERVISION_ROSTER
    assert "Group: Harbour" in text_of(student_html(harbour("learner_2")))


def test_only_staff_upload_and_only_by_post(harbour) -> None:
    learner = harbour("learner_1")
    assert upload(learner, b"username,group\nlearner_1,Mine\n").status_code == 403
    assert learner.roster_csv == INTERVISION_ROSTER
    get = harbour("staff_hr").handle("upload_roster", Request.blank("/"))
    assert get.status_code == 405
    missing = harbour("staff_hr").handle("upload_roster", Request.blank("/", POST={"x": "1"}))
    assert missing.status_code == 400 and "Choose a roster file" in missing.json["error"]


def test_upload_error_in_swedish(harbour) -> None:
    with translation.override("sv"):
        answer = upload(harbour("staff_hr"), b"username,group,role\nann,G,boss\n")
    assert answer.json["error"].startswith("Deltagarlistan sparades inte: Rad 2, kolumn role:")


def download(block: Any, handler: str) -> list[list[str]]:
    response = block.handle(handler, Request.blank("/"))
    assert response.status_code == 200 and response.content_type == "text/csv"
    return list(csv.reader(io.StringIO(response.body.decode("utf-8-sig"))))


def test_staff_downloads_report_rows_and_volunteers(peer, call) -> None:
    first = peer(
        "learner_11", kind="mentoring", roster_csv=MENTORING_ROSTER, programme_end="2025-06-30"
    )

    def as_user(user: str) -> Any:
        return peer(user, usage=first.scope_ids.usage_id)

    call(first, "volunteer", {"volunteer_as": "host"})
    mentee = as_user("learner_1")
    call(mentee, "log_session", session(group="Pair A", date="2025-05-02"))
    call(mentee, "log_session", session(group="Pair A", date="2025-05-20"))
    call(mentee, "volunteer", {"volunteer_as": "mentor"})
    call(as_user("learner_12"), "volunteer", {"volunteer_as": ""})
    staff = as_user("staff_hr")
    rows = download(staff, "download_data")
    assert rows[0] == ["username", "group", "sessions_logged", "last_session", "volunteer_as"]
    assert sorted(rows[1:]) == [
        ["learner_1", "Pair A", "2", "2025-05-20", "mentor"],
        ["learner_11", "Pair A", "0", "", "host"],
        ["learner_12", "Pair A", "0", "", ""],
    ]
    assert sorted(download(staff, "download_volunteers")) == [
        ["id", "volunteer_as"],
        ["learner_1", "mentor"],
        ["learner_11", "host"],
    ]
    for handler in ("download_data", "download_volunteers"):
        assert mentee.handle(handler, Request.blank("/")).status_code == 403


def test_volunteers_file_is_what_the_mentoring_core_reads(peer, call) -> None:
    first = peer("learner_11", roster_csv=MENTORING_ROSTER, programme_end="2025-06-30")
    call(first, "volunteer", {"volunteer_as": "host"})
    call(peer("learner_1", usage=first.scope_ids.usage_id), "volunteer", {"volunteer_as": "mentor"})
    body = (
        peer("staff_hr", usage=first.scope_ids.usage_id)
        .handle("download_volunteers", Request.blank("/"))
        .body
    )
    volunteers = read_volunteers_csv(body, "volunteers.csv")
    assert sorted((v.person_id, v.role) for v in volunteers) == [
        ("learner_1", VolunteerRole.MENTOR),
        ("learner_11", VolunteerRole.HOST),
    ]


def test_volunteers_by_username_reach_the_mentoring_chain(peer, call, tmp_path, capsys) -> None:
    """The download names learners by username; the chain finds them through a people file."""
    first = peer("learner_11", roster_csv=MENTORING_ROSTER, programme_end="2025-06-30")
    call(first, "volunteer", {"volunteer_as": "host"})
    call(peer("learner_1", usage=first.scope_ids.usage_id), "volunteer", {"volunteer_as": "mentor"})
    volunteers = tmp_path / "volunteers.csv"
    volunteers.write_bytes(
        peer("staff_hr", usage=first.scope_ids.usage_id)
        .handle("download_volunteers", Request.blank("/"))
        .body
    )
    history, people, out = tmp_path / "history.csv", tmp_path / "people.csv", tmp_path / "c.csv"
    history.write_text("programme,mentor_id,mentee_id\n2024,p-11,p-01\n", "utf-8")
    people.write_text(
        "id,name,email,manager_id,department,location,timezone,seniority,language,username\n"
        "p-01,Ann Berg,ann@example.org,,Sales,Lund,Europe/Stockholm,2,sv,learner_1\n"
        "p-11,Kim Verhoef,kim@example.org,,HR,Lund,Europe/Stockholm,4,sv,learner_11\n",
        "utf-8",
    )

    def chain(*options: str) -> int:
        command = ["mentors", "chain", str(history), "--volunteers", str(volunteers)]
        return main([*command, *options, "-o", str(out)])

    def ready(*options: str) -> list[str]:
        assert chain(*options) == 0
        return [row["person_id"] for row in csv.DictReader(out.open()) if row["ready"]]

    assert ready() == []  # usernames are not person ids
    assert ready("--people", str(people)) == ["p-01"]
    people.write_text(people.read_text("utf-8").replace("learner_1\n", "ann_b\n"), "utf-8")
    assert chain("--people", str(people)) == 2
    assert "'learner_1' is neither a username nor a person id in" in capsys.readouterr().err


def test_report_rows_from_user_states(peer) -> None:
    block = peer()
    entry = {
        "id": "0" * 32,
        "group": "G",
        "date": "2025-01-05",
        "case_owner": "Ann",
        "insight": "i",
        "action": "",
        "logged_at": "2025-01-05T10:00:00+00:00",
    }
    states = [
        XBlockUserState("ann", "k", {"group_name": "G", "log_entries": [entry]}, None, None),
        XBlockUserState("bo", "k", {}, None, None),
        XBlockUserState("cy", "k", {"volunteer_as": "mentor"}, None, None),
        XBlockUserState(
            "di", "k", {"log_entries": [{"broken": True}], "group_name": "H"}, None, None
        ),
    ]
    rows = list(block.generate_report_data(iter(states)))
    assert rows == [
        (
            "ann",
            {"group": "G", "sessions_logged": 1, "last_session": "2025-01-05", "volunteer_as": ""},
        ),
        ("cy", {"group": "", "sessions_logged": 0, "last_session": "", "volunteer_as": "mentor"}),
        ("di", {"group": "H", "sessions_logged": 0, "last_session": "", "volunteer_as": ""}),
    ]
    assert list(block.generate_report_data(iter(states), limit_responses=2)) == rows[:2]


# -- Open edX Teams -----------------------------------------------------------------------------


class OpenEdxUsers(StaffAwareUserService):
    """The workbench user service plus the LMS's lookup of the current Django user."""

    def get_user_by_anonymous_id(self, uid: str | None = None) -> Any:
        return SimpleNamespace(username=self.get_current_user().opt_attrs["edx-platform.username"])


class StandInTeams:
    """Stands in for Open edX's teams service, which the workbench lacks: one teamset, fixed."""

    def __init__(self, teams: dict[str, list[str]]) -> None:
        self.teams = teams
        self.calls: list[tuple[str, str]] = []

    def get_team(self, user: Any, course_id: Any, teamset_id: str) -> Any:
        self.calls.append((user.username, teamset_id))
        for team_id, members in self.teams.items():
            if user.username in members and teamset_id == "peer-groups":
                users = [
                    SimpleNamespace(username=u, profile=SimpleNamespace(name=u.title()))
                    for u in members
                ]
                return SimpleNamespace(
                    team_id=team_id,
                    name=f"Team {team_id}",
                    users=SimpleNamespace(all=lambda u=users: u),
                )
        return None


def with_teams(block: Any, teams: StandInTeams) -> Any:
    users = OpenEdxUsers()
    users.runtime = block.runtime
    block.runtime._services.update({"teams": teams, "user": users})
    return block


def test_groups_from_open_edx_teams(peer, call) -> None:
    teams = StandInTeams({"t1": ["learner_1", "learner_2"], "t2": ["learner_3"]})
    first = with_teams(peer("learner_1", group_source="teams", teamset_id="peer-groups"), teams)
    words = text_of(student_html(first))
    assert "Group: Team t1" in words and "Learner_2" in words and "Learner_3" not in words
    assert call(first, "log_session", session(group="t1")).status_code == 200
    second = with_teams(peer("learner_2", usage=first.scope_ids.usage_id), teams)
    assert "Logged by Learner_1" in text_of(call(second, "show_log", {"group": "t1"}).json["html"])
    other = with_teams(peer("learner_3", usage=first.scope_ids.usage_id), teams)
    assert call(other, "show_log", {"group": "t1"}).status_code == 403
    assert ("learner_1", "peer-groups") in teams.calls


def test_teams_source_without_a_teams_service_shows_no_group(peer) -> None:
    block = peer("learner_1", group_source="teams", teamset_id="peer-groups")
    assert "You are not in a group yet" in text_of(student_html(block))


# -- Studio -------------------------------------------------------------------------------------


def messages(block: Any) -> list[tuple[str, str]]:
    return [(m.type, m.text) for m in block.validate().messages]


def test_demo_configuration_is_valid_and_an_empty_roster_warns(peer) -> None:
    assert messages(peer(roster_csv=INTERVISION_ROSTER)) == []
    assert messages(peer()) == [
        ("warning", "No roster yet: learners see no group until staff upload one.")
    ]


def test_validation_names_each_configuration_problem(peer) -> None:
    block = peer(
        group_source="teams",
        roster_csv="username,group,role\nann,G,mentor\n",
        programme_end="30/06/2025",
    )
    assert [text for _, text in messages(block)] == [
        "Enter the id of the teamset whose teams are the groups.",
        "The roster is not valid: Row 2, column role: The role mentor is not one of: member, host.",
        "The programme end date 30/06/2025 is not a date like 2025-06-30.",
    ]
    with translation.override("sv"):
        assert messages(block)[0][1] == "Ange id för den teamuppsättning vars team är grupperna."


def test_validation_checks_the_teamset_against_the_course(peer) -> None:
    block = peer(group_source="teams", teamset_id="nope")
    config = SimpleNamespace(teamsets=[SimpleNamespace(teamset_id="peer-groups")])
    block.runtime._services["teams_configuration"] = SimpleNamespace(
        get_teams_configuration=lambda course_id: config
    )
    assert messages(block) == [("error", "The course has no teamset nope.")]
    block.teamset_id = "peer-groups"
    assert messages(block) == []


def test_studio_save_refuses_a_broken_roster_and_keeps_settings(peer, call) -> None:
    block = peer("staff_author", roster_csv=INTERVISION_ROSTER)
    values = {"roster_csv": "username,group\nann,\n", "display_name": "New"}
    answer = call(block, "submit_studio_edits", {"values": values, "defaults": []})
    assert answer.status_code == 400
    assert block.roster_csv == INTERVISION_ROSTER and block.display_name == "Your intervision group"
    values = {"kind": "mentoring", "roster_csv": MENTORING_ROSTER, "display_name": "Mentoring"}
    assert call(block, "submit_studio_edits", {"values": values, "defaults": []}).status_code == 200
    assert block.kind == "mentoring" and "Mentoring" in student_html(block)


def test_studio_view_has_translated_labels_and_a_roster_text_area(peer) -> None:
    with translation.override("nl"):
        markup = peer().render("studio_view", {}).body_html()
    words = text_of(markup)
    for label in ("Soort groep", "Waar groepen vandaan komen", "Einddatum van het programma"):
        assert label in words
    assert re.search(r"<textarea[^>]*roster_csv|roster_csv[^>]*<textarea", markup, re.S)


# -- OLX --------------------------------------------------------------------------------------


def test_olx_round_trip_keeps_every_setting(peer) -> None:
    block = peer(
        display_name='Peers "&" <friends>',
        kind="mentoring",
        group_source="teams",
        teamset_id="peer-groups",
        roster_csv=MENTORING_ROSTER,
        show_method=False,
        programme_end="2025-06-30",
    )
    node = etree.Element("root")
    block.add_xml_to_node(node)
    olx = etree.tostring(node, encoding="unicode")
    runtime = block.runtime
    copy = runtime.get_block(runtime.parse_xml_string(olx))
    for name in block.editable_fields:
        assert getattr(copy, name) == getattr(block, name), name


# -- the workbench page -------------------------------------------------------------------------


def test_scenario_page_in_swedish(workbench_db) -> None:
    with translation.override("en"):  # the request activates Swedish; leave no trace of it
        page = Client().get("/scenario/peer_group.0/", {"student": "learner_3", "lang": "sv"})
    words = text_of(page.content.decode())
    assert page.status_code == 200
    assert "Din intervisionsgrupp" in words and "Grupp: Harbour" in words
    assert "Samtalslogg" in words and "Ge det vidare" in words


def test_talent_course_unit_holds_the_peer_group(workbench_db) -> None:
    from workbench.scenarios import get_scenarios

    [scenario_id] = [
        key for key, s in get_scenarios().items() if s.description.startswith("Talent course")
    ]
    page = Client().get(f"/scenario/{scenario_id}/", {"student": "learner_2"})
    words = text_of(page.content.decode())
    assert "Your intervision group" in words and "Bo Lindqvist (you)" in words


def test_members_are_told_course_staff_can_read_the_log(harbour) -> None:
    """Each entry is in its author's Scope.user_state, which course staff read in the LMS's
    problem-responses report: the page says so instead of 'only the members'."""
    words = text_of(student_html(harbour("learner_2")))
    assert "Course staff can also read it" in words
    assert "Only the members of your group can read this log" not in words


def test_a_mentoring_pair_gets_a_mentoring_guide_without_a_host(peer) -> None:
    block = peer("learner_12", kind="mentoring", roster_csv=MENTORING_ROSTER)
    words = text_of(student_html(block))
    assert "How a mentoring conversation runs" in words
    assert "For the mentor:" in words and "Agree the next step" in words
    assert "For the host" not in words and "incident method" not in words
    intervision = text_of(student_html(peer("learner_1")))
    assert "For the host:" in intervision and "incident method" in intervision
