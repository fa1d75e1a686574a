"""Deterministic benchmark corpus, written for our generator, Hugo, Pelican and MkDocs.

Why generated rather than the real guide: the guide has 17 articles, far too few
to see how a build scales. This module makes N articles of about 800 words that
look like ours (headings, lists, a table, emphasis, 3-5 cross-references, tags)
beside the real exercise library, so every cross-reference resolves. The same N
and seed always give byte-identical files, so results are comparable over time.

The other tools get the same articles and cards with cross-references turned
into ordinary Markdown links, which is what an author would write there.

    python bench/corpus.py --sizes 1000,5000      # writes bench/work/{ours,hugo,pelican,mkdocs}-N/
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import random
import re
import shutil
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
WORK = BENCH / "work"
SEED = 20_260_101
TARGET_WORDS = 800
FORMATS = ("ours", "hugo", "pelican", "mkdocs")

TAG_POOL: tuple[str, ...] = (
    "achilles", "ankle", "knee", "hips", "glutes", "hamstrings", "calves", "core",
    "feet", "back", "beginners", "advanced", "masters", "women", "youth", "5k",
    "10k", "half-marathon", "marathon", "ultra", "trail", "track", "hills", "speed",
    "economy", "injury", "recovery", "nutrition", "sleep", "mobility", "plyometrics",
    "periodisation", "taper", "in-season", "off-season", "home", "gym", "equipment",
    "research", "technique",
)  # fmt: skip

TOPICS: tuple[str, ...] = (
    "Calf strength", "Hip stability", "Single-leg squats", "Heavy lifting", "Plyometric drills",
    "Core control", "Hamstring resilience", "Ankle stiffness", "Foot strength", "Glute power",
    "Eccentric loading", "Deadlift technique", "Split squats", "Hill sprints", "Box jumps",
    "Tendon health", "Knee tracking", "Step-up progressions", "Strength endurance",
    "Rate of force development", "Mobility work", "Balance training", "Carries",
    "Upper-body strength", "Rotational strength",
)  # fmt: skip
ANGLES: tuple[str, ...] = (
    "for new runners", "for marathoners", "for trail runners", "for masters athletes",
    "in the off-season", "during a race build", "on a busy week", "at home", "in the gym",
    "after an injury", "for faster finishes", "for hilly courses", "without a coach",
    "with little equipment", "for 5K speed", "in winter", "before a half marathon",
    "for high-mileage weeks", "in the taper", "for women over forty",
)  # fmt: skip
FRAMES: tuple[str, ...] = (
    "{topic} {angle}", "A practical guide to {lower} {angle}", "What the research says about {lower} {angle}",
    "{topic} {angle}: common mistakes", "Getting started with {lower} {angle}",
    "How much {lower} {angle}?", "{topic} {angle}, week by week", "Questions about {lower} {angle}",
    "Why {lower} matters {angle}", "Measuring {lower} {angle}", "{topic} {angle}: a case study",
    "Ten minutes of {lower} {angle}",
)  # fmt: skip

SUBJECTS: tuple[str, ...] = (
    "Most runners", "A well-planned session", "Heavy, slow lifting", "The calf complex",
    "Your glutes", "A strong trunk", "Short plyometric sets", "Tendons", "Coaches",
    "Recent trials", "A runner returning from injury", "Masters athletes", "The hamstrings",
    "Two short sessions a week", "Good technique", "Single-leg work", "A stiffer ankle",
    "Progressive overload", "A deload week", "Hill repeats",
)  # fmt: skip
PLURAL_SUBJECTS = frozenset(
    (
        "Most runners", "Your glutes", "Short plyometric sets", "Tendons", "Coaches",
        "Recent trials", "Masters athletes", "The hamstrings", "Two short sessions a week",
        "Hill repeats",
    )
)  # fmt: skip
VERBS: tuple[str, ...] = (
    "improve", "protect", "support", "stabilise", "strengthen", "prepare", "challenge",
    "load", "rebuild", "train", "spare", "sharpen",
)  # fmt: skip
OBJECTS: tuple[str, ...] = (
    "running economy", "the Achilles tendon", "the knee at landing", "push-off power",
    "the pelvis in single-leg stance", "late-race form", "stride stiffness", "the foot arch",
    "hip extension", "the lower back", "recovery between sessions", "sprint speed",
    "the ability to absorb landings", "tissue capacity", "balance on uneven ground",
)  # fmt: skip
QUALIFIERS: tuple[str, ...] = (
    "when the load rises slowly over several weeks",
    "if you keep the easy days easy",
    "without adding much fatigue to your running",
    "as long as the reps stay crisp",
    "even with a single dumbbell",
    "in as little as eight weeks",
    "when sessions are placed after hard runs",
    "provided you sleep and eat enough",
    "across every distance from 5K to the marathon",
    "more than most runners expect",
    "but only when effort is high enough",
    "once the basic pattern is solid",
)  # fmt: skip
LINKERS: tuple[str, ...] = (
    "In practice,", "For example,", "Over a season,", "At first,", "Later on,", "Put simply,",
    "In one trial,", "By contrast,", "Above all,", "Where time is short,",
)  # fmt: skip
BULLETS: tuple[str, ...] = (
    "Lift after your hard run, not before it", "Keep two days between heavy sessions",
    "Start each set with your weaker side", "Stop two reps short of failure",
    "Film a set from the side once a month", "Add load before you add volume",
    "Warm up with five minutes of easy skipping", "Log sets, reps and load every time",
    "Swap a session for mobility in race week", "Hold the last rep for two seconds",
    "Use a step or a book to raise your heel", "Breathe out as you push",
    "Keep your knee over your second toe", "Rest ninety seconds between sets",
    "Count foot contacts, not minutes", "Drop the load when form slips",
)  # fmt: skip
SOURCES: tuple[str, ...] = (
    "Blagrove RC, Howatson G, Hulton AT (2018). *Sports Medicine* 48:1117-1149.",
    "Beattie K, Kenny IC, Lyons M, Carson BP (2014). *Sports Medicine* 44:845-865.",
    "Lauersen JB, Bertelsen DM, Andersen LB (2014). *British Journal of Sports Medicine* 48:871-877.",
    "Balsalobre-Fernández C, Santos-Concejero J, Grivas GV (2016). *Journal of Strength and Conditioning Research* 30:2361-2368.",
    "Willy RW, Hoglund LT, Barton CJ et al. (2019). *Journal of Orthopaedic & Sports Physical Therapy* 49:CPG1-CPG95.",
    "Dorn TW, Schache AG, Pandy MG (2012). *Journal of Experimental Biology* 215:1944-1956.",
    "Mikkola J, Rusko H, Nummela A et al. (2007). *International Journal of Sports Medicine* 28:602-611.",
    "Støren Ø, Helgerud J, Støa EM, Hoff J (2008). *Medicine & Science in Sports & Exercise* 40:1087-1092.",
)  # fmt: skip
HEADINGS: tuple[str, ...] = (
    "Why it matters", "What the evidence shows", "How to start", "A sample week",
    "Common mistakes", "Progressing safely", "Fitting it around your running",
    "What to expect", "When to back off", "Measuring progress", "Equipment",
    "Questions runners ask",
)  # fmt: skip
SUBHEADINGS: tuple[str, ...] = (
    "The first two weeks", "Load and reps", "At home", "In the gym", "On race week",
    "Warm-up", "Cool-down", "If something hurts", "A shortcut", "For experienced lifters",
)  # fmt: skip

XREF = re.compile(r"(!?)\[\[(?:([a-z]+):)?([a-z0-9-]+)(?:\\?\|([^\]]*))?\]\]")


@dataclass(frozen=True, slots=True)
class Article:
    """One generated article; ``body`` uses our cross-reference syntax."""

    slug: str
    title: str
    summary: str
    date: str
    tags: tuple[str, ...]
    body: str


@dataclass(frozen=True, slots=True)
class Card:
    """One exercise card from the real library: its file as it is, and its parsed parts."""

    slug: str
    source: str
    meta: dict[str, Any]
    body: str


@dataclass(frozen=True, slots=True)
class Muscle:
    """One entry of the muscle taxonomy, needed to turn ``[[muscle:...]]`` into links."""

    slug: str
    name: str
    description: str


@dataclass(frozen=True, slots=True)
class Corpus:
    """Everything the four formats are written from."""

    articles: tuple[Article, ...]
    cards: tuple[Card, ...]
    muscles: tuple[Muscle, ...]
    muscles_yaml: str


def slugify(text: str) -> str:
    """Lowercase letters, digits and hyphens, as our file names must be."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """The YAML mapping between the first two ``---`` lines, and the body after them."""
    _, front, body = text.split("---\n", 2)
    meta = yaml.safe_load(front)
    if not isinstance(meta, dict):
        raise ValueError("front matter is not a mapping")
    return meta, body


def _without_article_links(body: str) -> str:
    """A card's links to the guide's articles as plain text: the corpus has its own articles."""

    def replace(match: re.Match[str]) -> str:
        _bang, kind, slug, label = match.groups()
        if kind != "article":
            return match.group(0)
        return label or slug.replace("-", " ")

    return XREF.sub(replace, body)


def load_library(repo: Path = REPO) -> tuple[tuple[Card, ...], tuple[Muscle, ...], str]:
    """The real exercise cards and muscle taxonomy, which every size shares."""
    cards = []
    for path in sorted((repo / "content" / "exercises").glob("*.md")):
        source = path.read_text(encoding="utf-8")
        meta, body = split_front_matter(source)
        plain = _without_article_links(body)  # the corpus has none of the guide's articles
        cards.append(
            Card(path.stem, source.replace(body, plain) if plain != body else source, meta, plain)
        )
    muscles_yaml = (repo / "content" / "muscles.yaml").read_text(encoding="utf-8")
    muscles = tuple(
        Muscle(str(m["id"]), str(m["name"]), str(m["description"]))
        for m in yaml.safe_load(muscles_yaml)
    )
    return tuple(cards), muscles, muscles_yaml


def _titles(count: int, seed: int) -> list[str]:
    """``count`` distinct titles; the order is fixed by the seed, not by ``count``."""
    combos = list(itertools.product(FRAMES, TOPICS, ANGLES))
    random.Random(seed).shuffle(combos)
    titles = []
    for i in range(count):
        frame, topic, angle = combos[i % len(combos)]
        title = frame.format(topic=topic, lower=topic.lower(), angle=angle)
        title = title[0].upper() + title[1:]
        titles.append(title if i < len(combos) else f"{title} (part {i // len(combos) + 1})")
    return titles


def _emphasise(rng: random.Random, words: str) -> str:
    roll = rng.random()
    if roll < 0.12:
        return f"*{words}*"
    if roll < 0.2:
        return f"**{words}**"
    return words


def _sentence(rng: random.Random) -> str:
    subject = rng.choice(SUBJECTS)
    verb = rng.choice(VERBS)
    verb = verb if subject in PLURAL_SUBJECTS else f"{verb}s"
    obj = _emphasise(rng, rng.choice(OBJECTS))
    text = f"{subject} {verb} {obj} {rng.choice(QUALIFIERS)}."
    if rng.random() < 0.3:
        text = f"{rng.choice(LINKERS)} {text[0].lower()}{text[1:]}"
    if subject[0].islower():
        text = text[0].upper() + text[1:]
    return text


def _paragraph(rng: random.Random, refs: list[str]) -> str:
    sentences = [_sentence(rng) for _ in range(rng.randint(3, 6))]
    if refs and rng.random() < 0.6:
        ref = refs.pop()
        sentences.insert(rng.randrange(len(sentences) + 1), f"See {ref} for the details.")
    return " ".join(sentences)


def _bullets(rng: random.Random, numbered: bool) -> str:
    items = rng.sample(BULLETS, rng.randint(4, 6))
    if numbered:
        return "\n".join(f"{n}. {item}." for n, item in enumerate(items, 1))
    return "\n".join(f"- {_emphasise(rng, item)}." for item in items)


def _table(rng: random.Random) -> str:
    blocks = ("Base", "Build", "Peak", "Taper", "Recovery")
    rows = ["| Block | Sessions a week | Sets x reps | Effort |", "|---|---|---|---|"]
    for block in rng.sample(blocks, 4):
        sets, reps = rng.randint(2, 4), rng.choice(("4-6", "6-8", "8-10", "10-12"))
        rows.append(
            f"| {block} | {rng.randint(1, 3)} | {sets} x {reps} | RPE {rng.randint(6, 9)} |"
        )
    return "\n".join(rows)


def _words(blocks: list[str]) -> int:
    return sum(len(block.split()) for block in blocks)


def _references(
    rng: random.Random, index: int, slugs: Sequence[str], cards: Sequence[Card]
) -> tuple[list[str], str | None]:
    """3-5 cross-references (at least one article and one card), and sometimes an embed."""
    count = rng.randint(3, 5)
    n_articles = rng.randint(1, count - 1) if len(slugs) > 1 else 0
    refs = []
    for _ in range(n_articles):
        other = rng.randrange(len(slugs) - 1)
        other += other >= index  # never the article itself
        label = "|this article" if rng.random() < 0.2 else ""
        refs.append(f"[[article:{slugs[other]}{label}]]")
    embed = None
    for n in range(count - n_articles):
        card = rng.choice(cards)
        if n == 0 and rng.random() < 0.25:
            embed = f"![[exercise:{card.slug}]]"
        elif rng.random() < 0.25:
            refs.append(f"[[exercise:{card.slug}|the {card.meta['title'].lower()}]]")
        else:
            refs.append(f"[[exercise:{card.slug}]]")
    rng.shuffle(refs)
    return refs, embed


def make_article(
    index: int, slugs: Sequence[str], titles: Sequence[str], cards: Sequence[Card], seed: int
) -> Article:
    """Article ``index``: its text depends only on the seed, the index and the link targets."""
    rng = random.Random(f"{seed}:{index}")
    refs, embed = _references(rng, index, slugs, cards)
    headings = rng.sample(HEADINGS, 3)
    blocks = [_paragraph(rng, refs), _paragraph(rng, refs)]
    blocks += [f"## {headings[0]}", _paragraph(rng, refs), _bullets(rng, numbered=False)]
    blocks += [_paragraph(rng, refs), f"### {rng.choice(SUBHEADINGS)}", _paragraph(rng, refs)]
    blocks += [_bullets(rng, numbered=True)]
    blocks += [f"## {headings[1]}", _paragraph(rng, refs), _table(rng), _paragraph(rng, refs)]
    if embed:
        blocks.append(embed)
    blocks += [f"### {rng.choice(SUBHEADINGS)}", _paragraph(rng, refs), f"## {headings[2]}"]
    while refs or _words(blocks) < TARGET_WORDS - 40:
        blocks.append(_paragraph(rng, refs))
    sources = rng.sample(SOURCES, rng.randint(2, 3))
    blocks += ["## Sources", "\n".join(f"- {s}" for s in sources)]
    start = dt.date(2015, 1, 1)
    date = start + dt.timedelta(days=(index * 3650) // max(len(slugs), 1))
    summary = f"{_sentence(rng)[:-1].replace('*', '')}, and how to put it into your own training."
    return Article(
        slug=slugs[index],
        title=titles[index],
        summary=summary[:155],
        date=date.isoformat(),
        tags=tuple(sorted(rng.sample(TAG_POOL, rng.randint(2, 4)))),
        body="\n\n".join(blocks) + "\n",
    )


def make_corpus(count: int, seed: int = SEED, repo: Path = REPO) -> Corpus:
    """The whole corpus for ``count`` articles."""
    cards, muscles, muscles_yaml = load_library(repo)
    titles = _titles(count, seed)
    slugs = [slugify(title) for title in titles]
    if len(set(slugs)) != count:
        raise AssertionError("generated slugs collide")
    articles = tuple(make_article(i, slugs, titles, cards, seed) for i in range(count))
    return Corpus(articles, cards, muscles, muscles_yaml)


# --- writing -------------------------------------------------------------------------------


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def _fresh(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def _yaml_list(items: Sequence[str]) -> str:
    return "[" + ", ".join(items) + "]"


SITE_YAML = """\
title: Bench Guide
description: A generated corpus for timing builds; not for reading.
base_url: https://example.org/
language: en
author: The bench
"""


def write_ours(corpus: Corpus, root: Path, templates: Path = REPO / "templates") -> None:
    """Our format; ``templates/`` is a symlink, so the bench always uses the current theme."""
    _fresh(root)
    content = root / "content"
    _write(content / "site.yaml", SITE_YAML)
    _write(content / "muscles.yaml", corpus.muscles_yaml)
    (content / "static").mkdir()
    for card in corpus.cards:
        _write(content / "exercises" / f"{card.slug}.md", card.source)
    for a in corpus.articles:
        front = (
            f"---\ntitle: {_quoted(a.title)}\nsummary: {_quoted(a.summary)}\ndate: {a.date}\n"
            f"tags: {_yaml_list(a.tags)}\n---\n"
        )
        _write(content / "articles" / f"{a.slug}.md", front + a.body)
    try:
        (root / "templates").symlink_to(templates.resolve(), target_is_directory=True)
    except OSError:
        shutil.copytree(templates, root / "templates")


Url = Callable[[str, str], str]  # (kind, slug) -> link target


def convert_refs(body: str, corpus: Corpus, url: Url) -> str:
    """Our ``[[kind:slug|label]]`` as plain Markdown links; an embed becomes a quoted summary."""
    titles = {("article", a.slug): a.title for a in corpus.articles}
    titles |= {("exercise", c.slug): str(c.meta["title"]) for c in corpus.cards}
    titles |= {("muscle", m.slug): m.name for m in corpus.muscles}
    summaries = {c.slug: str(c.meta["summary"]) for c in corpus.cards}
    by_slug = {slug: kind for kind, slug in titles}

    def replace(match: re.Match[str]) -> str:
        bang, kind, slug, label = match.groups()
        kind = kind or by_slug[slug]
        text = label or titles[(kind, slug)]
        if bang:
            return f"> **[{text}]({url(kind, slug)})**: {summaries[slug]}"
        return f"[{text}]({url(kind, slug)})"

    return XREF.sub(replace, body)


def card_body(card: Card, corpus: Corpus, url: Url) -> str:
    """A card's body plus the structured fields our templates render (cues, mistakes, dose)."""
    meta = card.meta
    parts = [convert_refs(card.body, corpus, url).rstrip(), "## Cues"]
    parts.append("\n".join(f"- {cue}" for cue in meta["cues"]))
    if meta.get("mistakes"):
        parts += ["## Common mistakes", "\n".join(f"- {m}" for m in meta["mistakes"])]
    dose = ["| Block | Dose |", "|---|---|", *(f"| {k} | {v} |" for k, v in meta["dose"].items())]
    parts += ["## Dose", "\n".join(dose)]
    return "\n\n".join(parts) + "\n"


