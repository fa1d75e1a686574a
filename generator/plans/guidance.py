"""What a plan says about how to do each session: run workouts and efforts, the strength
warm-up and how heavy each exercise is (R19, R20).

The words and numbers live in ``content/plans/sessions.yaml``, ``warmup.yaml`` and
``loads.yaml``, each validated with a JSON Schema like the other plan inputs;
this module turns them into typed settings and writes a session's workout from
its type, level and minutes. The run-sessions and warm-up pages are drawn from
the same records, so a plan never says something its definitions do not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.content import schema
from generator.content.models import Dose, Exercise
from generator.content.schema import Schema
from generator.content.settings_file import read_settings
from generator.content.yamlsource import Located
from generator.core.diagnostics import Diagnostics
from generator.core.pickling import pickled_by_fields
from generator.plans import rules
from generator.plans.model import RUN_TYPES, Warmup, WarmupItem

SESSIONS_FILE = "content/plans/sessions.yaml"
WARMUP_FILE = "content/plans/warmup.yaml"
LOADS_FILE = "content/plans/loads.yaml"
SESSION_TYPES = (*RUN_TYPES, "race-pace")  # race-pace is defined, done inside long runs
WARMUP_PHASES = rules.WARMUP_PHASES
WARMUP_MINUTES = rules.WARMUP_MINUTES
LOAD_BLOCKS = (
    "hypertrophy",
    "strength",
    "strength-power",
    "power",
    "maintenance",
    "deload",
    "moderate",
)
LOAD_CATEGORIES = ("plyometric", "core", "balance", "mobility", "soft-tissue")
_RPE = re.compile(r"^(?:[1-9]|10)(?:-(?:[1-9]|10))?$")


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Repeats:
    """A main set: ``reps`` x ``work`` seconds, each followed by ``rest`` seconds."""

    work: int
    rest: int
    fewest: int
    most: int


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Finish:
    """The last minutes of a long run at race pace, where it applies."""

    minutes: int
    at: str
    levels: tuple[str, ...]
    distances: tuple[str, ...]
    phases: tuple[str, ...]


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class SessionType:
    slug: str
    title: str
    purpose: str
    rpe: str
    talk: str
    structure: dict[str, str]  # level -> one line
    steady: str = ""
    warm_up: int = 0
    cool_down: int = 0
    at_end: bool = False
    at: str = ""
    recovery: str = ""
    repeats: dict[str, Repeats] | None = None  # level -> main set
    finish: Finish | None = None

    @property
    def effort(self) -> str:
        return f"RPE {self.rpe}; talk test: {self.talk}"

    @property
    def anchor(self) -> str:
        return self.slug


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Loads:
    blocks: dict[str, str]
    holds: str  # timed strength exercises (isometric holds): effort and how to load them
    categories: dict[str, str]
    without_weights: dict[str, str]  # by block, with "default"


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class WarmupPhase:
    phase: str
    title: str
    minutes: int
    why: str
    items: tuple[WarmupItem, ...]


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class WarmupRoutine:
    id: str
    title: str
    summary: str
    phases: tuple[WarmupPhase, ...]

    @property
    def minutes(self) -> int:
        return sum(p.minutes for p in self.phases)

    def session(self) -> Warmup:
        """What a strength session carries: the routine's id, length and exercises."""
        items = tuple(i for p in self.phases for i in p.items)
        return Warmup(self.id, self.minutes, items)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Guidance:
    sessions: dict[str, SessionType]
    warmup: WarmupRoutine
    loads: Loads

    def workout(
        self, run_type: str, level: str, minutes: int, phase: str, distance: str
    ) -> tuple[tuple[int, str], ...]:
        """The run as (minutes, what to do) parts that add up to ``minutes``."""
        kind = self.sessions[run_type]
        if run_type == "race":
            return ((minutes, kind.structure[level]),)
        sets = kind.repeats.get(level) if kind.repeats else None
        if sets is None:
            finish = kind.finish
            if (
                finish is not None
                and level in finish.levels
                and distance in finish.distances
                and phase in finish.phases
                and minutes >= 2 * finish.minutes
            ):
                return (
                    (minutes - finish.minutes, kind.steady),
                    (finish.minutes, f"at {finish.at}"),
                )
            return ((minutes, kind.steady),)
        return _repeats(kind, sets, minutes)

    def workout_text(
        self, run_type: str, level: str, minutes: int, phase: str, distance: str
    ) -> str:
        parts = self.workout(run_type, level, minutes, phase, distance)
        if run_type == "race":
            return parts[0][1]
        return ", ".join(text if " x " in text else f"{m} min {text}" for m, text in parts)

    def effort(self, run_type: str) -> str:
        return self.sessions[run_type].effort

    def load(
        self, card: Exercise, block: str, deload: bool, harder: Exercise | None, easier: bool
    ) -> str:
        """How heavy: an effort target and, for strength cards with no weights, how to load them.
        ``easier`` marks a moderate session in a heavy block: it stops further from failure."""
        if card.category in self.loads.categories:
            return self.loads.categories[card.category]
        if card.dose[rules.dose_block(block)].reps.split(" ")[1:2] == ["s"]:
            return self.loads.holds
        key = "deload" if deload else "moderate" if easier and block != "hypertrophy" else block
        effort = self.loads.blocks.get(key, self.loads.blocks[block])
        if not rules.unloaded(card):
            return effort
        tips = self.loads.without_weights
        tip = tips.get(block, tips["default"])
        if harder is not None:
            tip += (
                f" ({harder.title[:1].lower()}{harder.title[1:]})"  # "single-leg Romanian deadlift"
            )
        return f"{effort}. {tip}"

    def split_load(self, text: str) -> tuple[str, str, str]:
        """The inverse of :meth:`load`: (effort target, how to load it without weights, the
        harder variation named); the plan page states the shared parts once per session."""
        for tip in sorted(set(self.loads.without_weights.values()), key=len, reverse=True):
            effort, found, harder = text.partition(f". {tip}")
            if found and (not harder or (harder.startswith(" (") and harder.endswith(")"))):
                return effort, tip, harder[2:-1]
        return text, "", ""


