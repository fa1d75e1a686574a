"""The coaching rules R1-R24 (evidence notes; R24 is about the articles and is tested in
tests/test_guide_agrees.py), as numbers and as a checker.

The numbers every plan must respect live here, once: the generator builds
plans from them and :func:`check_plan` verifies any plan against them, so a
generator bug, a bad settings file or a hand-edited plan is caught the same
way. The checker trusts nothing derived that it can recompute: foot contacts
and lower-body work come from the exercise cards, not from the session's own
fields.

R6 is a choice the sources leave open: here the day after the long run is easy
(rest, an easy or recovery run, mobility) and has **no strength training at all**.

Readings of the rules where their text leaves room:

- "at most 10% (+5 min)" and the like mean the larger of the two allowances:
  ``max(previous x 1.10, previous + 5)``; small numbers may still grow by 5.
- R7's contact bands are the working dose a plan builds up to: no plyometric
  session in a building block goes above its level's top, and the plan's
  heaviest session reaches the band once it has had three plyometric weeks to
  climb (R14 sets where it starts and how fast it grows). Maintenance
  sessions keep only a few stage-1 contacts (R2, R24).
- R13 also applies each card's own ladder: a card whose easier version (a
  plyometric regression on a lower stage) is on its card comes only after two
  weeks that contained that easier version (depth jumps after box jumps, single-leg
  hops after pogo hops).
- R9: a beginner's week 1 has at most 2 sets of each exercise, an introduction
  before the card's doses (the first-month article says the same, R24).
- R9 lets a plyometric card have fewer sets than its dose (never more), so the
  contacts can climb in R14's small steps.
- R17's "two loading weeks with the most running" breaks ties towards the later week.
- R23 counts loading weeks: every hypertrophy, strength, power or merged
  strength-power block has at least two.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from generator.content.models import Exercise, Muscle
from generator.plans.model import (
    DAYS_PER_WEEK,
    QUALITY_TYPES,
    Day,
    Plan,
    PlanExercise,
    RunSession,
    StrengthSession,
    Week,
    day_index,
)

# R1: strength sessions a week in the hypertrophy, strength and power blocks.
BUILD_SESSIONS = (1, 3)
BUILD_BLOCKS = ("hypertrophy", "strength", "power")
MERGED_BLOCK = "strength-power"  # R23: short plans merge strength and power
TRAINING_BLOCKS = (*BUILD_BLOCKS, MERGED_BLOCK)
POWER_BLOCKS = ("power", MERGED_BLOCK)
BLOCK_ORDER = ("hypertrophy", "strength", MERGED_BLOCK, "power", "maintenance")
# R2: a maintenance session is short: never heavy, a few stage-1 contacts, few sets.
MAINTENANCE_MAX_SETS = 16
MAINTENANCE_MAX_CONTACTS = 40
# R3/R5: runs that make a day hard; quality runs that heavy lifting pairs with.
HARD_RUNS = ("tempo", "intervals", "hills", "long", "race")
PAIRED_RUNS = ("tempo", "intervals", "hills")
# R4: hours between the run and strength on a shared day: aim and minimum.
HOURS_AFTER_RUN = 6
MIN_HOURS_AFTER_RUN = 3
# R6: what the day after the long run may hold.
EASY_RUNS = ("easy", "recovery")
# R7: foot contacts per plyometric session by level; spacing and weekly cap.
PLYO_CONTACTS = {"beginner": (60, 100), "intermediate": (100, 120), "advanced": (120, 140)}
PLYO_WEEKS_TO_BAND = 3  # R14's ramp may need this many plyometric weeks to reach the band
PLYO_MIN_GAP_DAYS = 2
PLYO_MAX_PER_WEEK = 2
# R8: loading weeks in a row before a lighter week.
MAX_LOADING_RUN = 3
# R10: taper volume as a share of peak volume.
TAPER_VOLUME = (0.40, 0.60)
# R11: strength taper windows (days before the race) and what race week allows.
NO_HEAVY_DAYS = 7
MARATHON_NO_SQUAT_DAYS = 14
HEAVY_PATTERNS = ("squat", "hinge")
RACE_WEEK_CATEGORIES = ("core", "mobility", "soft-tissue")
# R9/R24: a beginner's first week is an introduction: at most this many sets of each exercise.
FIRST_WEEK_SETS = {"beginner": 2}
# R13: the plyometric ladder: weeks with the stage below before a stage is used.
LADDER_WEEKS = 2
# R14: the first plyometric session's contacts by level, and growth between plyometric weeks.
PLYO_START = {"beginner": 60, "intermediate": 80, "advanced": 100}
PLYO_GROWTH = (0.30, 5)
# R15: growth between loading weeks: all running, and the long run.
RUN_GROWTH = (0.10, 5)
LONG_GROWTH = (0.15, 5)
# R16: the long run's share of a loading week (more with 3 running days) and its cap.
LONG_SHARE = 0.50
LONG_SHARE_3_DAYS = 0.55
LONG_MAX_MINUTES = 180
# R17: strength recedes in the peak running weeks of these distances.
RECEDE_DISTANCES = ("half", "marathon")
RECEDE_WEEKS = 2
RECEDE_SHARE = 0.75
# R20: the warm-up every strength session starts with, and what makes a load "heavy".
WARMUP_PHASES = ("raise", "activate", "mobilise", "ramp-up")
WARMUP_MINUTES = (5, 8)
UNLOADED_EQUIPMENT = ("bodyweight", "mat", "wall", "step")
EFFORT_WORDS = ("RPE", "reserve")
HEAVIER_WORDS = ("slower", "pause", "backpack", "harder")
# R21: a hip hinge of the deadlift pattern: a hinge card tagged so.
DEADLIFT_TAG = "deadlift"
# R22: gym plans' loaded squat or hinge.
LOADED_EQUIPMENT = ("barbell", "trap-bar", "dumbbell", "kettlebell")
LOADED_PATTERNS = ("squat", "hinge")
# R23: loading weeks per strength block.
MIN_BLOCK_WEEKS = 2
# R12: what every loading week trains.
REQUIRED_REGIONS = ("hips", "core", "calves-ankle", "posterior-chain")
NOT_TRAINING = ("mobility", "soft-tissue")  # these categories stretch or release, not train
LOWER_REGIONS = ("hips", "thigh", "posterior-chain", "calves-ankle", "foot")
LOADING_CATEGORIES = ("strength", "plyometric")


def grown(previous: float, growth: tuple[float, int]) -> float:
    """The most a number may reach one step after ``previous``: +share or +slack, whichever is more."""
    share, slack = growth
    return max(previous * (1 + share), previous + slack)


def dose_block(block: str) -> str:
    """The card dose a plan block prescribes: a merged strength-power block lifts at strength doses."""
    return "strength" if block == MERGED_BLOCK else block


def week_sets(week: Week) -> int:
    return sum(e.sets for d in week.days for s in d.strength for e in s.exercises)


def long_run(week: Week) -> int:
    return max((r.minutes for d in week.days for r in d.runs if r.type == "long"), default=0)


def long_share(run_days: int) -> float:
    return LONG_SHARE_3_DAYS if run_days == 3 else LONG_SHARE


def is_deadlift(card: Exercise) -> bool:
    return card.pattern == "hinge" and DEADLIFT_TAG in card.tags


def is_loaded_lift(card: Exercise) -> bool:
    return (
        card.category == "strength"
        and card.pattern in LOADED_PATTERNS
        and bool(set(card.equipment) & set(LOADED_EQUIPMENT))
    )


def unloaded(card: Exercise) -> bool:
    return card.category == "strength" and set(card.equipment) <= set(UNLOADED_EQUIPMENT)


def equipment_needed(weeks: Iterable[Week], cards: Mapping[str, Exercise]) -> list[str]:
    """Every equipment item the plan's cards need: strength, mobility and warm-up (R19)."""
    slugs: set[str] = set()
    for week in weeks:
        for day in week.days:
            for m in day.mobility:
                slugs.update(e.slug for e in m.exercises)
            for s in day.strength:
                slugs.update(e.slug for e in s.exercises)
                if s.warmup:
                    slugs.update(i.slug for i in s.warmup.items if i.slug)
    return sorted({item for slug in slugs if slug in cards for item in cards[slug].equipment})


