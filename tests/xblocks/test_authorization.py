"""Who may call which handler: every handler of every block × learner / other learner / group
member / non-member / staff (issue 7, items 8-9 and "Done when").

Every handler must be listed in :data:`TABLE`; a new handler fails
:func:`test_every_handler_is_in_the_table` until its row says who may call it.
"""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from webob import Request
from xblock.core import XBlock
from xblock.fields import Scope

from tests.xblocks.test_development_dialogue import CONVERSATION, PREPARATION
from tests.xblocks.test_development_plan import GOALS
from xblocks._peer_demo import INTERVISION_ROSTER

LEARNER, OTHER, STAFF = "learner_1", "learner_2", "staff_hr"
MEMBER, OTHER_GROUP, OUTSIDER = "learner_3", "learner_6", "outsider"
LEARNERS = (LEARNER, OTHER, MEMBER, OTHER_GROUP, OUTSIDER)
RPL_CLAIM = "0" * 32
LEADING = ["giving-feedback", "coaching-others", "delegating", "developing-others"]

#: Settings each block is built with (a roster block with the demo roster).
SETTINGS: dict[str, dict[str, Any]] = {
    "competency_explorer": {},
    "competency_assessment": {"competencies": ["leading-people"]},
    "development_dialogue": {},
    "development_plan": {},
    "peer_group": {"roster_csv": INTERVISION_ROSTER},
    "prior_learning_portfolio": {},
}


def _json(body: Any) -> Callable[[], Request]:
    return lambda: Request.blank(
        "/", method="POST", body=json.dumps(body).encode(), content_type="application/json"
    )


def _get() -> Request:
    return Request.blank("/")


def _upload(field: str, content: bytes) -> Callable[[], Request]:
    return lambda: Request.blank("/", POST={field: ("upload.csv", content)})


RPL_REF = {"learner": LEARNER, "claim_id": "a" * 32}
RPL_SCORE = {
    **RPL_REF,
    "score": {
        "evidence_id": "e0",
        **dict.fromkeys(("variation", "relevance", "authenticity", "currency", "quantity"), "met"),
    },
}
RPL_INSTRUMENT = {
    **RPL_REF,
    "instrument": {
        "kind": "criterion_interview",
        "date": "2026-01-05",
        "assessor": OTHER,
        "outcome": "Convincing.",
    },
}
RPL_DECISION = {**RPL_REF, "outcome": "recognised", "awarded_level": 2, "reasons": {}}

STUDIO_EDIT = _json({"values": {"display_name": "Renamed by a learner"}, "defaults": []})

