import json
from importlib import resources

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import talent_core as tc
from talent_core.formats import (
    SCHEMA_ID,
    detect_format,
    framework_json_schema,
    read_framework,
    validate_framework_file,
    write_framework,
)


def _shipped_schema() -> dict:
    text = resources.files("talent_core").joinpath("schemas", "framework.schema.json").read_text()
    return json.loads(text)


def test_shipped_schema_is_the_generated_one() -> None:
    # Regenerate with: talent framework schema > talent_core/schemas/framework.schema.json
    assert _shipped_schema() == framework_json_schema()


def test_demo_framework_round_trips_and_validates_against_the_schema() -> None:
    demo = tc.demo_framework()
    data = write_framework(demo, "json")
    document = json.loads(data)
    assert document["$schema"] == SCHEMA_ID
    jsonschema.Draft202012Validator(_shipped_schema()).validate(document)
    assert detect_format(data, "whatever.txt") == "json"
    assert read_framework(data, "demo.json") == demo


def test_schema_rejects_what_the_model_rejects() -> None:
    document = json.loads(write_framework(tc.demo_framework(), "json"))
    document["nodes"][0]["colour"] = "red"
    errors = list(jsonschema.Draft202012Validator(_shipped_schema()).iter_errors(document))
    assert any("colour" in error.message for error in errors)


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_random_frameworks_round_trip(strategies, data) -> None:
    framework = data.draw(strategies.frameworks())
    written = write_framework(framework, "json")
    jsonschema.Draft202012Validator(_shipped_schema()).validate(json.loads(written))
    assert read_framework(written, "fw.json") == framework


def test_syntax_error_names_line_and_column() -> None:
    with pytest.raises(tc.FormatError) as info:
        read_framework(b'{\n  "id": "x",\n  "name": {"en": "X"}\n  "scale": 1\n}', "broken.json")
    assert info.value.file == "broken.json"
    assert info.value.location == "line 4, column 3"
    assert "Expecting ',' delimiter" in info.value.problem


def test_wrong_types_are_named_by_json_path() -> None:
    document = json.loads(write_framework(tc.demo_framework(), "json"))
    document["nodes"][2]["level"] = "high"
    document["nodes"][5]["parent_id"] = "nowhere"
    document["scale"]["levels"][0]["value"] = -1
    problems = validate_framework_file(json.dumps(document).encode(), "fw.json")
    assert any(p.startswith("fw.json, $.nodes[2].level: ") for p in problems), problems
    assert any(p == "fw.json, $.nodes[5].parent_id: unknown parent 'nowhere'" for p in problems), (
        problems
    )
    assert any(p.startswith("fw.json, $.scale.levels[0].value: ") for p in problems), problems
    with pytest.raises(tc.FormatError, match=r"more problems"):
        read_framework(json.dumps(document).encode(), "fw.json")


def test_field_and_reference_problems_are_reported_together() -> None:
    levels = [{"value": v, "label": {"en": f"L{v}"}} for v in (1, 2, 3)]
    document = {
        "id": "fw",
        "name": {"en": "F"},
        "scale": {"id": "s", "levels": levels},
        "nodes": [
            {"id": "a", "name": {"en": "A"}, "parent_id": "b"},
            {"id": "b", "name": {"en": "B"}, "parent_id": "a"},
            {"id": "c", "name": {}, "cross_references": ["ghost"]},
            {"id": "c", "name": {"en": "C2"}},
            {"id": "d", "parent_id": "c", "type": "indicator", "level": 9, "name": {"en": "D"}},
        ],
    }
    problems = validate_framework_file(json.dumps(document).encode(), "fw.json")
    expected = [
        "fw.json, $.nodes[2]: a node needs a name in at least one language",
        "fw.json, $.nodes[3].id: duplicate node id 'c'",
        "fw.json, $.nodes[2].cross_references: unknown node 'ghost'",
        "fw.json, $.nodes[1].parent_id: parent links form a cycle through 'b': b → a → b",
        "fw.json, $.nodes[4].level: 9 is not on scale 's' [1, 2, 3]",
    ]
    for problem in expected:
        assert problem in problems, problems
    assert len(problems) == len(expected)


def test_foreign_schema_marker_is_refused() -> None:
    data = json.dumps({"$schema": "https://example.org/other", "id": "x"}).encode()
    assert validate_framework_file(data, "x.json") == [
        f"x.json, $.$schema: unknown schema 'https://example.org/other'; expected {SCHEMA_ID!r}"
    ]
