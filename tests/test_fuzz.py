"""Property-based fuzzing of one article: whatever a contributor writes, the build stays in control.

Hypothesis writes arbitrary front matter (text plus YAML-ish fragments) and Markdown
bodies (text plus cross-reference, HTML and link fragments) as an article in a copy of
the mini project. ``guide check`` must answer 0 or 1 with well-formed diagnostics and
never a traceback; when the article builds, every page must run only our scripts.
The budget is bounded (80 checks, 40 builds) so the file runs in well under a minute.

Each example gets its own throwaway project (tempfile), so Hypothesis can replay and
shrink examples freely. One known bug that fuzzing can reach is pinned deterministically
in test_hostile.py instead (test_diagnostics_never_span_lines): a diagnostic whose message
echoes a value with a newline is tolerated here as continuation lines.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generator.cli import main
from tests.conftest import FIXTURES, REPO
from tests.test_hostile import audit_html

ARTICLE = "content/articles/fuzz.md"
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

_YAML_BITS = [
    ":", ": ", "- ", "[", "]", "{", "}", ",", "&a ", "*a", "&b [*a, *a]", "!!str ", "!!binary ",
    "!!python/object/apply:os.system ", "!!map ", "!local ", "'", '"', "\t", "\n", "\n  ", "  ",
    "#", "<<: ", "? ", "|", ">-", "---", "...", "%YAML 1.1\n", "title", "summary", "date", "tags",
    "series", "draft", "2026-01-01", "2026-02-30", "null", "~", "yes", "off", "0x1F", "1e400",
    ".inf", "@", "`", "\\", "\ufeff", "\r\n",
]  # fmt: skip
_MARKDOWN_BITS = [
    "[[", "]]", "![[", "|", "exercise:", "article:", "muscle:", "region:", "plan:", "goblet-squat",
    "legs-first", "glute-med", "<script>", "</script>", "<img src=x onerror=alert(1)>", "<!--",
    "-->", "<iframe src=//evil>", "javascript:", "JaVaScRiPt:", "data:text/html,", "vbscript:",
    "&#x61;", "&#106;", "&colon;", "](", "[", "]", "(", ")", "<", ">", '"', "'", "`", "```",
    "~~~", "#", "## ", "#### ", "\n", "\n\n", "*", "_", "~~", "> ", "- ", "1. ", "[^1]",
    "[^1]: ", "---", "    ", "\t", "http://", "https://x.org/", "mailto:", "/static/",
    "![alt](", "{{ 7*7 }}", "{% raw %}", "\\", "|---|", "\r\n", "\u2028",
]  # fmt: skip


_ANY_TEXT = st.text(max_size=8)  # any character at all (surrogates cannot be saved as UTF-8)
# Characters YAML accepts unescaped, for titles that should let the article build.
_YAML_CHARS = st.characters(exclude_categories=("Cs", "Cc"), exclude_characters="\ufffe\uffff")
_YAML_TEXT = st.text(_YAML_CHARS, max_size=8)


def _fragments(
    bits: list[str], size: int, text: st.SearchStrategy[str] = _ANY_TEXT, min_size: int = 0
) -> st.SearchStrategy[str]:
    piece = st.one_of(st.sampled_from(bits), text)
    return st.lists(piece, min_size=min_size, max_size=size).map("".join)


front_matter = st.one_of(
    _fragments(_YAML_BITS, 30),
    _fragments(_YAML_BITS, 12).map(lambda s: "title: T\nsummary: S.\ndate: 2026-01-01\n" + s),
)
# Bodies: whole hostile constructs (links with every scheme trick, raw tags with handlers,
# cross-references) mixed with loose fragments and arbitrary text (any character at all:
# the body is not YAML), joined by spaces or line breaks.
_SHORT = st.text(max_size=6)
_SCHEMES = st.sampled_from(
    ["javascript:", "JaVaScRiPt:", " javascript:", "jav&#x61;script:", "&#106;avascript:",
     "java\tscript:", "vbscript:", "data:text/html,", "data:image/svg+xml,", "file:///",
     "http://", "https://x.org/", "mailto:", "/static/", "//evil.example/", "#", ""]
)  # fmt: skip
_links = st.builds(
    lambda bang, text, scheme, rest, title: f"{bang}[{text}]({scheme}{rest}{title})",
    st.sampled_from(["", "!"]), _SHORT, _SCHEMES, _SHORT,
    st.sampled_from(["", ' "t"', " 'x\" onmouseover=\"alert(1)'"]),
)  # fmt: skip
_autolinks = st.builds(lambda scheme, rest: f"<{scheme}{rest}>", _SCHEMES, _SHORT)
_references = st.builds(
    lambda label, scheme, rest: f"[{label}][r]\n\n[r]: {scheme}{rest}\n", _SHORT, _SCHEMES, _SHORT
)
_tags = st.builds(
    lambda tag, attr, value, close: f"<{tag} {attr}={value}>{close}",
    st.sampled_from(["script", "img", "iframe", "a", "svg", "style", "object", "body", "math"]),
    st.sampled_from(["src", "href", "onerror", "onload", "style", "srcdoc", "xlink:href"]),
    st.sampled_from(["x", "javascript:alert(1)", '"alert(1)"', "'//evil'"]),
    st.sampled_from(["", "</script>", "alert(1)</script>", "</a>"]),
)  # fmt: skip
_LABELS = st.sampled_from(
    [
        "",
        "|label",
        "|<script>alert(1)</script>",
        '|"><img src=x onerror=alert(1)>',
        "|[x](javascript:y)",
    ]
)
_xrefs = st.builds(  # mostly broken: any kind, any slug
    lambda bang, kind, slug, label: f"{bang}[[{kind}{slug}{label}]]",
    st.sampled_from(["", "!"]),
    st.sampled_from(["", "exercise:", "article:", "muscle:", "region:", "plan:", "bogus:"]),
    st.sampled_from(["goblet-squat", "legs-first", "glute-med", "thigh", "nope", "../x", "<b>"]),
    _LABELS,
)  # fmt: skip
_good_xrefs = st.one_of(  # all resolve, so that the article still builds
    st.builds(
        lambda target, label: f"[[{target}{label}]]",
        st.sampled_from(["goblet-squat", "exercise:split-squat", "article:legs-first",
                         "muscle:glute-med", "region:thigh"]),
        _LABELS,
    ),
    st.just("\n![[exercise:split-squat]]\n"),
)  # fmt: skip


def _bodies(xrefs: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    pieces = st.one_of(
        _links, _autolinks, _references, _tags, xrefs, st.sampled_from(_MARKDOWN_BITS), _ANY_TEXT
    )
    gaps = st.sampled_from(["", " ", "\n", "\n\n"])
    return st.lists(st.tuples(pieces, gaps), max_size=20).map(
        lambda parts: "".join(piece + gap for piece, gap in parts)
    )


bodies = _bodies(_xrefs)
buildable_bodies = _bodies(_good_xrefs)  # for the build test: no broken cross-references
documents = st.one_of(
    bodies.map(lambda b: f"---\ntitle: T\nsummary: S.\ndate: 2026-01-01\n---\n{b}"),
    st.tuples(front_matter, bodies).map(lambda fb: f"---\n{fb[0]}\n---\n{fb[1]}"),
    _fragments(["---\n", "\n"], 40),  # front matter missing, unclosed, or odd
)

_DIAGNOSTIC = re.compile(r"^content/\S+:\d+:\d+: (error|warning): \S")
_SUMMARY = re.compile(r"^(\d+) error\(s\), (\d+) warning\(s\)$")
_FAILED = ("build failed; nothing was written", "check failed")  # build, check


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def _check_report(code: int, err: str) -> None:
    """The stderr contract: located diagnostics, 4-space hints, a summary, no traceback."""
    assert "Traceback" not in err
    assert code in (0, 1), err
    lines = err.splitlines()
    summaries = [m for m in map(_SUMMARY.match, lines) if m]
    errors = int(summaries[-1][1]) if summaries else 0
    assert code == (1 if errors else 0), err
    in_diagnostic = False
    for line in lines:
        if ": error: " in line or ": warning: " in line:
            assert _DIAGNOSTIC.match(line), line
            in_diagnostic = True
        elif line.startswith("    hint: "):
            assert in_diagnostic, f"hint without a diagnostic: {line!r}"
        elif _SUMMARY.match(line) or line in _FAILED:
            in_diagnostic = False
        else:  # the rest of a message that echoed a value with a newline (see module doc)
            assert in_diagnostic, f"stray stderr line: {line!r}"
    assert any(line in _FAILED for line in lines) == (code == 1)


@contextlib.contextmanager
def _project() -> Iterator[Path]:
    """A throwaway copy of the mini project with the real templates."""
    with tempfile.TemporaryDirectory(prefix="fuzz-") as scratch:
        root = Path(scratch) / "mini"
        shutil.copytree(FIXTURES / "mini" / "content", root / "content")
        shutil.copytree(REPO / "templates", root / "templates")
        yield root


@settings(FUZZ, max_examples=80)  # a check is cheap: ~30 ms
@given(document=documents)
def test_check_survives_any_article(document: str) -> None:
    with _project() as project:
        (project / ARTICLE).write_text(document, encoding="utf-8")
        code, _, err = _run("check", "--root", str(project))
    event(f"guide check exit {code}")
    _check_report(code, err)


titles = st.one_of(
    st.text(_YAML_CHARS, min_size=1, max_size=40),
    _fragments(_MARKDOWN_BITS, 8, _YAML_TEXT, min_size=2),  # json.dumps escapes their controls
).filter(lambda t: t.strip() != "")


@FUZZ
@given(title=titles, summary=titles, body=buildable_bodies)
def test_built_pages_run_only_our_scripts(title: str, summary: str, body: str) -> None:
    head = (
        f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n"
        f"summary: {json.dumps(summary, ensure_ascii=False)}\ndate: 2026-01-01\ntags: [knee]\n---\n"
    )
    with _project() as project:
        (project / ARTICLE).write_text(head + body, encoding="utf-8")
        out = project / "site"
        code, _, err = _run("build", "--root", str(project))
        event(f"guide build exit {code}")
        _check_report(code, err)
        if code != 0:
            return
        pages = sorted(out.rglob("*.html"))
        assert out / "articles/fuzz/index.html" in pages
        for page in pages:
            assert audit_html(page.read_text(encoding="utf-8")) == [], page.relative_to(out)
