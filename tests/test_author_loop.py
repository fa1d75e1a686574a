"""Issue 17: the author's loop, defect by defect (each test failed before its fix)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import CliResult

Guide = Callable[..., CliResult]
ARTICLE = "content/articles/legs-first.md"


def _edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text()
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1))


# 3. Plain Markdown links and images are checked; remote images are reported.


def test_broken_markdown_links_images_and_anchors_are_errors(project: Path, guide: Guide) -> None:
    _edit(
        project,
        ARTICLE,
        "Strong legs absorb landings.",
        "![A runner](/static/trail-clmb.png) [x](/exercises/goblet-sqat/) [y](#no-such-heading)\n"
        "[ok](/exercises/goblet-squat/#cues-heading) [ok](#where-to-begin) ![ok](/static/runner.png)\n"
        "[ok](../single-legs/) [z](/exercises/split-squat/#nowhere) [w](https://example.org/x)\n\n"
        "Strong legs absorb landings.",
    )
    result = guide("check", "--root", project)
    assert result.code == 1
    errors = [line for line in result.err.splitlines() if ": error: " in line]
    assert errors == [
        f"{ARTICLE}:8:13: error: broken image '/static/trail-clmb.png': the guide has no file"
        " /static/trail-clmb.png [broken-link]",
        f"{ARTICLE}:8:41: error: broken link '/exercises/goblet-sqat/': the guide has no page"
        " /exercises/goblet-sqat/ [broken-link]",
        f"{ARTICLE}:8:70: error: broken link '#no-such-heading': /articles/legs-first/ has no"
        " heading or element '#no-such-heading' [broken-link]",
        f"{ARTICLE}:10:27: error: broken link '/exercises/split-squat/#nowhere':"
        " /exercises/split-squat/ has no heading or element '#nowhere' [broken-link]",
    ]
    assert "hint: did you mean '/exercises/goblet-squat/'?" in result.err


def test_remote_image_is_reported_because_the_csp_blocks_it(project: Path, guide: Guide) -> None:
    _edit(project, ARTICLE, "Strong legs", "![A hill](https://example.com/hill.jpg) Strong legs")
    result = guide("check", "--root", project)
    assert result.code == 0
    assert (
        f"{ARTICLE}:8:11: warning: remote image 'https://example.com/hill.jpg' will not load"
        in result.err
    )
    assert "[remote-image]" in result.err
