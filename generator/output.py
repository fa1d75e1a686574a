"""Atomic output: a build is written beside ``site/`` and swapped in only when complete.

Readers of the folder (a dev server, a deploy step) see either the old site or
the new one, never a mixture, and a build that fails or is killed leaves the
previous site exactly as it was.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

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


def _swap_in(staged: Path, out: Path) -> None:
    if not out.exists():
        staged.rename(out)
        return
    if _exchange(staged, out):
        shutil.rmtree(staged)  # now holds the previous site
        return
    previous = out.with_name(f".{out.name}-previous")
    shutil.rmtree(previous, ignore_errors=True)
    out.rename(previous)
    staged.rename(out)
    shutil.rmtree(previous)


def write_site(
    out: Path,
    files: Mapping[str, bytes],
    copies: Mapping[str, Path],
    finish: Callable[[Path], None] | None = None,
) -> None:
    """Write ``files`` (route -> bytes) and ``copies`` (route -> source file) as ``out``.

    ``finish`` runs on the complete staged folder before the swap (search indexing),
    so what it adds is swapped in with the pages, or not at all.
    """
    out = out.absolute()
    out.parent.mkdir(parents=True, exist_ok=True)
    for stale in out.parent.glob(f".{out.name}-build-*"):
        shutil.rmtree(stale, ignore_errors=True)  # left by a build that was killed
    staged = Path(tempfile.mkdtemp(prefix=f".{out.name}-build-", dir=out.parent))
    try:
        staged.chmod(0o755)
        for route in sorted(files):
            target = _safe_target(staged, route)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(files[route])
        for route in sorted(copies):
            target = _safe_target(staged, route)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(copies[route], target)
        if finish is not None:
            finish(staged)
        _swap_in(staged, out)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
