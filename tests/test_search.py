"""The sharded search index: a stable shard rule, and only changed shards indexed again.

The browser side (the shards merged into one search, the same results as one
index) is tested in ``tests/browser/test_search_shards.py``.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.build import BuildOptions, build
from generator.publish.search import (
    SHARD_PAGES,
    holds,
    index_site,
    shard_count,
    shard_folder,
    shard_of,
)
from generator.publish.staged import file_digest
from generator.publish.store import SHARD_LIST, SearchIndex, load_state
from tests.conftest import REPO, snapshot
from tests.test_build_cache import EPOCH, add_articles, edit

SMALL = 24  # pages per shard in these tests: the mini project plus 90 articles makes 8 shards


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    yield


def test_the_shard_count_is_a_power_of_two_and_one_for_a_small_site() -> None:
    assert shard_count(0) == shard_count(SHARD_PAGES) == 1
    assert shard_count(SHARD_PAGES + 1) == 2
    assert shard_count(5_000) == 16
    assert [shard_count(n, 10) for n in (10, 11, 20, 21, 40, 41)] == [1, 2, 2, 4, 4, 8]


def test_a_page_stays_in_its_shard_across_builds_and_machines() -> None:
    """The rule is a hash of the path, not of Python's per-process string hash."""
    assert shard_of("articles/legs-first/index.html", 8) == shard_of(
        "articles/legs-first/index.html", 8
    )
    spread = {shard_of(f"articles/a-{i}/index.html", 8) for i in range(200)}
    assert spread == set(range(8))
    assert shard_of("articles/a-1/index.html", 8) == 3  # fixed: a change here re-shards every site


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(REPO / "tests/fixtures/mini/content", root / "content")
    shutil.copytree(REPO / "templates", root / "templates")
    add_articles(root)
    return root


def _build(root: Path, shard_pages: int = SMALL) -> Path:
    out = root / "site"
    build(BuildOptions(root=root, out=out, persist=True, search_shard_pages=shard_pages))
    return out


def _shards(site: Path) -> dict[str, dict[str, bytes]]:
    """Each shard folder's files (shard 0 without the other shards nested in it)."""
    listing = json.loads((site / "pagefind/shards.json").read_text())["shards"]
    folders = ["pagefind/", *listing]
    tree = snapshot(site)
    return {
        folder: {
            name: data
            for name, data in tree.items()
            if name.startswith(folder)
            and not any(name.startswith(other) for other in folders if len(other) > len(folder))
            and name != "pagefind/shards.json"
        }
        for folder in folders
    }


def test_a_large_site_is_indexed_in_shards_that_each_answer_alone(tmp_path: Path) -> None:
    site = _build(_project(tmp_path))
    shards = _shards(site)
    assert list(shards) == [shard_folder(n) + "/" for n in range(8)]
    for folder, files in shards.items():
        assert f"{folder}pagefind-entry.json" in files, folder
        assert any(name.startswith(f"{folder}fragment/") for name in files), folder
    state, _ = load_state(site.parent)
    assert len(state.search.shards) == 8
    assert state.search.files == {
        name: state.search.files[name] for name in snapshot(site) if name.startswith("pagefind/")
    }


def test_the_real_guide_is_one_shard(tmp_path: Path) -> None:
    shutil.copytree(REPO / "content", tmp_path / "content")
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    site = tmp_path / "site"
    build(BuildOptions(root=tmp_path, out=site))
    assert json.loads((site / "pagefind/shards.json").read_text()) == {"shards": []}


def test_an_edit_re_indexes_only_the_shard_of_the_edited_page(tmp_path: Path) -> None:
    root = _project(tmp_path)
    site = _build(root)
    before = _shards(site)
    edit(root / "content/articles/generated-07.md", "build tissue capacity.", "build capacity.")
    _build(root)
    after = _shards(site)
    changed = [folder for folder in before if before[folder] != after[folder]]
    page = "articles/generated-07/index.html"
    assert changed == [shard_folder(shard_of(page, 8)) + "/"]
    clean = tmp_path / "clean"
    build(BuildOptions(root=root, out=clean, search_shard_pages=SMALL))
    assert snapshot(site) == snapshot(clean)  # the same index as a build from nothing


def test_a_build_that_changes_nothing_reuses_every_shard(tmp_path: Path) -> None:
    root = _project(tmp_path)
    site = _build(root)
    first = snapshot(site)
    inode = (site / "pagefind/pagefind-entry.json").stat().st_ino
    _build(root)
    assert snapshot(site) == first
    assert (site / "pagefind/pagefind-entry.json").stat().st_ino == inode  # not written again


def test_a_new_word_re_indexes_every_shard_so_they_keep_agreeing(tmp_path: Path) -> None:
    """Every shard holds the site's words: a word no page had before reaches all of them."""
    root = _project(tmp_path)
    site = _build(root)
    before = _shards(site)
    edit(root / "content/articles/generated-07.md", "build tissue capacity.", "build zyzzyva.")
    _build(root)
    after = _shards(site)
    assert all(before[folder] != after[folder] for folder in before)
    clean = tmp_path / "clean"
    build(BuildOptions(root=root, out=clean, search_shard_pages=SMALL))
    assert snapshot(site) == snapshot(clean)


def test_the_preview_re_indexes_in_place_only_the_changed_shard(tmp_path: Path) -> None:
    """``guide serve`` indexes its own folder: unchanged shards are left as they are."""
    site = _build(_project(tmp_path))
    state, _ = load_state(site.parent)
    pages = {
        file: digest
        for file, (_key, digest) in state.pages.items()
        if b"data-pagefind-body" in (site / file).read_bytes()
    }
    first = index_site(site, pages, SearchIndex(), holds(site), shard_pages=SMALL)
    assert first.files == state.search.files  # the same index as the build's
    page = "articles/generated-07/index.html"
    text = (site / page).read_bytes().replace(b"build tissue capacity.", b"build capacity.")
    (site / page).write_bytes(text)
    stamps = {name: (site / name).stat().st_mtime_ns for name in first.files}
    second = index_site(
        site, {**pages, page: file_digest(text)}, first, holds(site), shard_pages=SMALL
    )
    rewritten = {
        name for name in second.files if (site / name).stat().st_mtime_ns != stamps.get(name)
    }
    shard = shard_folder(shard_of(page, len(first.shards))) + "/"
    assert shard != "pagefind/"  # shard 0 would hold every other shard's folder too
    assert rewritten and all(name.startswith(shard) or name == SHARD_LIST for name in rewritten)


def test_a_site_with_no_searchable_page_still_gets_an_index(tmp_path: Path) -> None:
    """Pagefind refuses a folder with nothing to index; the search page must still load one."""
    site = tmp_path / "site"
    site.mkdir()
    index = index_site(site, {}, SearchIndex(), holds(site))
    assert len(index.shards) == 1
    assert (site / "pagefind/pagefind.js").is_file()
    assert json.loads((site / "pagefind/shards.json").read_text()) == {"shards": []}
