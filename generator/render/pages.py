"""Which pages the guide has: one :class:`Page` per output file, with its template and data.

Page builders only gather data; all markup lives in ``templates/``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from markupsafe import Markup

from generator.content.models import Article, Exercise, Muscle
from generator.content.schema import BASIC_EQUIPMENT, CATEGORIES, EQUIPMENT, LEVELS
from generator.markdown.body import render_inline
from generator.render.page import Page
from generator.site.assemble import Site
from generator.site.bibliography import bibliography
from generator.site.library import Entry
from generator.site.plans import plans_using

# Dependency keys (see dependencies.py) shared by many pages.
CARDS = ("global", "cards", "taxonomy")
LISTS = ("global", "articles", "cards", "taxonomy")


def _crumbs(*pairs: tuple[str, str]) -> list[dict[str, str]]:
    return [{"title": title, "route": route} for title, route in pairs]


def home(site: Site) -> Page:
    return Page(
        route="",
        template="home.html",
        title=site.content.site.title,
        description=site.content.site.description,
        deps=LISTS,
        context=lambda: {"articles": site.articles_by_date(), "breadcrumbs": []},
    )


def article_pages(site: Site) -> Iterator[Page]:
    yield Page(
        route="articles/",
        template="articles.html",
        title="Articles",
        description="Why, when and how runners should train strength: every article in the guide.",
        deps=("global", "articles"),
        context=lambda: {
            "articles": site.articles_by_date(),
            "breadcrumbs": _crumbs(("Articles", "articles/")),
        },
    )
    for article in site.articles.values():
        yield article_page(site, article)


def article_page(site: Site, article: Article) -> Page:
    return Page(
        route=f"articles/{article.slug}/",
        template="article.html",
        searchable=True,
        title=article.title,
        description=article.summary,
        lastmod=article.updated or article.date,
        deps=(*LISTS, f"doc:article:{article.slug}"),
        context=partial(_article_context, site, article),
    )


def _article_context(site: Site, article: Article) -> dict[str, object]:
    key = ("article", article.slug)
    previous, following = site.series_neighbours(article)
    return {
        "article": article,
        "parsed": site.bodies[key],
        "previous": previous,
        "next": following,
        "linked_from": site.library.linking_to(key, "article"),
        "related": site.related_articles(article),
        "cites_sources": bool(site.bodies[key].citations),
        "breadcrumbs": _crumbs(
            ("Articles", "articles/"), (article.title, f"articles/{article.slug}/")
        ),
    }


def _exercise_context(site: Site, exercise: Exercise) -> dict[str, object]:
    key = ("exercise", exercise.slug)
    return {
        "exercise": exercise,
        "parsed": site.bodies[key],
        "progressions": [site.exercises[s] for s in exercise.progressions if s in site.exercises],
        "regressions": [site.exercises[s] for s in exercise.regressions if s in site.exercises],
        "used_in_articles": site.library.linking_to(key, "article"),
        "used_in_plans": plans_using(site, exercise.slug),
        "related": site.related_exercises(exercise),
        "breadcrumbs": _crumbs(
            ("Exercises", "exercises/"), (exercise.title, f"exercises/{exercise.slug}/")
        ),
    }


def exercise_pages(site: Site) -> Iterator[Page]:
    cards = sorted(site.exercises.values(), key=lambda e: e.title.casefold())
    yield Page(
        route="exercises/",
        template="exercises.html",
        title="Exercises",
        description="Every exercise card in the guide, filterable by muscle, region, category, equipment and level.",
        deps=CARDS,
        context=lambda: {
            "exercises": cards,
            "filters": filter_groups(site),
            "breadcrumbs": _crumbs(("Exercises", "exercises/")),
        },
    )
    for exercise in site.exercises.values():
        yield exercise_page(site, exercise)


def exercise_page(site: Site, exercise: Exercise) -> Page:
    return Page(
        route=f"exercises/{exercise.slug}/",
        template="exercise.html",
        searchable=True,
        title=exercise.title,
        description=exercise.summary,
        deps=(*LISTS, "plans", f"doc:exercise:{exercise.slug}"),
        context=partial(_exercise_context, site, exercise),
    )


FILTERS = {
    "category": ("Category", CATEGORIES),
    "equipment": ("Equipment you have", EQUIPMENT),
    "level": ("Level", LEVELS),
}


def _filter_matches(site: Site, dimension: str, value: str) -> list[Exercise]:
    cards = sorted(site.exercises.values(), key=lambda e: e.title.casefold())
    if dimension == "equipment":
        return [e for e in cards if site.doable_with(e, value)]
    return [e for e in cards if getattr(e, dimension) == value]


@dataclass(frozen=True, slots=True)
class FilterGroup:
    """One finder dimension and its values that match at least one card."""

    dimension: str
    label: str
    options: list[tuple[str, int]]  # (value, number of cards)


def filter_groups(site: Site) -> list[FilterGroup]:
    """The static filter pages, grouped by dimension, for the no-JavaScript finder."""
    groups = []
    for dimension, (label, values) in FILTERS.items():
        used = (
            {getattr(e, dimension) for e in site.exercises.values()}
            if dimension != "equipment"
            else {item for e in site.exercises.values() for item in e.equipment}
        )
        counted = [(v, len(_filter_matches(site, dimension, v))) for v in values if v in used]
        options = [(v, n) for v, n in counted if v not in BASIC_EQUIPMENT[1:]]
        groups.append(FilterGroup(dimension, label, options))
    return groups


def filter_pages(site: Site) -> Iterator[Page]:
    """One real page per filter value, so the finder works with JavaScript off."""
    for group in filter_groups(site):
        dimension = group.dimension
        for value, _count in group.options:
            name = value.replace("-", " ")
            title = {
                "category": f"{name.capitalize()} exercises",
                "equipment": "Bodyweight exercises"
                if value == "bodyweight"
                else f"Exercises you can do with a {name}",
                "level": f"{name.capitalize()} exercises",
            }[dimension]
            route = f"finder/{dimension}/{value}/"
            yield Page(
                route=route,
                template="exercise-filter.html",
                title=title,
                description=f"{title}: every card in the guide that fits.",
                deps=CARDS,
                context={
                    "exercises": _filter_matches(site, dimension, value),
                    "breadcrumbs": _crumbs(("Exercises", "exercises/"), (title, route)),
                },
            )


def muscle_pages(site: Site) -> Iterator[Page]:
    yield Page(
        route="muscles/",
        template="muscles.html",
        title="Muscles",
        description="The muscles a runner needs to train, by body region, with the exercises for each.",
        deps=CARDS,
        context={"breadcrumbs": _crumbs(("Muscles", "muscles/"))},
    )
    for muscle in site.muscles.values():
        region = site.regions[muscle.region]
        yield Page(
            route=f"muscles/{muscle.slug}/",
            template="muscle.html",
            searchable=True,
            title=muscle.title,
            description=muscle.description,
            deps=CARDS,
            context=partial(_muscle_context, site, muscle),
        )
    for region in site.regions.values():
        yield Page(
            route=f"regions/{region.slug}/",
            template="region.html",
            searchable=True,
            title=region.title,
            description=f"The {region.title.lower()} muscles runners train, and the exercises for them.",
            deps=CARDS,
            context={
                "region": region,
                "muscles": site.muscles_in(region.slug),
                "exercises": site.exercises_in(region.slug),
                "breadcrumbs": _crumbs(
                    ("Muscles", "muscles/"), (region.title, f"regions/{region.slug}/")
                ),
            },
        )


def _muscle_context(site: Site, muscle: Muscle) -> dict[str, object]:
    primary, secondary = site.trained_by(muscle.slug)
    region = site.regions[muscle.region]
    return {
        "muscle": muscle,
        "region": region,
        "primary": primary,
        "secondary": secondary,
        "breadcrumbs": _crumbs(
            ("Muscles", "muscles/"),
            (region.title, f"regions/{region.slug}/"),
            (muscle.title, f"muscles/{muscle.slug}/"),
        ),
    }


def tag_pages(site: Site) -> Iterator[Page]:
    yield Page(
        route="tags/",
        template="tags.html",
        title="Tags",
        description="Every topic tag in the guide.",
        deps=LISTS,
        context={"breadcrumbs": _crumbs(("Tags", "tags/"))},
    )
    for tag in site.tags:
        entries: list[Entry] = site.tagged(tag)
        yield Page(
            route=f"tags/{tag}/",
            template="tag.html",
            title=f"Tagged “{tag}”",
            description=f"Articles and exercises about {tag}.",
            deps=LISTS,
            context={
                "tag": tag,
                "entries": entries,
                "breadcrumbs": _crumbs(("Tags", "tags/"), (tag, f"tags/{tag}/")),
            },
        )


def references_page(site: Site) -> Page:
    """Every source the articles cite, once, each with the articles that cite it."""
    sources = [
        {
            "anchor": source.anchor,
            "html": Markup(render_inline(source.text)),
            "cited_by": [site.articles[slug] for slug in source.cited_by],
        }
        for source in bibliography(site)
    ]
    return Page(
        route="references/",
        template="references.html",
        title="References",
        description="Every study and guideline the guide's articles rely on, with the articles that cite each.",
        searchable=True,
        deps=("global", "articles", "sources"),
        context={"sources": sources, "breadcrumbs": _crumbs(("References", "references/"))},
    )


def special_pages(site: Site, pages: list[Page]) -> Iterator[Page]:
    """404, feed, sitemap and robots: the files hosts, crawlers and feed readers look for."""
    yield Page(
        route="search/",
        template="search.html",
        title="Search",
        description="Search every article, exercise and muscle in the guide.",
        in_sitemap=False,
        deps=("global",),
        context={"breadcrumbs": []},
    )
    yield Page(
        route="404.html",
        template="404.html",
        title="Page not found",
        in_sitemap=False,
        deps=("global",),
        context={"breadcrumbs": []},
    )
    yield Page(
        route="feed.xml",
        template="feed.xml",
        title="Articles",
        in_sitemap=False,
        deps=(*LISTS, "docs"),  # bodies embed card summaries and muscle names
        context={"articles": site.feed_articles()},
    )
    listed = [p for p in pages if p.in_sitemap]
    yield Page(
        route="sitemap.xml",
        template="sitemap.xml",
        title="Sitemap",
        in_sitemap=False,
        deps=("global", "routes"),
        context={"pages": listed},
    )
    yield Page(
        route="robots.txt",
        template="robots.txt",
        title="robots",
        in_sitemap=False,
        deps=("global",),
    )
    yield Page(
        route="sw.js",
        template="sw.js",
        title="service worker",
        in_sitemap=False,
        deps=("global", "plans"),
        context={  # what the service worker caches on install: the guide's shell
            "shell": ["", *(["plans/"] if site.plans else []), "search/", "404.html"],
            "shell_assets": [
                "style.css",
                "theme.js",
                "icons.svg",
                "favicon.svg",
                "plan-page.js",
                "plans.js",
                "finder.js",
                "search.js",
                "icon-192.png",
            ],
        },
    )
    yield Page(
        route="manifest.webmanifest",
        template="manifest.webmanifest",
        title="manifest",
        in_sitemap=False,
        deps=("global",),
    )


def all_pages(site: Site, extra: list[Page] | None = None) -> list[Page]:
    """Every page of the guide, in a stable order (extra pages come from the plans)."""
    pages = [
        home(site),
        *article_pages(site),
        *exercise_pages(site),
        *filter_pages(site),
        *muscle_pages(site),
        *tag_pages(site),
        references_page(site),
        *(extra or []),
    ]
    return [*pages, *special_pages(site, pages)]
