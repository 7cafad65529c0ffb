"""N parallel requests per handler, each from a process of its own, against a running workbench.

Every accepted write is stored afterwards, every refused request is answered 409 and changed
nothing, and each learner keeps exactly one state row (issue 7, items 1-3). Each case uses a
learner of its own, so its first requests are also that learner's first writes.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.xblocks.test_development_plan import goal
from xblocks._plan_demo import MANAGER_ROSTER

N = 10
CLIENT = Path(__file__).with_name("race_client.py")
START_TIMEOUT_S = 90


@dataclass(frozen=True)
class Server:
    url: str
    db: Path
    token: str

    def page(self, scenario: str, student: str) -> str:
        with urllib.request.urlopen(
            f"{self.url}/scenario/{scenario}/?student={student}", timeout=60
        ) as response:
            return str(response.read().decode("utf-8"))

    def handler_url(self, usage: str, handler: str, student: str) -> str:
        return f"{self.url}/handler/{usage}/{handler}/?student={student}"

    def post(self, usage: str, handler: str, student: str, body: Any) -> tuple[int, Any]:
        """One request from this process (to set a case up)."""
        request = urllib.request.Request(
            self.handler_url(usage, handler, student),
            data=json.dumps(body).encode(),
            method="POST",
            headers={
                "Content-Type": "application/json",
                "X-CSRFToken": self.token,
                "Cookie": f"csrftoken={self.token}",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return int(response.status), json.loads(response.read())
        except urllib.error.HTTPError as error:
            return int(error.code), json.loads(error.read())

    def race(
        self,
        usage: str,
        handler: str,
        student: str,
        bodies: list[Any],
        content_type: str = "application/json",
    ) -> list[tuple[int, Any]]:
        """POST every body at the same moment, each from its own process."""
        url = self.handler_url(usage, handler, student)
        command = [sys.executable, "-I", "-S", str(CLIENT), url]
        start_at = time.time() + 0.3 + 0.05 * len(bodies)
        clients = [
            subprocess.Popen(
                [*command, str(start_at), self.token, content_type],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
            )
            for _ in bodies
        ]
        answers = []
        for client, body in zip(clients, bodies, strict=True):
            raw = body if isinstance(body, bytes) else json.dumps(body).encode()
            out, _ = client.communicate(raw, timeout=180)
            result = json.loads(out)
            try:
                parsed = json.loads(result["body"])
            except json.JSONDecodeError:
                parsed = result["body"]
            answers.append((int(result["status"]), parsed))
        return answers

    def rows(self, usage: str, student: str, scope: str = "usage") -> list[dict[str, Any]]:
        with sqlite3.connect(self.db, timeout=30) as db:
            found = db.execute(
                "SELECT state FROM workbench_xblockstate"
                " WHERE scope=? AND scope_id=? AND user_id=?",
                (scope, usage, student),
            ).fetchall()
        return [json.loads(state) for (state,) in found]

    def state(self, usage: str, student: str) -> dict[str, Any]:
        """The learner's stored state, asserting there is exactly one row (or none)."""
        rows = self.rows(usage, student)
        assert len(rows) <= 1, f"{len(rows)} rows for {student}"
        return rows[0] if rows else {}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    home = tmp_path_factory.mktemp("race-workbench")
    if Path("/dev/shm").is_dir():  # memory, not disk: the suite stays fast on a busy machine
        home = Path(tempfile.mkdtemp(prefix="talent-race-", dir="/dev/shm"))
    db = home / "var" / "wb.db"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "xblocks.workbench.settings",
        "TALENT_WORKBENCH_VAR": str(home / "var"),
        "WORKBENCH_DATABASES": json.dumps(
            {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(db)}}
        ),
        "PYTHONWARNINGS": "ignore",
    }
    django = [sys.executable, "-m", "django"]
    # --run-syncdb: xblock-sdk 0.14 (Python 3.11, Open edX Ulmo) ships no workbench migrations.
    for command in (["migrate", "--noinput", "--run-syncdb"], ["createcachetable"]):
        subprocess.run([*django, *command, "-v", "0"], cwd=home, env=env, check=True, timeout=120)
    port = _free_port()
    log = (home / "server.log").open("wb")
    process = subprocess.Popen(
        [*django, "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=home,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            try:
                with urllib.request.urlopen(url + "/", timeout=START_TIMEOUT_S) as response:
                    token = re.search(r"csrftoken=([^;]+)", response.headers["Set-Cookie"] or "")
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((home / "server.log").read_text()) from None
                time.sleep(0.3)
        if token is None:  # the index sets no cookie; a scenario page does
            with urllib.request.urlopen(url + "/scenario/development_plan.0/", timeout=60) as page:
                token = re.search(r"csrftoken=([^;]+)", page.headers["Set-Cookie"])
        assert token is not None
        yield Server(url, db, token.group(1))
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()
        shutil.rmtree(home, ignore_errors=True)


PLAN = "development-plan.development_plan.d0.u0"
LINKED_PLAN = "development-plan-with-a-self-assessment.development_plan.d0.u0"
LINKED_ASSESSMENT = "development-plan-with-a-self-assessment.competency_assessment.d0.u0"
DIALOGUE = "development-dialogue.development_dialogue.d0.u0"
PEERS = "peer-group-intervision.peer_group.d0.u0"
MENTORING = "peer-group-mentoring-programme-ended.peer_group.d0.u0"
EXPLORER = "competency-explorer.competency_explorer.d0.u0"
MANAGED = "development-plan-with-managers.development_plan.d0.u0"
PORTFOLIO = "prior-learning-portfolio.prior_learning_portfolio.d0.u0"
LEADING = ["giving-feedback", "coaching-others", "delegating", "developing-others"]
PORTFOLIO = "prior-learning-portfolio.prior_learning_portfolio.d0.u0"


def _split(answers: list[tuple[int, Any]]) -> tuple[list[int], list[int]]:
    """Indexes of accepted (200) and refused (409) requests; anything else fails the test."""
    accepted = [i for i, (status, _) in enumerate(answers) if status == 200]
    refused = [i for i, (status, _) in enumerate(answers) if status == 409]
    others = [a for a in answers if a[0] not in (200, 409)]
    assert not others, others
    for i in refused:
        assert answers[i][1]["error"]
    return accepted, refused


def _plan_goals(state: dict[str, Any]) -> list[dict[str, Any]]:
    return list(state["plan_record"]["plan"].get("goals", []))


def test_the_scenarios_have_the_usage_ids_these_tests_use(server: Server) -> None:
    for scenario, usage, student in [
        ("development_plan.0", PLAN, "race_ids"),
        ("development_plan.1", LINKED_PLAN, "race_ids"),
        ("development_plan.1", LINKED_ASSESSMENT, "race_ids"),
        ("development_dialogue.0", DIALOGUE, "race_ids"),
        ("peer_group.0", PEERS, "learner_1"),
        ("peer_group.1", MENTORING, "learner_1"),
        ("competency_explorer.0", EXPLORER, "race_ids"),
        ("development_plan.2", MANAGED, "manager_1"),
        ("prior_learning_portfolio.0", PORTFOLIO, "race_ids"),
    ]:
        assert usage in server.page(scenario, student), usage


# -- development plan -----------------------------------------------------------------------


def test_save_plan_same_version_one_wins_the_rest_409(server: Server) -> None:
    who = "race_save_plan"
    bodies = [{"version": 0, "goals": [goal("delegating", 3, why=f"tab {i}")]} for i in range(N)]
    accepted, refused = _split(server.race(PLAN, "save_plan", who, bodies))
    assert len(accepted) == 1 and len(refused) == N - 1
    plan = server.state(PLAN, who)["plan_record"]["plan"]
    assert plan["version"] == 1
    assert [g["why"] for g in plan["goals"]] == [f"tab {accepted[0]}"]


def test_record_agreement_one_per_version(server: Server) -> None:
    who = "race_agreement"
    status, _ = server.post(PLAN, "save_plan", who, {"version": 0, "goals": [goal("delegating")]})
    assert status == 200
    bodies = [
        {"version": 1, "manager_name": f"Manager {i}", "agreed_on": "2025-05-02"} for i in range(N)
    ]
    accepted, refused = _split(server.race(PLAN, "record_agreement", who, bodies))
    assert len(accepted) == 1 and len(refused) == N - 1
    plan = server.state(PLAN, who)["plan_record"]["plan"]
    assert plan["agreement"]["manager_name"] == f"Manager {accepted[0]}"


@pytest.mark.parametrize(
    ("handler", "body"),
    [
        ("new_goal", {"competency_id": "delegating"}),
        ("new_activity", {"competency_id": "delegating", "activity_ref": None}),
    ],
)
def test_form_handlers_answer_every_request_and_store_nothing(
    server: Server, handler: str, body: dict[str, Any]
) -> None:
    who = f"race_{handler}"
    answers = server.race(PLAN, handler, who, [body] * N)
    assert [status for status, _ in answers] == [200] * N, answers[0]
    assert server.state(PLAN, who).get("plan_record") in (None, {})


def test_add_gap_goals_one_wins_the_rest_409(server: Server) -> None:
    who = "race_gap_goals"
    submitted = {"role_id": "first-time-manager", "levels": dict.fromkeys(LEADING, 1)}
    assert server.post(LINKED_ASSESSMENT, "submit_assessment", who, submitted)[0] == 200
    bodies = [{"version": 0, "goals": []} for _ in range(N)]
    accepted, refused = _split(server.race(LINKED_PLAN, "add_gap_goals", who, bodies))
    assert len(accepted) == 1 and len(refused) == N - 1
    plan = server.state(LINKED_PLAN, who)["plan_record"]["plan"]
    assert plan["version"] == 1 and plan["goals"]


# -- self-assessment ------------------------------------------------------------------------


def test_submit_assessment_keeps_every_attempt(server: Server) -> None:
    who = "race_submit"
    levels = dict.fromkeys(LEADING, 1)
    bodies = [
        {"role_id": "first-time-manager", "levels": {**levels, LEADING[0]: 1 + i % 4}}
        for i in range(N)
    ]
    accepted, _ = _split(server.race(LINKED_ASSESSMENT, "submit_assessment", who, bodies))
    attempts = server.state(LINKED_ASSESSMENT, who)["assessment"]["attempts"]
    assert len(attempts) == len(accepted) == N


def test_save_draft_keeps_one_of_the_accepted_drafts(server: Server) -> None:
    who = "race_draft"
    bodies = [{"levels": {"delegating": 1 + i % 4}, "role_id": None} for i in range(N)]
    accepted, _ = _split(server.race(LINKED_ASSESSMENT, "save_draft", who, bodies))
    assert len(accepted) == N
    draft = server.state(LINKED_ASSESSMENT, who)["assessment"]["draft"]
    assert draft["levels"] in [bodies[i]["levels"] for i in accepted]


# -- development dialogue -------------------------------------------------------------------

PREPARATION = {"competency_ids": ["giving-feedback", "delegating"], "answers": {}}


def _conversation(i: int) -> dict[str, Any]:
    return {
        "held_on": f"2025-03-{i + 1:02d}",
        "manager_name": "Mia Berg",
        "agreed_focus": f"Focus {i}",
        "levels": {"delegating": 2},
    }


def test_save_preparation_keeps_one_of_the_accepted(server: Server) -> None:
    who = "race_preparation"
    bodies = [
        {**PREPARATION, "answers": {"delegating": {"delegating-q1": f"answer {i}"}}}
        for i in range(N)
    ]
    accepted, _ = _split(server.race(DIALOGUE, "save_preparation", who, bodies))
    assert len(accepted) == N
    stored = server.state(DIALOGUE, who)["dialogue"]["preparation"]["answers"]
    assert stored in [bodies[i]["answers"] for i in accepted]


def test_record_conversation_keeps_every_conversation(server: Server) -> None:
    who = "race_conversation"
    assert server.post(DIALOGUE, "save_preparation", who, PREPARATION)[0] == 200
    bodies = [_conversation(i) for i in range(N)]
    accepted, _ = _split(server.race(DIALOGUE, "record_conversation", who, bodies))
    talks = server.state(DIALOGUE, who)["dialogue"]["conversations"]
    assert sorted(t["agreed_focus"] for t in talks) == sorted(f"Focus {i}" for i in accepted)
    assert len(accepted) == N


def test_remove_conversation_removes_exactly_the_accepted(server: Server) -> None:
    who = "race_remove"
    assert server.post(DIALOGUE, "save_preparation", who, PREPARATION)[0] == 200
    for i in range(N):
        assert server.post(DIALOGUE, "record_conversation", who, _conversation(i))[0] == 200
    talks = server.state(DIALOGUE, who)["dialogue"]["conversations"]
    bodies = [{"index": i, "held_on": talk["held_on"]} for i, talk in enumerate(talks)]
    accepted, refused = _split(server.race(DIALOGUE, "remove_conversation", who, bodies))
    left = {t["held_on"] for t in server.state(DIALOGUE, who)["dialogue"]["conversations"]}
    assert left == {bodies[i]["held_on"] for i in refused}
    assert accepted


# -- peer group -----------------------------------------------------------------------------


def test_log_session_keeps_every_entry(server: Server) -> None:
    who = "learner_2"
    bodies = [
        {"group": "Harbour", "date": "2025-05-02", "case_owner": "Bo", "insight": f"Insight {i}"}
        for i in range(N)
    ]
    accepted, _ = _split(server.race(PEERS, "log_session", who, bodies))
    entries = server.state(PEERS, who)["log_entries"]
    assert sorted(e["insight"] for e in entries) == sorted(f"Insight {i}" for i in accepted)
    assert len(accepted) == N


def test_end_programme_and_volunteer_keep_the_accepted_answer(server: Server) -> None:
    who = "learner_3"
    answers = server.race(PEERS, "end_programme", who, [{"ended": True}] * N)
    assert len(_split(answers)[0]) == N
    assert server.state(PEERS, who)["programme_ended"] is True
    choices = ["mentor", "host", ""] * N
    bodies = [{"volunteer_as": choices[i]} for i in range(N)]
    accepted, _ = _split(server.race(MENTORING, "volunteer", "learner_12", bodies))
    assert len(accepted) == N
    stored = server.state(MENTORING, "learner_12").get("volunteer_as", "")
    assert stored in {bodies[i]["volunteer_as"] for i in accepted}


def test_show_log_answers_every_member(server: Server) -> None:
    answers = server.race(PEERS, "show_log", "learner_4", [{"group": "Harbour"}] * N)
    assert [status for status, _ in answers] == [200] * N


def test_show_competency_answers_every_request(server: Server) -> None:
    answers = server.race(
        EXPLORER, "show_competency", "race_explorer", [{"competency_id": "delegating"}] * N
    )
    assert [status for status, _ in answers] == [200] * N, answers[0]


# -- managers (the demo roster: manager_1 manages learner_1 ... learner_5) -------------------
# What a manager writes lives in the manager's own state, so these race one manager's tabs.


def _submitted(server: Server, learner: str) -> int:
    """``learner``'s plan saved with one goal and submitted to manager_1; its version."""
    assert (
        server.post(MANAGED, "save_plan", learner, {"version": 0, "goals": [goal("delegating")]})[0]
        == 200
    )
    status, _ = server.post(MANAGED, "submit_plan", learner, {"version": 1})
    assert status == 200
    return int(server.state(MANAGED, learner)["plan_record"]["plan"]["version"])


def _report(server: Server, learner: str) -> dict[str, Any]:
    return dict(server.state(MANAGED, "manager_1")["manager_record"]["reports"][learner])


def test_submit_plan_one_wins_the_rest_409(server: Server) -> None:
    learner = "learner_2"
    assert (
        server.post(MANAGED, "save_plan", learner, {"version": 0, "goals": [goal("delegating")]})[0]
        == 200
    )
    accepted, refused = _split(server.race(MANAGED, "submit_plan", learner, [{"version": 1}] * N))
    assert len(accepted) == 1 and len(refused) == N - 1
    plan = server.state(MANAGED, learner)["plan_record"]["plan"]
    assert plan["version"] == 2 and plan["submission"]["manager_username"] == "manager_1"


def test_manager_decisions_ratings_and_talks_keep_every_accepted_one(server: Server) -> None:
    learner = "learner_3"
    version = _submitted(server, learner)
    decisions = [{"username": learner, "version": version, "comment": f"c{i}"} for i in range(N)]
    accepted, _ = _split(server.race(MANAGED, "agree_plan", "manager_1", decisions))
    assert len(accepted) == N
    assert sorted(d["comment"] for d in _report(server, learner)["decisions"]) == sorted(
        f"c{i}" for i in accepted
    )
    ratings = [{"username": learner, "levels": {"delegating": 1 + i % 4}} for i in range(N)]
    accepted, _ = _split(server.race(MANAGED, "rate_report", "manager_1", ratings))
    assert len(accepted) == N == len(_report(server, learner)["ratings"])
    talks = [
        {"username": learner, "held_on": f"2025-04-{i + 1:02d}", "agreed_focus": f"F{i}"}
        for i in range(N)
    ]
    accepted, _ = _split(server.race(MANAGED, "record_talk", "manager_1", talks))
    stored = _report(server, learner)["conversations"]
    assert sorted(t["agreed_focus"] for t in stored) == sorted(f"F{i}" for i in accepted)
    assert len(accepted) == N


def test_checklist_ticks_from_parallel_tabs_are_all_kept(server: Server) -> None:
    learner = "learner_4"
    items = ["dialogue-held", "plan-agreed", "follow-up-set", "support-given"]
    bodies = [{"username": learner, "item": items[i % len(items)], "done": True} for i in range(N)]
    accepted, _ = _split(server.race(MANAGED, "tick_checklist", "manager_1", bodies))
    assert len(accepted) == N
    assert _report(server, learner)["checklist"] == dict.fromkeys(items, True)


# -- prior learning portfolio ----------------------------------------------------------------

RPL_PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


def _new_claim(server: Server, who: str, competency: str = "giving-feedback") -> str:
    status, answer = server.post(
        PORTFOLIO,
        "create_claim",
        who,
        {"standard": None, "competency_id": competency, "level": 2},
    )
    assert status == 200, answer
    return str(answer["claim_id"])


def _evidence_upload(claim_id: str, i: int) -> tuple[bytes, str]:
    boundary = "talent-race-boundary"
    fields = {
        "claim_id": claim_id,
        "title": f"Report {i}",
        "description": "",
        "date": "2024-03-01",
        "indicator_ids": "giving-feedback-l2-1",
    }
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in fields.items()
    ]
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
        f'filename="report-{i}.pdf"\r\nContent-Type: application/pdf\r\n\r\n'
    )
    body = "".join(parts).encode() + head.encode() + RPL_PDF + f"{i}\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def _claims(server: Server, who: str) -> list[dict[str, Any]]:
    return list(server.state(PORTFOLIO, who).get("portfolio", {}).get("claims", []))