#: (block type, handler) → (who, request). ``own``: anyone, on their own state only;
#: ``staff``: course staff and authors only; ``group``: members of the group the body names;
#: ``manager``: only a manager the roster names for that learner (none here);
#: ``reviewer``: only a guide or assessor the reviewer roster names (none here).
TABLE: dict[tuple[str, str], tuple[str, Callable[[], Request]]] = {
    ("competency_explorer", "show_competency"): ("own", _json({"competency_id": "delegating"})),
    ("competency_explorer", "download_data"): ("staff", _get),
    ("competency_explorer", "submit_studio_edits"): ("staff", STUDIO_EDIT),
    ("competency_assessment", "save_draft"): ("own", _json({"levels": {"delegating": 2}})),
    ("competency_assessment", "submit_assessment"): (
        "own",
        _json({"role_id": "first-time-manager", "levels": dict.fromkeys(LEADING, 1)}),
    ),
    ("competency_assessment", "print_summary"): ("own", _get),
    ("competency_assessment", "choose_target"): ("own", _json({"role_id": "project-lead"})),
    ("competency_assessment", "offer_mentoring"): (
        "own",
        _json({"competency_id": "giving-feedback", "offered": True}),
    ),
    ("competency_assessment", "download_data"): ("staff", _get),
    ("competency_assessment", "import_framework"): (
        "staff",
        _upload("file", b'{"id": "x", "nodes": []}'),
    ),
    ("competency_assessment", "import_roles"): (
        "staff",
        _upload("file", b"role_id,name_en,competency_id,level,importance\nx,X,delegating,1,1\n"),
    ),
    ("competency_assessment", "submit_studio_edits"): ("staff", STUDIO_EDIT),
    ("development_dialogue", "save_preparation"): ("own", _json(PREPARATION)),
    ("development_dialogue", "linked_parts"): ("own", _json({})),
    ("development_dialogue", "record_conversation"): ("own", _json(CONVERSATION)),
    ("development_dialogue", "remove_conversation"): (
        "own",
        _json({"index": 0, "held_on": CONVERSATION["held_on"]}),
    ),
    ("development_dialogue", "preparation_sheet"): ("own", _get),
    ("development_dialogue", "save_aspirations"): (
        "own",
        _json(
            {"aspirations": [{"kind": "energy", "text": "Ask <Sam>", "shared_with_manager": True}]}
        ),
    ),
    ("development_dialogue", "download_data"): ("staff", _get),
    ("development_dialogue", "submit_studio_edits"): ("staff", STUDIO_EDIT),
    ("development_plan", "save_plan"): ("own", _json({"version": 0, "goals": GOALS})),
    ("development_plan", "linked_parts"): ("own", _json({})),
    ("development_plan", "record_agreement"): (
        "own",
        _json({"version": 1, "manager_name": "Mia Berg", "agreed_on": "2025-05-02"}),
    ),
    ("development_plan", "submit_plan"): ("own", _json({"version": 2})),
    ("development_plan", "add_gap_goals"): ("own", _json({"version": 0, "goals": []})),
    ("development_plan", "new_goal"): ("own", _json({"competency_id": "delegating"})),
    ("development_plan", "new_activity"): ("own", _json({"competency_id": "delegating"})),
    ("development_plan", "download_csv"): ("own", _get),
    ("development_plan", "download_ics"): ("own", _get),
    ("development_plan", "print_view"): ("own", _get),
    ("development_plan", "preparation_sheet"): ("manager", _get),
    ("development_plan", "agree_plan"): ("manager", _json({"username": LEARNER, "version": 1})),
    ("development_plan", "send_back"): ("manager", _json({"username": LEARNER, "version": 1})),
    ("development_plan", "record_talk"): (
        "manager",
        _json({"username": LEARNER, "held_on": "2025-05-02", "agreed_focus": "Delegate."}),
    ),
    ("development_plan", "tick_checklist"): (
        "manager",
        _json({"username": LEARNER, "item": "first-talk", "done": True}),
    ),
    ("development_plan", "record_talent_view"): (
        "manager",
        _json(
            {"username": LEARNER, "strengths": ["delegating"], "conversation_date": "2025-05-02"}
        ),
    ),
    ("development_plan", "respond_talent_view"): (
        "own",
        _json({"text": "I see it too.", "conversation_date": "2025-05-02"}),
    ),
    ("development_plan", "download_data"): ("staff", _get),
    ("development_plan", "download_readiness"): ("staff", _get),
    ("development_plan", "upload_managers"): (
        "staff",
        _upload("roster", b"username,manager\nlearner_1,learner_2\n"),
    ),
    ("development_plan", "submit_studio_edits"): ("staff", STUDIO_EDIT),
    ("peer_group", "show_log"): ("group", _json({"group": "Harbour"})),
    ("peer_group", "log_session"): (
        "group",
        _json({"group": "Harbour", "date": "2025-05-02", "case_owner": "Bo", "insight": "Ask."}),
    ),
    ("peer_group", "end_programme"): ("own", _json({"ended": True})),
    ("peer_group", "volunteer"): ("own", _json({"volunteer_as": "mentor"})),
    ("peer_group", "download_data"): ("staff", _get),
    ("peer_group", "download_volunteers"): ("staff", _get),
    ("peer_group", "download_sessions"): ("staff", _get),
    ("peer_group", "upload_roster"): (
        "staff",
        _upload("roster", b"username,group\nlearner_1,Mallory's group\n"),
    ),
    ("peer_group", "submit_studio_edits"): ("staff", STUDIO_EDIT),
    ("prior_learning_portfolio", "create_claim"): (
        "own",
        _json({"standard": None, "competency_id": "delegating", "level": 2}),
    ),
    ("prior_learning_portfolio", "save_claim"): (
        "own",
        _json(
            {
                "claim_id": RPL_CLAIM,
                "updated": "2025-05-02T10:00:00+00:00",
                "account": {"situation": "S", "task": "T", "action": "A", "result": "R"},
            }
        ),
    ),
    ("prior_learning_portfolio", "add_evidence"): (
        "own",
        _json(
            {
                "claim_id": RPL_CLAIM,
                "kind": "text",
                "title": "Note",
                "description": "What I did",
                "date": "2025-05-02",
            }
        ),
    ),
    ("prior_learning_portfolio", "upload_evidence"): ("own", _upload("file", b"%PDF-1.4\n")),
    ("prior_learning_portfolio", "remove_evidence"): (
        "own",
        _json({"claim_id": RPL_CLAIM, "evidence_id": "abc"}),
    ),
    ("prior_learning_portfolio", "delete_claim"): ("own", _json({"claim_id": RPL_CLAIM})),
    ("prior_learning_portfolio", "submit_claim"): ("own", _json({"claim_id": RPL_CLAIM})),
    ("prior_learning_portfolio", "reopen_claim"): ("own", _json({"claim_id": RPL_CLAIM})),
    ("prior_learning_portfolio", "erase_my_portfolio"): ("own", _json({})),
    ("prior_learning_portfolio", "apply_decisions"): ("own", _json({})),
    ("prior_learning_portfolio", "export_my_data"): ("own", _get),
    ("prior_learning_portfolio", "download_credential"): ("own", _get),
    ("prior_learning_portfolio", "experience_profile"): ("own", _get),
    # Who may open a file (owner, the roster's guides and assessors, staff) is tested in
    # tests/xblocks/test_prior_learning_portfolio_files.py; a request naming no file is 400.
    ("prior_learning_portfolio", "evidence_file"): ("own", _get),
    ("prior_learning_portfolio", "export_person"): ("staff", _get),
    ("prior_learning_portfolio", "erase_person_files"): ("staff", _json({"username": OTHER})),
    ("prior_learning_portfolio", "download_data"): ("staff", _get),
    ("prior_learning_portfolio", "submit_studio_edits"): ("staff", STUDIO_EDIT),
    ("prior_learning_portfolio", "upload_reviewers"): (
        "staff",
        _upload("roster", b"username,role\nlearner_1,assessor\n"),
    ),
    ("prior_learning_portfolio", "import_decisions"): (
        "staff",
        _upload("decisions", b"decision_id,claim_id\n"),
    ),
    ("prior_learning_portfolio", "download_audit"): ("staff", _get),
    ("prior_learning_portfolio", "download_review_queue"): ("staff", _get),
    ("prior_learning_portfolio", "download_evidence_zip"): ("staff", _get),
    ("prior_learning_portfolio", "review_queue"): ("reviewer", _json({"role": "assessor"})),
    ("prior_learning_portfolio", "open_claim_review"): ("reviewer", _json(RPL_REF)),
    ("prior_learning_portfolio", "pick_up_claim"): ("reviewer", _json(RPL_REF)),
    ("prior_learning_portfolio", "score_evidence"): ("reviewer", _json(RPL_SCORE)),
    ("prior_learning_portfolio", "record_instrument"): ("reviewer", _json(RPL_INSTRUMENT)),
    ("prior_learning_portfolio", "decide_claim"): ("reviewer", _json(RPL_DECISION)),
    ("prior_learning_portfolio", "comment_on_claim"): (
        "reviewer",
        _json({**RPL_REF, "text": "x"}),
    ),
}

