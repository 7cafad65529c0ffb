"""The shipped demo framework and role profiles: complete, consistent and translated."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import talent_core as tc

DATA = Path(tc.__file__).parent / "data"
LEVELS = (1, 2, 3, 4)
ROLE_IDS = {"first-time-manager", "experienced-leader-mentor", "specialist", "hr-business-partner"}


@pytest.fixture(scope="module")
def framework() -> tc.CompetencyFramework:
    return tc.demo_framework()


@pytest.fixture(scope="module")
def roles() -> list[tc.RoleProfile]:
    return tc.demo_roles()


def texts(
    framework: tc.CompetencyFramework, roles: list[tc.RoleProfile]
) -> Iterator[tuple[str, dict[str, str]]]:
    """Every user-facing text of the demo content, with a path naming where it is."""
    yield "framework.name", framework.name
    yield "framework.description", framework.description
    yield "scale.name", framework.scale.name
    for level in framework.scale.levels:
        yield f"scale.levels[{level.value}].label", level.label
        yield f"scale.levels[{level.value}].descriptor", level.descriptor
    for node in framework.nodes:
        yield f"{node.id}.name", node.name
        if node.type is not tc.NodeType.INDICATOR:
            yield f"{node.id}.description", node.description
        for question in node.coaching_questions:
            yield f"{question.id}.text", question.text
        for activity in node.activities:
            yield f"{activity.id}.title", activity.title
            yield f"{activity.id}.description", activity.description
    for role in roles:
        yield f"{role.id}.name", role.name
        yield f"{role.id}.description", role.description


def test_framework_shape(framework: tc.CompetencyFramework) -> None:
    assert framework.id == "talent-demo"
    assert framework.scale.values == list(LEVELS)
    assert [level.proficient for level in framework.scale.levels] == [False, False, True, True]
    assert len(framework.clusters()) >= 6
    assert len(framework.competencies()) >= 24
    for cluster in framework.clusters():
        assert len(framework.competencies(cluster.id)) >= 4, cluster.id
    for node in framework.nodes:
        expected = {
            tc.NodeType.CLUSTER: 0,
            tc.NodeType.COMPETENCY: 1,
            tc.NodeType.INDICATOR: 2,
        }[node.type]
        assert framework.depth(node.id) == expected, node.id


def test_every_text_is_complete_in_every_language(
    framework: tc.CompetencyFramework, roles: list[tc.RoleProfile]
) -> None:
    missing = [
        f"{where} [{lang}]"
        for where, text in texts(framework, roles)
        for lang in tc.DEFAULT_LANGUAGES
        if not text.get(lang, "").strip()
    ]
    assert missing == []
    assert framework.languages() == set(tc.DEFAULT_LANGUAGES)


def test_translations_are_not_copies_of_the_english(
    framework: tc.CompetencyFramework, roles: list[tc.RoleProfile]
) -> None:
    all_texts = list(texts(framework, roles))
    for lang in ("sv", "nl"):
        same = [where for where, text in all_texts if text[lang] == text["en"]]
        # A few short terms (e.g. "Feedback") may rightly be the same word.
        assert len(same) <= len(all_texts) // 50, (lang, same)


def test_ids_are_stable_kebab_case(framework: tc.CompetencyFramework) -> None:
    for node in framework.nodes:
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", node.id), node.id
        for question in node.coaching_questions:
            assert question.id.startswith(f"{node.id}-q"), question.id
        for activity in node.activities:
            assert activity.id.startswith(f"{node.id}-a"), activity.id
    for indicator in (n for n in framework.nodes if n.type is tc.NodeType.INDICATOR):
        assert indicator.id.startswith(f"{indicator.parent_id}-l{indicator.level}-"), indicator.id


@pytest.mark.parametrize("level", LEVELS)
def test_every_competency_has_an_indicator_per_level(
    framework: tc.CompetencyFramework, level: int
) -> None:
    lacking = [c.id for c in framework.competencies() if not framework.indicators(c.id, level)]
    assert lacking == []


def test_every_competency_has_questions_and_blended_activities(
    framework: tc.CompetencyFramework,
) -> None:
    for competency in framework.competencies():
        assert len(competency.coaching_questions) >= 3, competency.id
        assert len(competency.activities) >= 3, competency.id
        assert len({a.mode for a in competency.activities}) >= 3, competency.id
        assert all(0 < a.hours <= 40 for a in competency.activities), competency.id


def test_only_competencies_carry_questions_and_activities(
    framework: tc.CompetencyFramework,
) -> None:
    for node in framework.nodes:
        if node.type is not tc.NodeType.COMPETENCY:
            assert not node.coaching_questions and not node.activities, node.id


def test_learning_mix_of_the_framework_follows_70_20_10(
    framework: tc.CompetencyFramework,
) -> None:
    activities = [a for c in framework.competencies() for a in c.activities]
    mix = tc.learning_mix(activities)
    assert all(mix.hours[mode] > 0 for mode in tc.LearningMode)
    experience = mix.share(tc.LearningMode.ON_THE_JOB) + mix.share(tc.LearningMode.WITH_OTHERS)
    assert experience >= 0.6
    assert mix.share(tc.LearningMode.ON_THE_JOB) > mix.share(tc.LearningMode.CLASSROOM)


def test_question_purposes_are_varied(framework: tc.CompetencyFramework) -> None:
    purposes = {q.purpose for c in framework.competencies() for q in c.coaching_questions}
    assert purposes == {"reflection", "dialogue", "both"}


def test_cross_references_link_related_competencies(framework: tc.CompetencyFramework) -> None:
    competencies = {c.id for c in framework.competencies()}
    references = [(c.id, ref) for c in framework.competencies() for ref in c.cross_references]
    assert len(references) >= len(competencies)
    assert all(ref in competencies and ref != source for source, ref in references)
    assert ("coaching-others", "giving-feedback") in references
    assert ("giving-feedback", "coaching-others") in references


def test_roles_fit_the_framework(
    framework: tc.CompetencyFramework, roles: list[tc.RoleProfile]
) -> None:
    assert {role.id for role in roles} >= ROLE_IDS
    assert len({role.id for role in roles}) == len(roles)
    for role in roles:
        tc.check_role(role, framework)
        assert 8 <= len(role.requirements) <= 14, role.id
        assert len({r.importance for r in role.requirements}) >= 2, role.id


def test_roles_differ_from_each_other(roles: list[tc.RoleProfile]) -> None:
    profiles = {role.id: {(r.competency_id, r.level) for r in role.requirements} for role in roles}
    for a in profiles:
        for b in profiles:
            if a < b:
                overlap = len(profiles[a] & profiles[b]) / min(len(profiles[a]), len(profiles[b]))
                assert overlap < 0.5, (a, b)


def test_demo_framework_returns_independent_copies() -> None:
    first = tc.demo_framework()
    first.node("giving-feedback").name["en"] = "changed"
    first.nodes.pop()
    second = tc.demo_framework()
    assert second.node("giving-feedback").name["en"] == "Giving feedback"
    assert len(second.nodes) == len(first.nodes) + 1
    assert second.node(second.nodes[-1].id) is second.nodes[-1]


def test_demo_roles_returns_independent_copies() -> None:
    first = tc.demo_roles()
    first[0].requirements[0].level = 99
    first.pop()
    second = tc.demo_roles()
    assert second[0].requirements[0].level != 99
    assert len(second) == len(first) + 1


@pytest.mark.parametrize("name", ["demo_framework.json", "demo_roles.json"])
def test_shipped_files_are_readable_for_review(name: str) -> None:
    raw = (DATA / name).read_text("utf-8")
    assert raw == json.dumps(json.loads(raw), indent=2, ensure_ascii=False) + "\n"