def _media_files(server: Server) -> set[str]:
    media = server.db.parent / "media"
    return {str(p.relative_to(media)) for p in media.rglob("*") if p.is_file()}


def test_parallel_uploads_keep_every_accepted_file_and_leave_no_other(server: Server) -> None:
    who = "race_upload"
    claim_id = _new_claim(server, who)
    before = _media_files(server)
    parts = [_evidence_upload(claim_id, i) for i in range(N)]
    answers = server.race(
        PORTFOLIO, "upload_evidence", who, [body for body, _ in parts], parts[0][1]
    )
    accepted, _refused = _split(answers)
    assert accepted
    (claim,) = _claims(server, who)
    titles = sorted(item["title"] for item in claim["evidence"])
    assert titles == sorted(f"Report {i}" for i in accepted)
    stored = {item["file"]["storage_name"] for item in claim["evidence"]}
    assert _media_files(server) - before == stored  # refused uploads left no file behind


def test_parallel_links_and_claims_keep_every_accepted_one(server: Server) -> None:
    who = "race_links"
    claim_id = _new_claim(server, who)
    bodies = [
        {
            "claim_id": claim_id,
            "kind": "link",
            "title": f"Link {i}",
            "date": "2024-03-01",
            "indicator_ids": ["giving-feedback-l2-1"],
            "url": f"https://example.org/{i}",
        }
        for i in range(N)
    ]
    accepted, _ = _split(server.race(PORTFOLIO, "add_evidence", who, bodies))
    (claim,) = _claims(server, who)
    assert sorted(i["title"] for i in claim["evidence"]) == sorted(f"Link {i}" for i in accepted)

    competencies = ["delegating", "coaching-others", "developing-others", "active-listening"]
    creations = [{"standard": None, "competency_id": c, "level": 2} for c in competencies]
    accepted, _ = _split(server.race(PORTFOLIO, "create_claim", who, creations))
    kept = {c["competency_id"] for c in _claims(server, who)} - {"giving-feedback"}
    assert kept == {competencies[i] for i in accepted}


