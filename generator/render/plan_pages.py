"""The plan pages: the picker, one page per distance and one per plan, with a load chart.

Plans are made and checked in ``generator.site.plans``; this module only turns
the catalog into pages.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import partial
from typing import Any

from generator.plans import Plan
from generator.plans.catalog import PlanCatalog
from generator.render.guidance_pages import guidance_pages
from generator.render.page import Page
from generator.site.assemble import Site

LEVEL_TITLES = {"beginner": "Beginner", "intermediate": "Intermediate", "advanced": "Advanced"}
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
CHART_WIDTH, CHART_HEIGHT, CHART_PAD = 640, 240, 36


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
            deps=("global", "plans"),
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
                deps=("global", "plans", "articles"),
                context={
                    "distance": distance,
                    "catalog": catalog,
                    "plans": catalog.of_distance(distance.slug),
                    "levels": LEVEL_TITLES,
                    "breadcrumbs": [*crumbs, {"title": f"{distance.title} plans", "route": route}],
                },
            )
        )
    if settings.guidance is not None:
        pages += guidance_pages(settings.guidance)
    for plan in catalog.plans.values():
        distance = settings.distances[plan.distance]
        pages.append(
            Page(
                route=f"plans/{plan.id}/",
                template="plan.html",
                title=plan.title,
                description=(
                    f"{_a(plan.weeks_total)} {plan.weeks_total}-week {distance.title} plan for "
                    f"{plan.level} runners, {plan.run_days} running days a week, "
                    f"{settings.equipment[plan.equipment].title.lower()} strength work."
                ),
                deps=("global", "plans", "cards"),
                context=partial(_plan_context, site, catalog, plan),
            )
        )
    return pages


def _plan_context(site: Site, catalog: PlanCatalog, plan: Plan) -> dict[str, Any]:
    distance = catalog.settings.distances[plan.distance]
    route = f"plans/{plan.id}/"
    return {
        "plan": plan,
        "data": plan.to_json(),
        "distance": distance,
        "equipment": catalog.settings.equipment[plan.equipment],
        "chart": load_chart(plan),
        "calendar_names": {slug: site.exercises[slug].title for slug in catalog.cards[plan.id]},
        "calendar_data": _calendar_data(plan),
        "equipment_titles": [item.replace("-", " ") for item in plan.equipment_used],
        "summary": _summary(plan),
        "day_names": DAY_NAMES,
        "breadcrumbs": [
            {"title": "Plans", "route": "plans/"},
            {"title": f"{distance.title} plans", "route": f"plans/{distance.slug}/"},
            {"title": plan.title, "route": route},
        ],
    }


def _calendar_data(plan: Plan) -> dict[str, Any]:
    """The plan as the page embeds it for the calendar export: the JSON contract with each
    repeated text given once (efforts by run type, loads in a list the exercises index)
    and without the warm-up's exercises, which the export links instead."""
    data = plan.to_json()
    efforts: dict[str, str] = {}
    loads: list[str] = []
    for week in data["weeks"]:
        for day in week["days"]:
            for session in day["sessions"]:
                if session["kind"] == "run":
                    efforts[session["type"]] = session.pop("effort")
                    del session["definition"]
                if session.get("warmup"):
                    session["warmup"] = {"minutes": session["warmup"]["minutes"]}
                for item in session.get("exercises", ()):
                    if "load" in item:
                        if item["load"] not in loads:
                            loads.append(item["load"])
                        item["load"] = loads.index(item["load"])
    del data["requirements"]
    return {"plan": data, "efforts": efforts, "loads": loads}


def _a(number: int) -> str:
    """The article for a number said aloud: "an 18-week plan", "a 12-week plan"."""
    return "An" if str(number).startswith("8") or number in (11, 18) else "A"
