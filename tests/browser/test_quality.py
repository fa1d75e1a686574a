"""Every page valid (Nu HTML Checker), every internal link and anchor resolving, no axe violations."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from playwright.sync_api import Page

from generator.content.loader import ContentLoader, LoadOptions
from generator.core.diagnostics import Diagnostics
from generator.render.pages import all_pages
from generator.render.plan_pages import plan_pages
from generator.site.assemble import assemble
from generator.site.plans import make_plans, register_plans
from tests.conftest import REPO

PAGE_TYPES = [
    "", "articles/", "articles/why-runners-should-lift/", "exercises/", "exercises/goblet-squat/",
    "finder/category/plyometric/", "muscles/", "muscles/soleus/", "regions/hips/", "tags/",
    "tags/achilles/", "search/", "404.html", "plans/", "plans/marathon/",
    "plans/marathon-intermediate-4d-gym/", "plans/run-sessions/", "plans/warm-up/", "references/",
]  # fmt: skip


class _Links(HTMLParser):
    """Collects link targets and element ids from one page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        for name in ("href", "src"):
            value = found.get(name)
            if value and not (tag == "link" and found.get("rel") in ("canonical", "alternate")):
                self.links.append(value)


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text())
    return parser


def _target(site: Path, page_url: str, link: str) -> tuple[Path | None, str]:
    absolute = urlsplit(urljoin(page_url, link))
    if absolute.scheme not in ("http", "https") or absolute.netloc != "guide.test":
        return None, ""
    file = site / unquote(absolute.path).lstrip("/")
    if absolute.path.endswith("/"):
        file = file / "index.html"
    return file, absolute.fragment


def test_every_internal_link_and_anchor_resolves(site_dir: Path) -> None:
    pages = sorted(site_dir.rglob("*.html"))
    parsed = {p: _parse(p) for p in pages if "pagefind" not in p.parts}
    broken = []
    checked = 0
    for path, links in parsed.items():
        url = "http://guide.test/" + path.relative_to(site_dir).as_posix()
        for link in links.links:
            target, fragment = _target(site_dir, url, link)
            if target is None:
                continue
            checked += 1
            if not target.is_file():
                broken.append(f"{path.relative_to(site_dir)} -> {link}")
            elif fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else _parse(target).ids
                if fragment not in ids:
                    broken.append(f"{path.relative_to(site_dir)} -> {link} (no #{fragment})")
    assert checked > 1000
    assert broken == []


def test_every_page_passes_the_nu_html_checker(site_dir: Path) -> None:
    jar = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if not jar.exists() or shutil.which("java") is None:
        pytest.fail("vnu.jar (npm ci) and java are needed for this test")
    done = subprocess.run(
        ["java", "-Xss1024k", "-jar", str(jar), "--errors-only", "--format", "json",
         "--skip-non-html", str(site_dir)],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    messages = json.loads(done.stderr or done.stdout or '{"messages": []}')["messages"]
    errors = [f"{m.get('url', '?').rsplit('/site/', 1)[-1]}: {m.get('message')}" for m in messages]
    assert errors == []
    assert len(list(site_dir.rglob("*.html"))) > 100


def _pages_with_tables() -> list[str]:
    """Every card and article whose body has a Markdown table: tables are where content
    (not templates) can break accessibility, e.g. an empty header cell."""
    found = []
    for folder in ("articles", "exercises"):
        for path in sorted((REPO / "content" / folder).glob("*.md")):
            if re.search(r"^\s*\|.*\|\s*$", path.read_text(encoding="utf-8"), re.MULTILINE):
                found.append(f"{folder}/{path.stem}/")
    return found


def _templates_by_route() -> dict[str, str]:
    """Which template draws each page of the real guide."""
    diagnostics = Diagnostics()
    content = ContentLoader(REPO, diagnostics, LoadOptions()).load()
    assert content is not None
    site = assemble(content, diagnostics, REPO)
    site.plans = make_plans(site, diagnostics)
    assert site.plans is not None
    register_plans(site, site.plans, diagnostics)
    return {p.route: p.template for p in all_pages(site, plan_pages(site, site.plans))}


def test_the_axe_sample_covers_every_page_template() -> None:
    """The sample below is one page of each type: proven here, so a new template cannot
    slip past axe unseen."""
    templates = _templates_by_route()
    pages = {t for t in templates.values() if t.endswith(".html")}  # not the feed or sitemap
    assert {templates[path] for path in PAGE_TYPES} == pages


AXE_SAMPLE = [*PAGE_TYPES, *(p for p in _pages_with_tables() if p not in PAGE_TYPES)]


@pytest.mark.parametrize("path", AXE_SAMPLE)
def test_axe_finds_no_violations(page: Page, base_url: str, axe_source: str, path: str) -> None:
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        response = page.goto(base_url + path)
        assert (response is not None and response.status in (200, 304)) or path == "404.html"
        page.evaluate(axe_source)  # through DevTools, so the page's CSP does not block it
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        violations = [
            f"{v['id']}: {v['help']} ({', '.join(n['target'][0] for n in v['nodes'][:3])})"
            for v in result["violations"]
        ]
        assert violations == [], f"{scheme} mode"
