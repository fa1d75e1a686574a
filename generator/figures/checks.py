"""Is the pose humanly possible? Ranges, contacts, the floor, props and the frame.

Each check returns :class:`Problem` values that carry the key path inside the
card's ``figure`` mapping, so the loader reports them at the line of the angle,
contact or position at fault.
"""

from __future__ import annotations

import math

from generator.figures.kinematics import RADIUS, Layout, Placed, Point, supports, surface_top
from generator.figures.model import Problem
from generator.figures.vocabulary import (
    FRAME_HEIGHT,
    FRAME_WIDTH,
    JOINTS,
    PARTS,
    PROPS,
    TOLERANCE,
)  # fmt: skip

CM_PER_H = 175  # the figure's height in centimetres, for messages only
BENCH_SLAB = 0.05  # thickness of a bench top (H): the space under it is free
SHARED = frozenset({"medicine-ball", "kettlebell"})  # held in both hands at once


def _cm(h: float) -> str:
    return f"{round(abs(h) * CM_PER_H)} cm"


def _radius(point: str) -> float:
    return RADIUS.get(point.removeprefix("near-").removeprefix("far-"), 0.02)


def check_ranges(layout: Layout) -> list[Problem]:
    """Every joint within its normal range (evidence.md), ankles levelled by placement too."""
    problems = []
    seen: set[tuple[object, float]] = set()
    for placed in layout.positions:
        position = placed.position
        for name, value in position.angles:
            joint = JOINTS[name.removeprefix("near-").removeprefix("far-")]
            if not joint.checked or joint.low - 0.5 <= value <= joint.high + 0.5:
                continue
            limit = joint.high if value > joint.high else joint.low
            if name in placed.levelled:
                where = ("figure", "positions", position.index, "contacts")
                problems.append(Problem(
                    where, f"keeping the {name.split('-')[0]} foot flat needs {name} {value:.0f} degrees,"
                    f" beyond the normal range {joint.low:g} to {joint.high:g}",
                    "lean the shin less (less knee bend or more hip bend), or rest on the toes",
                ))  # fmt: skip
                continue
            source = position.source(name)
            if (source, value) in seen:  # "hip: 150" sets both sides: one problem
                continue
            seen.add((source, value))
            written = str(source[-1]) if source[-2] == "angles" else name
            problems.append(Problem(
                source,
                f"{written} {value:g} degrees is outside the normal range {joint.low:g} to {joint.high:g}"
                f" ({joint.meaning})",
                f"use at most {limit:g}" if value > joint.high else f"use at least {limit:g}",
            ))  # fmt: skip
    return problems


def _prop_distance(layout: Layout, placed: Placed, name: str, point: Point) -> float:
    """Signed distance from a point to a prop's solid (negative inside)."""
    prop, x = PROPS[name], layout.prop_x(name, placed)
    u, y = point[0], point[1]
    if prop.kind == "ball":
        r = prop.height / 2
        return math.hypot(u - x, y - r) - r
    bottom = prop.height - BENCH_SLAB if name in ("bench", "long-bench") else 0.0
    dx = abs(u - x) - prop.width / 2
    dy = max(bottom - y, y - prop.height)
    if dx <= 0 and dy <= 0:
        return max(dx, dy)
    return math.hypot(max(dx, 0), max(dy, 0))


def check_contacts(layout: Layout) -> list[Problem]:
    """Each body part listed under contacts touches its surface, within about 5 cm."""
    problems = []
    for placed in layout.positions:
        position = placed.position
        where = ("figure", "positions", position.index, "contacts")
        for part, other, turn in placed.unreachable:
            problems.append(Problem(
                (*where, part), f"'{part}' and '{other}' cannot both rest on their surfaces"
                + (f" (the figure would have to turn {turn:.0f} degrees)" if turn != 90 else ""),
                "change the angles (often tilt) so both parts reach their surfaces",
            ))  # fmt: skip
        reported = set()
        for s in supports(position):
            gap = _gap(layout, placed, s.point, s.surface, s.radius)
            if gap is None or abs(gap) <= TOLERANCE or s.part in reported:
                continue
            reported.add(s.part)
            side = "above" if gap > 0 else "into"
            if PROPS[s.surface].kind == "surface" and _beside(layout, placed, s.point, s.surface):
                side = "beside"
            elif PROPS[s.surface].kind == "wall":
                side = "away from" if gap > 0 else "into"
            problems.append(Problem(
                (*where, s.part),
                f"contact '{s.part}' does not touch the {s.surface}: {_cm(gap)} {side} it",
                "adjust the angles so the part reaches its surface, or remove the contact",
            ))  # fmt: skip
    return problems


def _beside(layout: Layout, placed: Placed, point: str, surface: str) -> bool:
    off = abs(placed.point(point)[0] - layout.prop_x(surface)) - PROPS[surface].width / 2
    return off > TOLERANCE


