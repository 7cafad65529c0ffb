import json
import uuid

from hypothesis import given, settings
from hypothesis import strategies as st

import talent_core as tc
from talent_core.formats import (
    detect_format,
    read_framework,
    validate_framework_file,
    write_framework,
)

ITEM_REQUIRED = {"identifier", "uri", "fullStatement", "lastChangeDateTime"}
ASSOCIATION_REQUIRED = {
    "identifier",
    "uri",
    "associationType",
    "originNodeURI",
    "destinationNodeURI",
    "lastChangeDateTime",
}


def _small() -> tc.CompetencyFramework:
    levels = [
        {"value": v, "label": {"en": f"L{v}"}, "descriptor": {"en": f"d{v}"}} for v in (1, 2, 3)
    ]
    return tc.load(
        tc.CompetencyFramework,
        {
            "id": "fw",
            "name": {"en": "Framework"},
            "scale": {"id": "three", "name": {"en": "Three"}, "levels": levels},
            "extra_scales": [
                {
                    "id": "yes-no",
                    "levels": [
                        {"value": 0, "label": {"en": "no"}},
                        {"value": 1, "label": {"en": "yes"}},
                    ],
                }
            ],
            "nodes": [
                {"id": "lead", "type": "cluster", "name": {"en": "Leading"}},
                {
                    "id": "fb",
                    "parent_id": "lead",
                    "name": {"en": "Feedback"},
                    "description": {"en": "Gives it"},
                },
                {
                    "id": "fb-2",
                    "parent_id": "fb",
                    "type": "indicator",
                    "level": 2,
                    "name": {"en": "Asks"},
                },
                {"id": "safe", "parent_id": "lead", "name": {"en": "Safety"}, "scale_id": "yes-no"},
                {
                    "id": "safe-1",
                    "parent_id": "safe",
                    "type": "indicator",
                    "level": 1,
                    "name": {"en": "Stops"},
                    "cross_references": ["fb-2"],
                },
            ],
        },
    )


def test_package_has_the_case_shape() -> None:
    package = json.loads(write_framework(_small(), "case"))
    document = package["CFDocument"]
    assert {"identifier", "uri", "creator", "title", "lastChangeDateTime"} <= document.keys()
    assert str(uuid.UUID(document["identifier"])) == document["identifier"]
    assert all(item.keys() >= ITEM_REQUIRED for item in package["CFItems"])
    assert [item["humanCodingScheme"] for item in package["CFItems"]] == [
        "lead",
        "fb",
        "fb-2",
        "safe",
        "safe-1",
    ]
    assert [item["CFItemType"] for item in package["CFItems"]] == [
        "Cluster",
        "Competency",
        "Indicator",
        "Competency",
        "Indicator",
    ]
    assert all(a.keys() >= ASSOCIATION_REQUIRED for a in package["CFAssociations"])
    kinds = [a["associationType"] for a in package["CFAssociations"]]
    assert kinds.count("isChildOf") == 5 and kinds.count("isRelatedTo") == 1
    assert kinds.count("hasSkillLevel") == 2
    top = next(a for a in package["CFAssociations"] if a["originNodeURI"]["title"] == "Leading")
    assert top["destinationNodeURI"]["identifier"] == document["identifier"]
    assert [r["CFRubricCriteria"][0]["category"] for r in package["CFRubrics"]] == [
        "three",
        "yes-no",
    ]
    assert package["CFRubrics"][1]["CFRubricCriteria"][1]["CFItemURI"]["title"] == "Safety"
    assert detect_format(json.dumps(package).encode(), "x.json") == "case"


def test_levels_scales_and_cross_references_come_back() -> None:
    framework = _small()
    back = read_framework(write_framework(framework, "case"), "fw.json")
    assert back.nodes == framework.nodes
    assert back.all_scales() == framework.all_scales()
    assert str(uuid.UUID(back.id)) == back.id  # CASE documents are named by UUID