def muscles_body(corpus: Corpus) -> str:
    """One page for the taxonomy, with ``{#id}`` anchors that muscle links point at."""
    return "".join(f"## {m.name} {{#{m.slug}}}\n\n{m.description}\n\n" for m in corpus.muscles)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


HUGO_BASE = """\
baseURL = "https://example.org/"
title = "Bench Guide"
{kinds}
[taxonomies]
  tag = "tags"
[markup.goldmark.parser.attribute]
  title = true
"""
HUGO_BASEOF = """\
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ .Title }} | {{ site.Title }}</title></head>
<body>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>{{ partialCached "tags.html" . }}</footer>
</body>
</html>
"""
HUGO_TAGS = """\
<ul>{{ range site.Taxonomies.tags.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>
"""
HUGO_SINGLE = """\
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ with .Date }}<time datetime="{{ .Format "2006-01-02" }}">{{ .Format "2 January 2006" }}</time>{{ end }}
{{ .Content }}
{{ with .GetTerms "tags" }}<ul class="tags">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
</article>
{{ end }}
"""
HUGO_LIST = """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ with .Params.summary }}: {{ . }}{{ end }}</li>{{ end }}</ul>
{{ end }}
"""


def _hugo_url(kind: str, slug: str) -> str:
    return "/muscles/#" + slug if kind == "muscle" else f"/{kind}s/{slug}/"


