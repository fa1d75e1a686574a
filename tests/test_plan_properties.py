"""Properties: any valid plan input, and any tuning the settings files accept, gives a plan
that obeys R1-R23."""

from __future__ import annotations

import math
from dataclasses import replace

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from generator.content.schema import LEVELS
from generator.plans import PlanSettings, PlanSpec, check_plan, generate_plan
from generator.plans.generate import split_weeks
from generator.plans.inputs import SHORTEST_RUNS, DistanceSettings, LevelRuns, Span
from generator.plans.model import DISTANCES, EQUIPMENT_LEVELS, PHASES, QUALITY_TYPES, RUN_DAYS
from generator.plans.shape import shape_problem
from tests.test_plan_generation import library


@st.composite
def specs(
    draw: st.DrawFn,
    plan_settings: PlanSettings | None = None,
    distances: tuple[str, ...] = DISTANCES,
) -> PlanSpec:
    """Any choice a reader can make: every field across its whole allowed range."""
    distance = draw(st.sampled_from(distances))
    tuned = (plan_settings or library().settings).distances[distance]
    return PlanSpec(
        distance=distance,
        level=draw(st.sampled_from(LEVELS)),
        run_days=draw(st.sampled_from(RUN_DAYS)),
        equipment=draw(st.sampled_from(EQUIPMENT_LEVELS)),
        weeks=draw(st.integers(tuned.weeks.min, tuned.weeks.max)),
        taper_days=draw(st.integers(tuned.taper_days.min, tuned.taper_days.max)),
    )


@st.composite
def spans(draw: st.DrawFn, low: int, high: int) -> Span:
    start = draw(st.integers(low, high))
    return Span(start, draw(st.integers(start, start + high)))


@st.composite
def tunings(draw: st.DrawFn, distance: DistanceSettings) -> DistanceSettings:
    """Numbers distances.yaml accepts (run minutes up to a plausible ceiling)."""
    needed = max(2, math.ceil(distance.taper_days.max / 7))
    shares = st.integers(1, 6)
    kinds = st.lists(st.sampled_from(QUALITY_TYPES), min_size=1, max_size=2)
    runs = {}
    for level in LEVELS:
        long = draw(spans(SHORTEST_RUNS["long"], 150))
        # a marathon is never shorter than its long run (R16), as inputs.py checks
        fastest = min(180, long.peak) if distance.slug == "marathon" else 10
        runs[level] = LevelRuns(
            long=long,
            quality=draw(spans(SHORTEST_RUNS["quality"], 70)),
            easy=draw(spans(SHORTEST_RUNS["easy"], 60)),
            race=draw(st.integers(fastest, 360)),
        )
    maintenance = draw(st.integers(needed, distance.weeks.min - 4))
    # what inputs.py accepts: every length and taper leaves two blocks of two weeks (R23)
    assume(
        all(
            shape_problem(weeks, taper, maintenance, distance.slug) is None
            for weeks in distance.weeks.values()
            for taper in distance.taper_days.values()
        )
    )
    return replace(
        distance,
        maintenance_weeks=maintenance,
        phases=tuple(draw(shares) for _ in range(3)),
        strength_blocks=tuple(draw(shares) for _ in range(3)),
        quality={phase: tuple(draw(kinds)) for phase in PHASES},
        runs=runs,
    )


def assert_sound(spec: PlanSpec, plan_settings: PlanSettings) -> None:
    lib = library()
    plan = generate_plan(spec, plan_settings, lib.exercises, lib.muscles)
    assert plan.weeks_total == spec.weeks
    assert plan.taper_days == spec.taper_days
    assert plan.race == (spec.weeks, 7)
    assert [str(v) for v in check_plan(plan, lib.exercises, lib.muscles)] == []


@settings(max_examples=60, deadline=None)
@given(specs())
def test_any_valid_choice_gives_a_plan_that_obeys_every_rule(spec: PlanSpec) -> None:
    assert_sound(spec, library().settings)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_any_valid_tuning_gives_a_plan_that_obeys_every_rule(data: st.DataObject) -> None:
    base = library().settings
    distance = data.draw(st.sampled_from(DISTANCES))
    tuned = data.draw(tunings(base.distances[distance]))
    plan_settings = replace(base, distances={**base.distances, distance: tuned})
    spec = data.draw(specs(plan_settings, (distance,)))
    assert_sound(spec, plan_settings)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 20), min_size=1, max_size=5), st.integers(0, 30))
def test_split_weeks_gives_every_part_a_week_and_uses_them_all(
    shares: list[int], extra: int
) -> None:
    total = len(shares) + extra
    counts = split_weeks(total, shares)
    assert sum(counts) == total
    assert all(c >= 1 for c in counts)
    biggest = shares.index(max(shares))
    assert counts[biggest] == max(counts)
