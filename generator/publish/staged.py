"""Atomic output: a build is written beside ``site/`` and swapped in only when complete.

Readers of the folder (a dev server, a deploy step) see either the old site or
the new one, never a mixture, and a build that fails or is killed leaves the
previous site exactly as it was.

The folder swapped out is not deleted: it is kept beside ``site/`` as the spare
(``.site-spare``), and the next build is staged in it, so that a small edit
rewrites a few files instead of linking thousands into a new folder and deleting
thousands from the old one. Nothing in the spare is trusted: a file in it is kept
only when it holds exactly the bytes this build wants, every other file is
replaced or removed before the swap.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import hashlib
import os
import shutil
import sys
import tempfile
from collections.abc import Iterable
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


def file_digest(data: bytes) -> str:
    """The digest under which an output file is remembered between builds."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class StagedSite:
    """A new site being written beside ``out``, swapped in whole by :meth:`publish`.

    It starts as the spare (the site before the current one) when there is one.
    Files are written, copied, kept because the spare already holds their bytes,
    or taken over from the current ``out`` when that holds them (a hard link, so
    an unchanged page costs a read, not a render and a write). A file is never
    changed in place: the spare shares most files with ``out`` through hard links.
    """

    def __init__(self, out: Path) -> None:
        self.out = out.absolute()
        self.out.parent.mkdir(parents=True, exist_ok=True)
        for stale in self.out.parent.glob(f".{self.out.name}-build-*"):
            shutil.rmtree(stale, ignore_errors=True)  # left by a build that was killed
        self.folder = Path(tempfile.mkdtemp(prefix=f".{self.out.name}-build-", dir=out.parent))
        self.folder.chmod(0o755)
        adopted = _adopt(self.spare, self.folder)
        self.from_spare = adopted is not None
        self._spare_files = adopted or set()  # what the spare held: strays unless rewritten

    @property
    def spare(self) -> Path:
        """Where the site before the current one is kept between builds."""
        return self.beside("spare")

    def beside(self, purpose: str) -> Path:
        """A folder the build keeps next to ``out`` (``.site-spare``, ``.site-search``)."""
        return self.out.with_name(f".{self.out.name}-{purpose}")

    def _target(self, route: str) -> Path:
        target = _safe_target(self.folder, route)
        if self.from_spare:  # never write through a link the current site shares
            if target.is_dir() and not target.is_symlink():
                shutil.rmtree(target)
            else:
                with contextlib.suppress(FileNotFoundError, NotADirectoryError):
                    target.unlink()
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except (FileExistsError, NotADirectoryError):  # the spare has a file where a folder goes
            for folder in reversed(target.relative_to(self.folder).parents):
                blocking = self.folder / folder
                if blocking.is_symlink() or blocking.is_file():
                    blocking.unlink()
            target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def write(self, route: str, data: bytes) -> None:
        self._target(route).write_bytes(data)

    def copy(self, route: str, source: Path) -> None:
        shutil.copyfile(source, self._target(route))

    def reuse(self, route: str, digest: str) -> bool:
        """Keep ``route`` if the spare holds exactly ``digest``, else take it over from the
        current site if that does; False when neither holds it."""
        if self.from_spare and holds_digest(_safe_target(self.folder, route), digest):
            return True
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
        found = plain_files(self.out)
        if found is None or sorted(found) != sorted(files):
            return False
        return all(map_forked(lambda route: self._holds(route, files[route]), found, jobs))

    def _holds(self, route: str, digest: str) -> bool:
        """Is ``route`` in the current ``out`` a real file with exactly ``digest``?"""
        return holds_digest(_safe_target(self.out, route), digest)

    def __enter__(self) -> StagedSite:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_rest: object) -> None:
        """A build that fails or is interrupted leaves nothing staged behind."""
        if kind is not None:
            self.discard()

    def publish(self, files: Iterable[str]) -> None:
        """Remove what the spare held beyond ``files`` (every file of this build), then
        swap the staged folder in as ``out``, atomically where the platform allows; the
        site swapped out becomes the spare."""
        remove_strays(self.folder, self._spare_files - set(files))
        previous = _swap_in(self.folder, self.out)
        if previous is not None:
            _keep_as_spare(previous, self.spare)

    def keep(self) -> None:
        """Nothing is published (the current site already is this build): the spare, if
        the staged folder was one and is untouched, stays the spare."""
        if self.from_spare:
            _keep_as_spare(self.folder, self.spare)
        else:
            self.discard()

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _adopt(spare: Path, folder: Path) -> set[str] | None:
    """Move the spare into the (empty) staging folder and list its files; None when there is
    no spare to use. A spare holding anything but plain files and folders is not used: a
    link inside it could lead a write anywhere."""
    if not spare.is_dir() or spare.is_symlink():
        return None
    try:
        spare.rename(folder)  # onto an empty folder: replaces it
        files = plain_files(folder)
    except OSError:
        files = None
    if files is None:
        shutil.rmtree(folder, ignore_errors=True)  # never follows links
        shutil.rmtree(spare, ignore_errors=True)
        folder.mkdir(mode=0o755)
        return None
    return set(files)


def _keep_as_spare(folder: Path, spare: Path) -> None:
    if spare.exists():
        shutil.rmtree(spare, ignore_errors=True)
    try:
        folder.rename(spare)
    except OSError:  # not kept: the next build stages from nothing
        shutil.rmtree(folder, ignore_errors=True)


def holds_digest(path: Path, digest: str) -> bool:
    """Is ``path`` a real file with exactly ``digest``?"""
    try:
        return not path.is_symlink() and file_digest(path.read_bytes()) == digest
    except OSError:
        return False


def plain_files(folder: Path) -> list[str] | None:
    """Every file below ``folder`` by route; None if anything there is a link or neither a
    file nor a folder."""
    found: list[str] = []
    pending = [(folder, "")]
    while pending:
        path, prefix = pending.pop()
        with os.scandir(path) as entries:
            for entry in entries:
                if entry.is_symlink():
                    return None
                if entry.is_dir(follow_symlinks=False):
                    pending.append((Path(entry.path), f"{prefix}{entry.name}/"))
                elif entry.is_file(follow_symlinks=False):
                    found.append(prefix + entry.name)
                else:
                    return None
    return found


def remove_strays(folder: Path, strays: set[str]) -> None:
    """Delete files the spare held that this build does not have, and folders left empty."""
    emptied: set[Path] = set()
    for route in strays:
        path = folder / route
        try:
            path.unlink()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):  # rewritten otherwise
            continue
        emptied.update(path.relative_to(folder).parents)
    for parent in sorted(emptied, key=lambda p: len(p.parts), reverse=True):
        if parent.parts:
            with contextlib.suppress(OSError):  # not empty: it holds files of this build
                (folder / parent).rmdir()