GROUP_ALLOWED = {LEARNER, OTHER, MEMBER}  # the Harbour group of the demo roster


def _manager_handlers(block_type: str) -> set[str]:
    """Handlers made with ``_plan_team.manager_handler``: 403 for non-managers before the body
    is read, so they join the table as ``manager`` rows without a body of their own."""
    cls = XBlock.load_class(block_type)
    found = set()
    for name in dir(cls):
        method = getattr(cls, name, None)
        if not getattr(method, "_is_xblock_handler", False):
            continue
        try:
            source = inspect.getsource(inspect.unwrap(method))
        except (OSError, TypeError):
            continue
        if re.search(r"^\s*@manager_handler\(", source, re.M):
            found.add(name)
    return found


for _type in SETTINGS:
    for _name in _manager_handlers(_type):
        TABLE.setdefault((_type, _name), ("manager", _json({"username": LEARNER})))


def _handlers(block_type: str) -> set[str]:
    cls = XBlock.load_class(block_type)
    return {
        name for name in dir(cls) if getattr(getattr(cls, name, None), "_is_xblock_handler", False)
    }


def test_every_handler_is_in_the_table() -> None:
    listed = {(block_type, handler) for block_type, handler in TABLE}
    found = {(t, h) for t in SETTINGS for h in _handlers(t)}
    assert found - listed == set(), "add these handlers to TABLE"
    assert listed - found == set()


