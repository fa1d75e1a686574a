"""Rebuilds for the live preview: build in memory, then write only the files that changed.

The output after any sequence of rebuilds must equal a clean build byte for byte;
writing only what differs (and deleting what disappeared) gives that by
construction, and keeps the browser's cache and the disk quiet.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from generator.build import BuildOptions, build
from generator.core.cache import BuildCache
from generator.preview.quick import quick_page, shared_inputs
from generator.publish.staged import file_digest
from generator.publish.store import PREVIEW_STATE, BuildState, load_state, save_state
from generator.render.environment import Renderer

KEEP = ("_guide", "pagefind")  # preview status and search index live beside the pages


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)


def sync_folder(out: Path, files: Mapping[str, bytes], previous: Mapping[str, bytes]) -> list[str]:
    """Make ``out`` hold exactly ``files`` (plus KEEP); returns the files written.

    On the first sync of a session (no ``previous``), a file the last session
    left with the same bytes is kept: reading it costs less than writing it.
    """
    written = []
    for route, data in files.items():
        target = out / route
        if previous.get(route) == data and target.is_file():
            continue
        if not previous and _holds(target, data):
            continue
        _write_atomically(target, data)
        written.append(route)
    stale = set(previous) - set(files) if previous else _untracked(out, files)
    for route in stale:
        (out / route).unlink(missing_ok=True)
    return written


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _untracked(out: Path, files: Mapping[str, bytes]) -> set[str]:
    """Files on disk that the build did not produce (first sync only)."""
    if not out.is_dir():
        return set()
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    return {r for r in on_disk - set(files) if r.split("/", 1)[0] not in KEEP}


class IncrementalBuilder:
    """Keeps the last good output in memory and rebuilds on demand."""

    def __init__(
        self, root: Path, out: Path, base_url: str, drafts: bool, dev: bool, persist: bool = False
    ) -> None:
        self.root = root
        self.out = out
        self.options = BuildOptions(
            root=root, out=out, base_url=base_url, drafts=drafts, write=False, search=False, dev=dev
        )
        self.previous: dict[str, bytes] = {}
        self.persist = persist  # start from, and leave, a cache in .cache/build/
        self.cache = warm_cache(root) if persist else BuildCache()
        self.rendered = 0
        self.renderer: Renderer | None = None  # the last good build's, for the fast path
        self.shared = ""  # shared_inputs() as the last good build read them
        self.written: list[str] = []  # files the last rebuild wrote
        self.searchable: dict[str, str] = {}  # searchable file -> digest, for the search index

    def quick(self, rel: str) -> str | None:
        """Write the page of one saved file at once, if the save changed only that page.

        Returns the file written, or None. Either way :meth:`rebuild` must follow:
        it writes what else changed (the feed) and checks the whole guide.
        """
        if self.renderer is None or shared_inputs(self.root) != self.shared:
            return None
        try:
            drawn = quick_page(self.root, rel, self.renderer)
        except Exception:  # never worse than no fast path: the full rebuild will say what is wrong
            self.renderer = None
            return None
        if drawn is None:
            return None
        if self.previous.get(drawn.file) != drawn.data:
            _write_atomically(self.out / drawn.file, drawn.data)
            self.previous[drawn.file] = drawn.data
        return drawn.file

    def rebuild(self, changed: list[str] | None = None) -> int:
        """Build; on success write what changed and return the count. Raises BuildFailed."""
        self.renderer = None  # a failed build leaves no site to draw quick pages from
        shared = shared_inputs(self.root)
        result = build(self.options, self.cache)
        self.renderer, self.shared = result.renderer, shared
        self.rendered = result.rendered
        files = dict(result.files)
        for route, source in result.copies.items():
            files[route] = source.read_bytes()
        self.written = sync_folder(self.out, files, self.previous)
        self.previous = files
        self.searchable = {f: file_digest(files[f]) for f in result.searchable}
        return len(self.written)


def warm_cache(root: Path) -> BuildCache:
    """The last preview session's cache (with its drawn pages), else ``guide build``'s (parsed
    files and plans): either way the first build of a session skips most of its work."""
    state, _note = load_state(root, PREVIEW_STATE)
    if not state.cache.pages.current:
        state, _note = load_state(root)
    return state.cache


def save_preview_cache(root: Path, cache: BuildCache) -> str:
    """Leave ``cache`` (a :meth:`BuildCache.snapshot`) for the next session; '' or why not."""
    try:
        save_state(root, BuildState(cache), PREVIEW_STATE)
    except OSError as exc:
        return f"preview cache not saved ({exc.strerror or exc})"
    return ""