def test_parallel_submissions_of_one_claim_submit_it_once(server: Server) -> None:
    who = "race_submit"
    claim_id = _new_claim(server, who)
    account = {"situation": "S", "task": "T", "action": "A", "result": "R"}
    for i in range(2):
        link = {
            "claim_id": claim_id,
            "kind": "link",
            "title": f"Link {i}",
            "date": "2024-03-01",
            "indicator_ids": ["giving-feedback-l2-1"],
            "url": f"https://example.org/{i}",
        }
        assert server.post(PORTFOLIO, "add_evidence", who, link)[0] == 200
    (claim,) = _claims(server, who)
    saved = {"claim_id": claim_id, "updated": claim["updated"], "account": account}
    assert server.post(PORTFOLIO, "save_claim", who, saved)[0] == 200
    accepted, refused = _split(
        server.race(PORTFOLIO, "submit_claim", who, [{"claim_id": claim_id}] * N)
    )
    assert len(accepted) == 1 and len(refused) == N - 1
    (claim,) = _claims(server, who)
    assert [c["state"] for c in claim["history"]] == ["draft", "submitted"]


# -- prior learning reviewers (demo roster: guide_1 guides learner_1 … learner_5, assessor_1 and
# assessor_2 assess everyone). What a reviewer writes lives in the reviewer's own state, so these
# race one reviewer's tabs. The learner's submitted claim is written into the workbench's store
# directly (the state the learner's own handlers store; their races are the learner block's).

