"""Build a week-by-week training plan from a spec, the settings and the exercise cards.

Pure and deterministic: no I/O, no clock, no unseeded randomness. Where a choice
is arbitrary (which core exercise this week) it rotates through sorted
candidates from an offset derived from the plan id, so plans differ from each
other but never from one build to the next.

The week (1 = Monday .. 7 = Sunday) is laid out the way runners train:

- Sunday is the long run (the race in race week); Tuesday is the first quality
  session, Thursday the second for runners with two.
- Strength shares Tuesday and Thursday with those runs, after them (R4: at
  least 6 hours later), so hard days are hard and easy days easy (R3).
  Wednesday, Friday and Saturday are never key days, so heavy legs and
  plyometrics never come the day before a key run or the long run (R5).
- Monday, the day after the long run, is easy: rest or a recovery run plus a
  mobility session, and never strength (our R6 choice).

Strength moves through hypertrophy, strength and power blocks (or hypertrophy and
a merged strength-power block when the plan is short; no block shorter than two
loading weeks, beginners longest in the first: R23), then one short maintenance
session a week with a few stage-1 jumps (R1, R2, R9); every fourth week is a
deload, never the week before the taper (R8, R18); the last ``taper_days`` cut
running volume to half of peak with the quality sessions kept (R10); race week
is mobility and light core only (R11). Each week's cards are topped up until
every region R12 names is trained; the first hip slot is a deadlift-pattern
hinge, loaded in gym plans (R21, R22).

Plyometrics climb the stage ladder from the cards and start at the level's dose,
growing at most 30% a week (R13, R14); running grows at most 10% a week and the
long run 15%, within its share of the week and its caps (R15, R16); half and
marathon plans are in maintenance for their two biggest running weeks (R17).
Every run gets its workout and effort and every strength session its warm-up and
loads from ``guidance`` (R19, R20).
"""

from __future__ import annotations

import zlib
from bisect import bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import combinations, product
from typing import TypeVar

from generator.content.models import Exercise, Muscle
from generator.content.schema import BLOCKS, LEVELS
from generator.plans import rules
from generator.plans.guidance import Guidance
from generator.plans.inputs import DistanceSettings, LevelRuns, PlanSettings
from generator.plans.model import (
    DAYS_PER_WEEK,
    DISTANCES,
    EQUIPMENT_LEVELS,
    PHASES,
    RUN_DAYS,
    Day,
    MobilitySession,
    Plan,
    PlanExercise,
    PlanSpec,
    Requirements,
    RunSession,
    Session,
    StrengthSession,
    Week,
    day_index,
)
from generator.plans.shape import (
    build_loading_weeks,
    maintenance_start,
    split_blocks,
    split_weeks,
    taper_weeks,
)

__all__ = ["all_specs", "generate_all", "generate_plan", "split_weeks"]

T = TypeVar("T")

# Running days by days a week (1 = Monday): Tuesday/Thursday quality, Sunday long.
RUN_LAYOUT = {3: (2, 4, 7), 4: (2, 4, 6, 7), 5: (2, 3, 4, 6, 7), 6: (1, 2, 3, 4, 6, 7)}
AFTER_LONG_DAY, FIRST_QUALITY_DAY, SECOND_QUALITY_DAY, LONG_DAY = 1, 2, 4, 7
QUALITY_SESSIONS = {"beginner": 1, "intermediate": 2, "advanced": 2}
DELOAD_RUN_FACTOR = 0.75  # a deload week runs a quarter less, and less than the week before
RECOVERY_FACTOR = 0.7  # a recovery run is shorter than an easy run
TAPER_TARGET = 0.5  # taper volume as a share of peak: the middle of R10's band
TAPER_RAMP = 0.6  # before scaling, the last taper day runs 40% of the first
MIN_RUN_MINUTES = 15
MIN_TAPER_RUN_MINUTES = 10  # a shakeout: the taper keeps every run, however short
MOBILITY_MINUTES = 15
MAINTENANCE_CONTACTS = rules.MAINTENANCE_MAX_CONTACTS
MAX_PLYO_CARDS = 3
PLYO_NEAR_BEST = 0.85  # plyometric choices within this share of the biggest allowed rotate
NOTE = (
    f"Run first: strength at least {rules.HOURS_AFTER_RUN} hours after the run "
    f"({rules.MIN_HOURS_AFTER_RUN} hours at the very least)."
)


@dataclass(frozen=True, slots=True)
class _Slot:
    """A place in a session filled by one card. Main lifts stay for a block and climb
    the progression ladder at each new block; the others rotate every week."""

    name: str
    categories: tuple[str, ...]
    patterns: tuple[str, ...] = ()
    main: bool = False
    tag: str = ""  # only cards with this tag
    loaded: bool = False  # in gym plans, only cards that carry a weight (R22)


