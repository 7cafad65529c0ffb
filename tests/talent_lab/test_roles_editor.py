"""Notebook 01's role-profile editor: HR creates, copies and edits roles against the loaded
framework, sees what is wrong as they type (in their language), and imports and exports role
files as JSON and CSV; the session raises TalentError, the view shows it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pytest

import talent_core as tc
from talent_core.formats import read_roles, write_roles
from talent_lab import FileProblemsError, FrameworkSession, RoleEditorView, RoleSession

FRAMEWORK = tc.demo_framework()
COMPETENCIES = [c.id for c in FRAMEWORK.competencies()]


@pytest.fixture
def session(tmp_path: Path) -> FrameworkSession:
    return FrameworkSession.demo(out_dir=tmp_path)


def _tree(widget: Any) -> Iterator[Any]:
    yield widget
    for child in getattr(widget, "children", ()) or ():
        yield from _tree(child)


# -- the session ------------------------------------------------------------------------------


def test_a_new_role_is_checked_and_saved_into_the_framework_session(
    session: FrameworkSession,
) -> None:
    roles = RoleSession(session)
    draft = roles.new_draft()
    assert [p.message_id for p in roles.problems(draft)] == [
        "problem.role_csv.no_name",
        "problem.role.no_requirements",
    ]
    draft["name"] = {"en": "Data steward", "sv": "Dataförvaltare"}
    draft["requirements"] = [{"competency_id": COMPETENCIES[0], "level": 9, "importance": 6}]
    problems = roles.problems(draft)
    assert [(p.field, p.message_id) for p in problems] == [
        ("requirements[0].importance", "problem.input.less_than_equal")
    ]
    draft["requirements"][0]["importance"] = 5
    assert [(p.field, p.message) for p in roles.problems(draft)] == [
        ("requirements[0].level", "9 is not on scale 'talent-demo-4' [1, 2, 3, 4]")
    ]
    with pytest.raises(tc.ValidationError):
        roles.save(draft)
    assert len(session.roles) == 5
    draft["requirements"][0]["level"] = 3
    saved = roles.save(draft)
    assert session.roles[-1] == saved and saved.id == "new-role"
    assert "new-role" in session.required_levels().columns  # the explorer shows it


def test_an_id_another_role_has_is_refused_and_a_copy_gets_a_free_id(
    session: FrameworkSession,
) -> None:
    roles = RoleSession(session)
    first = session.roles[0]
    copy = roles.copy_draft(first.id)
    assert copy["id"] == f"{first.id}-copy" and copy["name"] == first.name
    copy["id"] = session.roles[1].id
    assert roles.problems(copy)[0].message == f"duplicate role id {copy['id']!r}"
    copy["id"] = "mentor-lead"
    roles.save(copy)
    assert roles.role("mentor-lead").requirements == first.requirements
    edited = roles.copy_draft(first.id) | {"id": first.id, "name": {"en": "Manager, new"}}
    roles.save(edited, replacing=first.id)  # its own id is no duplicate
    assert session.roles[0].name == {"en": "Manager, new"} and len(session.roles) == 6
    roles.delete("mentor-lead")
    with pytest.raises(tc.InputError):
        roles.delete("mentor-lead")


def test_import_is_whole_or_nothing_and_names_every_problem(session: FrameworkSession) -> None:
    roles = RoleSession(session)
    before = list(session.roles)
    bad = (
        "role_id,name_en,competency_id,level,importance\r\n"
        f"a,A,ghost,1,1\r\na,A,{COMPETENCIES[0]},9,1\r\n"
    ).encode()
    with pytest.raises(FileProblemsError) as info:
        roles.import_file(bad, "roles.csv")
    assert info.value.problems("nl") == [
        "roles.csv, row 2, column 'competency_id': onbekende competentie 'ghost'",
        "roles.csv, row 3, column 'level': 9 staat niet op schaal 'talent-demo-4' [1, 2, 3, 4]",
    ]
    assert session.roles == before
    two = write_roles(before[:2], "csv")
    assert roles.import_file(two, "two.csv") == before[:2] == session.roles


def test_export_writes_json_and_csv_that_read_back(
    session: FrameworkSession, tmp_path: Path
) -> None:
    roles = RoleSession(session)
    for fmt in ("json", "csv"):
        exported = roles.export(fmt, tmp_path / "exports")
        assert exported.path == tmp_path / "exports" / f"roles.{fmt}"
        assert read_roles(exported.path.read_bytes(), exported.path.name, FRAMEWORK) == (
            session.roles
        )
    with pytest.raises(tc.InputError):
        roles.export("xml")
    file_in_the_way = tmp_path / "file"
    file_in_the_way.write_text("x")
    with pytest.raises(tc.TalentError):
        roles.export("csv", file_in_the_way)


SMALL_FRAMEWORK = Path(__file__).parents[1] / "xblocks" / "data" / "small_framework.json"


def test_roles_that_no_longer_fit_a_new_framework_are_explained(
    session: FrameworkSession,
) -> None:
    session.import_file(SMALL_FRAMEWORK.read_bytes(), "small.json")
    misfits = RoleSession(session).misfits()
    assert len(misfits) >= len(session.roles)
    assert all(p.message_id == "problem.competency.unknown" for p in misfits)


# -- the view ---------------------------------------------------------------------------------


def test_every_control_is_labelled_in_the_display_language(session: FrameworkSession) -> None:
    session.language = "sv"
    view = RoleEditorView(session)
    controls = [
        w
        for w in _tree(view.widget)
        if isinstance(w, widgets.DOMWidget) and hasattr(w, "description")
        and not isinstance(w, widgets.HTML | widgets.Tab | widgets.Box)
    ]  # fmt: skip
    assert len(controls) > 20
    assert [w for w in controls if not w.description.strip()] == []
    assert view.tabs.titles == ("Redigera rollprofiler", "Importera roller", "Exportera roller")
    assert view.rows[0].level.description.startswith("Nivå som krävs för ")


def test_hr_creates_a_role_validated_as_they_type(session: FrameworkSession) -> None:
    changed: list[int] = []
    view = RoleEditorView(session, on_change=lambda: changed.append(1))
    view.new_role()
    assert "Still to fix before saving (2)" in view.problems.value
    view.names["en"].value = "Data steward"
    assert "Still to fix before saving (1)" in view.problems.value
    view.competency.value = COMPETENCIES[2]
    view.add_requirement()
    assert "The role can be saved." in view.problems.value
    assert COMPETENCIES[2] not in [value for _, value in view.competency.options]
    row = view.rows[0]
    row.level.value = 4
    row.importance.value = 5
    view.role_id.value = session.roles[0].id  # taken
    assert "duplicate role id" in view.problems.value
    assert not view.save() and len(session.roles) == 5
    assert 'role="alert"' in view.save_status.value
    view.role_id.value = "data-steward"
    assert view.save() and changed == [1]
    saved = session.roles[-1]
    assert saved.name == {"en": "Data steward"}
    assert [(r.competency_id, r.level, r.importance) for r in saved.requirements] == [
        (COMPETENCIES[2], 4, 5)
    ]
    assert view.pick.value == "data-steward"


def test_hr_edits_and_copies_a_role_in_dutch(session: FrameworkSession) -> None:
    session.language = "nl"
    view = RoleEditorView(session)
    first = session.roles[0]
    assert view.pick.value == first.id and view.role_id.value == first.id
    view.names["nl"].value = "Nieuwe leidinggevende"
    view.remove_requirement(first.requirements[0].competency_id)
    assert view.save()
    assert session.roles[0].name["nl"] == "Nieuwe leidinggevende"
    assert len(session.roles[0].requirements) == len(first.requirements) - 1
    view.copy_role()
    assert view.role_id.value == f"{first.id}-copy" and view.editing is None
    view.names["en"].value = ""
    view.names["sv"].value = ""
    view.names["nl"].value = ""
    assert "heeft in geen enkele taal een naam" in view.problems.value
    view.pick.value = session.roles[2].id
    assert view.role_id.value == session.roles[2].id


def test_import_and_export_through_the_view(session: FrameworkSession, tmp_path: Path) -> None:
    view = RoleEditorView(session)
    view.export_format.value = "csv"
    view.folder.value = str(tmp_path / "hr")
    assert view.export()
    exported = tmp_path / "hr" / "roles.csv"
    assert exported.exists() and "download=" in view.export_status.value
    bad = b"role_id,name_en,competency_id,level,importance\r\nx,X,ghost,1,1\r\n"
    assert not view.import_files([{"name": "bad.csv", "content": bad}])
    assert "unknown competency &#x27;ghost&#x27;" in view.import_status.value
    assert len(session.roles) == 5
    one = write_roles(session.roles[:1], "json")
    assert view.import_files([{"name": "one.json", "content": one}])
    assert [r.id for r in session.roles] == [session.roles[0].id]
    assert view.pick.value == session.roles[0].id
