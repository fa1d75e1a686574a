"""The guide's bibliography: every source its articles cite, once, with the articles citing it.

Articles list their sources as a Markdown list under a ``## Sources`` heading.
Two articles citing the same paper are one entry on the references page; the
same paper written two ways ("Bazyler et al. (2015)" and "Bazyler, C. D., ...
(2015)") is one entry too, and a lint asks the author to write it one way.
A source is known by its first author's surname, its year and its title.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.content.models import Article
from generator.markdown.citations import Citation, words
from generator.core.diagnostics import Location
from generator.site.assemble import Site

@dataclass(frozen=True, slots=True)
class Source:
    """One source of the guide, as the references page lists it."""

    anchor: str  # its id on the references page
    text: str  # the Markdown as first written (articles in slug order)
    cited_by: tuple[str, ...]  # article slugs, sorted


def _anchor(key: tuple[str, str, str], taken: set[str]) -> str:
    author, year, title = key
    words = [author.replace(" ", "-"), year, *title.split()[:3]]
    base = "-".join(w for w in words if w) or "source"
    anchor, n = base, 2
    while anchor in taken:
        anchor, n = f"{base}-{n}", n + 1
    taken.add(anchor)
    return anchor


def _cited(site: Site) -> list[tuple[Article, tuple[Citation, ...]]]:
    """Each article (in slug order) with its citations, read when its body was parsed."""
    articles = sorted(site.articles.values(), key=lambda a: a.slug)
    return [(a, site.bodies[("article", a.slug)].citations) for a in articles]


def bibliography(site: Site) -> list[Source]:
    """Every cited source once, sorted by author and year, with the articles citing it."""
    first: dict[tuple[str, str, str], str] = {}
    cited: dict[tuple[str, str, str], set[str]] = {}
    for article, found in _cited(site):
        for citation in found:
            first.setdefault(citation.key, citation.text)
            cited.setdefault(citation.key, set()).add(article.slug)
    taken: set[str] = set()
    return [
        Source(_anchor(key, taken), first[key], tuple(sorted(cited[key])))
        for key in sorted(first)
    ]


def written_differently(site: Site) -> list[tuple[Location, str, Location]]:
    """Citations of a source already written another way: (where, text, where it was first)."""
    first: dict[tuple[str, str, str], tuple[str, Location]] = {}
    found: list[tuple[Location, str, Location]] = []
    for article, cited in _cited(site):
        for citation in cited:
            where = Location(article.doc.path, article.doc.body_line + citation.line, 3)
            if citation.key not in first:
                first[citation.key] = (citation.text, where)
            elif words(first[citation.key][0]) != words(citation.text):
                found.append((where, citation.text, first[citation.key][1]))
    return found