def _repeats(kind: SessionType, sets: Repeats, minutes: int) -> tuple[tuple[int, str], ...]:
    """Warm-up, as many repeats as fit (within the level's range), easy running to finish.

    Every repeat counts its recovery, so a set is a whole number of minutes; when
    a run is too short for the fewest repeats (a taper shakeout), it keeps as
    many as fit, at least one.
    """
    block = (sets.work + sets.rest) // 60
    warm_up = kind.warm_up if minutes >= kind.warm_up + kind.cool_down + block * sets.fewest else 5
    warm_up = min(warm_up, max(0, minutes - block))
    room = (
        minutes - warm_up - (0 if kind.at_end else min(kind.cool_down, minutes - warm_up - block))
    )
    reps = max(1, min(sets.most, room // block))
    main = reps * block
    rest = minutes - warm_up - main
    work = _seconds(sets.work)
    recovery = f"{_seconds(sets.rest)} {kind.recovery}"
    main_text = f"{reps} x {work} {kind.at}, each followed by {recovery}"
    easy = "easy"
    if kind.at_end:
        parts = [(warm_up + rest, easy), (main, main_text)]
    else:
        parts = [(warm_up, easy), (main, main_text), (rest, easy)]
    return tuple((m, t) for m, t in parts if m > 0)


def _seconds(seconds: int) -> str:
    return f"{seconds // 60} min" if seconds % 60 == 0 else f"{seconds} s"


# Schemas --------------------------------------------------------------------------------


def _text(description: str) -> Schema:
    return {"type": "string", "minLength": 1, "description": description}


def _int(low: int, high: int, description: str) -> Schema:
    return {"type": "integer", "minimum": low, "maximum": high, "description": description}


def _record(
    properties: dict[str, Schema], description: str, optional: tuple[str, ...] = ()
) -> Schema:
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": [k for k in properties if k not in optional],
        "additionalProperties": False,
    }


def _top(schema_: Schema, title: str) -> Schema:
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **schema_}


def _names(values: tuple[str, ...], description: str) -> Schema:
    return {
        "type": "array",
        "items": {"type": "string", "enum": list(values), "description": description},
        "minItems": 1,
        "uniqueItems": True,
        "description": description,
    }


