"""Golden-directory test (after Pelican's): the mini fixture built and diffed file by file.

The search index (``pagefind/``) is checked to exist but left out of the
comparison: its bytes belong to Pagefind. Run ``UPDATE_GOLDEN=1 pytest tests/test_golden.py`` after an intended change to the
templates or the generator, then review the diff of ``tests/golden/`` like code.
"""

from __future__ import annotations

import difflib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from tests.conftest import CliResult, snapshot

GOLDEN = Path(__file__).parent / "golden" / "mini"


def test_mini_site_matches_golden_tree(project: Path, guide: Callable[..., CliResult]) -> None:
    result = guide("build", "--root", project, "--drafts")
    assert result.code == 0, result.err
    built = project / "site"
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(built, GOLDEN, ignore=shutil.ignore_patterns("pagefind"))
    actual = {
        name: data for name, data in snapshot(built).items() if not name.startswith("pagefind/")
    }
    expected = snapshot(GOLDEN)
    assert "pagefind/pagefind.js" in snapshot(
        built
    )  # indexed, but Pagefind's bytes are not ours to pin
    assert sorted(actual) == sorted(expected), "the set of files differs from the golden tree"
    for name, data in expected.items():
        if actual[name] != data:
            diff = difflib.unified_diff(
                data.decode(errors="replace").splitlines(),
                actual[name].decode(errors="replace").splitlines(),
                f"golden/{name}", f"built/{name}", lineterm="", n=2,
            )  # fmt: skip
            raise AssertionError("\n".join(list(diff)[:60]))
