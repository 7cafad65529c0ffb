import csv
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import talent_core as tc
from talent_core._framework import MAX_DEPTH
from talent_core.formats import (
    detect_format,
    export_losses,
    read_framework,
    validate_framework_file,
    write_framework,
)

HEADER = (
    '"Parent id number","Id number",Shortname,Description,"Description format","Scale values",'
    '"Scale configuration","Rule type (optional)","Rule outcome (optional)",'
    '"Rule config (optional)","Cross referenced competency id numbers",'
    '"Exported id (optional)","Is framework",Taxonomy\n'
)
FRAMEWORK_ROW = (
    ',fw,Framework,,2,"Low,Mid,High",'
    '"[{""scaleid"":""7""},{""id"":1,""scaledefault"":1,""proficient"":0},'
    '{""id"":3,""scaledefault"":0,""proficient"":1}]",,,,,,1,\n'
)


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_oecd_export_imports_into_the_expected_tree(oecd_csv: bytes) -> None:
    assert detect_format(oecd_csv, "export.csv") == "moodle-csv"
    fw = read_framework(oecd_csv, "oecd.csv")
    assert (fw.id, fw.name, fw.description_format) == ("OECD-CORE", {"en": "OECD"}, "html")
    assert fw.description["en"].startswith("<p>The Core Competencies summarise")
    assert [n.id for n in fw.roots()] == ["levels", "competencies"]
    levels = fw.children("levels")
    assert [n.id for n in levels] == [f"level-{i}" for i in range(1, 6)]
    assert {n.type for n in levels} == {tc.NodeType.LEVEL}
    assert [n.id for n in fw.clusters()] == ["delivery", "interpersonal", "strategic"]
    assert [n.id for n in fw.children("competencies")] == ["delivery", "interpersonal", "strategic"]
    assert len(fw.competencies()) == 15
    assert [n.id for n in fw.competencies("delivery")][:2] == [
        "analytical-thinking",
        "acheivement-focus",
    ]
    indicators = [n for n in fw.nodes if n.type is tc.NodeType.INDICATOR]
    assert len(indicators) == 39
    assert all(fw.node(n.parent_id).type is tc.NodeType.COMPETENCY for n in indicators)
    # Level 1 of five OECD levels does not map onto a two-value scale: no level, link kept.
    assert all(n.level is None and n.cross_references == ["level-1"] for n in indicators)
    assert len(fw.node("level-1").cross_references) == 39
    assert all(n.description_format == "html" for n in fw.nodes)
    assert (fw.scale.id, fw.scale.default_value) == ("2", 2)
    assert [(lv.value, lv.label, lv.proficient) for lv in fw.scale.levels] == [
        (1, {"en": "Not yet competent"}, False),
        (2, {"en": "Competent"}, True),
    ]
    assert fw.taxonomy == ["competency"] * 4
    assert fw.node("DR-AT1").extensions == {"moodle:exportid": "26"}


def test_oecd_re_export_matches_the_original_row_by_row(oecd_csv: bytes) -> None:
    fw = read_framework(oecd_csv, "oecd.csv")
    exported = write_framework(fw, "moodle-csv")
    original, again = _rows(oecd_csv), _rows(exported)
    assert len(again) == len(original) == 2 + 64  # header, framework, competencies
    for before, after in zip(original[1:], again[1:], strict=True):
        assert after[:6] == before[:6]  # parent, id, shortname, description, format, scale
        assert json.loads(after[6] or "null") == json.loads(before[6] or "null")
        assert after[7:] == before[7:]  # rules, cross references, exported id, flags, taxonomy
    assert read_framework(exported, "again.csv") == fw
    assert export_losses(fw, "moodle-csv") == []


def test_indicator_level_comes_from_a_level_node_that_maps_onto_the_scale() -> None:
    rows = [
        ",levels,Levels,,2,,,,0,null,,,,\n",
        "levels,lv-low,Low,,2,,,,0,null,,,,\n",
        "levels,lv-mid,Mid,,2,,,,0,null,,,,\n",
        "levels,lv-high,High,,2,,,,0,null,,,,\n",
        ",lead,Leading,,2,,,,0,null,,,,\n",
        "lead,listen,Listening,,2,,,,0,null,,,,\n",
        "lead,decide,Deciding,,2,,,,0,null,,,,\n",
        "listen,listen-1,Lets others finish,,2,,,,0,null,lv-low,,,\n",
        "decide,decide-3,Decides under pressure,,2,,,,0,null,lv-high,,,\n",
    ]
    fw = read_framework((HEADER + FRAMEWORK_ROW + "".join(rows)).encode(), "levels.csv")
    assert [n.id for n in fw.clusters()] == ["lead"]
    assert fw.node("levels").type is tc.NodeType.OTHER
    assert (fw.node("listen-1").level, fw.node("decide-3").level) == (1, 3)
    assert fw.node("decide-3").cross_references == ["lv-high"]
    assert fw.scale.default_value == 1 and [lv.proficient for lv in fw.scale.levels] == [
        False,
        False,
        True,
    ]
    assert fw.scale.id == "7"


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_what_moodle_carries_round_trips(strategies, data) -> None:
    language = data.draw(st.sampled_from(["en", "sv", "nl"]))
    framework = data.draw(strategies.frameworks(languages=(language,), structured=True, rich=False))
    # Moodle keeps no framework version or scale name, and needs a default and a proficient level.
    framework.version, framework.scale.name = "1", {}
    framework.scale.default_value = framework.scale.default_value or framework.scale.values[0]
    if not any(level.proficient for level in framework.scale.levels):
        framework.scale.levels[-1].proficient = True
    framework = _with_level_nodes(framework)
    written = write_framework(framework, "moodle-csv")
    assert read_framework(written, "fw.csv", language=language) == framework


