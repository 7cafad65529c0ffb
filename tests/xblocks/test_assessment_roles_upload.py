"""Studio: the author picks roles from an uploaded role file (JSON or the role CSV HR exports),
checked against the block's framework; a refused file changes nothing, and what is saved goes
through OLX unchanged."""

from __future__ import annotations

import json
from typing import Any

from django.utils import translation
from lxml import etree
from webob import Request

import talent_core as tc
from talent_core import formats
from tests.xblocks.markup import text_of

ASSESSMENT = "competency_assessment"
FRAMEWORK = tc.demo_framework()
FIRST = FRAMEWORK.competencies()[0].id


def post_roles(block: Any, data: bytes, filename: str, **fields: str) -> Any:
    request = Request.blank("/", POST={"file": (filename, data), **fields})
    return block.handle("import_roles", request)


def messages(block: Any) -> list[tuple[str, str]]:
    return [(m.type, m.text) for m in block.validate().messages]


def test_a_role_csv_from_hr_becomes_the_blocks_roles(make_block, call) -> None:
    block = make_block(ASSESSMENT, user="staff_author", competencies=["leading-people"])
    data = formats.write_roles(tc.demo_roles()[:2], "csv")
    response = post_roles(block, data, "roles.csv")
    assert response.status_code == 200
    answer = response.json
    assert answer["role_ids"] == [role.id for role in tc.demo_roles()[:2]]
    assert block.roles_source == "demo" and block.roles_json == ""  # nothing stored until Save
    values = {"roles_source": "custom", "roles_json": answer["roles_json"]}
    saved = call(block, "submit_studio_edits", {"values": values, "defaults": []})
    assert saved.status_code == 200 and messages(block) == []
    assert [c["value"] for c in block.role_choices()] == answer["role_ids"]
    assert list(block.setup.roles) == tc.demo_roles()[:2]


def test_a_role_file_that_does_not_fit_is_refused_with_every_problem(make_block) -> None:
    before = json.dumps([r.model_dump(mode="json") for r in tc.demo_roles()[:1]])
    block = make_block(
        ASSESSMENT,
        user="staff_author",
        competencies=["leading-people"],
        roles_source="custom",
        roles_json=before,
    )
    data = (
        "role_id,name_en,competency_id,level,importance\r\n"
        f"lead,Lead,ghost,2,3\r\nlead,Lead,{FIRST},9,3\r\nlead,Lead,{FIRST},1,1\r\n"
        '=HYPERLINK("x"),Boss,' + FIRST + ",1,1\r\n"
    ).encode()
    with translation.override("sv"):
        response = post_roles(block, data, "roles.csv")
    assert response.status_code == 400
    assert response.json["error"] == "Rollfilen passar inte det här blockets ramverk."
    assert [p["message"] for p in response.json["problems"]] == [
        "roles.csv, row 2, column 'competency_id': okänd kompetens 'ghost'",
        "roles.csv, row 3, column 'level': 9 finns inte på skalan 'talent-demo-4' [1, 2, 3, 4]",
        f"roles.csv, row 4, column 'competency_id': rollen 'lead' kräver redan {FIRST!r} på rad 3",
        "roles.csv, row 5, column 'role_id': cellen innehåller en kalkylbladsformel "
        '(=HYPERLINK("x")); en rollfil innehåller bara text och tal',
    ]
    assert block.roles_source == "custom" and block.roles_json == before


def test_the_file_is_checked_against_the_framework_in_the_editor(
    make_block, small_framework_json
) -> None:
    """The author changed the framework but has not saved yet: the upload checks that one."""
    block = make_block(ASSESSMENT, user="staff_author", competencies=["leading-people"])
    data = formats.write_roles(tc.demo_roles(), "json")
    fits_demo = post_roles(block, data, "roles.json")
    assert fits_demo.status_code == 200
    editor = {"framework_source": "custom", "framework_json": small_framework_json}
    refused = post_roles(block, data, "roles.json", **editor)
    assert refused.status_code == 400
    assert "unknown competency" in refused.json["problems"][0]["message"]
    broken = post_roles(block, data, "roles.json", framework_source="custom", framework_json="{")
    assert broken.status_code == 400
    assert broken.json["error"] == "Fix the framework first: the role file is checked against it."


def test_only_the_course_team_may_upload_and_only_by_post(make_block) -> None:
    learner = make_block(ASSESSMENT, competencies=["leading-people"])
    data = formats.write_roles(tc.demo_roles(), "csv")
    assert post_roles(learner, data, "roles.csv").status_code == 403
    author = make_block(ASSESSMENT, user="staff_author")
    assert author.handle("import_roles", Request.blank("/")).status_code == 405
    empty = author.handle("import_roles", Request.blank("/", POST={"x": ""}))
    assert empty.status_code == 400 and empty.json["error"] == "Choose a file first."
    huge = post_roles(author, b" " * (formats.MAX_ROLE_FILE_BYTES + 10), "roles.csv")
    assert huge.status_code == 400
    assert huge.json["problems"][0]["message"] == "the file is larger than 5 MB"


def test_any_bytes_get_a_400_never_a_500(make_block) -> None:
    author = make_block(ASSESSMENT, user="staff_author")
    for data in (b"", b"\xff\xfe\x00", b"[" * 10_000, b"role_id\n" + b"x,y\n", b"{}", b"[]"):
        response = post_roles(author, data, "upload.csv")
        assert response.status_code == 400, data
        assert response.json["problems"][0]["message"].startswith("upload.csv")


def test_studio_offers_the_role_upload_with_a_label_in_the_authors_language(make_block) -> None:
    with translation.override("nl"):
        markup = make_block(ASSESSMENT, user="staff_author").render("studio_view", {}).body_html()
    words = text_of(markup)
    assert "Rolprofielen uploaden" in words and "Rollenbestand" in words
    assert 'for="' in markup and 'data-action="import-roles"' in markup
    assert "notebook 01" in words


def test_olx_round_trip_of_roles_from_an_uploaded_csv(make_block, call) -> None:
    block = make_block(ASSESSMENT, user="staff_author", competencies=["leading-people"])
    evil = tc.demo_roles()[0].model_copy(
        update={"name": {"en": 'Lead "A" & <B>', "sv": "=Ledare"}, "description": {}}
    )
    answer = post_roles(block, formats.write_roles([evil], "csv"), "roles.csv").json
    values = {
        "roles_source": "custom",
        "roles_json": answer["roles_json"],
        "target_roles": answer["role_ids"],
    }
    assert call(block, "submit_studio_edits", {"values": values, "defaults": []}).status_code == 200
    node = etree.Element("root")
    block.add_xml_to_node(node)
    runtime = block.runtime
    copy = runtime.get_block(runtime.parse_xml_string(etree.tostring(node, encoding="unicode")))
    for name in block.editable_fields:
        assert getattr(copy, name) == getattr(block, name), name
    assert list(copy.setup.roles) == [evil]
    assert messages(copy) == []
