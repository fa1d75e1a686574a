"""The persistent build cache: what one ``guide build`` leaves for the next.

It lives in ``.cache/build/`` (git-ignored; CI may restore it between runs)
and holds the parsed files and plans (:class:`~generator.core.cache.BuildCache`,
whose keys are digests of their inputs) and a manifest of the files the last
build wrote: for each page its fingerprint and the digest of its bytes, so an
unchanged page is taken over from ``site/`` instead of being drawn again.

Nothing in it is trusted blindly. The file starts with a digest of the
generator's own code, the versions of the libraries that shape the output and
the cache format: any difference and the whole cache is ignored. The payload
carries a checksum, so a truncated or damaged file is ignored too. Entries are
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
from pathlib import Path

from generator.core.cache import BuildCache
from generator.core.collector import collector_paused

FORMAT = 2  # 2: the search index in shards
CACHE_FOLDER = Path(".cache") / "build"
MAGIC = b"guide-build-cache\n"
CHECKSUM_LENGTH = 8
LIBRARIES = ("markdown-it-py", "mdit-py-plugins", "jinja2", "pyyaml", "jsonschema", "pagefind")

Manifest = dict[str, tuple[str, str]]  # output file -> (page fingerprint, digest of its bytes)


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
            state = pickle.loads(payload)
    except Exception:  # a damaged pickle can raise almost anything
        return BuildState(), "build cache damaged; rebuilt"
    if not isinstance(state, BuildState):
        return BuildState(), "build cache damaged; rebuilt"
    return state, ""


def save_state(root: Path, state: BuildState, name: str = STATE) -> None:
    """Write the state atomically, so a killed build never leaves half a cache."""
    folder = root / CACHE_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    with collector_paused():
        payload = pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL)
    header = MAGIC + generator_fingerprint() + b"\n" + payload_checksum(payload)
    handle, temporary = tempfile.mkstemp(prefix=".state-", dir=folder)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(header)
            file.write(payload)
        Path(temporary).replace(folder / name)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