def test_oecd_framework_survives_the_trip_through_case(oecd_csv: bytes) -> None:
    framework = read_framework(oecd_csv, "oecd.csv")
    back = read_framework(write_framework(framework, "case"), "oecd.json")
    for before, after in zip(framework.nodes, back.nodes, strict=True):
        assert (after.id, after.parent_id, after.type) == (before.id, before.parent_id, before.type)
        assert (after.name, after.description) == (before.name, before.description)
        assert after.cross_references == before.cross_references
    assert [lv.label for lv in back.scale.levels] == [lv.label for lv in framework.scale.levels]


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_what_case_carries_round_trips(strategies, data) -> None:
    language = data.draw(st.sampled_from(["en", "sv", "nl"]))
    framework = data.draw(strategies.frameworks(languages=(language,), structured=True, rich=False))
    # CASE names documents by UUID and has no proficient or default flags for levels.
    framework.id = str(uuid.uuid4())
    framework.scale.default_value = None
    for level in framework.scale.levels:
        level.proficient = False
    assert read_framework(write_framework(framework, "case"), "fw.json") == framework


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_any_framework_is_stable_after_one_trip(strategies, data) -> None:
    once = read_framework(write_framework(data.draw(strategies.frameworks()), "case"), "a.json")
    assert read_framework(write_framework(once, "case"), "b.json") == once


def _package() -> dict:
    return json.loads(write_framework(_small(), "case"))


def _problems(package: dict) -> list[str]:
    return validate_framework_file(json.dumps(package).encode(), "pkg.json", "case")


def test_missing_document() -> None:
    package = _package()
    del package["CFDocument"]
    assert _problems(package) == [
        "pkg.json, $.CFDocument: missing: a CASE package needs its CFDocument"
    ]
    assert _problems({"CFPackage": package}) == [
        "pkg.json, $.CFPackage.CFDocument: missing: a CASE package needs its CFDocument"
    ]


def test_association_to_an_unknown_item() -> None:
    package = _package()
    tree = [
        i for i, a in enumerate(package["CFAssociations"]) if a["associationType"] == "isChildOf"
    ]
    package["CFAssociations"][tree[1]]["destinationNodeURI"]["identifier"] = "no-such-item"
    package["CFAssociations"][tree[2]]["originNodeURI"]["identifier"] = "nor-this"
    assert _problems(package) == [
        f"pkg.json, $.CFAssociations[{tree[1]}].destinationNodeURI.identifier: "
        "unknown item 'no-such-item'",
        f"pkg.json, $.CFAssociations[{tree[2]}].originNodeURI.identifier: unknown item 'nor-this'",
    ]


def test_wrong_types_and_missing_fields_name_the_json_path() -> None:
    package = _package()
    package["CFItems"][1]["fullStatement"] = 7
    del package["CFItems"][2]["identifier"]
    package["CFItems"][3]["language"] = "English"
    problems = _problems(package)
    assert "pkg.json, $.CFItems[1].fullStatement: must be a string, not int" in problems
    assert "pkg.json, $.CFItems[2].identifier: is required" in problems
    assert "pkg.json, $.CFItems[3].language: 'English' is not a language code like 'en'" in problems


def test_a_second_parent_and_an_unknown_rubric_level() -> None:
    package = _package()
    child_of = [a for a in package["CFAssociations"] if a["associationType"] == "isChildOf"]
    package["CFAssociations"].append({**child_of[2], "identifier": str(uuid.uuid4())})
    level = next(a for a in package["CFAssociations"] if a["associationType"] == "hasSkillLevel")
    level["destinationNodeURI"]["identifier"] = "gone"
    problems = _problems(package)
    last = len(package["CFAssociations"]) - 1
    assert (
        f"pkg.json, $.CFAssociations[{last}]: item 'fb-2' is a child of two parents; a "
        "framework is a tree" in problems
    )
    assert any(
        p.endswith("destinationNodeURI.identifier: unknown rubric level 'gone'") for p in problems
    )


def test_foreign_item_types_and_codes_are_kept() -> None:
    package = _package()
    package["CFItems"][0]["CFItemType"] = "Domain"
    package["CFItems"][2]["CFItemType"] = "Learning Target"
    package["CFItems"][1]["humanCodingScheme"] = "LEAD.1"
    package["CFItems"][3]["humanCodingScheme"] = "LEAD.1"  # repeated codes fall back to ids
    framework = read_framework(json.dumps(package).encode(), "pkg.json")
    lead = framework.nodes[0]
    assert lead.type is tc.NodeType.CLUSTER and lead.extensions == {"case:CFItemType": "Domain"}
    assert framework.nodes[2].type is tc.NodeType.INDICATOR  # from the shape of the tree
    assert framework.nodes[1].id == package["CFItems"][1]["identifier"]
    assert framework.nodes[1].extensions["case:humanCodingScheme"] == "LEAD.1"
    again = json.loads(write_framework(framework, "case"))
    assert [i["CFItemType"] for i in again["CFItems"]][:3] == [
        "Domain",
        "Competency",
        "Learning Target",
    ]
    codes = [item["humanCodingScheme"] for item in again["CFItems"]]
    assert codes == ["lead", "LEAD.1", "fb-2", "LEAD.1", "safe-1"]


