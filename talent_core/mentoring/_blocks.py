"""Mentee × mentor matrices are handled in blocks of rows: small temporaries, both cores busy."""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

__all__ = ["BLOCK_ROWS", "map_row_blocks"]

#: Mentees per block: 1,024 × 3,000 mentors of float64 temporaries is 24 MB.
BLOCK_ROWS = 1024
#: numpy releases the GIL in array arithmetic, so threads share the work across cores.
WORKERS = min(2, os.cpu_count() or 1)

T = TypeVar("T")


def map_row_blocks(work: Callable[[int, int], T], rows: int) -> list[T]:
    """``work(start, stop)`` for each block of ``rows``, in order; blocks run in threads."""
    starts = range(0, rows, BLOCK_ROWS)
    if len(starts) <= 1:
        return [work(start, min(start + BLOCK_ROWS, rows)) for start in starts]
    with ThreadPoolExecutor(WORKERS) as pool:
        return list(pool.map(lambda start: work(start, min(start + BLOCK_ROWS, rows)), starts))
