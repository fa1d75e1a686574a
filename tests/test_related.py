"""Related articles: the indexed ranking with its shortcut equals the plain definition."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.models import Article
from generator.content.sources import Document
from generator.markdown.xref import Reference
from generator.site.assemble import Site

TAGS = ("base", "gym", "hills", "knees", "trail")
CARDS = ("squat", "bridge", "calf-raise", "plank")


class _Body:
    def __init__(self, cards: list[str]) -> None:
        self.references = [Reference("exercise", card, None, 0, f"[[{card}]]") for card in cards]


def _site(articles: list[tuple[str, list[str], list[str]]]) -> Site:
    """A site holding only what the ranking reads: articles, their tags and referenced cards."""
    doc = Document("content/articles/x.md", cast(Any, None), "", 1)
    records, bodies = {}, {}
    for i, (title, tags, cards) in enumerate(articles):
        slug = f"article-{i}"
        records[slug] = Article(slug, title, "", "2024-01-01", None, tuple(tags), False, None, doc)
        bodies[("article", slug)] = _Body(cards)
    return Site(Path(), cast(Any, None), cast(Any, None), cast(Any, bodies), {}, records, {}, {})


def _by_definition(site: Site, article: Article, limit: int = 4) -> list[str]:
    """Score every other article: 2 per shared tag, 1 per shared card; best, then by title."""

    def cards(a: Article) -> set[str]:
        return {r.slug for r in site.bodies[("article", a.slug)].references}

    scored = []
    for other in site.articles.values():
        score = 2 * len(set(article.tags) & set(other.tags)) + len(cards(article) & cards(other))
        if other is not article and score > 0:
            scored.append((-score, other.title.casefold(), other.slug))
    return [slug for *_, slug in sorted(scored)[:limit]]


article_specs = st.tuples(
    st.sampled_from(["Hills", "hills", "Knees", "Tempo", "Zebra"]),  # titles repeat on purpose
    st.lists(st.sampled_from(TAGS), max_size=4),  # duplicate tags count once
    st.lists(st.sampled_from(CARDS), max_size=3),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(article_specs, min_size=1, max_size=40))
def test_related_articles_follow_their_definition(
    articles: list[tuple[str, list[str], list[str]]],
) -> None:
    site = _site(articles)
    for article in site.articles.values():
        found = [a.slug for a in site.related_articles(article)]
        assert found == _by_definition(site, article)


def test_the_shortcut_and_the_full_count_agree_on_a_large_site() -> None:
    """Enough close articles that the shortcut is taken, and ties broken by title."""
    articles = [
        (f"Title {i % 7}", [TAGS[i % 5], TAGS[(i * 3) % 5], TAGS[(i + 2) % 5]], [CARDS[i % 4]])
        for i in range(200)
    ]
    site = _site(articles)
    for article in site.articles.values():
        assert [a.slug for a in site.related_articles(article)] == _by_definition(site, article)
