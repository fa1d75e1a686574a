"""The plan pages: the picker, one page per distance and one per plan, with a load chart.

Plans are made and checked in ``generator.site.plans``; this module only turns
the catalog into pages.
"""

from __future__ import annotations

from collections import Counter
from functools import partial
from typing import Any

from generator.plans import Plan
from generator.plans.catalog import PlanCatalog
from generator.plans.guidance import Guidance
from generator.render.guidance_pages import guidance_pages
from generator.render.page import Page
from generator.render.plan_chart import load_chart
from generator.site.assemble import Site

LEVEL_TITLES = {"beginner": "Beginner", "intermediate": "Intermediate", "advanced": "Advanced"}
LEVEL_NOTES = {
    "beginner": "You run two or three times a week and are new to strength training, or have "
    "done little of it. Strength work starts from bodyweight and light loads.",
    "intermediate": "You have run regularly for a year or more, have raced this distance or one "
    "close to it, and have done some strength work at home or in a gym.",
    "advanced": "You have trained consistently for years, handle long runs and hard sessions "
    "in the same week, and lift heavier loads with good form.",
}
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


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
            context={
                "catalog": catalog,
                "levels": LEVEL_TITLES,
                "level_notes": LEVEL_NOTES,
                "breadcrumbs": crumbs,
            },
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
                    "level_notes": LEVEL_NOTES,
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
                    f"{_a(plan.weeks_total)} {plan.weeks_total}-week {_in_sentence(distance.title)} plan for "
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
    data = plan.to_json()
    return {
        "plan": plan,
        "data": _with_session_loads(data, catalog.settings.guidance),
        "page_data": _page_data(plan),
        "distance": distance,
        "equipment": catalog.settings.equipment[plan.equipment],
        "chart": load_chart(plan),
        "cards": _card_notes(site, data),
        "equipment_titles": [item.replace("-", " ") for item in plan.equipment_used],
        "shorter": [  # same level, days and equipment, for a race too close for this plan
            {
                "title": d.title,
                "weeks": d.weeks.default,
                "id": f"{d.slug}-{plan.level}-{plan.run_days}d-{plan.equipment}",
            }
            for d in catalog.settings.distances.values()
            if d.weeks.default < plan.weeks_total
        ],
        "run_first": next(
            (s.note for w in plan.weeks for d in w.days for s in d.strength if s.note), ""
        ),
        "summary": _summary(plan),
        "day_names": DAY_NAMES,
        "breadcrumbs": [
            {"title": "Plans", "route": "plans/"},
            {"title": f"{distance.title} plans", "route": f"plans/{distance.slug}/"},
            {"title": plan.title, "route": route},
        ],
    }


def _with_session_loads(data: dict[str, Any], guidance: Guidance | None) -> dict[str, Any]:
    """How heavy, said once per strength session on the page rather than on every exercise.

    Most exercises of a session share one effort target and one way to make a
    bodyweight exercise heavy; the page states those once (``how_heavy``,
    ``no_weights``) and gives an exercise its own only where it differs
    (``own_load``), or the harder variation it may move to (``harder``). The
    JSON contract keeps every exercise's full ``load``.
    """
    if guidance is None:
        return data
    for week in data["weeks"]:
        for day in week["days"]:
            for session in day["sessions"]:
                if session["kind"] != "strength":
                    continue
                parts = [guidance.split_load(item["load"]) for item in session["exercises"]]
                efforts = Counter(effort for effort, _tip, _harder in parts if effort)
                tips = Counter(tip for _effort, tip, _harder in parts if tip)
                session["how_heavy"] = efforts.most_common(1)[0][0] if efforts else ""
                session["no_weights"] = tips.most_common(1)[0][0] if tips else ""
                for item, (effort, tip, harder) in zip(session["exercises"], parts, strict=True):
                    own = [effort] if effort != session["how_heavy"] else []
                    if tip and tip != session["no_weights"]:
                        own.append(tip)
                    item["own_load"] = ". ".join(own)
                    item["harder"] = harder
    return data


def _card_notes(site: Site, data: object) -> dict[str, dict[str, Any]]:
    """Title and cues of every card the plan's JSON names (sessions, warm-ups, anywhere).

    The plan page's calendar export and workout mode read these from the page, so
    a reader has each exercise's cues at hand offline without opening its card.
    """
    slugs: set[str] = set()
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            slug = item.get("slug")
            if isinstance(slug, str) and slug in site.exercises:
                slugs.add(slug)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return {
        slug: {"title": site.exercises[slug].title, "cues": list(site.exercises[slug].cues)}
        for slug in sorted(slugs)
    }


def _page_data(plan: Plan) -> dict[str, Any]:
    """The plan as its page embeds it (calendar export, workout mode): the JSON contract with
    each repeated text given once. Efforts come by run type, loads in a list the exercises
    index, the warm-up once; ``plan-page.js`` puts them back in place when it loads."""
    data = plan.to_json()
    efforts: dict[str, str] = {}
    loads: list[str] = []
    warmup: dict[str, Any] | None = None
    for week in data["weeks"]:
        for day in week["days"]:
            for session in day["sessions"]:
                if session["kind"] == "run":
                    efforts[session["type"]] = session.pop("effort")
                    del session["definition"]
                if session.get("warmup"):
                    warmup = warmup or session["warmup"]
                    session["warmup"] = 1  # the routine is the same in every session
                for item in session.get("exercises", ()):
                    if "load" in item:
                        if item["load"] not in loads:
                            loads.append(item["load"])
                        item["load"] = loads.index(item["load"])
    del data["requirements"]
    return {"plan": data, "efforts": efforts, "loads": loads, "warmup": warmup}


def _in_sentence(name: str) -> str:
    """A name as it reads mid-sentence: "half marathon", but "5K" and "10K" as they are."""
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


def _a(number: int) -> str:
    """The article for a number said aloud: "an 18-week plan", "a 12-week plan"."""
    return "An" if str(number).startswith("8") or number in (11, 18) else "A"
