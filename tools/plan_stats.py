"""Print plans week by week: running minutes, long run, strength sets, plyometric contacts.

Usage: .venv/bin/python tools/plan_stats.py [PLAN_ID ...]   (default: three sample plans)
"""

from __future__ import annotations

import sys
from pathlib import Path

from generator.content.loader import ContentLoader, LoadOptions
from generator.core.diagnostics import Diagnostics
from generator.plans import generate_all, load_plan_settings
from generator.plans.rules import long_run, week_sets

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ["5k-beginner-3d-bodyweight", "half-intermediate-4d-home", "marathon-advanced-6d-gym"]


def main(ids: list[str]) -> int:
    diagnostics = Diagnostics()
    content = ContentLoader(ROOT, diagnostics, LoadOptions()).load()
    settings = load_plan_settings(ROOT, diagnostics)
    if content is None or settings is None:
        print("\n".join(d.format() for d in diagnostics.items), file=sys.stderr)
        return 1
    plans = {p.id: p for p in generate_all(settings, content.exercises, content.muscles)}
    for plan_id in ids:
        plan = plans[plan_id]
        print(plan_id)
        print(" wk phase  block          deload  run  long  sets  plyo contacts")
        for w in plan.weeks:
            race = [r.minutes for d in w.days for r in d.runs if r.type == "race"]
            long = f"{long_run(w)}" if not race else f"race {race[0]}"
            plyo = [s.plyo_contacts for d in w.days for s in d.strength if s.plyo_contacts]
            print(
                f" {w.number:2d} {w.phase:6s} {w.block:14s} {'yes' if w.deload else '':6s}"
                f" {w.run_minutes:4d} {long:>8s} {week_sets(w):5d}  {'+'.join(map(str, plyo)) or '-'}"
            )
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or SAMPLES))
