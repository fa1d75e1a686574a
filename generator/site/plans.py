"""The plans in the site: generated (or taken from the cache), checked, and made linkable.

``generator.plans`` knows coaching; this module knows the site: it makes the
catalog from ``content/plans/`` and the cards, reports every rule violation,
and registers plans in the library so ``[[plan:marathon]]`` resolves and each
card knows which plans use it.
"""

from __future__ import annotations

from collections import Counter

from generator.core.cache import BuildCache
from generator.core.diagnostics import Diagnostic, Diagnostics, Location
from generator.content.sources import Limits, read_text, text_digest
from generator.plans import check_plan, generate_all, load_plan_settings
from generator.plans.catalog import PlanCatalog, json_files, plan_cards
from generator.site.assemble import Site
from generator.site.library import Entry


def make_plans(
    site: Site, diagnostics: Diagnostics, cache: BuildCache | None = None
) -> PlanCatalog | None:
    """Generate every plan from ``content/plans/`` and check each against R1-R23.

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
    cards = {p.id: tuple(sorted(plan_cards(p))) for p in plans}
    return PlanCatalog(settings, by_id, inputs, cards, json_files(by_id))


def register_plans(site: Site, catalog: PlanCatalog, diagnostics: Diagnostics) -> None:
    """Make distances and plans linkable, and record which cards each plan uses."""
    where = Location("content/plans/distances.yaml")
    for distance in catalog.settings.distances.values():
        site.library.add(
            Entry("plan", distance.slug, f"{distance.title} plans", where.path), where, diagnostics
        )
    guides = (("run-sessions", "Run sessions"), ("warm-up", "The strength warm-up"))
    for slug, title in guides:  # linkable as [[plan:run-sessions]], [[plan:warm-up]]
        site.library.add(Entry("plan", slug, title, where.path), where, diagnostics)
    for plan in catalog.plans.values():
        site.library.add(Entry("plan", plan.id, plan.title, where.path), where, diagnostics)
        for slug in catalog.cards[plan.id]:
            site.library.link(("plan", plan.id), ("exercise", slug))


def plans_using(site: Site, slug: str) -> dict[str, int]:
    """How many plans of each distance use a card, for its "used in" list."""
    entries = site.library.linking_to(("exercise", slug), "plan")
    counts = Counter(e.slug.split("-", 1)[0] for e in entries)
    return dict(sorted(counts.items()))
