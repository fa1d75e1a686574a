"""Spread independent work over the machine's cores by forking.

Forked workers inherit the build's whole state (the parsed site, the template
environment), so nothing heavy is pickled on the way in: a worker is told only
which items to do, by index, and sends back their results. Results come back in
the order of the items, so a parallel build writes exactly what a serial one does.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

CHUNKS_PER_JOB = 4  # smaller chunks than one per worker even out uneven items
MIN_ITEMS_PER_JOB = 32  # below this, starting processes costs more than it saves

_work: tuple[Callable[[Any], Any], Sequence[Any]] | None = None  # what forked workers inherit


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def map_forked(
    work: Callable[[T], R], items: Sequence[T], jobs: int, per_job: int = MIN_ITEMS_PER_JOB
) -> list[R]:
    """``[work(item) for item in items]``, spread over up to ``jobs`` forked processes.

    Runs in this process when one job is asked for, there are fewer than
    ``per_job`` items per job (lower it for big items), or the platform cannot
    fork. ``work`` and the items are never pickled; the results are.
    """
    jobs = min(jobs, len(items) // per_job)
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [work(item) for item in items]
    global _work
    _work = (work, items)
    try:
        chunk = -(-len(items) // (jobs * CHUNKS_PER_JOB))
        ranges = [(start, min(start + chunk, len(items))) for start in range(0, len(items), chunk)]
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            parts: list[list[R]] = pool.map(_run_range, ranges, chunksize=1)
    finally:
        _work = None
    return [result for part in parts for result in part]


def _run_range(bounds: tuple[int, int]) -> list[Any]:
    """In a worker: do the inherited items ``start`` to ``stop``."""
    assert _work is not None, "map_forked sets the work before forking"
    work, items = _work
    return [work(items[i]) for i in range(*bounds)]
