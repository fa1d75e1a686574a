"""The weekly-load chart on a plan page: geometry for an inline SVG drawn at build time.

Drawn phone first: the view box is 360 units wide, about the width a phone shows it
at, so 13.5-unit labels read as at least 12 px there (CSS caps its width on larger screens).
Two y-axes with round values: running minutes (bars, left) and strength sets (line, right).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.plans import Plan

WIDTH, HEIGHT = 360, 236
LEFT, RIGHT, TOP, BOTTOM = 38, 34, 26, 34
NICE = (1, 2, 2.5, 5, 10)


@dataclass(frozen=True, slots=True)
class ChartWeek:
    number: int
    phase: str
    block: str
    deload: bool
    run_minutes: int
    strength_sets: int
    x: float
    bar_height: float
    line_y: float
    labelled: bool  # week numbers are written under every bar, or every other one on long plans


def nice_ticks(top: int, most: int = 4) -> list[int]:
    """Round tick values from 0 that reach ``top`` in at most ``most`` steps: 0, 100, 200..."""
    magnitude = 1
    while True:
        for factor in NICE:
            step = factor * magnitude
            if step >= 1 and step == int(step) and top <= step * most:
                count = -(-top // int(step))
                return [int(step) * i for i in range(max(count, 1) + 1)]
        magnitude *= 10


def load_chart(plan: Plan) -> dict[str, Any]:
    """Running minutes as bars, strength sets as a line, each against its own labelled axis."""
    weeks = plan.weeks
    minutes = [w.run_minutes for w in weeks]
    sets = [sum(e.sets for d in w.days for s in d.strength for e in s.exercises) for w in weeks]
    minute_ticks, set_ticks = nice_ticks(max(minutes) or 1), nice_ticks(max(sets) or 1)
    top_minutes, top_sets = minute_ticks[-1], set_ticks[-1]
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    baseline = HEIGHT - BOTTOM
    step = inner_w / len(weeks)
    every = 1 if step >= 18 else 2
    points = [
        ChartWeek(
            number=w.number,
            phase=w.phase,
            block=w.block,
            deload=w.deload,
            run_minutes=minutes[i],
            strength_sets=sets[i],
            x=round(LEFT + i * step, 1),
            bar_height=round(inner_h * minutes[i] / top_minutes, 1),
            line_y=round(TOP + inner_h * (1 - sets[i] / top_sets), 1),
            labelled=(w.number - 1) % every == 0,
        )
        for i, w in enumerate(weeks)
    ]
    phases: list[dict[str, Any]] = []
    for point in points:
        if phases and phases[-1]["phase"] == point.phase:
            phases[-1]["width"] = round(point.x + step - phases[-1]["x"], 1)
        else:
            phases.append({"phase": point.phase, "x": point.x, "width": round(step, 1)})
    for band in phases:  # a name wider than its band is left to the table and the legend
        band["labelled"] = band["width"] >= 6.8 * len(band["phase"])
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "pad": TOP,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "step": round(step, 1),
        "bar_width": round(step * 0.6, 1),
        "baseline": baseline,
        "weeks": points,
        "phases": phases,
        "line": " ".join(f"{p.x + step / 2:.1f},{p.line_y}" for p in points),
        "top_minutes": max(minutes),
        "top_sets": max(sets),
        "minute_ticks": [(v, round(baseline - inner_h * v / top_minutes, 1)) for v in minute_ticks],
        "set_ticks": [(v, round(baseline - inner_h * v / top_sets, 1)) for v in set_ticks],
    }