_LEGS = ("squat", "single-leg-squat", "lunge", "step-up")
_HIPS = ("hinge", "bridge", "knee-flexion")
_LIGHT_CORE = ("anti-extension", "anti-rotation", "anti-lateral-flexion")
KNEE = _Slot("knee", ("strength",), _LEGS, main=True)
SINGLE_LEG = _Slot("single-leg", ("strength",), _LEGS[1:], main=True)
# The first hip slot is always a deadlift-pattern hinge (R21), loaded in gym plans (R22).
HIP = _Slot("hip", ("strength",), ("hinge",), main=True, tag=rules.DEADLIFT_TAG, loaded=True)
HIP_2 = _Slot("hip-2", ("strength",), _HIPS, main=True)
CALF = _Slot("calf", ("strength",), ("calf-raise", "dorsiflexion"))
HIP_STABILITY = _Slot("hip-stability", ("strength",), ("abduction", "adduction", "hip-flexion"))
CORE = _Slot("core", ("core",))
BALANCE = _Slot("balance", ("balance",))
UPPER = _Slot("upper", ("strength",), ("push", "pull"))
LIGHT_CORE = _Slot("light-core", ("core",), _LIGHT_CORE)
MOBILITY = _Slot("mobility", ("mobility",))
SOFT_TISSUE = _Slot("soft-tissue", ("soft-tissue",))
REPAIR = _Slot("cover", ("strength", "core", "balance"))  # cards that may fill an R12 gap

Slots = tuple[_Slot, ...]
FIRST_SESSION: Slots = (KNEE, HIP, CALF, CORE, BALANCE)
SECOND_SESSION: Slots = (SINGLE_LEG, HIP_2, HIP_STABILITY, CALF, CORE, UPPER)
MAINTENANCE_SESSION: Slots = (KNEE, HIP, CALF, CORE, BALANCE)
RACE_WEEK_SESSION: Slots = (LIGHT_CORE, LIGHT_CORE, MOBILITY)
MOBILITY_ROUTINE: Slots = (MOBILITY, MOBILITY, SOFT_TISSUE)


@dataclass(frozen=True, slots=True)
class _Shape:
    """A spec resolved against its distance's settings."""

    distance: DistanceSettings
    weeks: int
    taper_days: int


@dataclass(frozen=True, slots=True)
class _Frame:
    """A week's place in the plan, decided before any session is."""

    number: int
    phase: str
    block: str
    deload: bool
    progress: float  # 0 in week 1, 1 from the peak loading week on


def all_specs() -> list[PlanSpec]:
    """The published plans: every distance, level, running days and equipment (144)."""
    return [
        PlanSpec(distance, level, days, equipment)
        for distance in DISTANCES
        for level in LEVELS
        for days in RUN_DAYS
        for equipment in EQUIPMENT_LEVELS
    ]


def generate_all(
    settings: PlanSettings, exercises: Sequence[Exercise], muscles: Sequence[Muscle]
) -> list[Plan]:
    """Every published plan, in :func:`all_specs` order."""
    regions = {m.slug: m.region for m in muscles}
    catalogues = {
        (level, kit): _Catalogue(
            exercises, regions, settings.equipment[kit].items, level, kit == "gym"
        )
        for level in LEVELS
        for kit in EQUIPMENT_LEVELS
    }
    return [
        _generate(spec, _shape(spec, settings), settings, catalogues[spec.level, spec.equipment])
        for spec in all_specs()
    ]


def generate_plan(
    spec: PlanSpec, settings: PlanSettings, exercises: Sequence[Exercise], muscles: Sequence[Muscle]
) -> Plan:
    """The plan for ``spec``; raises ValueError for inputs outside the allowed ranges."""
    shape = _shape(spec, settings)
    items = settings.equipment[spec.equipment].items
    regions = {m.slug: m.region for m in muscles}
    catalogue = _Catalogue(exercises, regions, items, spec.level, spec.equipment == "gym")
    return _generate(spec, shape, settings, catalogue)


def _shape(spec: PlanSpec, settings: PlanSettings) -> _Shape:
    """Fill in the defaults and refuse anything outside the allowed choices."""
    problems = [
        f"{name} {value!r} is not one of {', '.join(map(str, allowed))}"
        for name, value, allowed in (
            ("distance", spec.distance, DISTANCES),
            ("level", spec.level, LEVELS),
            ("run_days", spec.run_days, RUN_DAYS),
            ("equipment", spec.equipment, EQUIPMENT_LEVELS),
        )
        if value not in allowed
    ]
    if problems:
        raise ValueError(f"{spec.id}: {'; '.join(problems)}")
    distance = settings.distances[spec.distance]
    weeks = distance.weeks.default if spec.weeks is None else spec.weeks
    taper = distance.taper_days.default if spec.taper_days is None else spec.taper_days
    for name, value, choice in (
        ("weeks", weeks, distance.weeks),
        ("taper_days", taper, distance.taper_days),
    ):
        if value not in choice.values():
            problems.append(f"{name} {value} is outside {choice.min}-{choice.max}")
    if problems:
        raise ValueError(f"{spec.id}: {'; '.join(problems)}")
    return _Shape(distance, weeks, taper)


