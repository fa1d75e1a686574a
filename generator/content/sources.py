"""Reading content files: bytes to normalised text, and front matter split from body.

Authors' editors save BOMs, CRLF line endings and the odd broken byte; this is
the one place that turns whatever is on disk into clean text or a located error.
"""

from __future__ import annotations

import hashlib
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from generator.content.yamlsource import Located, load_located
from generator.core.diagnostics import Diagnostics, Location

DEFAULT_MAX_FILE_BYTES = 1_000_000
DEFAULT_MAX_FRONT_MATTER_BYTES = 64_000
_FENCE = re.compile(r"^---[ \t]*$")
_CLOSE = re.compile(r"^(---|\.\.\.)[ \t]*$")


@dataclass(frozen=True, slots=True)
class Limits:
    """Size bounds that keep a hostile file from exhausting the build."""

    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    max_front_matter_bytes: int = DEFAULT_MAX_FRONT_MATTER_BYTES


@dataclass(frozen=True, slots=True)
class Document:
    """A Markdown file split in two: located front matter and the body below it."""

    path: str
    meta: Located
    body: str
    body_line: int  # 1-based line of the body's first line in the file
    digest: str = ""  # of the whole file's text: identical files parse identically


def text_digest(*parts: str) -> str:
    """A short stable hash: the key under which parsed results are reused."""
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(part.encode("utf-8", "surrogatepass"))
        hasher.update(b"\0")
    return hasher.hexdigest()


def _real_folder(folder: Path) -> Path:
    """A folder with every link resolved, asked once per file and so kept for one build."""
    key = str(folder)
    if key not in _REAL_FOLDERS:
        _REAL_FOLDERS[key] = folder.resolve()
    return _REAL_FOLDERS[key]


def forget_folders() -> None:
    """Start a build: links may have changed since the last one (the preview runs on)."""
    _REAL_FOLDERS.clear()


_REAL_FOLDERS: dict[str, Path] = {}


def read_text(
    file: Path, rel: str, diagnostics: Diagnostics, limits: Limits, inside: Path
) -> str | None:
    """The file's text with BOM removed and line endings as ``\\n``, or None on error.

    ``inside`` is the folder the file must really live in: a symbolic link that
    leads out of it is refused, so content can never read other files.
    """
    try:
        link = stat.S_ISLNK(file.lstat().st_mode)
        real = file.resolve() if link else _real_folder(file.parent) / file.name
        if not real.is_relative_to(_real_folder(inside)):
            diagnostics.error(
                Location(rel), "links to a file outside content/", hint="copy the file in instead"
            )
            return None
        status = file.stat()
        if not stat.S_ISREG(status.st_mode):
            diagnostics.error(Location(rel), "not a regular file")
            return None
        size = status.st_size
        if size > limits.max_file_bytes:
            diagnostics.error(
                Location(rel),
                f"file is {size} bytes, over the limit of {limits.max_file_bytes}",
                hint="split it, or raise limits.max_file_bytes in site.yaml",
            )
            return None
        raw = file.read_bytes()
    except OSError as exc:
        diagnostics.error(Location(rel), f"cannot read file: {exc.strerror or exc}")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        diagnostics.error(
            Location(rel, line, column),
            f"invalid UTF-8 (byte 0x{raw[exc.start]:02x})",
            hint="save the file as UTF-8",
        )
        return None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def split_document(
    text: str, rel: str, diagnostics: Diagnostics, limits: Limits
) -> Document | None:
    """Split ``---`` front matter from the Markdown body; None (and an error) if malformed."""
    if not text.strip():
        diagnostics.error(
            Location(rel), "file is empty", hint="start with '---', the fields, '---'"
        )
        return None
    lines = text.split("\n")
    if not _FENCE.match(lines[0]):
        diagnostics.error(
            Location(rel),
            "missing front matter",
            hint="the file must start with a line '---', then the fields, then '---'",
        )
        return None
    closing = next((i for i in range(1, len(lines)) if _CLOSE.match(lines[i])), None)
    if closing is None:
        diagnostics.error(
            Location(rel),
            "front matter opened with '---' on line 1 is never closed",
            hint="add a line '---' after the last field",
        )
        return None
    yaml_text = "\n".join(lines[1:closing])
    if len(yaml_text.encode()) > limits.max_front_matter_bytes:
        diagnostics.error(
            Location(rel, 2),
            f"front matter is over the limit of {limits.max_front_matter_bytes} bytes",
            hint="move long text into the body",
        )
        return None
    meta = load_located(yaml_text, rel, diagnostics, line_offset=1)
    if meta is None:
        return None
    if not isinstance(meta.data, dict):
        diagnostics.error(
            Location(rel, 2),
            "front matter must be a mapping of fields",
            hint="write one 'field: value' per line between the '---' lines",
        )
        return None
    body = "\n".join(lines[closing + 1 :])
    return Document(rel, meta, body, closing + 2, text_digest(rel, text))
