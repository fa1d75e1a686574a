"""Drawing pages: what a build will draw, and drawing it in memory.

:func:`prepare` gathers every page with its fingerprint (see ``dependencies.py``)
and the files that are not drawn (theme assets, plan JSON, static files). The
preview draws in memory here (:func:`draw_in_memory`); ``guide build`` draws
into a staged folder in ``generator.publish.write``. Both draw one page with
:func:`draw`, which turns a template error into a diagnostic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import jinja2

from generator.core.cache import BuildCache
from generator.core.diagnostics import Diagnostic, Diagnostics, Location, Severity
from generator.core.urls import Urls, output_file
from generator.render.dependencies import (
    digest,
    fingerprint,
    folder_digest,
    site_versions,
    with_routes,
)
from generator.render.environment import Renderer, make_environment, theme_assets
from generator.render.page import Page
from generator.render.pages import all_pages
from generator.render.plan_pages import plan_pages
from generator.site.assemble import Site

DEV_ONLY_ASSETS = ("dev.js",)  # the preview's error overlay


@dataclass(frozen=True, slots=True)
class Drawing:
    """Everything a build outputs: pages to draw (with fingerprints) and files to copy as they are."""

    renderer: Renderer
    pages: list[Page]
    fingerprints: list[str]  # "" for a page that must always be drawn
    extra: dict[str, bytes]  # route -> bytes made without a template: assets, plan JSON
    copies: dict[str, Path]  # route -> static file copied from content/static

    @property
    def searchable(self) -> frozenset[str]:
        """The output files search indexes (``data-pagefind-body``)."""
        return frozenset(output_file(page.route) for page in self.pages if page.searchable)


def prepare(
    site: Site,
    urls: Urls,
    templates: Path,
    dev: bool = False,
    cache: BuildCache | None = None,
    compiled: Path | None = None,
) -> Drawing:
    """Every page of the guide, fingerprinted, with the renderer that draws them.

    ``compiled``: where compiled templates are kept between builds (see
    :func:`make_environment`).
    """
    assets = theme_assets(templates, hashed=not dev)
    assets = {name: a for name, a in assets.items() if dev or name not in DEV_ONLY_ASSETS}
    # Pages name the assets, not their bytes: only the published names matter to them.
    template_digest = folder_digest(templates, skip="assets")
    asset_names = digest(sorted(asset.route for asset in assets.values()))
    make_env = partial(make_environment, templates, compiled)
    env = cache.environments.get(template_digest, make_env) if cache else make_env()
    renderer = Renderer(env, site, urls, assets, dev)
    pages = all_pages(site, plan_pages(site, site.plans) if site.plans else [])
    settings = (urls.base_url, dev, asset_names, site.content.local)
    versions = with_routes(site_versions(site, template_digest, settings), pages)
    fingerprints = [fingerprint(page, versions) or "" for page in pages]
    extra: dict[str, bytes] = {asset.route: asset.data for asset in assets.values()}
    if site.plans is not None:
        extra.update(site.plans.files)
    static = site.root / "content" / "static"
    copies = {f"static/{rel}": static / rel for rel in site.content.static_files}
    return Drawing(renderer, pages, fingerprints, extra, copies)


def draw(renderer: Renderer, page: Page) -> bytes | Diagnostic:
    """One page through its template, or the template's error as a diagnostic.

    A page that would carry one ``id`` twice is an error too: heading ids already
    step around every id the templates write literally, but not around ids a
    template builds from data (``{{ uid }}-title``), so the finished page is checked.
    """
    try:
        data = renderer.render(page)
    except jinja2.TemplateSyntaxError as exc:
        where = Location(f"templates/{exc.name or page.template}", exc.lineno)
        return Diagnostic(where, Severity.ERROR, f"template syntax error: {exc.message}")
    except jinja2.TemplateError as exc:
        where = Location(f"templates/{page.template}")
        return Diagnostic(where, Severity.ERROR, f"template error: {exc}")
    repeated = _repeated_id(data) if page.template.endswith(".html") else None
    if repeated is not None:
        return Diagnostic(
            Location(f"templates/{page.template}"),
            Severity.ERROR,
            f"page {page.route or '/'} would have id '{repeated}' twice",
            hint="rename the heading (or raw HTML id) whose id repeats the page's own",
        )
    return data


_ID = re.compile(rb"""\sid=["']([^"']+)["']""")


def _repeated_id(html: bytes) -> str | None:
    """The first id that appears twice in ``html``, if any."""
    ids = _ID.findall(html)
    if len(set(ids)) == len(ids):  # the usual case, decided without a loop in Python
        return None
    seen: set[bytes] = set()
    for found in ids:
        if found in seen:
            return str(found.decode("utf-8", "replace"))
        seen.add(found)
    return None


def draw_in_memory(
    drawing: Drawing, cache: BuildCache | None, diagnostics: Diagnostics
) -> tuple[dict[str, bytes], int]:
    """Every page's bytes by output file, and how many were drawn (the rest came from ``cache``).

    Stops at the first template error, reported into ``diagnostics``.
    """
    files: dict[str, bytes] = {}
    drawn_count = 0
    for page, key in zip(drawing.pages, drawing.fingerprints, strict=True):
        data = cache.pages.lookup((page.route, key)) if cache and key else None
        if data is None:
            drawn = draw(drawing.renderer, page)
            if isinstance(drawn, Diagnostic):
                diagnostics.extend([drawn])
                return files, drawn_count
            data = drawn
            drawn_count += 1
            if cache and key:
                cache.pages.store((page.route, key), data)
        files[output_file(page.route)] = data
    return files, drawn_count
