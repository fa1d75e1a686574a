"""The persistent build cache: what one ``guide build`` leaves for the next.

It lives in ``.cache/build/`` (git-ignored; CI may restore it between runs)
and holds the parsed files and plans (:class:`~generator.core.cache.BuildCache`,
whose keys are digests of their inputs) and a manifest of the files the last
build wrote: for each page its fingerprint and the digest of its bytes, so an
unchanged page is taken over from ``site/`` instead of being drawn again.

Nothing in it is trusted blindly. The file starts with a digest of the
generator's own code, the versions of the libraries that shape the output and
the cache format: any difference and the whole cache is ignored. The payload
carries a checksum, so a truncated or damaged file is ignored too. The cached
entries are kept in parts (parsed files and drawn pages spread over
:data:`PARTS` files by path, the plans in one), each with its own checksum, so
a build after one edit rewrites one part instead of the whole cache. Entries are
found only under the digest of their inputs, and a page is taken over only if
the file in ``site/`` still holds exactly the bytes recorded for it. A cache is
as trusted as the project's other files (like ``__pycache__``): it is a pickle.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import pickle
import sys
import tempfile
import zlib
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from generator.core.cache import BuildCache
from generator.core.collector import collector_paused
from generator.core.parallel import map_forked

FORMAT = 3  # 2: the search index in shards; 3: the cache in parts
CACHE_FOLDER = Path(".cache") / "build"
MAGIC = b"guide-build-cache\n"
CHECKSUM_LENGTH = 8
LIBRARIES = ("markdown-it-py", "mdit-py-plugins", "jinja2", "pyyaml", "jsonschema", "pagefind")

Manifest = dict[str, tuple[str, str]]  # output file -> (page fingerprint, digest of its bytes)


PARTS = 16  # files the parsed files (and the preview's pages) are spread over, by path
MEMOS = ("documents", "plans", "pages")  # the BuildCache memos that are saved
Part = dict[Any, Any]  # some entries of one memo
PartRef = tuple[str, bytes]  # a part's file name and checksum

SHARD_LIST = "pagefind/shards.json"  # which shard folders search.js merges


@dataclass(frozen=True)
class Shard:
    """One Pagefind index of a share of the pages, and the files it wrote."""

    pages: str  # digest of its pages' (file, digest) pairs and of the site's words
    files: dict[str, str]  # pagefind/... -> digest
    own: str = ""  # digest of its pages' (file, digest) pairs alone
    words: dict[str, frozenset[str]] = field(default_factory=dict)  # its pages' words by language


@dataclass
class SearchIndex:
    """The search index the last build wrote, and the searchable pages it was made from."""

    pages: str = ""  # digest of every searchable page's (file, digest) pair
    shards: tuple[Shard, ...] = ()
    listing: str = ""  # digest of SHARD_LIST

    @property
    def files(self) -> dict[str, str]:
        """Every file of the index: each shard's, and the list of shards."""
        files = {SHARD_LIST: self.listing} if self.shards else {}
        for shard in self.shards:
            files |= shard.files
        return files


@dataclass
class BuildState:
    """Everything a build hands on to the next one."""

    cache: BuildCache = field(default_factory=BuildCache)
    out: str = ""  # the output folder the manifest describes
    pages: Manifest = field(default_factory=dict)
    search: SearchIndex = field(default_factory=SearchIndex)
    parts: dict[str, tuple[PartRef, Part]] = field(default_factory=dict)  # as loaded

    def same_as(self, before: BuildState) -> bool:
        """Would saving this state change nothing? (A build that reused everything.)

        ``before`` is the state this build started from; its cache has since
        moved what it loaded to ``previous``, so equal keys mean nothing new.
        """
        return (
            self.out == before.out
            and self.pages == before.pages
            and self.search == before.search
            and self.cache.documents.current.keys() == before.cache.documents.previous.keys()
            and self.cache.plans.current.keys() == before.cache.plans.previous.keys()
        )


GENERATOR_SOURCE = Path(__file__).resolve().parents[1]  # all of generator/, not just publish/


def generator_sources() -> list[Path]:
    """Every module of the generator: a change to any of them may change what a build makes."""
    return sorted(GENERATOR_SOURCE.rglob("*.py"))


def generator_fingerprint() -> bytes:
    """Digest of the generator's source, its library versions and the cache format."""
    hasher = hashlib.blake2b(digest_size=16)
    hasher.update(f"{FORMAT} {sys.version}".encode())
    package = GENERATOR_SOURCE
    for path in generator_sources():
        hasher.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    for name in LIBRARIES:
        try:
            hasher.update(f"{name}={importlib.metadata.version(name)}".encode())
        except importlib.metadata.PackageNotFoundError:
            hasher.update(f"{name}=none".encode())
    return hasher.hexdigest().encode()


def payload_checksum(payload: bytes) -> bytes:
    """CRC-32 of the pickle, as 8 hex digits: it catches a truncated or damaged file.

    Not a defence against tampering (see the module docstring), so the fastest
    check that catches damage: about 4x faster than blake2b on a 64 MB cache.
    """
    return b"%08x" % zlib.crc32(payload)


STATE = "state.pickle"  # guide build's
PREVIEW_STATE = "preview.pickle"  # guide serve's: its pages too, drawn for the preview