def _generate(spec: PlanSpec, shape: _Shape, settings: PlanSettings, catalogue: _Catalogue) -> Plan:
    guidance = settings.guidance
    if guidance is None:
        raise ValueError(f"{spec.id}: plan settings carry no session guidance")
    frames = _frames(spec, shape)
    runs = _describe(spec, frames, _runs(spec, shape, frames), guidance)
    picker = _Picker(spec.id, catalogue, guidance)
    weeks = []
    for frame in frames:
        strength = _strength_week(spec, shape, frame, runs, picker)
        mobility = {AFTER_LONG_DAY: _mobility(frame, picker)}
        days = tuple(
            _day(d, runs.get((frame.number, d)), strength.get(d), mobility.get(d))
            for d in range(1, DAYS_PER_WEEK + 1)
        )
        weeks.append(Week(frame.number, frame.phase, frame.block, frame.deload, days))
    kit = settings.equipment[spec.equipment].title.lower()
    return Plan(
        id=spec.id,
        title=f"{shape.distance.title}: {spec.level}, {spec.run_days} days a week, {kit}",
        distance=spec.distance,
        level=spec.level,
        run_days=spec.run_days,
        equipment=spec.equipment,
        taper_days=shape.taper_days,
        weeks=tuple(weeks),
        requirements=_requirements(spec, weeks[0]),
        equipment_used=tuple(rules.equipment_needed(weeks, catalogue.by_slug)),
    )


# Who each level is for, beyond the running of week 1 (R19).
LEVEL_NOTES = {
    "beginner": "No lifting experience is needed: every exercise starts with your bodyweight "
    "or a light weight and the heavy work waits until the second half of the plan.",
    "intermediate": "You have done some strength training and a few faster sessions "
    "(tempo runs or intervals) before.",
    "advanced": "You have lifted regularly for several months, know how a squat and a "
    "deadlift should feel, and run intervals, tempo runs and hills.",
}
LOWER_LEVEL = {
    "beginner": "If that is more than you run now, build up with easy running (walk breaks "
    "are fine) until it feels comfortable, then start this plan.",
    "intermediate": "If that is more than you run now, or you have never lifted or run "
    "intervals, choose the beginner plan.",
    "advanced": "If that is more than you run now, or heavy lifting is new to you, choose "
    "the intermediate plan.",
}


def _requirements(spec: PlanSpec, first: Week) -> Requirements:
    """What the plan assumes on day one: week 1's running, and when to pick a lower level."""
    long = rules.long_run(first)
    other = max((r.minutes for d in first.days for r in d.runs if r.type != "long"), default=0)
    summary = (
        f"For runners who already run {spec.run_days} days a week, about {first.run_minutes} "
        f"minutes in all, with a longest run of about {long} minutes, and can run "
        f"{other} minutes without stopping on the other days. {LEVEL_NOTES[spec.level]}"
    )
    return Requirements(spec.run_days, first.run_minutes, long, summary, LOWER_LEVEL[spec.level])


def _spread(names: Sequence[str], counts: Sequence[int]) -> list[str]:
    return [name for name, count in zip(names, counts, strict=True) for _ in range(count)]


def _frames(spec: PlanSpec, shape: _Shape) -> list[_Frame]:
    """Phases, strength blocks, deloads and progress for every week.

    Deloads fall on every fourth week before the taper, never the week before it
    (R8, R18). Maintenance covers the taper and, for the half and the marathon,
    the two peak running weeks (R17). The loading weeks before it are shared
    between hypertrophy, strength and power, or hypertrophy and a merged
    strength-power block when there are too few for two weeks each (R9, R23);
    a deload keeps the block it follows.
    """
    distance, weeks = shape.distance, shape.weeks
    before_taper = weeks - taper_weeks(shape.taper_days)
    first_maintenance, deloads = maintenance_start(
        weeks, shape.taper_days, distance.maintenance_weeks, spec.distance
    )
    phases = _spread(PHASES[:-1], split_weeks(before_taper, distance.phases))
    phases += ["taper"] * (weeks - before_taper)
    loading = build_loading_weeks(first_maintenance, deloads)
    names, counts = zip(
        *split_blocks(len(loading), distance.strength_blocks, spec.level == "beginner"),
        strict=True,
    )
    block_of = dict(zip(loading, _spread(names, counts), strict=True))
    peak = max(w for w in range(1, before_taper + 1) if w not in deloads)
    frames: list[_Frame] = []
    block = names[0]
    for number in range(1, weeks + 1):
        block = "maintenance" if number >= first_maintenance else block_of.get(number, block)
        progress = 1.0 if peak == 1 else min(1.0, (number - 1) / (peak - 1))
        frames.append(_Frame(number, phases[number - 1], block, number in deloads, progress))
    return frames


def _run_type(day: int, types: Sequence[str], quality_sessions: int) -> str:
    if day == LONG_DAY:
        return "long"
    if day == FIRST_QUALITY_DAY:
        return types[0]
    if day == SECOND_QUALITY_DAY and quality_sessions > 1:
        return types[-1]
    return "recovery" if day == AFTER_LONG_DAY else "easy"


def _raw_minutes(run_type: str, runs: LevelRuns, progress: float) -> float:
    if run_type == "long":
        return runs.long.at(progress)
    if run_type in rules.PAIRED_RUNS:
        return runs.quality.at(progress)
    easy = runs.easy.at(progress)
    return easy * RECOVERY_FACTOR if run_type == "recovery" else easy


def _round5(minutes: float) -> int:
    return max(MIN_RUN_MINUTES, 5 * round(minutes / 5))


