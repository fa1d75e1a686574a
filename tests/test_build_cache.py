"""Parallel ``guide build`` and the persistent build cache in ``.cache/build/``.

Every test compares whole output trees (``pagefind/`` included) byte for byte
with a clean ``--no-cache`` build: a faster build is only correct if it writes
exactly what a clean one does, whatever state the cache, ``site/`` or the
search index were left in.
"""

from __future__ import annotations

import gc
import os
import pickle
import random
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import generator.build as build_module
import generator.site.assemble as site_module
from generator.build import BuildOptions
from generator.cli import main
from generator.core.collector import collector_paused
from generator.core.diagnostics import BuildFailed
from generator.core.parallel import MIN_ITEMS_PER_JOB, map_forked
from generator.publish.staged import StagedSite
from generator.publish.store import (
    CACHE_FOLDER,
    CHECKSUM_LENGTH,
    MAGIC,
    generator_fingerprint,
    generator_sources,
    payload_checksum,
)
from tests.conftest import REPO, CliResult, snapshot

Guide = Callable[..., CliResult]

EPOCH = "1800000000"  # 2027-01-15: every generated article (dated 2026) is published
GENERATED = 90  # well over 2 * MIN_ITEMS_PER_JOB pages, so builds take the parallel path
TAGS = ("knee", "basics", "single-leg", "hips", "calves", "recovery", "speed")
REFERENCES = (
    "[[exercise:goblet-squat]]",
    "[[split-squat]]",
    "[[article:legs-first]]",
    "[[muscle:glute-med]]",
    "[[region:thigh]]",
    "[[single-legs|one leg at a time]]",
)
BUILT = re.compile(
    r"^built (?P<files>\d+) files into .+ in [\d.]+ s "
    r"\((?P<drawn>\d+) pages drawn, (?P<unchanged>\d+) unchanged\)$",
    re.M,
)


@dataclass(frozen=True)
class Counts:
    files: int
    drawn: int
    unchanged: int


def counts(result: CliResult) -> Counts:
    """The numbers in the ``built N files ... (R pages drawn, U unchanged)`` line."""
    assert result.code == 0, result.err
    found = BUILT.search(result.out)
    assert found, result.out
    return Counts(int(found["files"]), int(found["drawn"]), int(found["unchanged"]))


def state_file(root: Path) -> Path:
    return root / CACHE_FOLDER / "state.pickle"


def write_article(root: Path, slug: str, title: str, tags: list[str], body: str) -> None:
    (root / "content/articles" / f"{slug}.md").write_text(
        f"---\ntitle: {title}\nsummary: {title}, in one sentence.\n"
        f"date: 2026-03-{len(slug) % 27 + 1:02d}\ntags: [{', '.join(tags)}]\n---\n{body}"
    )


def add_articles(root: Path, count: int = GENERATED) -> None:
    """Add ``count`` articles with tags and cross-references to the fixture's cards and articles.

    Article ``i`` links back to article ``i - 1``, so nothing links to the last one
    (a test may delete it) and every article has backlinks and related articles.
    """
    for i in range(count):
        tags = sorted({TAGS[i % len(TAGS)], TAGS[(i * 3 + 1) % len(TAGS)]})
        first, second = REFERENCES[i % len(REFERENCES)], REFERENCES[(i + 2) % len(REFERENCES)]
        previous = f" Before this, read [[article:generated-{i - 1:02d}]]." if i else ""
        (root / "content/articles" / f"generated-{i:02d}.md").write_text(
            f"---\ntitle: Generated article {i:02d} on {tags[0]} strength\n"
            f"summary: Generated article number {i} about {' and '.join(tags)}.\n"
            f"date: 2026-{i % 12 + 1:02d}-{i % 27 + 1:02d}\ntags: [{', '.join(tags)}]\n---\n"
            f"Paragraph {i} about strength for runners: see {first} and {second}.\n\n"
            f"## Section {i}\n\nSquats, lunges and hops build tissue capacity.{previous}\n"
        )


def copy_project(source: Path, dest: Path) -> Path:
    """A second, independent project with the same content and templates."""
    shutil.copytree(source / "content", dest / "content")
    shutil.copytree(source / "templates", dest / "templates")
    return dest


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