def write_hugo(corpus: Corpus, root: Path) -> None:
    """Hugo: ``hugo.toml`` without any feed, ``hugo-feeds.toml`` with home/section/tag feeds."""
    _fresh(root)
    _write(root / "hugo.toml", HUGO_BASE.format(kinds='disableKinds = ["rss"]'))
    _write(root / "hugo-feeds.toml", HUGO_BASE.format(kinds=""))
    for name, text in (("baseof", HUGO_BASEOF), ("single", HUGO_SINGLE), ("list", HUGO_LIST)):
        _write(root / "layouts" / f"{name}.html", text)
    _write(root / "layouts" / "_partials" / "tags.html", HUGO_TAGS)
    content = root / "content"
    _write(content / "_index.md", "---\ntitle: Bench Guide\n---\n")
    _write(content / "muscles.md", "---\ntitle: Muscles\n---\n" + muscles_body(corpus))
    for card in corpus.cards:
        front = (
            f"---\ntitle: {_quoted(card.meta['title'])}\nsummary: {_quoted(card.meta['summary'])}\n"
            f"tags: {_yaml_list(card.meta.get('tags', []))}\n---\n"
        )
        _write(
            content / "exercises" / f"{card.slug}.md", front + card_body(card, corpus, _hugo_url)
        )
    for a in corpus.articles:
        front = (
            f"---\ntitle: {_quoted(a.title)}\nsummary: {_quoted(a.summary)}\ndate: {a.date}\n"
            f"tags: {_yaml_list(a.tags)}\n---\n"
        )
        body = convert_refs(a.body, corpus, _hugo_url)
        _write(content / "articles" / f"{a.slug}.md", front + body)


