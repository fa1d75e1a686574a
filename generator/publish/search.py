"""Full-text search: Pagefind indexes the finished pages, as the last step before the swap.

Pagefind (PyPI ``pagefind[bin]``, a maintained Rust indexer) is used instead of a
hand-made index because it splits the index into small fragments that a phone
loads on demand, handles stemming, and ranks results; the browser side is its
own ``pagefind.js`` loaded by our small ``search.js``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from generator.core.parallel import map_forked
from generator.publish.staged import StagedSite, file_digest
from generator.publish.store import Manifest, SearchIndex
from generator.render.dependencies import digest


class SearchIndexFailed(Exception):
    """Pagefind could not index the site."""


def index_site(
    staged: StagedSite, written: Manifest, previous: SearchIndex, jobs: int = 1
) -> SearchIndex:
    """Give the staged site its ``pagefind/`` index, reused when no page changed.

    The index depends only on the pages, so when every HTML file is the same as
    in the last build, the last index is taken over (each of its files checked
    against its recorded digest); otherwise Pagefind indexes the site again.
    """
    if search_is_current(written, previous):
        recorded = sorted(previous.files.items())
        if all(map_forked(lambda file: staged.reuse(*file), recorded, jobs)):
            return previous
        shutil.rmtree(staged.folder / "pagefind", ignore_errors=True)
    run_pagefind(staged.folder)
    index = staged.folder / "pagefind"
    files = {
        path.relative_to(staged.folder).as_posix(): file_digest(path.read_bytes())
        for path in sorted(index.rglob("*"))
        if path.is_file()
    }
    return SearchIndex(_pages_digest(written), files)


def _pages_digest(written: Manifest) -> str:
    """What the index depends on: every HTML page and its bytes."""
    return digest(sorted((f, d) for f, (_key, d) in written.items() if f.endswith(".html")))


def search_is_current(written: Manifest, previous: SearchIndex) -> bool:
    """Was ``previous`` made from exactly these pages?"""
    return bool(previous.files) and previous.pages == _pages_digest(written)


def run_pagefind(folder: Path) -> None:
    """Write ``pagefind/`` into ``folder`` from the pages' ``data-pagefind-body`` regions."""
    command = [sys.executable, "-m", "pagefind", "--site", str(folder), "--quiet"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexFailed(f"search indexing did not run: {exc}") from exc
    if done.returncode != 0:
        raise SearchIndexFailed(
            f"search indexing failed: {(done.stderr or done.stdout).strip()[:500]}"
        )
