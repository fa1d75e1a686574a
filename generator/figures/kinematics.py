"""Forward kinematics and placement: joint angles to points, then onto the floor or a prop.

The skeleton is solved in 3D (x forward, y up, z towards the figure's right,
which is the near side in the side view) and projected orthographically, so a
front view and a side view come from the same angles. Placement turns the
projected figure by a few degrees about the line of sight when that lets two
supports touch their surfaces, then lifts it onto the highest support.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from generator.figures.model import Figure, Position
from generator.figures.vocabulary import (
    ANKLE_HEIGHT,
    FOREARM,
    HAND,
    HEAD,
    HIP_WIDTH,
    NECK,
    PARTS,
    PROPS,
    SHANK,
    SHOULDER_WIDTH,
    THIGH,
    TRUNK,
    UPPER_ARM,
)  # fmt: skip

Vec = tuple[float, float, float]
Mat = tuple[Vec, Vec, Vec]
Point = tuple[float, float, float]  # (across the picture, height above the floor, depth)

I3: Mat = ((1, 0, 0), (0, 1, 0), (0, 0, 1))
LUMBAR = 0.45 * TRUNK
# Flesh around each skeleton point (H): used by the checks and matched by the drawing.
RADIUS = {"pelvis": 0.06, "waist": 0.055, "chest": 0.058, "blades": 0.055, "neck": 0.03, "head": HEAD / 2,
          "shoulder": 0.045, "elbow": 0.02, "wrist": 0.017, "hand": 0.015, "hip": 0.05,
          "mid-thigh": 0.031, "knee": 0.026, "mid-shank": 0.024, "ankle": 0.02, "heel": 0.015,
          "ball": 0.015, "toe": 0.012, "nose": 0.012, "torso-top": 0.055, "torso-mid": 0.055,
          "torso-low": 0.055}  # fmt: skip
MAX_TURN = 30.0  # degrees placement may turn a figure to rest on two supports


def _mul(a: Mat, b: Mat) -> Mat:
    def row(i: int) -> Vec:
        r = a[i]
        return (
            r[0] * b[0][0] + r[1] * b[1][0] + r[2] * b[2][0],
            r[0] * b[0][1] + r[1] * b[1][1] + r[2] * b[2][1],
            r[0] * b[0][2] + r[1] * b[1][2] + r[2] * b[2][2],
        )

    return (row(0), row(1), row(2))


def _apply(m: Mat, v: Vec) -> Vec:
    return (
        m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],
        m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
        m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2],
    )


def _add(a: Vec, m: Mat, v: Vec) -> Vec:
    d = _apply(m, v)
    return (a[0] + d[0], a[1] + d[1], a[2] + d[2])


def rot_z(deg: float) -> Mat:
    """Turn in the sagittal plane: positive swings a limb that points down forwards."""
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((c, -s, 0), (s, c, 0), (0, 0, 1))


def rot_x(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((1, 0, 0), (0, c, -s), (0, s, c))


def rot_y(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((c, 0, s), (0, 1, 0), (-s, 0, c))


def skeleton(angles: dict[str, float]) -> dict[str, Vec]:
    """Every named point of the body in 3D, the pelvis at the origin."""
    a = angles
    body = _mul(_mul(rot_y(a["turn"]), rot_z(-a["tilt"])), rot_x(a["roll"]))
    thorax = _mul(_mul(_mul(body, rot_z(-a["spine"])), rot_x(a["side-bend"])), rot_y(a["twist"]))
    p: dict[str, Vec] = {"pelvis": (0.0, 0.0, 0.0)}
    p["waist"] = _add(p["pelvis"], body, (0, LUMBAR, 0))
    p["neck"] = _add(p["waist"], thorax, (0, TRUNK - LUMBAR, 0))
    p["chest"] = _add(p["waist"], thorax, (0, 0.55 * (TRUNK - LUMBAR), 0))
    p["blades"] = _add(p["waist"], thorax, (0, 0.85 * (TRUNK - LUMBAR), 0))
    head = _mul(thorax, rot_z(-a["neck"]))
    p["head"] = _add(p["neck"], head, (0, NECK + HEAD / 2, 0))
    p["nose"] = _add(p["head"], head, (HEAD / 2 - 0.005, -0.01, 0))
    for side, sign in (("near", 1.0), ("far", -1.0)):
        s = f"{side}-"
        p[s + "shoulder"] = _add(p["neck"], thorax, (0, -0.01, sign * SHOULDER_WIDTH / 2))
        # the trunk's outline, inset by the drawn stroke's half width
        p[s + "torso-top"] = _add(
            p["neck"], thorax, (0, -0.03, sign * (SHOULDER_WIDTH / 2 - 0.055))
        )
        p[s + "torso-mid"] = _add(p["waist"], thorax, (0, 0, sign * 0.05))
        p[s + "torso-low"] = _add(p["pelvis"], body, (0, -0.01, sign * (HIP_WIDTH / 2 - 0.05)))
        arm = _mul(
            _mul(thorax, rot_z(a[s + "shoulder"])), rot_x(-sign * a[s + "shoulder-abduction"])
        )
        p[s + "elbow"] = _add(p[s + "shoulder"], arm, (0, -UPPER_ARM, 0))
        fore = _mul(arm, rot_z(a[s + "elbow"]))
        p[s + "wrist"] = _add(p[s + "elbow"], fore, (0, -FOREARM, 0))
        p[s + "hand"] = _add(p[s + "wrist"], fore, (0, -0.55 * HAND, 0))
        p[s + "hip"] = _add(p["pelvis"], body, (0, 0, sign * HIP_WIDTH / 2))
        thigh = _mul(
            _mul(_mul(body, rot_z(a[s + "hip"])), rot_x(-sign * a[s + "hip-abduction"])),
            rot_y(-sign * a[s + "hip-rotation"]),
        )
        p[s + "knee"] = _add(p[s + "hip"], thigh, (0, -THIGH, 0))
        p[s + "mid-thigh"] = _add(p[s + "hip"], thigh, (0, -THIGH / 2, 0))
        shank = _mul(thigh, rot_z(-a[s + "knee"]))
        p[s + "ankle"] = _add(p[s + "knee"], shank, (0, -SHANK, 0))
        p[s + "mid-shank"] = _add(p[s + "knee"], shank, (0, -SHANK / 2, 0))
        foot = _mul(shank, rot_z(a[s + "ankle"]))
        sole = ANKLE_HEIGHT - RADIUS["heel"]
        p[s + "heel"] = _add(p[s + "ankle"], foot, (-0.03, -sole, 0))
        p[s + "ball"] = _add(p[s + "ankle"], foot, (0.085, -sole, 0))
        p[s + "toe"] = _add(p[s + "ankle"], foot, (0.118, -sole + 0.004, 0))
    return p


def project(points: dict[str, Vec], view: str) -> dict[str, Point]:
    """Side view looks at the figure's right side (it faces right); front view faces it."""
    if view == "front":
        return {k: (-v[2], v[1], v[0]) for k, v in points.items()}
    return {k: (v[0], v[1], v[2]) for k, v in points.items()}


