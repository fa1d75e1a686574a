"""A card's ``figure:`` mapping as typed positions, with every problem tied to its key path."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.core.diagnostics import did_you_mean
from generator.figures.vocabulary import (
    ANGLES,
    BASE_POSES,
    JOINTS,
    PARTS,
    PROPS,
    SIDED,
    SIDES,
    VIEWS,
)

KeyPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a figure: where in the ``figure`` mapping, what, how to fix it."""

    path: KeyPath
    message: str
    hint: str = ""


@dataclass(frozen=True, slots=True)
class Position:
    """One key position: every joint angle resolved, and where each value came from."""

    index: int
    name: str
    label: str
    pose: str
    angles: tuple[tuple[str, float], ...]  # "near-knee" etc., every joint
    sources: tuple[tuple[str, KeyPath], ...]  # angle name -> the key that set it
    contacts: tuple[tuple[str, str], ...]  # (part, surface)
    x: float
    lift: float

    def angle(self, name: str) -> float:
        return dict(self.angles)[name]

    def source(self, name: str) -> KeyPath:
        return dict(self.sources).get(name, ("figure", "positions", self.index, "pose"))


@dataclass(frozen=True, slots=True)
class Figure:
    """The parsed ``figure:`` block of a card."""

    view: str
    positions: tuple[Position, ...]
    props: tuple[tuple[str, float | None], ...]  # every prop used, with a fixed x when given


ROOT: KeyPath = ("figure",)
STEP_NAMES = {1: ("Start",), 2: ("Start", "End"), 3: ("Start", "Middle", "End"),
              4: ("Start", "Middle", "Middle", "End")}  # fmt: skip


def _unknown(path: KeyPath, what: str, value: str, choices: Any) -> Problem:
    return Problem(path, f"unknown {what} '{value}'", did_you_mean(value, choices))


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _angles(
    given: Mapping[str, Any], path: KeyPath, into: dict[str, float], sources: dict[str, KeyPath]
) -> list[Problem]:
    """Apply one layer of angles: names without a side set both sides, then sided names win."""
    problems: list[Problem] = []
    ordered = sorted(given.items(), key=lambda item: str(item[0]).startswith(SIDES))
    for name, value in ordered:
        where = (*path, name)
        if name not in ANGLES:
            problems.append(_unknown(where, "joint", str(name), ANGLES))
            continue
        if not _number(value):
            problems.append(Problem(where, f"angle '{name}' must be a number of degrees"))
            continue
        targets = [f"{side}-{name}" for side in SIDES] if name in SIDED else [name]
        for target in targets:
            into[target] = float(value)
            sources[target] = where
    return problems


def resolved_joints() -> tuple[str, ...]:
    """Every angle a position resolves: unsided joints, and each sided joint per side."""
    return tuple(j for j in JOINTS if j not in SIDED) + tuple(
        f"{s}-{j}" for s in SIDES for j in SIDED
    )


def parse_figure(data: Any) -> tuple[Figure | None, list[Problem]]:
    """The ``figure`` mapping as YAML gives it (plain dicts and lists) as a typed Figure."""
    if not isinstance(data, Mapping):
        return None, [
            Problem(
                ROOT, "figure must be a mapping", "see 'Drawing the movement' in docs/writing.md"
            )
        ]
    problems: list[Problem] = []
    view = data.get("view", "side")
    if view not in VIEWS:
        problems.append(_unknown((*ROOT, "view"), "view", str(view), VIEWS))
        view = "side"
    raw_positions = data.get("positions")
    if not isinstance(raw_positions, list) or not raw_positions:
        problems.append(Problem((*ROOT, "positions"), "figure needs a list of positions",
                                "add a start and an end position"))  # fmt: skip
        return None, problems
    names = STEP_NAMES.get(len(raw_positions), ())
    positions = []
    used: dict[str, None] = {}
    for i, raw in enumerate(raw_positions):
        position, found = _position(i, raw, names[i] if i < len(names) else f"Step {i + 1}")
        problems.extend(found)
        if position is not None:
            positions.append(position)
            used.update(dict.fromkeys(surface for _, surface in position.contacts))
    fixed: dict[str, float | None] = {}
    raw_props = data.get("props", {})
    if isinstance(raw_props, list):
        raw_props = dict.fromkeys(raw_props)
    if not isinstance(raw_props, Mapping):
        problems.append(
            Problem((*ROOT, "props"), "props must be a list or a mapping of prop to position")
        )
        raw_props = {}
    for name, x in raw_props.items():
        if name not in PROPS:
            problems.append(_unknown((*ROOT, "props", name), "prop", str(name), PROPS))
        elif x is not None and not _number(x):
            problems.append(
                Problem((*ROOT, "props", name), f"the position of '{name}' must be a number (H)")
            )
        else:
            fixed[str(name)] = None if x is None else float(x)
    props = {**dict.fromkeys(used), **fixed}
    props.pop("floor", None)
    if problems:
        return None, problems
    return Figure(str(view), tuple(positions), tuple(props.items())), problems


def _position(i: int, raw: Any, default_name: str) -> tuple[Position | None, list[Problem]]:
    path: KeyPath = (*ROOT, "positions", i)
    if not isinstance(raw, Mapping):
        return None, [Problem(path, "a position must be a mapping with pose: and label:")]
    problems: list[Problem] = []
    pose_name = raw.get("pose")
    base = BASE_POSES.get(str(pose_name))
    if base is None:
        return None, [_unknown((*path, "pose"), "base pose", str(pose_name), BASE_POSES)]
    label = raw.get("label")
    if not isinstance(label, str) or not label.strip():
        problems.append(Problem((*path, "label"), "a position needs a label",
                                "a short phrase, e.g. 'hips lifted until the body is straight'"))  # fmt: skip
        label = ""
    angles = dict.fromkeys(resolved_joints(), 0.0)
    sources: dict[str, KeyPath] = {}
    _angles(base.angles, (*path, "pose"), angles, {})  # unset sources point at pose:
    given = raw.get("angles", {})
    if not isinstance(given, Mapping):
        problems.append(Problem((*path, "angles"), "angles must be a mapping of joint to degrees"))
        given = {}
    problems.extend(_angles(given, (*path, "angles"), angles, sources))
    contacts = raw.get("contacts", base.contacts)
    if not isinstance(contacts, Mapping):
        problems.append(
            Problem((*path, "contacts"), "contacts must be a mapping of body part to surface")
        )
        contacts = {}
    for part, surface in contacts.items():
        if part not in PARTS:
            problems.append(_unknown((*path, "contacts", part), "body part", str(part), PARTS))
        elif surface not in PROPS:
            problems.append(_unknown((*path, "contacts", part), "surface", str(surface), PROPS))
    numbers = {}
    for key, default in (("x", 0.0), ("lift", base.lift)):
        value = raw.get(key, default)
        if not _number(value):
            problems.append(Problem((*path, key), f"{key} must be a number (fraction of height)"))
            value = default
        numbers[key] = float(value)
    name = raw.get("name", default_name)
    return Position(
        index=i,
        name=str(name),
        label=str(label).strip(),
        pose=str(pose_name),
        angles=tuple(angles.items()),
        sources=tuple(sources.items()),
        contacts=tuple((str(p), str(s)) for p, s in contacts.items()),
        x=numbers["x"],
        lift=numbers["lift"],
    ), problems