def _snapshot(block: Any) -> dict[str, Any]:
    """Every stored field of the block as this user sees it (settings and their own state)."""
    return {
        name: json.dumps(field.to_json(getattr(block, name)), sort_keys=True)
        for name, field in block.fields.items()
        if field.scope in (Scope.settings, Scope.user_state, Scope.content)
    }


@pytest.fixture
def course(make_block, workbench_field_data):
    """``course(block_type)`` → ``as_user(user)``: one block of that type seen by ``user``."""

    def make(block_type: str) -> Callable[[str], Any]:
        first = make_block(
            block_type, user=STAFF, field_data=workbench_field_data, **SETTINGS[block_type]
        )
        usage = first.scope_ids.usage_id
        return lambda user: make_block(
            block_type, user=user, usage=usage, field_data=workbench_field_data
        )

    return make


def _call(as_user: Callable[[str], Any], user: str, handler: str, request: Callable[[], Request]):
    return as_user(user).handle(handler, request())


STAFF_ONLY = sorted(key for key, (who, _) in TABLE.items() if who == "staff")
OWN = sorted(key for key, (who, _) in TABLE.items() if who == "own")
GROUP = sorted(key for key, (who, _) in TABLE.items() if who == "group")
MANAGER = sorted(key for key, (who, _) in TABLE.items() if who == "manager")
REVIEWER = sorted(key for key, (who, _) in TABLE.items() if who == "reviewer")


@pytest.mark.parametrize(("block_type", "handler"), STAFF_ONLY)
def test_staff_handlers_refuse_every_learner_and_change_nothing(
    course, block_type: str, handler: str
) -> None:
    as_user = course(block_type)
    request = TABLE[block_type, handler][1]
    for user in LEARNERS:
        before = _snapshot(as_user(LEARNER)), _snapshot(as_user(user))
        response = _call(as_user, user, handler, request)
        assert response.status_code == 403, (user, response.status_code, response.body[:200])
        assert (_snapshot(as_user(LEARNER)), _snapshot(as_user(user))) == before
    assert _call(as_user, STAFF, handler, request).status_code != 403