@pytest.fixture(scope="module", autouse=True)
def fixed_date() -> Iterator[None]:
    """Pin "today" for every build in this module, the in-process ones included."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        yield


@pytest.fixture(scope="module")
def reference(fixed_date: None, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """A clean serial ``--no-cache`` build of the unedited big project, built once per module."""
    root = tmp_path_factory.mktemp("reference") / "mini"
    shutil.copytree(REPO / "tests/fixtures/mini/content", root / "content")
    shutil.copytree(REPO / "templates", root / "templates")
    add_articles(root)
    out = root.parent / "clean"
    code = main(["build", "--root", str(root), "--out", str(out), "--no-cache", "--jobs", "1"])
    assert code == 0
    tree = snapshot(out)
    assert any(name.startswith("pagefind/") for name in tree)
    assert f"articles/generated-{GENERATED - 1:02d}/index.html" in tree
    return tree


@pytest.fixture
def big(project: Path) -> Path:
    """The mini fixture plus 90 generated articles, in its own tmp folder."""
    add_articles(project)
    return project


def clean_build(guide: Guide, root: Path, out: Path) -> dict[str, bytes]:
    result = guide("build", "--root", root, "--out", out, "--no-cache", "--jobs", "1")
    assert result.code == 0, result.err
    return snapshot(out)


# --- map_forked: the parallel path ---------------------------------------------------------


def _item_and_pid(item: int) -> tuple[int, int]:
    time.sleep(0.002)  # long enough that one worker cannot take every chunk before the other starts
    return item, os.getpid()


def test_map_forked_spreads_items_over_processes_and_keeps_their_order() -> None:
    """The parallel path really forks, and results come back in item order."""
    results = map_forked(_item_and_pid, list(range(200)), 2)
    assert [item for item, _ in results] == list(range(200))
    pids = {pid for _, pid in results}
    assert os.getpid() not in pids
    assert len(pids) == 2


@pytest.mark.parametrize(
    ("items", "jobs"),
    [(200, 1), (10, 2), (2 * MIN_ITEMS_PER_JOB - 1, 2), (0, 2)],
    ids=["one-job", "few-items", "just-under-threshold", "no-items"],
)
def test_map_forked_runs_in_process_for_one_job_or_few_items(items: int, jobs: int) -> None:
    """Starting processes for little work costs more than it saves: such calls stay serial."""
    results = map_forked(_item_and_pid, list(range(items)), jobs)
    assert results == [(i, os.getpid()) for i in range(items)]


def test_map_forked_forks_at_the_threshold() -> None:
    """At exactly 2 * MIN_ITEMS_PER_JOB items two jobs are worth it: no item runs in-process."""
    results = map_forked(_item_and_pid, list(range(2 * MIN_ITEMS_PER_JOB)), 2)
    assert [item for item, _ in results] == list(range(2 * MIN_ITEMS_PER_JOB))
    assert os.getpid() not in {pid for _, pid in results}


def _collector_enabled(_item: int) -> bool:
    return gc.isenabled()


def test_workers_inherit_the_paused_collector() -> None:
    """Forked under a pause, workers never collect: collecting would copy the parent's memory."""
    with collector_paused():
        assert not any(map_forked(_collector_enabled, range(2 * MIN_ITEMS_PER_JOB), 2))
    assert gc.isenabled()


@pytest.mark.parametrize("broken", [False, True], ids=["built", "failed"])
def test_build_pauses_the_collector_and_restores_it(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, broken: bool
) -> None:
    """Paused while the build runs, running again once it is over, however it ended."""
    seen: list[bool] = []
    assemble = site_module.assemble

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return assemble(*args, **kwargs)

    monkeypatch.setattr(build_module, "assemble", spy)
    if broken:
        edit(
            project / "content/articles/legs-first.md", "[[exercise:goblet-squat", "[[exercise:gob"
        )
    options = BuildOptions(root=project, out=tmp_path / "site", search=False)
    if broken:
        with pytest.raises(BuildFailed):
            build_module.build(options)
    else:
        build_module.build(options)
    assert seen == [False]
    assert gc.isenabled()


# --- 1. parallel equals serial -------------------------------------------------------------


