"""Full-text search: Pagefind indexes the finished pages in shards, re-indexing only what changed.

Pagefind (PyPI ``pagefind[bin]``, a maintained Rust indexer) is used instead of a
hand-made index because it splits the index into small fragments that a phone
loads on demand, handles stemming, and ranks results; the browser side is its
own ``pagefind.js`` loaded by our small ``search.js``.

Pagefind has no incremental mode: one changed page rewrites most of its index.
So a large site is split into shards by a stable rule (a hash of each page's
path, see :func:`shard_of`), each shard its own Pagefind index, merged in the
browser with Pagefind's ``mergeIndex``. A build re-indexes only the shards whose
pages changed and takes the others over byte for byte. Only searchable pages
(``data-pagefind-body``) are given to Pagefind, so it never parses a page it
would skip. The real guide (a few hundred searchable pages) is one shard.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import importlib
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

from generator.core.parallel import map_forked
from generator.publish.staged import file_digest, holds_digest, plain_files, remove_strays
from generator.publish.store import SHARD_LIST, SearchIndex, Shard
from generator.render.dependencies import digest

# Pages per shard. Pagefind takes about 1.3 ms a page (its binary, started
# directly, a few ms more), so a shard re-indexes in well under a second after an
# edit; a search loads one small entry file per shard, so 5,000 pages (16
# shards) stay light on a phone.
SHARD_PAGES = 500
SHARDS_PER_JOB = 4  # reading a shard's words takes about 50 ms: worth a process from 4 shards
INDEX = "pagefind"  # shard 0 is here, with pagefind.js; shard k in pagefind/shard-k/

VOCABULARY = "pagefind-vocabulary"  # the vocabulary page's folder in every shard (never shown)
HIDDEN = "hidden:vocabulary"  # its Pagefind filter: search.js searches with {not: {hidden: ...}}
Reuse = Callable[[str, str], bool]  # (file, digest): take it over from the previous site?

_LANG = re.compile(rb'<html[^>]*\blang="([^"]+)"')
_BODY = re.compile(rb"<main\b[^>]*\bdata-pagefind-body\b[^>]*>(.*)</main>", re.S)
_SCRIPT = re.compile(rb"<script\b.*?</script>", re.S)
_TAG = re.compile(rb"<[^>]*>")
_EDGES = re.compile(r"^\W+|\W+$")


class SearchIndexFailed(Exception):
    """Pagefind could not index the site."""


def shard_count(pages: int, shard_pages: int = SHARD_PAGES) -> int:
    """How many shards: a power of two, so growing a site re-shards it rarely."""
    if pages <= shard_pages:
        return 1
    return 1 << math.ceil(math.log2(pages / shard_pages))


def shard_of(file: str, count: int) -> int:
    """A page's shard: a hash of its path, the same on every machine and in every build."""
    number = int.from_bytes(hashlib.blake2b(file.encode(), digest_size=4).digest(), "big")
    return number % count


def shard_folder(number: int) -> str:
    return INDEX if number == 0 else f"{INDEX}/shard-{number}"


def pages_digest(pages: Mapping[str, str]) -> str:
    """What an index depends on: its pages' files and bytes."""
    return digest(sorted(pages.items()))


def search_is_current(pages: Mapping[str, str], previous: SearchIndex) -> bool:
    """Was ``previous`` made from exactly these searchable pages (file -> digest)?"""
    return bool(previous.shards) and previous.pages == pages_digest(pages)


