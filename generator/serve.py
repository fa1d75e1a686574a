"""``guide serve``: live preview with the ``livereload`` package.

The preview is built into ``.cache/serve/`` (never into ``site/``), rebuilt on
every save, and reloaded in the browser. A failed rebuild keeps the last good
pages and publishes the errors in ``_guide/status.json``, which the dev script
on every page shows as an overlay. Nothing an editor does to a file can stop
the server: every rebuild's failure is caught, reported and survived.
"""

from __future__ import annotations

import json
import sys
import time
import traceback
from pathlib import Path
from typing import Any

from livereload import Server
from livereload.handlers import LiveReloadHandler
from livereload.watcher import Watcher
from tornado import ioloop

from generator.diagnostics import BuildFailed, Diagnostic, Severity
from generator.incremental import IncrementalBuilder

POLL_MS = 100
STATUS = "_guide/status.json"


class _FastWatcher(Watcher):  # type: ignore[misc]
    """livereload's polling watcher, checked every 100 ms instead of every 800 ms."""

    def start(self, callback: Any) -> bool:
        ioloop.PeriodicCallback(callback, POLL_MS).start()
        return True


def _source_lines(root: Path, diagnostic: Diagnostic, context: int = 2) -> list[dict[str, Any]]:
    """The lines around a problem, for the overlay."""
    try:
        lines = (root / diagnostic.location.path).read_text(errors="replace").splitlines()
    except OSError:
        return []
    first = max(1, diagnostic.location.line - context)
    last = min(len(lines), diagnostic.location.line + context)
    return [
        {"number": n, "text": lines[n - 1], "here": n == diagnostic.location.line}
        for n in range(first, last + 1)
    ]


class Preview:
    """One project's live preview: the builder, its output folder and its status file."""

    def __init__(self, root: Path, host: str, port: int, drafts: bool = True) -> None:
        self.root = root
        self.out = root / ".cache" / "serve"
        self.builder = IncrementalBuilder(
            root, self.out, base_url=f"http://{host}:{port}/", drafts=drafts, dev=True
        )

    def rebuild(self, changed: list[str] | None = None) -> bool:
        """Rebuild after a change; True when the preview now shows the new content."""
        started = time.perf_counter()
        try:
            written = self.builder.rebuild(changed)
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
        print(f"rebuilt in {elapsed:.0f} ms ({written} file(s) written)", flush=True)
        self._status(True, [])
        return True

    def _describe(self, diagnostic: Diagnostic) -> dict[str, Any]:
        return {
            "where": str(diagnostic.location),
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


def serve(root: Path, host: str, port: int, drafts: bool = True) -> int:
    """Build, serve on ``host:port`` and rebuild on every change until interrupted."""
    preview = Preview(root, host, port, drafts)
    preview.rebuild()
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0  # reload on every save, even quick ones
    server = Server(watcher=_FastWatcher())
    for folder in ("content", "templates"):
        server.watch(str(root / folder), preview.rebuild)
    print(f"serving http://{host}:{port}/ (Ctrl+C to stop)", flush=True)
    server.serve(host=host, port=port, root=str(preview.out), restart_delay=0)
    return 0
