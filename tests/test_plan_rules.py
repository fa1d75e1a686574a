"""The rule checker catches each broken rule R1-R12 on a hand-broken copy of a sound plan."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from generator.plans import Plan, PlanSpec, Violation, check_plan
from generator.plans.model import (
    Day,
    MobilitySession,
    PlanExercise,
    RunSession,
    Session,
    StrengthSession,
    Week,
)
from generator.plans.rules import MERGED_BLOCK, PLYO_CONTACTS
from tests.test_plan_generation import generate, library

HALF = PlanSpec("half", "intermediate", 5, "gym")
MARATHON = PlanSpec("marathon", "advanced", 4, "gym")
TUE, WED, THU, FRI, SAT, SUN, MON = 2, 3, 4, 5, 6, 7, 1


def violations(plan: Plan) -> list[Violation]:
    lib = library()
    return check_plan(plan, lib.exercises, lib.muscles)


def found(plan: Plan, rule: str) -> list[tuple[int | None, int | None, str]]:
    """(week, day, message) of every violation of ``rule``."""
    return [(v.week, v.day, v.message) for v in violations(plan) if v.rule == rule]


def week_where(plan: Plan, test: Callable[[Week], bool]) -> Week:
    return next(w for w in plan.weeks if test(w))


def day_of(plan: Plan, week: int, day: int) -> Day:
    return plan.weeks[week - 1].days[day - 1]


def with_week(plan: Plan, number: int, change: Callable[[Week], Week]) -> Plan:
    weeks = list(plan.weeks)
    weeks[number - 1] = change(weeks[number - 1])
    return replace(plan, weeks=tuple(weeks))


def with_days(plan: Plan, number: int, days: tuple[Day, ...]) -> Plan:
    return with_week(plan, number, lambda w: replace(w, days=days))


def with_day(plan: Plan, week: int, day: int, sessions: tuple[Session, ...]) -> Plan:
    days = list(plan.weeks[week - 1].days)
    days[day - 1] = replace(days[day - 1], sessions=sessions)
    return with_days(plan, week, tuple(days))


def map_runs(plan: Plan, week: Week, change: Callable[[RunSession], RunSession]) -> Plan:
    """The plan with every training run of ``week`` changed (the race stays as it is)."""

    def each(session: Session) -> Session:
        if isinstance(session, RunSession) and session.type != "race":
            return change(session)
        return session

    days = tuple(replace(d, sessions=tuple(each(s) for s in d.sessions)) for d in week.days)
    return with_days(plan, week.number, days)


def doubled(run: RunSession) -> RunSession:
    return replace(run, minutes=run.minutes * 2)


def dosed(slug: str, block: str) -> PlanExercise:
    dose = library().cards[slug].dose[block]
    return PlanExercise(slug, dose.sets, dose.reps)


def strength_of(plan: Plan, week: int, day: int) -> StrengthSession:
    return day_of(plan, week, day).strength[0]


@pytest.fixture(scope="module")
def half() -> Plan:
    return generate(HALF)


@pytest.fixture(scope="module")
def marathon() -> Plan:
    return generate(MARATHON)


def test_the_plans_used_here_are_sound(half: Plan, marathon: Plan) -> None:
    assert violations(half) == []
    assert violations(marathon) == []


def test_r1_too_few_or_too_many_strength_sessions(half: Plan) -> None:
    week = week_where(half, lambda w: w.block == "strength" and w.loading)
    bare = tuple(replace(d, sessions=d.runs + d.mobility) for d in week.days)
    assert (week.number, None, "0 strength sessions in a strength week, not 1-3") in found(
        with_days(half, week.number, bare), "R1"
    )
    extra = strength_of(half, week.number, THU)
    crowded = half
    for day in (WED, FRI, SAT):
        crowded = with_day(crowded, week.number, day, (*day_of(half, week.number, day).runs, extra))
    assert any("5 strength sessions" in m for _, _, m in found(crowded, "R1"))


def test_r2_maintenance_session_every_week_until_race_week(half: Plan) -> None:
    last = half.weeks[-2]
    assert last.block == "maintenance"
    bare = tuple(replace(d, sessions=d.runs + d.mobility) for d in last.days)
    assert (last.number, None, "no maintenance strength session") in found(
        with_days(half, last.number, bare), "R2"
    )
    heavy = replace(strength_of(half, last.number, TUE), intensity="heavy")
    plan = with_day(half, last.number, TUE, (*day_of(half, last.number, TUE).runs, heavy))
    assert any(w == last.number and "not short and light" in m for w, _, m in found(plan, "R2"))
    no_block = replace(half, weeks=tuple(replace(w, block="power") for w in half.weeks))
    assert (None, None, "no maintenance block in the weeks before race week") in found(
        no_block, "R2"
    )


def test_r3_no_two_hard_days_in_a_row_and_heavy_lifting_with_quality(half: Plan) -> None:
    week = week_where(half, lambda w: w.loading)
    assert day_of(half, week.number, TUE).has_run("hills", "tempo", "intervals")
    plan = with_day(half, week.number, WED, (RunSession("tempo", 40),))
    assert (week.number, WED, "hard day after a hard day") in found(plan, "R3")
    heavy = week_where(half, lambda w: w.block == "strength" and w.loading)
    session = strength_of(half, heavy.number, TUE)
    assert session.intensity == "heavy"
    plan = with_day(half, heavy.number, FRI, (session,))
    assert (heavy.number, FRI, "heavy strength without a quality run") in found(plan, "R3")


def test_r4_run_first_and_strength_hours_later(half: Plan) -> None:
    tuesday = day_of(half, 1, TUE)
    assert len(tuesday.sessions) == 2
    swapped = with_day(half, 1, TUE, tuesday.sessions[::-1])
    assert (1, TUE, "strength before the run") in found(swapped, "R4")
    rushed = replace(tuesday.strength[0], hours_after_run=2)
    plan = with_day(half, 1, TUE, (*tuesday.runs, rushed))
    assert (1, TUE, "strength 2 h after the run, need at least 3 h") in found(plan, "R4")


def test_r5_no_heavy_legs_or_plyometrics_before_key_runs_or_on_long_run_day(half: Plan) -> None:
    week = week_where(half, lambda w: w.block == "power" and w.loading)
    heavy = strength_of(half, week.number, TUE)
    assert heavy.plyo_contacts > 0
    saturday = with_day(half, week.number, SAT, (*day_of(half, week.number, SAT).runs, heavy))
    assert (week.number, SAT, "heavy legs or plyometrics the day before a key run") in found(
        saturday, "R5"
    )
    sunday = with_day(half, week.number, SUN, (*day_of(half, week.number, SUN).runs, heavy))
    assert (week.number, SUN, "heavy legs or plyometrics on long-run day") in found(sunday, "R5")


def test_r5_trusts_the_cards_not_the_lower_body_flag(half: Plan) -> None:
    week = week_where(
        half,
        lambda w: (
            w.block == "strength"
            and w.loading
            and strength_of(half, w.number, THU).intensity == "heavy"
        ),
    )
    heavy = strength_of(half, week.number, THU)
    assert heavy.intensity == "heavy" and heavy.plyo_contacts == 0
    disguised = replace(heavy, lower_body=False)
    plan = with_day(half, week.number, SAT, (*day_of(half, week.number, SAT).runs, disguised))
    assert found(plan, "R5")


def test_r6_the_day_after_the_long_run_is_easy_without_strength(half: Plan) -> None:
    moderate = strength_of(half, 1, TUE)
    assert moderate.intensity == "moderate"
    plan = with_day(half, 2, MON, (*day_of(half, 2, MON).sessions, moderate))
    assert (2, MON, "strength the day after the long run") in found(plan, "R6")
    plan = with_day(half, 2, MON, (RunSession("tempo", 40),))
    assert (2, MON, "tempo the day after the long run") in found(plan, "R6")


def test_r7_foot_contacts_within_the_level_band(half: Plan) -> None:
    week = week_where(half, lambda w: w.block == "power" and w.loading)
    session = strength_of(half, week.number, TUE)
    low, high = PLYO_CONTACTS["intermediate"]
    assert low <= session.plyo_contacts <= high
    more = (dosed("pogo-hops", "power"), dosed("a-skip", "power"))
    extra = tuple(e for e in more if e.slug not in {x.slug for x in session.exercises})
    total = session.plyo_contacts + sum(e.foot_contacts for e in extra)
    assert total > high
    bigger = replace(session, exercises=extra + session.exercises, plyo_contacts=total)
    plan = with_day(half, week.number, TUE, (*day_of(half, week.number, TUE).runs, bigger))
    assert (week.number, TUE, f"{total} foot contacts, intermediate band is 100-120") in found(
        plan, "R7"
    )
    lying = replace(session, plyo_contacts=0)
    plan = with_day(half, week.number, TUE, (*day_of(half, week.number, TUE).runs, lying))
    message = f"plyo_contacts says 0, exercises add up to {session.plyo_contacts}"
    assert (week.number, TUE, message) in found(plan, "R7")


def test_r7_plyometrics_48_hours_apart_and_twice_a_week_at_most(half: Plan) -> None:
    week = week_where(half, lambda w: w.block == "power" and w.loading)
    session = strength_of(half, week.number, TUE)
    plan = with_day(half, week.number, WED, (*day_of(half, week.number, WED).runs, session))
    violations_r7 = found(plan, "R7")
    assert (week.number, WED, "plyometrics less than 48 h apart") in violations_r7
    assert (week.number, None, "3 plyometric sessions in one week") in violations_r7


def test_r8_a_deload_at_least_every_fourth_week(half: Plan) -> None:
    no_deloads = replace(half, weeks=tuple(replace(w, deload=False) for w in half.weeks))
    assert (4, None, "4 loading weeks in a row") in found(no_deloads, "R8")
    deload = week_where(half, lambda w: w.deload)
    previous = half.weeks[deload.number - 2]
    heavier = map_runs(half, deload, doubled)
    assert heavier.weeks[deload.number - 1].run_minutes > previous.run_minutes
    assert (deload.number, None, "deload week is not lighter than the week before") in found(
        heavier, "R8"
    )


def test_r9_blocks_in_order_with_each_blocks_dose(half: Plan) -> None:
    reordered = with_week(half, 1, lambda w: replace(w, block="power"))
    messages = [m for _, _, m in found(reordered, "R9")]
    assert any(m.startswith("blocks out of order: power > hypertrophy") for m in messages)
    session = strength_of(half, 1, TUE)
    first = session.exercises[0]
    wrong = replace(first, reps="3")
    plan = with_day(
        half, 1, TUE, (*day_of(half, 1, TUE).runs, replace(session, exercises=(wrong,)))
    )
    expected = f"{first.slug}: 3 x 3 is not the hypertrophy dose"
    assert any(d == TUE and m.startswith(expected) for _, d, m in found(plan, "R9"))
    weeks = tuple(replace(w, block="strength") if w.block == "power" else w for w in half.weeks)
    no_power = replace(half, weeks=weeks)
    assert (None, None, "no loading week in the power block") in found(no_power, "R9")


def test_r10_taper_cuts_volume_but_keeps_quality_and_frequency(half: Plan) -> None:
    race_week = half.weeks[-1]
    busy = half
    for taper_week in (w for w in half.weeks if w.phase == "taper"):
        busy = map_runs(busy, taper_week, doubled)
    assert any(m.startswith("taper volume is") for _, _, m in found(busy, "R10"))
    plan = map_runs(half, race_week, lambda r: RunSession("easy", r.minutes))
    assert (race_week.number, None, "no quality session in a taper week") in found(plan, "R10")
    plan = with_day(half, race_week.number, WED, ())
    assert (race_week.number, None, "4 running days in a taper week, not 5") in found(plan, "R10")


def test_r11_strength_taper(half: Plan, marathon: Plan) -> None:
    race_week = half.weeks[-1].number
    power = week_where(half, lambda w: w.block == "power" and w.loading)
    heavy = strength_of(half, power.number, TUE)
    plan = with_day(half, race_week, TUE, (*day_of(half, race_week, TUE).runs, heavy))
    messages = found(plan, "R11")
    assert (race_week, TUE, "heavy lifting or plyometrics in the final 7 days") in messages
    assert (race_week, TUE, "race-week strength is not light core") in messages
    light = strength_of(half, race_week, TUE)
    squat = replace(light, exercises=(*light.exercises, dosed("goblet-squat", "maintenance")))
    plan = with_day(half, race_week, TUE, (*day_of(half, race_week, TUE).runs, squat))
    assert (race_week, TUE, "goblet-squat in race week") in found(plan, "R11")

    def with_deadlift(plan: Plan, week: int) -> Plan:
        session = strength_of(plan, week, TUE)
        extra = dosed("romanian-deadlift", "maintenance")
        lifted = replace(session, exercises=(*session.exercises, extra))
        return with_day(plan, week, TUE, (*day_of(plan, week, TUE).runs, lifted))

    week = marathon.weeks[-2].number  # Tuesday is 12 days before the race
    message = (week, TUE, "romanian-deadlift in a marathon's final 14 days")
    assert message in found(with_deadlift(marathon, week), "R11")
    assert not found(with_deadlift(half, half.weeks[-2].number), "R11")  # marathons only


def test_r12_every_loading_week_covers_every_region(half: Plan) -> None:
    cards = library().cards
    regions = {m.slug: m.region for m in library().muscles}
    week = week_where(half, lambda w: w.loading)

    def strip(test: Callable[[str], bool], mobility: bool = True) -> Plan:
        days = []
        for d in week.days:
            kept: list[Session] = []
            for s in d.sessions:
                if isinstance(s, StrengthSession):
                    s = replace(s, exercises=tuple(e for e in s.exercises if not test(e.slug)))
                if mobility or not isinstance(s, MobilitySession):
                    kept.append(s)
            days.append(replace(d, sessions=tuple(kept)))
        return with_days(half, week.number, tuple(days))

    def calves(slug: str) -> bool:
        return any(regions[m] == "calves-ankle" for m in cards[slug].primary)

    assert (week.number, None, "nothing for calves-ankle") in found(strip(calves), "R12")
    balance = strip(lambda s: cards[s].category == "balance")
    assert (week.number, None, "nothing for balance") in found(balance, "R12")
    no_mobility = strip(lambda s: cards[s].category == "mobility", mobility=False)
    assert (week.number, None, "nothing for mobility") in found(no_mobility, "R12")


def test_violations_are_sorted_and_readable(half: Plan) -> None:
    wednesday = day_of(half, 3, WED).runs[0]
    plan = with_day(half, 3, WED, (replace(wednesday, type="tempo"),))
    moved = replace(day_of(half, 2, WED).runs[0], type="intervals")  # same minutes, same week
    plan = with_day(plan, 2, WED, ())
    plan = with_day(plan, 2, MON, (moved, *day_of(half, 2, MON).sessions))
    found_all = violations(plan)
    keys = [(v.week or 0, v.day or 0, int(v.rule[1:])) for v in found_all]
    assert keys == sorted(keys)
    where = [(v.week, v.day, v.rule) for v in found_all]
    assert where == [(2, MON, "R3"), (2, MON, "R6"), (2, TUE, "R3"), (3, TUE, "R5"), (3, WED, "R3")]
    assert str(found_all[0]) == f"{HALF.id} week 2 day 1: R3: hard day after a hard day"


def plyo_sessions(plan: Plan) -> list[tuple[int, int, StrengthSession]]:
    """(week, day, session) of every plyometric session, in date order."""
    return [
        (w.number, d.day, s)
        for w in plan.weeks
        for d in w.days
        for s in d.strength
        if s.plyo_contacts
    ]


def with_strength(plan: Plan, week: int, day: int, session: StrengthSession) -> Plan:
    return with_day(plan, week, day, (*day_of(plan, week, day).runs, session))


def swap_jumps(session: StrengthSession, jumps: tuple[PlanExercise, ...]) -> StrengthSession:
    """The session with its plyometric exercises replaced by ``jumps``."""
    cards = library().cards
    kept = tuple(e for e in session.exercises if cards[e.slug].category != "plyometric")
    contacts = sum(e.foot_contacts for e in jumps)
    return replace(session, exercises=jumps + kept, plyo_contacts=contacts)


def test_r13_the_plyometric_ladder_is_climbed_stage_by_stage(half: Plan) -> None:
    week, day, first = plyo_sessions(half)[0]
    early = swap_jumps(first, (dosed("depth-jump", "strength"),))
    messages = [m for w, d, m in found(with_strength(half, week, day, early), "R13") if w == week]
    assert "depth-jump (stage 3) after 0 week(s) with stage 2, need 2" in messages
    assert "depth-jump after 0 week(s) with box-jump, need 2" in messages
    lib = library()
    unstaged = [replace(e, stage=None) if e.slug == "pogo-hops" else e for e in lib.exercises]
    jumps = swap_jumps(first, (dosed("pogo-hops", "strength"),))
    plan = with_strength(half, week, day, jumps)
    problems = check_plan(plan, unstaged, lib.muscles)
    assert any(
        v.rule == "R13" and "pogo-hops has no plyometric stage" in v.message for v in problems
    )


def test_r14_plyometrics_start_low_and_grow_slowly(half: Plan) -> None:
    sessions = plyo_sessions(half)
    (week, day, first) = sessions[0]
    biggest = max((s for _, _, s in sessions[1:]), key=lambda s: s.plyo_contacts)
    assert first.plyo_contacts <= 80 < biggest.plyo_contacts
    plan = with_strength(half, week, day, biggest)
    message = (
        f"first plyometric session has {biggest.plyo_contacts} contacts, "
        "intermediate start is at most 80"
    )
    assert (week, day, message) in found(plan, "R14")
    second = next((w, d) for w, d, _ in sessions if w > week)
    plan = with_strength(half, *second, biggest)
    limit = max(first.plyo_contacts * 1.3, first.plyo_contacts + 5)
    message = (
        f"{biggest.plyo_contacts} contacts after a week of at most {first.plyo_contacts} "
        f"(limit {limit:.0f})"
    )
    assert (*second, message) in found(plan, "R14")


def test_r15_running_and_the_long_run_grow_gradually(half: Plan) -> None:
    week = half.weeks[1]
    assert week.loading and half.weeks[0].loading
    messages = [m for w, _, m in found(map_runs(half, week, doubled), "R15") if w == 2]
    before, now = half.weeks[0].run_minutes, week.run_minutes * 2
    assert f"{now} min of running after {before} (limit {max(before * 1.1, before + 5):.0f})" in (
        messages
    )
    assert any(m.startswith("long run of") for m in messages)


def test_r16_the_long_run_is_capped(half: Plan, marathon: Plan) -> None:
    week = week_where(half, lambda w: w.loading)
    sunday = day_of(half, week.number, SUN).runs[0]
    plan = with_day(half, week.number, SUN, (replace(sunday, minutes=200),))
    messages = [m for w, _, m in found(plan, "R16") if w == week.number]
    assert any(m.startswith("long run is") and m.endswith("limit 50%") for m in messages)
    assert "long run of 200 min, limit 180" in messages
    week = week_where(marathon, lambda w: w.loading)
    sunday = day_of(marathon, week.number, SUN).runs[0]
    plan = with_day(marathon, week.number, SUN, (replace(sunday, minutes=200),))
    race = marathon.weeks[-1].days[SUN - 1].runs[0].minutes
    assert race < 200
    assert (week.number, None, f"long run of 200 min is longer than the race ({race})") in found(
        plan, "R16"
    )


def test_r17_strength_recedes_when_running_peaks(half: Plan) -> None:
    peak = max((w for w in half.weeks if w.loading), key=lambda w: (w.run_minutes, w.number))
    heavy = week_where(half, lambda w: w.block == "strength" and w.loading)
    days = tuple(
        replace(d, sessions=(*d.runs, *heavy.days[d.day - 1].strength, *d.mobility))
        for d in peak.days
    )
    plan = with_days(half, peak.number, days)
    assert any(w == peak.number and "strength sets in a peak running week" in m
               for w, _, m in found(plan, "R17"))  # fmt: skip
    power = with_week(half, peak.number, lambda w: replace(w, block="power"))
    assert (peak.number, None, "power block on top of the running peak") in found(power, "R17")


def test_r18_the_taper_follows_a_loading_week_and_never_rises(half: Plan) -> None:
    start = next(w.number for w in half.weeks if w.phase == "taper")
    after_deload = with_week(half, start - 1, lambda w: replace(w, deload=True))
    assert (start, None, "the taper starts straight after a deload week") in found(
        after_deload, "R18"
    )
    rising = map_runs(half, half.weeks[start - 1], doubled)
    assert any(w == start and m.startswith("running rises in the taper")
               for w, _, m in found(rising, "R18"))  # fmt: skip


def test_r19_runs_say_what_and_how_hard_and_the_plan_who_and_what(half: Plan) -> None:
    tuesday = day_of(half, 1, TUE)
    run = replace(tuesday.runs[0], workout="")
    plan = with_day(half, 1, TUE, (run, *tuesday.strength))
    assert (1, TUE, f"{run.type} run without a workout and effort") in found(plan, "R19")
    plan = with_day(half, 1, TUE, (replace(tuesday.runs[0], effort="hard"), *tuesday.strength))
    assert found(plan, "R19")
    assert (None, None, "the plan does not say who it is for") in found(
        replace(half, requirements=None), "R19"
    )
    assert half.requirements is not None
    wrong = replace(half.requirements, weekly_minutes=1)
    assert any("requirements say 1 min a week" in m for _, _, m in found(
        replace(half, requirements=wrong), "R19"))  # fmt: skip
    missing = replace(half, equipment_used=half.equipment_used[1:])
    assert any(m.startswith("equipment_used lists") for _, _, m in found(missing, "R19"))


def test_r20_strength_sessions_warm_up_and_say_how_heavy(half: Plan) -> None:
    session = strength_of(half, 1, TUE)
    assert session.warmup is not None
    plan = with_strength(half, 1, TUE, replace(session, warmup=None))
    assert (1, TUE, "strength session without a 5-8 min warm-up") in found(plan, "R20")
    short = replace(session.warmup, minutes=3)
    plan = with_strength(half, 1, TUE, replace(session, warmup=short))
    assert (1, TUE, "strength session without a 5-8 min warm-up") in found(plan, "R20")
    first = session.exercises[0]
    plan = with_strength(
        half, 1, TUE, replace(session, exercises=(replace(first, load=""), *session.exercises[1:]))
    )
    assert (1, TUE, f"{first.slug} without an effort target") in found(plan, "R20")
    squat = replace(dosed("split-squat", "hypertrophy"), load="RPE 7: 3 reps in reserve")
    plan = with_strength(half, 1, TUE, replace(session, exercises=(*session.exercises, squat)))
    assert (1, TUE, "split-squat needs no weights but says not how to load it") in found(
        plan, "R20"
    )


def strip_cards(plan: Plan, week: Week, drop: Callable[[str], bool]) -> Plan:
    days = tuple(
        replace(
            d,
            sessions=tuple(
                replace(s, exercises=tuple(e for e in s.exercises if not drop(e.slug)))
                if isinstance(s, StrengthSession)
                else s
                for s in d.sessions
            ),
        )
        for d in week.days
    )
    return with_days(plan, week.number, days)


def test_r21_every_loading_week_has_a_hip_hinge(half: Plan) -> None:
    cards = library().cards
    for week in (w for w in half.weeks if w.loading):
        plan = strip_cards(half, week, lambda s: cards[s].pattern == "hinge")
        assert (week.number, None, "no hip hinge (deadlift pattern)") in found(plan, "R21")


def test_r22_gym_strength_weeks_have_a_loaded_squat_or_hinge(half: Plan) -> None:
    cards = library().cards
    week = week_where(half, lambda w: w.deload and w.block != "maintenance")
    plan = strip_cards(half, week, lambda s: cards[s].pattern in ("squat", "hinge"))
    message = (week.number, None, "no loaded squat or hinge in a strength-block week")
    assert message in found(plan, "R22")
    assert not found(replace(plan, equipment="home"), "R22")  # gym plans only


def test_r23_no_one_week_blocks_and_beginners_stay_longer_in_the_first(half: Plan) -> None:
    power = [w.number for w in half.weeks if w.block == "power" and w.loading]
    assert len(power) == 2
    plan = with_week(half, power[0], lambda w: replace(w, block="strength"))
    assert (None, None, "the power block has 1 loading week(s), need 2") in found(plan, "R23")
    beginner = generate(PlanSpec("half", "beginner", 4, "home"))
    assert not found(beginner, "R23")
    first = [w.number for w in beginner.weeks if w.block == "hypertrophy" and w.loading]
    later = sum(
        1 for w in beginner.weeks if w.loading and w.block not in ("hypertrophy", "maintenance")
    )
    shortened = with_week(beginner, first[-1], lambda w: replace(w, block=MERGED_BLOCK))
    message = (
        f"a beginner's first block has {len(first) - 1} loading weeks, the later ones {later + 1}"
    )
    assert (None, None, message) in found(shortened, "R23")


def test_r2_maintenance_keeps_only_a_few_low_jumps(half: Plan) -> None:
    week = week_where(half, lambda w: w.block == "maintenance" and w.loading)
    session = strength_of(half, week.number, TUE)
    assert 0 < session.plyo_contacts <= 40
    bigger = swap_jumps(session, (dosed("box-jump", "maintenance"),))
    plan = with_strength(half, week.number, TUE, bigger)
    assert any(w == week.number and "box-jump above stage 1" in m for w, _, m in found(plan, "R2"))
    more = swap_jumps(session, (dosed("pogo-hops", "maintenance"), dosed("a-skip", "maintenance")))
    plan = with_strength(half, week.number, TUE, more)
    assert any(w == week.number and "70 foot contacts" in m for w, _, m in found(plan, "R2"))


def test_r9_a_beginners_first_week_is_an_introduction_of_two_sets() -> None:
    beginner = generate(PlanSpec("5k", "beginner", 3, "bodyweight"))
    assert not found(beginner, "R9")
    session = strength_of(beginner, 1, TUE)
    first = session.exercises[0]
    full = library().cards[first.slug].dose["hypertrophy"]
    assert first.sets == 2 < full.sets
    plan = with_strength(
        beginner, 1, TUE, replace(session, exercises=(replace(first, sets=full.sets),))
    )
    message = f"{first.slug}: {full.sets} x {full.reps} is not the hypertrophy dose 2 x {full.reps}"
    assert (1, TUE, message) in found(plan, "R9")
