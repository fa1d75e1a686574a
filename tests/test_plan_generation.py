"""The 144 published plans: they generate, obey R1-R12, keep the JSON contract, and read
like a real training block (filters respected, variety, visible progression)."""

from __future__ import annotations

import json
import pickle
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from generator.content.loader import ContentLoader, LoadOptions
from generator.content.models import Exercise, Muscle
from generator.content.schema import BLOCKS, DOSE_PATTERN, LEVELS, validate
from generator.content.yamlsource import load_located
from generator.core.diagnostics import Diagnostics
from generator.plans import (
    Plan,
    PlanSettings,
    PlanSpec,
    all_specs,
    check_plan,
    generate_all,
    generate_plan,
    load_plan_settings,
    parse_plan_settings,
)
from generator.plans.guidance import (
    LOADS_FILE,
    SESSIONS_FILE,
    WARMUP_FILE,
    loads_schema,
    parse_guidance,
    sessions_schema,
    warmup_schema,
)
from generator.plans.inputs import (
    DISTANCES_FILE,
    EQUIPMENT_FILE,
    distances_schema,
    equipment_schema,
)
from generator.plans.model import KEY_TYPES, RUN_TYPES, StrengthSession, Week
from generator.plans.rules import MERGED_BLOCK

ROOT = Path(__file__).parent.parent
ID = re.compile(
    r"^(5k|10k|half|marathon)-(beginner|intermediate|advanced)-[3-6]d-(bodyweight|home|gym)$"
)


@dataclass(frozen=True)
class Library:
    """The real content and plan settings, loaded once for all plan tests."""

    settings: PlanSettings
    exercises: tuple[Exercise, ...]
    muscles: tuple[Muscle, ...]

    @property
    def cards(self) -> dict[str, Exercise]:
        return {e.slug: e for e in self.exercises}


@cache
def library() -> Library:
    diagnostics = Diagnostics()
    content = ContentLoader(ROOT, diagnostics, LoadOptions()).load()
    settings = load_plan_settings(ROOT, diagnostics)
    assert content is not None, [d.format() for d in diagnostics.items]
    assert settings is not None, [d.format() for d in diagnostics.items]
    return Library(settings, content.exercises, content.muscles)


@cache
def published() -> tuple[Plan, ...]:
    lib = library()
    return tuple(generate_all(lib.settings, lib.exercises, lib.muscles))


def generate(spec: PlanSpec) -> Plan:
    lib = library()
    return generate_plan(spec, lib.settings, lib.exercises, lib.muscles)


def lifts(week: Week) -> Iterator[tuple[int, StrengthSession]]:
    for day in week.days:
        for session in day.strength:
            yield day.day, session


def main_lifts(plan: Plan, block: str) -> set[str]:
    """Cards used in every loading week of a block: the lifts that block is built on."""
    weeks = [w for w in plan.weeks if w.block == block and w.loading]
    per_week = [{e.slug for _, s in lifts(w) for e in s.exercises} for w in weeks]
    return set.intersection(*per_week) if per_week else set()


def test_plan_settings_load_without_problems() -> None:
    diagnostics = Diagnostics()
    settings = load_plan_settings(ROOT, diagnostics)
    assert settings is not None
    assert [d.format() for d in diagnostics.items] == []
    assert sorted(settings.distances) == ["10k", "5k", "half", "marathon"]
    titles = [settings.distances[d].title for d in ("5k", "10k", "half", "marathon")]
    assert titles == ["5K", "10K", "Half marathon", "Marathon"]
    assert "after the long run is always easy" in settings.distances["half"].intro


def test_there_are_144_plans_with_unique_well_formed_ids() -> None:
    ids = [p.id for p in published()]
    assert len(all_specs()) == len(ids) == 144
    assert len(set(ids)) == 144
    assert all(ID.match(i) for i in ids)
    assert "marathon-intermediate-5d-gym" in ids


def test_every_published_plan_obeys_every_rule() -> None:
    lib = library()
    broken = [str(v) for p in published() for v in check_plan(p, lib.exercises, lib.muscles)]
    assert broken == []


