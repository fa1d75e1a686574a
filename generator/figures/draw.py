"""The figure as inline SVG: one panel per key position, numbered, plus an optional loop.

Only classes carry style (the site's Content-Security-Policy forbids inline
styles); colours come from the theme's CSS variables under "Movement figures"
in assets/style.css. Coordinates are whole units of 1/100 of the figure's
height, which keeps a figure of three positions near 3 KB.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from generator.figures.checks import extent, held_props
from generator.figures.kinematics import Layout, Placed, Point
from generator.figures.vocabulary import MUSCLE_SEGMENTS, PARTS, PROPS

SCALE = 100  # viewBox units per H
PIXELS = 1.2  # CSS pixels per unit at natural size: a standing figure is about 160 px tall
MARGIN = 0.06
# Segment -> (from point, to point, width class); widths live in the stylesheet.
SEGMENTS = {
    "thigh": ("hip", "knee", "f-th"),
    "shank": ("knee", "ankle", "f-sh"),
    "foot": ("heel", "toe", "f-ft"),
    "upper-arm": ("shoulder", "elbow", "f-ua"),
    "forearm": ("elbow", "wrist", "f-fa"),
    "hand": ("wrist", "hand", "f-hd"),
}
TRUNK = {"lumbar": ("pelvis", "waist"), "thorax": ("waist", "neck")}
LIMB_ORDER = ("upper-arm", "forearm", "hand", "thigh", "shank", "foot")


class Html(str):
    """Markup the template prints as is (Jinja honours ``__html__``; no markupsafe here)."""

    __slots__ = ()

    def __html__(self) -> str:
        return str(self)


class Frame:
    """Maps figure coordinates (H, y up) to whole viewBox units (y down)."""

    def __init__(self, left: float, bottom: float, right: float, top: float) -> None:
        self.left, self.top = left - MARGIN, top + MARGIN
        self.width = round((right - left + 2 * MARGIN) * SCALE)
        self.height = round((top - bottom + 2 * MARGIN) * SCALE)

    def xy(self, p: Sequence[float]) -> str:
        return f"{round((p[0] - self.left) * SCALE)} {round((self.top - p[1]) * SCALE)}"

    def x(self, u: float) -> int:
        return round((u - self.left) * SCALE)

    def y(self, y: float) -> int:
        return round((self.top - y) * SCALE)


def frame_of(layout: Layout) -> Frame:
    boxes = [extent(layout, p) for p in layout.positions]
    for name, x in (*layout.props, *(b for p in layout.positions for b in p.balls)):
        prop = PROPS[name]
        if prop.kind in ("surface", "ball"):
            boxes.append((x - prop.width / 2, 0.0, x + prop.width / 2, prop.height))
        elif prop.kind == "wall":
            boxes.append((x, 0.0, x + 0.05, 0.0))
    return Frame(min(b[0] for b in boxes), min(min(b[1] for b in boxes), -0.02),
                 max(b[2] for b in boxes), max(b[3] for b in boxes))  # fmt: skip


def _along(a: Point, b: Point, t: float) -> Point:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t)


def _line(frame: Frame, cls: str, points: Iterable[Sequence[float]]) -> str:
    return f'<path class="{cls}" d="M{" ".join(frame.xy(p) for p in points)}"/>'


def _body(frame: Frame, placed: Placed, primary: Sequence[str]) -> list[str]:
    """Limbs painted far to near; near limbs take the darker class, primary muscles shaded."""
    p = dict(placed.points)
    mid = p["pelvis"][2]
    items: list[tuple[float, int, str]] = []
    for side in ("far", "near"):
        for n, segment in enumerate(LIMB_ORDER):
            a, b, width = SEGMENTS[segment]
            pa, pb = p[f"{side}-{a}"], p[f"{side}-{b}"]
            depth = (pa[2] + pb[2]) / 2
            tone = "f-n" if depth >= mid - 0.03 else "f-f"
            order = n if segment in ("thigh", "shank", "foot") else n + 10
            shapes = [_line(frame, f"{tone} {width}", (pa, pb))]
            for muscle in primary:
                for seg, t0, t1 in MUSCLE_SEGMENTS.get(muscle, ()):
                    if seg == segment:
                        shapes.append(_line(frame, f"f-m {tone} {width}",
                                            (_along(pa, pb, t0), _along(pa, pb, t1))))  # fmt: skip
            items.append((depth, order, "".join(shapes)))
    trunk = [p[f"near-torso-{k}"] for k in ("low", "mid", "top")]
    trunk += [p[f"far-torso-{k}"] for k in ("top", "mid", "low")]
    shapes = [f'<path class="f-t" d="M{" ".join(frame.xy(q) for q in trunk)}Z"/>',
              _line(frame, "f-nk", (p["neck"], p["head"])),
              f'<circle class="f-hc" cx="{frame.x(p["head"][0])}" cy="{frame.y(p["head"][1])}" r="7.2"/>',
              f'<circle class="f-hc" cx="{frame.x(p["nose"][0])}" cy="{frame.y(p["nose"][1])}" r="1.8"/>']  # fmt: skip
    for muscle in primary:
        for seg, t0, t1 in MUSCLE_SEGMENTS.get(muscle, ()):
            if seg in TRUNK:
                start, end = (p[k] for k in TRUNK[seg])
                shapes.append(
                    _line(frame, "f-m f-tm", (_along(start, end, t0), _along(start, end, t1)))
                )
    items.append((mid, 5, "".join(shapes)))
    items.sort(key=lambda item: (round(item[0], 2), item[1]))
    return [shape for _, _, shape in items]


def _props(frame: Frame, layout: Layout, placed: Placed) -> list[str]:
    """Surfaces and walls where the layout put them (the same in every panel), and balls."""
    out = []
    pelvis = layout.positions[0].point("pelvis")[0]
    for name, x in (*layout.props, *placed.balls):
        prop = PROPS[name]
        w, h = prop.width, prop.height
        if name in ("bench", "long-bench"):
            out.append(f'<path class="f-pr" d="M{frame.xy((x - w / 2, h))} {frame.xy((x + w / 2, h))}'
                       f'M{frame.xy((x - w / 3, h))} {frame.xy((x - w / 3, 0))}'
                       f'M{frame.xy((x + w / 3, h))} {frame.xy((x + w / 3, 0))}"/>')  # fmt: skip
        elif name == "wobble-board":
            out.append(f'<path class="f-pr" d="M{frame.xy((x - w / 2, h))} {frame.xy((x + w / 2, h))}'
                       f'M{frame.xy((x - 0.05, 0))} {frame.xy((x, h))} {frame.xy((x + 0.05, 0))}"/>')  # fmt: skip
        elif prop.kind == "surface":
            out.append(f'<rect class="f-pr" x="{frame.x(x - w / 2)}" y="{frame.y(h)}" '
                       f'width="{round(w * SCALE)}" height="{round(h * SCALE)}" rx="1.5"/>')  # fmt: skip
        elif prop.kind == "ball":
            out.append(
                f'<circle class="f-pr" cx="{frame.x(x)}" cy="{frame.y(h / 2)}" r="{round(h * SCALE / 2, 1):g}"/>'
            )
        elif prop.kind == "wall":
            left = frame.x(x) if x > pelvis else frame.x(x) - 4
            out.append(f'<rect class="f-wl" x="{left}" y="0" width="4" height="{frame.y(0)}"/>')
    return out


def _held(frame: Frame, layout: Layout, placed: Placed) -> list[str]:
    out = []
    for name, r, c in held_props(layout, placed):
        cx, cy, rr = frame.x(c[0]), frame.y(c[1]), round(r * SCALE, 1)
        if name in ("barbell", "trap-bar"):
            out.append(
                f'<circle class="f-pl" cx="{cx}" cy="{cy}" r="{rr - 1.5:g}"/><circle class="f-pr" cx="{cx}" cy="{cy}" r="2"/>'
            )
        elif name == "dumbbell":
            out.append(
                f'<rect class="f-pr" x="{cx - 6}" y="{cy - 4}" width="12" height="8" rx="2.5"/>'
            )
        else:
            out.append(f'<circle class="f-pr" cx="{cx}" cy="{cy}" r="{rr:g}"/>')
    return out


def _bands(frame: Frame, layout: Layout, placed: Placed) -> list[str]:
    """A band loops around the parts it touches (both knees, both feet), or runs from the
    hands' grip to an anchor on the left, at the grip's height where the band first appears."""

    def ends(one: Placed) -> list[Point]:
        found = []
        for part, surface in one.position.contacts:
            if surface != "band":
                continue
            points = [one.point(n) for n in PARTS[part].points]
            if "hand" in part:  # both hands hold one handle
                points = [_along(points[0], points[-1], 0.5)]
            found.extend(points)
        return found

    points = ends(placed)
    if len(points) == 1:
        first = next(e for e in map(ends, layout.positions) if e)
        points.append((frame.left + 0.02, first[0][1], 0.0))
    return [_line(frame, "f-bd", points)] if points else []


def panel(
    frame: Frame, layout: Layout, placed: Placed, uid: str, primary: Sequence[str], number: int
) -> str:
    """One key position: floor, props, body and held things in one reusable group."""
    mat = ""
    if any(n == "mat" for n, _ in layout.props):
        left, _, right, _ = extent(layout, placed)
        mat = f'<rect class="f-mat" x="{frame.x(left - 0.02)}" y="{frame.y(0.004)}" width="{round((right - left + 0.04) * SCALE)}" height="2"/>'
    parts = [f'<path class="f-fl" d="M0 {frame.y(0)}H{frame.width}"/>', mat, *_props(frame, layout, placed),
             *_body(frame, placed, primary), *_held(frame, layout, placed), *_bands(frame, layout, placed)]  # fmt: skip
    return (
        f'<svg class="fig" viewBox="0 0 {frame.width} {frame.height}" width="{round(frame.width * PIXELS)}" '
        f'height="{round(frame.height * PIXELS)}" aria-hidden="true" focusable="false">'
        f'<g id="{uid}-{number}">{"".join(parts)}</g>'
        f'<circle class="f-badge" cx="9" cy="9" r="8"/><text class="f-num" x="9" y="13">{number}</text></svg>'
    )


def alt_text(layout: Layout, cues: Sequence[str]) -> str:
    """The words a screen reader hears: each position's name and label, then the cues."""
    steps = " ".join(
        f"{p.position.name}: {p.position.label.rstrip('.')}." for p in layout.positions
    )
    return steps + (f" Cues: {'; '.join(c.rstrip('.') for c in cues)}." if cues else "")


