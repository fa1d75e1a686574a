"""``guide check --stdin PATH``: validate one unsaved editor buffer exactly as the build would.

The VS Code extension in ``tools/vscode-guide`` pipes the text an author is
typing into this command at every pause, so its red squiggles are the build's
own diagnostics (YAML, JSON Schema, cross-references against the rest of the
project, lints) rather than a second validator that could disagree.

The buffer is checked on an overlay: ``content/`` is mirrored into a temporary
folder (hard links where possible, copies otherwise, so nothing is written into
the project) with the one file replaced by the buffer, and the ordinary
:func:`~generator.build.build` runs there with ``write=False``. The loader
refuses symbolic links that lead out of ``content/``, which is why the mirror
is made of real files. Only the problems of that one file are reported.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

from generator.build import BuildOptions, build
from generator.core.diagnostics import BuildFailed, Diagnostic, Diagnostics, Location, Severity
from generator.core.urls import InvalidBaseUrl

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
FORMATS = ("text", "json")


class BufferRefused(ValueError):
    """The ``--stdin`` path cannot be checked (outside ``content/``, a folder, ...)."""


def buffer_path(root: Path, path: str) -> str:
    """The project-relative POSIX path of ``path`` (absolute, or relative to ``root``).

    It must name a file inside ``content/``: only content is validated, and the
    overlay must never be asked to replace anything else.
    """
    given = Path(path)
    candidate = Path(os.path.normpath(given if given.is_absolute() else root / given))
    rel: Path | None = None
    for base, full in (
        (root, candidate),
        (root.resolve(), candidate.parent.resolve() / candidate.name),
    ):
        try:
            rel = full.relative_to(base)
            break
        except ValueError:
            continue
    if rel is None or len(rel.parts) < 2 or rel.parts[0] != "content":
        raise BufferRefused(f"{path} is not a file inside {root / 'content'}")
    if candidate.is_dir():
        raise BufferRefused(f"{path} is a folder, not a file")
    return rel.as_posix()


def _link_or_copy(source: str, target: str) -> None:
    """Mirror one file cheaply: a hard link when the file system allows it, else a copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _overlay(root: Path, rel: str, data: bytes, folder: Path) -> Path:
    """A project in ``folder`` that reads like ``root`` except that ``rel`` holds ``data``."""
    shadow = folder / "project"
    shutil.copytree(
        root / "content", shadow / "content", symlinks=True, copy_function=_link_or_copy
    )
    target = shadow / rel
    if not target.parent.resolve().is_relative_to((shadow / "content").resolve()):
        # A linked folder: writing there would write into the author's files.
        raise BufferRefused(
            f"{rel} is in a folder that links out of content/ (the build refuses it)"
        )
    if target.is_symlink() or target.exists():
        target.unlink()  # a hard link: writing through it would change the author's file
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    templates = root / "templates"
    if templates.is_dir():  # read-only use by the renderer; content is what must be real
        (shadow / "templates").symlink_to(templates.resolve(), target_is_directory=True)
    return shadow


def _run_build(root: Path, drafts: bool, strict: bool, render: bool = True) -> Diagnostics:
    """Every problem the build finds in the project at ``root``, written nowhere.

    A buffer's check skips drawing pages: that can only find template errors,
    which are never the buffer's, and it is most of the time a check takes.
    """
    options = BuildOptions(
        root=root,
        out=root / "site",
        drafts=drafts,
        strict=strict,
        write=False,
        search=False,
        render=render,
    )
    try:
        return build(options).diagnostics
    except BuildFailed as failed:
        return failed.diagnostics
    except InvalidBaseUrl as exc:
        found = Diagnostics()
        found.error(Location("content/site.yaml"), f"base_url: {exc}")
        return found


def check_buffer(
    root: Path, rel: str, data: bytes, drafts: bool = False, strict: bool = False
) -> list[Diagnostic]:
    """The problems of ``rel`` if it held ``data``, against the rest of the project on disk."""
    with tempfile.TemporaryDirectory(prefix="guide-check-") as folder:
        shadow = _overlay(root, rel, data, Path(folder))
        found = _run_build(shadow, drafts, strict, render=False)
    return [d for d in found.sorted() if d.location.path == rel]