def _check_session(session: dict[str, Any], cards: dict[str, Exercise]) -> None:
    kind = session["kind"]
    if kind == "run":
        assert session["type"] in RUN_TYPES
        assert isinstance(session["minutes"], int) and session["minutes"] > 0
        assert session["key"] is (session["type"] in KEY_TYPES)
        assert session["workout"] and session["effort"].startswith("RPE ")
        assert session["definition"] == f"plans/run-sessions/#{session['type']}"
        return
    exercises = session["exercises"]
    for e in exercises:
        fields = {"slug", "sets", "reps"} | ({"load"} if kind == "strength" else set())
        assert set(e) == fields
        assert e["slug"] in cards
        assert isinstance(e["sets"], int) and e["sets"] >= 1
        assert re.match(DOSE_PATTERN, f"{e['sets']} x {e['reps']}")
    if kind == "mobility":
        assert isinstance(session["minutes"], int) and session["minutes"] > 0
        return
    assert kind == "strength"
    warmup = session["warmup"]
    assert warmup["id"] == "strength-warm-up" and 5 <= warmup["minutes"] <= 8
    phases = [w["phase"] for w in warmup["exercises"]]
    assert list(dict.fromkeys(phases)) == ["raise", "activate", "mobilise", "ramp-up"]
    assert all(isinstance(w["sets"], int) and w["reps"] for w in warmup["exercises"])
    assert all(e["load"] for e in exercises)
    assert session["intensity"] in ("heavy", "moderate", "light")
    assert isinstance(session["lower_body"], bool)
    assert isinstance(session["plyo_contacts"], int)
    assert exercises


def test_json_contract_holds_for_every_plan() -> None:
    cards = library().cards
    for plan in published():
        data = json.loads(json.dumps(plan.to_json()))
        required = {"id", "distance", "level", "run_days", "equipment", "weeks_total", "weeks"}
        assert required | {"race", "requirements", "equipment_used"} <= set(data)
        requirements = data["requirements"]
        assert requirements["weekly_run_minutes"] == plan.weeks[0].run_minutes
        assert requirements["summary"].startswith("For runners who already run")
        assert requirements["lower_level"]
        allowed = library().settings.equipment[plan.equipment].items
        assert data["equipment_used"] == sorted(data["equipment_used"])
        assert set(data["equipment_used"]) <= allowed
        assert data["id"] == plan.id
        assert data["weeks_total"] == len(data["weeks"]) == plan.weeks_total
        assert data["race"] == {"week": plan.weeks_total, "day": 7}
        assert [w["number"] for w in data["weeks"]] == list(range(1, plan.weeks_total + 1))
        for week in data["weeks"]:
            assert {"number", "phase", "block", "deload", "days"} <= set(week)
            assert week["phase"] in ("base", "build", "peak", "taper")
            assert week["block"] in (*BLOCKS, MERGED_BLOCK)
            assert isinstance(week["deload"], bool)
            assert [d["day"] for d in week["days"]] == [1, 2, 3, 4, 5, 6, 7]
            for day in week["days"]:
                for session in day["sessions"]:
                    _check_session(session, cards)
        race_day = data["weeks"][-1]["days"][6]["sessions"]
        assert [s["type"] for s in race_day if s["kind"] == "run"] == ["race"]


def test_generation_is_deterministic_and_ignores_input_order() -> None:
    lib = library()
    first = [p.to_json() for p in published()]
    shuffled_cards = list(lib.exercises)
    shuffled_muscles = list(lib.muscles)
    random.Random(7).shuffle(shuffled_cards)
    random.Random(7).shuffle(shuffled_muscles)
    again = [p.to_json() for p in generate_all(lib.settings, shuffled_cards, shuffled_muscles)]
    assert again == first
    one = generate(PlanSpec("marathon", "intermediate", 5, "gym"))
    assert one.to_json() == first[[p.id for p in published()].index(one.id)]


def test_plans_use_only_cards_their_equipment_and_level_allow() -> None:
    lib = library()
    cards = lib.cards
    for plan in published():
        allowed = lib.settings.equipment[plan.equipment].items
        rank = LEVELS.index(plan.level)
        for week in plan.weeks:
            for day in week.days:
                for session in day.strength + day.mobility:
                    for e in session.exercises:
                        card = cards[e.slug]
                        assert set(card.equipment) <= allowed, (plan.id, e.slug)
                        assert LEVELS.index(card.level) <= rank, (plan.id, e.slug)


