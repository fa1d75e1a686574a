"""The guide's bibliography: every source its articles cite, once, with the articles citing it.

Articles list their sources as a Markdown list under a ``## Sources`` heading.
Two articles citing the same paper are one entry on the references page; the
same paper written two ways ("Bazyler et al. (2015)" and "Bazyler, C. D., ...
(2015)") is one entry too, and a lint asks the author to write it one way.
A source is known by its first author's surname, its year and its title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.content.models import Article
from generator.core.diagnostics import Location
from generator.site.assemble import Site

_SOURCES_HEADING = re.compile(r"^#{2,6}[ \t]+Sources[ \t#]*$", re.IGNORECASE)
_HEADING = re.compile(r"^#{1,6}[ \t]")
_ITEM = re.compile(r"^[-*+][ \t]+(.*\S)")
_YEAR = re.compile(r"\((\d{4})[a-z]?\)\.?")
_AUTHOR_END = re.compile(r",| et al\b| &| and |\(")
_INITIALS = re.compile(r"(\s+[A-Z]{1,3}\.?)+$")


@dataclass(frozen=True, slots=True)
class Citation:
    """One list item of an article's Sources section."""

    text: str  # the Markdown of the item
    line: int  # 0-based body line


@dataclass(frozen=True, slots=True)
class Source:
    """One source of the guide, as the references page lists it."""

    anchor: str  # its id on the references page
    text: str  # the Markdown as first written (articles in slug order)
    cited_by: tuple[str, ...]  # article slugs, sorted


def citations(body: str) -> list[Citation]:
    """The items of the body's Sources section (an article's own list of what it relies on)."""
    found: list[Citation] = []
    inside = False
    for number, line in enumerate(body.split("\n")):
        if _SOURCES_HEADING.match(line):
            inside = True
        elif _HEADING.match(line):
            inside = False
        elif inside and (item := _ITEM.match(line)):
            found.append(Citation(item.group(1), number))
    return found


def identity(text: str) -> tuple[str, str, str]:
    """(first author's surname, year, title) in a form that ignores how they were typed."""
    year_match = _YEAR.search(text)
    if year_match is None:
        return (_words(text), "", "")
    author = _AUTHOR_END.split(text[: year_match.start()], maxsplit=1)[0]
    author = _INITIALS.sub("", author.strip())  # "Blagrove RC" is "Blagrove, R. C."
    title = re.split(r"(?<=[.?!])\s", text[year_match.end() :].strip(), maxsplit=1)[0]
    return (_words(author), year_match.group(1), _words(title))


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _anchor(key: tuple[str, str, str], taken: set[str]) -> str:
    author, year, title = key
    words = [author.replace(" ", "-"), year, *title.split()[:3]]
    base = "-".join(w for w in words if w) or "source"
    anchor, n = base, 2
    while anchor in taken:
        anchor, n = f"{base}-{n}", n + 1
    taken.add(anchor)
    return anchor


def _articles(site: Site) -> list[Article]:
    return sorted(site.articles.values(), key=lambda a: a.slug)


def bibliography(site: Site) -> list[Source]:
    """Every cited source once, sorted by author and year, with the articles citing it."""
    first: dict[tuple[str, str, str], str] = {}
    cited: dict[tuple[str, str, str], set[str]] = {}
    for article in _articles(site):
        for citation in citations(article.doc.body):
            key = identity(citation.text)
            first.setdefault(key, citation.text)
            cited.setdefault(key, set()).add(article.slug)
    taken: set[str] = set()
    return [
        Source(_anchor(key, taken), first[key], tuple(sorted(cited[key])))
        for key in sorted(first)
    ]


def written_differently(site: Site) -> list[tuple[Location, str, Location]]:
    """Citations of a source already written another way: (where, text, where it was first)."""
    first: dict[tuple[str, str, str], tuple[str, Location]] = {}
    found: list[tuple[Location, str, Location]] = []
    for article in _articles(site):
        for citation in citations(article.doc.body):
            where = Location(article.doc.path, article.doc.body_line + citation.line, 3)
            key = identity(citation.text)
            if key not in first:
                first[key] = (citation.text, where)
            elif _words(first[key][0]) != _words(citation.text):
                found.append((where, citation.text, first[key][1]))
    return found
