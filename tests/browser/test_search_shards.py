"""Search across shards in Chromium: the shards merged give the same pages as one index.

The real guide is built twice: as it ships (one shard) and with tiny shards
(every page's shard chosen by the same hash rule as a 5,000-page site). For
each query, the set of pages Pagefind finds must be the same in both; and the
search page, which merges the shards with ``mergeIndex``, must show results
that live outside the first shard.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from generator.build import BuildOptions, build
from tests.browser.conftest import _QuietHandler
from tests.conftest import REPO

QUERIES = [
    "squat", "calf", "achilles", "hamstring", "plank", "glute", "hop", "balance", "taper",
    "marathon", "protein", "sleep", "tendon", "knee", "hip", "deadlift", "lunge", "core",
    "ankle", "foot", "injury", "plyometric", "dumbbell", "warm", "stretch", "pain",
]  # fmt: skip

RESULT_URLS = """async (query) => {
  const form = document.getElementById("search-form");
  const base = form.getAttribute("data-base");
  const bundle = form.getAttribute("data-pagefind");
  const pagefind = await import(bundle);
  if (!window.__merged) {
    await pagefind.options({ baseUrl: base });
    const list = await (await fetch(bundle.replace(/pagefind\\.js$/, "shards.json"))).json();
    for (const folder of list.shards) await pagefind.mergeIndex(base + folder, { baseUrl: base });
    window.__merged = list.shards.length + 1;
  }
  const search = await pagefind.search(query, { filters: { not: { hidden: "vocabulary" } } });
  const data = await Promise.all(search.results.map((r) => r.data()));
  const urls = data.map((d) => d.url);
  if (urls.some((url) => url.includes("/pagefind-vocabulary/"))) throw new Error("vocabulary shown");
  return { shards: window.__merged, urls: urls.sort() };
}"""


def _serve(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="module")
def two_sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    folder = tmp_path_factory.mktemp("shards")
    whole, sharded = folder / "whole", folder / "sharded"
    build(BuildOptions(root=REPO, out=whole, search_shard_pages=100_000))
    build(BuildOptions(root=REPO, out=sharded, search_shard_pages=12))
    assert json.loads((whole / "pagefind/shards.json").read_text())["shards"] == []
    assert len(json.loads((sharded / "pagefind/shards.json").read_text())["shards"]) >= 8
    one, one_url = _serve(whole)
    many, many_url = _serve(sharded)
    yield one_url, many_url
    one.shutdown()
    many.shutdown()


def test_shards_find_the_same_pages_as_one_index(page: Page, two_sites: tuple[str, str]) -> None:
    whole, sharded = two_sites
    found: dict[str, list[str]] = {}
    page.goto(whole + "search/")
    for query in QUERIES:
        result = page.evaluate(RESULT_URLS, query)
        assert result["shards"] == 1
        found[query] = result["urls"]
    page.goto(sharded + "search/")
    diffs = {}
    for query in QUERIES:
        result = page.evaluate(RESULT_URLS, query)
        assert result["shards"] >= 8
        if result["urls"] != found[query]:
            diffs[query] = (
                sorted(set(result["urls"]) - set(found[query])),
                sorted(set(found[query]) - set(result["urls"])),
            )
    assert not diffs, diffs
    assert sum(len(urls) > 0 for urls in found.values()) >= 20  # the queries really find pages


def test_the_search_page_shows_results_from_every_shard(
    page: Page, two_sites: tuple[str, str]
) -> None:
    """The page's own script merges the shards: a page outside the first shard is found."""
    _whole, sharded = two_sites
    page.goto(sharded + "search/?q=copenhagen")
    first = page.locator("#search-results li a").first
    expect(first).to_be_visible(timeout=15_000)
    titles = page.locator("#search-results li a").all_inner_texts()
    assert any("Copenhagen" in t for t in titles)
    assert re.search(r"\d+ results?", page.locator("#search-status").inner_text())