def test_parallel_build_equals_serial_build(big: Path, guide: Guide, tmp_path: Path) -> None:
    """Parsing and drawing across processes must not change a byte, nor the diagnostics."""
    serial = guide(
        "build", "--root", big, "--out", tmp_path / "serial", "--jobs", "1", "--no-cache"
    )
    parallel = guide(
        "build", "--root", big, "--out", tmp_path / "parallel", "--jobs", "2", "--no-cache"
    )
    one, two = counts(serial), counts(parallel)
    assert one == two
    assert one.drawn > 2 * MIN_ITEMS_PER_JOB  # enough pages that --jobs 2 forks
    assert serial.err == parallel.err
    tree = snapshot(tmp_path / "serial")
    assert any(name.startswith("pagefind/") for name in tree)
    assert snapshot(tmp_path / "parallel") == tree


# --- 2. warm equals cold -------------------------------------------------------------------


def test_warm_build_draws_nothing_and_equals_a_clean_build(
    big: Path, guide: Guide, reference: dict[str, bytes]
) -> None:
    """A second build of unchanged content takes every page over and writes the same tree."""
    cold = counts(guide("build", "--root", big))
    assert cold.unchanged == 0
    assert state_file(big).is_file()
    assert snapshot(big / "site") == reference
    warm = counts(guide("build", "--root", big))
    assert warm == Counts(cold.files, 0, cold.drawn)
    assert snapshot(big / "site") == reference


def test_rebuild_of_nothing_leaves_the_site_folder_alone(
    big: Path, guide: Guide, reference: dict[str, bytes]
) -> None:
    """When site/ already holds exactly this build, it is checked, not rewritten."""
    counts(guide("build", "--root", big))
    site = big / "site"
    page = site / "articles/generated-10/index.html"
    before = (site.stat().st_ino, page.stat().st_ino, page.stat().st_nlink)
    warm = counts(guide("build", "--root", big))
    assert warm.drawn == 0
    assert (site.stat().st_ino, page.stat().st_ino, page.stat().st_nlink) == before
    assert snapshot(site) == reference


def test_a_link_in_place_of_a_page_is_never_trusted(
    big: Path, guide: Guide, reference: dict[str, bytes], tmp_path: Path
) -> None:
    """A page replaced by a link to a copy of the same bytes is still rebuilt as a file."""
    counts(guide("build", "--root", big))
    page = big / "site/articles/generated-10/index.html"
    elsewhere = tmp_path / "copy.html"
    elsewhere.write_bytes(page.read_bytes())
    page.unlink()
    page.symlink_to(elsewhere)
    warm = counts(guide("build", "--root", big))
    assert warm.drawn == 1
    assert not page.is_symlink()
    assert snapshot(big / "site") == reference


# --- 3. edits invalidate exactly what they should ------------------------------------------


def test_article_edit_redraws_a_few_pages_and_equals_a_clean_build(
    big: Path, guide: Guide, tmp_path: Path
) -> None:
    """Editing one article's text redraws the few pages that show it (the article, the feed)."""
    cold = counts(guide("build", "--root", big))
    edit(big / "content/articles/legs-first.md", "absorb landings", "soak up every landing")
    warm = counts(guide("build", "--root", big))
    assert 1 <= warm.drawn <= cold.drawn // 10
    assert warm.drawn + warm.unchanged == cold.drawn
    clean = clean_build(guide, big, tmp_path / "clean")
    assert b"soak up every landing" in clean["articles/legs-first/index.html"]
    assert snapshot(big / "site") == clean


def test_template_edit_redraws_every_page_and_equals_a_clean_build(
    big: Path, guide: Guide, tmp_path: Path
) -> None:
    """Every fingerprint includes the templates' digest: a template edit redraws every page."""
    templates = big / "templates"
    assert not templates.is_symlink()
    assert not (templates / "base.html").is_symlink()
    assert not (templates / "base.html").resolve().is_relative_to(REPO)
    cold = counts(guide("build", "--root", big))
    with (templates / "base.html").open("a") as file:
        file.write("<!-- edited by test_build_cache -->\n")
    warm = counts(guide("build", "--root", big))
    assert warm == Counts(cold.files, cold.drawn, 0)
    assert snapshot(big / "site") == clean_build(guide, big, tmp_path / "clean")


# --- 4. and 5. tampered output -------------------------------------------------------------


def test_tampered_or_deleted_page_is_redrawn(
    big: Path, guide: Guide, reference: dict[str, bytes]
) -> None:
    """A page in site/ is taken over only if it still holds the recorded bytes."""
    cold = counts(guide("build", "--root", big))
    site = big / "site"
    (site / "articles/generated-10/index.html").write_bytes(b"<p>junk</p>")
    (site / "exercises/goblet-squat/index.html").unlink()
    (site / "stray.html").write_text("not part of the site")
    warm = counts(guide("build", "--root", big))
    assert warm == Counts(cold.files, 2, cold.drawn - 2)
    assert snapshot(site) == reference


