"""Hard rules of mentor matching: the pairs that may never be made, each with its reasons.

Nobody mentors themselves; a mentor is never the mentee's direct manager or direct report
(or, with the ``line`` rule, anyone above or below them in the management line); a pair of
an earlier programme is not repeated; HR can rule out pairs by hand. The shared-language
rule is checked with the scores, where it is cheaper.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from ..grouping import ManagerRule
from ._model import MatchSettings, Mentee, Mentor, MentoringRecord
from ._reasons import Reason, ReasonCode

__all__ = ["blocked_pairs", "managers_above"]


def managers_above(
    manager_of: Mapping[str, str | None], person_id: str, rule: ManagerRule
) -> list[str]:
    """Managers above ``person_id``, nearest first: one for ``direct``, all for ``line``."""
    chain: list[str] = []
    seen = {person_id}
    current = manager_of.get(person_id)
    while current is not None and current not in seen:
        chain.append(current)
        if rule is ManagerRule.DIRECT:
            break
        seen.add(current)
        current = manager_of.get(current)
    return chain


def blocked_pairs(
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
    settings: MatchSettings,
    *,
    managers: Mapping[str, str | None],
    history: Iterable[MentoringRecord],
    excluded: Iterable[tuple[str, str]],
) -> dict[tuple[int, int], list[Reason]]:
    """Reasons per (mentee index, mentor index) pair that rule the pair out.

    ``managers`` adds managers who take no part; the participants' own ``manager_id`` wins.
    Ids in ``history`` that are not mentee and mentor here are skipped; ``excluded`` ids must
    be (the caller checks).
    """
    mentee_index = {p.id: i for i, p in enumerate(mentees)}
    mentor_index = {p.id: j for j, p in enumerate(mentors)}
    manager_of = {**managers, **{p.id: p.manager_id for p in (*mentees, *mentors)}}
    blocked: dict[tuple[int, int], list[Reason]] = {}

    def block(mentee: int, mentor: int, code: ReasonCode, **params: str | int) -> None:
        names = {"mentee": mentees[mentee].name, "mentor": mentors[mentor].name}
        blocked.setdefault((mentee, mentor), []).append(Reason(code, 0.0, names | params))

    direct = settings.line is ManagerRule.DIRECT
    for i, mentee in enumerate(mentees):
        if mentee.id in mentor_index:
            block(i, mentor_index[mentee.id], ReasonCode.SAME_PERSON)
        for above in managers_above(manager_of, mentee.id, settings.line):
            if above in mentor_index:
                code = ReasonCode.MANAGES_MENTEE if direct else ReasonCode.ABOVE_IN_LINE
                block(i, mentor_index[above], code)
    for j, mentor in enumerate(mentors):
        for above in managers_above(manager_of, mentor.id, settings.line):
            if above in mentee_index:
                code = ReasonCode.REPORTS_TO_MENTEE if direct else ReasonCode.BELOW_IN_LINE
                block(mentee_index[above], j, code)
    if settings.avoid_earlier_pairs:
        for record in history:
            row, column = mentee_index.get(record.mentee_id), mentor_index.get(record.mentor_id)
            if row is not None and column is not None:
                block(row, column, ReasonCode.EARLIER_PAIR, programme=record.programme)
    for mentee_id, mentor_id in excluded:
        block(mentee_index[mentee_id], mentor_index[mentor_id], ReasonCode.EXCLUDED)
    return blocked
