"""The pay-it-forward chain: who mentored whom across programmes, and who could mentor next.

Generations follow time. A mentor who had not been a mentee before a programme starts a
chain there (generation 0); a mentee of a generation-g mentor becomes generation g + 1,
where g counts only what the mentor was *before* that programme. Someone mentored more
than once keeps the lowest generation. Because only earlier programmes count, pairs that
run both ways across the years (A mentors B in 2024, B mentors A in 2025) form no loop.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from .._errors import InputError
from ._model import MentoringRecord, Volunteer, VolunteerRole

__all__ = [
    "ChainEdge",
    "ChainNode",
    "MentoringChain",
    "ReadyMentor",
    "mentoring_chain",
    "programme_order",
]

_NUMBER = re.compile(r"(\d+)")


def _natural(name: str) -> tuple[tuple[int, int | str], ...]:
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.casefold())
        for part in _NUMBER.split(name)
        if part
    )


def programme_order(names: Iterable[str]) -> list[str]:
    """Distinct programme names, oldest first, in natural order ("2024" < "2025", "2" < "10")."""
    return sorted(set(names), key=lambda name: (_natural(name), name))


@dataclass(frozen=True, slots=True)
class ChainNode:
    person_id: str
    #: 0 for someone who started a chain, else one more than their earliest mentor's.
    generation: int
    #: Programmes the person was a mentee in, and a mentor in, oldest first.
    mentee_in: tuple[str, ...]
    mentor_in: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ChainEdge:
    mentor_id: str
    mentee_id: str
    programme: str


@dataclass(frozen=True, slots=True)
class ReadyMentor:
    """A former mentee who finished and offered to mentor: their mentees would be
    generation ``generation + 1``."""

    person_id: str
    generation: int
    #: The last programme they were a mentee in.
    mentee_in: str


@dataclass(frozen=True, slots=True)
class MentoringChain:
    programmes: tuple[str, ...]
    nodes: tuple[ChainNode, ...]
    edges: tuple[ChainEdge, ...]
    ready: tuple[ReadyMentor, ...]

    def generations(self) -> dict[int, list[str]]:
        """Person ids per generation, lowest generation first."""
        result: dict[int, list[str]] = {}
        for node in sorted(self.nodes, key=lambda n: (n.generation, n.person_id)):
            result.setdefault(node.generation, []).append(node.person_id)
        return result

    def as_graph(self) -> dict[str, list[dict[str, str | int | bool]]]:
        """Nodes and edges as plain dicts, ready for a network drawing (e.g. ipycytoscape)."""
        ready = {r.person_id for r in self.ready}
        return {
            "nodes": [
                {
                    "id": n.person_id,
                    "generation": n.generation,
                    "mentored": len(n.mentor_in),
                    "ready": n.person_id in ready,
                }
                for n in self.nodes
            ],
            "edges": [
                {"source": e.mentor_id, "target": e.mentee_id, "programme": e.programme}
                for e in self.edges
            ],
        }


def mentoring_chain(
    history: Iterable[MentoringRecord],
    *,
    volunteers: Iterable[Volunteer] = (),
    running: Collection[str] = (),
    order: Sequence[str] | None = None,
) -> MentoringChain:
    """Generations of the mentoring history, and the former mentees ready to mentor next.

    ``order`` lists the programmes oldest first (default: ``programme_order``); ``running``
    names programmes not yet finished, whose mentees are not ready yet. Ready mentors are
    former mentees of a finished programme who volunteered as mentor.
    """
    records = list(history)
    programmes = list(order) if order is not None else programme_order(r.programme for r in records)
    position = {name: i for i, name in enumerate(programmes)}
    missing = sorted({r.programme for r in records} - position.keys())
    if missing:
        raise InputError(f"order: programme(s) {', '.join(missing)} are not in the order given")
    records.sort(key=lambda r: (position[r.programme], r.mentor_id, r.mentee_id))

    generation: dict[str, int] = {}
    for _, pairs in itertools.groupby(records, key=lambda r: position[r.programme]):
        before = dict(generation)  # what each mentor was before this programme
        for record in pairs:
            mentor_generation = before.get(record.mentor_id, 0)
            generation[record.mentor_id] = min(
                generation.get(record.mentor_id, mentor_generation), mentor_generation
            )
            candidate = mentor_generation + 1
            if generation.get(record.mentee_id, candidate) >= candidate:
                generation[record.mentee_id] = candidate

    mentee_in: dict[str, list[str]] = {}
    mentor_in: dict[str, list[str]] = {}
    for record in records:
        for table, person in ((mentee_in, record.mentee_id), (mentor_in, record.mentor_id)):
            seen = table.setdefault(person, [])
            if record.programme not in seen:
                seen.append(record.programme)
    nodes = tuple(
        ChainNode(
            person,
            generation[person],
            tuple(mentee_in.get(person, ())),
            tuple(mentor_in.get(person, ())),
        )
        for person in sorted(generation)
    )
    offered = {v.person_id for v in volunteers if v.role is VolunteerRole.MENTOR}
    ready = tuple(
        ReadyMentor(person, generation[person], finished[-1])
        for person in sorted(offered & mentee_in.keys())
        if (finished := [p for p in mentee_in[person] if p not in running])
    )
    return MentoringChain(
        tuple(programmes),
        nodes,
        tuple(ChainEdge(r.mentor_id, r.mentee_id, r.programme) for r in records),
        ready,
    )
