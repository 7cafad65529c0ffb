"""The prior learning portfolio (learner side) under the workbench runtime: view, settings, OLX."""

from __future__ import annotations

from lxml import etree

from tests.xblocks.markup import student_html, text_of
from xblocks import scenarios

RPL = "prior_learning_portfolio"


def test_student_view_renders_with_the_block_title(make_block) -> None:
    markup = student_html(make_block(RPL))
    assert "Recognition of prior learning" in text_of(markup)
    assert 'lang="en"' in markup


def test_olx_round_trip_keeps_every_setting(make_block, small_framework_json) -> None:
    block = make_block(
        RPL,
        display_name='Claims "people" & <tasks>',
        framework_source="custom",
        framework_json=small_framework_json,
        allowed_roles=["specialist"],
        allowed_competencies=["team"],
        max_file_mb=5,
        max_learner_mb=20,
        currency_years=3,
        min_evidence=1,
    )
    node = etree.Element("root")
    block.add_xml_to_node(node)
    olx = etree.tostring(node, encoding="unicode")
    runtime = block.runtime
    copy = runtime.get_block(runtime.parse_xml_string(olx))
    for name in block.editable_fields:
        assert getattr(copy, name) == getattr(block, name), name


def test_workbench_scenarios_parse_and_render(make_block) -> None:
    runtime = make_block(RPL).runtime
    for _title, olx in scenarios.for_block(RPL):
        block = runtime.get_block(runtime.parse_xml_string(olx))
        assert "Recognition of prior learning" in text_of(student_html(block))
