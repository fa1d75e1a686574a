"""The build, top to bottom: load, index and validate, generate plans, resolve and lint, render, index for search, publish, save the cache.

Each step is one call into the package of its stage (see docs/architecture.md);
:func:`build` is the whole pipeline on one screen.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from generator.content.loader import ContentLoader, LoadOptions
from generator.content.models import SiteConfig
from generator.core.cache import BuildCache
from generator.core.collector import collector_paused
from generator.core.diagnostics import BuildFailed, Diagnostics, Location
from generator.core.urls import Urls
from generator.publish.search import SHARD_PAGES
from generator.publish.staged import StagedSite, check_output_dir
from generator.publish.store import (
    CACHE_FOLDER,
    BuildState,
    Manifest,
    SearchIndex,
    load_state,
    save_state,
)
from generator.publish.write import draw_to_disk, index_for_search, publish
from generator.render.draw import Drawing, draw_in_memory, prepare
from generator.render.environment import Renderer
from generator.render.routes import published_routes
from generator.site.assemble import assemble
from generator.site.lints import run_lints
from generator.site.plans import make_plans, register_plans
from generator.site.references import check_references

SOURCE_FOLDERS = ("content", "templates", "generator", "tests")


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """What ``guide build`` was asked to do."""

    root: Path
    out: Path
    base_url: str | None = None
    drafts: bool = False
    strict: bool = False
    write: bool = True
    search: bool = True
    dev: bool = False  # live preview: drafts banner, error overlay, livereload
    persist: bool = False  # use and update the build cache in .cache/build/
    render: bool = True  # False: validate content only (the editor's check of one buffer)
    jobs: int = 1  # processes for parsing and rendering (see parallel.py)
    search_shard_pages: int = SHARD_PAGES  # pages per search index shard (tests use small ones)


@dataclass
class BuildResult:
    """What a build produced: in memory (check, preview) or on disk (``guide build``)."""

    diagnostics: Diagnostics
    files: dict[str, bytes] = field(default_factory=dict)  # in memory: every output file
    copies: dict[str, Path] = field(default_factory=dict)
    written: Manifest = field(default_factory=dict)  # on disk: page file -> (fingerprint, digest)
    rendered: int = 0  # pages drawn by a template (the rest were reused)
    reused: int = 0  # pages taken over unchanged from the previous site/
    current: bool = False  # the previous site/ already held exactly this build: nothing written
    renderer: Renderer | None = None  # in memory: the preview's fast path draws with it next time
    searchable: frozenset[str] = frozenset()  # in memory: the files search indexes
    cache_note: str = ""  # why the persistent cache was not used, if it was not

    @property
    def file_count(self) -> int:
        return len(self.files) + len(self.copies) + len(self.written)


def build_date() -> str:
    """Today as ISO date, from ``SOURCE_DATE_EPOCH`` when set, so rebuilds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.date().isoformat()