def index_site(
    folder: Path,
    pages: Mapping[str, str],
    previous: SearchIndex,
    reuse: Reuse,
    jobs: int = 1,
    shard_pages: int = SHARD_PAGES,
    workspace: Path | None = None,
) -> SearchIndex:
    """Give ``folder`` a sharded index of ``pages`` (searchable file -> digest of its bytes).

    A shard whose pages are exactly those of the same shard in ``previous`` is
    taken over with ``reuse`` (every file checked against its recorded digest);
    the others are indexed again by Pagefind, ``jobs`` at a time, each over a
    site of links to its pages, kept in ``workspace`` between builds if given.
    """
    if workspace is not None and workspace.is_symlink():  # never write where a link leads
        workspace = None
    if workspace is not None:
        workspace.mkdir(parents=True, exist_ok=True)
    count = shard_count(len(pages), shard_pages)
    members: list[dict[str, str]] = [{} for _ in range(count)]
    for file, found in pages.items():
        members[shard_of(file, count)][file] = found
    before = previous.shards if len(previous.shards) == count else (None,) * count
    own = [pages_digest(m) for m in members]
    # A shard's words are read again only when its pages changed, shards across ``jobs``.
    unread = [n for n, old in enumerate(before) if old is None or old.own != own[n]]
    read = map_forked(lambda n: _words(folder, members[n]), unread, jobs, SHARDS_PER_JOB)
    words = [old.words if old is not None else {} for old in before]
    for number, shard_words in zip(unread, read, strict=True):
        words[number] = shard_words
    vocabulary = _vocabulary(words) or {"en": VOCABULARY}  # Pagefind needs a word to index
    every_word = digest(sorted(vocabulary.items()))

    def wanted(number: int) -> str:
        return digest(own[number], every_word)

    def place(number: int) -> Shard:
        old = before[number]
        if (
            old is not None
            and old.pages == wanted(number)
            and all(reuse(file, found) for file, found in sorted(old.files.items()))
        ):
            return old
        files = _index_shard(folder, members[number], vocabulary, number, workspace)
        return Shard(wanted(number), files, own[number], words[number])

    # Shards to index first: Pagefind runs (as a process) while the others are checked.
    stale = [n for n, old in enumerate(before) if old is None or old.pages != wanted(n)]
    order = stale + [n for n in range(count) if n not in stale]
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        placed = dict(zip(order, pool.map(place, order), strict=True))
    shards = tuple(placed[n] for n in range(count))
    if workspace is not None:
        _remove_shards_from(workspace, count)  # the sites of shards an earlier index had
    listing = json.dumps({"shards": [shard_folder(n) + "/" for n in range(1, count)]}).encode()
    shard_list = folder / SHARD_LIST
    shard_list.unlink(missing_ok=True)  # a new file: the old one may be shared with the live site
    shard_list.write_bytes(listing)
    return SearchIndex(pages_digest(pages), shards, file_digest(listing))


def _words(folder: Path, pages: Mapping[str, str]) -> dict[str, frozenset[str]]:
    """The words of some searchable pages, by page language (the whole searchable region)."""
    chunks: dict[str, set[str]] = {}
    for file in sorted(pages):
        data = (folder / file).read_bytes()
        lang = _LANG.search(data)
        body = _BODY.search(data)
        if body is None:
            continue
        raw = _TAG.sub(b" ", _SCRIPT.sub(b" ", body.group(1))).decode("utf-8", "replace")
        bucket = chunks.setdefault(lang.group(1).decode() if lang else "en", set())
        bucket.update(html.unescape(raw).lower().split())
    # Punctuation at a chunk's edges is trimmed once per distinct chunk, not once per word.
    return {
        lang: frozenset(w for chunk in found if (w := _EDGES.sub("", chunk)))
        for lang, found in chunks.items()
    }


def _vocabulary(shards: list[dict[str, frozenset[str]]]) -> dict[str, str]:
    """Every word of the site, by language: a page of them goes into every shard.

    Pagefind answers a word it does not hold with the pages of its longest
    indexed prefix, shard by shard; with every word in every shard, a shard
    falls back exactly when the whole site would, so shards merged find the
    same pages as one index. The words are a superset of what Pagefind indexes
    (the whole searchable region, ignored parts included), which keeps that true.
    """
    merged: dict[str, set[str]] = {}
    for words in shards:
        for lang, found in words.items():
            merged.setdefault(lang, set()).update(found)
    return {lang: " ".join(sorted(found)) for lang, found in sorted(merged.items())}


def _vocabulary_page(lang: str, words: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="{html.escape(lang)}"><head><title>{VOCABULARY}</title></head>'
        f'<body><main data-pagefind-body data-pagefind-filter="{HIDDEN}">'
        f"<p>{html.escape(words)}</p></main></body></html>"
    )


def _index_shard(
    folder: Path,
    pages: Mapping[str, str],
    vocabulary: Mapping[str, str],
    number: int,
    workspace: Path | None,
) -> dict[str, str]:
    """Run Pagefind over one shard's pages (hard-linked into a site of their own) into its folder.

    With a ``workspace``, each shard's site of links is kept there between
    builds and brought up to date; otherwise it is made in a temporary folder.
    """
    target = folder / shard_folder(number)
    with tempfile.TemporaryDirectory(prefix=".search-", dir=workspace or folder.parent) as scratch:
        site = workspace / f"shard-{number}" if workspace else Path(scratch, "site")
        _mirror(site, folder, pages, vocabulary)
        out = Path(scratch, "out")
        run_pagefind(site, out)
        _replace_shard(target, out, keep_nested=number == 0)
    return {
        path.relative_to(folder).as_posix(): file_digest(path.read_bytes())
        for path in sorted(target.rglob("*"))
        if path.is_file() and _in_shard(path.relative_to(folder).as_posix(), number)
    }


