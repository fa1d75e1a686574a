"""The build, top to bottom: load, index and validate, generate plans, render, write atomically."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import jinja2

from generator.cache import BuildCache
from generator.collector import collector_paused
from generator.dependencies import (
    digest,
    fingerprint,
    folder_digest,
    site_versions,
    with_routes,
)
from generator.diagnostics import BuildFailed, Diagnostic, Diagnostics, Location, Severity
from generator.lints import run_lints
from generator.loader import ContentLoader, LoadOptions
from generator.output import StagedSite, check_output_dir, file_digest
from generator.page import Page
from generator.pages import all_pages
from generator.parallel import map_forked
from generator.plan_pages import make_plans, plan_pages, register_plans
from generator.render import Renderer, make_environment, theme_assets
from generator.search import index_site, search_is_current
from generator.site import Site, assemble, check_references
from generator.store import BuildState, Manifest, SearchIndex, load_state, save_state
from generator.urls import Urls, output_file

SOURCE_FOLDERS = ("content", "templates", "generator", "tests")
DEV_ONLY_ASSETS = ("dev.js",)  # the preview's error overlay


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
    cache_note: str = ""  # why the persistent cache was not used, if it was not

    @property
    def file_count(self) -> int:
        return len(self.files) + len(self.copies) + len(self.written)


def build_date() -> str:
    """Today as ISO date, from ``SOURCE_DATE_EPOCH`` when set, so rebuilds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.date().isoformat()


def _draw(renderer: Renderer, page: Page) -> bytes | Diagnostic:
    """One page through its template, or the template's error as a diagnostic."""
    try:
        return renderer.render(page)
    except jinja2.TemplateSyntaxError as exc:
        where = Location(f"templates/{exc.name or page.template}", exc.lineno)
        return Diagnostic(where, Severity.ERROR, f"template syntax error: {exc.message}")
    except jinja2.TemplateError as exc:
        where = Location(f"templates/{page.template}")
        return Diagnostic(where, Severity.ERROR, f"template error: {exc}")


def _draw_into(renderer: Renderer, staged: StagedSite, page: Page) -> str | Diagnostic:
    """In a worker: draw a page and write it into the staged site; its digest comes back."""
    data = _draw(renderer, page)
    if isinstance(data, Diagnostic):
        return data
    staged.write(output_file(page.route), data)
    return file_digest(data)


def render_site(
    site: Site,
    urls: Urls,
    templates: Path,
    diagnostics: Diagnostics,
    dev: bool = False,
    cache: BuildCache | None = None,
    staged: StagedSite | None = None,
    previous: Manifest | None = None,
    jobs: int = 1,
    search: SearchIndex | None = None,
) -> BuildResult:
    """Every page through its template, plus theme assets, in memory or into ``staged``.

    A page whose fingerprint (see ``dependencies.py``) is unchanged is not drawn
    again: in memory its bytes come from ``cache``; on disk its file is taken
    over from the previous site when it still holds the bytes in ``previous``.
    When the previous site already holds exactly what this build would write
    (and ``search``, the index it had), nothing is staged: ``result.current``.
    """
    assets = theme_assets(templates, hashed=not dev)
    assets = {name: a for name, a in assets.items() if dev or name not in DEV_ONLY_ASSETS}
    # Pages name the assets, not their bytes: only the published names matter to them.
    template_digest = folder_digest(templates, skip="assets")
    asset_names = digest(sorted(asset.route for asset in assets.values()))
    make_env = partial(make_environment, templates)
    env = cache.environments.get(template_digest, make_env) if cache else make_env()
    renderer = Renderer(env, site, urls, assets, dev)
    pages = all_pages(site, plan_pages(site, site.plans) if site.plans else [])
    settings = (urls.base_url, dev, asset_names, site.content.local)
    versions = with_routes(site_versions(site, template_digest, settings), pages)
    fingerprints = [fingerprint(page, versions) or "" for page in pages]
    result = BuildResult(diagnostics)
    extra: dict[str, bytes] = {asset.route: asset.data for asset in assets.values()}
    if site.plans is not None:
        extra.update(site.plans.files)
    static = site.root / "content" / "static"
    copies = {f"static/{rel}": static / rel for rel in site.content.static_files}
    if staged is None:
        _render_in_memory(renderer, pages, fingerprints, cache, result)
        result.files.update(extra)
        result.copies = copies
        result.renderer = renderer
        return result
    previous = previous or {}
    others = {route: file_digest(data) for route, data in extra.items()}
    others |= {route: file_digest(source.read_bytes()) for route, source in copies.items()}
    if _output_is_current(pages, fingerprints, others, previous, search, staged, jobs):
        result.written, result.reused, result.current = dict(previous), len(pages), True
        return result
    _render_to_disk(renderer, pages, fingerprints, staged, previous, jobs, result)
    for route, data in extra.items():
        staged.write(route, data)
        result.written[route] = ("", others[route])
    for route, source in copies.items():
        staged.copy(route, source)
        result.written[route] = ("", others[route])
    return result