def _with_level_nodes(framework: tc.CompetencyFramework) -> tc.CompetencyFramework:
    """Levels as Moodle holds them: level nodes that the indicators cross-reference.

    Level nodes are recognised when indicators of two competencies or more refer to them;
    with fewer, the indicators keep no level.
    """
    rated = [n for n in framework.nodes if n.level is not None]
    if len({n.parent_id for n in rated}) < 2:
        for node in framework.nodes:
            node.level = None
        return framework
    data = framework.model_dump(mode="json")
    group = {"id": "moodle-levels", "type": "other", "name": {framework.default_language: "Levels"}}
    levels = [
        {
            "id": f"moodle-level-{lv.value}",
            "parent_id": group["id"],
            "type": "level",
            "name": lv.label,
        }
        for lv in framework.scale.levels
    ]
    for node in data["nodes"]:
        if node["level"] is not None:
            node["cross_references"] = [*node["cross_references"], f"moodle-level-{node['level']}"]
    data["nodes"] = [group, *levels, *data["nodes"]]
    return tc.load(tc.CompetencyFramework, data)


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_any_framework_is_stable_after_one_trip(strategies, data) -> None:
    once = read_framework(write_framework(data.draw(strategies.frameworks()), "moodle-csv"), "a")
    twice = read_framework(write_framework(once, "moodle-csv"), "b.csv")
    assert twice == once


def test_export_notes_what_moodle_drops() -> None:
    demo = tc.demo_framework()
    notes = export_losses(demo, "moodle-csv")
    assert any(note.startswith("coaching questions not kept") for note in notes)
    assert any(note.startswith("development activities not kept") for note in notes)
    csv_text = write_framework(demo, "moodle-csv", language="sv").decode()
    assert demo.nodes[0].name["sv"] in csv_text


def test_export_notes_moodle_length_limits(oecd_csv: bytes) -> None:
    framework = read_framework(oecd_csv, "oecd.csv")
    assert export_losses(framework, "moodle-csv") == []
    framework.node("teamwork").name["en"] = "x" * 101
    assert export_losses(framework, "moodle-csv") == [
        "Moodle cuts short names after 100 characters: teamwork"
    ]


def _problems(rows: str, header: str = HEADER) -> list[str]:
    return validate_framework_file((header + rows).encode(), "broken.csv")


def test_missing_columns_are_named() -> None:
    header = HEADER.replace('"Scale values",', "").replace("Shortname,", "")
    assert _problems(FRAMEWORK_ROW, header) == [
        "broken.csv, row 1: missing columns 'Shortname', 'Scale values'"
    ]


def test_unknown_parent_and_duplicate_id_name_row_and_column() -> None:
    rows = "ghost,a,A,,2,,,,0,null,,,,\n,b,B,,2,,,,0,null,,,,\n,b,B again,,2,,,,0,null,,,,\n"
    assert sorted(_problems(FRAMEWORK_ROW + rows)) == [
        "broken.csv, row 3, column 'Parent id number': unknown parent 'ghost'",
        "broken.csv, row 5, column 'Id number': duplicate node id 'b'",
    ]


def test_a_parent_cycle_is_named_at_the_row_that_closes_it() -> None:
    rows = "c,a,A,,2,,,,0,null,,,,\n,x,X,,2,,,,0,null,,,,\na,b,B,,2,,,,0,null,,,,\n"
    rows += "b,c,C,,2,,,,0,null,,,,\n"
    assert _problems(FRAMEWORK_ROW + rows) == [
        "broken.csv, row 6, column 'Parent id number': parent links form a cycle through 'c': "
        "c → b → a → c"
    ]