PELICAN_CONF = """\
# Pelican settings for the benchmark: default theme, no feeds, no content cache.
AUTHOR = "The bench"
SITENAME = "Bench Guide"
SITEURL = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_PAGINATION = False
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
ARTICLE_URL = "articles/{slug}/"
ARTICLE_SAVE_AS = "articles/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TAG_FEED_ATOM = None
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
"""


def _pelican_url(kind: str, slug: str) -> str:
    if kind == "muscle":
        return "/muscles/#" + slug
    return f"/articles/{slug}/" if kind == "article" else f"/{slug}/"


def write_pelican(corpus: Corpus, root: Path) -> None:
    """Pelican: articles as articles, cards and the taxonomy as pages, metadata in its own form."""
    _fresh(root)
    _write(root / "pelicanconf.py", PELICAN_CONF)
    pages = root / "content" / "pages"
    _write(pages / "muscles.md", "Title: Muscles\nSlug: muscles\n\n" + muscles_body(corpus))
    for card in corpus.cards:
        head = (
            f"Title: {card.meta['title']}\nSlug: {card.slug}\nSummary: {card.meta['summary']}\n"
            f"Tags: {', '.join(card.meta.get('tags', []))}\n\n"
        )
        _write(pages / f"{card.slug}.md", head + card_body(card, corpus, _pelican_url))
    for a in corpus.articles:
        head = (
            f"Title: {a.title}\nSlug: {a.slug}\nDate: {a.date}\nSummary: {a.summary}\n"
            f"Tags: {', '.join(a.tags)}\n\n"
        )
        body = convert_refs(a.body, corpus, _pelican_url)
        _write(root / "content" / "articles" / f"{a.slug}.md", head + body)


