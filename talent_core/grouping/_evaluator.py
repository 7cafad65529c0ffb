"""A grouping kept scored while HR moves people by hand.

``score_grouping`` encodes every person on each call, which takes seconds at 100,000 people.
The evaluator encodes people once and, on a move, rescores and rechecks only the groups the
move touches, with the same per-group functions ``score_grouping`` and ``check_grouping`` use.
"""

from __future__ import annotations

from collections.abc import Sequence

from .._people import Person
from ._instance import encode
from ._notices import Notice
from ._options import GroupingOptions
from ._score import (
    Group,
    GroupingScores,
    first_groups,
    group_scores_of,
    group_violations,
    history_warning,
    repeat_warnings,
    spanning_violations,
    summarise,
)

__all__ = ["GroupingEvaluator"]


class GroupingEvaluator:
    """Scores and broken hard constraints of a grouping that changes one move at a time."""

    def __init__(
        self, people: Sequence[Person], options: GroupingOptions, groups: Sequence[Group]
    ) -> None:
        instance = encode(people, options)
        self._instance = instance
        self._groups = list(groups)
        self._names = [g.name for g in groups]
        self._position = {name: k for k, name in reversed(list(enumerate(self._names)))}
        self._homes: dict[str, list[int]] = {}
        for k, group in enumerate(groups):
            for person_id in group.members:
                homes = self._homes.setdefault(person_id, [])
                if not homes or homes[-1] != k:
                    homes.append(k)
        self._first = first_groups(instance, groups)
        self._known = [self._known_of(g) for g in groups]
        self._scored = group_scores_of(instance, self._names, self._known)
        self._violations = [
            group_violations(instance, self._names, k, g.members, self._first)
            for k, g in enumerate(groups)
        ]
        self._joined = [unit for unit in instance.units if len(unit) > 1]
        self._history = history_warning(instance)

    def _known_of(self, group: Group) -> list[int]:
        index = self._instance.index
        return [index[x] for x in group.members if x in index]

    @property
    def groups(self) -> tuple[Group, ...]:
        return tuple(self._groups)

    @property
    def scores(self) -> GroupingScores:
        """What ``score_grouping`` returns for the current grouping."""
        warnings = repeat_warnings(self._instance, self._scored, self._known)
        return summarise(self._scored, self.violations(), self._history + warnings)

    def violations(self) -> list[Notice]:
        """What ``check_grouping`` returns for the current grouping."""
        found = [notice for notices in self._violations for notice in notices]
        return found + spanning_violations(self._instance, self._names, self._first, self._joined)

    def move(self, person_id: str, group: str) -> None:
        """Take ``person_id`` out of every group that lists them and add them to ``group``.

        The first group of that name is meant. A move may break hard constraints; it is made
        all the same and ``violations()`` says what is broken. Raises KeyError for a group
        that does not exist or a person who is neither among the people nor in a group.
        """
        target = self._position[group]
        homes = self._homes.get(person_id, [])
        i = self._instance.index.get(person_id)
        if not homes and i is None:
            raise KeyError(person_id)
        if homes == [target] and self._groups[target].members.count(person_id) == 1:
            return
        for k in homes:
            members = tuple(x for x in self._groups[k].members if x != person_id)
            self._groups[k] = Group(self._names[k], members)
        old = self._groups[target]
        self._groups[target] = Group(old.name, (*old.members, person_id))
        self._homes[person_id] = [target]
        if i is not None:
            self._first[i] = target
        touched = sorted({*homes, target})
        for k in touched:
            self._known[k] = self._known_of(self._groups[k])
            self._violations[k] = group_violations(
                self._instance, self._names, k, self._groups[k].members, self._first
            )
        rescored = group_scores_of(
            self._instance, [self._names[k] for k in touched], [self._known[k] for k in touched]
        )
        for k, score in zip(touched, rescored, strict=True):
            self._scored[k] = score