RunMap = dict[tuple[int, int], RunSession]


def _runs(spec: PlanSpec, shape: _Shape, frames: Sequence[_Frame]) -> RunMap:
    """Every run keyed by (week, day).

    Runs grow with the week's progress, held within R15's growth limits and R16's
    long-run share and caps; a deload week runs a quarter less. Inside the taper
    each run is first ramped down day by day, then all are scaled so the taper
    averages TAPER_TARGET of the peak week's daily volume, keeping every session
    and its type (R10: volume down, intensity and frequency kept); days of a taper
    week before the taper starts repeat the last loading week (R18).
    """
    level = shape.distance.runs[spec.level]
    quality_sessions = min(QUALITY_SESSIONS[spec.level], spec.run_days - 2)
    race_index = day_index(len(frames), LONG_DAY)
    taper_days = shape.taper_days
    long_cap = min(rules.LONG_MAX_MINUTES, level.race if spec.distance == "marathon" else 10**6)
    share = rules.long_share(spec.run_days)
    runs: RunMap = {}
    taper: list[tuple[tuple[int, int], str, float]] = []
    previous = float("inf")  # last week's minutes: a deload week must come in under them (R8)
    last: dict[int, int] = {}  # the last loading week's minutes by day
    for frame in frames:
        types = shape.distance.quality[frame.phase]
        planned: list[tuple[int, str, float]] = []
        for day in RUN_LAYOUT[spec.run_days]:
            kind = _run_type(day, types, quality_sessions)
            raw = _raw_minutes(kind, level, frame.progress)
            before = race_index - day_index(frame.number, day)
            if before == 0:
                runs[frame.number, day] = RunSession("race", level.race)
            elif before < taper_days:
                ramp = 1 - TAPER_RAMP * (taper_days - 1 - before) / (taper_days - 2)
                taper.append(((frame.number, day), kind, raw * ramp))
            else:
                planned.append((day, kind, raw))
        if frame.deload:
            total = sum(raw for _, _, raw in planned)
            factor = DELOAD_RUN_FACTOR * min(1.0, previous / total)
            minutes = {
                day: min(_round5(raw * factor), long_cap if kind == "long" else 10**6)
                for day, kind, raw in planned
            }
            while sum(minutes.values()) >= previous:  # rounding up to the floor (R8)
                longer = [d for d in minutes if minutes[d] > MIN_RUN_MINUTES]
                if not longer:
                    break
                minutes[max(longer, key=lambda d: (minutes[d], d))] -= 5
        elif frame.phase == "taper":
            minutes = {day: min(_round5(raw), last.get(day, 10**6)) for day, _, raw in planned}
        else:
            minutes = _fit(planned, last, share, long_cap)
            last = minutes
        for day, kind, _ in planned:
            runs[frame.number, day] = RunSession(kind, minutes[day])
        previous = sum(r.minutes for (w, _), r in runs.items() if w == frame.number)
    peak = max(
        sum(r.minutes for (w, _), r in runs.items() if w == f.number)
        for f in frames
        if f.phase != "taper" and not f.deload
    )
    target = TAPER_TARGET * peak / DAYS_PER_WEEK * (taper_days - 1)
    lengths = _taper_minutes([raw for _, _, raw in taper], target)
    for (key, kind, _), length in zip(taper, lengths, strict=True):
        # a tapered long run is still within R16's caps
        runs[key] = RunSession(kind, min(length, long_cap) if kind == "long" else length)
    _never_rising(runs, frames, {key for key, _, _ in taper})
    return runs


def _never_rising(runs: RunMap, frames: Sequence[_Frame], tapered: set[tuple[int, int]]) -> None:
    """Trim taper runs, the longest first, so no taper week runs more than the week before
    it (R18): the taper scales from planned minutes that R15 and R16 may have held back."""

    def total(week: int) -> int:
        return sum(r.minutes for (w, _), r in runs.items() if w == week and r.type != "race")

    taper = [f.number for f in frames if f.phase == "taper"]
    for week in taper:
        limit = total(week - 1)
        while total(week) > limit:
            keys = [k for k in tapered if k[0] == week and runs[k].minutes > MIN_TAPER_RUN_MINUTES]
            if not keys:
                break
            key = max(keys, key=lambda k: (runs[k].minutes, k))
            runs[key] = replace(runs[key], minutes=runs[key].minutes - 5)


