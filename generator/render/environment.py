"""Jinja2 rendering: one environment, strict about undefined names, escaping everything.

Templates get the site, the page and a few helpers (``url``, ``abs_url``,
``asset``, ``body``); they never compute URLs or read files themselves.
"""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from jinja2 import (
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    select_autoescape,
)
from markupsafe import Markup

from generator.core.urls import Urls
from generator.markdown.body import heading_text, render_body
from generator.markdown.xref import Reference
from generator.render.page import Page
from generator.site.assemble import START_HERE, Key, Site


@dataclass(frozen=True, slots=True)
class Asset:
    """A theme file published under a content-hashed name, so it can be cached forever."""

    source: Path
    route: str
    data: bytes


def theme_assets(templates: Path, hashed: bool = True) -> dict[str, Asset]:
    """``templates/assets/*`` keyed by name, routed to ``assets/<stem>.<hash><suffix>``.

    Hashed names let browsers cache theme files forever. The live preview uses
    plain names instead: a CSS edit then changes no page, only the stylesheet,
    which livereload swaps in place without reloading the page.
    """
    found: dict[str, Asset] = {}
    folder = templates / "assets"
    for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
        if path.is_file() and not path.name.startswith("."):
            data = path.read_bytes()
            name = path.relative_to(folder).as_posix()
            stem, dot, suffix = name.rpartition(".")
            digest = hashlib.sha256(data).hexdigest()[:10]
            published = (
                name if not hashed else f"{stem}.{digest}.{suffix}" if dot else f"{name}.{digest}"
            )
            found[name] = Asset(path, f"assets/{published}", data)
    return found


def human_date(iso: str) -> str:
    """``2026-09-03`` -> ``3 September 2026`` (independent of the machine's locale)."""
    d = date.fromisoformat(iso)
    months = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
    return f"{d.day} {months[d.month - 1]} {d.year}"


def make_environment(templates: Path, compiled: Path | None = None) -> Environment:
    """The Jinja environment: autoescaping, strict about undefined names. Reusable across builds.

    ``compiled``: a folder where Jinja keeps compiled templates between ``guide
    build`` runs (checked against each template's source), so a build after a
    small edit does not compile the templates it draws with again.
    """
    if compiled is not None:
        compiled.mkdir(parents=True, exist_ok=True)
    env = Environment(
        loader=FileSystemLoader(templates),
        bytecode_cache=FileSystemBytecodeCache(str(compiled)) if compiled else None,
        autoescape=select_autoescape(["html", "xml", "svg"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # a new environment is made whenever a template changes
    )
    env.filters["human_date"] = human_date
    env.filters["howto_step"] = lambda text: {"@type": "HowToStep", "text": text}
    env.filters["howto_tool"] = lambda name: {"@type": "HowToTool", "name": name}
    return env


class Renderer:
    """Renders pages of one site with the project's templates."""

    def __init__(
        self,
        env: Environment,
        site: Site,
        urls: Urls,
        assets: dict[str, Asset],
        dev: bool = False,
    ) -> None:
        self.site = site
        self.urls = urls
        self.assets = assets
        self._bodies: dict[Key, Markup] = {}
        self.env = env
        env.filters["article_entry"] = lambda slug: site.library.get("article", slug)
        env.globals.update(
            site=site,
            config=site.content.site,
            url=urls.path,
            abs_url=urls.absolute,
            asset=self.asset_url,
            body=self.body_html,
            heading_text=lambda parsed, heading: heading_text(parsed, heading, self._resolve),
            nav_links=self.nav_links,
            dev=dev,
        )

    def nav_links(self) -> list[tuple[str, str]]:
        """The header's sections as (label, route); "Start here" is the overview article."""
        start = self.site.library.get("article", START_HERE)
        links = [
            ("Start here", start.route if start else "articles/"),
            ("Articles", "articles/"),
            ("Exercises", "exercises/"),
            ("Muscles", "muscles/"),
        ]
        return [*links, ("Plans", "plans/")] if self.site.plans else links

    def asset_url(self, name: str) -> str:
        return self.urls.path(self.assets[name].route)

    def _resolve(self, ref: Reference) -> tuple[str, str] | None:
        entry = self.site.library.lookup(ref)
        return None if entry is None else (self.urls.path(entry.route), entry.title)

    def _embed(self, ref: Reference) -> str:
        exercise = self.site.exercises.get(ref.slug)
        if exercise is None:
            return ""
        return self.env.get_template("partials/exercise-embed.html").render(exercise=exercise)

    def body_html(self, kind: str, slug: str) -> Markup:
        """A content body as HTML, rendered once per build."""
        key = (kind, slug)
        if key not in self._bodies:
            html = render_body(self.site.bodies[key], self._resolve, self._embed)
            self._bodies[key] = Markup(html)
        return self._bodies[key]

    def compile_templates(self) -> None:
        """Compile every template now, so forked workers inherit them instead of each compiling.

        A template that fails to compile is left for the page that uses it to
        report, with the page's context.
        """
        for name in self.env.list_templates():
            if not name.startswith(("assets/", "archetypes/")):
                with contextlib.suppress(TemplateError):
                    self.env.get_template(name)

    def forget_body(self, kind: str, slug: str) -> None:
        """The body changed (the preview's fast path): draw it afresh when asked."""
        self._bodies.pop((kind, slug), None)

    def render(self, page: Page) -> bytes:
        template = self.env.get_template(page.template)
        context = page.context() if callable(page.context) else page.context
        html = template.render(page=page, **context)
        return html.encode("utf-8")
