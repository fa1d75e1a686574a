"""Training plans: generated from the exercise cards and checked against rules R1-R23.

The build loads the settings with :func:`load_plan_settings`, makes every
published plan with :func:`generate_all`, runs :func:`check_plan` on each, and
renders :meth:`Plan.to_json`. Modules: ``model`` (records and JSON), ``inputs``
(the YAML settings), ``guidance`` (workouts, efforts, warm-up and loads), ``shape``
(deloads and blocks), ``generate`` (plans), ``rules`` (R1-R23 and the checker),
``catalog`` (the published set and its JSON).

Layer 4 of the pipeline: pure coaching, no pages and no site. May import
``core`` and ``content`` (the card records, schemas and settings files).
"""

from generator.plans.generate import all_specs, generate_all, generate_plan
from generator.plans.inputs import (
    DistanceSettings,
    EquipmentLevel,
    PlanSettings,
    distances_schema,
    equipment_schema,
    load_plan_settings,
    parse_plan_settings,
)
from generator.plans.model import Plan, PlanSpec, plan_id
from generator.plans.rules import Violation, check_plan

__all__ = [
    "DistanceSettings",
    "EquipmentLevel",
    "Plan",
    "PlanSettings",
    "PlanSpec",
    "Violation",
    "all_specs",
    "check_plan",
    "distances_schema",
    "equipment_schema",
    "generate_all",
    "generate_plan",
    "load_plan_settings",
    "parse_plan_settings",
    "plan_id",
]