@dataclass(frozen=True, slots=True)
class Support:
    """One skeleton point that should rest on a surface."""

    part: str
    point: str
    surface: str
    radius: float


@dataclass(frozen=True, slots=True)
class Placed:
    """One position in the picture: points in H, y up from the floor, u across."""

    position: Position
    points: tuple[tuple[str, Point], ...]
    turn: float  # degrees the placement turned the figure
    unreachable: tuple[tuple[str, str, float], ...]  # (part, other part, degrees) turns refused
    levelled: tuple[str, ...]  # ankles set by the placement so a flat foot rests flat
    balls: tuple[tuple[str, float], ...] = ()  # balls and rollers under this position: x

    def point(self, name: str) -> Point:
        return dict(self.points)[name]


@dataclass(frozen=True, slots=True)
class Layout:
    """A whole figure placed: every position and where each prop stands."""

    figure: Figure
    positions: tuple[Placed, ...]
    props: tuple[tuple[str, float], ...]  # prop -> x of its centre (or of the wall's face)

    def prop_x(self, name: str, placed: Placed | None = None) -> float:
        """Where a prop stands; a ball may roll, so it stands where this position put it."""
        if placed is not None and name in dict(placed.balls):
            return dict(placed.balls)[name]
        return dict(self.props)[name]


