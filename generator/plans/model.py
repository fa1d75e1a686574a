"""A training plan as immutable records, and its public JSON form.

The generator builds these and the rule checker reads them; pages and the
JSON export go through :meth:`Plan.to_json`, the one public contract. Derived
facts (a run being key, a week being a loading week, where the race is) are
properties rather than stored fields, so a plan can never contradict itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from generator.core.pickling import pickled_by_fields

DISTANCES = ("5k", "10k", "half", "marathon")
RUN_DAYS = (3, 4, 5, 6)
EQUIPMENT_LEVELS = ("bodyweight", "home", "gym")
PHASES = ("base", "build", "peak", "taper")
INTENSITIES = ("heavy", "moderate", "light")
RUN_TYPES = ("easy", "long", "tempo", "intervals", "hills", "strides", "recovery", "race")
QUALITY_TYPES = ("tempo", "intervals", "hills", "strides")
KEY_TYPES = ("tempo", "intervals", "hills", "long")
DAYS_PER_WEEK = 7
DEFINITIONS_ROUTE = "plans/run-sessions/"  # the page defining every run session type
WARMUP_ROUTE = "plans/warm-up/"  # the strength warm-up's page


def plan_id(distance: str, level: str, run_days: int, equipment: str) -> str:
    """The plan's slug, e.g. ``marathon-intermediate-5d-gym``; also its URL."""
    return f"{distance}-{level}-{run_days}d-{equipment}"


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class PlanSpec:
    """What a reader asks for. ``weeks``/``taper_days`` default to the distance's settings."""

    distance: str
    level: str
    run_days: int
    equipment: str
    weeks: int | None = None
    taper_days: int | None = None

    @property
    def id(self) -> str:
        return plan_id(self.distance, self.level, self.run_days, self.equipment)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class RunSession:
    """A run; ``workout`` says what to do and ``effort`` how hard (R19)."""

    type: str
    minutes: int
    workout: str = ""
    effort: str = ""

    @property
    def key(self) -> bool:
        """Key sessions are the ones the rest of the week is arranged around."""
        return self.type in KEY_TYPES

    @property
    def definition(self) -> str:
        """Where the session type is defined: a site-relative URL with an anchor."""
        return f"{DEFINITIONS_ROUTE}#{self.type}"

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": "run",
            "type": self.type,
            "minutes": self.minutes,
            "key": self.key,
            "workout": self.workout,
            "effort": self.effort,
            "definition": self.definition,
        }


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class PlanExercise:
    """One exercise card as prescribed: ``reps`` is the dose text after ``x``."""

    slug: str
    sets: int
    reps: str
    load: str = ""  # how heavy (R20); set on strength-session exercises only

    @property
    def each_side(self) -> bool:
        return self.reps.endswith("each side")

    @property
    def reps_high(self) -> int:
        """The top of the rep range (``8-10`` gives 10), the conservative count."""
        return int(self.reps.split(" ")[0].split("-")[-1])

    @property
    def foot_contacts(self) -> int:
        """Sets x reps, doubled when done on each side (meaningful for plyometric cards)."""
        return self.sets * self.reps_high * (2 if self.each_side else 1)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"slug": self.slug, "sets": self.sets, "reps": self.reps}
        if self.load:
            data["load"] = self.load
        return data


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class WarmupItem:
    """One warm-up exercise: a card (``slug``) or just a name."""

    phase: str
    name: str
    slug: str | None
    sets: int
    reps: str

    def to_json(self) -> dict[str, Any]:
        return {
            "phase": self.phase,
            "name": self.name,
            "slug": self.slug,
            "sets": self.sets,
            "reps": self.reps,
        }


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Warmup:
    """The routine a strength session starts with (R20)."""

    id: str
    minutes: int
    items: tuple[WarmupItem, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "minutes": self.minutes,
            "url": WARMUP_ROUTE,
            "exercises": [i.to_json() for i in self.items],
        }


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Requirements:
    """Who a plan is for: the running it assumes on day one, and when to pick a lower level."""

    run_days: int
    weekly_minutes: int
    long_run_minutes: int
    summary: str
    lower_level: str

    def to_json(self) -> dict[str, Any]:
        return {
            "run_days": self.run_days,
            "weekly_run_minutes": self.weekly_minutes,
            "long_run_minutes": self.long_run_minutes,
            "summary": self.summary,
            "lower_level": self.lower_level,
        }


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class StrengthSession:
    """A gym session; ``hours_after_run`` is set when it shares the day with a run."""

    intensity: str
    lower_body: bool
    plyo_contacts: int
    exercises: tuple[PlanExercise, ...]
    hours_after_run: int | None = None
    note: str = ""
    warmup: Warmup | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": "strength",
            "intensity": self.intensity,
            "lower_body": self.lower_body,
            "plyo_contacts": self.plyo_contacts,
            "warmup": self.warmup.to_json() if self.warmup else None,
            "exercises": [e.to_json() for e in self.exercises],
            "hours_after_run": self.hours_after_run,
            "note": self.note,
        }


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class MobilitySession:
    minutes: int
    exercises: tuple[PlanExercise, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": "mobility",
            "minutes": self.minutes,
            "exercises": [e.to_json() for e in self.exercises],
        }