def test_a_package_without_rubrics_gets_a_neutral_scale() -> None:
    package = _package()
    del package["CFRubrics"]
    package["CFAssociations"] = [
        a for a in package["CFAssociations"] if a["associationType"] != "hasSkillLevel"
    ]
    framework = read_framework(json.dumps(package).encode(), "pkg.json")
    assert framework.scale.values == [1, 2, 3, 4]
    assert set(framework.scale.levels[0].label) == {"en", "sv", "nl"}
    assert "CFRubrics" not in json.loads(write_framework(framework, "case"))


# -- links to items of other frameworks ------------------------------------------------------

#: An item of another published framework, as CASE packages link to it.
OTHER = {
    "title": "Communicates effectively",
    "identifier": "9f2b7a64-3f0e-4c8e-9d0a-2b6f1e5c7d11",
    "uri": "https://case.example.org/uri/9f2b7a64-3f0e-4c8e-9d0a-2b6f1e5c7d11",
}


def _with_external_links() -> tuple[dict, list[dict]]:
    """The small package with one link out of it and one into it."""
    package = _package()
    items = {item["humanCodingScheme"]: item for item in package["CFItems"]}
    mine = {key: items["fb"][key] for key in ("identifier", "uri")} | {"title": "x"}
    links = [
        {"associationType": "exactMatchOf", "originNodeURI": mine, "destinationNodeURI": OTHER},
        {"associationType": "isRelatedTo", "originNodeURI": OTHER, "destinationNodeURI": mine},
    ]
    stamp = package["CFDocument"]["lastChangeDateTime"]
    for link in links:
        identifier = str(uuid.uuid4())
        link |= {
            "identifier": identifier,
            "uri": f"urn:x:{identifier}",
            "lastChangeDateTime": stamp,
        }
    package["CFAssociations"] += links
    return package, links


def test_links_to_items_outside_the_package_are_kept_as_external_references() -> None:
    package, _ = _with_external_links()
    framework = read_framework(json.dumps(package).encode(), "published.json")
    assert framework.node("fb").external_references == [
        tc.ExternalReference(association="exactMatchOf", **OTHER),
        tc.ExternalReference(association="isRelatedTo", inbound=True, **OTHER),
    ]
    assert framework.node("fb").cross_references == []  # nothing inside points outside


def test_external_references_round_trip_through_case_and_native_json() -> None:
    package, links = _with_external_links()
    framework = read_framework(json.dumps(package).encode(), "published.json")
    written = json.loads(write_framework(framework, "case"))
    kept = [
        (a["associationType"], a["originNodeURI"]["identifier"], a["destinationNodeURI"])
        for a in written["CFAssociations"]
        if OTHER["identifier"]
        in (a["originNodeURI"]["identifier"], a["destinationNodeURI"]["identifier"])
    ]
    fb = links[0]["originNodeURI"]["identifier"]
    assert kept[0] == ("exactMatchOf", fb, OTHER)
    assert kept[1][:2] == ("isRelatedTo", OTHER["identifier"])
    assert kept[1][2]["identifier"] == fb
    assert read_framework(json.dumps(written).encode(), "again.json") == framework
    assert read_framework(write_framework(framework, "json"), "fw.json") == framework
    assert tc.formats.export_losses(framework, "case") == []


def test_moodle_export_notes_the_external_references_it_cannot_hold() -> None:
    package, _ = _with_external_links()
    framework = read_framework(json.dumps(package).encode(), "published.json")
    notes = tc.formats.export_losses(framework, "moodle-csv")
    assert any(n.startswith("links to items of other frameworks") and "fb" in n for n in notes)


def test_only_a_dangling_child_of_is_refused() -> None:
    package, _ = _with_external_links()
    child_of = next(a for a in package["CFAssociations"] if a["associationType"] == "isChildOf")
    child_of["destinationNodeURI"] = dict(OTHER)
    index = package["CFAssociations"].index(child_of)
    assert _problems(package) == [
        f"pkg.json, $.CFAssociations[{index}].destinationNodeURI.identifier: "
        f"unknown item {OTHER['identifier']!r}"
    ]