def sessions_schema() -> Schema:
    """``content/plans/sessions.yaml``."""
    from generator.plans.model import DISTANCES, PHASES

    levels = schema.LEVELS
    per_level = _record(dict.fromkeys(levels, _text("One line.")), "One line per level.")
    repeat = _record(
        {
            "work": _int(10, 1800, "Seconds of work."),
            "rest": _int(0, 600, "Seconds of recovery after each repeat."),
            "reps": {
                "type": "array",
                "items": _int(1, 20, "Repeats."),
                "minItems": 2,
                "maxItems": 2,
                "description": "Fewest and most repeats.",
            },
        },
        "A main set for one level.",
    )
    repeats = _record(
        {
            "warm_up": _int(0, 30, "Minutes of easy running first."),
            "cool_down": _int(0, 30, "Shortest easy running after the set."),
            "placement": {"type": "string", "enum": ["middle", "end"], "description": "Where."},
            "at": _text("What the work is done at."),
            "recovery": _text("What the recovery is."),
            "levels": _record(dict.fromkeys(levels, repeat), "Main set per level."),
        },
        "How the main set is built.",
        optional=("placement",),
    )
    finish = _record(
        {
            "minutes": _int(5, 60, "Minutes at race pace at the end."),
            "at": _text("The pace."),
            "levels": _names(levels, "Levels."),
            "distances": _names(DISTANCES, "Distances."),
            "phases": _names(PHASES, "Phases."),
        },
        "A race-pace finish.",
    )
    session = _record(
        {
            "title": _text("The name readers see."),
            "purpose": _text("What the session is for."),
            "rpe": _text("RPE on the 1-10 scale: a number or a range, e.g. 6-7."),
            "talk": _text("The talk test."),
            "structure": per_level,
            "steady": _text("How a continuous run is described."),
            "repeats": repeats,
            "finish": finish,
        },
        "One run session type.",
        optional=("steady", "repeats", "finish"),
    )
    ref = {"$ref": "#/$defs/session"}
    top = _top(_record(dict.fromkeys(SESSION_TYPES, ref), "Run sessions"), "Run sessions")
    return {**top, "$defs": {"session": session}}


def warmup_schema() -> Schema:
    """``content/plans/warmup.yaml``."""
    item = _record(
        {
            "name": _text("What to do."),
            "slug": {"type": "string", "pattern": schema.SLUG_PATTERN, "description": "A card."},
            "dose": {
                "type": "string",
                "pattern": schema.DOSE_PATTERN,
                "description": "SETS x REPS",
            },
        },
        "One warm-up exercise.",
        optional=("slug",),
    )
    phase = _record(
        {
            "phase": {"type": "string", "enum": list(WARMUP_PHASES), "description": "Phase."},
            "title": _text("Title."),
            "minutes": _int(1, 5, "Minutes."),
            "why": _text("Why."),
            "items": {"type": "array", "items": item, "minItems": 1, "description": "Exercises."},
        },
        "One phase of the warm-up.",
    )
    phases = {
        "type": "array",
        "items": phase,
        "minItems": len(WARMUP_PHASES),
        "maxItems": len(WARMUP_PHASES),
        "description": "Raise, activate, mobilise, ramp-up, in that order.",
    }
    return _top(
        _record(
            {
                "id": {"type": "string", "pattern": schema.SLUG_PATTERN, "description": "Id."},
                "title": _text("Title."),
                "summary": _text("Summary."),
                "phases": phases,
            },
            "The strength warm-up",
        ),
        "Strength warm-up",
    )


def loads_schema() -> Schema:
    """``content/plans/loads.yaml``."""
    return _top(
        _record(
            {
                "blocks": _record(dict.fromkeys(LOAD_BLOCKS, _text("Effort.")), "By block."),
                "holds": _text("Effort for timed holds, and how to load them."),
                "categories": _record(
                    dict.fromkeys(LOAD_CATEGORIES, _text("Effort.")), "By category."
                ),
                "without_weights": {
                    "type": "object",
                    "description": "How to make a bodyweight exercise heavy, by block.",
                    "properties": {b: _text("How to load it.") for b in ("default", *LOAD_BLOCKS)},
                    "required": ["default"],
                    "additionalProperties": False,
                },
            },
            "How heavy",
        ),
        "Strength loads",
    )


# Loading --------------------------------------------------------------------------------