def check_project(root: Path, drafts: bool = False, strict: bool = False) -> list[Diagnostic]:
    """Every problem in the project as it is on disk (``guide check --format json``)."""
    return _run_build(root, drafts, strict).sorted()


def as_json(diagnostic: Diagnostic, lines: list[str] | None = None) -> dict[str, Any]:
    """The editor's contract: 1-based line and column, as in ``path:line:col`` messages,
    the column just past what to underline (``end_column``), and the lint's rule id
    (null for errors that are not lints)."""
    where = diagnostic.location
    return {
        "path": where.path,
        "line": where.line,
        "column": where.column,
        "end_column": end_column(lines or [], where.line, where.column),
        "severity": diagnostic.severity.value,
        "message": diagnostic.message,
        "hint": diagnostic.hint,
        "rule": diagnostic.rule or None,
    }


_WORD = re.compile(r"[\w-]+")


def end_column(lines: list[str], line: int, column: int) -> int:
    """Just past what a problem at ``line:column`` is about: a whole ``[[...]]``
    reference, else the word there, else the rest of the line."""
    text = lines[line - 1].rstrip() if 0 < line <= len(lines) else ""
    start = min(column - 1, len(text))
    if text.startswith(("[[", "![["), start):
        close = text.find("]]", start)
        return (close + 2 if close >= 0 else len(text)) + 1
    word = _WORD.match(text, start)
    return (word.end() if word and word.end() > start else max(len(text), start)) + 1


def _fails(diagnostics: list[Diagnostic], strict: bool) -> bool:
    return any(d.severity is Severity.ERROR or strict for d in diagnostics)


def _lines(root: Path, path: str, buffer: tuple[str, bytes] | None) -> list[str]:
    """The lines of a reported file: the editor's buffer for its own file, else the disk's."""
    if buffer is not None and buffer[0] == path:
        return buffer[1].decode("utf-8", "replace").splitlines()
    try:
        return (root / path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []


def _print(
    diagnostics: list[Diagnostic], fmt: str, root: Path, buffer: tuple[str, bytes] | None = None
) -> None:
    if fmt == "json":
        texts = {p: _lines(root, p, buffer) for p in {d.location.path for d in diagnostics}}
        found = [as_json(d, texts[d.location.path]) for d in diagnostics]
        print(json.dumps(found))  # ASCII: safe in any locale
        return
    for diagnostic in diagnostics:
        print(diagnostic.format(), file=sys.stderr)
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    if diagnostics:
        print(f"{errors} error(s), {len(diagnostics) - errors} warning(s)", file=sys.stderr)
    else:
        print("no problems")


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


@contextmanager
def terminable() -> Iterator[None]:
    """Turn SIGTERM into ``SystemExit`` so a check the editor cancels still removes its copy.

    The editor stops a stale check when the author types on; Python's default
    SIGTERM would skip the ``finally`` that deletes the temporary folder.
    """
    try:
        previous = signal.signal(signal.SIGTERM, _terminate)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run(root: Path, path: str | None, fmt: str, drafts: bool, strict: bool) -> int:
    """The ``check --stdin`` / ``check --format`` command; returns the exit code."""
    buffer = None
    if path is None:
        diagnostics = check_project(root, drafts, strict)
    else:
        try:
            rel = buffer_path(root, path)
        except BufferRefused as exc:
            print(f"guide: {exc}", file=sys.stderr)
            return EXIT_USAGE
        data = sys.stdin.buffer.read()
        try:
            with terminable():
                diagnostics = check_buffer(root, rel, data, drafts, strict)
            buffer = (rel, data)
        except BufferRefused as exc:
            print(f"guide: {exc}", file=sys.stderr)
            return EXIT_USAGE
        except OSError as exc:
            print(f"guide: cannot check {rel}: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_USAGE
    _print(diagnostics, fmt, root, buffer)
    return EXIT_CONTENT if _fails(diagnostics, strict) else EXIT_OK