RPL_CLAIM_ID = "c" * 32


def _seed_claim(server: Server, learner: str, evidence: int) -> dict[str, Any]:
    """``learner``'s portfolio with one submitted claim of ``evidence`` dated items."""
    from tests.xblocks.rpl_review_helpers import claim

    portfolio = {
        "schema_version": 1,
        "claims": [claim(RPL_CLAIM_ID, learner=learner, evidence=evidence).model_dump(mode="json")],
    }
    scenario, tag, _ = PORTFOLIO.split(".", 2)
    with sqlite3.connect(server.db, timeout=30) as db:
        db.execute(
            "INSERT INTO workbench_xblockstate (scope, scope_id, user_id, scenario, tag, state,"
            " created) VALUES ('usage', ?, ?, ?, ?, ?, datetime('now'))",
            (PORTFOLIO, learner, scenario, tag, json.dumps({"portfolio": portfolio})),
        )
    return {"learner": learner, "claim_id": RPL_CLAIM_ID}


def _record(server: Server, reviewer: str) -> dict[str, Any]:
    return dict(server.state(PORTFOLIO, reviewer).get("review_record") or {})


def test_the_portfolio_scenario_has_the_usage_id_these_tests_use(server: Server) -> None:
    assert PORTFOLIO in server.page("prior_learning_portfolio.0", "race_ids")