def _floor5(minutes: float) -> int:
    return max(MIN_RUN_MINUTES, 5 * int(minutes // 5))


def _fit(
    planned: Sequence[tuple[int, str, float]],
    last: Mapping[int, int],
    share: float,
    long_cap: int,
) -> dict[int, int]:
    """A loading week's minutes by day within R15 and R16.

    The long run is held to its growth limit, its cap and its share of the week;
    when the week grows too fast, easy runs give up 5 minutes at a time, then
    quality runs, the longest first; a week that would run less than the last
    one (a phase with shorter sessions) gets 5 minutes at a time on its shortest run.
    """
    minutes = {day: _round5(raw) for day, _, raw in planned}
    kinds = {day: kind for day, kind, _ in planned}
    long_day = next((d for d, k in kinds.items() if k == "long"), None)
    if long_day is not None:
        cap = float(long_cap)
        if long_day in last:
            cap = min(cap, rules.grown(last[long_day], rules.LONG_GROWTH))
        minutes[long_day] = min(minutes[long_day], _floor5(cap))
    if last:
        cap = rules.grown(sum(last.values()), rules.RUN_GROWTH)
        while sum(minutes.values()) > cap:
            trimmable = [d for d in minutes if d != long_day and minutes[d] > MIN_RUN_MINUTES]
            if not trimmable:
                break
            day = max(trimmable, key=lambda d: (kinds[d] in rules.EASY_RUNS, minutes[d], d))
            minutes[day] -= 5
        if long_day is not None and sum(minutes.values()) > cap:
            minutes[long_day] = _floor5(cap - (sum(minutes.values()) - minutes[long_day]))
    if long_day is not None:
        others = sum(m for d, m in minutes.items() if d != long_day)
        minutes[long_day] = min(minutes[long_day], _floor5(share / (1 - share) * others))
    # never less than the last loading week, so running peaks in the last ones (R17);
    # adding to the shorter runs only lowers the long run's share
    shorter = [d for d in minutes if d != long_day]
    while last and shorter and sum(minutes.values()) < sum(last.values()):
        minutes[min(shorter, key=lambda d: (minutes[d], d))] += 5
    return minutes


def _describe(spec: PlanSpec, frames: Sequence[_Frame], runs: RunMap, guidance: Guidance) -> RunMap:
    """Every run with its workout and effort (R19)."""
    phase = {f.number: f.phase for f in frames}
    return {
        (week, day): replace(
            run,
            workout=guidance.workout_text(
                run.type, spec.level, run.minutes, phase[week], spec.distance
            ),
            effort=guidance.effort(run.type),
        )
        for (week, day), run in runs.items()
    }


def _taper_minutes(raw: Sequence[float], target: float) -> list[int]:
    """Scale the ramped taper runs to ``target`` minutes in all, in steps of 5.

    Runs that would fall below the shakeout floor are held at it and the rest
    share what is left; rounding the running total keeps the sum on target.
    """
    free = list(range(len(raw)))
    scale = 0.0
    while free:
        budget = target - MIN_TAPER_RUN_MINUTES * (len(raw) - len(free))
        scale = max(0.0, budget) / sum(raw[i] for i in free)
        short = {i for i in free if raw[i] * scale < MIN_TAPER_RUN_MINUTES}
        if not short:
            break
        free = [i for i in free if i not in short]
    minutes = [MIN_TAPER_RUN_MINUTES] * len(raw)
    done = 0.0
    for i in free:
        share = raw[i] * scale
        rounded = 5 * round((done + share) / 5) - 5 * round(done / 5)
        minutes[i] = max(MIN_TAPER_RUN_MINUTES, rounded)
        done += share
    return minutes


class _Catalogue:
    """The cards one level and equipment allow, with the lookups every plan for them shares.

    Caches are filled on demand from immutable inputs, so sharing a catalogue
    between plans changes nothing but speed.
    """

    def __init__(
        self,
        exercises: Sequence[Exercise],
        regions: Mapping[str, str],
        items: frozenset[str],
        level: str,
        gym: bool,
    ) -> None:
        rank = LEVELS.index(level)
        allowed = (
            e for e in exercises if set(e.equipment) <= items and LEVELS.index(e.level) <= rank
        )
        self.cards = sorted(allowed, key=lambda e: (LEVELS.index(e.level), e.slug))
        self.by_slug = {e.slug: e for e in self.cards}
        self.level = level
        self.gym = gym
        self.lower_body = {e.slug: rules.trains_lower_body(e, regions) for e in self.cards}
        self.targets = {e.slug: _targets(e, regions) for e in self.cards}
        self._candidates: dict[tuple[str, str, tuple[str, ...]], list[Exercise]] = {}
        self._combos: dict[str, list[_Jumps]] = {}

    def candidates(self, slot: _Slot, block: str, exclude: tuple[str, ...]) -> list[Exercise]:
        """Cards that fit the slot and have a dose for the block, easiest first."""
        key = (slot.name, block, exclude)
        if key not in self._candidates:
            self._candidates[key] = [
                e
                for e in self.cards
                if e.category in slot.categories
                and (not slot.patterns or e.pattern in slot.patterns)
                and (not slot.tag or slot.tag in e.tags)
                and not (slot.loaded and self.gym and not rules.is_loaded_lift(e))
                and rules.dose_block(block) in e.dose
                and not (e.category == "strength" and e.pattern in exclude)
            ]
        return self._candidates[key]

    def plyo_combos(self, block: str) -> list[_Jumps]:
        """Every set of 1-3 plyometric cards, each at its dose or fewer sets, with its
        contacts, up to the level's band (R7). Fewer sets let the dose climb gently (R14)."""
        if block not in self._combos:
            _, high = rules.PLYO_CONTACTS[self.level]
            jumping = [
                e
                for e in self.cards
                if e.category == "plyometric"
                and rules.dose_block(block) in e.dose
                and e.stage is not None
            ]
            per_set = {e.slug: _prescribe(e, block, False, sets=1).foot_contacts for e in jumping}
            options = [
                [(e, sets) for sets in range(1, e.dose[rules.dose_block(block)].sets + 1)]
                for e in jumping
            ]
            found: list[_Jumps] = []
            for size in range(1, MAX_PLYO_CARDS + 1):
                for cards in combinations(options, size):
                    for choice in product(*cards):
                        if sum(n * per_set[e.slug] for e, n in choice) <= high:
                            found.append(_Jumps.of(block, choice, per_set))
            found.sort(key=lambda j: j.contacts)  # so a cap cuts the list short
            self._combos[block] = found
        return self._combos[block]


def _barbell(card: Exercise) -> bool:
    return bool({"barbell", "trap-bar"} & set(card.equipment))


def _targets(card: Exercise, regions: Mapping[str, str]) -> frozenset[str]:
    """What a card counts towards in R12: the regions it trains, and balance."""
    trains = card.category not in rules.NOT_TRAINING
    found = rules.primary_regions(card, regions) if trains else set()
    return frozenset(found | ({"balance"} if card.category == "balance" else set()))


def _rotated(items: Sequence[T], start: int) -> list[T]:
    """``items`` starting at ``start`` (modulo its length) and wrapping round."""
    n = len(items)
    return [items[(start + i) % n] for i in range(n)]


class _Picker:
    """Chooses one plan's cards week by week; remembers its main lifts between blocks."""

    def __init__(self, plan_id: str, catalogue: _Catalogue, guidance: Guidance) -> None:
        self.plan_id = plan_id
        self.catalogue = catalogue
        self.guidance = guidance
        self.main: dict[str, tuple[str, str]] = {}  # main slot -> (slug, block)
        self._seeds: dict[str, int] = {}
        # The plyometric ladder so far (R13, R14): weeks with each stage and card, and the
        # biggest session of the last plyometric week.
        self.stage_weeks: Counter[int] = Counter()
        self.card_weeks: Counter[str] = Counter()
        self.last_contacts: int | None = None

    def seed(self, name: str) -> int:
        """A stable per-plan offset, so plans differ from each other but not between builds."""
        if name not in self._seeds:
            self._seeds[name] = zlib.crc32(f"{self.plan_id}/{name}".encode())
        return self._seeds[name]

    def pick(
        self, slot: _Slot, frame: _Frame, used: set[str], exclude: tuple[str, ...]
    ) -> Exercise | None:
        """A card for the slot not used yet this week, or None when the library has none."""
        cards = self.catalogue.candidates(slot, frame.block, exclude)
        if not cards:
            return None
        start = self.seed(slot.name) + (0 if slot.main else frame.number)
        choice = self._main(slot, frame.block, cards, start) if slot.main else None
        if choice is None or choice.slug in used:
            n = len(cards)
            unused = (cards[(start + i) % n] for i in range(n))
            choice = next((c for c in unused if c.slug not in used), None)
        if choice is not None and slot.main:
            self.main[slot.name] = (choice.slug, frame.block)
        return choice

    def _main(self, slot: _Slot, block: str, cards: Sequence[Exercise], start: int) -> Exercise:
        """Last block's lift, one rung up its progression ladder when a new block starts."""
        slug, last_block = self.main.get(slot.name, ("", block))
        previous = self.catalogue.by_slug.get(slug)
        if previous is None:  # start below a harder variant, so the next block can climb
            later = {e.slug for e in self.catalogue.candidates(slot, BLOCKS[1], ())}
            climbable = [e for e in cards if any(p in later for p in e.progressions)]
            # where a barbell or trap bar is at hand, climb towards it
            barbell = [
                e
                for e in climbable
                if any(_barbell(self.catalogue.by_slug[p]) for p in e.progressions if p in later)
            ]
            options = barbell or climbable or cards
            return options[start % len(options)]
        slugs = {e.slug for e in cards}
        if last_block != block and block in ("strength", "power", rules.MERGED_BLOCK):
            harder = next((p for p in previous.progressions if p in slugs), None)
            if harder is not None:
                return self.catalogue.by_slug[harder]
        if previous.slug in slugs:
            return previous
        return cards[(start + BLOCKS.index(block)) % len(cards)]

    def plyo_cap(self) -> int:
        """The most contacts this week's sessions may have: the level's start for the first
        plyometric week, then 30% (+5) more than last time, never above the band (R14, R7)."""
        if self.last_contacts is None:
            return rules.PLYO_START[self.catalogue.level]
        high = rules.PLYO_CONTACTS[self.catalogue.level][1]
        return min(high, int(rules.grown(self.last_contacts, rules.PLYO_GROWTH)))

    def climbed(self, card: Exercise, top_stage: int) -> bool:
        """Whether the ladder so far allows the card (R13)."""
        stage = card.stage or 0
        if not 1 <= stage <= top_stage:
            return False
        if stage > 1 and self.stage_weeks[stage - 1] < rules.LADDER_WEEKS:
            return False
        cards = self.catalogue.by_slug
        return all(
            self.card_weeks[r] >= rules.LADDER_WEEKS
            for r in card.regressions
            if r in cards and cards[r].category == "plyometric" and (cards[r].stage or 0) < stage
        )

    def plyometrics(
        self, block: str, turn: int, used: set[str], cap: int, top_stage: int = 3
    ) -> _Jumps | None:
        """Plyometric cards for a session: the highest stage the ladder allows, as many
        contacts as the cap allows, rotating between near-equal choices and avoiding
        cards used this week when possible."""
        cards = self.catalogue.cards
        climbable = {
            e.slug for e in cards if e.category == "plyometric" and self.climbed(e, top_stage)
        }
        combos = self.catalogue.plyo_combos(block)
        within = bisect_right(combos, cap, key=lambda j: j.contacts)
        allowed = [j for j in combos[:within] if j.slugs <= climbable]
        low = rules.PLYO_CONTACTS[self.catalogue.level][0]  # once the band is in reach, stay in it
        allowed = [j for j in allowed if j.contacts >= low] or allowed
        if not allowed:
            return None
        stage = max(j.stage for j in allowed)
        allowed = [j for j in allowed if j.stage == stage]
        best = max(j.contacts for j in allowed)
        near = PLYO_NEAR_BEST if best >= low else 1.0  # still climbing: take the most allowed
        pool = [j for j in allowed if j.contacts >= near * best]
        fewest_cut = min(j.cut for j in pool)  # full doses where they fit
        pool = [j for j in pool if j.cut == fewest_cut]
        ordered = _rotated(pool, self.seed("plyometric") + turn)
        return next((j for j in ordered if not j.slugs & used), ordered[0])

    def end_week(self, sessions: Sequence[StrengthSession]) -> None:
        """Record the week's plyometric cards and biggest session for the ladder."""
        cards = self.catalogue.by_slug
        slugs = {
            e.slug
            for s in sessions
            for e in s.exercises
            if e.slug in cards and cards[e.slug].category == "plyometric"
        }
        if not slugs:
            return
        self.card_weeks.update(slugs)
        self.stage_weeks.update({cards[slug].stage or 0 for slug in slugs})
        self.last_contacts = max(s.plyo_contacts for s in sessions)

    def cover(
        self,
        week: Sequence[list[Exercise]],
        frame: _Frame,
        used: set[str],
        exclude: tuple[str, ...],
    ) -> None:
        """Add cards to the week's last session until the week trains every region R12
        asks for, plus balance; stop when the library has nothing that helps."""
        targets = self.catalogue.targets
        while True:
            covered = set().union(*(targets[c.slug] for cards in week for c in cards))
            missing = {*rules.REQUIRED_REGIONS, "balance"} - covered
            if not missing:
                return
            candidates = self.catalogue.candidates(REPAIR, frame.block, exclude)
            pool = [e for e in candidates if e.slug not in used]
            ordered = _rotated(pool, self.seed("cover") + frame.number)
            best = max(ordered, key=lambda e: len(targets[e.slug] & missing), default=None)
            if best is None or not targets[best.slug] & missing:
                return  # the checker reports what stays uncovered
            week[-1].append(best)
            used.add(best.slug)


def _prescribe(
    card: Exercise,
    block: str,
    deload: bool,
    load: str = "",
    sets: int | None = None,
    most: int | None = None,
) -> PlanExercise:
    """The card's dose for the block (``sets`` may lower its sets, ``most`` caps them in an
    introductory week); a deload halves the sets (R8)."""
    dose = card.dose[rules.dose_block(block)]
    count = dose.sets if sets is None else sets
    count = rules.deload_sets(count) if deload else count
    return PlanExercise(card.slug, count if most is None else min(count, most), dose.reps, load)


@dataclass(frozen=True, slots=True)
class _Jumps:
    """Plyometric cards for one session, each with its sets; the derived numbers are
    stored because the picker compares thousands of these per plan."""

    choice: tuple[tuple[Exercise, int], ...]
    contacts: int
    stage: int
    cut: int  # sets left out of the cards' doses
    slugs: frozenset[str]

    @classmethod
    def of(
        cls, block: str, choice: tuple[tuple[Exercise, int], ...], per_set: Mapping[str, int]
    ) -> _Jumps:
        dose = rules.dose_block(block)
        return cls(
            choice,
            sum(n * per_set[e.slug] for e, n in choice),
            max(e.stage or 0 for e, _ in choice),
            sum(e.dose[dose].sets - n for e, n in choice),
            frozenset(e.slug for e, _ in choice),
        )

    @property
    def cards(self) -> tuple[Exercise, ...]:
        return tuple(e for e, _ in self.choice)


@dataclass(slots=True)
class _Draft:
    """A strength session while its cards are being chosen."""

    day: int
    run: RunSession | None
    intensity: str
    exclude: tuple[str, ...]
    cards: list[Exercise]
    sets: dict[str, int]  # plyometric cards given fewer sets than their dose


def _strength_week(
    spec: PlanSpec, shape: _Shape, frame: _Frame, runs: RunMap, picker: _Picker
) -> dict[int, StrengthSession]:
    """The week's strength sessions by day: two while building, one for maintenance,
    light core in race week (R1, R2, R11)."""
    race_week = frame.number == shape.weeks
    layout: list[tuple[int, Slots]]
    if race_week:
        layout = [(FIRST_QUALITY_DAY, RACE_WEEK_SESSION)]
    elif frame.block == "maintenance":
        layout = [(FIRST_QUALITY_DAY, MAINTENANCE_SESSION)]
    else:
        layout = [(FIRST_QUALITY_DAY, FIRST_SESSION), (SECOND_QUALITY_DAY, SECOND_SESSION)]
    used: set[str] = set()
    drafts: list[_Draft] = []
    cap = picker.plyo_cap()
    for position, (day, slots) in enumerate(layout):
        run = runs.get((frame.number, day))
        intensity = "light" if race_week else _intensity(frame, run)
        before = day_index(shape.weeks, LONG_DAY) - day_index(frame.number, day)
        marathon_end = spec.distance == "marathon" and before <= rules.MARATHON_NO_SQUAT_DAYS
        exclude = rules.HEAVY_PATTERNS if marathon_end else ()
        cards: list[Exercise] = []
        # Plyometrics ride on heavy days: the first in the strength block, both in power
        # (R7); maintenance keeps a few stage-1 contacts (R2, R24).
        turn = 2 * frame.number + position
        jumps = None
        if intensity == "heavy" and (position == 0 or frame.block in rules.POWER_BLOCKS):
            jumps = picker.plyometrics(frame.block, turn, used, cap)
        elif frame.block == "maintenance" and not race_week and not frame.deload:
            jumps = picker.plyometrics(frame.block, turn, used, MAINTENANCE_CONTACTS, 1)
        if jumps is not None:
            cards += jumps.cards
            used.update(jumps.slugs)
        cards += _fill(slots, frame, picker, used, exclude)
        sets = {e.slug: n for e, n in jumps.choice} if jumps else {}
        drafts.append(_Draft(day, run, intensity, exclude, cards, sets))
    if not race_week:
        picker.cover([d.cards for d in drafts], frame, used, drafts[-1].exclude)
    sessions = {d.day: _build(frame, d.cards, d.intensity, picker, d.run, d.sets) for d in drafts}
    picker.end_week(list(sessions.values()))
    return sessions


def _fill(
    slots: Slots, frame: _Frame, picker: _Picker, used: set[str], exclude: tuple[str, ...]
) -> list[Exercise]:
    """One card per slot where the library has one, none repeated within the week."""
    cards: list[Exercise] = []
    for slot in slots:
        card = picker.pick(slot, frame, used, exclude)
        if card is not None:
            cards.append(card)
            used.add(card.slug)
    return cards


def _intensity(frame: _Frame, run: RunSession | None) -> str:
    """Heavy only in the strength and power blocks, and only beside a quality run (R3)."""
    if frame.deload:
        return "light"
    heavy_block = frame.block in rules.TRAINING_BLOCKS[1:]  # all but hypertrophy
    if heavy_block and run is not None and run.type in rules.PAIRED_RUNS:
        return "heavy"
    return "moderate"


def _build(
    frame: _Frame,
    cards: Sequence[Exercise],
    intensity: str,
    picker: _Picker,
    run: RunSession | None,
    sets: Mapping[str, int],
) -> StrengthSession:
    """A session from its cards: each card's dose for the block and how heavy it is, contacts
    counted, the warm-up first (R20)."""
    intro = rules.FIRST_WEEK_SETS.get(picker.catalogue.level) if frame.number == 1 else None
    exercises = tuple(
        _prescribe(
            c,
            frame.block,
            frame.deload,
            _load(c, frame, picker, intensity),
            sets.get(c.slug),
            intro,
        )
        for c in cards
    )
    return StrengthSession(
        intensity=intensity,
        lower_body=any(picker.catalogue.lower_body[c.slug] for c in cards),
        plyo_contacts=rules.plyo_contacts(exercises, picker.catalogue.by_slug),
        exercises=exercises,
        hours_after_run=rules.HOURS_AFTER_RUN if run else None,
        note=NOTE if run else "",
        warmup=picker.guidance.warmup.session(),
    )


def _load(card: Exercise, frame: _Frame, picker: _Picker, intensity: str) -> str:
    """How heavy (R20); without weights, the harder variation to move to is the card's next rung."""
    cards = picker.catalogue.by_slug
    harder = next((cards[p] for p in card.progressions if p in cards), None)
    easier = intensity == "moderate" and frame.block != "maintenance"
    return picker.guidance.load(card, frame.block, frame.deload, harder, easier)


def _mobility(frame: _Frame, picker: _Picker) -> MobilitySession:
    """Monday's routine: two mobility drills and, with a roller, soft-tissue work."""
    cards = _fill(MOBILITY_ROUTINE, frame, picker, set(), ())
    exercises = tuple(_prescribe(c, frame.block, False) for c in cards)
    return MobilitySession(MOBILITY_MINUTES, exercises)


def _day(
    number: int,
    run: RunSession | None,
    strength: StrengthSession | None,
    mobility: MobilitySession | None,
) -> Day:
    """Sessions in the order done: run first, strength hours later, mobility last (R4)."""
    sessions: list[Session] = [s for s in (run, strength, mobility) if s is not None]
    return Day(number, tuple(sessions))
