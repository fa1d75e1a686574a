"""Print a plan's weekly running minutes, long run, strength sets and plyometric contacts.

Usage: .venv/bin/python tools/plan_stats.py PLAN_ID [PLAN_ID ...]
"""

from __future__ import annotations

import sys

from tests.test_plan_generation import published


def main(ids: list[str]) -> None:
    plans = {p.id: p for p in published()}
    for plan_id in ids:
        plan = plans[plan_id]
        print(plan_id)
        print(" wk phase  block        deld  run  long  sets  plyo")
        for w in plan.weeks:
            long = sum(r.minutes for d in w.days for r in d.runs if r.type in ("long", "race"))
            sets = sum(e.sets for d in w.days for s in d.strength for e in s.exercises)
            plyo = [s.plyo_contacts for d in w.days for s in d.strength if s.plyo_contacts]
            print(
                f" {w.number:2d} {w.phase:6s} {w.block:12s} {'yes' if w.deload else '':4s}"
                f" {w.run_minutes:4d} {long:5d} {sets:5d}  {'+'.join(map(str, plyo)) or '-':9s}"
            )
        print()


if __name__ == "__main__":
    main(
        sys.argv[1:]
        or ["5k-beginner-3d-bodyweight", "half-intermediate-4d-home", "marathon-advanced-6d-gym"]
    )