def test_vraak_scores_from_parallel_tabs_are_all_kept(server: Server) -> None:
    ref = _seed_claim(server, "learner_6", evidence=N)
    bodies = [
        {
            **ref,
            "score": {
                "evidence_id": f"e{i}",
                **dict.fromkeys(("variation", "relevance", "authenticity", "currency"), "met"),
                "quantity": "partly",
                "note": f"n{i}",
            },
        }
        for i in range(N)
    ]
    accepted, _ = _split(server.race(PORTFOLIO, "score_evidence", "assessor_1", bodies))
    assert accepted  # a request that waited too long is refused (409) and changed nothing
    record = _record(server, "assessor_1")
    [review] = [r for r in record["reviews"] if r["learner"] == "learner_6"]
    assert sorted(s["note"] for s in review["scores"]) == sorted(f"n{i}" for i in accepted)
    actions = [a["action"] for a in record["audit"] if a.get("learner") == "learner_6"]
    assert actions.count("scored") == len(accepted) and actions.count("picked_up") == 1


def test_guide_comments_from_parallel_tabs_are_all_kept(server: Server) -> None:
    ref = _seed_claim(server, "learner_2", evidence=2)
    bodies = [{**ref, "text": f"Comment {i}"} for i in range(N)]
    accepted, _ = _split(server.race(PORTFOLIO, "comment_on_claim", "guide_1", bodies))
    assert accepted
    comments = _record(server, "guide_1")["comments"]
    assert sorted(c["text"] for c in comments) == sorted(f"Comment {i}" for i in accepted)


