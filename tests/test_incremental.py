"""Preview rebuilds: after any sequence of edits, the output equals a clean build byte for byte."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.core.diagnostics import BuildFailed
from generator.preview.incremental import IncrementalBuilder
from tests.conftest import FIXTURES, REPO, snapshot

BASE = "http://127.0.0.1:8000/"
ARTICLES = ["legs-first", "single-legs"]
CARDS = ["goblet-squat", "split-squat"]


def _edit(root: Path, kind: str, slug: str, edit: str, n: int) -> None:
    folder = "articles" if kind == "article" else "exercises"
    path = root / "content" / folder / f"{slug}.md"
    if not path.exists():
        return
    text = path.read_text()
    if edit == "body":
        path.write_text(text + f"\nAnother paragraph number {n}.\n")
    elif edit == "title":
        head, _, rest = text.partition("title: ")
        old_title, _, tail = rest.partition("\n")
        path.write_text(f"{head}title: {old_title.split(' v')[0]} v{n}\n{tail}")
    elif edit == "tag":
        path.write_text(text.replace("tags: [", f"tags: [t{n % 3}, ", 1))
    elif edit == "break":
        path.write_text(text + "\nSee [[no-such-page]].\n")
    elif edit == "unbreak":
        path.write_text(text.replace("\nSee [[no-such-page]].\n", "\n"))
    elif edit == "summary":
        path.write_text(text.replace("summary: ", f"summary: ({n}) ", 1))
    elif edit == "link":
        path.write_text(text + f"\nCompare [[exercise:goblet-squat|variant {n}]].\n")
    elif edit == "unlink":
        path.write_text(text.replace("[[split-squat]]", "the split squat"))


def _new_article(root: Path, n: int) -> None:
    (root / "content/articles" / f"extra-{n}.md").write_text(
        f"---\ntitle: Extra {n}\nsummary: More.\ndate: 2026-03-0{n % 9 + 1}\ntags: [knee]\n---\n"
        f"Uses [[exercise:split-squat]].\n"
    )


EDITS = st.lists(
    st.tuples(
        st.sampled_from([("article", s) for s in ARTICLES] + [("exercise", s) for s in CARDS]),
        st.sampled_from(
            [
                "body",
                "title",
                "tag",
                "break",
                "unbreak",
                "summary",
                "link",
                "unlink",
                "new",
                "delete",
                "muscle",
                "template",
            ]
        ),
    ),
    min_size=1,
    max_size=8,
)


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(edits=EDITS)
def test_random_edit_sequences_match_a_clean_build(
    tmp_path: Path, edits: list[tuple[tuple[str, str], str]]
) -> None:
    run = Path(tempfile.mkdtemp(dir=tmp_path))  # hypothesis may replay an example
    root = run / "project"
    shutil.copytree(FIXTURES / "mini" / "content", root / "content")
    shutil.copytree(REPO / "templates", root / "templates")
    live = IncrementalBuilder(root, run / "live", BASE, drafts=True, dev=True)
    live.rebuild()
    for n, ((kind, slug), edit) in enumerate(edits):
        saved = f"content/{kind}s/{slug}.md"  # what the watcher reports
        if edit == "new":
            _new_article(root, n)
            saved = f"content/articles/extra-{n}.md"
        elif edit == "muscle":
            saved = "content/muscles.yaml"
            muscles = root / "content/muscles.yaml"
            muscles.write_text(
                muscles.read_text().replace("The largest hip extensor.", f"Hip extensor {n}.")
            )
        elif edit == "template":
            saved = "templates/base.html"
            footer = root / "templates/base.html"
            footer.write_text(footer.read_text().replace("</footer>", f"<!-- {n} --></footer>", 1))
        elif edit == "delete":
            (root / "content" / f"{kind}s" / f"{slug}.md").unlink(missing_ok=True)
        else:
            _edit(root, kind, slug, edit, n)
        # The fast path first, as guide serve does; an edit it takes must not break the build,
        # and the full rebuild must write exactly the page it drew.
        quick = live.quick(saved)
        drawn = (run / "live" / quick).read_bytes() if quick else b""
        with contextlib.suppress(BuildFailed):  # the preview keeps its last good output
            live.rebuild()
            if quick:
                assert (run / "live" / quick).read_bytes() == drawn
                continue
        assert not quick, "the fast path took an edit that does not build"
    try:
        clean = IncrementalBuilder(root, run / "clean", BASE, drafts=True, dev=True)
        clean.rebuild()
    except BuildFailed:
        return  # the final content does not build; nothing to compare
    assert snapshot(run / "live") == snapshot(run / "clean")
