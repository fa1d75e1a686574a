"""Rebuilds for the live preview: build in memory, then write only the files that changed.

The output after any sequence of rebuilds must equal a clean build byte for byte;
writing only what differs (and deleting what disappeared) gives that by
construction, and keeps the browser's cache and the disk quiet.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from generator.build import BuildOptions, build
from generator.cache import BuildCache

KEEP = ("_guide", "pagefind")  # preview status and search index live beside the pages


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)


def sync_folder(out: Path, files: Mapping[str, bytes], previous: Mapping[str, bytes]) -> int:
    """Make ``out`` hold exactly ``files`` (plus KEEP); returns how many files were written."""
    written = 0
    for route, data in files.items():
        target = out / route
        if previous.get(route) != data or not target.is_file():
            _write_atomically(target, data)
            written += 1
    stale = set(previous) - set(files) if previous else _untracked(out, files)
    for route in stale:
        (out / route).unlink(missing_ok=True)
    return written


def _untracked(out: Path, files: Mapping[str, bytes]) -> set[str]:
    """Files on disk that the build did not produce (first sync only)."""
    if not out.is_dir():
        return set()
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    return {r for r in on_disk - set(files) if r.split("/", 1)[0] not in KEEP}


class IncrementalBuilder:
    """Keeps the last good output in memory and rebuilds on demand."""

    def __init__(self, root: Path, out: Path, base_url: str, drafts: bool, dev: bool) -> None:
        self.out = out
        self.options = BuildOptions(
            root=root, out=out, base_url=base_url, drafts=drafts, write=False, search=False, dev=dev
        )
        self.previous: dict[str, bytes] = {}
        self.cache = BuildCache()
        self.rendered = 0

    def rebuild(self, changed: list[str] | None = None) -> int:
        """Build; on success write what changed and return the count. Raises BuildFailed."""
        result = build(self.options, self.cache)
        self.rendered = result.rendered
        files = dict(result.files)
        for route, source in result.copies.items():
            files[route] = source.read_bytes()
        written = sync_folder(self.out, files, self.previous)
        self.previous = files
        return written