def test_one_decision_per_submission_the_rest_409(server: Server) -> None:
    ref = _seed_claim(server, "learner_7", evidence=2)
    instrument = {
        "kind": "criterion_interview",
        "date": "2026-03-05",
        "assessor": "assessor_2",
        "outcome": "Convincing.",
        "notes": "",
    }
    assert (
        server.post(
            PORTFOLIO, "record_instrument", "assessor_2", {**ref, "instrument": instrument}
        )[0]
        == 200
    )
    for evidence in ("e0", "e1"):
        score = dict.fromkeys(
            ("variation", "relevance", "authenticity", "currency", "quantity"), "met"
        )
        body = {**ref, "score": {"evidence_id": evidence, **score}}
        assert server.post(PORTFOLIO, "score_evidence", "assessor_2", body)[0] == 200
    bodies = [
        {
            **ref,
            "outcome": "recognised",
            "awarded_level": 2,
            "reasons": {"delegating-l2-1": f"r{i}", "delegating-l2-2": "Shown."},
            "feedback": f"f{i}",
        }
        for i in range(N)
    ]
    accepted, refused = _split(server.race(PORTFOLIO, "decide_claim", "assessor_2", bodies))
    assert len(accepted) == 1 and len(refused) == N - 1
    [review] = [r for r in _record(server, "assessor_2")["reviews"] if r["learner"] == "learner_7"]
    assert review["decision"]["feedback"] == f"f{accepted[0]}"


