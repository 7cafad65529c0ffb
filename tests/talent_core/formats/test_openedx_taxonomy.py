import csv
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import talent_core as tc
from talent_core.formats import detect_format, export_losses, read_framework, write_framework

TAGGED = {tc.NodeType.CLUSTER, tc.NodeType.COMPETENCY, tc.NodeType.INDICATOR}


def _csv_tags(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def _check_openedx_rules(tags: list[dict[str, str]]) -> None:
    """The rules openedx_tagging's import applies to a tag file."""
    seen_ids: set[str] = set()
    values: set[str] = set()
    for tag in tags:
        assert tag["id"] and tag["value"] == tag["value"].strip() and tag["value"]
        assert len(tag["value"]) <= 500 and len(tag["id"]) <= 255
        assert not any(reserved in tag["value"] for reserved in ("\t", " > ", ";"))
        assert tag["value"].lower() not in values, "values are unique in a taxonomy"
        assert not tag.get("parent_id") or tag["parent_id"].lower() in seen_ids
        seen_ids.add(tag["id"].lower())
        values.add(tag["value"].lower())


def test_oecd_competencies_become_tags(oecd_csv: bytes) -> None:
    framework = read_framework(oecd_csv, "oecd.csv")
    data = write_framework(framework, "openedx-taxonomy-csv")
    assert data.decode().splitlines()[0] == "id,value,parent_id"
    tags = _csv_tags(data)
    _check_openedx_rules(tags)
    assert len(tags) == 3 + 15 + 39
    assert [t["id"] for t in tags if not t["parent_id"]] == [
        "delivery",
        "interpersonal",
        "strategic",
    ]
    assert tags[1] == {
        "id": "analytical-thinking",
        "value": "Analytical Thinking",
        "parent_id": "delivery",
    }
    assert detect_format(data, "tags.csv") == "openedx-taxonomy-csv"
    with pytest.raises(tc.FormatError, match="is export-only"):
        read_framework(data, "tags.csv")


def test_json_form_carries_name_and_description() -> None:
    demo = tc.demo_framework()
    document = json.loads(write_framework(demo, "openedx-taxonomy-json", language="nl"))
    assert document["name"] == demo.name["nl"]
    assert document["description"] == demo.description["nl"]
    from_csv = _csv_tags(write_framework(demo, "openedx-taxonomy-csv", language="nl"))
    assert document["tags"] == [{k: v for k, v in tag.items() if v} for tag in from_csv]
    _check_openedx_rules(document["tags"])
    assert detect_format(json.dumps(document).encode(), "t.json") == "openedx-taxonomy-json"


def _framework(nodes: list[dict]) -> tc.CompetencyFramework:
    levels = [{"value": v, "label": {"en": str(v)}} for v in (1, 2)]
    return tc.load(
        tc.CompetencyFramework,
        {"id": "fw", "name": {"en": "F"}, "scale": {"id": "s", "levels": levels}, "nodes": nodes},
    )


def test_repeated_names_and_reserved_characters() -> None:
    framework = _framework(
        [
            {"id": "a", "type": "cluster", "name": {"en": "Team; work > all"}},
            {"id": "b", "parent_id": "a", "name": {"en": "Listening"}},
            {"id": "c", "parent_id": "a", "name": {"en": "listening"}},
            {"id": "d", "parent_id": "c", "type": "indicator", "name": {"en": "Listening (c)"}},
        ]
    )
    tags = _csv_tags(write_framework(framework, "openedx-taxonomy-csv"))
    assert [t["value"] for t in tags] == [
        "Team, work - all",
        "Listening",
        "listening (c)",
        "Listening (c) (d)",
    ]
    notes = export_losses(framework, "openedx-taxonomy-csv")
    assert any(note.startswith("tag values differ") and "a, c, d" in note for note in notes)


def test_ids_that_differ_only_in_case_cannot_be_tags() -> None:
    framework = _framework(
        [{"id": "Lead", "name": {"en": "A"}}, {"id": "lead", "name": {"en": "B"}}]
    )
    with pytest.raises(tc.ValidationError, match=r"nodes\[1\]\.id: Open edX ignores case"):
        write_framework(framework, "openedx-taxonomy-csv")


def test_deep_trees_are_noted() -> None:
    nodes = [{"id": "n0", "type": "cluster", "name": {"en": "N0"}}]
    nodes += [
        {"id": f"n{i}", "parent_id": f"n{i - 1}", "type": "cluster", "name": {"en": f"N{i}"}}
        for i in range(1, 5)
    ]
    notes = export_losses(_framework(nodes), "openedx-taxonomy-json")
    assert "Open edX shows three levels of tags; deeper tags stay hidden: n3, n4" in notes


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_every_export_follows_the_openedx_rules(strategies, data) -> None:
    framework = data.draw(strategies.frameworks())
    language = data.draw(st.sampled_from(["en", "sv", "nl"]))
    # The strategy's ids differ without case, as Open edX needs.
    tags = _csv_tags(write_framework(framework, "openedx-taxonomy-csv", language=language))
    _check_openedx_rules(tags)
    assert {t["id"] for t in tags} == {n.id for n in framework.nodes if n.type in TAGGED}
