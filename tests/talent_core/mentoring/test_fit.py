"""Fit scores follow the documented weights, hard rules block pairs, and explanations agree."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import talent_core as tc
from talent_core.grouping import ManagerRule
from talent_core.mentoring import (
    FORBIDDEN,
    FitWeights,
    MatchingProblem,
    MatchSettings,
    Mentee,
    Mentor,
    MentoringRecord,
    ReasonCode,
    focus_from_gaps,
    render_reason,
)

MakeMentee = Callable[..., Mentee]
MakeMentor = Callable[..., Mentor]


def test_score_parts_follow_the_documented_weights(
    framework: tc.CompetencyFramework, make_mentee: MakeMentee, make_mentor: MakeMentor
) -> None:
    ann = make_mentee(
        "ann", name="Ann", focus={"feedback": 2, "delegate": 1}, seniority=2, languages=("sv",)
    )
    mia = make_mentor(
        "mia",
        strengths={"feedback": 4, "delegate": 2},
        department="IT",
        seniority=3,
        languages=("sv", "en"),
    )
    problem = MatchingProblem([ann], [mia], framework=framework)
    fit = problem.explain_pair("ann", "mia")
    # competencies: 60 × (2 × 1 + 1 × 1/3) / 3 on the 1–4 scale; 15 + 15 + 10 for the rest
    assert fit.score == pytest.approx(60 * 7 / 9 + 40, abs=0.0005)
    assert fit.allowed
    assert [(render_reason(r, framework), r.points) for r in fit.reasons] == [
        ("Strong in Feedback (level 4) where Ann's gap is 2 levels", 40.0),
        ("Level 2 in Delegating where Ann's gap is 1 level", 6.667),
        ("Different department (Sales vs IT)", 15.0),
        ("More senior by 1 step (3 vs 2)", 15.0),
        ("Shares language: sv", 10.0),
    ]
    assert problem.score_matrix()[0, 0] == 86_667


@pytest.mark.parametrize(
    ("mentor_seniority", "points", "sentence"),
    [
        (1, 0.0, "Less senior than the mentee (1 vs 2)"),
        (2, 3.75, "Same seniority (2)"),
        (3, 15.0, "More senior by 1 step (3 vs 2)"),
        (4, 15.0, "More senior by 2 steps (4 vs 2)"),
        (5, 7.5, "More senior by 3 steps (5 vs 2)"),
        (6, 3.75, "More senior by 4 steps (6 vs 2)"),
        (9, 3.75, "More senior by 7 steps (9 vs 2)"),
    ],
)
def test_seniority_points_peak_one_or_two_steps_up(
    make_mentee: MakeMentee,
    make_mentor: MakeMentor,
    mentor_seniority: int,
    points: float,
    sentence: str,
) -> None:
    problem = MatchingProblem(
        [make_mentee("e", seniority=2)],
        [make_mentor("m", seniority=mentor_seniority, department="Sales")],
    )
    fit = problem.explain_pair("e", "m")
    seniority = [r for r in fit.reasons if "senior" in r.code.value]
    assert [(r.points, render_reason(r)) for r in seniority] == [(points, sentence)]
    assert fit.score == points + 10  # same department: no points; shared language: 10


def test_custom_weights_change_the_points(make_mentee: MakeMentee, make_mentor: MakeMentor) -> None:
    weights = FitWeights(competencies=0, department=2.5, seniority=0, language=1)
    problem = MatchingProblem(
        [make_mentee("e", focus={"x": 1})],
        [make_mentor("m", strengths={"x": 5}, department="IT")],
        settings=MatchSettings(weights=weights),
    )
    assert problem.explain_pair("e", "m").score == 3.5
    assert problem.score_matrix().tolist() == [[3500]]


def test_line_rules_block_managers_and_reports(
    make_mentee: MakeMentee, make_mentor: MakeMentor
) -> None:
    # chain of command: top → boss → ann → dev; "far" sits above "outside", Ann's manager's peer
    mentees = [make_mentee("ann", manager_id="boss")]
    mentors = [
        make_mentor("boss", manager_id="top"),
        make_mentor("top"),
        make_mentor("dev", manager_id="ann"),
        make_mentor("peer", manager_id="top"),
    ]
    direct = MatchingProblem(mentees, mentors)
    assert (direct.score_matrix()[0] == FORBIDDEN).tolist() == [True, False, True, False]
    assert [r.code for r in direct.explain_pair("ann", "boss").blocked_by] == [
        ReasonCode.MANAGES_MENTEE
    ]
    assert [r.code for r in direct.explain_pair("ann", "dev").blocked_by] == [
        ReasonCode.REPORTS_TO_MENTEE
    ]
    assert direct.explain_pair("ann", "top").allowed

    line = MatchingProblem(mentees, mentors, settings=MatchSettings(line=ManagerRule.LINE))
    fit = line.explain_pair("ann", "top")
    assert [render_reason(r) for r in fit.blocked_by] == [
        "Name top is above Name ann in the management line"
    ]
    assert line.explain_pair("ann", "peer").allowed
    assert line.allowed_mentors("ann") == ["peer"]


def test_line_rule_follows_managers_who_take_no_part(
    make_mentee: MakeMentee, make_mentor: MakeMentor
) -> None:
    mentees = [make_mentee("ann", manager_id="lead")]  # "lead" is neither mentee nor mentor
    mentors = [make_mentor("head")]
    rule = MatchSettings(line=ManagerRule.LINE)
    assert MatchingProblem(mentees, mentors, settings=rule).explain_pair("ann", "head").allowed
    known = MatchingProblem(
        mentees, mentors, settings=rule, managers={"lead": "head", "head": None}
    )
    assert [r.code for r in known.explain_pair("ann", "head").blocked_by] == [
        ReasonCode.ABOVE_IN_LINE
    ]


def test_nobody_mentors_themselves(make_mentee: MakeMentee, make_mentor: MakeMentor) -> None:
    problem = MatchingProblem([make_mentee("kim")], [make_mentor("kim"), make_mentor("lee")])
    assert problem.score_matrix()[0, 0] == FORBIDDEN
    assert [r.code for r in problem.explain_pair("kim", "kim").blocked_by] == [
        ReasonCode.SAME_PERSON
    ]


def test_shared_language_is_a_rule_or_a_weight(
    make_mentee: MakeMentee, make_mentor: MakeMentor
) -> None:
    mentees = [make_mentee("e", languages=("nl",))]
    mentors = [make_mentor("m", languages=("sv", "en"), department="IT")]
    hard = MatchingProblem(mentees, mentors)
    assert hard.score_matrix()[0, 0] == FORBIDDEN
    assert [render_reason(r) for r in hard.explain_pair("e", "m").blocked_by] == [
        "Name m and Name e share no language (sv, en vs nl)"
    ]
    soft = MatchingProblem(mentees, mentors, settings=MatchSettings(require_shared_language=False))
    fit = soft.explain_pair("e", "m")
    assert fit.allowed
    assert ReasonCode.NO_SHARED_LANGUAGE in [r.code for r in fit.reasons]
    assert soft.score_matrix()[0, 0] == 15_000 + 15_000  # department and seniority only


def test_earlier_pairs_are_not_repeated_and_former_mentees_pay_forward(
    make_mentee: MakeMentee, make_mentor: MakeMentor
) -> None:
    history = [
        MentoringRecord(programme="2024", mentor_id="old", mentee_id="ann"),
        MentoringRecord(programme="2023", mentor_id="x", mentee_id="old"),
        MentoringRecord(programme="2024", mentor_id="y", mentee_id="old"),
    ]
    mentees = [make_mentee("ann")]
    mentors = [make_mentor("old")]
    problem = MatchingProblem(mentees, mentors, history=history)
    fit = problem.explain_pair("ann", "old")
    assert [render_reason(r) for r in fit.blocked_by] == [
        "Name old already mentored Name ann in 2024"
    ]
    assert "Pays it forward: was a mentee in 2024" in [render_reason(r) for r in fit.reasons]
    again = MatchingProblem(
        mentees, mentors, history=history, settings=MatchSettings(avoid_earlier_pairs=False)
    )
    assert again.explain_pair("ann", "old").allowed


def test_pairs_ruled_out_by_hand(make_mentee: MakeMentee, make_mentor: MakeMentor) -> None:
    problem = MatchingProblem(
        [make_mentee("e")], [make_mentor("m"), make_mentor("n")], excluded=[("e", "n")]
    )
    assert problem.allowed_mentors("e") == ["m"]
    assert problem.ruled_out("e") == {
        "mentors": 2,
        "line": 0,
        "language": 0,
        "earlier": 0,
        "excluded": 1,
    }


@pytest.mark.parametrize(
    ("mentee", "mentor", "field", "message"),
    [
        ({"focus": {"nope": 1}}, {}, "mentees[0].focus.nope", "unknown competency 'nope'"),
        ({"focus": {"lead": 1}}, {}, "mentees[0].focus.lead", "'lead' is a cluster"),
        ({"focus": {"feedback": 4}}, {}, "mentees[0].focus.feedback", "at most 3"),
        ({}, {"strengths": {"feedback": 7}}, "mentors[0].strengths.feedback", "level 7"),
        ({}, {"strengths": {"safety": 2}}, "mentors[0].strengths.safety", "[0, 1]"),
    ],
)
def test_competencies_are_checked_against_the_framework(
    framework: tc.CompetencyFramework,
    make_mentee: MakeMentee,
    make_mentor: MakeMentor,
    mentee: dict[str, Any],
    mentor: dict[str, Any],
    field: str,
    message: str,
) -> None:
    with pytest.raises(tc.ValidationError) as caught:
        MatchingProblem(
            [make_mentee("e", **mentee)], [make_mentor("m", **mentor)], framework=framework
        )
    assert [p.field for p in caught.value.problems] == [field]
    assert message in caught.value.problems[0].message


def test_without_a_framework_levels_run_from_1_to_5(
    make_mentee: MakeMentee, make_mentor: MakeMentor
) -> None:
    with pytest.raises(tc.ValidationError, match=r"strengths.x: level 6 is not on the scale"):
        MatchingProblem([make_mentee("e")], [make_mentor("m", strengths={"x": 6})])
    with pytest.raises(tc.ValidationError, match=r"focus.x: a gap of 5 levels"):
        MatchingProblem([make_mentee("e", focus={"x": 5})], [make_mentor("m")])


def test_people_lists_are_checked(make_mentee: MakeMentee, make_mentor: MakeMentor) -> None:
    with pytest.raises(tc.ValidationError) as caught:
        MatchingProblem([make_mentee("a"), make_mentee("a")], [make_mentor("m")])
    assert [str(p) for p in caught.value.problems] == ["mentees[1].id: 'a' is already mentees[0]"]
    with pytest.raises(tc.ValidationError, match=r"mentors\[0\].manager_id: 'a' is also a mentee"):
        MatchingProblem([make_mentee("a", manager_id="x")], [make_mentor("a", manager_id="y")])
    with pytest.raises(tc.ValidationError, match=r"excluded\[0\]: 'zz' is not a mentor"):
        MatchingProblem([make_mentee("a")], [make_mentor("m")], excluded=[("a", "zz")])
    with pytest.raises(tc.ValidationError, match="cannot be their own manager"):
        tc.load(
            Mentee, {"id": "a", "name": "A", "manager_id": "a", "seniority": 1, "languages": ["en"]}
        )


COMPETENCIES = ["feedback", "delegate", "safety"]
LEVELS = {"feedback": [1, 2, 3, 4], "delegate": [1, 2, 3, 4], "safety": [0, 1]}


@st.composite
def participants(draw: st.DrawFn) -> tuple[list[Mentee], list[Mentor]]:
    ids = draw(st.lists(st.sampled_from("abcdefghij"), min_size=2, max_size=10, unique=True))
    split = draw(st.integers(1, len(ids) - 1))
    person = {
        "department": st.sampled_from(["", "Sales", "IT", "sales "]),
        "seniority": st.integers(1, 10),
        "languages": st.lists(
            st.sampled_from(["en", "sv", "nl"]), min_size=1, max_size=2, unique=True
        ),
        "manager_id": st.one_of(st.none(), st.sampled_from(ids)),
    }

    def common(pid: str) -> dict[str, Any]:
        values = {k: draw(v) for k, v in person.items()}
        if values["manager_id"] == pid:
            values["manager_id"] = None
        return {"id": pid, "name": pid.upper(), **values}

    mentees = [
        Mentee(
            **common(pid),
            focus={
                c: draw(st.integers(1, len(LEVELS[c]) - 1))
                for c in draw(st.lists(st.sampled_from(COMPETENCIES), max_size=3, unique=True))
            },
        )
        for pid in ids[:split]
    ]
    mentors = []
    for pid in ids[split:]:
        chosen = draw(st.lists(st.sampled_from(COMPETENCIES), max_size=3, unique=True))
        strengths = {c: draw(st.sampled_from(LEVELS[c])) for c in chosen}
        mentors.append(Mentor(**common(pid), strengths=strengths, capacity=draw(st.integers(1, 3))))
    return mentees, mentors


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    participants(),
    st.booleans(),
    st.sampled_from(list(ManagerRule)),
    st.tuples(*(st.floats(0, 100).map(lambda x: round(x, 3)) for _ in range(4))),
)
def test_explanations_add_up_to_the_matrix_scores(
    people: tuple[list[Mentee], list[Mentor]],
    language_rule: bool,
    line: ManagerRule,
    weights: tuple[float, float, float, float],
) -> None:
    framework = _framework()
    mentees, mentors = people
    rules = MatchSettings(
        weights=FitWeights(
            competencies=weights[0],
            department=weights[1],
            seniority=weights[2],
            language=weights[3],
        ),
        line=line,
        require_shared_language=language_rule,
    )
    problem = MatchingProblem(mentees, mentors, settings=rules, framework=framework)
    matrix = problem.score_matrix()
    for i, mentee in enumerate(mentees):
        for j, mentor in enumerate(mentors):
            fit = problem.explain_pair(mentee.id, mentor.id)
            assert fit.allowed == (matrix[i, j] != FORBIDDEN)
            total = round(sum(r.points for r in fit.reasons) * 1000)
            assert total == round(fit.score * 1000)
            if fit.allowed:
                assert round(fit.score * 1000) == matrix[i, j]
            for reason in (*fit.reasons, *fit.blocked_by):
                assert render_reason(reason, framework)


def _framework() -> tc.CompetencyFramework:
    levels = [{"value": v, "label": {"en": f"L{v}"}} for v in (1, 2, 3, 4)]
    binary = [{"value": v, "label": {"en": f"B{v}"}} for v in (0, 1)]
    return tc.load(
        tc.CompetencyFramework,
        {
            "id": "fw",
            "name": {"en": "Framework"},
            "scale": {"id": "four", "levels": levels},
            "extra_scales": [{"id": "binary", "levels": binary}],
            "nodes": [
                {"id": "feedback", "name": {"en": "Feedback"}},
                {"id": "delegate", "name": {"en": "Delegating"}},
                {"id": "safety", "name": {"en": "Safety"}, "scale_id": "binary"},
            ],
        },
    )


def test_people_and_gap_analyses_become_mentees_and_mentors() -> None:
    person = tc.generate_organisation(20, 1)[3]
    framework, role = tc.demo_framework(), tc.demo_roles()[0]
    gaps = tc.gap_analysis(framework, role, {})
    focus = focus_from_gaps(gaps, limit=2)
    assert focus == {g.competency_id: g.size for g in gaps[:2]}
    mentee = Mentee.from_person(person, focus)
    assert (mentee.id, mentee.manager_id, mentee.languages, mentee.focus) == (
        person.id,
        person.manager_id,
        (person.language,),
        focus,
    )
    mentor = Mentor.from_person(person, {"giving-feedback": 4}, capacity=3)
    assert (mentor.seniority, mentor.capacity, mentor.strengths) == (
        person.seniority,
        3,
        {"giving-feedback": 4},
    )
    first = role.requirements[0]
    met = tc.gap_analysis(framework, role, {first.competency_id: first.level})
    assert set(focus_from_gaps(met)) == {g.competency_id for g in gaps} - {first.competency_id}