def deload_sets(sets: int) -> int:
    """Sets in a deload week: about half, never below one."""
    return max(1, (sets + 1) // 2)


def plyo_contacts(exercises: Iterable[PlanExercise], cards: Mapping[str, Exercise]) -> int:
    """Foot contacts of the plyometric cards in a session."""
    return sum(
        e.foot_contacts
        for e in exercises
        if e.slug in cards and cards[e.slug].category == "plyometric"
    )


def trains_lower_body(card: Exercise, regions: Mapping[str, str]) -> bool:
    """Loaded leg work (strength or plyometric) as opposed to core, balance or mobility."""
    return card.category in LOADING_CATEGORIES and any(
        regions.get(m) in LOWER_REGIONS for m in card.primary
    )


def primary_regions(card: Exercise, regions: Mapping[str, str]) -> set[str]:
    return {regions[m] for m in card.primary if m in regions}


@dataclass(frozen=True, slots=True)
class Violation:
    """One broken rule, located in the plan (week/day None when it concerns the whole plan)."""

    plan: str
    week: int | None
    day: int | None
    rule: str
    message: str

    def __str__(self) -> str:
        where = "".join(
            part
            for part in (
                f" week {self.week}" if self.week is not None else "",
                f" day {self.day}" if self.day is not None else "",
            )
        )
        return f"{self.plan}{where}: {self.rule}: {self.message}"


class _Context:
    """A plan with its cards at hand, and the day-level facts every rule asks about."""

    def __init__(
        self, plan: Plan, exercises: Sequence[Exercise], muscles: Sequence[Muscle]
    ) -> None:
        self.plan = plan
        self.cards = {e.slug: e for e in exercises}
        self.regions = {m.slug: m.region for m in muscles}
        self._contacts: dict[int, int] = {}
        self.days = list(plan.calendar())
        race_week, race_day = plan.race
        self.race_week = race_week
        self.race_index = day_index(race_week, race_day)

    def violation(
        self, rule: str, message: str, week: int | None = None, day: int | None = None
    ) -> Violation:
        return Violation(self.plan.id, week, day, rule, message)

    def contacts(self, session: StrengthSession) -> int:
        """Foot contacts recomputed from the cards (memoised: every rule asks)."""
        key = id(session)
        if key not in self._contacts:
            self._contacts[key] = plyo_contacts(session.exercises, self.cards)
        return self._contacts[key]

    def lower_body(self, session: StrengthSession) -> bool:
        return session.lower_body or any(
            trains_lower_body(self.cards[e.slug], self.regions)
            for e in session.exercises
            if e.slug in self.cards
        )

    def heavy_legs_or_plyo(self, day: Day) -> bool:
        """What R5 keeps away from key runs: heavy lower-body lifting or any plyometrics."""
        return any(
            (s.intensity == "heavy" and self.lower_body(s)) or self.plyometric(s)
            for s in day.strength
        )

    def plyometric(self, session: StrengthSession) -> bool:
        return self.contacts(session) > 0 or session.plyo_contacts > 0

    def hard(self, day: Day) -> bool:
        """A hard day: a key run or the race, heavy lifting, or plyometrics."""
        return (
            day.has_run(*HARD_RUNS)
            or any(s.intensity == "heavy" for s in day.strength)
            or self.heavy_legs_or_plyo(day)
        )

    def days_before_race(self, week: Week, day: Day) -> int:
        return self.race_index - day_index(week.number, day.day)


Rule = Callable[[_Context], Iterator[Violation]]


def r1_build_frequency(ctx: _Context) -> Iterator[Violation]:
    """R1: 1-3 strength sessions every week of the building blocks (the generator gives 2)."""
    low, high = BUILD_SESSIONS
    for week in ctx.plan.weeks:
        count = sum(len(d.strength) for d in week.days)
        if week.block in TRAINING_BLOCKS and not low <= count <= high:
            yield ctx.violation(
                "R1",
                f"{count} strength sessions in a {week.block} week, not {low}-{high}",
                week.number,
            )


def r2_maintenance(ctx: _Context) -> Iterator[Violation]:
    """R2: a final maintenance phase with a short session every week until race week."""
    weeks = ctx.plan.weeks
    if len(weeks) < 2 or weeks[-2].block != "maintenance":
        yield ctx.violation("R2", "no maintenance block in the weeks before race week")
    for week in weeks:
        if week.block != "maintenance" or week.number >= ctx.race_week:
            continue
        sessions = [s for d in week.days for s in d.strength]
        if not sessions:
            yield ctx.violation("R2", "no maintenance strength session", week.number)
        for day in week.days:
            for s in day.strength:
                sets = sum(e.sets for e in s.exercises)
                contacts = max(ctx.contacts(s), s.plyo_contacts)
                big_jumps = [
                    e.slug
                    for e in s.exercises
                    if e.slug in ctx.cards
                    and ctx.cards[e.slug].category == "plyometric"
                    and ctx.cards[e.slug].stage != 1
                ]
                if (
                    s.intensity == "heavy"
                    or contacts > MAINTENANCE_MAX_CONTACTS
                    or big_jumps
                    or sets > MAINTENANCE_MAX_SETS
                ):
                    yield ctx.violation(
                        "R2",
                        f"maintenance session is not short and light ({s.intensity}, "
                        f"{sets} sets, {contacts} foot contacts"
                        + (f", {', '.join(big_jumps)} above stage 1" if big_jumps else "")
                        + ")",
                        week.number,
                        day.day,
                    )


def r3_hard_easy(ctx: _Context) -> Iterator[Violation]:
    """R3: never two hard days in a row; heavy lifting shares a day with a quality run."""
    for (_, before), (week, day) in pairwise(ctx.days):
        if ctx.hard(before) and ctx.hard(day):
            yield ctx.violation("R3", "hard day after a hard day", week.number, day.day)
    for week, day in ctx.days:
        if any(s.intensity == "heavy" for s in day.strength) and not day.has_run(*PAIRED_RUNS):
            yield ctx.violation("R3", "heavy strength without a quality run", week.number, day.day)


def r4_run_first(ctx: _Context) -> Iterator[Violation]:
    """R4: on a shared day the run comes first and strength waits at least 3 hours."""
    for week, day in ctx.days:
        if not day.runs or not day.strength:
            continue
        last_run = max(i for i, s in enumerate(day.sessions) if isinstance(s, RunSession))
        first_lift = min(i for i, s in enumerate(day.sessions) if isinstance(s, StrengthSession))
        if first_lift < last_run:
            yield ctx.violation("R4", "strength before the run", week.number, day.day)
        for s in day.strength:
            if s.hours_after_run is None or s.hours_after_run < MIN_HOURS_AFTER_RUN:
                yield ctx.violation(
                    "R4",
                    f"strength {s.hours_after_run} h after the run, need at least "
                    f"{MIN_HOURS_AFTER_RUN} h",
                    week.number,
                    day.day,
                )


def r5_key_runs_protected(ctx: _Context) -> Iterator[Violation]:
    """R5: no heavy leg work or plyometrics on the long-run day or the day before a key run."""
    for (week, day), following in zip(ctx.days, [*ctx.days[1:], None], strict=True):
        if not ctx.heavy_legs_or_plyo(day):
            continue
        if day.has_run("long"):
            yield ctx.violation(
                "R5", "heavy legs or plyometrics on long-run day", week.number, day.day
            )
        if following is not None and following[1].has_run(*HARD_RUNS):
            yield ctx.violation(
                "R5", "heavy legs or plyometrics the day before a key run", week.number, day.day
            )


def r6_after_long_run(ctx: _Context) -> Iterator[Violation]:
    """R6 (our choice): the day after the long run is easy and has no strength work."""
    for (_, day), (week, after) in pairwise(ctx.days):
        if not day.has_run("long"):
            continue
        if after.strength:
            yield ctx.violation("R6", "strength the day after the long run", week.number, after.day)
        hard = [r.type for r in after.runs if r.type not in EASY_RUNS]
        if hard:
            yield ctx.violation(
                "R6", f"{', '.join(hard)} the day after the long run", week.number, after.day
            )


def r7_plyometrics(ctx: _Context) -> Iterator[Violation]:
    """R7: no building session above the level's band, the heaviest one in it; at most 2
    plyometric sessions a week, 48 h apart."""
    low, high = PLYO_CONTACTS[ctx.plan.level]
    last: int | None = None
    per_week: dict[int, int] = {}
    heaviest = 0
    building_weeks: set[int] = set()
    for week, day in ctx.days:
        for s in day.strength:
            contacts = ctx.contacts(s)
            if contacts != s.plyo_contacts:
                yield ctx.violation(
                    "R7",
                    f"plyo_contacts says {s.plyo_contacts}, exercises add up to {contacts}",
                    week.number,
                    day.day,
                )
            contacts = max(contacts, s.plyo_contacts)
            if not contacts:
                continue
            if week.block != "maintenance":
                heaviest = max(heaviest, contacts)
                building_weeks.add(week.number)
                if contacts > high:
                    yield ctx.violation(
                        "R7",
                        f"{contacts} foot contacts, {ctx.plan.level} band is {low}-{high}",
                        week.number,
                        day.day,
                    )
            index = day_index(week.number, day.day)
            if last is not None and index - last < PLYO_MIN_GAP_DAYS:
                yield ctx.violation("R7", "plyometrics less than 48 h apart", week.number, day.day)
            last = index
            per_week[week.number] = per_week.get(week.number, 0) + 1
    for number, count in sorted(per_week.items()):
        if count > PLYO_MAX_PER_WEEK:
            yield ctx.violation("R7", f"{count} plyometric sessions in one week", number)
    if heaviest and heaviest < low and len(building_weeks) >= PLYO_WEEKS_TO_BAND:
        yield ctx.violation(
            "R7", f"plyometrics never reach the {ctx.plan.level} band: at most {heaviest} contacts"
        )


def r8_deloads(ctx: _Context) -> Iterator[Violation]:
    """R8: never more than 3 loading weeks in a row; a deload week runs less than the week before."""
    run = 0
    for previous, week in zip([None, *ctx.plan.weeks], ctx.plan.weeks, strict=False):
        run = run + 1 if week.loading else 0
        if run > MAX_LOADING_RUN:
            yield ctx.violation("R8", f"{run} loading weeks in a row", week.number)
        if week.deload and previous is not None and week.run_minutes >= previous.run_minutes:
            yield ctx.violation(
                "R8", "deload week is not lighter than the week before", week.number
            )


def r9_block_order(ctx: _Context) -> Iterator[Violation]:
    """R9: hypertrophy, then strength, then power (then maintenance), each with its own dose."""
    blocks = [w.block for w in ctx.plan.weeks]
    ranks = [BLOCK_ORDER.index(b) if b in BLOCK_ORDER else -1 for b in blocks]
    if ranks != sorted(ranks) or -1 in ranks:
        yield ctx.violation("R9", f"blocks out of order: {' > '.join(dict.fromkeys(blocks))}")
    merged = MERGED_BLOCK in blocks
    if merged and ({"strength", "power"} & set(blocks)):
        yield ctx.violation("R9", "a merged strength-power block beside strength or power blocks")
    needed = ("hypertrophy", MERGED_BLOCK) if merged else BUILD_BLOCKS
    for block in needed:
        if not any(w.block == block and w.loading for w in ctx.plan.weeks):
            yield ctx.violation("R9", f"no loading week in the {block} block")
    for week, day in ctx.days:
        for session in day.sessions:
            if isinstance(session, RunSession):
                continue
            cut = week.deload and isinstance(session, StrengthSession)
            intro = FIRST_WEEK_SETS.get(ctx.plan.level) if week.number == 1 else None
            for e in session.exercises:
                problem = _dose_problem(ctx, e, dose_block(week.block), cut, intro)
                if problem:
                    yield ctx.violation("R9", f"{e.slug}: {problem}", week.number, day.day)


def _dose_problem(
    ctx: _Context, e: PlanExercise, block: str, deload: bool, intro: int | None = None
) -> str:
    card = ctx.cards.get(e.slug)
    if card is None:
        return "no such exercise card"
    dose = card.dose.get(block)
    if dose is None:
        return f"the card has no {block} dose"
    sets = deload_sets(dose.sets) if deload else dose.sets
    if intro is not None:
        sets = min(sets, intro)
    if card.category == "plyometric" and 1 <= e.sets <= sets and e.reps == dose.reps:
        return ""  # fewer sets while the contacts climb (R14)
    if (e.sets, e.reps) != (sets, dose.reps):
        return f"{e.sets} x {e.reps} is not the {block} dose {sets} x {dose.reps}"
    return ""


def r10_taper(ctx: _Context) -> Iterator[Violation]:
    """R10: running volume in the taper is 40-60% of peak, with quality and frequency kept."""
    peak = max((w.run_minutes for w in ctx.plan.weeks if w.loading), default=0)
    window = [(w, d) for w, d in ctx.days if 0 < ctx.days_before_race(w, d) < ctx.plan.taper_days]
    if not window or not peak:
        yield ctx.violation("R10", "no taper before the race")
        return
    ratio = sum(d.run_minutes for _, d in window) / len(window) / (peak / DAYS_PER_WEEK)
    low, high = TAPER_VOLUME
    if not low <= ratio <= high:
        yield ctx.violation("R10", f"taper volume is {ratio:.0%} of peak, not {low:.0%}-{high:.0%}")
    for week in ctx.plan.weeks:
        if week.phase != "taper":
            continue
        if not any(d.has_run(*QUALITY_TYPES) for d in week.days):
            yield ctx.violation("R10", "no quality session in a taper week", week.number)
        run_days = sum(1 for d in week.days if d.runs)
        if run_days != ctx.plan.run_days:
            yield ctx.violation(
                "R10",
                f"{run_days} running days in a taper week, not {ctx.plan.run_days}",
                week.number,
            )


def r11_strength_taper(ctx: _Context) -> Iterator[Violation]:
    """R11: no heavy lifts or plyometrics in the last 7 days (no squats/hinges in a
    marathon's last 14); race week is mobility and light core only."""
    marathon = ctx.plan.distance == "marathon"
    for week, day in ctx.days:
        before = ctx.days_before_race(week, day)
        for s in day.strength:
            if before <= NO_HEAVY_DAYS and (s.intensity == "heavy" or ctx.plyometric(s)):
                yield ctx.violation(
                    "R11", "heavy lifting or plyometrics in the final 7 days", week.number, day.day
                )
            if marathon and before <= MARATHON_NO_SQUAT_DAYS:
                for e in s.exercises:
                    card = ctx.cards.get(e.slug)
                    if card and card.category == "strength" and card.pattern in HEAVY_PATTERNS:
                        yield ctx.violation(
                            "R11", f"{e.slug} in a marathon's final 14 days", week.number, day.day
                        )
            if week.number == ctx.race_week:
                yield from _race_week_session(ctx, s, week, day)


def _race_week_session(
    ctx: _Context, session: StrengthSession, week: Week, day: Day
) -> Iterator[Violation]:
    if session.intensity != "light" or ctx.lower_body(session):
        yield ctx.violation("R11", "race-week strength is not light core", week.number, day.day)
    for e in session.exercises:
        card = ctx.cards.get(e.slug)
        if card is None or card.category not in RACE_WEEK_CATEGORIES:
            yield ctx.violation("R11", f"{e.slug} in race week", week.number, day.day)


def r12_coverage(ctx: _Context) -> Iterator[Violation]:
    """R12: every loading week trains hips, core, calves/ankle and posterior chain, balance
    and mobility."""
    for week in ctx.plan.weeks:
        if not week.loading:
            continue
        cards = [
            ctx.cards[e.slug]
            for d in week.days
            for s in d.strength
            for e in s.exercises
            if e.slug in ctx.cards
        ]
        trained: set[str] = set()
        for card in cards:
            if card.category not in NOT_TRAINING:
                trained |= primary_regions(card, ctx.regions)
        missing = [r for r in REQUIRED_REGIONS if r not in trained]
        if not any(c.category == "balance" for c in cards):
            missing.append("balance")
        routines = any(m.minutes > 0 for d in week.days for m in d.mobility)
        mobility = routines or any(c.category == "mobility" for c in cards)
        if not mobility:
            missing.append("mobility")
        if missing:
            yield ctx.violation("R12", f"nothing for {', '.join(missing)}", week.number)


def r13_plyo_ladder(ctx: _Context) -> Iterator[Violation]:
    """R13: stage 1 first; a stage only after 2 weeks with the stage below; a card only after
    2 weeks with its easier (lower-stage) version."""
    stage_weeks: Counter[int] = Counter()
    card_weeks: Counter[str] = Counter()
    for week in ctx.plan.weeks:
        seen: set[str] = set()
        for day in week.days:
            for s in day.strength:
                for e in s.exercises:
                    card = ctx.cards.get(e.slug)
                    if card is None or card.category != "plyometric":
                        continue
                    seen.add(card.slug)
                    yield from _ladder_problems(ctx, card, stage_weeks, card_weeks, week, day)
        card_weeks.update(seen)
        stage_weeks.update({ctx.cards[slug].stage or 0 for slug in seen})


def _ladder_problems(
    ctx: _Context,
    card: Exercise,
    stage_weeks: Counter[int],
    card_weeks: Counter[str],
    week: Week,
    day: Day,
) -> Iterator[Violation]:
    stage = card.stage
    if stage is None:
        yield ctx.violation("R13", f"{card.slug} has no plyometric stage", week.number, day.day)
        return
    if stage > 1 and stage_weeks[stage - 1] < LADDER_WEEKS:
        yield ctx.violation(
            "R13",
            f"{card.slug} (stage {stage}) after {stage_weeks[stage - 1]} week(s) with stage "
            f"{stage - 1}, need {LADDER_WEEKS}",
            week.number,
            day.day,
        )
    for slug in card.regressions:
        easier = ctx.cards.get(slug)
        if easier is None or easier.category != "plyometric" or (easier.stage or 0) >= stage:
            continue
        if card_weeks[slug] < LADDER_WEEKS:
            yield ctx.violation(
                "R13",
                f"{card.slug} after {card_weeks[slug]} week(s) with {slug}, need {LADDER_WEEKS}",
                week.number,
                day.day,
            )


def r14_plyo_dose(ctx: _Context) -> Iterator[Violation]:
    """R14: the first plyometric session at or below the level's start; sessions grow at
    most 30% (+5) from one plyometric week to the next."""
    start = PLYO_START[ctx.plan.level]
    previous: int | None = None
    for week in ctx.plan.weeks:
        sessions = [
            (day.day, max(ctx.contacts(s), s.plyo_contacts))
            for day in week.days
            for s in day.strength
            if ctx.plyometric(s)
        ]
        if not sessions:
            continue
        if previous is None:
            day, contacts = sessions[0]
            if contacts > start:
                yield ctx.violation(
                    "R14",
                    f"first plyometric session has {contacts} contacts, "
                    f"{ctx.plan.level} start is at most {start}",
                    week.number,
                    day,
                )
        else:
            cap = grown(previous, PLYO_GROWTH)
            for day, contacts in sessions:
                if contacts > cap:
                    yield ctx.violation(
                        "R14",
                        f"{contacts} contacts after a week of at most {previous} (limit {cap:.0f})",
                        week.number,
                        day,
                    )
        previous = max(c for _, c in sessions)


def r15_running_growth(ctx: _Context) -> Iterator[Violation]:
    """R15: a loading week runs at most 10% (+5 min) more than the last loading week, and its
    long run at most 15% (+5 min) more."""
    previous: Week | None = None
    for week in ctx.plan.weeks:
        if not week.loading:
            continue
        if previous is not None:
            cap = grown(previous.run_minutes, RUN_GROWTH)
            if week.run_minutes > cap:
                yield ctx.violation(
                    "R15",
                    f"{week.run_minutes} min of running after {previous.run_minutes} "
                    f"(limit {cap:.0f})",
                    week.number,
                )
            cap = grown(long_run(previous), LONG_GROWTH)
            if long_run(week) > cap:
                yield ctx.violation(
                    "R15",
                    f"long run of {long_run(week)} min after {long_run(previous)} "
                    f"(limit {cap:.0f})",
                    week.number,
                )
        previous = week


def r16_long_run(ctx: _Context) -> Iterator[Violation]:
    """R16: the long run is at most half of a loading week (55% with 3 running days), never
    over 180 min, and for the marathon never longer than the race."""
    share = long_share(ctx.plan.run_days)
    race = max((r.minutes for _, d in ctx.days for r in d.runs if r.type == "race"), default=0)
    for week in ctx.plan.weeks:
        longest = long_run(week)
        if week.loading and week.run_minutes and longest > share * week.run_minutes:
            yield ctx.violation(
                "R16",
                f"long run is {longest / week.run_minutes:.0%} of the week, limit {share:.0%}",
                week.number,
            )
        if longest > LONG_MAX_MINUTES:
            yield ctx.violation(
                "R16", f"long run of {longest} min, limit {LONG_MAX_MINUTES}", week.number
            )
        if ctx.plan.distance == "marathon" and race and longest > race:
            yield ctx.violation(
                "R16", f"long run of {longest} min is longer than the race ({race})", week.number
            )


def r17_strength_recedes(ctx: _Context) -> Iterator[Violation]:
    """R17 (half, marathon): the two loading weeks with the most running have at most 75% of
    the heaviest strength week's sets, and no power work from the first of them on."""
    if ctx.plan.distance not in RECEDE_DISTANCES:
        return
    loading = [w for w in ctx.plan.weeks if w.loading]
    peaks = sorted(loading, key=lambda w: (w.run_minutes, w.number), reverse=True)[:RECEDE_WEEKS]
    if not peaks:
        return
    heaviest = max(week_sets(w) for w in ctx.plan.weeks)
    for week in sorted(peaks, key=lambda w: w.number):
        if week_sets(week) > RECEDE_SHARE * heaviest:
            yield ctx.violation(
                "R17",
                f"{week_sets(week)} strength sets in a peak running week, limit "
                f"{RECEDE_SHARE:.0%} of {heaviest}",
                week.number,
            )
    first = min(w.number for w in peaks)
    for week in ctx.plan.weeks:
        if week.number >= first and week.block in POWER_BLOCKS:
            yield ctx.violation("R17", "power block on top of the running peak", week.number)


def r18_taper_shape(ctx: _Context) -> Iterator[Violation]:
    """R18: the taper follows a loading week, and running never rises into or within it."""
    weeks = ctx.plan.weeks
    taper = [w for w in weeks if w.phase == "taper"]
    if not taper:
        return
    start = taper[0].number
    if start < 2:
        return
    before = weeks[start - 2]
    if not before.loading:
        yield ctx.violation("R18", "the taper starts straight after a deload week", start)
    for previous, week in pairwise([before, *taper]):
        if week.run_minutes > previous.run_minutes:
            yield ctx.violation(
                "R18",
                f"running rises in the taper: {previous.run_minutes} to {week.run_minutes} min",
                week.number,
            )


def r19_sessions_defined(ctx: _Context) -> Iterator[Violation]:
    """R19: every run has a workout and an effort (RPE and talk test); the plan says who it
    is for and lists the equipment its sessions use."""
    for week, day in ctx.days:
        for r in day.runs:
            if not r.workout or "RPE" not in r.effort or "talk" not in r.effort:
                yield ctx.violation(
                    "R19", f"{r.type} run without a workout and effort", week.number, day.day
                )
    req = ctx.plan.requirements
    first = ctx.plan.weeks[0] if ctx.plan.weeks else None
    if req is None or first is None or not req.summary or not req.lower_level:
        yield ctx.violation("R19", "the plan does not say who it is for")
    elif (req.weekly_minutes, req.long_run_minutes) != (first.run_minutes, long_run(first)):
        yield ctx.violation(
            "R19",
            f"requirements say {req.weekly_minutes} min a week and a {req.long_run_minutes}-min "
            f"long run; week 1 has {first.run_minutes} and {long_run(first)}",
        )
    needed = equipment_needed(ctx.plan.weeks, ctx.cards)
    if list(ctx.plan.equipment_used) != needed:
        yield ctx.violation(
            "R19",
            f"equipment_used lists {', '.join(ctx.plan.equipment_used) or 'nothing'}; "
            f"the sessions need {', '.join(needed)}",
        )


def r20_warmup_and_load(ctx: _Context) -> Iterator[Violation]:
    """R20: every strength session starts with a 5-8 minute warm-up (raise, activate,
    mobilise, ramp-up); every exercise says how heavy, and how to load it without weights."""
    low, high = WARMUP_MINUTES
    for week, day in ctx.days:
        for s in day.strength:
            warmup = s.warmup
            phases = {i.phase for i in warmup.items} if warmup else set()
            if warmup is None or not low <= warmup.minutes <= high or phases != set(WARMUP_PHASES):
                yield ctx.violation(
                    "R20",
                    f"strength session without a {low}-{high} min warm-up",
                    week.number,
                    day.day,
                )
            for e in s.exercises:
                card = ctx.cards.get(e.slug)
                if not e.load or (
                    card is not None
                    and card.category == "strength"
                    and not any(w in e.load for w in EFFORT_WORDS)
                ):
                    yield ctx.violation(
                        "R20", f"{e.slug} without an effort target", week.number, day.day
                    )
                elif (
                    card is not None
                    and unloaded(card)
                    and not any(w in e.load for w in HEAVIER_WORDS)
                ):
                    yield ctx.violation(
                        "R20",
                        f"{e.slug} needs no weights but says not how to load it",
                        week.number,
                        day.day,
                    )


def r21_hip_hinge(ctx: _Context) -> Iterator[Violation]:
    """R21: every loading week has a deadlift-pattern hip hinge, at every equipment level."""
    for week in ctx.plan.weeks:
        if week.loading and not any(is_deadlift(c) for c in _week_cards(ctx, week)):
            yield ctx.violation("R21", "no hip hinge (deadlift pattern)", week.number)


def r22_loaded_lift(ctx: _Context) -> Iterator[Violation]:
    """R22: in gym plans every week of a strength block has a loaded squat or hinge."""
    if ctx.plan.equipment != "gym":
        return
    for week in ctx.plan.weeks:
        if week.block in TRAINING_BLOCKS and not any(
            is_loaded_lift(c) for c in _week_cards(ctx, week)
        ):
            yield ctx.violation(
                "R22", "no loaded squat or hinge in a strength-block week", week.number
            )


def r23_block_length(ctx: _Context) -> Iterator[Violation]:
    """R23: every strength block has at least 2 loading weeks; a beginner's first block has
    at least as many as the later building blocks together."""
    counts: Counter[str] = Counter(w.block for w in ctx.plan.weeks if w.loading)
    present = list(dict.fromkeys(w.block for w in ctx.plan.weeks if w.block in TRAINING_BLOCKS))
    for block in present:
        if counts[block] < MIN_BLOCK_WEEKS:
            yield ctx.violation(
                "R23",
                f"the {block} block has {counts[block]} loading week(s), need {MIN_BLOCK_WEEKS}",
            )
    if ctx.plan.level == "beginner" and present:
        later = sum(counts[b] for b in present[1:])
        if counts[present[0]] < later:
            yield ctx.violation(
                "R23",
                f"a beginner's first block has {counts[present[0]]} loading weeks, "
                f"the later ones {later}",
            )


def _week_cards(ctx: _Context, week: Week) -> list[Exercise]:
    return [
        ctx.cards[e.slug]
        for d in week.days
        for s in d.strength
        for e in s.exercises
        if e.slug in ctx.cards
    ]


RULES: tuple[Rule, ...] = (
    r1_build_frequency,
    r2_maintenance,
    r3_hard_easy,
    r4_run_first,
    r5_key_runs_protected,
    r6_after_long_run,
    r7_plyometrics,
    r8_deloads,
    r9_block_order,
    r10_taper,
    r11_strength_taper,
    r12_coverage,
    r13_plyo_ladder,
    r14_plyo_dose,
    r15_running_growth,
    r16_long_run,
    r17_strength_recedes,
    r18_taper_shape,
    r19_sessions_defined,
    r20_warmup_and_load,
    r21_hip_hinge,
    r22_loaded_lift,
    r23_block_length,
)


def check_plan(
    plan: Plan, exercises: Sequence[Exercise], muscles: Sequence[Muscle]
) -> list[Violation]:
    """Every rule R1-R23 the plan breaks, sorted; an empty list means the plan is sound."""
    ctx = _Context(plan, exercises, muscles)
    found = [v for rule in RULES for v in rule(ctx)]
    return sorted(found, key=lambda v: (v.week or 0, v.day or 0, int(v.rule[1:]), v.message))