def render(layout: Layout, slug: str, primary: Sequence[str], cues: Sequence[str]) -> Html:
    """The whole figure: numbered panels side by side, a loop of them, the text alternative."""
    frame = frame_of(layout)
    uid = f"fig-{slug}"
    items = []
    count = len(layout.positions)
    for number, placed in enumerate(layout.positions, 1):
        caption = f'<span class="movement-name">{html.escape(placed.position.name)}:</span> {html.escape(placed.position.label)}'
        items.append(
            f"<li>{panel(frame, layout, placed, uid, primary, number)}<p>{caption}</p></li>"
        )
    loop = ""
    if count > 1:
        uses = "".join(
            f'<use href="#{uid}-{n}" class="loop-{n}-of-{count}"/>' for n in range(1, count + 1)
        )
        loop = (
            f'<div class="movement-loop" aria-hidden="true"><svg class="fig" viewBox="0 0 {frame.width} '
            f'{frame.height}" width="{round(frame.width * PIXELS)}" height="{round(frame.height * PIXELS)}" '
            f'focusable="false">{uses}</svg><p>In motion</p></div>'
        )
    return Html(
        f'<figure class="movement"><ol class="movement-steps" aria-hidden="true">{"".join(items)}</ol>{loop}'
        f'<figcaption class="visually-hidden">{html.escape(alt_text(layout, cues))}</figcaption></figure>'
    )
