"""The build, top to bottom: load, index and validate, generate plans, render, write atomically."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import jinja2

from generator.cache import BuildCache
from generator.dependencies import (
    digest,
    fingerprint,
    folder_digest,
    site_versions,
    with_routes,
)
from generator.diagnostics import BuildFailed, Diagnostics, Location
from generator.lints import run_lints
from generator.loader import ContentLoader, LoadOptions
from generator.output import check_output_dir, write_site
from generator.pages import all_pages
from generator.plan_pages import make_plans, plan_pages, register_plans
from generator.render import Renderer, make_environment, theme_assets
from generator.search import index_site
from generator.site import Site, assemble, check_references
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


@dataclass
class BuildResult:
    diagnostics: Diagnostics
    files: dict[str, bytes] = field(default_factory=dict)
    copies: dict[str, Path] = field(default_factory=dict)
    rendered: int = 0  # pages drawn by a template (the rest were reused)


def build_date() -> str:
    """Today as ISO date, from ``SOURCE_DATE_EPOCH`` when set, so rebuilds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.date().isoformat()


def render_site(
    site: Site,
    urls: Urls,
    templates: Path,
    diagnostics: Diagnostics,
    dev: bool = False,
    cache: BuildCache | None = None,
) -> BuildResult:
    """Every page through its template, plus theme assets, as route -> bytes.

    With a cache, a page whose dependencies did not change since the last build
    is not rendered again: its bytes are reused (see ``dependencies.py``).
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
    settings = (urls.base_url, dev, asset_names)
    versions = with_routes(site_versions(site, template_digest, settings), pages)
    result = BuildResult(diagnostics)
    for page in pages:
        key = (page.route, fingerprint(page, versions))
        data = cache.pages.lookup(key) if cache and key[1] else None
        if data is None:
            try:
                data = renderer.render(page)
            except jinja2.TemplateSyntaxError as exc:
                where = Location(f"templates/{exc.name or page.template}", exc.lineno)
                diagnostics.error(where, f"template syntax error: {exc.message}")
                break
            except jinja2.TemplateError as exc:
                diagnostics.error(Location(f"templates/{page.template}"), f"template error: {exc}")
                break
            result.rendered += 1
            if cache and key[1]:
                cache.pages.store(key, data)
        result.files[output_file(page.route)] = data
    result.files.update({asset.route: asset.data for asset in assets.values()})
    if site.plans is not None:
        result.files.update(site.plans.files)
    static = site.root / "content" / "static"
    result.copies = {f"static/{rel}": static / rel for rel in site.content.static_files}
    return result


def build(options: BuildOptions, cache: BuildCache | None = None) -> BuildResult:
    """Build the guide; raise :class:`BuildFailed` with every problem, leaving ``out`` untouched.

    ``cache`` carries reusable results from the previous build (the live preview).
    """
    if cache is not None:
        cache.next_build()
    diagnostics = Diagnostics()
    load = LoadOptions(options.drafts, build_date())
    content = ContentLoader(options.root, diagnostics, load, cache).load()
    if content is None:
        raise BuildFailed(diagnostics)
    site = assemble(content, diagnostics, options.root, cache)
    site.plans = make_plans(site, diagnostics, cache)
    if site.plans is not None:
        register_plans(site, site.plans, diagnostics)
    check_references(site, diagnostics)
    run_lints(site, diagnostics)
    if diagnostics.has_errors(options.strict):
        raise BuildFailed(diagnostics)
    urls = Urls(options.base_url or content.site.base_url)
    result = render_site(site, urls, options.root / "templates", diagnostics, options.dev, cache)
    if diagnostics.has_errors(options.strict):
        raise BuildFailed(diagnostics)
    if options.write:
        check_output_dir(options.out, options.root, SOURCE_FOLDERS)
        write_site(options.out, result.files, result.copies, index_site if options.search else None)
    return result
