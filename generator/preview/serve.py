"""``guide serve``: live preview with the ``livereload`` package.

The preview is built into ``.cache/serve/`` (never into ``site/``), rebuilt on
every save, and reloaded in the browser. A failed rebuild keeps the last good
pages and publishes the errors in ``_guide/status.json``, which the dev script
on every page shows as an overlay. Nothing an editor does to a file can stop
the server: every rebuild's failure is caught, reported and survived.
"""

from __future__ import annotations

import errno
import json
import logging
import sys
import threading
import time
import traceback
from pathlib import Path
from typing import Any

from livereload import Server
from livereload.handlers import LiveReloadHandler, StaticFileHandler
from livereload.watcher import Watcher
from tornado import ioloop
from tornado.netutil import bind_sockets

from generator.core.diagnostics import BuildFailed, Diagnostic, Severity
from generator.preview.incremental import IncrementalBuilder, save_preview_cache
from generator.publish.search import SearchIndexFailed, holds, index_site, prune_shards
from generator.publish.store import SearchIndex

POLL_MS = 100
STATUS = "_guide/status.json"


class _FastWatcher(Watcher):  # type: ignore[misc]
    """livereload's polling watcher, checked every 100 ms instead of every 800 ms."""

    def start(self, callback: Any) -> bool:
        ioloop.PeriodicCallback(callback, POLL_MS).start()
        return True


def _source_lines(root: Path, diagnostic: Diagnostic, context: int = 2) -> list[dict[str, Any]]:
    """The lines around a problem, for the overlay (never through a link out of the project)."""
    path = root / diagnostic.location.path
    try:
        if path.is_symlink() or not path.resolve().is_relative_to(root.resolve()):
            return []
        lines = path.read_text(errors="replace").splitlines()
    except OSError:
        return []
    first = max(1, diagnostic.location.line - context)
    last = min(len(lines), diagnostic.location.line + context)
    return [
        {"number": n, "text": lines[n - 1], "here": n == diagnostic.location.line}
        for n in range(first, last + 1)
    ]


class _BackgroundIndex:
    """Re-indexes search after rebuilds, off the request thread; one run at a time.

    Pagefind takes longer than a rebuild, so the preview's search catches up a
    moment after the page itself; only the shards whose pages changed are
    indexed again, so after one save that is one shard, not the whole site.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.lock = threading.Lock()
        self.pending = threading.Event()
        self.worker: threading.Thread | None = None
        self.pages: dict[str, str] = {}  # the newest build's searchable pages
        self.index = SearchIndex()  # what the folder's pagefind/ holds now

    def request(self, pages: dict[str, str]) -> None:
        with self.lock:
            self.pages = pages
            self.pending.set()
            if self.worker is None:
                self.worker = threading.Thread(target=self._run, daemon=True)
                self.worker.start()

    def _run(self) -> None:
        while True:
            with self.lock:
                if not self.pending.is_set():
                    self.worker = None  # a later request starts a new worker
                    return
                self.pending.clear()
                pages = self.pages
            try:  # only the shards whose pages changed are indexed again
                self.index = index_site(self.folder, pages, self.index, holds(self.folder))
                prune_shards(self.folder, self.index)
            except SearchIndexFailed as exc:
                print(f"search index not updated: {exc}", file=sys.stderr)


class Preview:
    """One project's live preview: the builder, its output folder and its status file."""

    def __init__(self, root: Path, host: str, port: int, drafts: bool = True) -> None:
        self.root = root
        self.out = root / ".cache" / "serve"
        self.builder = IncrementalBuilder(
            root, self.out, base_url=f"http://{host}:{port}/", drafts=drafts, dev=True, persist=True
        )
        self.search = _BackgroundIndex(self.out)
        self.watcher: Watcher | None = None  # tells which file was saved
        self.lock = threading.Lock()  # one build at a time, in the loop or in the background
        self.saving: threading.Thread | None = None

    def rebuild(self, changed: list[str] | None = None) -> bool:
        """Rebuild after a change; True when the preview now shows the new content.

        A save that changes only its own page takes the fast path (``quick.py``):
        that page is written at once and the browser reloads, while the full
        rebuild runs in the background; the browser reloads again only if that
        rebuild fails (the overlay) or draws the page differently.
        """
        with self.lock:
            saved = self._saved_file()
            started = time.perf_counter()
            quick = self.builder.quick(saved) if saved else None
            if quick is None:
                return self._full()
            elapsed = (time.perf_counter() - started) * 1000
            print(f"{quick} written in {elapsed:.0f} ms; rebuilding the rest", flush=True)
        loop = ioloop.IOLoop.current()  # the server's loop, to reload from the background
        threading.Thread(target=self._finish, args=(quick, loop), daemon=True).start()
        return True

    def save_cache(self) -> None:
        """Leave this session's cache for the next ``guide serve`` (in the background: the
        snapshot is taken at once, the writing does not hold up the preview)."""
        with self.lock:
            snapshot = self.builder.cache.snapshot()

        def save() -> None:
            note = save_preview_cache(self.root, snapshot)
            if note:
                print(f"guide: {note}", file=sys.stderr, flush=True)

        self.saving = threading.Thread(target=save, daemon=True)
        self.saving.start()

    def _saved_file(self) -> str | None:
        """The file the watcher saw change, relative to the project."""
        found = getattr(self.watcher, "filepath", None)
        if not isinstance(found, str):
            return None
        path = Path(found).absolute()
        return path.relative_to(self.root).as_posix() if path.is_relative_to(self.root) else None

    def _finish(self, quick: str, loop: ioloop.IOLoop) -> None:
        """In the background, after the fast path: the full rebuild, then a reload if needed."""
        with self.lock:
            ok = self._full()
            again = not ok or quick in self.builder.written
        if again:
            loop.add_callback(LiveReloadHandler.reload_waiters)

    def _full(self) -> bool:
        started = time.perf_counter()
        try:
            written = self.builder.rebuild()
        except BuildFailed as failed:
            problems = [d for d in failed.diagnostics.sorted() if d.severity is Severity.ERROR]
            for diagnostic in problems:
                print(diagnostic.format(), file=sys.stderr)
            self._status(False, [self._describe(d) for d in problems])
            return False
        except Exception as exc:
            traceback.print_exc()
            self._status(False, [{"where": "guide", "message": f"internal error: {exc!r}",
                                  "severity": "error", "hint": "", "lines": []}])  # fmt: skip
            return False
        elapsed = (time.perf_counter() - started) * 1000
        rendered = self.builder.rendered
        print(
            f"rebuilt in {elapsed:.0f} ms: {rendered} page(s) rendered, {written} file(s) written",
            flush=True,
        )
        self._status(True, [])
        self.search.request(self.builder.searchable)
        return True

    def _describe(self, diagnostic: Diagnostic) -> dict[str, Any]:
        return {
            "where": str(diagnostic.location),
            "column": diagnostic.location.column,
            "severity": diagnostic.severity.value,
            "message": diagnostic.message,
            "hint": diagnostic.hint,
            "lines": _source_lines(self.root, diagnostic),
        }

    def _status(self, ok: bool, errors: list[dict[str, Any]]) -> None:
        path = self.out / STATUS
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps({"ok": ok, "errors": errors}, indent=1))
        temporary.replace(path)


