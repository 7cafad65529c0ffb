"""What a block hands to its JavaScript cannot end the <script> it travels in (issue 7, item 5).

The runtime's wrapper writes ``initialize_js`` arguments with plain ``json.dumps`` inside a
``<script>`` element; a roster group name ``G</script><script>…`` would close it and run.
"""

from __future__ import annotations

import json
import re

import pytest

from xblocks.mixins import script_json

HOSTILE = "G</script><script>alert(1)</script>&\u2028\u2029<!--"
BLOCKS = [
    "competency_explorer",
    "competency_assessment",
    "development_dialogue",
    "development_plan",
    "peer_group",
]


def test_script_json_escapes_what_html_reads_and_reads_back_the_same() -> None:
    text = script_json({"name": HOSTILE, "nested": [HOSTILE]})
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in text
    assert json.loads(text) == {"name": HOSTILE, "nested": [HOSTILE]}


@pytest.mark.parametrize("block_type", BLOCKS)
def test_the_runtime_gets_only_the_init_name_and_the_page_the_escaped_arguments(
    make_block, block_type: str
) -> None:
    settings = {"competencies": ["leading-people"]} if block_type == "competency_assessment" else {}
    block = make_block(block_type, **settings)
    fragment = block.student_view({})
    assert fragment.js_init_fn == "TalentBlocksInit"
    assert set(fragment.json_init_args) == {"init"}
    assert re.fullmatch(r"[A-Za-z]+", fragment.json_init_args["init"])
    holder = re.search(
        r'<script type="application/json" data-talent-init-args="(\w+)">(.*?)</script>',
        fragment.body_html(),
        re.S,
    )
    assert holder is not None and holder.group(1) == fragment.json_init_args["init"]
    assert isinstance(json.loads(holder.group(2)), dict)


def test_a_hostile_group_name_stays_text_in_the_wrapped_page(make_block) -> None:
    roster = f"username,group\nlearner_1,{HOSTILE.replace(',', '')}\n"
    block = make_block("peer_group", roster_csv=roster)
    wrapped = block.runtime.render(block, "student_view", {}).body_html()
    assert "<script>alert(1)" not in wrapped
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", wrapped, re.S)
    args = [json.loads(text) for text in scripts if text.strip().startswith("{")]
    assert {"init": "PeerGroupBlock"} in args
    assert any(a.get("group") == HOSTILE.replace(",", "") for a in args)
