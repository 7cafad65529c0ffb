"""The role CSV HR edits in a spreadsheet: round trip, and hostile files refused with every
problem named by row and column (in the reader's language)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import talent_core as tc
from talent_core.formats import (
    ROLE_CSV_COLUMNS,
    detect_role_format,
    read_roles,
    validate_roles_file,
    write_roles,
)

FRAMEWORK = tc.demo_framework()
COMPETENCIES = [c.id for c in FRAMEWORK.competencies()]
HEADER = ",".join(ROLE_CSV_COLUMNS)


def test_the_demo_roles_round_trip_through_csv_and_json() -> None:
    roles = tc.demo_roles()
    data = write_roles(roles, "csv")
    assert data.decode("utf-8").splitlines()[0] == HEADER
    assert read_roles(data, "roles.csv", FRAMEWORK) == roles
    assert read_roles(write_roles(roles), "roles.json", FRAMEWORK) == roles
    assert detect_role_format(data, "roles.txt") == "csv"
    assert detect_role_format(write_roles(roles), "roles.txt") == "json"


# Text as a spreadsheet cell keeps it: no spaces at either end (cells are trimmed).
_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029")
    | st.sampled_from("=+-@'\n\t\r,;\""),
    min_size=1,
    max_size=30,
).map(str.strip)
_ids = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp")), max_size=12)
_role_ids = _ids.filter(lambda s: s and "," not in s)
_localized = st.dictionaries(st.sampled_from(["en", "sv", "nl", "de", "fr-ca"]), _text, max_size=4)


@st.composite
def _roles(draw: st.DrawFn) -> list[tc.RoleProfile]:
    ids = draw(st.lists(_role_ids, min_size=1, max_size=4, unique=True))
    roles = []
    for role_id in ids:
        name = draw(_localized.filter(lambda d: any(v for v in d.values())))
        chosen = draw(st.lists(st.sampled_from(COMPETENCIES), min_size=1, max_size=5, unique=True))
        requirements = [
            tc.RoleRequirement(
                competency_id=c,
                level=draw(st.sampled_from(FRAMEWORK.scale_for(c).values)),
                importance=draw(st.integers(1, 5)),
            )
            for c in chosen
        ]
        roles.append(
            tc.RoleProfile(
                id=role_id, name=name, description=draw(_localized), requirements=requirements
            )
        )
    return roles


@settings(max_examples=80, deadline=None)
@given(roles=_roles(), semicolons=st.booleans())
def test_any_roles_round_trip_through_the_csv(
    roles: list[tc.RoleProfile], semicolons: bool
) -> None:
    data = write_roles(roles, "csv")
    assert read_roles(data, "roles.csv", FRAMEWORK) == roles
    assert read_roles(data, "roles.csv") == roles
    for row in csv.reader(io.StringIO(data.decode("utf-8"), newline="")):
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)
    if semicolons:  # Excel in Swedish or Dutch saves with ";"
        rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
        out = io.StringIO()
        csv.writer(out, delimiter=";").writerows(rows)
        assert read_roles(out.getvalue().encode("utf-8"), "roles.csv", FRAMEWORK) == roles


def _file(
    *rows: str, header: str = "role_id,name_en,name_sv,competency_id,level,importance"
) -> bytes:
    return ("\r\n".join([header, *rows]) + "\r\n").encode("utf-8")


FIRST, SECOND = COMPETENCIES[:2]


def test_a_hostile_role_csv_is_refused_with_every_problem_named() -> None:
    data = _file(
        "lead,Lead,Ledare,ghost,2,3",  # unknown competency
        f"lead,Lead,,{FIRST},9,3",  # level off the scale
        f"lead,Leader,,{SECOND},2,7",  # another name; importance off 1-5
        f"lead,,,{FIRST},2,3",  # the same competency twice
        f'=HYPERLINK("http://evil.example"),Boss,,{SECOND},2,3',  # a formula cell
        f"other,@SUM(A1),,{SECOND},,3",  # a formula and an empty cell
        f"third,Third,,{SECOND},two,3",  # not a number
    )
    problems = validate_roles_file(data, "roles.csv", FRAMEWORK)
    assert problems == [
        "roles.csv, row 2, column 'competency_id': unknown competency 'ghost'",
        "roles.csv, row 3, column 'level': 9 is not on scale 'talent-demo-4' [1, 2, 3, 4]",
        "roles.csv, row 4, column 'importance': importance 7 is not from 1 to 5",
        "roles.csv, row 4, column 'name_en': role 'lead' has another text here than in row 2; "
        "give each role one name and description",
        f"roles.csv, row 5, column 'competency_id': role 'lead' already asks for {FIRST!r} in "
        "row 3",
        "roles.csv, row 6, column 'role_id': the cell holds a spreadsheet formula "
        '(=HYPERLINK("http://evil.example")); a role file holds text and numbers only',
        "roles.csv, row 7, column 'level': the cell is empty",
        "roles.csv, row 7, column 'name_en': the cell holds a spreadsheet formula (@SUM(A1)); "
        "a role file holds text and numbers only",
        "roles.csv, row 8, column 'level': 'two' is not a whole number",
    ]
    with pytest.raises(tc.FormatError, match=r"and 8 more problems; `talent roles validate`"):
        read_roles(data, "roles.csv", FRAMEWORK)


def test_problems_are_worded_in_the_readers_language() -> None:
    data = _file(f"lead,Lead,,{FIRST},2,0")
    assert validate_roles_file(data, "r.csv", FRAMEWORK, ui_language="sv") == [
        "r.csv, row 2, column 'importance': viktigheten 0 ligger inte mellan 1 och 5"
    ]
    assert validate_roles_file(data, "r.csv", FRAMEWORK, ui_language="nl") == [
        "r.csv, row 2, column 'importance': belang 0 ligt niet tussen 1 en 5"
    ]


def test_a_defused_formula_reads_back_as_text_and_a_later_row_may_leave_the_name_empty() -> None:
    data = _file(f"lead,'=Lead,'+Ledare,{FIRST},2,3", f"lead,,,{SECOND},1,5")
    [role] = read_roles(data, "roles.csv", FRAMEWORK)
    assert role.name == {"en": "=Lead", "sv": "+Ledare"}
    assert [(r.competency_id, r.level, r.importance) for r in role.requirements] == [
        (FIRST, 2, 3),
        (SECOND, 1, 5),
    ]


def test_a_role_without_a_name_is_named_once() -> None:
    assert validate_roles_file(_file(f"lead,,,{FIRST},2,3", f"lead,,,{SECOND},2,3"), "r.csv") == [
        "r.csv, row 2, column 'name_en': role 'lead' has no name in any language"
    ]


def test_column_problems_are_named() -> None:
    assert validate_roles_file(_file(header="role_id,colour"), "r.csv") == [
        "r.csv, row 1: missing column(s) competency_id, level, importance",
        "r.csv, row 1: no name column: a role CSV names each role in name_en, name_sv or name_nl",
        "r.csv, row 1, column 'colour': unknown column 'colour'; a role CSV has the columns "
        + ", ".join(ROLE_CSV_COLUMNS),
    ]
    assert validate_roles_file(_file(), "r.csv") == [
        "r.csv, row 1: the file has a header but no roles"
    ]
    assert validate_roles_file(b"", "r.csv") == ["r.csv: the file is empty"]


def test_without_a_framework_only_the_file_itself_is_checked() -> None:
    data = _file("lead,Lead,,ghost,9,3")
    assert validate_roles_file(data, "r.csv") == []
    assert validate_roles_file(data, "r.csv", FRAMEWORK) == [
        "r.csv, row 2, column 'competency_id': unknown competency 'ghost'"
    ]


def test_a_json_role_file_names_every_problem_by_its_path() -> None:
    roles = json.loads(write_roles(tc.demo_roles()))
    roles[0]["requirements"][0]["importance"] = 6
    roles[1]["requirements"][0]["competency_id"] = "ghost"
    roles.append(roles[2])
    problems = validate_roles_file(json.dumps(roles).encode(), "r.json", FRAMEWORK)
    assert problems[0].startswith("r.json, $[0].requirements[0].importance: ")
    assert problems[1:] == [
        "r.json, $[1].requirements[0].competency_id: unknown competency 'ghost'",
        f"r.json, $[5].id: duplicate role id {roles[2]['id']!r}",
    ]
    assert validate_roles_file(b"{}", "r.json") == [
        "r.json, $: a role file holds a JSON list of role profiles"
    ]


def test_a_role_file_that_no_longer_fits_the_framework_is_explained() -> None:
    """Every misfit of every role, not the first: as after the framework dropped a competency
    and shortened a scale (here the roles carry the old ids and levels)."""
    roles = tc.demo_roles()
    old = [
        role.model_copy(
            update={
                "requirements": [
                    r.model_copy(update={"competency_id": "retired"})
                    if r.competency_id == FIRST
                    else r.model_copy(update={"level": 9})
                    if r.competency_id == SECOND
                    else r
                    for r in role.requirements
                ]
            }
        )
        for role in roles
    ]
    problems = tc.roles_fit_problems(old, FRAMEWORK)
    asking = [(role.id, c) for role in roles for c in (FIRST, SECOND) if role.requirement(c)]
    assert len(problems) == len(asking) >= 3
    assert {p.message for p in problems} == {
        "unknown competency 'retired'",
        "9 is not on scale 'talent-demo-4' [1, 2, 3, 4]",
    }
    assert problems[0].field.startswith(f"{roles[0].id}.requirements[")
    assert tc.roles_fit_problems(roles, FRAMEWORK) == []


def test_a_file_over_the_size_limit_is_refused_before_reading() -> None:
    from talent_core.formats import MAX_ROLE_FILE_BYTES

    data = _file("x,X,,a,1,1") + b" " * MAX_ROLE_FILE_BYTES
    assert validate_roles_file(data, "r.csv") == ["r.csv: the file is larger than 5 MB"]
