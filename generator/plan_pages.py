"""The training plans in the guide: generated, checked, linked, and published as pages and JSON.

``generator.plans`` knows coaching; this module knows the site: it turns the
plans into library entries (so ``[[plan:marathon]]`` resolves and cards know
which plans use them), pages with a load chart, and the public JSON contract.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from functools import partial
from typing import Any

from generator.cache import BuildCache
from generator.diagnostics import Diagnostic, Diagnostics, Location
from generator.library import Entry
from generator.page import Page
from generator.plan_chart import load_chart
from generator.plans import Plan, PlanSettings, check_plan, generate_all, load_plan_settings
from generator.site import Site
from generator.sources import Limits, read_text, text_digest

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


def make_plans(
    site: Site, diagnostics: Diagnostics, cache: BuildCache | None = None
) -> PlanCatalog | None:
    """Generate every plan from ``content/plans/`` and check each against R1-R12.

    Plans depend only on the plan inputs, the cards' front matter and the
    taxonomy, so with a cache they are regenerated only when one of those changed.
    """
    folder = site.root / "content" / "plans"
    if not folder.is_dir():
        return None
    texts = []
    for path in sorted(folder.glob("*.yaml")):  # read safely: no links out, size-limited
        rel = path.relative_to(site.root).as_posix()
        text = read_text(path, rel, diagnostics, Limits(), site.root / "content")
        if text is None:
            return None
        texts.append(path.name + text)
    inputs = text_digest(
        *texts,
        repr(sorted((e.slug, e.doc.meta.data) for e in site.exercises.values())),
        repr(site.content.muscles),
    )
    if cache is None:
        return _generate(site, diagnostics, inputs)
    memo = cache.plans.get(inputs, lambda: _capture(site, inputs))
    diagnostics.extend(memo[1])
    catalog: PlanCatalog | None = memo[0]
    return catalog


def _capture(site: Site, inputs: str) -> tuple[PlanCatalog | None, tuple[Diagnostic, ...]]:
    found = Diagnostics()
    return _generate(site, found, inputs), tuple(found.items)


def _generate(site: Site, diagnostics: Diagnostics, inputs: str) -> PlanCatalog | None:
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
    by_id = {p.id: p for p in plans}
    cards = {p.id: tuple(sorted(_cards(p))) for p in plans}
    return PlanCatalog(settings, by_id, inputs, cards, _json_files(by_id))


def register_plans(site: Site, catalog: PlanCatalog, diagnostics: Diagnostics) -> None:
    """Make distances and plans linkable, and record which cards each plan uses."""
    where = Location("content/plans/distances.yaml")
    for distance in catalog.settings.distances.values():
        site.library.add(
            Entry("plan", distance.slug, f"{distance.title} plans", where.path), where, diagnostics
        )
    for plan in catalog.plans.values():
        site.library.add(Entry("plan", plan.id, plan.title, where.path), where, diagnostics)
        for slug in catalog.cards[plan.id]:
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
    data = plan.to_json()
    return {
        "plan": plan,
        "data": data,
        "distance": distance,
        "equipment": catalog.settings.equipment[plan.equipment],
        "chart": load_chart(plan),
        "cards": _card_notes(site, data),
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


def _a(number: int) -> str:
    """The article for a number said aloud: "an 18-week plan", "a 12-week plan"."""
    return "An" if str(number).startswith("8") or number in (11, 18) else "A"


def _json_files(plans: dict[str, Plan]) -> dict[str, bytes]:
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