def _mirror(
    site: Path, folder: Path, pages: Mapping[str, str], vocabulary: Mapping[str, str]
) -> None:
    """Make ``site`` hold exactly ``pages`` of ``folder`` (hard links) and the vocabulary pages.

    A page already linked to the very file in ``folder`` is left alone, so a
    kept site costs a look per page, not a link and a deletion (a file is never
    changed in place, so the same file means the same bytes).
    """
    present = plain_files(site) if site.is_dir() and not site.is_symlink() else []
    if present is None:  # something in it is a link: never follow it, start again
        shutil.rmtree(site)
        present = []
    words = {f"{VOCABULARY}/{lang}/index.html": (lang, found) for lang, found in vocabulary.items()}
    remove_strays(site, set(present) - set(pages) - set(words))
    for file in pages:
        source, copy = folder / file, site / file
        with contextlib.suppress(OSError):
            if source.samefile(copy):
                continue
        copy.unlink(missing_ok=True)
        copy.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, copy)
        except OSError:  # a file system without hard links
            shutil.copyfile(source, copy)
    for file, (lang, found) in words.items():
        page = site / file
        page.unlink(missing_ok=True)
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(_vocabulary_page(lang, found))
    site.mkdir(parents=True, exist_ok=True)


def _in_shard(file: str, number: int) -> bool:
    if number:
        return file.startswith(shard_folder(number) + "/")
    return not file.startswith(f"{INDEX}/shard-") and file != SHARD_LIST


def _replace_shard(target: Path, fresh: Path, keep_nested: bool) -> None:
    """Put a freshly written index where the shard lives, dropping the shard's old files."""
    if target.exists():
        for child in target.iterdir():
            nested = keep_nested and (
                child.name.startswith("shard-") or child.name == "shards.json"
            )
            if not nested:
                shutil.rmtree(child) if child.is_dir() else child.unlink()
    target.mkdir(parents=True, exist_ok=True)
    for child in fresh.iterdir():
        child.rename(target / child.name)


def prune_shards(folder: Path, index: SearchIndex) -> None:
    """Remove shard folders an earlier, larger index left behind (the preview's folder)."""
    _remove_shards_from(folder / INDEX, len(index.shards))


def _remove_shards_from(parent: Path, count: int) -> None:
    """Remove the ``shard-N`` folders in ``parent`` whose N is not below ``count``."""
    if parent.is_dir() and not parent.is_symlink():
        kept = {f"shard-{n}" for n in range(count)}
        for child in parent.glob("shard-*"):
            if child.name not in kept:
                shutil.rmtree(child, ignore_errors=True)


def holds(folder: Path) -> Reuse:
    """Reuse in place: does ``folder`` still hold ``file`` with exactly ``found``? (The preview.)"""

    return lambda file, found: holds_digest(folder / file, found)


@cache
def pagefind_command() -> tuple[str, ...]:
    """Pagefind's binary, found in the order ``python -m pagefind`` looks for it.

    Running it directly saves starting a Python interpreter per shard (about
    65 ms each: a second of a 16-shard build); importing the package's own
    finder would import asyncio. Anything unusual falls back to ``-m pagefind``.
    """
    if chosen := os.environ.get("PAGEFIND_BINARY_PATH"):
        return (chosen,)
    for package in ("pagefind_bin_extended", "pagefind_bin"):  # the PyPI binary packages
        try:
            found = importlib.import_module(package).get_executable()
        except (ImportError, AttributeError, OSError):
            continue
        return (str(found),)
    return (sys.executable, "-m", "pagefind")


def run_pagefind(site: Path, out: Path) -> None:
    """Write a Pagefind index of ``site``'s ``data-pagefind-body`` pages into ``out``."""
    command = [*pagefind_command(), "--site", str(site), "--output-path", str(out)]
    try:
        done = subprocess.run(
            [*command, "--quiet"], capture_output=True, text=True, timeout=300, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexFailed(f"search indexing did not run: {exc}") from exc
    if done.returncode != 0:
        raise SearchIndexFailed(
            f"search indexing failed: {(done.stderr or done.stdout).strip()[:500]}"
        )
    if not out.is_dir():  # no searchable page: an empty index still answers the search page
        out.mkdir(parents=True)
