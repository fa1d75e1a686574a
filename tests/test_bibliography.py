"""The references page: every source once, with its citing articles; one source written two ways is a lint."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from generator.markdown.citations import citations, identity
from tests.conftest import CliResult

Guide = Callable[..., CliResult]

SHORT = "Bazyler et al. (2015). Strength training for endurance athletes: theory to practice. *Strength and Conditioning Journal*, 37(2):1-12."
LONG = "Bazyler, C. D., Abbott, H. A., Bellon, C. R., Taber, C. B., & Stone, M. H. (2015). Strength training for endurance athletes: theory to practice. *Strength and Conditioning Journal*, 37(2):1-12."
OTHER = "Beattie et al. (2017). The effect of strength training on performance indicators in distance runners. *Journal of Strength and Conditioning Research*, 31:9-23."


def test_citations_are_the_items_of_the_sources_section_only() -> None:
    body = "Intro\n\n- not a source\n\n## Sources\n\n- First (2001). A.\n* Second (2002). B.\n\n## After\n\n- not either\n"
    found = citations(body)
    assert [(c.text, c.line) for c in found] == [("First (2001). A.", 6), ("Second (2002). B.", 7)]
    assert found[0].key == identity("First (2001). A.")


def test_one_source_written_two_ways_has_one_identity() -> None:
    assert identity(SHORT) == identity(LONG) == ("bazyler", "2015", identity(LONG)[2])
    assert identity(SHORT) != identity(OTHER)
    vancouver = "Bazyler CD, Abbott HA (2015). Strength training for endurance athletes: theory to practice. J."
    assert identity(vancouver) == identity(SHORT)


def _article(root: Path, slug: str, sources: list[str]) -> None:
    items = "\n".join(f"- {s}" for s in sources)
    (root / "content" / "articles" / f"{slug}.md").write_text(
        f"---\ntitle: {slug.title()}\nsummary: An article about {slug}.\ndate: 2026-01-10\n---\n"
        f"Train the [[exercise:goblet-squat|goblet squat]].\n\n## Sources\n\n{items}\n"
    )


def test_the_references_page_lists_each_source_once_with_its_articles(
    project: Path, guide: Guide
) -> None:
    _article(project, "first", [LONG, OTHER])
    _article(project, "second", [LONG])
    out = project / "site"
    assert guide("build", "--root", project, "--out", out, "--no-search").code == 0
    page = (out / "references" / "index.html").read_text()
    entries = re.findall(r'<li id="([^"]+)">(.*?)</li>', page, re.S)
    anchors = [anchor for anchor, _ in entries]
    assert len(anchors) == len(set(anchors))
    bazyler = [html for anchor, html in entries if anchor.startswith("bazyler-2015")]
    assert len(bazyler) == 1
    assert "<em>Strength and Conditioning Journal</em>" in bazyler[0]
    assert '/articles/first/">First</a>, <a href="/guide/articles/second/">Second</a>' in bazyler[0]
    article = (out / "articles" / "second" / "index.html").read_text()
    assert 'href="/guide/references/">references page</a>' in article


def test_a_source_written_differently_is_reported_where_it_is(project: Path, guide: Guide) -> None:
    _article(project, "first", [LONG])
    _article(project, "second", [OTHER, SHORT])
    result = guide("check", "--root", project)
    assert result.code == 0
    assert (
        "content/articles/second.md:11:3: warning: source 'Bazyler et al. (2015). Strength training for endur'"
        " is written differently at content/articles/first.md:10 [duplicate-source]"
    ) in result.err
    assert "content/articles/second.md:10:3" not in result.err  # another source, written once