def load_state(root: Path, name: str = STATE) -> tuple[BuildState, str]:
    """The state the last build saved, or a fresh one and why a saved one was not used."""
    path = root / CACHE_FOLDER / name
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return BuildState(), ""
    except OSError as exc:
        return BuildState(), f"build cache unreadable ({exc.strerror})"
    header = MAGIC + generator_fingerprint() + b"\n"
    if not data.startswith(header):
        return BuildState(), "build cache made by another version of the generator; rebuilt"
    end = len(header) + CHECKSUM_LENGTH
    checksum, payload = data[len(header) : end], data[end:]
    if payload_checksum(payload) != checksum:
        return BuildState(), "build cache damaged; rebuilt"
    try:
        with collector_paused():
            state = _unpickle_state(payload, _parts_folder(root, name))
    except Exception:  # a damaged pickle or part can raise almost anything
        return BuildState(), "build cache damaged; rebuilt"
    return state, ""


def _unpickle_state(payload: bytes, folder: Path) -> BuildState:
    """The manifest, then every part it names, each checked against its checksum."""
    out, pages, search, refs = pickle.loads(payload)
    if not isinstance(out, str) or not isinstance(pages, dict):
        raise TypeError("not a build state")
    if not isinstance(search, SearchIndex) or not isinstance(refs, dict):
        raise TypeError("not a build state")
    cache, parts = BuildCache(), {}
    for part_name, (file, checksum) in sorted(refs.items()):
        data = (folder / file).read_bytes()
        if payload_checksum(data) != checksum:
            raise ValueError(f"part {file} damaged")
        entries = pickle.loads(data)
        memo = part_name.rsplit("-", 1)[0]
        if memo not in MEMOS or not isinstance(entries, dict):
            raise TypeError(f"part {file} is not a part")
        getattr(cache, memo).current.update(entries)
        parts[part_name] = ((file, checksum), entries)
    return BuildState(cache, out, pages, search, parts)


def _parts_folder(root: Path, name: str) -> Path:
    return root / CACHE_FOLDER / f"{Path(name).stem}-parts"


def _slot(key: Any) -> int:
    """Parsed files and drawn pages are keyed by (path or route, ...): one part per path."""
    if isinstance(key, tuple) and key and isinstance(key[0], str):
        return zlib.crc32(key[0].encode()) % PARTS
    return 0


def _partition(cache: BuildCache) -> dict[str, Part]:
    """The cache's entries by part name (``documents-3``, ``plans-0``, ``pages-12``)."""
    parts: dict[str, Part] = {}
    for memo in MEMOS:
        for key, value in getattr(cache, memo).current.items():
            parts.setdefault(f"{memo}-{_slot(key)}", {})[key] = value
    return parts


def _unchanged(part: Part, loaded: Part) -> bool:
    """The same entries as loaded: the same keys, and each the very object unpickled."""
    return part.keys() == loaded.keys() and all(part[k] is loaded[k] for k in part)


def save_state(
    root: Path,
    state: BuildState,
    name: str = STATE,
    before: BuildState | None = None,
    jobs: int = 1,
) -> None:
    """Write the state atomically, so a killed build never leaves half a cache.

    A part whose entries are those ``before`` loaded keeps its file; the others
    are written as new files (named by their checksum), then the manifest that
    names them replaces the old one, then files no manifest names are removed.
    Parts are pickled ``jobs`` at a time.
    """
    folder = root / CACHE_FOLDER
    parts_folder = _parts_folder(root, name)
    parts_folder.mkdir(parents=True, exist_ok=True)
    loaded = before.parts if before else {}
    refs: dict[str, PartRef] = {}
    with collector_paused():
        changed: list[tuple[str, Part]] = []
        for part_name, entries in sorted(_partition(state.cache).items()):
            if part_name in loaded and _unchanged(entries, loaded[part_name][1]):
                refs[part_name] = loaded[part_name][0]
            else:
                changed.append((part_name, entries))
        written = map_forked(partial(_write_part, parts_folder), changed, jobs, per_job=2)
        refs.update(zip((part_name for part_name, _entries in changed), written, strict=True))
        manifest = (state.out, state.pages, state.search, refs)
        payload = pickle.dumps(manifest, protocol=pickle.HIGHEST_PROTOCOL)
    header = MAGIC + generator_fingerprint() + b"\n" + payload_checksum(payload)
    _write_atomically(folder / name, header, payload)
    named = {file for file, _checksum in refs.values()}
    for stale in parts_folder.iterdir():
        if stale.name not in named:
            stale.unlink(missing_ok=True)


def _write_part(folder: Path, part: tuple[str, Part]) -> PartRef:
    """Pickle one part into a new file named by its checksum (in a worker, when forked)."""
    part_name, entries = part
    data = pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL)
    checksum = payload_checksum(data)
    file = f"{part_name}-{checksum.decode()}-{len(data)}.pickle"
    _write_atomically(folder / file, b"", data)
    return file, checksum


def _write_atomically(path: Path, header: bytes, payload: bytes) -> None:
    handle, temporary = tempfile.mkstemp(prefix=".state-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(header)
            file.write(payload)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
