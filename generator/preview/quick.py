"""The preview's fast path: a save that changes only its own page is drawn at once.

Most saves while writing change a body's text and nothing that another page
shows: not the title, summary, dates, tags or series, not the pages and cards
it links to. By the dependency keys of ``dependencies.py`` such an edit changes
only ``doc:<kind>:<slug>`` (the page itself) and ``docs`` (the feed). So the
preview draws that one page straight away from the last build's site, however
big the guide, and the full incremental rebuild follows to write the rest (the
feed) and to check everything; it rewrites the page only if it disagrees.

Any doubt means no fast path: a new or renamed file, a problem in the file,
something other pages show changed, or a link, image, raw HTML or heading that
a lint would report.
"""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import dataclass
from pathlib import Path

from jsonschema import Draft202012Validator

from generator.content import schema
from generator.content.loader import make_article, make_exercise
from generator.content.models import Article, Exercise
from generator.content.sources import read_text, split_document
from generator.core.diagnostics import Diagnostics
from generator.core.urls import output_file
from generator.markdown.body import ParsedBody, parse_body
from generator.render.dependencies import folder_digest
from generator.render.environment import Renderer
from generator.render.pages import article_page, exercise_page
from generator.site.assemble import Site

FOLDERS = {"articles": "article", "exercises": "exercise"}


@dataclass(frozen=True, slots=True)
class QuickPage:
    """One page drawn by the fast path: its output file and bytes."""

    file: str
    data: bytes


def shared_inputs(root: Path) -> str:
    """A digest of what every page depends on: templates, settings, taxonomy, plans, static.

    Cheap (a few dozen small files, and only the names and sizes of static
    files), so the fast path can check that none of it changed since the build.
    """
    content = root / "content"
    hasher = hashlib.blake2b(folder_digest(root / "templates").encode(), digest_size=16)
    for name in ("site.yaml", "muscles.yaml"):
        with contextlib.suppress(OSError):
            hasher.update(name.encode() + (content / name).read_bytes())
    hasher.update(folder_digest(content / "plans").encode())
    for path in sorted((content / "static").rglob("*")):
        with contextlib.suppress(OSError):
            status = path.lstat()
            hasher.update(f"{path}\0{status.st_size}\0{status.st_mtime_ns}".encode())
    return hasher.hexdigest()


def quick_page(root: Path, rel: str, renderer: Renderer) -> QuickPage | None:
    """Draw the page of ``rel`` (``content/articles/<slug>.md``) if only that page changed.

    ``renderer`` is the last good build's, with its site; the site is updated
    in place with the new record and body when the page is drawn. The caller
    checks :func:`shared_inputs` first.
    """
    parts = rel.split("/")
    if len(parts) != 3 or parts[0] != "content" or parts[1] not in FOLDERS:
        return None
    kind, slug = FOLDERS[parts[1]], parts[2].removesuffix(".md")
    site = renderer.site
    old = site.articles.get(slug) if kind == "article" else site.exercises.get(slug)
    if old is None or not parts[2].endswith(".md"):
        return None
    found = Diagnostics()
    content = site.content
    text = read_text(root / rel, rel, found, content.limits, root / "content")
    doc = None if text is None else split_document(text, rel, found, content.limits)
    if doc is None or found.items:
        return None
    if isinstance(old, Article):
        new: Article | Exercise | None = make_article(_validator(kind, site), slug, doc, found)
    else:
        new = make_exercise(_validator(kind, site), slug, doc, found)
    if new is None or found.items:
        return None
    body = parse_body(doc, content.site.allow_html_key, content.local)
    if not _only_own_page_changed(old, new, site.bodies[(kind, slug)], body):
        return None
    site.bodies[(kind, slug)] = body
    renderer.forget_body(kind, slug)
    if isinstance(new, Article):
        site.articles[slug] = new
        page = article_page(site, new)
    else:
        site.exercises[slug] = new
        page = exercise_page(site, new)
    return QuickPage(output_file(page.route), renderer.render(page))


def _validator(kind: str, site: Site) -> Draft202012Validator:
    """The loader's own validator (a card's names the taxonomy's muscles)."""
    if kind == "article":
        return schema.article_validator()
    return schema.exercise_validator(tuple(site.muscles))


def _only_own_page_changed(
    old: Article | Exercise, new: Article | Exercise, before: ParsedBody, after: ParsedBody
) -> bool:
    """Does the edit leave everything that other pages show, and every lint, as it was?"""
    if _without_body(old) != _without_body(new):
        return False
    if before.reading_minutes != after.reading_minutes:
        return False  # lists show the reading time
    if _targets(before) != _targets(after):
        return False  # backlinks, related pages and embeds follow the links
    if [c.text for c in before.citations] != [c.text for c in after.citations]:
        return False  # the references page lists the sources
    if (
        after.unsafe_links
        or after.raw_html
        or after.empty_headers
        or any(i.image and not i.alt for i in after.links)
    ):
        return False  # a lint would report it: let the full rebuild say so
    if sorted(link.href for link in before.links) != sorted(link.href for link in after.links):
        return False  # the link check must see the new link
    return [h[:2] for h in before.headings] == [h[:2] for h in after.headings]  # levels, anchors


def _without_body(item: Article | Exercise) -> tuple[object, ...]:
    fields = [name for name in item.__slots__ if name != "doc"]
    return tuple(getattr(item, name) for name in fields)


def _targets(body: ParsedBody) -> list[tuple[str | None, str, bool]]:
    return sorted(((r.kind, r.slug, r.embed) for r in body.references), key=repr)
