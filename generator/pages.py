"""Which pages the guide has: one :class:`Page` per output file, with its template and data.

Page builders only gather data; all markup lives in ``templates/``.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.library import Entry
from generator.models import Article, Exercise
from generator.render import Page
from generator.schema import CATEGORIES, LEVELS
from generator.site import Site


def _crumbs(*pairs: tuple[str, str]) -> list[dict[str, str]]:
    return [{"title": title, "route": route} for title, route in pairs]


def home(site: Site) -> Page:
    return Page(
        route="",
        template="home.html",
        title=site.content.site.title,
        description=site.content.site.description,
        context={"articles": site.articles_by_date(), "breadcrumbs": []},
    )


def article_pages(site: Site) -> Iterator[Page]:
    yield Page(
        route="articles/",
        template="articles.html",
        title="Articles",
        description="Why, when and how runners should train strength: every article in the guide.",
        context={
            "articles": site.articles_by_date(),
            "breadcrumbs": _crumbs(("Articles", "articles/")),
        },
    )
    for article in site.articles.values():
        previous, following = site.series_neighbours(article)
        key = ("article", article.slug)
        yield Page(
            route=f"articles/{article.slug}/",
            template="article.html",
            title=article.title,
            description=article.summary,
            lastmod=article.updated or article.date,
            context={
                "article": article,
                "parsed": site.bodies[key],
                "previous": previous,
                "next": following,
                "linked_from": site.library.linking_to(key, "article"),
                "breadcrumbs": _crumbs(
                    ("Articles", "articles/"), (article.title, f"articles/{article.slug}/")
                ),
            },
        )


def _exercise_context(site: Site, exercise: Exercise) -> dict[str, object]:
    key = ("exercise", exercise.slug)
    return {
        "exercise": exercise,
        "parsed": site.bodies[key],
        "progressions": [site.exercises[s] for s in exercise.progressions if s in site.exercises],
        "regressions": [site.exercises[s] for s in exercise.regressions if s in site.exercises],
        "used_in_articles": site.library.linking_to(key, "article"),
        "used_in_plans": site.library.linking_to(key, "plan"),
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
        context={
            "exercises": cards,
            "categories": CATEGORIES,
            "levels": LEVELS,
            "breadcrumbs": _crumbs(("Exercises", "exercises/")),
        },
    )
    for exercise in site.exercises.values():
        yield Page(
            route=f"exercises/{exercise.slug}/",
            template="exercise.html",
            title=exercise.title,
            description=exercise.summary,
            context=_exercise_context(site, exercise),
        )


def muscle_pages(site: Site) -> Iterator[Page]:
    yield Page(
        route="muscles/",
        template="muscles.html",
        title="Muscles",
        description="The muscles a runner needs to train, by body region, with the exercises for each.",
        context={"breadcrumbs": _crumbs(("Muscles", "muscles/"))},
    )
    for muscle in site.muscles.values():
        primary, secondary = site.trained_by(muscle.slug)
        region = site.regions[muscle.region]
        yield Page(
            route=f"muscles/{muscle.slug}/",
            template="muscle.html",
            title=muscle.title,
            description=muscle.description,
            context={
                "muscle": muscle,
                "region": region,
                "primary": primary,
                "secondary": secondary,
                "breadcrumbs": _crumbs(
                    ("Muscles", "muscles/"),
                    (region.title, f"regions/{region.slug}/"),
                    (muscle.title, f"muscles/{muscle.slug}/"),
                ),
            },
        )
    for region in site.regions.values():
        yield Page(
            route=f"regions/{region.slug}/",
            template="region.html",
            title=region.title,
            description=f"The {region.title.lower()} muscles runners train, and the exercises for them.",
            context={
                "region": region,
                "muscles": site.muscles_in(region.slug),
                "exercises": site.exercises_in(region.slug),
                "breadcrumbs": _crumbs(
                    ("Muscles", "muscles/"), (region.title, f"regions/{region.slug}/")
                ),
            },
        )


def tag_pages(site: Site) -> Iterator[Page]:
    yield Page(
        route="tags/",
        template="tags.html",
        title="Tags",
        description="Every topic tag in the guide.",
        context={"breadcrumbs": _crumbs(("Tags", "tags/"))},
    )
    for tag in site.tags:
        entries: list[Entry] = site.tagged(tag)
        yield Page(
            route=f"tags/{tag}/",
            template="tag.html",
            title=f"Tagged “{tag}”",
            description=f"Articles and exercises about {tag}.",
            context={
                "tag": tag,
                "entries": entries,
                "breadcrumbs": _crumbs(("Tags", "tags/"), (tag, f"tags/{tag}/")),
            },
        )


def special_pages(site: Site, pages: list[Page]) -> Iterator[Page]:
    """404, feed, sitemap and robots: the files hosts, crawlers and feed readers look for."""
    articles: list[Article] = site.articles_by_date()
    yield Page(
        route="404.html",
        template="404.html",
        title="Page not found",
        in_sitemap=False,
        context={"breadcrumbs": []},
    )
    yield Page(
        route="feed.xml",
        template="feed.xml",
        title="Articles",
        in_sitemap=False,
        context={"articles": articles},
    )
    listed = [p for p in pages if p.in_sitemap]
    yield Page(
        route="sitemap.xml",
        template="sitemap.xml",
        title="Sitemap",
        in_sitemap=False,
        context={"pages": listed},
    )
    yield Page(route="robots.txt", template="robots.txt", title="robots", in_sitemap=False)
    yield Page(
        route="manifest.webmanifest",
        template="manifest.webmanifest",
        title="manifest",
        in_sitemap=False,
    )


def all_pages(site: Site, extra: list[Page] | None = None) -> list[Page]:
    """Every page of the guide, in a stable order (extra pages come from the plans)."""
    pages = [
        home(site),
        *article_pages(site),
        *exercise_pages(site),
        *muscle_pages(site),
        *tag_pages(site),
        *(extra or []),
    ]
    return [*pages, *special_pages(site, pages)]
