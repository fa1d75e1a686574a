"""The training plans in the guide: generated, checked, linked, and published as pages and JSON.

``generator.plans`` knows coaching; this module knows the site: it turns the
plans into library entries (so ``[[plan:marathon]]`` resolves and cards know
which plans use them), pages with a load chart, and the public JSON contract.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

from generator.diagnostics import Diagnostics, Location
from generator.library import Entry
from generator.plans import Plan, PlanSettings, check_plan, generate_all, load_plan_settings
from generator.render import Page
from generator.site import Site

LEVEL_TITLES = {"beginner": "Beginner", "intermediate": "Intermediate", "advanced": "Advanced"}
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
CHART_WIDTH, CHART_HEIGHT, CHART_PAD = 640, 240, 36


@dataclass(frozen=True, slots=True)
class PlanCatalog:
    """Every published plan, with the settings they came from."""

    settings: PlanSettings
    plans: dict[str, Plan]

    def of_distance(self, distance: str) -> list[Plan]:
        return [p for p in self.plans.values() if p.distance == distance]


def make_plans(site: Site, diagnostics: Diagnostics) -> PlanCatalog | None:
    """Generate every plan from ``content/plans/`` and check each against R1-R12."""
    if not (site.root / "content" / "plans").is_dir():
        return None
    settings = load_plan_settings(site.root, diagnostics)
    if settings is None:
        return None
    exercises = sorted(site.exercises.values(), key=lambda e: e.slug)
    muscles = list(site.muscles.values())
    plans = generate_all(settings, exercises, muscles)
    for plan in plans:
        for violation in check_plan(plan, exercises, muscles):
            diagnostics.error(
                Location("content/plans/distances.yaml"),
                str(violation),
                hint="a plan input breaks a coaching rule; see generator/plans/rules.py",
                rule=violation.rule,
            )
    return PlanCatalog(settings, {p.id: p for p in plans})


def register_plans(site: Site, catalog: PlanCatalog, diagnostics: Diagnostics) -> None:
    """Make distances and plans linkable, and record which cards each plan uses."""
    where = Location("content/plans/distances.yaml")
    for distance in catalog.settings.distances.values():
        site.library.add(
            Entry("plan", distance.slug, f"{distance.title} plans", where.path), where, diagnostics
        )
    for plan in catalog.plans.values():
        site.library.add(Entry("plan", plan.id, plan.title, where.path), where, diagnostics)
        for slug in sorted(_cards(plan)):
            site.library.link(("plan", plan.id), ("exercise", slug))


def _cards(plan: Plan) -> set[str]:
    used: set[str] = set()
    for week in plan.weeks:
        for day in week.days:
            used.update(item.slug for session in day.strength for item in session.exercises)
            used.update(item.slug for session in day.mobility for item in session.exercises)
    return used


def plans_using(site: Site, slug: str) -> dict[str, int]:
    """How many plans of each distance use a card, for its "used in" list."""
    entries = site.library.linking_to(("exercise", slug), "plan")
    counts = Counter(e.slug.split("-", 1)[0] for e in entries)
    return dict(sorted(counts.items()))


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


def load_chart(plan: Plan) -> dict[str, Any]:
    """Geometry for the weekly-load chart: running minutes as bars, strength sets as a line."""
    weeks = plan.weeks
    minutes = [w.run_minutes for w in weeks]
    sets = [sum(e.sets for d in w.days for s in d.strength for e in s.exercises) for w in weeks]
    top_minutes, top_sets = max(minutes) or 1, max(sets) or 1
    inner_w, inner_h = CHART_WIDTH - 2 * CHART_PAD, CHART_HEIGHT - 2 * CHART_PAD
    step = inner_w / len(weeks)
    points = [
        ChartWeek(
            number=w.number,
            phase=w.phase,
            block=w.block,
            deload=w.deload,
            run_minutes=minutes[i],
            strength_sets=sets[i],
            x=round(CHART_PAD + i * step, 1),
            bar_height=round(inner_h * minutes[i] / top_minutes, 1),
            line_y=round(CHART_PAD + inner_h * (1 - sets[i] / top_sets), 1),
        )
        for i, w in enumerate(weeks)
    ]
    phases: list[dict[str, Any]] = []
    for point in points:
        if phases and phases[-1]["phase"] == point.phase:
            phases[-1]["width"] = round(point.x + step - phases[-1]["x"], 1)
        else:
            phases.append({"phase": point.phase, "x": point.x, "width": round(step, 1)})
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "pad": CHART_PAD,
        "step": round(step, 1),
        "bar_width": round(step * 0.6, 1),
        "baseline": CHART_HEIGHT - CHART_PAD,
        "weeks": points,
        "phases": phases,
        "line": " ".join(f"{p.x + step / 2:.1f},{p.line_y}" for p in points),
        "top_minutes": top_minutes,
        "top_sets": top_sets,
    }


def _summary(plan: Plan) -> dict[str, Any]:
    sessions = Counter(
        session.to_json()["kind"]
        for week in plan.weeks
        for day in week.days
        for session in day.sessions
    )
    return {"sessions": dict(sessions), "blocks": list(dict.fromkeys(w.block for w in plan.weeks))}


def plan_pages(site: Site, catalog: PlanCatalog) -> list[Page]:
    """The plan picker, one page per distance and one per plan."""
    settings = catalog.settings
    crumbs = [{"title": "Plans", "route": "plans/"}]
    pages = [
        Page(
            route="plans/",
            template="plans.html",
            title="Training plans",
            description="Strength training placed inside the running week: plans for 5K, 10K, half marathon and marathon.",
            searchable=True,
            context={"catalog": catalog, "levels": LEVEL_TITLES, "breadcrumbs": crumbs},
        )
    ]
    for distance in settings.distances.values():
        route = f"plans/{distance.slug}/"
        pages.append(
            Page(
                route=route,
                template="plan-distance.html",
                title=f"{distance.title} plans",
                description=f"How our {distance.title} plans fit strength work around your running, week by week.",
                searchable=True,
                context={
                    "distance": distance,
                    "catalog": catalog,
                    "plans": catalog.of_distance(distance.slug),
                    "levels": LEVEL_TITLES,
                    "breadcrumbs": [*crumbs, {"title": f"{distance.title} plans", "route": route}],
                },
            )
        )
    for plan in catalog.plans.values():
        distance = settings.distances[plan.distance]
        route = f"plans/{plan.id}/"
        data = plan.to_json()
        pages.append(
            Page(
                route=route,
                template="plan.html",
                title=plan.title,
                description=(
                    f"{_a(plan.weeks_total)} {plan.weeks_total}-week {distance.title} plan for {plan.level} runners, "
                    f"{plan.run_days} running days a week, {settings.equipment[plan.equipment].title.lower()} strength work."
                ),
                context={
                    "plan": plan,
                    "data": data,
                    "distance": distance,
                    "equipment": settings.equipment[plan.equipment],
                    "chart": load_chart(plan),
                    "calendar_names": {
                        slug: site.exercises[slug].title for slug in sorted(_cards(plan))
                    },
                    "summary": _summary(plan),
                    "day_names": DAY_NAMES,
                    "breadcrumbs": [
                        *crumbs,
                        {"title": f"{distance.title} plans", "route": f"plans/{distance.slug}/"},
                        {"title": plan.title, "route": route},
                    ],
                },
            )
        )
    return pages


def _a(number: int) -> str:
    """The article for a number said aloud: "an 18-week plan", "a 12-week plan"."""
    return "An" if str(number).startswith("8") or number in (11, 18) else "A"


def plan_files(catalog: PlanCatalog) -> dict[str, bytes]:
    """The public JSON contract: ``plans/<id>.json`` and ``plans/index.json``."""
    files = {
        f"plans/{plan.id}.json": json.dumps(plan.to_json(), separators=(",", ":")).encode()
        for plan in catalog.plans.values()
    }
    index = {
        "plans": [
            {"id": p.id, "title": p.title, "distance": p.distance, "level": p.level,
             "run_days": p.run_days, "equipment": p.equipment, "weeks_total": p.weeks_total}
            for p in catalog.plans.values()
        ]
    }  # fmt: skip
    files["plans/index.json"] = json.dumps(index, indent=1).encode()
    return files