MKDOCS_YML = """\
site_name: Bench Guide
site_url: https://example.org/
use_directory_urls: true
markdown_extensions:
  - attr_list
  - tables
"""


def _mkdocs_url(kind: str, slug: str) -> str:
    """Relative ``.md`` links, which MkDocs checks and rewrites (its cross-reference work)."""
    return "../muscles.md#" + slug if kind == "muscle" else f"../{kind}s/{slug}.md"


def write_mkdocs(corpus: Corpus, root: Path) -> None:
    """MkDocs: default theme and search plugin, navigation built from the docs/ tree."""
    _fresh(root)
    _write(root / "mkdocs.yml", MKDOCS_YML)
    docs = root / "docs"
    _write(docs / "index.md", "# Bench Guide\n\nA generated corpus for timing builds.\n")
    _write(docs / "muscles.md", "# Muscles\n\n" + muscles_body(corpus))
    for card in corpus.cards:
        tags = ", ".join(card.meta.get("tags", []))
        head = f"# {card.meta['title']}\n\n*{card.meta['summary']}*\n\nTags: {tags}\n\n"
        _write(docs / "exercises" / f"{card.slug}.md", head + card_body(card, corpus, _mkdocs_url))
    for a in corpus.articles:
        head = f"# {a.title}\n\n*{a.date}. {a.summary}*\n\nTags: {', '.join(a.tags)}\n\n"
        body = convert_refs(a.body, corpus, _mkdocs_url)
        _write(docs / "articles" / f"{a.slug}.md", head + body)


