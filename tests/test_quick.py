"""The preview's fast path: a save that changes only its own page is drawn at once, and only then."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.core.diagnostics import BuildFailed
from generator.preview.incremental import IncrementalBuilder
from tests.conftest import FIXTURES, REPO, snapshot

BASE = "http://127.0.0.1:8000/"
ARTICLE = "content/articles/legs-first.md"
PAGE = "articles/legs-first/index.html"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "mini" / "content", root / "content")
    shutil.copytree(REPO / "templates", root / "templates")
    return root


def _live(project: Path) -> IncrementalBuilder:
    live = IncrementalBuilder(project, project.parent / "live", BASE, drafts=True, dev=True)
    live.rebuild()
    return live


def _change(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def _clean(project: Path) -> dict[str, bytes]:
    clean = IncrementalBuilder(project, project.parent / "clean", BASE, drafts=True, dev=True)
    clean.rebuild()
    return snapshot(project.parent / "clean")


def test_a_text_edit_is_drawn_at_once_and_the_rebuild_agrees(project: Path) -> None:
    """The page is written by the fast path; the full rebuild then writes the same bytes."""
    live = _live(project)
    _change(project / ARTICLE, "Strong legs absorb landings.", "Strong legs soak up landings.")
    assert live.quick(ARTICLE) == PAGE
    page = project.parent / "live" / PAGE
    drawn = page.read_bytes()
    assert b"soak up landings" in drawn
    live.rebuild()
    assert page.read_bytes() == drawn
    assert snapshot(project.parent / "live") == _clean(project)


def test_a_card_text_edit_is_drawn_at_once(project: Path) -> None:
    live = _live(project)
    card = project / "content/exercises/goblet-squat.md"
    text = card.read_text()
    card.write_text(text + "\nKeep the weight close to the chest.\n")
    assert live.quick("content/exercises/goblet-squat.md") == "exercises/goblet-squat/index.html"
    live.rebuild()
    assert snapshot(project.parent / "live") == _clean(project)


def _retitle(path: Path) -> None:
    _change(path, "title: ", "title: New ")


def _new_link(path: Path) -> None:
    path.write_text(path.read_text() + "\nSee [[muscle:soleus]].\n")


def _broken_link(path: Path) -> None:
    path.write_text(path.read_text() + "\nSee [[no-such-page]].\n")


def _broken_yaml(path: Path) -> None:
    _change(path, "title: ", "title: [unclosed\n")


def _image_without_alt(path: Path) -> None:
    path.write_text(path.read_text() + "\n![](/static/a.png)\n")


def _skipped_heading(path: Path) -> None:
    path.write_text(path.read_text() + "\n#### Too deep\n")


def _new_source(path: Path) -> None:
    path.write_text(path.read_text() + "- Someone (2020). A new study. *A Journal*, 1:1-2.\n")


def _longer_read(path: Path) -> None:
    path.write_text(path.read_text() + "\n" + "More words to read here. " * 200 + "\n")


@pytest.mark.parametrize(
    "edit",
    [
        _retitle,
        _new_link,
        _broken_link,
        _broken_yaml,
        _image_without_alt,
        _skipped_heading,
        _longer_read,
        _new_source,
    ],
)
def test_edits_other_pages_show_or_a_lint_reports_take_the_full_rebuild(
    project: Path, edit: Callable[[Path], None]
) -> None:
    """Titles, links, reading time, problems: anything beyond the page's own text is refused."""
    live = _live(project)
    before = (project.parent / "live" / PAGE).read_bytes()
    edit(project / ARTICLE)
    assert live.quick(ARTICLE) is None
    assert (project.parent / "live" / PAGE).read_bytes() == before


def test_no_fast_path_after_a_failed_build_or_for_unknown_files(project: Path) -> None:
    """A failed build leaves no site to draw from; a new file is not the fast path's to add."""
    live = _live(project)
    _broken_link(project / ARTICLE)
    with pytest.raises(BuildFailed):
        live.rebuild()
    _change(project / ARTICLE, "\nSee [[no-such-page]].\n", "\n")
    assert live.quick(ARTICLE) is None  # the overlay must go by a full rebuild
    live.rebuild()
    new = project / "content/articles/brand-new.md"
    new.write_text("---\ntitle: New\nsummary: New.\ndate: 2026-01-02\n---\nText.\n")
    assert live.quick("content/articles/brand-new.md") is None
    assert live.quick("content/muscles.yaml") is None
    assert live.quick("templates/base.html") is None
