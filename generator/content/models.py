"""The guide's content as typed, immutable records.

Loading turns files into these; everything after (indexing, plans, rendering)
works on them and never on raw YAML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.content.sources import Document, Limits
from generator.core.diagnostics import Location
from generator.figures import CardFigure
from generator.markdown.body import LocalFiles, ParsedBody

_DOSE = re.compile(r"^(?P<sets>\d+) x (?P<reps>.+)$")


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """``content/site.yaml``."""

    title: str
    description: str
    base_url: str
    language: str
    author: str
    lints: dict[str, str] = field(default_factory=dict)
    allow_html: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Where settings were written (``"base_url"``, ``"lints.<rule>"``), for messages about them.
    locations: dict[str, Location] = field(default_factory=dict)

    @property
    def allow_html_key(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The allowed raw-HTML tags in a hashable, ordered form (parser and cache key)."""
        return tuple(sorted(self.allow_html.items()))


@dataclass(frozen=True, slots=True)
class Region:
    """A body region: a fixed grouping of muscles."""

    slug: str
    title: str


@dataclass(frozen=True, slots=True)
class Muscle:
    """One entry of the closed muscle taxonomy."""

    slug: str
    title: str
    region: str
    description: str


@dataclass(frozen=True, slots=True)
class Dose:
    """Sets and reps for one training block, e.g. ``3 x 8-10 each side``."""

    sets: int
    reps: str

    @classmethod
    def parse(cls, text: str) -> Dose:
        match = _DOSE.match(text)
        if match is None:  # the schema's DOSE_PATTERN has already rejected this
            raise ValueError(f"not a dose: {text!r}")
        return cls(int(match["sets"]), match["reps"])

    @property
    def each_side(self) -> bool:
        return self.reps.endswith("each side")

    @property
    def reps_high(self) -> int:
        """The top of the rep range as a number (``8-10`` gives 10, ``30 s`` gives 30)."""
        first = self.reps.split(" ")[0]
        return int(first.split("-")[-1])

    def __str__(self) -> str:
        return f"{self.sets} x {self.reps}"


@dataclass(frozen=True, slots=True)
class Exercise:
    """An exercise card."""

    slug: str
    title: str
    summary: str
    category: str
    pattern: str
    primary: tuple[str, ...]
    secondary: tuple[str, ...]
    equipment: tuple[str, ...]
    level: str
    laterality: str
    cues: tuple[str, ...]
    mistakes: tuple[str, ...]
    dose: dict[str, Dose]
    progressions: tuple[str, ...]
    regressions: tuple[str, ...]
    tags: tuple[str, ...]
    doc: Document
    stage: int | None = None  # plyometric ladder stage (1-3); None for other cards
    figure: CardFigure | None = None  # drawn from the front matter's figure: (generator/figures)
    draft: bool = False  # left out of pages, lists, plans and search unless --drafts

    @property
    def muscles(self) -> tuple[str, ...]:
        return self.primary + self.secondary


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    order: int


@dataclass(frozen=True, slots=True)
class Article:
    """An article."""

    slug: str
    title: str
    summary: str
    date: str
    updated: str | None
    tags: tuple[str, ...]
    draft: bool
    series: Series | None
    doc: Document
    language: str | None = None  # when not the guide's (BCP 47)
    direction: str | None = None  # "ltr" or "rtl": the page's text direction if it differs


@dataclass(frozen=True, slots=True)
class Content:
    """Everything loaded from ``content/``, before indexing."""

    site: SiteConfig
    muscles: tuple[Muscle, ...]
    exercises: tuple[Exercise, ...]
    articles: tuple[Article, ...]
    static_files: tuple[str, ...]  # paths relative to content/static
    invalid: tuple[tuple[str, str, str], ...] = ()  # (kind, slug, path) of files that failed
    hidden: tuple[str, ...] = ()  # slugs of drafts and scheduled articles left out
    # (kind, slug, path) of those hidden pages: their slugs are still taken
    hidden_files: tuple[tuple[str, str, str], ...] = ()
    bodies: dict[tuple[str, str], ParsedBody] = field(default_factory=dict)  # (kind, slug)
    # What the bodies were parsed for (base path, image sizes), and the size limits read with.
    local: LocalFiles = field(default_factory=LocalFiles)
    limits: Limits = field(default_factory=Limits)
    # Bodies of files whose front matter failed: only their cross-references are checked.
    invalid_bodies: dict[tuple[str, str], ParsedBody] = field(default_factory=dict)
