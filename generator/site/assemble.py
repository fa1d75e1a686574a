"""The assembled guide: content, its index and parsed bodies, with the lookups pages need.

Built once per build by :func:`assemble`, after which nothing is read from disk.
Templates and page builders ask it questions ("which cards train the soleus?")
instead of re-deriving answers themselves.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from itertools import combinations
from pathlib import Path

from generator.core.diagnostics import Diagnostics, Location, did_you_mean
from generator.plans.catalog import PlanCatalog
from generator.site.library import Entry, Library
from generator.markdown.body import ParsedBody
from generator.content.models import Article, Content, Exercise, Muscle, Region
from generator.content.schema import BASIC_EQUIPMENT, REGIONS

Key = tuple[str, str]
RankSets = list[frozenset[int]]  # for related articles: the title ranks having each feature
START_HERE = "why-runners-should-lift"  # the overview article: the header's "Start here"
TAG_WEIGHT = 2  # in related articles, a shared tag counts twice as much as a shared card
FEED_ENTRIES = 20  # a feed reader needs the recent articles, not a copy of the whole guide


@dataclass
class Site:
    """Everything the renderer needs, indexed."""

    root: Path
    content: Content
    library: Library
    bodies: dict[Key, ParsedBody]
    exercises: dict[str, Exercise]
    articles: dict[str, Article]
    muscles: dict[str, Muscle]
    regions: dict[str, Region]
    tags: dict[str, list[Key]] = field(default_factory=dict)
    plans: PlanCatalog | None = None  # set by the build once plans are generated
    # Every route the guide will publish (pages, static files), set by the build before the
    # lints, so that a body's plain Markdown links can be checked; empty: links not checked.
    routes: frozenset[str] = frozenset()

    def trained_by(self, muscle: str) -> tuple[list[Exercise], list[Exercise]]:
        """Cards that train ``muscle``: as a prime mover, then as an assistant."""
        cards = sorted(self.exercises.values(), key=lambda e: e.title.casefold())
        return (
            [e for e in cards if muscle in e.primary],
            [e for e in cards if muscle in e.secondary and muscle not in e.primary],
        )

    def muscles_in(self, region: str) -> list[Muscle]:
        return [m for m in self.muscles.values() if m.region == region]

    def exercises_in(self, region: str) -> list[Exercise]:
        """Cards with a primary muscle in ``region``, by title."""
        ids = {m.slug for m in self.muscles_in(region)}
        cards = [e for e in self.exercises.values() if ids & set(e.primary)]
        return sorted(cards, key=lambda e: e.title.casefold())

    def regions_of(self, exercise: Exercise) -> list[str]:
        """Regions of the card's muscles, in taxonomy order."""
        found = {self.muscles[m].region for m in exercise.muscles if m in self.muscles}
        return [r for r in self.regions if r in found]

    def doable_with(self, exercise: Exercise, item: str) -> bool:
        """Can someone who owns only ``item`` (plus the floor, a wall and a step) do this card?"""
        return set(exercise.equipment) <= {item, *BASIC_EQUIPMENT}

    def articles_by_date(self) -> list[Article]:
        """Newest first; ties broken by slug for a stable order."""
        return sorted(self.articles.values(), key=lambda a: (a.date, a.slug), reverse=True)

    def feed_articles(self) -> list[Article]:
        """The newest articles, with their bodies, for the Atom feed (like most feeds, bounded)."""
        return self.articles_by_date()[:FEED_ENTRIES]

    def series_neighbours(self, article: Article) -> tuple[Article | None, Article | None]:
        """Previous and next article in the same series, if any."""
        if article.series is None:
            return None, None
        name = article.series.name
        members = sorted(
            (a for a in self.articles.values() if a.series and a.series.name == name),
            key=lambda a: (a.series.order if a.series else 0, a.slug),
        )
        i = members.index(article)
        return (members[i - 1] if i > 0 else None, members[i + 1] if i + 1 < len(members) else None)

    def related_articles(self, article: Article, limit: int = 4) -> list[Article]:
        """Articles sharing tags (weight 2) and referenced cards (weight 1), best first, then by title.

        Scored through an inverted index (feature -> title ranks), so the cost
        grows with the overlap, not with the square of the number of articles.
        Most of that overlap is articles sharing one tag, worth 2 each: when
        ``limit`` articles that share two tags or a card score more than that,
        the others cannot make the list and are never counted.
        """
        own = self._title_rank[article.slug]
        by_rank, features = self._related_index
        tags, cards = features[own]
        close = set().union(*(a & b for a, b in combinations(tags, 2)), *cards)
        scores = self._count(tags, cards, close)
        scores.pop(own, None)
        ahead = [rank for rank, score in scores.items() if score > TAG_WEIGHT]
        if len(ahead) < limit:  # articles sharing one tag are in the running: count them all
            scores = self._count(tags, cards)
            scores.pop(own, None)
            ahead = list(scores)
        ahead.sort()  # by title; then by score, which keeps ties in title order (C-level keys)
        ahead.sort(key=scores.__getitem__, reverse=True)
        return [by_rank[rank] for rank in ahead[:limit]]

    @staticmethod
    def _count(tags: RankSets, cards: RankSets, among: set[int] | None = None) -> Counter[int]:
        """Score of each article (by title rank) sharing a feature, optionally only ``among``."""
        counts: Counter[int] = Counter()
        for tag in tags:
            shared = tag if among is None else tag & among
            for _ in range(TAG_WEIGHT):
                counts.update(shared)
        for card in cards:
            counts.update(card)
        return counts

    @cached_property
    def _title_rank(self) -> dict[str, int]:
        ordered = sorted(self.articles.values(), key=lambda a: (a.title.casefold(), a.slug))
        return {a.slug: rank for rank, a in enumerate(ordered)}

    @cached_property
    def _related_index(self) -> tuple[list[Article], list[tuple[RankSets, RankSets]]]:
        """Articles by title rank; for each, the ranks of the articles having each of its
        tags, and of those referencing each of its cards. Built once per build."""
        by_rank = sorted(self.articles.values(), key=lambda a: self._title_rank[a.slug])
        tags_of = [set(article.tags) for article in by_rank]
        cards_of = [self._cards_referenced(("article", article.slug)) for article in by_rank]
        tagged: dict[str, set[int]] = defaultdict(set)
        citing: dict[str, set[int]] = defaultdict(set)
        for rank, (tags, cards) in enumerate(zip(tags_of, cards_of, strict=True)):
            for tag in tags:
                tagged[tag].add(rank)
            for card in cards:
                citing[card].add(rank)
        frozen_tags = {tag: frozenset(ranks) for tag, ranks in tagged.items()}
        frozen_cards = {card: frozenset(ranks) for card, ranks in citing.items()}
        features = [
            ([frozen_tags[t] for t in tags], [frozen_cards[c] for c in cards])
            for tags, cards in zip(tags_of, cards_of, strict=True)
        ]
        return by_rank, features

    def related_exercises(self, exercise: Exercise, limit: int = 4) -> list[Exercise]:
        """Cards sharing primary muscles (3), the pattern (2), other muscles and tags (1)."""
        ladder = {*exercise.progressions, *exercise.regressions, exercise.slug}
        scored = []
        for other in self.exercises.values():
            if other.slug in ladder:
                continue  # already shown as easier/harder
            score = 3 * len(set(exercise.primary) & set(other.primary))
            score += 2 * (exercise.pattern == other.pattern)
            score += len(set(exercise.muscles) & set(other.muscles))
            score += len(set(exercise.tags) & set(other.tags))
            if score >= 3:
                scored.append((-score, other.title.casefold(), other))
        return [e for *_, e in sorted(scored, key=lambda t: t[:2])[:limit]]

    def _cards_referenced(self, source: Key) -> set[str]:
        return {r.slug for r in self.bodies[source].references if r.kind in ("exercise", None)}

    def tagged(self, tag: str) -> list[Entry]:
        found = [self.library.entries[slug] for _kind, slug in self.tags.get(tag, [])]
        return sorted(found, key=lambda e: (e.kind, e.title.casefold()))


