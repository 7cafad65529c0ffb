"""Generations of the pay-it-forward chain on hand-built histories."""

from __future__ import annotations

import pytest

from talent_core.mentoring import (
    MentoringRecord,
    Volunteer,
    VolunteerRole,
    mentoring_chain,
    programme_order,
)


def history(*rows: str) -> list[MentoringRecord]:
    """``"2024 a>b"``: a mentored b in 2024."""
    records = []
    for row in rows:
        programme, pair = row.split()
        mentor, mentee = pair.split(">")
        records.append(MentoringRecord(programme=programme, mentor_id=mentor, mentee_id=mentee))
    return records


def generations(*rows: str) -> dict[str, int]:
    return {n.person_id: n.generation for n in mentoring_chain(history(*rows)).nodes}


def test_each_mentee_is_one_generation_after_their_mentor() -> None:
    assert generations("2023 a>b", "2024 b>c", "2025 c>d", "2025 a>e") == {
        "a": 0,
        "b": 1,
        "c": 2,
        "d": 3,
        "e": 1,
    }


def test_someone_mentored_twice_keeps_the_lowest_generation() -> None:
    assert generations("2023 a>b", "2024 b>c", "2025 c>x", "2025 a>x")["x"] == 1
    assert generations("2024 a>x", "2024 b>y", "2025 y>x")["x"] == 1


def test_a_generation_counts_only_what_the_mentor_was_before() -> None:
    # b mentors c in 2024 before b is mentored by a in 2025: c starts from a root mentor
    assert generations("2024 b>c", "2025 a>b") == {"a": 0, "b": 0, "c": 1}


def test_pairs_both_ways_across_years_form_no_loop() -> None:
    assert generations("2024 a>b", "2025 b>a") == {"a": 0, "b": 1}
    assert generations("2024 a>b", "2024 b>a") == {"a": 0, "b": 0}


def test_programmes_run_in_natural_order_unless_given() -> None:
    assert programme_order(["cohort 10", "cohort 2", "2025", "2024", "cohort 2"]) == [
        "2024",
        "2025",
        "cohort 2",
        "cohort 10",
    ]
    rows = history("spring b>c", "autumn a>b")
    by_name = {n.person_id: n.generation for n in mentoring_chain(rows).nodes}
    assert by_name == {"a": 0, "b": 1, "c": 2}  # "autumn" sorts first
    given = mentoring_chain(rows, order=["spring", "autumn"])
    assert {n.person_id: n.generation for n in given.nodes} == {"a": 0, "b": 0, "c": 1}
    with pytest.raises(ValueError, match="autumn"):
        mentoring_chain(rows, order=["spring"])


def test_ready_mentors_are_former_mentees_who_finished_and_volunteered() -> None:
    rows = history("2024 a>b", "2024 a>c", "2025 b>d", "2025 b>e", "2025 z>f")
    volunteers = [
        Volunteer(person_id="c", role=VolunteerRole.MENTOR),
        Volunteer(person_id="d", role=VolunteerRole.MENTOR),
        Volunteer(person_id="e", role=VolunteerRole.HOST),  # hosts a group, does not mentor
        Volunteer(person_id="q", role=VolunteerRole.MENTOR),  # was never a mentee
        Volunteer(person_id="f", role=VolunteerRole.MENTOR),
    ]
    chain = mentoring_chain(rows, volunteers=volunteers, running={"2025"})
    assert [(r.person_id, r.generation, r.mentee_in) for r in chain.ready] == [("c", 1, "2024")]
    finished = mentoring_chain(rows, volunteers=volunteers)
    assert [(r.person_id, r.generation) for r in finished.ready] == [("c", 1), ("d", 2), ("f", 1)]


def test_graph_lists_nodes_with_generations_and_edges_with_programmes() -> None:
    chain = mentoring_chain(
        history("2024 a>b", "2025 b>c"),
        volunteers=[Volunteer(person_id="c", role=VolunteerRole.MENTOR)],
    )
    graph = chain.as_graph()
    assert graph["nodes"] == [
        {"id": "a", "generation": 0, "mentored": 1, "ready": False},
        {"id": "b", "generation": 1, "mentored": 1, "ready": False},
        {"id": "c", "generation": 2, "mentored": 0, "ready": True},
    ]
    assert graph["edges"] == [
        {"source": "a", "target": "b", "programme": "2024"},
        {"source": "b", "target": "c", "programme": "2025"},
    ]
    assert chain.generations() == {0: ["a"], 1: ["b"], 2: ["c"]}
    node_b = next(n for n in chain.nodes if n.person_id == "b")
    assert (node_b.mentee_in, node_b.mentor_in) == (("2024",), ("2025",))


def test_an_empty_history_has_no_chain() -> None:
    chain = mentoring_chain([])
    assert (chain.nodes, chain.edges, chain.ready) == ((), (), ())
