"""The coaching rules R1-R12 (evidence notes), as numbers and as a checker.

The numbers every plan must respect live here, once: the generator builds
plans from them and :func:`check_plan` verifies any plan against them, so a
generator bug, a bad settings file or a hand-edited plan is caught the same
way. The checker trusts nothing derived that it can recompute: foot contacts
and lower-body work come from the exercise cards, not from the session's own
fields.

R6 is a choice the sources leave open: here the day after the long run is easy
(rest, an easy or recovery run, mobility) and has **no strength training at all**.
"""

from __future__ import annotations

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
# R2: a maintenance session is short: never heavy, no plyometrics, few sets.
MAINTENANCE_MAX_SETS = 16
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
# R12: what every loading week trains.
REQUIRED_REGIONS = ("hips", "core", "calves-ankle", "posterior-chain")
NOT_TRAINING = ("mobility", "soft-tissue")  # these categories stretch or release, not train
LOWER_REGIONS = ("hips", "thigh", "posterior-chain", "calves-ankle", "foot")
LOADING_CATEGORIES = ("strength", "plyometric")


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
        if week.block in BUILD_BLOCKS and not low <= count <= high:
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
                if s.intensity == "heavy" or ctx.plyometric(s) or sets > MAINTENANCE_MAX_SETS:
                    yield ctx.violation(
                        "R2",
                        f"maintenance session is not short and light ({s.intensity}, "
                        f"{sets} sets, {ctx.contacts(s)} foot contacts)",
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
    """R7: contacts within the level's band, at most 2 sessions a week, 48 h apart."""
    low, high = PLYO_CONTACTS[ctx.plan.level]
    last: int | None = None
    per_week: dict[int, int] = {}
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
            if not low <= contacts <= high:
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
    order = ("hypertrophy", "strength", "power", "maintenance")
    blocks = [w.block for w in ctx.plan.weeks]
    ranks = [order.index(b) if b in order else -1 for b in blocks]
    if ranks != sorted(ranks) or -1 in ranks:
        yield ctx.violation("R9", f"blocks out of order: {' > '.join(dict.fromkeys(blocks))}")
    for block in BUILD_BLOCKS:
        if not any(w.block == block and w.loading for w in ctx.plan.weeks):
            yield ctx.violation("R9", f"no loading week in the {block} block")
    for week, day in ctx.days:
        for session in day.sessions:
            if isinstance(session, RunSession):
                continue
            cut = week.deload and isinstance(session, StrengthSession)
            for e in session.exercises:
                problem = _dose_problem(ctx, e, week.block, cut)
                if problem:
                    yield ctx.violation("R9", f"{e.slug}: {problem}", week.number, day.day)


def _dose_problem(ctx: _Context, e: PlanExercise, block: str, deload: bool) -> str:
    card = ctx.cards.get(e.slug)
    if card is None:
        return "no such exercise card"
    dose = card.dose.get(block)
    if dose is None:
        return f"the card has no {block} dose"
    sets = deload_sets(dose.sets) if deload else dose.sets
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
)


def check_plan(
    plan: Plan, exercises: Sequence[Exercise], muscles: Sequence[Muscle]
) -> list[Violation]:
    """Every rule R1-R12 the plan breaks, sorted; an empty list means the plan is sound."""
    ctx = _Context(plan, exercises, muscles)
    found = [v for rule in RULES for v in rule(ctx)]
    return sorted(found, key=lambda v: (v.week or 0, v.day or 0, int(v.rule[1:]), v.message))