def supports(position: Position) -> list[Support]:
    return [
        Support(part, point, surface, PARTS[part].radius)
        for part, surface in position.contacts
        for point in PARTS[part].points
    ]


def surface_top(surface: str) -> float | None:
    """Height of the top of a surface a body part can rest on, None for held things."""
    prop = PROPS[surface]
    if prop.kind == "floor":
        return 0.0
    if prop.kind in ("surface", "ball"):
        return prop.height
    return None


def _turned(points: dict[str, Point], centre: Point, deg: float) -> dict[str, Point]:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return {
        k: (
            centre[0] + (u - centre[0]) * c - (y - centre[1]) * s,
            centre[1] + (u - centre[0]) * s + (y - centre[1]) * c,
            d,
        )
        for k, (u, y, d) in points.items()
    }


def _turn_to_rest(
    points: dict[str, Point], held: list[Support]
) -> tuple[dict[str, Point], float, tuple[tuple[str, str, float], ...]]:
    """Turn the figure about the line of sight so the two supports furthest apart both rest."""
    best: tuple[float, Support, Support] | None = None
    for i, a in enumerate(held):
        for b in held[i + 1 :]:
            gap = abs(points[a.point][0] - points[b.point][0])
            if gap > 0.2 and (best is None or gap > best[0]):
                best = (gap, a, b)
    if best is None:
        return points, 0.0, ()
    _, a, b = best
    ta, tb = surface_top(a.surface), surface_top(b.surface)
    assert ta is not None and tb is not None
    pa, pb = points[a.point], points[b.point]
    dx, dy = pb[0] - pa[0], pb[1] - pa[1]
    want = (tb + b.radius) - (ta + a.radius)
    reach = math.hypot(dx, dy)
    if abs(want) > reach:
        return points, 0.0, ((a.part, b.part, 90.0),)
    phi = math.degrees(math.atan2(dy, dx))
    base = math.degrees(math.asin(want / reach))
    options = [base - phi, 180 - base - phi]
    turn = min(((o + 180) % 360 - 180 for o in options), key=abs)
    if abs(turn) > MAX_TURN:
        return points, 0.0, ((a.part, b.part, turn),)
    return _turned(points, pa, turn), turn, ()


def place_position(
    position: Position, view: str, props: dict[str, float]
) -> tuple[Placed, dict[str, float]]:
    """Pose, project and rest one position; returns it and the props it pinned down."""
    held = [s for s in supports(position) if surface_top(s.surface) is not None]
    angles, points, turn, unreachable, level = _pose(position, view, held)
    points = _rest(position, points, held, props)
    _bend_toes(points)
    found, balls = _props_under(position, points, props)
    levelled = tuple(f"{s}-ankle" for s in level)
    placed = replace(position, angles=tuple(angles.items()))
    return Placed(
        placed, tuple(points.items()), turn, unreachable, levelled, tuple(balls.items())
    ), found