def test_pick_up_and_instrument_from_parallel_tabs_keep_one_review(server: Server) -> None:
    ref = _seed_claim(server, "learner_8", evidence=2)
    accepted, _ = _split(server.race(PORTFOLIO, "pick_up_claim", "assessor_1", [ref] * N))
    assert accepted
    record = _record(server, "assessor_1")
    assert [r["learner"] for r in record["reviews"]].count("learner_8") == 1
    picked = [a for a in record["audit"] if a.get("learner") == "learner_8"]
    assert [a["action"] for a in picked] == ["picked_up"]
    bodies = [
        {
            **ref,
            "instrument": {
                "kind": "workplace_observation",
                "date": "2026-03-05",
                "assessor": "assessor_1",
                "outcome": f"o{i}",
            },
        }
        for i in range(N)
    ]
    accepted, _ = _split(server.race(PORTFOLIO, "record_instrument", "assessor_1", bodies))
    assert accepted
    [review] = [r for r in _record(server, "assessor_1")["reviews"] if r["learner"] == "learner_8"]
    assert review["instrument"]["outcome"] in {f"o{i}" for i in accepted}
    answers = server.race(PORTFOLIO, "open_claim_review", "assessor_1", [ref] * N)
    assert len(_split(answers)[0]) >= 1


def test_a_decisions_file_imported_from_parallel_tabs_is_stored_once(server: Server) -> None:
    import datetime as dt

    from talent_core import rpl

    ref = _seed_claim(server, "learner_9", evidence=2)
    decision = rpl.ClaimDecision(
        decision_id="9" * 32,
        claim_id=ref["claim_id"],
        learner="learner_9",
        assessor="assessor_2",
        outcome=rpl.DecisionOutcome.RECOGNISED,
        awarded_level=2,
        reasons={"delegating-l2-1": "Plan.", "delegating-l2-2": "Retro."},
        decided_at=dt.datetime(2026, 3, 9, 10, tzinfo=dt.UTC),
        source="import",
        instrument=rpl.SecondInstrument(
            kind="workplace_observation",
            date=dt.date(2026, 3, 6),
            assessor="assessor_2",
            outcome="Observed a hand-over.",
        ),
    )
    body, content_type = _multipart("decisions", rpl.write_decisions_csv([decision]))
    answers = server.race(PORTFOLIO, "import_decisions", "staff_race", [body] * N, content_type)
    accepted, _ = _split(answers)
    assert sum(answers[i][1]["new"] for i in accepted) == 1
    [row] = _block_rows(server, PORTFOLIO)
    assert list(row["imported_decisions"]) == ["9" * 32]

    answers = server.race(PORTFOLIO, "review_queue", "assessor_2", [{"role": "assessor"}] * N)
    accepted, _ = _split(answers)  # 200, or 409 for one that waited too long on a busy machine
    assert accepted and all(answers[i][1]["count"] >= 1 for i in accepted)


# -- staff uploads (whole replacements: every answer 200 or 409, one upload's file stored) ----
# These run last: the peer roster they store replaces the one the tests above log against.


def _multipart(field: str, text: str) -> tuple[bytes, str]:
    boundary = "talent-race-boundary"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="replace"\r\n\r\nyes\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; '
        f'filename="roster.csv"\r\nContent-Type: text/csv\r\n\r\n{text}\r\n--{boundary}--\r\n'
    )
    return body.encode(), f"multipart/form-data; boundary={boundary}"


def _block_rows(server: Server, usage: str) -> list[dict[str, Any]]:
    """The rows of what a block keeps for all its users (settings, user_state_summary)."""
    with sqlite3.connect(server.db, timeout=30) as db:
        found = db.execute(
            "SELECT state FROM workbench_xblockstate"
            " WHERE scope='usage' AND scope_id=? AND user_id IS NULL",
            (usage,),
        ).fetchall()
    return [json.loads(state) for (state,) in found]