def _append_junk(path: Path) -> None:
    path.write_bytes(path.read_bytes() + b"tampered")


@pytest.mark.parametrize(
    ("pick", "damage"),
    [
        ("pagefind-entry.json", _append_junk),
        ("fragment/", _append_junk),
        ("index/", Path.unlink),
    ],
    ids=["entry-tampered", "fragment-tampered", "index-file-deleted"],
)
def test_tampered_search_index_is_not_reused(
    big: Path,
    guide: Guide,
    reference: dict[str, bytes],
    pick: str,
    damage: Callable[[Path], None],
) -> None:
    """The Pagefind index is taken over only when every one of its files is as recorded."""
    counts(guide("build", "--root", big))
    index = big / "site/pagefind"
    victim = next(
        p for p in sorted(index.rglob("*")) if p.relative_to(index).as_posix().startswith(pick)
    )
    damage(victim)
    warm = counts(guide("build", "--root", big))
    assert warm.drawn == 0  # only the index is affected, every page is taken over
    assert snapshot(big / "site") == reference


# --- 6. damaged cache files ----------------------------------------------------------------


def _payload_start(data: bytes) -> int:
    """Where the pickle starts: after MAGIC, the fingerprint line and the checksum."""
    assert data.startswith(MAGIC)
    return data.index(b"\n", len(MAGIC)) + 1 + CHECKSUM_LENGTH


def _with_valid_checksum(payload: bytes) -> bytes:
    return MAGIC + generator_fingerprint() + b"\n" + payload_checksum(payload) + payload


def _garbage(path: Path) -> None:
    path.write_bytes(random.Random(0).randbytes(4096))


def _truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _part_with(path: Path, text: bytes) -> Path:
    """The part file beside the state file ``path`` that holds ``text``."""
    parts = sorted(path.with_name(f"{path.stem}-parts").iterdir())
    return next(part for part in parts if text in part.read_bytes())


def _flipped(path: Path) -> None:
    """One byte of a part changed so that it still unpickles: only the checksum can tell."""
    part = _part_with(path, b"tissue capacity.</p>")  # a parsed body
    data = bytearray(part.read_bytes())
    data[data.index(b"tissue capacity.</p>")] ^= 0x20  # "tissue" -> "Tissue"
    part.write_bytes(bytes(data))


def _part_missing(path: Path) -> None:
    _part_with(path, b"tissue capacity.</p>").unlink()


def _part_truncated(path: Path) -> None:
    part = _part_with(path, b"tissue capacity.</p>")
    part.write_bytes(part.read_bytes()[:100])


def _other_version(path: Path) -> None:
    data = path.read_bytes()
    fingerprint = data[len(MAGIC) : data.index(b"\n", len(MAGIC))]
    assert len(fingerprint) == 32
    other = b"0123456789abcdef" * 2
    assert other != fingerprint
    path.write_bytes(MAGIC + other + data[len(MAGIC) + 32 :])


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _directory(path: Path) -> None:
    path.unlink()
    path.mkdir()
    (path / "inside").write_text("a directory where the cache file should be")


def _not_a_build_state(path: Path) -> None:
    path.write_bytes(_with_valid_checksum(pickle.dumps({"pages": {}})))


