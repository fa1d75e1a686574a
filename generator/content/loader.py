"""Load ``content/`` into typed records, validating every file and collecting every problem."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from jsonschema import Draft202012Validator

from generator.content import schema
from generator.content.models import Article, Content, Dose, Exercise, Muscle, Series, SiteConfig
from generator.content.sources import (
    Document,
    Limits,
    forget_folders,
    read_text,
    split_document,
    text_digest,
)
from generator.content.yamlsource import Located, load_located
from generator.core.cache import BuildCache, Parsed
from generator.core.diagnostics import Diagnostic, Diagnostics, Location
from generator.core.parallel import map_forked
from generator.core.urls import InvalidBaseUrl, Urls
from generator.figures import load_figure
from generator.markdown.body import LocalFiles, ParsedBody, parse_body
from generator.markdown.sanitize import never_allowed

T = TypeVar("T")
# What content/static may publish: inert files only (no HTML, SVG, XML or scripts).
STATIC_TYPES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".pdf", ".txt",
                          ".csv", ".ics", ".mp4", ".webm", ".woff2"})  # fmt: skip
Make = Callable[[str, Document, Diagnostics], T | None]
_SLUG = re.compile(schema.SLUG_PATTERN)
# One file after reading: its cache key (None when unreadable), its parse unless the
# cache had it, and the problems reading it found.
Visited = tuple[Any | None, Parsed | None, tuple[Diagnostic, ...]]
IMAGE_TYPES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"})


@dataclass(frozen=True, slots=True)
class LoadOptions:
    """What to include: drafts (of any kind) and future-dated articles are hidden unless asked for."""

    drafts: bool = False
    today: str = "9999-12-31"  # ISO date; articles dated after it are scheduled
    base_url: str | None = None  # overrides site.yaml; bodies' root-relative links follow it
    jobs: int = 1  # processes that parse files (see parallel.py)


class ContentLoader:
    """Reads one project's ``content/`` folder; all problems go to ``diagnostics``."""

    def __init__(
        self,
        root: Path,
        diagnostics: Diagnostics,
        options: LoadOptions,
        cache: BuildCache | None = None,
    ) -> None:
        self.root = root
        self.cache = cache
        self.content = root / "content"
        self.diagnostics = diagnostics
        self.options = options
        self.limits = Limits()
        self.invalid: list[tuple[str, str, str]] = []
        self.bodies: dict[tuple[str, str], ParsedBody] = {}
        self.unchecked: dict[tuple[str, str], ParsedBody] = {}  # bodies of invalid files
        self.allow_html: tuple[tuple[str, tuple[str, ...]], ...] = ()
        self.local = LocalFiles()

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def load(self) -> Content | None:
        """Everything in ``content/``, or None when the project itself is unusable."""
        forget_folders()
        if not self.content.is_dir():
            self.diagnostics.error(Location("content"), "no content/ folder in the project")
            return None
        site = self._site()
        muscles = self._muscles()
        static = self._static_files()
        if site is not None:
            self.allow_html = site.allow_html_key
            base_path = Urls(self.options.base_url or site.base_url).base_path
            reserved = template_ids(self.root / "templates")
            self.local = LocalFiles(base_path, self._image_sizes(static), reserved)
        card_schema = schema.exercise_validator(tuple(m.slug for m in muscles))
        article_schema = schema.article_validator()
        exercises = self._documents(
            "exercises", "exercise", partial(make_exercise, card_schema), _contract(card_schema)
        )
        articles = self._documents(
            "articles", "article", partial(make_article, article_schema), _contract(article_schema)
        )
        visible = tuple(a for a in articles if self._published(a))
        cards = tuple(e for e in exercises if self.options.drafts or not e.draft)
        if site is None:
            return None
        hidden_files = (
            *(("exercise", e.slug, e.doc.path) for e in exercises if e not in cards),
            *(("article", a.slug, a.doc.path) for a in articles if not self._published(a)),
        )
        return Content(
            site,
            tuple(muscles),
            cards,
            visible,
            static,
            tuple(self.invalid),
            tuple(slug for _kind, slug, _path in hidden_files),
            hidden_files,
            self.bodies,
            self.local,
            self.limits,
            self.unchecked,
        )

    def _yaml_file(self, name: str, spec: schema.Schema) -> Located | None:
        path = self.content / name
        rel = self.rel(path)
        if not path.exists():
            self.diagnostics.error(Location(rel), f"missing {name}", hint="see docs/writing.md")
            return None
        text = read_text(path, rel, self.diagnostics, self.limits, self.content)
        if text is None:
            return None

        def parse() -> Parsed:
            found = Diagnostics()
            located = load_located(text, rel, found)
            valid = located is not None and schema.validate(located, spec, found)
            return (located if valid else None), tuple(found.items)

        key = (rel, text_digest(text))
        located, problems = self.cache.documents.get(key, parse) if self.cache else parse()
        self.diagnostics.extend(problems)
        result: Located | None = located
        return result

    def _site(self) -> SiteConfig | None:
        located = self._yaml_file("site.yaml", schema.site_schema())
        if located is None:
            return None
        data: dict[str, Any] = located.data
        limits = data.get("limits", {})
        self.limits = Limits(
            limits.get("max_file_bytes", self.limits.max_file_bytes),
            limits.get("max_front_matter_bytes", self.limits.max_front_matter_bytes),
        )
        allow = data.get("markdown", {}).get("allow_html", {})
        self._refuse_scripting(located, allow)
        try:
            Urls(data["base_url"])
        except InvalidBaseUrl:
            self.diagnostics.error(
                located.location(("base_url",)),
                f"base_url must be an absolute http or https URL, not {data['base_url']!r}",
                hint="write the full address, e.g. https://example.org/guide/",
            )
            return None
        return SiteConfig(
            title=data["title"],
            description=data["description"],
            base_url=data["base_url"].rstrip("/") + "/",
            language=data["language"],
            author=data["author"],
            lints={rule: level or "off" for rule, level in data.get("lints", {}).items()},
            allow_html={tag: tuple(attrs) for tag, attrs in allow.items()},
            locations={
                **{
                    f"lints.{rule}": located.key_location(("lints", rule))
                    for rule in data.get("lints", {})
                },
                "base_url": located.location(("base_url",)),
            },
        )

    def _refuse_scripting(self, located: Located, allow: dict[str, list[str]]) -> None:
        """``markdown.allow_html`` may not list a scripting element or an event attribute:
        the sanitiser would refuse it anyway, so the setting would only mislead."""
        where = ("markdown", "allow_html")
        for tag, attributes in allow.items():
            if never_allowed(tag):
                self.diagnostics.error(
                    located.key_location((*where, tag)),
                    f"<{tag}> can never be allowed in Markdown: it could run script or load a page",
                    hint="remove it from markdown.allow_html; use Markdown or a template instead",
                )
            for i, attribute in enumerate(attributes):
                if never_allowed("", attribute):
                    self.diagnostics.error(
                        located.location((*where, tag, i)),
                        f"the attribute {attribute}= on <{tag}> can never be allowed: it runs script",
                        hint="remove it from markdown.allow_html",
                    )

    def _muscles(self) -> list[Muscle]:
        located = self._yaml_file("muscles.yaml", schema.muscles_schema())
        if located is None:
            return []
        muscles: list[Muscle] = []
        seen: set[str] = set()
        for i, item in enumerate(located.data):
            if item["id"] in seen:
                self.diagnostics.error(
                    located.location((i, "id")), f"duplicate muscle id '{item['id']}'"
                )
                continue
            seen.add(item["id"])
            muscles.append(Muscle(item["id"], item["name"], item["region"], item["description"]))
        return muscles

    def _documents(self, folder: str, kind: str, make: Make[T], contract: str) -> list[T]:
        """Every ``<slug>.md`` in ``content/<folder>``, sorted, each parsed by ``make``.

        Files are read and parsed across ``jobs`` processes; a file whose text was
        parsed before is only read, and its result comes from the cache. A file
        that fails is remembered in ``invalid`` so that links to it are not
        reported again as broken references.
        """
        directory = self.content / folder
        if not directory.is_dir():
            return []
        files: list[tuple[Path, str, str]] = []  # (path, rel, slug)
        for name in sorted(os.listdir(directory)):  # noqa: PTH208  names sort faster than paths
            path, rel = directory / name, f"content/{folder}/{name}"
            if name.startswith("."):
                continue
            if path.suffix != ".md":
                self.diagnostics.warning(
                    Location(rel), "ignored: not a .md file", hint="content files end in .md"
                )
                continue
            if not _SLUG.match(path.stem):
                suggestion = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
                self.diagnostics.error(
                    Location(rel),
                    f"file name '{name}' is not a valid slug",
                    hint=f"use lowercase letters, digits and hyphens: {suggestion}.md",
                )
                continue
            files.append((path, rel, path.stem))
        settings = (self.limits, contract, self.allow_html, self.local)
        known = self.cache.documents if self.cache else None

        def visit(i: int) -> Visited:
            """Read one file; parse it unless the cache has its text already."""
            path, rel, slug = files[i]
            found = Diagnostics()
            text = read_text(path, rel, found, self.limits, self.content)
            if text is None:
                return None, None, tuple(found.items)
            key = (rel, text_digest(text), settings)
            if known is not None and known.has(key):
                return key, None, tuple(found.items)
            return key, self._parse(rel, slug, text, make), tuple(found.items)

        results: list[T] = []
        visits = map_forked(visit, range(len(files)), self.options.jobs)
        for (_path, rel, slug), (key, parsed, read_problems) in zip(files, visits, strict=True):
            self.diagnostics.extend(read_problems)
            made = None
            if key is not None:
                made, problems = (
                    known.get(key, partial(_parsed, parsed)) if known else _parsed(parsed)
                )
                self.diagnostics.extend(problems)
            if made is None or made[0] is None:
                self.invalid.append((kind, slug, rel))
                if made is not None:  # the front matter failed; its body's links still count
                    self.unchecked[(kind, slug)] = made[1]
            else:
                record, body = made
                self.bodies[(kind, slug)] = body
                results.append(record)
        return results

    def _parse(self, rel: str, slug: str, text: str, make: Make[T]) -> Parsed:
        """One file: front matter checked by ``make`` into a record, and the body parsed.

        The body is parsed even when the front matter is invalid, so that its
        cross-references are checked in the same run, not the next one.
        """
        found = Diagnostics()
        doc = split_document(text, rel, found, self.limits)
        if doc is None:
            return None, tuple(found.items)
        record = make(slug, doc, found)  # None when the front matter is invalid
        return (record, parse_body(doc, self.allow_html, self.local)), tuple(found.items)

    def _image_sizes(self, static: tuple[str, ...]) -> tuple[tuple[str, int, int], ...]:
        """Width and height of every image under content/static, read from the file headers."""
        images = [r for r in static if Path(r).suffix.lower() in IMAGE_TYPES]
        if not images:
            return ()
        import imagesize  # only now: it imports urllib.request, http and ssl (20 ms a build)

        sizes = []
        for relative in images:
            try:
                width, height = imagesize.get(self.content / "static" / relative)
            except (OSError, ValueError):
                continue
            if width > 0 and height > 0:
                sizes.append((f"static/{relative}", int(width), int(height)))
        return tuple(sizes)

    def _published(self, article: Article) -> bool:
        if self.options.drafts:
            return True
        return not article.draft and article.date <= self.options.today

    def _static_files(self) -> tuple[str, ...]:
        """Files under ``content/static`` (relative paths), each checked before it is published.

        Links leading outside ``content/`` are errors, and so are file types a
        browser would run as a page (HTML, SVG, XML, scripts): served from the
        guide's own address they would escape its Content-Security-Policy.
        """
        static = self.content / "static"
        inside = self.content.resolve()
        found: list[str] = []
        for folder, dirs, files in os.walk(static):
            dirs.sort()
            for name in list(dirs):
                if not (Path(folder) / name).resolve().is_relative_to(inside):
                    self.diagnostics.error(
                        Location(self.rel(Path(folder) / name)),
                        "links to a folder outside content/",
                    )
            for name in sorted(files):
                path = Path(folder) / name
                if name.startswith("."):
                    continue
                if not path.resolve().is_relative_to(inside):
                    self.diagnostics.error(
                        Location(self.rel(path)), "links to a file outside content/"
                    )
                    continue
                if path.suffix.lower() not in STATIC_TYPES:
                    self.diagnostics.error(
                        Location(self.rel(path)),
                        f"'{path.suffix or name}' files cannot be published from content/static",
                        hint=f"allowed: {', '.join(sorted(STATIC_TYPES))} (pages and SVG could run script)",
                    )
                    continue
                found.append(path.relative_to(static).as_posix())
        return tuple(found)