def _pose(
    position: Position, view: str, held: list[Support]
) -> tuple[
    dict[str, float], dict[str, Point], float, tuple[tuple[str, str, float], ...], list[str]
]:
    """Solve the skeleton, turned to rest on two supports, with flat feet levelled.

    A flat foot whose ankle the author did not set gets the ankle angle that keeps
    its sole level; that changes the turn, so the two are solved together.
    """
    angles = dict(position.angles)
    flat = [p for p, _ in position.contacts if p in ("feet", "near-foot", "far-foot")]
    sides = sorted({side for p in flat for side in (("near", "far") if p == "feet" else (p[:-5],))})
    level = [s for s in sides if position.source(f"{s}-ankle")[-2] != "angles"]
    for _ in range(4):
        raw = skeleton(angles)
        points, turn, unreachable = _turn_to_rest(project(raw, view), held)
        done = True
        for side in level:
            heel, ball = points[f"{side}-heel"], points[f"{side}-ball"]
            run = math.dist((raw[f"{side}-heel"][0], raw[f"{side}-heel"][2]),
                            (raw[f"{side}-ball"][0], raw[f"{side}-ball"][2]))  # fmt: skip
            run = max(run, abs(ball[0] - heel[0]), 1e-6)
            error = math.degrees(math.atan2(ball[1] - heel[1], run))
            if abs(error) > 0.2:
                angles[f"{side}-ankle"] -= error
                done = False
        if done:
            break
    return angles, points, turn, unreachable, level


def _rest(
    position: Position, points: dict[str, Point], held: list[Support], props: dict[str, float]
) -> dict[str, Point]:
    """Lift onto the highest support, then slide to the anchor: the first support whose
    place is known (the floor, or a prop already pinned), else the pelvis at ``x``."""
    if held:
        lift = max(surface_top(s.surface) + s.radius - points[s.point][1] for s in held)  # type: ignore[operator]
    else:
        lift = position.lift - min(y - RADIUS.get(k.removeprefix("near-").removeprefix("far-"), 0.0)
                                   for k, (_, y, _) in points.items())  # fmt: skip
    anchor_u, target = points["pelvis"][0], position.x
    for s in held:
        kind = PROPS[s.surface].kind
        if kind == "floor":
            anchor_u = points[s.point][0]
            break
        if s.surface in props and kind != "ball":
            anchor_u, target = _part_u(points, s.part), props[s.surface] + position.x
            break
    shift = target - anchor_u
    return {k: (u + shift, y + lift, d) for k, (u, y, d) in points.items()}


def _bend_toes(points: dict[str, Point]) -> None:
    """Toes bend up at the ball of the foot rather than dig into the floor."""
    for side in ("near", "far"):
        ball, toe = points[f"{side}-ball"], points[f"{side}-toe"]
        if toe[1] < ball[1]:
            reach = math.dist(ball[:2], toe[:2])
            ahead = 1.0 if toe[0] >= ball[0] else -1.0
            points[f"{side}-toe"] = (ball[0] + ahead * reach, ball[1], toe[2])


def _props_under(
    position: Position, points: dict[str, Point], props: dict[str, float]
) -> tuple[dict[str, float], dict[str, float]]:
    """Where this position puts props not pinned yet, and the balls under it."""
    found: dict[str, float] = {}
    balls: dict[str, float] = {}
    middle = sum(u for u, _, _ in points.values()) / len(points)
    for s in supports(position):
        kind = PROPS[s.surface].kind
        if kind == "ball":  # a ball rolls: it sits under its contact in every position
            balls.setdefault(s.surface, _part_u(points, s.part))
        elif s.surface in props or s.surface in found:
            continue
        elif kind == "surface":  # centred under everything that rests on it
            on = [t.point for t in supports(position) if t.surface == s.surface]
            found[s.surface] = sum(points[n][0] for n in on) / len(on)
        elif kind == "wall":  # the wall is on the side of the body the contact is on
            u = points[s.point][0]
            found[s.surface] = u + s.radius if u >= middle else u - s.radius
    return found, balls


def _part_u(points: dict[str, Point], part: str) -> float:
    names = PARTS[part].points
    return sum(points[n][0] for n in names) / len(names)


def layout(figure: Figure) -> Layout:
    """Place every position; a prop stays where it was first fixed or first touched."""
    props = {name: x for name, x in figure.props if x is not None}
    placed = []
    for position in figure.positions:
        one, found = place_position(position, figure.view, props)
        placed.append(one)
        for name, x in found.items():
            props.setdefault(name, x)
    balls = {n for p in placed for n, _ in p.balls}
    for name, _ in figure.props:
        if name not in balls:
            props.setdefault(name, 0.5)
    return Layout(figure, tuple(placed), tuple(props.items()))