def test_a_tree_deeper_than_the_limit_is_named_at_its_first_too_deep_row() -> None:
    chain = "".join(
        f"{f'n{i - 1}' if i else ''},n{i},N{i},,2,,,,0,null,,,,\n" for i in range(3_000)
    )
    assert _problems(FRAMEWORK_ROW + chain) == [
        f"broken.csv, row {MAX_DEPTH + 3}, column 'Parent id number': the node lies "
        f"{MAX_DEPTH + 1} levels deep; a framework holds at most {MAX_DEPTH} levels"
    ]


def test_rows_spanning_lines_give_row_and_line() -> None:
    rows = ',a,A,"two\nlines",2,,,,0,null,,,,\nnope,b,B,,2,,,,0,null,,,,\n'
    assert _problems(FRAMEWORK_ROW + rows) == [
        "broken.csv, row 4 (line 5), column 'Parent id number': unknown parent 'nope'"
    ]


def test_level_off_scale_cannot_happen_but_a_bad_cross_reference_is_named() -> None:
    rows = ',a,A,,2,,,,0,null,"b,missing",,,\n,b,B,,2,,,,0,null,,,,\n'
    assert _problems(FRAMEWORK_ROW + rows) == [
        "broken.csv, row 3, column 'Cross referenced competency id numbers': unknown node 'missing'"
    ]


@pytest.mark.parametrize(
    ("config", "problem"),
    [
        ('"[{""scaleid"":1},"', "invalid JSON at character 16: Expecting value"),
        ('"{""scaleid"":1}"', 'expected a JSON list starting with {"scaleid": ...}'),
        (
            '"[{""scaleid"":1},{""id"":4,""proficient"":1}]"',
            "item 2 must be an object whose id is a scale value from 1 to 3",
        ),
    ],
)
def test_bad_scale_configuration(config: str, problem: str) -> None:
    row = f',fw,Framework,,2,"Low,Mid,High",{config},,,,,,1,\n'
    assert _problems(row) == [f"broken.csv, row 2, column 'Scale configuration': {problem}"]


def test_a_scale_needs_two_values_and_a_file_one_framework() -> None:
    row = ',fw,Framework,,2,Only,"[{""scaleid"":1}]",,,,,,1,\n'
    assert _problems(row + row.replace(",fw,", ",fw2,")) == [
        "broken.csv, row 3, column 'Is framework': a second framework row (the first is "
        "row 2); a file holds one framework"
    ]
    assert _problems(row) == [
        "broken.csv, row 2, column 'Scale values': List should have at least 2 items after "
        "validation, not 1"
    ]
    assert _problems(",a,A,,2,,,,0,null,,,,\n") == [
        "broken.csv: no framework row: one row needs 'Is framework' set to 1"
    ]


def test_unknown_description_format_and_bad_id() -> None:
    rows = ",a,A,,9,,,,0,null,,,,\n"
    assert _problems(FRAMEWORK_ROW + rows) == [
        "broken.csv, row 3, column 'Description format': unknown description format '9'"
    ]
    rows = ',"a,b",A,,2,,,,0,null,,,,\n'
    (problem,) = _problems(FRAMEWORK_ROW + rows)
    assert problem.startswith("broken.csv, row 3, column 'Id number': String should match")


def test_duplicate_columns_are_refused_not_read_from_the_first() -> None:
    header = HEADER.rstrip("\n") + ",Shortname\n"
    assert _problems(FRAMEWORK_ROW.rstrip("\n") + ",Other\n", header) == [
        "broken.csv, row 1, column 15: column 'Shortname' appears twice (also column 3)"
    ]


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_semicolon_or_tab_delimited_file_is_recognised_and_read(
    oecd_csv: bytes, delimiter: str
) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(_rows(oecd_csv))
    data = buffer.getvalue().encode()
    assert detect_format(data, "export.txt") == "moodle-csv"
    assert read_framework(data, "export.txt") == read_framework(oecd_csv, "oecd.csv")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig"])
def test_excel_unicode_encodings_are_read(oecd_csv: bytes, encoding: str) -> None:
    data = oecd_csv.decode("utf-8").encode(encoding)
    assert read_framework(data, "oecd.csv") == read_framework(oecd_csv, "oecd.csv")


def test_export_notes_say_exactly_which_parts_of_the_scale_are_lost() -> None:
    demo = tc.demo_framework()
    notes = export_losses(demo, "moodle-csv")
    back = read_framework(write_framework(demo, "moodle-csv"), "back.csv")
    assert [lv.label["en"] for lv in back.scale.levels] == [
        lv.label["en"] for lv in demo.scale.levels
    ]
    assert [lv.proficient for lv in back.scale.levels] == [
        lv.proficient for lv in demo.scale.levels
    ]
    assert not [note for note in notes if "proficient" in note or "labels in en" in note]
    assert "scale level labels in nl, sv not kept (the format holds one language, en)" in notes
    assert "names in nl, sv not kept for 181 node(s) (the format holds one language, en)" in notes
    assert export_losses(demo, "json") == []
