"""Atomic output: a build is written beside ``site/`` and swapped in only when complete.

Readers of the folder (a dev server, a deploy step) see either the old site or
the new one, never a mixture, and a build that fails or is killed leaves the
previous site exactly as it was.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import os
import shutil
import sys
import tempfile
from functools import partial
from pathlib import Path

from generator.core.parallel import map_forked

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


class UnsafeOutput(Exception):
    """The output folder would overwrite the project itself."""


def check_output_dir(out: Path, root: Path, protected: tuple[str, ...]) -> None:
    """Refuse an output folder that is the project, contains it, or is one of its sources."""
    out, root = out.resolve(), root.resolve()
    if root.is_relative_to(out):
        raise UnsafeOutput(f"output folder {out} contains the project; choose e.g. {root / 'site'}")
    for name in protected:
        if out.is_relative_to(root / name):
            raise UnsafeOutput(f"output folder {out} is inside the project's {name}/ folder")


def _safe_target(folder: Path, route: str) -> Path:
    """Where ``route`` is written inside ``folder``; a route that would escape it is refused."""
    target = Path(os.path.normpath(folder / route))
    if route.startswith("/") or not target.is_relative_to(folder):
        raise UnsafeOutput(f"refusing to write outside the output folder: {route!r}")
    return target


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2); False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(result == 0)


def _swap_in(staged: Path, out: Path) -> Path | None:
    """Put ``staged`` in place of ``out``; returns the folder now holding the previous site."""
    if not out.exists():
        staged.rename(out)
        return None
    if _exchange(staged, out):
        return staged  # now holds the previous site
    previous = out.with_name(f".{out.name}-previous")
    shutil.rmtree(previous, ignore_errors=True)
    out.rename(previous)
    staged.rename(out)
    return previous


def remove_tree(folder: Path, jobs: int = 1) -> None:
    """Delete a site folder, its page folders spread over ``jobs`` processes.

    A big site has a folder per page, and removing thousands of them one by one
    is a visible part of a rebuild.
    """
    pages = [
        entry
        for top in sorted(folder.iterdir())
        if top.is_dir() and not top.is_symlink()
        for entry in sorted(top.iterdir())
        if entry.is_dir() and not entry.is_symlink()
    ]
    map_forked(partial(shutil.rmtree, ignore_errors=True), pages, jobs)
    shutil.rmtree(folder)


def file_digest(data: bytes) -> str:
    """The digest under which an output file is remembered between builds."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class StagedSite:
    """A new site being written beside ``out``, swapped in whole by :meth:`publish`.

    Files can be written, copied, or taken over from the current ``out`` when
    they still hold the bytes the last build wrote there (a hard link, so an
    unchanged page costs a read and a link, not a render and a write).
    """

    def __init__(self, out: Path) -> None:
        self.out = out.absolute()
        self.out.parent.mkdir(parents=True, exist_ok=True)
        for stale in self.out.parent.glob(f".{self.out.name}-build-*"):
            shutil.rmtree(stale, ignore_errors=True)  # left by a build that was killed
        self.folder = Path(tempfile.mkdtemp(prefix=f".{self.out.name}-build-", dir=out.parent))
        self.folder.chmod(0o755)

    def _target(self, route: str) -> Path:
        target = _safe_target(self.folder, route)
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def write(self, route: str, data: bytes) -> None:
        self._target(route).write_bytes(data)

    def copy(self, route: str, source: Path) -> None:
        shutil.copyfile(source, self._target(route))

    def reuse(self, route: str, digest: str) -> bool:
        """Take ``route`` over from the current site if it still holds exactly ``digest``."""
        if not self._holds(route, digest):
            return False
        previous = _safe_target(self.out, route)
        try:
            target = self._target(route)
            try:
                os.link(previous, target)
            except OSError:  # a file system without hard links
                shutil.copyfile(previous, target)
        except OSError:
            return False
        return True

    def previous_holds(self, files: dict[str, str], jobs: int = 1) -> bool:
        """Does the current ``out`` hold exactly ``files`` (route -> digest), nothing else?"""
        found: list[str] = []
        for folder, dirs, names in os.walk(self.out):
            for name in [*dirs, *names]:
                path = Path(folder, name)
                if path.is_symlink() or not (path.is_dir() or path.is_file()):
                    return False
            found += [Path(folder, name).relative_to(self.out).as_posix() for name in names]
        if sorted(found) != sorted(files):
            return False
        return all(map_forked(lambda route: self._holds(route, files[route]), found, jobs))

    def _holds(self, route: str, digest: str) -> bool:
        """Is ``route`` in the current ``out`` a real file with exactly ``digest``?"""
        previous = _safe_target(self.out, route)
        try:
            return not previous.is_symlink() and file_digest(previous.read_bytes()) == digest
        except OSError:
            return False

    def __enter__(self) -> StagedSite:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_rest: object) -> None:
        """A build that fails or is interrupted leaves nothing staged behind."""
        if kind is not None:
            self.discard()

    def publish(self, jobs: int = 1) -> None:
        """Swap the staged folder in as ``out``, atomically where the platform allows."""
        previous = _swap_in(self.folder, self.out)
        if previous is not None:
            remove_tree(previous, jobs)

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