Session = RunSession | StrengthSession | MobilitySession


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Day:
    """One day (1 = Monday .. 7 = Sunday); sessions in the order they are done.

    ``runs``, ``strength`` and ``mobility`` are views of ``sessions`` by kind,
    derived once because the rules ask for them on every day of every plan.
    """

    day: int
    sessions: tuple[Session, ...] = ()
    runs: tuple[RunSession, ...] = field(init=False, repr=False, compare=False)
    strength: tuple[StrengthSession, ...] = field(init=False, repr=False, compare=False)
    mobility: tuple[MobilitySession, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        runs: list[RunSession] = []
        strength: list[StrengthSession] = []
        mobility: list[MobilitySession] = []
        for s in self.sessions:
            if isinstance(s, RunSession):
                runs.append(s)
            elif isinstance(s, StrengthSession):
                strength.append(s)
            else:
                mobility.append(s)
        object.__setattr__(self, "runs", tuple(runs))
        object.__setattr__(self, "strength", tuple(strength))
        object.__setattr__(self, "mobility", tuple(mobility))

    def has_run(self, *types: str) -> bool:
        return any(r.type in types for r in self.runs)

    @property
    def run_minutes(self) -> int:
        """Training volume: the race itself does not count."""
        return sum(r.minutes for r in self.runs if r.type != "race")

    def to_json(self) -> dict[str, Any]:
        return {"day": self.day, "sessions": [s.to_json() for s in self.sessions]}


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Week:
    number: int
    phase: str
    block: str
    deload: bool
    days: tuple[Day, ...]

    @property
    def loading(self) -> bool:
        """A normal training week: neither a deload week nor part of the taper."""
        return not self.deload and self.phase != "taper"

    @property
    def run_minutes(self) -> int:
        return sum(d.run_minutes for d in self.days)

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "phase": self.phase,
            "block": self.block,
            "deload": self.deload,
            "days": [d.to_json() for d in self.days],
        }


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Plan:
    id: str
    title: str
    distance: str
    level: str
    run_days: int
    equipment: str
    taper_days: int
    weeks: tuple[Week, ...]
    requirements: Requirements | None = None
    equipment_used: tuple[str, ...] = ()

    @property
    def weeks_total(self) -> int:
        return len(self.weeks)

    @property
    def race(self) -> tuple[int, int]:
        """(week, day) of the (last) race run; the last Sunday when a plan lacks one."""
        for week in reversed(self.weeks):
            for day in reversed(week.days):
                if day.has_run("race"):
                    return week.number, day.day
        return self.weeks_total, DAYS_PER_WEEK

    def calendar(self) -> Iterator[tuple[Week, Day]]:
        """Every day in date order."""
        for week in self.weeks:
            for day in week.days:
                yield week, day

    def to_json(self) -> dict[str, Any]:
        race_week, race_day = self.race
        return {
            "id": self.id,
            "title": self.title,
            "distance": self.distance,
            "level": self.level,
            "run_days": self.run_days,
            "equipment": self.equipment,
            "weeks_total": self.weeks_total,
            "taper_days": self.taper_days,
            "requirements": self.requirements.to_json() if self.requirements else None,
            "equipment_used": list(self.equipment_used),
            "weeks": [w.to_json() for w in self.weeks],
            "race": {"week": race_week, "day": race_day},
        }


def day_index(week: int, day: int) -> int:
    """Days since the start of the plan (week 1 Monday is 1), for gaps across weeks."""
    return (week - 1) * DAYS_PER_WEEK + day