def load_guidance(root: Path, diagnostics: Diagnostics) -> Guidance | None:
    """Read and check the three guidance files; None when any is unusable."""
    sessions = read_settings(root, SESSIONS_FILE, sessions_schema(), diagnostics)
    warmup = read_settings(root, WARMUP_FILE, warmup_schema(), diagnostics)
    loads = read_settings(root, LOADS_FILE, loads_schema(), diagnostics)
    if sessions is None or warmup is None or loads is None:
        return None
    return parse_guidance(sessions, warmup, loads, diagnostics)


def parse_guidance(
    sessions: Located, warmup: Located, loads: Located, diagnostics: Diagnostics
) -> Guidance | None:
    """Typed guidance from schema-valid data, after the checks a schema cannot express."""
    errors = len(diagnostics.items)
    types = {slug: _session(slug, sessions, diagnostics) for slug in SESSION_TYPES}
    routine = _warmup(warmup, diagnostics)
    data: dict[str, Any] = loads.data
    result = Guidance(
        types,
        routine,
        Loads(
            dict(data["blocks"]),
            _clean(data["holds"]),
            dict(data["categories"]),
            {k: _clean(v) for k, v in data["without_weights"].items()},
        ),
    )
    return result if len(diagnostics.items) == errors else None


def _clean(text: str) -> str:
    return " ".join(str(text).split())


def _session(slug: str, located: Located, diagnostics: Diagnostics) -> SessionType:
    data: dict[str, Any] = located.data[slug]
    repeats = data.get("repeats")
    sets: dict[str, Repeats] | None = None
    if repeats is not None:
        sets = {}
        for level, item in repeats["levels"].items():
            fewest, most = item["reps"]
            if (item["work"] + item["rest"]) % 60 or fewest > most:
                diagnostics.error(
                    located.location((slug, "repeats", "levels", level)),
                    f"{slug}.repeats.levels.{level}: work + rest must be whole minutes and "
                    "the fewest repeats no more than the most",
                )
            sets[level] = Repeats(item["work"], item["rest"], fewest, most)
    if not _RPE.match(str(data["rpe"])):
        diagnostics.error(
            located.location((slug, "rpe")),
            f"{slug}.rpe: {data['rpe']!r} is not an RPE: a number or a range from 1 to 10, "
            "e.g. 6-7",
        )
    if repeats is None and "steady" not in data and slug not in ("race", "race-pace"):
        diagnostics.error(located.location((slug,)), f"{slug}: needs steady or repeats")
    finish = data.get("finish")
    return SessionType(
        slug=slug,
        title=data["title"],
        purpose=_clean(data["purpose"]),
        rpe=data["rpe"],
        talk=_clean(data["talk"]),
        structure={k: _clean(v) for k, v in data["structure"].items()},
        steady=data.get("steady", ""),
        warm_up=repeats["warm_up"] if repeats else 0,
        cool_down=repeats["cool_down"] if repeats else 0,
        at_end=bool(repeats and repeats.get("placement") == "end"),
        at=repeats["at"] if repeats else "",
        recovery=repeats["recovery"] if repeats else "",
        repeats=sets,
        finish=None
        if finish is None
        else Finish(
            finish["minutes"],
            finish["at"],
            tuple(finish["levels"]),
            tuple(finish["distances"]),
            tuple(finish["phases"]),
        ),
    )


def _warmup(located: Located, diagnostics: Diagnostics) -> WarmupRoutine:
    data: dict[str, Any] = located.data
    phases = []
    for i, item in enumerate(data["phases"]):
        if item["phase"] != WARMUP_PHASES[i]:
            diagnostics.error(
                located.location(("phases", i, "phase")),
                f"phases[{i}] must be {WARMUP_PHASES[i]} (raise, activate, mobilise, ramp-up)",
            )
        items = []
        for entry in item["items"]:
            dose = Dose.parse(entry["dose"])
            items.append(
                WarmupItem(item["phase"], entry["name"], entry.get("slug"), dose.sets, dose.reps)
            )
        phases.append(
            WarmupPhase(
                item["phase"], item["title"], item["minutes"], _clean(item["why"]), tuple(items)
            )
        )
    routine = WarmupRoutine(data["id"], data["title"], _clean(data["summary"]), tuple(phases))
    low, high = WARMUP_MINUTES
    if not low <= routine.minutes <= high:
        diagnostics.error(
            located.location(("phases",)),
            f"the warm-up lasts {routine.minutes} min; R20 asks for {low}-{high}",
        )
    return routine
