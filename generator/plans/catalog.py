"""The published plans as one catalog: settings, plans, the cards each uses, the JSON contract.

Made once per set of plan inputs (the build cache keeps it), then registered in
the site's library and drawn as pages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from generator.core.pickling import pickled_by_fields
from generator.plans.inputs import PlanSettings
from generator.plans.model import Plan


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class PlanCatalog:
    """Every published plan, with the settings they came from."""

    settings: PlanSettings
    plans: dict[str, Plan]
    digest: str  # of everything the plans were generated from
    cards: dict[str, tuple[str, ...]]  # plan id -> the card slugs it uses, sorted
    files: dict[str, bytes]  # the JSON contract, made once per set of plans

    def of_distance(self, distance: str) -> list[Plan]:
        return [p for p in self.plans.values() if p.distance == distance]


def plan_cards(plan: Plan) -> set[str]:
    used: set[str] = set()
    for week in plan.weeks:
        for day in week.days:
            used.update(item.slug for session in day.strength for item in session.exercises)
            used.update(item.slug for session in day.mobility for item in session.exercises)
    return used


def json_files(plans: dict[str, Plan]) -> dict[str, bytes]:
    """The public JSON contract: ``plans/<id>.json`` and ``plans/index.json``."""
    files = {
        f"plans/{plan.id}.json": json.dumps(plan.to_json(), separators=(",", ":")).encode()
        for plan in plans.values()
    }
    index = {
        "plans": [
            {"id": p.id, "title": p.title, "distance": p.distance, "level": p.level,
             "run_days": p.run_days, "equipment": p.equipment, "weeks_total": p.weeks_total}
            for p in plans.values()
        ]
    }  # fmt: skip
    files["plans/index.json"] = json.dumps(index, indent=1).encode()
    return files