def _not_a_pickle(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(_with_valid_checksum(data[_payload_start(data) :][:-40]))


DAMAGE: dict[str, tuple[Callable[[Path], None], bool]] = {  # how, and whether a note is owed
    "garbage": (_garbage, True),
    "truncated": (_truncated, True),
    "flipped-part-byte": (_flipped, True),
    "part-missing": (_part_missing, True),
    "part-truncated": (_part_truncated, True),
    "other-generator-version": (_other_version, True),
    "empty": (_empty, False),
    "valid-checksum-not-build-state": (_not_a_build_state, True),
    "valid-checksum-not-a-pickle": (_not_a_pickle, True),
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_damaged_cache_is_ignored_and_replaced(
    big: Path, guide: Guide, reference: dict[str, bytes], damage: str
) -> None:
    """A damaged cache is never trusted: the build succeeds, equals a clean one, and heals it."""
    cold = counts(guide("build", "--root", big))
    how, noted = DAMAGE[damage]
    how(state_file(big))
    result = guide("build", "--root", big)
    again = counts(result)
    assert "Traceback" not in result.err
    if noted:
        assert "guide: build cache" in result.err
    assert again == Counts(cold.files, cold.drawn, 0)  # nothing of it was used
    assert snapshot(big / "site") == reference
    healed = guide("build", "--root", big)
    assert counts(healed) == Counts(cold.files, 0, cold.drawn)
    assert "build cache" not in healed.err
    assert snapshot(big / "site") == reference


def test_cache_path_that_is_a_directory_is_ignored(
    big: Path, guide: Guide, reference: dict[str, bytes]
) -> None:
    """An unreadable cache (a directory at its path) must not stop the build."""
    counts(guide("build", "--root", big))
    _directory(state_file(big))
    result = guide("build", "--root", big)
    counts(result)
    assert "guide: build cache" in result.err
    assert "Traceback" not in result.err
    assert snapshot(big / "site") == reference
    again = guide("build", "--root", big)  # the directory is still there: still no crash
    counts(again)
    assert snapshot(big / "site") == reference


# --- 7. stale entries ----------------------------------------------------------------------


def _make_project_b(a: Path, b: Path) -> Path:
    """Project A's content with several articles retitled and rewritten, one gone, one new."""
    copy_project(a, b)
    articles = b / "content/articles"
    for number in ("05", "10", "42"):  # generated-11 and -43 link to 10 and 42 by title
        path = articles / f"generated-{number}.md"
        edit(path, f"title: Generated article {number}", f"title: Renamed article {number}")
        edit(path, "Squats, lunges and hops", "Deadlifts, step-ups and skips")
    edit(articles / "legs-first.md", "Strong legs absorb landings.", "Landings need strong legs.")
    (articles / f"generated-{GENERATED - 1:02d}.md").unlink()  # nothing links to the last one
    write_article(
        b, "brand-new", "A brand new article", ["knee", "speed"],
        "Brand new: [[exercise:goblet-squat]] and [[article:generated-10]].\n",
    )  # fmt: skip
    return b


@pytest.mark.parametrize("where", ["copied-site", "shared-out"])
def test_cache_from_another_project_cannot_leak(
    big: Path, guide: Guide, tmp_path: Path, where: str
) -> None:
    """A cache (and site) from project A used on project B: B's build equals a clean one.

    copied-site: A's cache and site/ are copied into B. shared-out: A and B build
    into the same --out folder, so B's build consults A's manifest of that folder.
    """
    b = _make_project_b(big, tmp_path / "b")
    expected = clean_build(guide, b, tmp_path / "clean-b")
    assert "articles/brand-new/index.html" in expected
    assert f"articles/generated-{GENERATED - 1:02d}/index.html" not in expected
    out_args: list[str | Path] = []
    if where == "shared-out":
        out_args = ["--out", tmp_path / "shared"]
    a_build = counts(guide("build", "--root", big, *out_args))
    shutil.copytree(state_file(big).parent, state_file(b).parent)  # the state and its parts
    if where == "copied-site":
        shutil.copytree(big / "site", b / "site")
    result = guide("build", "--root", b, *out_args)
    b_build = counts(result)
    assert b_build.files == a_build.files  # one article gone, one added
    out = tmp_path / "shared" if where == "shared-out" else b / "site"
    assert snapshot(out) == expected
    if where == "shared-out":  # A's manifest of the folder was consulted, and not blindly
        assert b_build.unchanged > 0
        assert b_build.drawn > 0
    healed = counts(guide("build", "--root", b, *out_args))
    assert healed.drawn == 0
    assert snapshot(out) == expected


# --- 8. --no-cache -------------------------------------------------------------------------


def test_no_cache_neither_reads_nor_writes_the_cache(
    big: Path, guide: Guide, reference: dict[str, bytes]
) -> None:
    """--no-cache leaves a (garbage) cache alone and says nothing about it."""
    folder = big / CACHE_FOLDER
    folder.mkdir(parents=True)
    garbage = random.Random(1).randbytes(2048)
    state_file(big).write_bytes(garbage)
    result = guide("build", "--root", big, "--no-cache")
    built = counts(result)
    assert built.unchanged == 0
    assert "cache" not in result.err
    assert state_file(big).read_bytes() == garbage
    assert sorted(p.name for p in folder.iterdir()) == ["state.pickle"]
    assert snapshot(big / "site") == reference


def test_no_cache_creates_no_cache_folder(project: Path, guide: Guide) -> None:
    """A fresh project built with --no-cache has no .cache/build/ afterwards."""
    counts(guide("build", "--root", project, "--no-cache"))
    assert (project / "site/index.html").is_file()
    assert not (project / CACHE_FOLDER).exists()


# --- 9. failed builds ----------------------------------------------------------------------


def _break_reference(root: Path) -> None:
    edit(root / "content/articles/generated-20.md", "[[article:generated-19]]", "[[article:nope]]")


def _break_template(root: Path) -> None:
    block = "{% block content %}"
    edit(root / "templates/article.html", block, block + "{{ no_such_variable }}")


@pytest.mark.parametrize(
    "breakage", [_break_reference, _break_template], ids=["broken-reference", "template-error"]
)
def test_failed_build_leaves_site_and_cache_untouched(
    big: Path, guide: Guide, breakage: Callable[[Path], None]
) -> None:
    """A build that fails (before or while drawing pages) changes neither site/ nor the cache."""
    counts(guide("build", "--root", big))
    warm = counts(guide("build", "--root", big))
    site_before = snapshot(big / "site")
    cache_before = state_file(big).read_bytes()
    articles = big / "content/articles"
    saved = {p: p.read_bytes() for p in [*articles.iterdir(), big / "templates/article.html"]}
    breakage(big)
    result = guide("build", "--root", big)
    assert result.code == 1
    assert "build failed; nothing was written" in result.err
    assert "Traceback" not in result.err
    assert snapshot(big / "site") == site_before
    assert state_file(big).read_bytes() == cache_before
    assert not list(big.glob(".site-build-*"))
    for path, data in saved.items():
        path.write_bytes(data)
    assert counts(guide("build", "--root", big)) == warm
    assert snapshot(big / "site") == site_before


# --- 10. hash randomisation ----------------------------------------------------------------


def test_fingerprints_do_not_depend_on_the_hash_seed(
    big: Path, reference: dict[str, bytes]
) -> None:
    """A cache written by one process is fully reused by another with another hash seed."""

    def build(seed: str) -> Counts:
        env = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": EPOCH,
               "PYTHONPATH": str(REPO)}  # fmt: skip
        done = subprocess.run(
            [sys.executable, "-m", "generator", "build", "--root", str(big), "--jobs", "2"],
            cwd=big, env=env, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        return counts(CliResult(done.returncode, done.stdout, done.stderr))

    cold = build("1")
    assert cold.unchanged == 0
    assert snapshot(big / "site") == reference
    warm = build("2")
    assert warm == Counts(cold.files, 0, cold.drawn)
    assert snapshot(big / "site") == reference


def test_the_cache_key_covers_every_module_of_the_generator() -> None:
    """A change to any stage (not only the one the store lives in) must discard the cache."""
    repo = Path(__file__).resolve().parent.parent
    hashed = {path.relative_to(repo).as_posix() for path in generator_sources()}
    on_disk = {path.relative_to(repo).as_posix() for path in (repo / "generator").rglob("*.py")}
    assert hashed == on_disk
    assert {
        "generator/build.py",
        "generator/plans/rules.py",
        "generator/markdown/body.py",
    } <= hashed


# --- 11. the spare: the site before the last, where the next build is staged ---------------

PAGE = "articles/generated-10/index.html"


def _spare(root: Path) -> Path:
    return root / ".site-spare"


def test_an_edit_is_staged_in_the_spare_and_never_writes_through_a_shared_file(
    big: Path, guide: Guide, tmp_path: Path
) -> None:
    """The spare shares unchanged files with site/ (hard links); a page redrawn in it is a
    new file, so the site being replaced keeps its bytes until the swap, and after it."""
    counts(guide("build", "--root", big))
    edit(big / "content/articles/legs-first.md", "absorb landings", "soak up every landing")
    counts(guide("build", "--root", big))
    site, spare = big / "site", _spare(big)
    assert (spare / PAGE).stat().st_ino == (site / PAGE).stat().st_ino  # shared
    before = snapshot(site)
    article = big / "content/articles/generated-10.md"
    article.write_text(article.read_text() + "\nA new closing line about hill sprints.\n")
    warm = counts(guide("build", "--root", big))
    assert 1 <= warm.drawn < warm.unchanged
    assert b"hill sprints" in (site / PAGE).read_bytes()
    assert snapshot(spare) == before  # the previous site, whole and untouched, is the spare now
    assert snapshot(site) == clean_build(guide, big, tmp_path / "clean")


def test_a_tampered_or_stray_file_in_the_spare_is_never_published(
    big: Path, guide: Guide, tmp_path: Path
) -> None:
    """Nothing in the spare is trusted: a file is kept only with exactly the wanted bytes,
    anything this build does not write is removed before the swap."""
    counts(guide("build", "--root", big))
    edit(big / "content/articles/legs-first.md", "absorb landings", "soak up every landing")
    counts(guide("build", "--root", big))
    spare = _spare(big)
    (spare / PAGE).unlink()
    (spare / PAGE).write_bytes(b"<p>junk</p>")
    (spare / "stray.html").write_text("not part of the site")
    (spare / "articles/retired").mkdir()
    (spare / "articles/retired/index.html").write_text("an old page")
    edit(big / "content/articles/legs-first.md", "soak up every landing", "land softly")
    counts(guide("build", "--root", big))
    assert snapshot(big / "site") == clean_build(guide, big, tmp_path / "clean")
    assert not (big / "site/articles/retired").exists()


def test_a_spare_that_is_a_link_is_neither_used_nor_followed(
    big: Path, guide: Guide, tmp_path: Path
) -> None:
    """A link in the spare's place could lead anywhere: it is left alone, never written into."""
    counts(guide("build", "--root", big))
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("mine")
    _spare(big).symlink_to(outside, target_is_directory=True)
    edit(big / "content/articles/legs-first.md", "absorb landings", "soak up every landing")
    counts(guide("build", "--root", big))
    assert sorted(p.name for p in outside.iterdir()) == ["keep.txt"]
    assert (outside / "keep.txt").read_text() == "mine"
    assert snapshot(big / "site") == clean_build(guide, big, tmp_path / "clean")


def test_an_edit_rewrites_one_part_of_the_cache(big: Path, guide: Guide, tmp_path: Path) -> None:
    """The cache is kept in parts by path: after one article's edit only its part is written
    again, the other files are the very same (inode and bytes), and the build equals a clean one."""
    counts(guide("build", "--root", big))
    parts = state_file(big).with_name("state-parts")
    before = {p.name: (p.stat().st_ino, p.read_bytes()) for p in parts.iterdir()}
    assert len(before) > 3
    edit(big / "content/articles/legs-first.md", "absorb landings", "soak up every landing")
    counts(guide("build", "--root", big))
    after = {p.name: (p.stat().st_ino, p.read_bytes()) for p in parts.iterdir()}
    assert len(after) == len(before)
    assert len(set(after) - set(before)) == 1  # the edited file's part, under a new name
    assert sum(after[name] == before.get(name) for name in after) == len(before) - 1
    assert snapshot(big / "site") == clean_build(guide, big, tmp_path / "clean")
    warm = counts(guide("build", "--root", big))
    assert warm.drawn == 0


@pytest.mark.parametrize(
    "damage", [_garbage, _truncated, _empty], ids=["garbage", "truncated", "empty"]
)
def test_compiled_templates_are_kept_and_a_damaged_one_is_compiled_again(
    big: Path, guide: Guide, reference: dict[str, bytes], damage: Callable[[Path], None]
) -> None:
    """Jinja keeps compiled templates in .cache/build/templates; a damaged file is ignored."""
    counts(guide("build", "--root", big))
    compiled = sorted((big / CACHE_FOLDER / "templates").iterdir())
    assert len(compiled) >= 5
    for path in compiled:
        damage(path)
    edit(big / "content/articles/legs-first.md", "absorb landings", "soak up every landing")
    result = guide("build", "--root", big)
    assert counts(result).drawn >= 1
    assert "Traceback" not in result.err
    (big / "content/articles/legs-first.md").write_text(
        (big / "content/articles/legs-first.md")
        .read_text()
        .replace("soak up every landing", "absorb landings")
    )
    counts(guide("build", "--root", big))
    assert snapshot(big / "site") == reference


def test_a_link_inside_the_spare_is_never_written_through(
    big: Path, guide: Guide, tmp_path: Path
) -> None:
    """A page folder in the spare replaced by a link to another folder: the next build, which
    redraws that page, writes nothing there (a spare with links is not used at all)."""
    counts(guide("build", "--root", big))
    edit(big / "content/articles/legs-first.md", "absorb landings", "soak up every landing")
    counts(guide("build", "--root", big))
    outside = _linked_elsewhere(_spare(big) / "articles/generated-10", tmp_path)
    _redraw_page_and_compare(big, guide, tmp_path, outside)


def _linked_elsewhere(folder: Path, tmp_path: Path) -> Path:
    """Replace ``folder`` by a link to a folder elsewhere holding one file; that folder."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "index.html").write_text("not the guide's")
    shutil.rmtree(folder)
    folder.symlink_to(outside, target_is_directory=True)
    return outside


def _redraw_page_and_compare(big: Path, guide: Guide, tmp_path: Path, outside: Path) -> None:
    """Edit the article of PAGE and build: ``outside`` is untouched, the site a clean build's."""
    article = big / "content/articles/generated-10.md"
    article.write_text(article.read_text() + "\nA new closing line about hill sprints.\n")
    counts(guide("build", "--root", big))
    assert sorted(p.name for p in outside.iterdir()) == ["index.html"]
    assert (outside / "index.html").read_text() == "not the guide's"
    assert snapshot(big / "site") == clean_build(guide, big, tmp_path / "clean")


def _workspace(root: Path) -> Path:
    return root / ".site-search"


def test_search_sites_of_links_are_kept_and_only_brought_up_to_date(
    big: Path, guide: Guide, tmp_path: Path
) -> None:
    """Pagefind reads each shard's pages through a site of hard links kept beside site/: an
    edit relinks the edited page only, and the index equals a clean build's."""
    counts(guide("build", "--root", big))
    shard = _workspace(big) / "shard-0"
    unchanged, edited = shard / PAGE, shard / "articles/legs-first/index.html"
    before = (unchanged.stat().st_ino, edited.stat().st_ino)
    edit(big / "content/articles/legs-first.md", "absorb landings", "soak up every landing")
    counts(guide("build", "--root", big))
    assert unchanged.stat().st_ino == before[0]
    assert edited.stat().st_ino != before[1]
    assert edited.samefile(big / "site/articles/legs-first/index.html")
    assert snapshot(big / "site") == clean_build(guide, big, tmp_path / "clean")


def test_a_page_planted_in_the_search_workspace_is_never_indexed(
    big: Path, guide: Guide, tmp_path: Path
) -> None:
    """A page that is not the site's, put in a shard's site of links, is removed before
    Pagefind runs again: the index equals a clean build's."""
    counts(guide("build", "--root", big))
    stray = _workspace(big) / "shard-0/planted/index.html"
    stray.parent.mkdir()
    stray.write_text(
        '<html lang="en"><body><main data-pagefind-body>zqplanted</main></body></html>'
    )
    edit(big / "content/articles/legs-first.md", "absorb landings", "soak up every landing")
    counts(guide("build", "--root", big))
    assert not stray.exists()
    assert snapshot(big / "site") == clean_build(guide, big, tmp_path / "clean")


def test_a_link_in_the_search_workspace_is_never_followed(
    big: Path, guide: Guide, tmp_path: Path
) -> None:
    """A page folder in a shard's site of links replaced by a link to a folder elsewhere: the
    site of links is made again, the folder elsewhere untouched."""
    counts(guide("build", "--root", big))
    outside = _linked_elsewhere(_workspace(big) / "shard-0/articles/generated-10", tmp_path)
    _redraw_page_and_compare(big, guide, tmp_path, outside)


@pytest.mark.parametrize(
    ("before", "route"),
    [("a", "a/index.html"), ("a/index.html", "a")],
    ids=["file-becomes-folder", "folder-becomes-file"],
)
def test_the_spare_gives_way_where_a_file_and_a_folder_swap(
    tmp_path: Path, before: str, route: str
) -> None:
    """A path that was a file in the spare and is a folder in this build (or the other way
    round) is replaced, and nothing of the old shape is published."""
    spare = tmp_path / ".site-spare"
    (spare / before).parent.mkdir(parents=True, exist_ok=True)
    (spare / before).write_text("the old shape")
    with StagedSite(tmp_path / "site") as staged:
        assert staged.from_spare
        staged.write(route, b"the new shape")
        staged.publish([route])
    assert snapshot(tmp_path / "site") == {route: b"the new shape"}
