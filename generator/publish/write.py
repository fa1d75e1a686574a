"""``guide build``'s output: pages drawn into a staged folder, indexed for search, swapped in.

A page whose fingerprint is unchanged is not drawn again: its file is taken
over from the previous site when it still holds the recorded bytes. When the
previous site already holds exactly what this build would write, nothing is
staged at all (:attr:`Placed.current`) and the site is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.core.diagnostics import Diagnostic, Diagnostics
from generator.core.parallel import map_forked
from generator.core.urls import output_file
from generator.publish.search import SHARD_PAGES, index_site, search_is_current
from generator.publish.staged import StagedSite, file_digest
from generator.publish.store import Manifest, SearchIndex
from generator.render.draw import Drawing, draw
from generator.render.environment import Renderer
from generator.render.page import Page

# Pages to draw from which templates are compiled before forking, once for all
# workers; after a small edit each worker compiles only the few it needs.
COMPILE_FIRST = 64


@dataclass
class Placed:
    """What the staged folder holds after drawing: every file's fingerprint and digest."""

    written: Manifest = field(default_factory=dict)  # output file -> (fingerprint, digest)
    rendered: int = 0  # pages drawn by a template
    reused: int = 0  # pages taken over unchanged from the previous site
    current: bool = False  # the previous site already holds exactly this build
    searchable: frozenset[str] = frozenset()  # the files search indexes


def draw_to_disk(
    drawing: Drawing,
    staged: StagedSite,
    previous: Manifest,
    search: SearchIndex | None,
    jobs: int,
    diagnostics: Diagnostics,
) -> Placed:
    """Place every page and file in ``staged`` across ``jobs`` processes: taken over, or drawn.

    ``search`` is the index the previous site had (None: search is off); a
    rebuild of nothing is recognised only if that index would be kept too.
    """
    others = {route: file_digest(data) for route, data in drawing.extra.items()}
    others |= {route: file_digest(src.read_bytes()) for route, src in drawing.copies.items()}
    if _output_is_current(drawing, others, previous, search, staged, jobs):
        return Placed(dict(previous), 0, len(drawing.pages), True, drawing.searchable)
    placed = _draw_pages(drawing, staged, previous, jobs, diagnostics)
    placed.searchable = drawing.searchable
    for route, data in drawing.extra.items():
        staged.write(route, data)
        placed.written[route] = ("", others[route])
    for route, source in drawing.copies.items():
        staged.copy(route, source)
        placed.written[route] = ("", others[route])
    return placed


def index_for_search(
    staged: StagedSite,
    placed: Placed,
    before: SearchIndex,
    enabled: bool,
    jobs: int,
    shard_pages: int = SHARD_PAGES,
) -> SearchIndex:
    """The search index of the staged site: each shard kept from ``before`` when its pages are."""
    if not enabled:
        return SearchIndex()
    if placed.current:
        return before
    pages = _searchable(placed.written, placed.searchable)
    workspace = staged.beside("search")  # each shard's site of links, kept between builds
    return index_site(staged.folder, pages, before, staged.reuse, jobs, shard_pages, workspace)


def _searchable(written: Manifest, searchable: frozenset[str]) -> dict[str, str]:
    """Searchable file -> digest of its bytes: what the search index depends on."""
    return {file: found for file, (_key, found) in written.items() if file in searchable}


def publish(staged: StagedSite, placed: Placed, search: SearchIndex) -> None:
    """Swap the staged site in, or keep it as the spare when the previous site already is
    this build."""
    if placed.current:
        staged.keep()
    else:
        staged.publish([*placed.written, *search.files])


def _output_is_current(
    drawing: Drawing,
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
    for page, key in zip(drawing.pages, drawing.fingerprints, strict=True):
        file = output_file(page.route)
        before = previous.get(file)
        if not key or before is None or before[0] != key:
            return False
        expected[file] = before
    if expected != previous:
        return False
    files = {file: found for file, (_key, found) in expected.items()}
    if search is not None:
        if not search_is_current(_searchable(previous, drawing.searchable), search):
            return False
        files |= search.files
    return staged.previous_holds(files, jobs)


def _draw_into(renderer: Renderer, staged: StagedSite, page: Page) -> str | Diagnostic:
    """In a worker: draw a page and write it into the staged site; its digest comes back."""
    data = draw(renderer, page)
    if isinstance(data, Diagnostic):
        return data
    staged.write(output_file(page.route), data)
    return file_digest(data)


def _draw_pages(
    drawing: Drawing, staged: StagedSite, previous: Manifest, jobs: int, diagnostics: Diagnostics
) -> Placed:
    """Every page into ``staged``: unchanged ones hard-linked from the previous site, others drawn."""
    pages, fingerprints = drawing.pages, drawing.fingerprints

    def unchanged(i: int) -> bool:
        before = previous.get(output_file(pages[i].route))
        return bool(fingerprints[i] and before and before[0] == fingerprints[i])

    def place(i: int) -> tuple[bool, str | Diagnostic]:
        """In a worker: (drawn?, digest of the bytes or the template's error)."""
        file = output_file(pages[i].route)
        if unchanged(i) and staged.reuse(file, previous[file][1]):
            return False, previous[file][1]
        return True, _draw_into(drawing.renderer, staged, pages[i])

    if jobs > 1 and sum(not unchanged(i) for i in range(len(pages))) >= COMPILE_FIRST:
        drawing.renderer.compile_templates()
    placed = Placed()
    outcomes = map_forked(place, range(len(pages)), jobs)
    for page, key, (drawn, outcome) in zip(pages, fingerprints, outcomes, strict=True):
        if isinstance(outcome, Diagnostic):
            diagnostics.extend([outcome])
            return placed
        placed.written[output_file(page.route)] = (key, outcome)
        placed.rendered += drawn
        placed.reused += not drawn
    return placed