@pytest.mark.parametrize(
    ("usage", "handler", "roster", "stored"),
    [
        (
            MANAGED,
            "upload_managers",
            "username,manager_username,name\nboss_{i},,Boss {i}\nrace_{i},boss_{i},Race {i}\n",
            lambda row: [r[0] for r in row["manager_roster"]["rows"]],
        ),
        (
            PORTFOLIO,
            "upload_reviewers",
            "username,role\nrace_{i},assessor\nrace_g{i},guide\n",
            lambda row: [r[0] for r in row["reviewer_roster"]["rows"]],
        ),
        (
            PEERS,
            "upload_roster",
            "username,group\nrace_{i},Group {i}\nrace_x{i},Group {i}\n",
            lambda row: [line.split(",")[0] for line in row["roster_csv"].splitlines()[1:]],
        ),
    ],
)
def test_staff_roster_uploads_store_exactly_one_accepted_file(
    server: Server, usage: str, handler: str, roster: str, stored: Any
) -> None:
    texts = [roster.format(i=i) for i in range(N)]
    parts = [_multipart("roster", text) for text in texts]
    content_type = parts[0][1]
    answers = server.race(usage, handler, "staff_race", [body for body, _ in parts], content_type)
    accepted, _ = _split(answers)
    assert accepted
    rows = _block_rows(server, usage)
    assert len(rows) == 1
    kept = stored(rows[0])
    assert kept in [[line.split(",")[0] for line in texts[i].splitlines()[1:]] for i in accepted]


# -- issue 12: talent views, targets, aspirations ----------------------------------------------


def test_talent_views_for_different_reports_from_parallel_tabs_are_all_kept(
    server: Server,
) -> None:
    """One manager record holds every report's view: ten saves for five reports at once lose
    none (each report keeps the view of one of its accepted saves)."""
    # The demo roster again: the roster race above may have replaced it.
    body, content_type = _multipart("roster", MANAGER_ROSTER)
    [(status, _)] = server.race(MANAGED, "upload_managers", "staff_race", [body], content_type)
    assert status == 200
    learners = [f"learner_{1 + i % 5}" for i in range(N)]
    bodies = [
        {
            "username": learners[i],
            "strengths": ["delegating"],
            "next_step": f"S{i}",
            "conversation_date": "2026-11-20",
        }
        for i in range(N)
    ]
    accepted, _ = _split(server.race(MANAGED, "record_talent_view", "manager_1", bodies))
    reports = server.state(MANAGED, "manager_1")["manager_record"]["reports"]
    for learner in set(learners[i] for i in accepted):
        view = reports[learner]["talent"]
        assert view["learner"] == learner and view["manager"] == "manager_1"
        assert view["next_step"] in {f"S{i}" for i in accepted if learners[i] == learner}


def test_choosing_a_target_from_parallel_tabs_keeps_one_and_the_attempt(server: Server) -> None:
    learner = "learner_target_race"
    levels = dict.fromkeys(LEADING, 2)
    draft = {"role_id": "first-time-manager", "levels": levels}
    assert server.post(LINKED_ASSESSMENT, "submit_assessment", learner, draft)[0] == 200
    roles = ["project-lead", "hr-business-partner", "experienced-leader-mentor", "specialist"]
    bodies = [{"role_id": roles[i % len(roles)]} for i in range(N)]
    accepted, _ = _split(server.race(LINKED_ASSESSMENT, "choose_target", learner, bodies))
    assert accepted
    stored = server.state(LINKED_ASSESSMENT, learner)["assessment"]
    assert len(stored["attempts"]) == 1
    assert stored["target"]["role_id"] in {bodies[i]["role_id"] for i in accepted}
    assert stored["draft"]["role_id"] == stored["target"]["role_id"]


def test_aspirations_saved_from_parallel_tabs_keep_one_whole_save(server: Server) -> None:
    learner = "learner_aspirations_race"
    bodies = [
        {
            "aspirations": [
                {"kind": "energy", "text": f"E{i}", "shared_with_manager": True},
                {"kind": "mobility", "text": f"M{i}", "shared_with_manager": False},
            ]
        }
        for i in range(N)
    ]
    accepted, _ = _split(server.race(DIALOGUE, "save_aspirations", learner, bodies))
    stored = server.state(DIALOGUE, learner)["dialogue"]["aspirations"]
    texts = [a["text"] for a in stored]
    assert any(texts == [f"E{i}", f"M{i}"] for i in accepted)  # never a mix of two saves
