"""Readiness as line managers record it in the talent view, one code per learner and role.

A manager may record a learner's readiness for a role in several conversations (and HR may
load several courses' downloads): only the latest record of each (learner, role) counts,
so each learner counts once per role (docs/figures.md, "Pipeline per role").
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from .._errors import InputError
from ..managers._talent_view import READINESS_ORDER

__all__ = ["NO_READINESS", "READINESS", "latest_readiness", "readiness_code"]

#: The readiness a manager records for a role, nearest first (the talent view's values,
#: ``talent_core.managers.Readiness``).
READINESS: tuple[str, ...] = tuple(readiness.value for readiness in READINESS_ORDER)
#: The code of "no readiness recorded" in a readiness matrix.
NO_READINESS = -1

_CODES = {name: code for code, name in enumerate(READINESS)}


def readiness_code(value: str) -> int:
    """The code of a readiness value; InputError naming the value and the allowed ones."""
    try:
        return _CODES[value]
    except KeyError:
        raise InputError(f"readiness {value!r} is not one of {', '.join(READINESS)}") from None


def latest_readiness(
    people: int,
    role_ids: Sequence[str],
    person: npt.ArrayLike,
    role: Sequence[str],
    readiness: Sequence[str],
    recorded_on: Sequence[str],
) -> npt.NDArray[np.int8]:
    """A (people × roles) matrix of readiness codes, ``NO_READINESS`` where none is recorded.

    ``person`` (index into the people, -1 for a learner not among them), ``role``,
    ``readiness`` and ``recorded_on`` (ISO dates, which sort as text) are one entry per
    record. The latest record of each (person, role) wins; on the same day the later entry.
    Records of a role not in ``role_ids`` or of a person not among the people count nowhere.
    """
    who = np.asarray(person, dtype=np.int64)
    result = np.full((people, len(role_ids)), NO_READINESS, dtype=np.int8)
    if who.size == 0:
        return result
    index = {role_id: r for r, role_id in enumerate(role_ids)}
    which = np.fromiter((index.get(r, -1) for r in role), dtype=np.int64, count=who.size)
    code = np.fromiter((readiness_code(v) for v in readiness), dtype=np.int8, count=who.size)
    when = np.asarray(recorded_on, dtype=str)
    keep = np.flatnonzero((who >= 0) & (who < people) & (which >= 0))
    cell = who[keep] * len(role_ids) + which[keep]
    # By cell, then date, then entry order: the last entry of each cell is its latest record.
    order = np.lexsort((keep, when[keep], cell))
    cell, chosen = cell[order], keep[order]
    last = np.ones(cell.size, dtype=bool)
    last[:-1] = cell[1:] != cell[:-1]
    result[who[chosen[last]], which[chosen[last]]] = code[chosen[last]]
    return result