def _output_is_current(
    pages: list[Page],
    fingerprints: list[str],
    others: dict[str, str],
    previous: Manifest,
    search: SearchIndex | None,
    staged: StagedSite,
    jobs: int,
) -> bool:
    """Would this build write exactly what the previous site holds? (A rebuild of nothing.)

    True only when every page's fingerprint and every other file's digest is as
    recorded, the search index would be reused, and the folder on disk holds
    exactly those files with exactly those bytes, nothing more.
    """
    expected: Manifest = {route: ("", found) for route, found in others.items()}
    for page, key in zip(pages, fingerprints, strict=True):
        file = output_file(page.route)
        before = previous.get(file)
        if not key or before is None or before[0] != key:
            return False
        expected[file] = before
    if expected != previous:
        return False
    files = {file: found for file, (_key, found) in expected.items()}
    if search is not None:
        if not search_is_current(previous, search):
            return False
        files |= search.files
    return staged.previous_holds(files, jobs)


def _render_in_memory(
    renderer: Renderer,
    pages: list[Page],
    fingerprints: list[str],
    cache: BuildCache | None,
    result: BuildResult,
) -> None:
    for page, key in zip(pages, fingerprints, strict=True):
        data = cache.pages.lookup((page.route, key)) if cache and key else None
        if data is None:
            drawn = _draw(renderer, page)
            if isinstance(drawn, Diagnostic):
                result.diagnostics.extend([drawn])
                return
            data = drawn
            result.rendered += 1
            if cache and key:
                cache.pages.store((page.route, key), data)
        result.files[output_file(page.route)] = data


def _render_to_disk(
    renderer: Renderer,
    pages: list[Page],
    fingerprints: list[str],
    staged: StagedSite,
    previous: Manifest,
    jobs: int,
    result: BuildResult,
) -> None:
    """Place every page in ``staged`` across ``jobs`` processes: taken over, or drawn."""

    def unchanged(i: int) -> bool:
        before = previous.get(output_file(pages[i].route))
        return bool(fingerprints[i] and before and before[0] == fingerprints[i])

    def place(i: int) -> tuple[bool, str | Diagnostic]:
        """In a worker: (drawn?, digest of the bytes or the template's error)."""
        file = output_file(pages[i].route)
        if unchanged(i) and staged.reuse(file, previous[file][1]):
            return False, previous[file][1]
        return True, _draw_into(renderer, staged, pages[i])

    if jobs > 1 and not all(unchanged(i) for i in range(len(pages))):
        renderer.compile_templates()
    placed = map_forked(place, range(len(pages)), jobs)
    for page, key, (drawn, outcome) in zip(pages, fingerprints, placed, strict=True):
        if isinstance(outcome, Diagnostic):
            result.diagnostics.extend([outcome])
            return
        result.written[output_file(page.route)] = (key, outcome)
        result.rendered += drawn
        result.reused += not drawn


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
    load = LoadOptions(options.drafts, build_date(), options.base_url, options.jobs)
    content = ContentLoader(options.root, diagnostics, load, cache).load()
    if content is None:
        raise BuildFailed(diagnostics)
    site = assemble(content, diagnostics, options.root)
    site.plans = make_plans(site, diagnostics, cache)
    if site.plans is not None:
        register_plans(site, site.plans, diagnostics)
    check_references(site, diagnostics)
    run_lints(site, diagnostics)
    if diagnostics.has_errors(options.strict):
        raise BuildFailed(diagnostics)
    urls = Urls(options.base_url or content.site.base_url)
    if not options.render:
        return BuildResult(diagnostics)
    if not options.write:
        result = render_site(
            site, urls, options.root / "templates", diagnostics, options.dev, cache
        )
        if diagnostics.has_errors(options.strict):
            raise BuildFailed(diagnostics)
        return result
    result = _write(options, site, urls, state, cache, diagnostics)
    result.cache_note = "; ".join(note for note in (cache_note, result.cache_note) if note)
    return result


def _write(
    options: BuildOptions,
    site: Site,
    urls: Urls,
    state: BuildState,
    cache: BuildCache,
    diagnostics: Diagnostics,
) -> BuildResult:
    """Render into a staged site beside ``out``, index it, swap it in, then save the cache."""
    check_output_dir(options.out, options.root, SOURCE_FOLDERS)
    out = str(options.out.resolve())
    same_out = state.out == out  # the manifest describes this output folder
    staged = StagedSite(options.out)
    search_before = state.search if same_out else SearchIndex()
    try:
        result = render_site(
            site,
            urls,
            options.root / "templates",
            diagnostics,
            options.dev,
            cache,
            staged,
            state.pages if same_out else {},
            options.jobs,
            search_before if options.search else None,
        )
        if diagnostics.has_errors(options.strict):
            raise BuildFailed(diagnostics)
        search = SearchIndex()
        if result.current:
            search = search_before if options.search else search
            staged.discard()
        else:
            if options.search:
                search = index_site(staged, result.written, search_before, options.jobs)
            staged.publish(options.jobs)
    except BaseException:
        staged.discard()
        raise
    after = BuildState(cache.kept(), out, result.written, search)
    if options.persist and not after.same_as(state):
        try:
            save_state(options.root, after)
        except OSError as exc:  # the site is published; only the next build's head start is lost
            result.cache_note = f"build cache not saved ({exc.strerror or exc})"
    return result
