"""Full-text search: Pagefind indexes the finished pages, as the last step before the swap.

Pagefind (PyPI ``pagefind[bin]``, a maintained Rust indexer) is used instead of a
hand-made index because it splits the index into small fragments that a phone
loads on demand, handles stemming, and ranks results; the browser side is its
own ``pagefind.js`` loaded by our small ``search.js``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


class SearchIndexFailed(Exception):
    """Pagefind could not index the site."""


def index_site(folder: Path) -> None:
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