@collector_paused()
def build(options: BuildOptions, cache: BuildCache | None = None) -> BuildResult:
    """Build the guide; raise :class:`BuildFailed` with every problem, leaving ``out`` untouched.

    ``cache`` carries reusable results from the previous build (the live preview);
    without one, ``guide build`` uses the persistent cache in ``.cache/build/``.
    """
    state, cache_note = load_state(options.root) if options.persist else (BuildState(), "")
    cache = cache or state.cache
    cache.next_build()
    diagnostics = Diagnostics()
    # 1. load: read, validate and parse every file in content/
    load = LoadOptions(options.drafts, build_date(), options.base_url, options.jobs)
    content = ContentLoader(options.root, diagnostics, load, cache).load()
    if content is None:
        raise BuildFailed(diagnostics)
    # 2. index and validate: one library of every linkable slug
    site = assemble(content, diagnostics, options.root)
    # 3. generate plans, check them against the coaching rules, make them linkable
    site.plans = make_plans(site, diagnostics, cache)
    if site.plans is not None:
        register_plans(site, site.plans, diagnostics)
    # 4. resolve and lint: every cross-reference, every content rule; any error stops here
    check_references(site, diagnostics)
    site.routes = published_routes(site)
    run_lints(site, diagnostics)
    _stop_on_errors(diagnostics, options.strict)
    urls = Urls(options.base_url or content.site.base_url)
    if options.write and urls.placeholder:
        _not_deployable(urls, content.site, options, diagnostics)
    if not options.render:
        return BuildResult(diagnostics)
    # 5. render: every page fingerprinted, drawn in memory (preview) or into a staged folder
    compiled = options.root / CACHE_FOLDER / "templates" if options.persist else None
    drawing = prepare(site, urls, options.root / "templates", options.dev, cache, compiled)
    if not options.write:
        return _in_memory(drawing, cache, diagnostics, options.strict)
    check_output_dir(options.out, options.root, SOURCE_FOLDERS)
    out = str(options.out.resolve())
    same_out = state.out == out  # the manifest describes this output folder
    previous = state.pages if same_out else {}
    search_before = state.search if same_out else SearchIndex()
    with StagedSite(options.out) as staged:  # removed again if the build fails
        searched = search_before if options.search else None
        placed = draw_to_disk(drawing, staged, previous, searched, options.jobs, diagnostics)
        _stop_on_errors(diagnostics, options.strict)
        # 6. index for search (only when a page changed), 7. publish: one atomic swap
        search = index_for_search(
            staged, placed, search_before, options.search, options.jobs, options.search_shard_pages
        )
        publish(staged, placed, search)
    # 8. save the cache for the next build
    note = _save_cache(options, state, BuildState(cache.kept(), out, placed.written, search))
    return BuildResult(
        diagnostics,
        written=placed.written,
        rendered=placed.rendered,
        reused=placed.reused,
        current=placed.current,
        cache_note="; ".join(n for n in (cache_note, note) if n),
    )


def _not_deployable(
    urls: Urls, settings: SiteConfig, options: BuildOptions, diagnostics: Diagnostics
) -> None:
    """A build for publishing with an example address: a ``placeholder`` finding (a warning
    by default, so an error under --strict)."""
    level = settings.lints.get("placeholder", "warning")
    if level == "off":
        return
    given = "--base-url" if options.base_url else "base_url"
    report = diagnostics.error if level == "error" else diagnostics.warning
    report(
        settings.locations.get("base_url", Location("content/site.yaml")),
        f"{given} {urls.base_url} is a placeholder: the feed, sitemap and canonical links"
        " would point to nobody's site",
        hint="set base_url in site.yaml to the guide's address, or build with --base-url URL",
        rule="placeholder",
    )
    _stop_on_errors(diagnostics, options.strict)


def _stop_on_errors(diagnostics: Diagnostics, strict: bool) -> None:
    if strict:
        diagnostics.promote_warnings()
    if diagnostics.has_errors(strict):
        raise BuildFailed(diagnostics)


def _in_memory(
    drawing: Drawing, cache: BuildCache, diagnostics: Diagnostics, strict: bool
) -> BuildResult:
    """The preview's build: every file in memory, nothing written."""
    files, rendered = draw_in_memory(drawing, cache, diagnostics)
    _stop_on_errors(diagnostics, strict)
    files.update(drawing.extra)
    return BuildResult(
        diagnostics,
        files,
        drawing.copies,
        rendered=rendered,
        renderer=drawing.renderer,
        searchable=drawing.searchable,
    )


def _save_cache(options: BuildOptions, before: BuildState, after: BuildState) -> str:
    """Store what the next build may reuse; a cache that cannot be saved is a note, not a failure."""
    if not options.persist or after.same_as(before):
        return ""
    try:
        save_state(options.root, after, before=before, jobs=options.jobs)
    except OSError as exc:  # the site is published; only the next build's head start is lost
        return f"build cache not saved ({exc.strerror or exc})"
    return ""
