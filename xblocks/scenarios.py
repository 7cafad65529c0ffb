"""Workbench scenarios: each block alone, and the "talent course" unit with all of them.

A new block adds its own entries to :data:`BLOCK_SCENARIOS`, returns ``for_block("<type>")``
from ``workbench_scenarios()``, and appends its OLX to :data:`COURSE_UNIT` in course order.
The course unit is listed once, by the competency explorer, and shows only installed blocks.
"""

from __future__ import annotations

from xblock.core import XBlock
from xblock.plugin import PluginMissingError

from ._peer_demo import INTERVISION_ROSTER, MENTORING_ROSTER, peer_group_olx
from ._plan_demo import plan_olx
from ._rpl_demo import rpl_olx

__all__ = ["BLOCK_SCENARIOS", "COURSE_UNIT", "TALENT_COURSE_TITLE", "for_block", "talent_course"]

TALENT_COURSE_TITLE = "Talent course: grow in your role"

#: Block type → [(scenario title, OLX)]. No display names: the blocks' default titles are
#: translated, so every scenario reads in sv and nl too (an author's title is one language).
BLOCK_SCENARIOS: dict[str, list[tuple[str, str]]] = {
    "competency_explorer": [
        ("Competency explorer", "<competency_explorer/>"),
        (
            "Competency explorer: two clusters",
            """<competency_explorer clusters='["leading-people", "working-with-others"]'/>""",
        ),
    ],
    "competency_assessment": [
        (
            "Competency self-assessment",
            """<competency_assessment competencies='["leading-people", "working-with-others"]'/>""",
        ),
        (
            "Competency self-assessment: every competency, specialist or project roles, no notes",
            """<competency_assessment
                competencies='["leading-people", "working-with-others", "delivering-results",
                    "thinking-and-deciding", "personal-effectiveness", "digital-and-change"]'
                target_roles='["specialist", "project-lead"]' ask_notes="false"/>""",
        ),
    ],
    "development_dialogue": [
        ("Development dialogue", "<development_dialogue/>"),
        (
            "Development dialogue: dialogue questions, two or three competencies",
            """<development_dialogue
                min_competencies="2" max_competencies="3" question_purpose="dialogue"/>""",
        ),
        (
            "Development dialogue: coaching answers kept in the learner's browser",
            '<development_dialogue answers_kept="browser"/>',
        ),
    ],
    "development_plan": [
        ("Development plan", "<development_plan/>"),
        (
            "Development plan with a self-assessment",
            """<vertical_demo>
              <competency_assessment competencies='["leading-people"]' ask_notes="false"/>
              <development_plan
                assessment_block="development-plan-with-a-self-assessment.competency_assessment.d0.u0"/>
            </vertical_demo>""",
        ),
        # ?student=learner_1 submits, ?student=manager_1 agrees (see the README).
        ("Development plan with managers", plan_olx()),
    ],
    "peer_group": [
        ("Peer group: intervision", peer_group_olx(INTERVISION_ROSTER)),
        (
            "Peer group: mentoring, programme ended",
            peer_group_olx(MENTORING_ROSTER, kind="mentoring", programme_end="2025-06-30"),
        ),
        ("Peer group: no roster yet", "<peer_group/>"),
    ],
    "prior_learning_portfolio": [
        # ?student=learner_1 claims, guide_1 comments, assessor_1 decides (see the README).
        ("Prior learning portfolio", rpl_olx()),
        (
            "Prior learning portfolio: two roles",
            rpl_olx(allowed_roles='["first-time-manager", "specialist"]'),
        ),
    ],
}

#: (block type, OLX) of the talent course unit, in the order a learner meets them. No display
#: names: the blocks' default titles are translated, so the unit reads well in sv and nl too.
COURSE_UNIT: list[tuple[str, str]] = [
    ("competency_explorer", "<competency_explorer/>"),
    (
        "competency_assessment",
        """<competency_assessment
            competencies='["leading-people", "working-with-others", "delivering-results"]'/>""",
    ),
    # The workbench names the unit's first assessment "<slug of the unit title>.<type>.d0.u0".
    (
        "development_dialogue",
        """<development_dialogue
            assessment_block="talent-course-grow-in-your-role.competency_assessment.d0.u0"
            plan_block="talent-course-grow-in-your-role.development_plan.d0.u0"
            portfolio_block="talent-course-grow-in-your-role.prior_learning_portfolio.d0.u0"/>""",
    ),
    # The plan holds the course's manager roster: manager_1 and manager_2 see "My team".
    (
        "development_plan",
        plan_olx(
            assessment_block="talent-course-grow-in-your-role.competency_assessment.d0.u0",
            dialogue_block="talent-course-grow-in-your-role.development_dialogue.d0.u0",
        ),
    ),
    (
        "peer_group",
        peer_group_olx(INTERVISION_ROSTER),
    ),
    ("prior_learning_portfolio", rpl_olx()),
]


def for_block(block_type: str) -> list[tuple[str, str]]:
    return list(BLOCK_SCENARIOS[block_type])


def _installed(block_type: str) -> bool:
    try:
        XBlock.load_class(block_type)
    except PluginMissingError:
        return False
    return True


def talent_course() -> tuple[str, str]:
    """One vertical with every installed talent block, as a course unit would hold them."""
    blocks = "\n  ".join(olx for block_type, olx in COURSE_UNIT if _installed(block_type))
    return TALENT_COURSE_TITLE, f"<vertical_demo>\n  {blocks}\n</vertical_demo>"
