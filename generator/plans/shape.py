"""A plan's calendar before any session is chosen: deloads, where maintenance starts, and
how the loading weeks are shared out between strength blocks.

Shared by the generator and the input checks in ``inputs.py``, so a settings
file is refused exactly when it would make a plan the rules reject.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from generator.plans import rules
from generator.plans.model import DAYS_PER_WEEK

MIN_BLOCK_WEEKS = rules.MIN_BLOCK_WEEKS  # R23: no strength block lasts a single week


def taper_weeks(taper_days: int) -> int:
    return math.ceil(taper_days / DAYS_PER_WEEK)


def deload_weeks(before_taper: int) -> set[int]:
    """Every fourth week before the taper (R8), but never the week the taper follows (R18):
    a deload that would fall there moves one week earlier."""
    step = rules.MAX_LOADING_RUN + 1
    deloads = set(range(step, before_taper + 1, step))
    if before_taper in deloads and before_taper > 1:
        deloads.discard(before_taper)
        deloads.add(before_taper - 1)
    return deloads


def maintenance_start(
    weeks: int, taper_days: int, maintenance_weeks: int, distance: str
) -> tuple[int, set[int]]:
    """The first maintenance week, and the deload weeks.

    For the half and the marathon, maintenance starts no later than the second of
    the two loading weeks with the most running (the last two before the taper),
    so strength recedes while running peaks (R17).
    """
    before_taper = weeks - taper_weeks(taper_days)
    deloads = deload_weeks(before_taper)
    first = weeks - maintenance_weeks + 1
    if distance in rules.RECEDE_DISTANCES:
        loading = [w for w in range(1, before_taper + 1) if w not in deloads]
        if len(loading) >= 2:
            first = min(first, loading[-2])
    return first, deloads


def build_loading_weeks(first_maintenance: int, deloads: set[int]) -> list[int]:
    return [w for w in range(1, first_maintenance) if w not in deloads]


def split_blocks(loading: int, shares: Sequence[int], beginner: bool) -> list[tuple[str, int]]:
    """Loading weeks per build block: hypertrophy, strength, power when each gets at least
    two, otherwise hypertrophy then a merged strength-power block (R23). A beginner's
    first block holds at least as many loading weeks as the later ones together."""
    if loading < 2 * MIN_BLOCK_WEEKS:
        raise ValueError(f"{loading} loading weeks cannot hold two blocks of {MIN_BLOCK_WEEKS}")
    hyp, strength, power = shares
    options = [
        (rules.BUILD_BLOCKS, (hyp, strength, power)),
        (("hypertrophy", rules.MERGED_BLOCK), (hyp, strength + power)),
    ]
    for names, weights in options:
        parts = len(names)
        if loading < MIN_BLOCK_WEEKS * parts:
            continue
        counts = [
            c + MIN_BLOCK_WEEKS - 1
            for c in split_weeks(loading - parts * (MIN_BLOCK_WEEKS - 1), weights)
        ]
        if beginner:
            while counts[0] < sum(counts[1:]):
                donor = max(range(1, parts), key=lambda i: (counts[i], -i))
                if counts[donor] <= MIN_BLOCK_WEEKS:
                    break
                counts[donor] -= 1
                counts[0] += 1
            if counts[0] < sum(counts[1:]):
                continue
        return list(zip(names, counts, strict=True))
    first = (loading + 1) // 2 if beginner else loading // 2
    return [("hypertrophy", first), (rules.MERGED_BLOCK, loading - first)]


def split_weeks(total: int, shares: Sequence[int]) -> tuple[int, ...]:
    """Whole weeks in proportion to ``shares``, at least one each (largest remainder)."""
    extra = total - len(shares)
    if extra < 0:
        raise ValueError(f"{total} weeks cannot hold {len(shares)} parts")
    weight = sum(shares)
    counts = [extra * share // weight for share in shares]
    by_remainder = sorted(range(len(shares)), key=lambda i: (-(extra * shares[i] % weight), i))
    for i in by_remainder[: extra - sum(counts)]:
        counts[i] += 1
    return tuple(count + 1 for count in counts)


def shape_problem(weeks: int, taper_days: int, maintenance_weeks: int, distance: str) -> str | None:
    """Why a plan of this shape cannot obey the rules, or None."""
    first, deloads = maintenance_start(weeks, taper_days, maintenance_weeks, distance)
    loading = len(build_loading_weeks(first, deloads))
    if loading < 2 * MIN_BLOCK_WEEKS:
        return (
            f"{weeks} weeks with a {taper_days}-day taper leave {loading} loading weeks before "
            f"maintenance; two strength blocks of {MIN_BLOCK_WEEKS} need {2 * MIN_BLOCK_WEEKS}"
        )
    return None