class _QuietServer(Server):  # type: ignore[misc]
    """livereload's server without its log lines ("Running task", every request): the
    preview's own lines say what happens. Warnings and errors still show."""

    def _setup_logging(self) -> None:
        channel = logging.StreamHandler()
        channel.setLevel(logging.WARNING)
        for name in ("livereload", "tornado"):
            logging.getLogger(name).setLevel(logging.WARNING)
            logging.getLogger(name).addHandler(channel)
        logging.getLogger("tornado.access").setLevel(logging.ERROR)  # 404s are the reader's


class _SiteFiles(StaticFileHandler):  # type: ignore[misc]
    """Serves the preview's files, and the guide's own 404 page for a missing one."""

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        page = Path(self.root) / "404.html"
        if status_code == 404 and page.is_file():
            self.set_header("Content-Type", "text/html; charset=UTF-8")
            self.finish(page.read_bytes())
            return
        super().write_error(status_code, **kwargs)


class PortUnavailable(OSError):
    """The address cannot be served on (in use, or not this machine's)."""


def _claim(host: str, port: int) -> None:
    """Bind ``host:port`` as the server will, and let it go: a taken port is found before
    the build, not after it as a traceback."""
    try:
        sockets = bind_sockets(port, address=host)
    except OSError as exc:
        raise PortUnavailable(_unavailable(host, port, exc)) from exc
    for sock in sockets:
        sock.close()


def _unavailable(host: str, port: int, exc: OSError) -> str:
    reason = "already in use" if exc.errno == errno.EADDRINUSE else (exc.strerror or str(exc))
    return f"cannot serve on {host}:{port}: {reason.lower()}; choose another port with --port {port + 1}"


def serve(root: Path, host: str, port: int, drafts: bool = True) -> int:
    """Build, serve on ``host:port`` and rebuild on every change until interrupted.

    Returns 2 (a usage error) at once when the port cannot be served on.
    """
    try:
        _claim(host, port)
    except PortUnavailable as exc:
        print(f"guide: {exc}", file=sys.stderr)
        return 2
    preview = Preview(root, host, port, drafts)
    print("building the preview into .cache/serve/ ...", flush=True)
    if preview.rebuild():
        preview.save_cache()
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0  # reload on every save, even quick ones
    preview.watcher = _FastWatcher()
    server = _QuietServer(watcher=preview.watcher)
    server.SFH = _SiteFiles
    for folder in ("content", "templates"):
        server.watch(str(root / folder), preview.rebuild)
    print(f"serving http://{host}:{port}/ (Ctrl+C to stop)", flush=True)
    try:
        server.serve(host=host, port=port, root=str(preview.out), restart_delay=0)
    except OSError as exc:  # taken while the preview was building
        print(f"guide: {_unavailable(host, port, exc)}", file=sys.stderr)
        return 2
    if preview.saving is not None:
        preview.saving.join()
    preview.save_cache()  # Ctrl+C: what this session drew, for the next one
    if preview.saving is not None:
        preview.saving.join()
    return 0