_TEMPLATE_ID = re.compile(r"""\bid=["']([^"'{}]+)["']""")


def template_ids(templates: Path) -> tuple[str, ...]:
    """Every literal ``id="..."`` in the page templates: a body's headings must not repeat one,
    and a link's ``#fragment`` may name one."""
    found: set[str] = set()
    for path in sorted(templates.rglob("*.html")) if templates.is_dir() else ():
        found.update(_TEMPLATE_ID.findall(path.read_text(encoding="utf-8")))
    return tuple(sorted(found))


def _parsed(parsed: Parsed | None) -> Parsed:
    """A visited file's parse: present unless the cache had the file when it was read."""
    if parsed is None:
        raise AssertionError("the cache lost a file between reading and collecting it")
    return parsed


def _contract(checker: Draft202012Validator) -> str:
    """A digest of a schema: a cached parse is valid only against the same schema."""
    return text_digest(repr(checker.schema))


def make_exercise(
    contract: Draft202012Validator, slug: str, doc: Document, diagnostics: Diagnostics
) -> Exercise | None:
    if not schema.validate(doc.meta, contract, diagnostics):
        return None
    m: dict[str, Any] = doc.meta.data
    figure, problems = load_figure(m["figure"])  # an impossible pose fails at its line
    for problem in problems:
        diagnostics.error(doc.meta.location(problem.path), problem.message, hint=problem.hint)
    if figure is None:
        return None
    return Exercise(
        slug=slug,
        title=m["title"],
        summary=m["summary"],
        category=m["category"],
        pattern=m["pattern"],
        primary=tuple(m["muscles"]["primary"]),
        secondary=tuple(m["muscles"].get("secondary", ())),
        equipment=tuple(m["equipment"]),
        level=m["level"],
        laterality=m["laterality"],
        cues=tuple(m["cues"]),
        mistakes=tuple(m.get("mistakes", ())),
        dose={b: Dose.parse(m["dose"][b]) for b in schema.BLOCKS if b in m["dose"]},
        progressions=tuple(m.get("progressions", ())),
        regressions=tuple(m.get("regressions", ())),
        tags=tuple(m.get("tags", ())),
        doc=doc,
        stage=m.get("stage"),
        figure=figure,
        draft=bool(m.get("draft", False)),
    )


def make_article(
    contract: Draft202012Validator, slug: str, doc: Document, diagnostics: Diagnostics
) -> Article | None:
    if not schema.validate(doc.meta, contract, diagnostics):
        return None
    m: dict[str, Any] = doc.meta.data
    series = m.get("series")
    return Article(
        slug=slug,
        title=m["title"],
        summary=m["summary"],
        date=m["date"],
        updated=m.get("updated"),
        tags=tuple(m.get("tags", ())),
        draft=bool(m.get("draft", False)),
        series=Series(series["name"], series["order"]) if series else None,
        doc=doc,
        language=m.get("language"),
        direction=m.get("direction")
        or (schema.text_direction(m["language"]) if "language" in m else None),
    )