def test_equipment_levels_make_a_difference() -> None:
    def used(plan_id: str) -> set[str]:
        plan = next(p for p in published() if p.id == plan_id)
        return {e.slug for w in plan.weeks for _, s in lifts(w) for e in s.exercises}

    cards = library().cards
    bodyweight, gym = used("half-advanced-5d-bodyweight"), used("half-advanced-5d-gym")
    assert not any("dumbbell" in cards[s].equipment for s in bodyweight)
    assert any({"barbell", "trap-bar", "box"} & set(cards[s].equipment) for s in gym)


def test_exercise_selection_varies_from_week_to_week() -> None:
    for plan in published():
        weeks = [w for w in plan.weeks if w.loading]
        chosen = [tuple(e.slug for _, s in lifts(w) for e in s.exercises) for w in weeks]
        assert all(a != b for a, b in pairwise(chosen)), plan.id
        distinct = {slug for week in chosen for slug in week}
        assert len(distinct) >= 15, (plan.id, len(distinct))


def test_main_lifts_progress_in_dose_or_up_the_ladders() -> None:
    cards = library().cards
    climbed = set()
    for plan in published():
        doses: dict[str, set[str]] = {}
        for week in plan.weeks:
            for _, session in lifts(week):
                for e in session.exercises:
                    doses.setdefault(e.slug, set()).add(f"{e.sets} x {e.reps}")
        blocks = [b for b in dict.fromkeys(w.block for w in plan.weeks) if b != "maintenance"]
        base, strength = main_lifts(plan, blocks[0]), main_lifts(plan, blocks[1])
        heavier = any(len(doses[s]) > 1 for s in base & strength)
        harder = {p for s in base for p in cards[s].progressions} & strength
        assert heavier or harder, plan.id
        for earlier, later in pairwise(blocks):
            ladder = {p for s in main_lifts(plan, earlier) for p in cards[s].progressions}
            if ladder & main_lifts(plan, later):
                climbed.add(plan.id)
    loaded = {p.id for p in published() if p.equipment != "bodyweight" and p.level != "beginner"}
    assert loaded <= climbed, sorted(loaded - climbed)


def test_runs_build_to_a_peak_and_taper() -> None:
    for plan in published():
        long_runs = [
            r.minutes
            for w in plan.weeks
            if w.loading
            for d in w.days
            for r in d.runs
            if r.type == "long"
        ]
        assert long_runs == sorted(long_runs), plan.id
        assert long_runs[-1] > long_runs[0], plan.id
        assert plan.weeks[-1].run_minutes < max(w.run_minutes for w in plan.weeks) / 2


def test_the_week_is_laid_out_like_a_runners_week() -> None:
    for plan in published():
        for week in plan.weeks:
            days = {d.day: d for d in week.days}
            assert sum(1 for d in week.days if d.runs) == plan.run_days
            sunday = "race" if week.number == plan.weeks_total else "long"
            assert [r.type for r in days[7].runs] == [sunday]
            assert not days[1].strength
            for day in week.days:
                for s in day.strength:
                    if day.runs:
                        assert s.hours_after_run == 6 and "6 hours" in s.note
                    if s.intensity == "heavy":
                        assert day.has_run("tempo", "intervals", "hills")


def test_strength_blocks_and_deloads_follow_the_plan_shape() -> None:
    for plan in published():
        blocks = list(dict.fromkeys(w.block for w in plan.weeks))
        merged = ["hypertrophy", MERGED_BLOCK, "maintenance"]
        assert blocks in (list(BLOCKS), merged), plan.id
        deloads = [w.number for w in plan.weeks if w.deload]
        # every fourth week, or the week before when the taper follows it (R18)
        before_taper = min(w.number for w in plan.weeks if w.phase == "taper") - 1
        assert deloads and all(n % 4 == 0 or n == before_taper - 1 for n in deloads), plan.id
        for week in plan.weeks:
            if week.deload:
                assert all(s.intensity == "light" for _, s in lifts(week))


@pytest.mark.parametrize(
    "spec",
    [
        PlanSpec("5k", "beginner", 3, "gym", weeks=5),
        PlanSpec("marathon", "advanced", 4, "home", taper_days=28),
        PlanSpec("half", "expert", 4, "home"),
        PlanSpec("10k", "beginner", 7, "home"),
        PlanSpec("10k", "beginner", 4, "garage"),
    ],
)
def test_specs_outside_the_allowed_choices_are_refused(spec: PlanSpec) -> None:
    with pytest.raises(ValueError, match=spec.id):
        generate(spec)


