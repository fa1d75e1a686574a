"""What each page depends on, as versions that change exactly when its output may change.

A page lists dependency keys (``Page.deps``); this module gives every key a
version, a digest of the data behind it. A page's fingerprint is the digest of
its keys' versions, so a rebuild re-renders a page only when something it reads
changed: editing one article's text changes ``doc:article:<slug>`` and nothing
else, so only that page (and the feed, which carries every body) is rendered.

Keys:
  global        templates, site settings, base URL, navigation: every page
  articles      the article list as pages show it (titles, dates, tags, card links)
  cards         the exercise cards as lists show them (everything but the body)
  taxonomy      muscles and regions
  plans         the generated plans
  docs          the bodies of the articles in the feed
  routes        the page list with dates (the sitemap)
  doc:K:S       one page's own source, the titles of what it links to, its backlinks
  *             unknown: always render
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from generator.content.models import Article, Exercise
from generator.render.page import Page
from generator.site.assemble import START_HERE, Site
from generator.site.bibliography import bibliography


def digest(*parts: object) -> str:
    """A short digest of the ``repr`` of plain data (tuples, strings, numbers)."""
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def folder_digest(folder: Path, skip: str = "") -> str:
    """Every file's path and bytes below ``folder`` (the templates), but the ``skip`` subfolder."""
    hasher = hashlib.blake2b(digest_size=16)
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not (skip and path.relative_to(folder).parts[0] == skip):
            hasher.update(path.relative_to(folder).as_posix().encode() + b"\0")
            hasher.update(path.read_bytes())
    return hasher.hexdigest()


def _doc_version(site: Site, kind: str, slug: str, source: str) -> str:
    key = (kind, slug)
    targets = sorted(
        (e.kind, e.slug, e.title)
        for ref in site.bodies[key].references
        if (e := site.library.lookup(ref)) is not None
    )
    return digest(source, targets, sorted(site.library.backlinks.get(key, ())))


def _article_listing(site: Site, article: Article) -> tuple[object, ...]:
    """What lists, feeds and related-article boxes show of an article."""
    parsed = site.bodies[("article", article.slug)]
    cards = sorted(r.slug for r in parsed.references)
    return (article.slug, article.title, article.summary, article.date, article.updated,
            article.tags, article.series, article.draft, parsed.reading_minutes, cards)  # fmt: skip


def _card_listing(card: Exercise) -> tuple[object, ...]:
    """Everything of a card but its body: lists, embeds, plans and related cards use it."""
    return (card.slug, card.title, card.summary, card.category, card.pattern, card.primary,
            card.secondary, card.equipment, card.level, card.laterality, card.tags,
            card.progressions, card.regressions, card.cues, card.mistakes,
            sorted(card.dose.items()))  # fmt: skip


def site_versions(site: Site, templates: str, settings: Iterable[object]) -> dict[str, str]:
    """The version of every dependency key for this build."""
    articles = sorted(site.articles.values(), key=lambda a: a.slug)
    cards = sorted(site.exercises.values(), key=lambda e: e.slug)
    start_here = site.library.get("article", START_HERE)
    versions = {
        "global": digest(
            templates, site.content.site, tuple(settings), site.plans is not None, start_here
        ),
        "articles": digest([_article_listing(site, a) for a in articles]),
        "cards": digest([_card_listing(e) for e in cards]),
        "taxonomy": digest(site.content.muscles),
        "plans": site.plans.digest if site.plans else "none",
        "sources": digest([(s.anchor, s.text, s.cited_by) for s in bibliography(site)]),
    }
    for article in articles:
        versions[f"doc:article:{article.slug}"] = _doc_version(
            site, "article", article.slug, article.doc.digest
        )
    for card in cards:
        versions[f"doc:exercise:{card.slug}"] = _doc_version(
            site, "exercise", card.slug, card.doc.digest
        )
    versions["docs"] = digest([versions[f"doc:article:{a.slug}"] for a in site.feed_articles()])
    return versions


def with_routes(versions: dict[str, str], pages: Iterable[Page]) -> dict[str, str]:
    """Add the ``routes`` key once the page list is known."""
    listed = [(p.route, p.lastmod) for p in pages if p.in_sitemap]
    return {**versions, "routes": digest(listed)}


def fingerprint(page: Page, versions: dict[str, str]) -> str | None:
    """The page's fingerprint, or None when it must always be rendered."""
    if "*" in page.deps or any(key not in versions for key in page.deps):
        return None
    page_itself = (page.template, page.route, page.title, page.description, page.lastmod,
                   page.searchable, page.in_sitemap)  # fmt: skip
    return digest(page_itself, [versions[key] for key in page.deps])
