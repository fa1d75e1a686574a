"""Plan inputs: ``content/plans/distances.yaml`` and ``equipment.yaml`` as typed settings.

The tunable numbers live in YAML so a coach can change them without touching
code; everything is validated here, with a JSON Schema first and then the
cross-field checks a schema cannot express, each error pointing at the
offending ``path:line`` like every other content error.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from generator.content import schema
from generator.content.schema import Schema
from generator.content.settings_file import read_settings
from generator.content.yamlsource import Located, PathKey
from generator.core.diagnostics import Diagnostics
from generator.core.pickling import pickled_by_fields
from generator.plans.guidance import Guidance, load_guidance
from generator.plans.model import (
    DAYS_PER_WEEK,
    DISTANCES,
    EQUIPMENT_LEVELS,
    PHASES,
    QUALITY_TYPES,
)
from generator.plans.rules import LONG_MAX_MINUTES
from generator.plans.shape import shape_problem

DISTANCES_FILE = "content/plans/distances.yaml"
EQUIPMENT_FILE = "content/plans/equipment.yaml"
TRAINING_PHASES = PHASES[:-1]  # the taper's length comes from taper_days
BUILD_BLOCKS = schema.BLOCKS[:-1]  # maintenance's length comes from maintenance_weeks
SHORTEST_RUNS = {"long": 30, "quality": 20, "easy": 20}  # below these a week cannot taper


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Span:
    """Minutes in week 1 and at the peak loading week."""

    start: int
    peak: int

    def at(self, progress: float) -> float:
        return self.start + (self.peak - self.start) * progress


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Choice:
    """A number a reader may choose within a range, and its default."""

    default: int
    min: int
    max: int

    def values(self) -> range:
        return range(self.min, self.max + 1)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class LevelRuns:
    long: Span
    quality: Span
    easy: Span
    race: int


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class DistanceSettings:
    slug: str
    title: str
    weeks: Choice
    taper_days: Choice
    maintenance_weeks: int
    phases: tuple[int, ...]  # shares, in TRAINING_PHASES order
    strength_blocks: tuple[int, ...]  # shares, in BUILD_BLOCKS order
    quality: dict[str, tuple[str, ...]]  # phase -> session types
    runs: dict[str, LevelRuns]  # level -> minutes
    intro: str


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class EquipmentLevel:
    slug: str
    title: str
    items: frozenset[str]


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class PlanSettings:
    distances: dict[str, DistanceSettings]
    equipment: dict[str, EquipmentLevel]
    guidance: Guidance | None = None  # sessions, warm-up and loads; plans need it


def _int(minimum: int, maximum: int, description: str) -> Schema:
    return {"type": "integer", "minimum": minimum, "maximum": maximum, "description": description}


def _record(properties: dict[str, Schema], description: str) -> Schema:
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def _top(properties: dict[str, Schema], title: str) -> Schema:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": title,
        **_record(properties, title),
    }


def distances_schema() -> Schema:
    """``content/plans/distances.yaml``."""

    def span(shortest: int) -> Schema:
        minutes = _int(shortest, 600, f"Minutes, at least {shortest}.")
        return _record({"start": minutes, "peak": minutes}, "Minutes in week 1 and at the peak.")

    runs = _record(
        {name: span(shortest) for name, shortest in SHORTEST_RUNS.items()}
        | {"race": _int(10, 600, "Expected finishing time in minutes.")},
        "Run minutes for a level.",
    )
    number = _int(1, 60, "A whole number.")
    choice = _record(
        {"default": number, "min": number, "max": number},
        "A default and the range a reader may choose.",
    )
    quality = {
        "type": "array",
        "items": {"type": "string", "enum": list(QUALITY_TYPES), "description": "Session type."},
        "minItems": 1,
        "maxItems": 2,
        "description": "Tuesday's and Thursday's quality sessions.",
    }
    distance = _record(
        {
            "title": {"type": "string", "minLength": 1, "description": "The name readers see."},
            "weeks": choice,
            "taper_days": choice,
            "maintenance_weeks": _int(1, 10, "Final weeks of maintenance strength work."),
            "phases": _record({p: _int(1, 20, "Share.") for p in TRAINING_PHASES}, "Shares."),
            "strength_blocks": _record({b: _int(1, 20, "Share.") for b in BUILD_BLOCKS}, "Shares."),
            "quality": _record(dict.fromkeys(PHASES, quality), "Quality sessions by phase."),
            "runs": _record(dict.fromkeys(schema.LEVELS, runs), "Run minutes by level."),
            "intro": {"type": "string", "minLength": 1, "description": "The plan's logic."},
        },
        "One race distance.",
    )
    return _top(dict.fromkeys(DISTANCES, distance), "Plan distances")


def equipment_schema() -> Schema:
    """``content/plans/equipment.yaml``."""
    level = _record(
        {
            "title": {"type": "string", "minLength": 1, "description": "The name readers see."},
            "items": {
                "type": "array",
                "items": {"type": "string", "enum": list(schema.EQUIPMENT), "description": "Item."},
                "minItems": 1,
                "uniqueItems": True,
                "description": "Equipment items this level allows.",
            },
        },
        "One plan equipment level.",
    )
    return _top(dict.fromkeys(EQUIPMENT_LEVELS, level), "Plan equipment levels")


def load_plan_settings(root: Path, diagnostics: Diagnostics) -> PlanSettings | None:
    """Read and check every plan input file below ``root``; None when any is unusable."""
    distances = read_settings(root, DISTANCES_FILE, distances_schema(), diagnostics)
    equipment = read_settings(root, EQUIPMENT_FILE, equipment_schema(), diagnostics)
    guidance = load_guidance(root, diagnostics)
    if distances is None or equipment is None or guidance is None:
        return None
    return parse_plan_settings(distances, equipment, diagnostics, guidance)


def parse_plan_settings(
    distances: Located,
    equipment: Located,
    diagnostics: Diagnostics,
    guidance: Guidance | None = None,
) -> PlanSettings | None:
    """Typed settings from schema-valid data, after the cross-field checks."""
    errors = len(diagnostics.items)
    result = PlanSettings(
        {slug: _distance(slug, distances, diagnostics) for slug in DISTANCES},
        _equipment(equipment, diagnostics),
        guidance,
    )
    return result if len(diagnostics.items) == errors else None


class _Checker:
    """Cross-field checks on one schema-valid file, each error at its own line."""

    def __init__(self, located: Located, diagnostics: Diagnostics) -> None:
        self.located = located
        self.diagnostics = diagnostics

    def require(self, ok: bool, key: PathKey, message: str) -> None:
        if not ok:
            self.diagnostics.error(self.located.location(key), message)


def _choice(data: dict[str, Any]) -> Choice:
    return Choice(data["default"], data["min"], data["max"])


def _span(data: dict[str, Any]) -> Span:
    return Span(data["start"], data["peak"])


def _distance(slug: str, located: Located, diagnostics: Diagnostics) -> DistanceSettings:
    data: dict[str, Any] = located.data[slug]
    check = _Checker(located, diagnostics)
    weeks, taper = _choice(data["weeks"]), _choice(data["taper_days"])
    for name, value in (("weeks", weeks), ("taper_days", taper)):
        check.require(
            value.min <= value.default <= value.max,
            (slug, name),
            f"{slug}.{name}: need min <= default <= max",
        )
    check.require(
        taper.min >= DAYS_PER_WEEK,
        (slug, "taper_days", "min"),
        f"{slug}.taper_days.min: a taper lasts at least {DAYS_PER_WEEK} days",
    )
    maintenance = data["maintenance_weeks"]
    needed = max(2, math.ceil(taper.max / DAYS_PER_WEEK))
    check.require(
        maintenance >= needed,
        (slug, "maintenance_weeks"),
        f"{slug}.maintenance_weeks must cover the whole taper and the week before race week "
        f"({needed} or more)",
    )
    # Every plan length and taper must leave two strength blocks of two loading weeks (R23).
    problems = [
        problem
        for length in weeks.values()
        for days in taper.values()
        if (problem := shape_problem(length, days, maintenance, slug)) is not None
    ]
    check.require(
        not problems,
        (slug, "weeks", "min"),
        f"{slug}.weeks: {problems[0] if problems else ''}",
    )
    check.require(
        weeks.min - math.ceil(taper.max / DAYS_PER_WEEK) >= len(TRAINING_PHASES),
        (slug, "weeks", "min"),
        f"{slug}.weeks.min leaves too few weeks before the taper for {', '.join(TRAINING_PHASES)}",
    )
    runs: dict[str, LevelRuns] = {}
    for level in schema.LEVELS:
        item = data["runs"][level]
        longest = min(LONG_MAX_MINUTES, item["long"]["peak"])
        check.require(
            slug != "marathon" or item["race"] >= longest,
            (slug, "runs", level, "race"),
            f"{slug}.runs.{level}.race: a marathon's long run may not be longer than the race "
            f"(R16): at least {longest} minutes, or a shorter long-run peak",
        )
        for kind in SHORTEST_RUNS:
            check.require(
                item[kind]["start"] <= item[kind]["peak"],
                (slug, "runs", level, kind),
                f"{slug}.runs.{level}.{kind}: start is longer than peak",
            )
        runs[level] = LevelRuns(
            _span(item["long"]), _span(item["quality"]), _span(item["easy"]), item["race"]
        )
    return DistanceSettings(
        slug=slug,
        title=data["title"],
        weeks=weeks,
        taper_days=taper,
        maintenance_weeks=maintenance,
        phases=tuple(data["phases"][p] for p in TRAINING_PHASES),
        strength_blocks=tuple(data["strength_blocks"][b] for b in BUILD_BLOCKS),
        quality={p: tuple(data["quality"][p]) for p in PHASES},
        runs=runs,
        intro=" ".join(data["intro"].split()),
    )


def _equipment(located: Located, diagnostics: Diagnostics) -> dict[str, EquipmentLevel]:
    check = _Checker(located, diagnostics)
    levels = {
        slug: EquipmentLevel(slug, item["title"], frozenset(item["items"]))
        for slug, item in ((s, located.data[s]) for s in EQUIPMENT_LEVELS)
    }
    for slug, level in levels.items():
        check.require(
            "bodyweight" in level.items, (slug, "items"), f"{slug}.items must include bodyweight"
        )
    for narrow, wide in pairwise(EQUIPMENT_LEVELS):
        missing = sorted(levels[narrow].items - levels[wide].items)
        check.require(
            not missing,
            (wide, "items"),
            f"{wide}.items lacks {', '.join(missing)}, which {narrow} allows",
        )
    return levels