def _settings_from(distances: str, equipment: str) -> tuple[PlanSettings | None, list[str]]:
    diagnostics = Diagnostics()
    d = load_located(distances, DISTANCES_FILE, diagnostics)
    e = load_located(equipment, EQUIPMENT_FILE, diagnostics)
    assert d is not None and e is not None
    ok = validate(d, distances_schema(), diagnostics) & validate(e, equipment_schema(), diagnostics)
    settings = parse_plan_settings(d, e, diagnostics) if ok else None
    return settings, [
        f"{x.location.path}:{x.location.line}: {x.message}" for x in diagnostics.items
    ]


def _line(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.mark.parametrize(
    ("old", "new", "message", "at"),
    [
        ("weeks: {default: 8, min: 7", "weeks: {default: 5, min: 7", "need min <= default <= max",
         "weeks: {default: 5"),
        ("taper_days: {default: 7, min: 7, max: 10}", "taper_days: {default: 7, min: 7, max: 40}",
         "maintenance_weeks must cover", "maintenance_weeks: 2"),
        ("      long: {start: 40, peak: 60}", "      long: {start: 70, peak: 60}",
         "start is longer than peak", "long: {start: 70"),
        ("    base: [hills, strides]", "    base: [hills, fartlek]", "unknown value 'fartlek'",
         "fartlek"),
        ("  maintenance_weeks: 2\n  phases: {base: 3", "  phases: {base: 3",
         "missing required field 'maintenance_weeks'", "5k:"),
    ],
)  # fmt: skip
def test_bad_distance_settings_are_reported_at_their_line(
    old: str, new: str, message: str, at: str
) -> None:
    distances = (ROOT / DISTANCES_FILE).read_text()
    equipment = (ROOT / EQUIPMENT_FILE).read_text()
    assert old in distances
    changed = distances.replace(old, new, 1)
    settings, errors = _settings_from(changed, equipment)
    assert settings is None
    where = f"{DISTANCES_FILE}:{_line(changed, at)}: "
    assert any(e.startswith(where) and message in e for e in errors), (where, errors)


def test_equipment_levels_must_nest() -> None:
    distances = (ROOT / DISTANCES_FILE).read_text()
    equipment = (ROOT / EQUIPMENT_FILE).read_text()
    old = "[bodyweight, mat, wall, step, dumbbell,"
    changed = equipment.replace(old, "[bodyweight, mat, wall, dumbbell,")
    assert changed != equipment
    settings, errors = _settings_from(distances, changed)
    assert settings is None
    line = _line(changed, "home:") + 2
    assert errors == [f"{EQUIPMENT_FILE}:{line}: home.items lacks step, which bodyweight allows"]


def test_every_workout_adds_up_to_its_run_and_links_its_definition() -> None:
    guidance = library().settings.guidance
    assert guidance is not None
    for plan in published():
        for week in plan.weeks:
            for day in week.days:
                for run in day.runs:
                    parts = guidance.workout(
                        run.type, plan.level, run.minutes, week.phase, plan.distance
                    )
                    if run.type != "race":
                        assert sum(m for m, _ in parts) == run.minutes, (plan.id, run)
                    assert all(m > 0 for m, _ in parts)
                    assert run.workout == guidance.workout_text(
                        run.type, plan.level, run.minutes, week.phase, plan.distance
                    )
                    assert run.effort == guidance.sessions[run.type].effort


def test_quality_sessions_have_a_main_set_and_peak_long_runs_a_race_pace_finish() -> None:
    plan = next(p for p in published() if p.id == "half-intermediate-4d-home")
    workouts = {r.type: r.workout for w in plan.weeks for d in w.days for r in d.runs}
    assert re.match(r"10 min easy, \d x 8 min at tempo effort, each followed by 2 min jog, "
                    r"\d+ min easy$", workouts["tempo"])  # fmt: skip
    assert "x 1 min uphill at a hard effort, each followed by 2 min jog" in workouts["hills"]
    long_runs = [
        (w.phase, r.workout) for w in plan.weeks for d in w.days for r in d.runs if r.type == "long"
    ]
    assert all(("at goal race pace" in text) == (phase == "peak") for phase, text in long_runs)


def _guidance_errors(file: str, old: str, new: str) -> list[str]:
    texts = {name: (ROOT / name).read_text() for name in (SESSIONS_FILE, WARMUP_FILE, LOADS_FILE)}
    assert old in texts[file]
    texts[file] = texts[file].replace(old, new, 1)
    diagnostics = Diagnostics()
    located = {}
    for name, spec in ((SESSIONS_FILE, sessions_schema()), (WARMUP_FILE, warmup_schema()),
                       (LOADS_FILE, loads_schema())):  # fmt: skip
        data = load_located(texts[name], name, diagnostics)
        assert data is not None and validate(data, spec, diagnostics)
        located[name] = data
    result = parse_guidance(
        located[SESSIONS_FILE], located[WARMUP_FILE], located[LOADS_FILE], diagnostics
    )
    assert result is None
    return [f"{d.location.path}:{d.location.line}: {d.message}" for d in diagnostics.items]


@pytest.mark.parametrize(
    ("file", "old", "new", "message", "at"),
    [
        (SESSIONS_FILE, "  rpe: 6-7\n", "  rpe: six\n", "tempo.rpe: 'six' is not an RPE",
         "rpe: six"),
        (SESSIONS_FILE, "{work: 300, rest: 120,", "{work: 300, rest: 100,",
         "tempo.repeats.levels.beginner: work + rest must be whole minutes", "rest: 100"),
        (WARMUP_FILE, "    minutes: 1\n", "    minutes: 4\n",
         "the warm-up lasts 10 min; R20 asks for 5-8", "phases:\n  - phase: raise"),
        (WARMUP_FILE, "  - phase: raise\n", "  - phase: mobilise\n",
         "phases[0] must be raise", "phase: mobilise"),
    ],
)  # fmt: skip
def test_bad_guidance_is_reported_at_its_line(
    file: str, old: str, new: str, message: str, at: str
) -> None:
    errors = _guidance_errors(file, old, new)
    text = (ROOT / file).read_text().replace(old, new, 1)
    where = f"{file}:{_line(text, at)}: "
    assert any(e.startswith(where) and message in e for e in errors), (where, errors)


def test_every_load_splits_into_the_parts_it_was_made_of() -> None:
    """The plan page states a session's effort and no-weights advice once: split_load must be
    the exact inverse of load, and find the no-weights advice wherever a plan gives one."""
    guidance = library().settings.guidance
    assert guidance is not None
    tips = set(guidance.loads.without_weights.values())
    seen_tip = seen_harder = False
    for plan in published():
        for week in plan.weeks:
            for _day, session in lifts(week):
                for item in session.exercises:
                    effort, tip, harder = guidance.split_load(item.load)
                    rebuilt = (
                        effort + (f". {tip}" if tip else "") + (f" ({harder})" if harder else "")
                    )
                    assert rebuilt == item.load
                    assert (tip in tips) if tip else not any(t in item.load for t in tips)
                    seen_tip, seen_harder = seen_tip or bool(tip), seen_harder or bool(harder)
    assert seen_tip and seen_harder


def test_plans_pickle_through_their_constructors_and_come_back_equal() -> None:
    """The build cache stores the plans pickled: each comes back equal, derived fields (a
    day's runs and sessions) made again, and small objects are stored as constructor calls."""
    plans = published()
    restored = pickle.loads(pickle.dumps(plans, protocol=pickle.HIGHEST_PROTOCOL))
    assert restored == plans
    assert [p.to_json() for p in restored] == [p.to_json() for p in plans]
    day = plans[0].weeks[0].days[0]
    back = restored[0].weeks[0].days[0]
    assert (back.runs, back.strength, back.mobility) == (day.runs, day.strength, day.mobility)
    assert day.__reduce__()[0] is type(day)


def test_a_distance_reads_lowercase_mid_sentence_but_5k_and_10k_keep_their_capitals() -> None:
    """The plan page's summary says "a 12-week half marathon plan", "an 8-week 5K plan"."""
    from generator.render.plan_pages import _in_sentence

    titles = {d.title for d in library().settings.distances.values()}
    assert {_in_sentence(t) for t in titles} == {"5K", "10K", "half marathon", "marathon"}