def _entries(content: Content, regions: dict[str, Region]) -> Iterator[tuple[Entry, Location]]:
    """Every linkable thing in the content, with where a slug clash should be reported."""
    taxonomy = Location("content/muscles.yaml")
    for region in regions.values():
        yield Entry("region", region.slug, region.title, "generator/content/schema.py"), taxonomy
    for muscle in content.muscles:
        yield Entry("muscle", muscle.slug, muscle.title, "content/muscles.yaml"), taxonomy
    for exercise in content.exercises:
        where = Location(exercise.doc.path)
        yield Entry("exercise", exercise.slug, exercise.title, exercise.doc.path), where
    for article in content.articles:
        where = Location(article.doc.path)
        yield Entry("article", article.slug, article.title, article.doc.path), where
    for kind, slug, path in content.invalid:  # already reported; keeps links to them quiet
        yield Entry(kind, slug, slug, path), Location(path)


def assemble(content: Content, diagnostics: Diagnostics, root: Path) -> Site:
    """Index the content: one library of every linkable slug, bodies by page."""
    library = Library(hidden=frozenset(content.hidden))
    regions = {slug: Region(slug, title) for slug, title in REGIONS.items()}
    library.add_all(_entries(content, regions), diagnostics)
    library.check_hidden(content.hidden_files, diagnostics)
    exercises = {e.slug: e for e in content.exercises if library.get("exercise", e.slug)}
    articles = {a.slug: a for a in content.articles if library.get("article", a.slug)}
    pages: dict[str, dict[str, Exercise] | dict[str, Article]] = {
        "exercise": exercises,
        "article": articles,
    }
    bodies = {key: body for key, body in content.bodies.items() if key[1] in pages[key[0]]}
    tags: dict[str, list[Key]] = defaultdict(list)
    items: list[Exercise | Article] = [*exercises.values(), *articles.values()]
    for item in items:
        kind = "exercise" if isinstance(item, Exercise) else "article"
        for tag in item.tags:
            tags[tag].append((kind, item.slug))
    return Site(
        root=root,
        content=content,
        library=library,
        bodies=bodies,
        exercises=exercises,
        articles=articles,
        muscles={m.slug: m for m in content.muscles},
        regions=regions,
        tags=dict(sorted(tags.items())),
    )