def _gap(layout: Layout, placed: Placed, point: str, surface: str, radius: float) -> float | None:
    """How far a support is from its surface (H, positive above), None when nothing to touch."""
    prop = PROPS[surface]
    p = placed.point(point)
    if prop.kind == "floor":
        return p[1] - radius
    if prop.kind == "wall":
        return abs(layout.prop_x(surface) - p[0]) - radius
    if prop.kind == "ball":
        return _prop_distance(layout, placed, surface, p) - radius
    top = surface_top(surface)
    if top is None:
        return None
    off = abs(p[0] - layout.prop_x(surface)) - prop.width / 2
    if off > TOLERANCE:
        return off
    return p[1] - radius - top


def check_collisions(layout: Layout) -> list[Problem]:
    """No part of the body sinks into the floor or into a prop it stands on or beside."""
    problems = []
    for placed in layout.positions:
        solid = [
            n for n, _ in (*layout.props, *placed.balls) if PROPS[n].kind in ("surface", "ball")
        ]
        position = placed.position
        where = ("figure", "positions", position.index)
        touching = {s.point for s in supports(position)}
        floor_done = prop_done = False
        for name, point in placed.points:
            r = _radius(name)
            if not floor_done and point[1] - r < -TOLERANCE:
                floor_done = True
                problems.append(Problem(
                    (*where, "angles"), f"the {name.replace('-', ' ')} is {_cm(point[1] - r)} below the floor",
                    "change the angles, or list the part under contacts so it rests on the floor",
                ))  # fmt: skip
            for prop in solid:
                if prop_done or name in touching:
                    continue
                if _prop_distance(layout, placed, prop, point) < -0.01:
                    prop_done = True
                    problems.append(Problem(
                        (*where, "angles"), f"the {name.replace('-', ' ')} is inside the {prop}",
                        f"move it clear of the {prop} (angles, or x of the position or prop)",
                    ))  # fmt: skip
        for held, r, centre in held_props(layout, placed):
            if centre[1] - r < -TOLERANCE:
                problems.append(Problem(
                    (*where, "contacts"), f"the {held} goes {_cm(centre[1] - r)} below the floor",
                    "raise the hands (less hip or knee bend, or straighter arms)",
                ))  # fmt: skip
    return problems


def held_props(layout: Layout, placed: Placed) -> list[tuple[str, float, Point]]:
    """Things held or worn: (prop, radius, centre), one per hand or place."""
    found: list[tuple[str, float, Point]] = []
    for part, surface in placed.position.contacts:
        prop = PROPS[surface]
        if prop.kind != "held":
            continue
        points = [placed.point(n) for n in PARTS[part].points]
        if surface in SHARED:  # one ball or bar held by both hands
            n = len(points)
            points = [(sum(q[0] for q in points) / n, sum(q[1] for q in points) / n,
                       sum(q[2] for q in points) / n)]  # fmt: skip
        for p in points:
            r = prop.height / 2
            centre = (p[0], p[1] - (0.06 if surface == "kettlebell" else 0.0), p[2])
            if not any(n == surface and math.dist(c[:2], centre[:2]) < 0.05 for n, _, c in found):
                found.append((surface, r, centre))
    return found


def extent(layout: Layout, placed: Placed) -> tuple[float, float, float, float]:
    """The box (left, bottom, right, top) a position needs, flesh and held props included."""
    boxes = [(p[0] - _radius(n), p[1] - _radius(n), p[0] + _radius(n), p[1] + _radius(n))
             for n, p in placed.points]  # fmt: skip
    boxes += [(c[0] - r, c[1] - r, c[0] + r, c[1] + r) for _, r, c in held_props(layout, placed)]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))  # fmt: skip


def check_frame(layout: Layout) -> list[Problem]:
    """All positions fit one frame of FRAME_WIDTH x FRAME_HEIGHT (H)."""
    problems = []
    boxes = [extent(layout, p) for p in layout.positions]
    left = min(b[0] for b in boxes)
    right = max(b[2] for b in boxes)
    for placed, box in zip(layout.positions, boxes, strict=True):
        where = ("figure", "positions", placed.position.index)
        if box[3] > FRAME_HEIGHT:
            problems.append(Problem(
                where, f"the figure reaches {box[3]:.2f} H high, above its frame ({FRAME_HEIGHT} H)",
                "lower the arms or the lift",
            ))  # fmt: skip
        if right - left > FRAME_WIDTH and (box[0] == left or box[2] == right):  # an outermost one
            problems.append(Problem(
                (*where, "x"), f"the positions span {right - left:.2f} H, wider than the frame ({FRAME_WIDTH} H)",
                "bring the positions closer with x, or fold the limbs",
            ))  # fmt: skip
    return problems


def check_figure(layout: Layout) -> list[Problem]:
    """Every plausibility check, in a stable order."""
    return [
        *check_ranges(layout),
        *check_contacts(layout),
        *check_collisions(layout),
        *check_frame(layout),
    ]
