"""The author's loop: save one article, time until its page is rewritten, and until all is.

Runs what ``guide serve`` runs on a save (no HTTP, no browser): the fast path
(``quick.py``), then the full incremental rebuild. Edits one article's text N
times and reports the median time from the save to the page being on disk and
to the whole preview being rebuilt, beside the median cold full build (with
search), in one run. The real guide by default; ``--root`` takes a bench
corpus. A benchmark, never a test.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from generator.build import BuildOptions, build
from generator.core.parallel import default_jobs
from generator.preview.incremental import IncrementalBuilder

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "content/articles/calves-and-ankles.md"
RESULTS = ROOT / "bench" / "results"


def _full_builds(root: Path, runs: int) -> list[float]:
    """Cold builds as ``guide build`` does them: every core, no cache, with search."""
    timings = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            build(BuildOptions(root=root, out=Path(folder) / "site", jobs=default_jobs()))
            timings.append(time.perf_counter() - started)
    return timings


@dataclass
class Edits:
    """Per save: until the page is on disk, until the whole preview is rebuilt."""

    page: list[float] = field(default_factory=list)
    everything: list[float] = field(default_factory=list)
    fast_path: int = 0  # saves the fast path took (quick.py)
    rendered: list[int] = field(default_factory=list)  # pages the full rebuild drew


def _edits(root: Path, article_path: str, runs: int) -> Edits:
    """What ``guide serve`` does on a save: the fast path, then the full incremental rebuild."""
    out = Path(tempfile.mkdtemp())
    builder = IncrementalBuilder(root, out, "http://127.0.0.1:8000/", drafts=True, dev=True)
    builder.rebuild()
    article = root / article_path
    page = out / "articles" / article.stem / "index.html"
    original = article.read_text()
    edits = Edits()
    try:
        for n in range(runs):
            article.write_text(original + f"\nEdited paragraph {n}.\n")
            started = time.perf_counter()
            quick = builder.quick(article_path)
            if quick is not None:
                edits.page.append(time.perf_counter() - started)
                edits.fast_path += 1
                assert f"Edited paragraph {n}." in page.read_text()
            builder.rebuild()
            if quick is None:
                edits.page.append(time.perf_counter() - started)
            edits.everything.append(time.perf_counter() - started)
            assert f"Edited paragraph {n}." in page.read_text()
            edits.rendered.append(builder.rendered)
    finally:
        article.write_text(original)
        shutil.rmtree(out, ignore_errors=True)
    return edits


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--full-runs", type=int, default=5)
    parser.add_argument("--root", type=Path, default=ROOT, help="project (e.g. a bench corpus)")
    parser.add_argument("--article", default=ARTICLE, help="the article to edit, in --root")
    parser.add_argument("--output", type=Path, default=RESULTS / "edit-latency.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "guide"
        for name in ("content", "templates"):
            shutil.copytree(args.root / name, root / name)
        full = _full_builds(root, args.full_runs)
        edits = _edits(root, args.article, args.runs)
        articles = len(list((root / "content" / "articles").glob("*.md")))
    page, everything = statistics.median(edits.page), statistics.median(edits.everything)
    result = {
        "project": "the guide" if args.root == ROOT else args.root.name,
        "articles": articles,
        "full_build_s": round(statistics.median(full), 3),
        "edit_to_page_ms": round(1000 * page, 1),
        "edit_to_everything_ms": round(1000 * everything, 1),
        "fast_path_saves": f"{edits.fast_path} of {len(edits.page)}",
        "pages_rendered_per_edit": statistics.median(edits.rendered),
        "ratio": round(page / statistics.median(full), 4),
        "runs": {
            "full": [round(t, 3) for t in full],
            "page": [round(t, 4) for t in edits.page],
            "everything": [round(t, 4) for t in edits.everything],
        },
    }
    print(f"full build (cold, with search): {result['full_build_s']} s (median of {len(full)})")
    print(f"save -> page written: {result['edit_to_page_ms']} ms (median of {len(edits.page)}; "
          f"fast path {result['fast_path_saves']}); ratio {result['ratio']:.1%}")  # fmt: skip
    print(f"save -> whole preview rebuilt: {result['edit_to_everything_ms']} ms, "
          f"{result['pages_rendered_per_edit']} pages rendered")  # fmt: skip
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=1, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