@pytest.mark.parametrize(("block_type", "handler"), OWN)
def test_own_state_handlers_never_touch_another_learners_state(
    course, block_type: str, handler: str
) -> None:
    """The learner acts first; then everyone else calls the same handler: the learner's state
    stays exactly as it was (no handler takes whose state to change)."""
    as_user = course(block_type)
    _prepare(as_user, block_type, LEARNER)
    request = TABLE[block_type, handler][1]
    answer = _call(as_user, LEARNER, handler, request)
    # submit_plan needs a manager roster (none here): tests/xblocks/test_plan_team.py has it.
    # respond_talent_view needs a manager's talent view: tests/xblocks/test_talent_conversation.py.
    needs_manager = handler in ("submit_plan", "respond_talent_view")
    allowed = (200, 400, 403, 409) if needs_manager else (200, 400, 409)
    if handler in ("download_credential", "experience_profile"):
        allowed = (404,)  # nothing recognised yet: test_prior_learning_portfolio_credentials.py
    assert answer.status_code in allowed, answer.body[:300]
    mine = _snapshot(as_user(LEARNER))
    for user in (OTHER, MEMBER, OTHER_GROUP, OUTSIDER, STAFF):
        _call(as_user, user, handler, request)
        assert _snapshot(as_user(LEARNER)) == mine, user
    if request is _get:  # a page or download of one's own: never someone else's words
        theirs = _call(as_user, OTHER, handler, request).body
        assert b"Ask <Sam>" not in theirs and b"The talk with" not in theirs


@pytest.mark.parametrize(("block_type", "handler"), GROUP)
def test_group_handlers_answer_members_only(course, block_type: str, handler: str) -> None:
    as_user = course(block_type)
    request = TABLE[block_type, handler][1]
    for user in (LEARNER, OTHER, MEMBER, OTHER_GROUP, OUTSIDER, STAFF):
        before = {u: _snapshot(as_user(u)) for u in (LEARNER, user)}
        status = _call(as_user, user, handler, request).status_code
        if user in GROUP_ALLOWED:
            assert status == 200, user
        else:
            assert status == 403, user
            assert {u: _snapshot(as_user(u)) for u in (LEARNER, user)} == before


@pytest.mark.parametrize(("block_type", "handler"), MANAGER)
def test_manager_handlers_refuse_whoever_is_not_the_learners_manager(
    course, block_type: str, handler: str
) -> None:
    as_user = course(block_type)
    _prepare(as_user, block_type, LEARNER)
    mine = _snapshot(as_user(LEARNER))
    for user in (OTHER, MEMBER, OTHER_GROUP, OUTSIDER, STAFF):
        status = _call(as_user, user, handler, TABLE[block_type, handler][1]).status_code
        assert status == 403, user
        assert _snapshot(as_user(LEARNER)) == mine


@pytest.mark.parametrize(("block_type", "handler"), REVIEWER)
def test_reviewer_handlers_refuse_whoever_the_reviewer_roster_does_not_name(
    course, block_type: str, handler: str
) -> None:
    """No reviewer roster here: every learner and staff get 403 and nothing changes."""
    as_user = course(block_type)
    for user in (*LEARNERS, STAFF):
        before = _snapshot(as_user(LEARNER)), _snapshot(as_user(user))
        response = _call(as_user, user, handler, TABLE[block_type, handler][1])
        assert response.status_code == 403, (user, response.status_code)
        assert (_snapshot(as_user(LEARNER)), _snapshot(as_user(user))) == before


def _prepare(as_user: Callable[[str], Any], block_type: str, user: str) -> None:
    """State the handlers build on: a saved plan, a prepared dialogue with a conversation."""
    if block_type == "development_plan":
        assert (
            _call(as_user, user, "save_plan", TABLE[block_type, "save_plan"][1]).status_code == 200
        )
    if block_type == "development_dialogue":
        for handler in ("save_preparation", "record_conversation"):
            assert _call(as_user, user, handler, TABLE[block_type, handler][1]).status_code == 200