WRITERS: dict[str, Callable[[Corpus, Path], None]] = {
    "ours": write_ours,
    "hugo": write_hugo,
    "pelican": write_pelican,
    "mkdocs": write_mkdocs,
}


def write_all(count: int, formats: Sequence[str] = FORMATS, work: Path = WORK) -> dict[str, Path]:
    """Write the corpus of ``count`` articles in each format; returns format -> project root."""
    corpus = make_corpus(count)
    roots = {}
    for name in formats:
        roots[name] = work / f"{name}-{count}"
        WRITERS[name](corpus, roots[name])
    return roots


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--sizes", default="1000,5000", help="comma-separated article counts")
    parser.add_argument("--formats", default=",".join(FORMATS), help="ours,hugo,pelican,mkdocs")
    parser.add_argument("--work", type=Path, default=WORK, help="where to write (bench/work)")
    args = parser.parse_args(argv)
    formats = [f for f in args.formats.split(",") if f]
    unknown = set(formats) - set(FORMATS)
    if unknown:
        parser.error(f"unknown format(s): {', '.join(sorted(unknown))}")
    for size in (int(s) for s in args.sizes.split(",") if s):
        for name, root in write_all(size, formats, args.work).items():
            print(f"wrote {name} corpus of {size} articles into {os.path.relpath(root)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
