"""Hostile content: what an untrusted contributor's pull request can and cannot do.

Threat model (see SECURITY.md): everything under ``content/`` may come from a
stranger's pull request and is built by CI with deploy rights; the result is read
in browsers. Each test plants one hostile input in a copy of ``tests/fixtures/mini``
and asserts the exact outcome: exit code, the located ``path:line:col`` diagnostic,
that nothing dangerous reached the output, and that a previously built ``site/``
is left byte for byte as it was when the build fails.

Tests marked ``xfail(strict=True, reason="BUG: ...")`` pin bugs that are still
open. They fail for the stated reason today and will XPASS (and so fail the run,
as a reminder to remove the mark) once the bug is fixed.
"""

from __future__ import annotations

import builtins
import gzip
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from generator.content.yamlsource import DEFAULT_MAX_NODES
from tests.conftest import FIXTURES, REPO, CliResult, snapshot

Guide = Callable[..., CliResult]

ASSETS = "/guide/assets/"  # the mini fixture's base_url is https://example.org/guide/
ARTICLE = "content/articles/x.md"
HEAD = "---\ntitle: Hostile\nsummary: A hostile article.\ndate: 2026-01-01\n---\n"  # body: line 6
# Body line 6 (the article-no-xref lint stays quiet), line 7 blank: hostile lines go on line 8.
XREF = "See [[exercise:goblet-squat]].\n\n"
SECRET = "TOPSECRET-7f3a9c"
FAILED = "build failed; nothing was written"
PAYLOAD = "</script><script>alert(1)</script> \"><img src=x onerror=alert(1)> it's"
UNSAFE_LINK = "removed: only http, https, mailto, relative and # links are allowed [unsafe-link]"


# --------------------------------------------------------------------------- helpers


class _Audit(HTMLParser):
    """Collects what a browser would treat as live in one HTML document."""

    _URL_ATTRIBUTES = frozenset(
        {"href", "src", "action", "formaction", "poster", "data", "cite", "background",
         "ping", "xlink:href", "srcset"}
    )  # fmt: skip
    _FORBIDDEN = frozenset(
        {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "style"}
    )

    def __init__(self, assets: str) -> None:
        super().__init__(convert_charrefs=True)
        self.assets = assets
        self.problems: list[str] = []
        self.text: list[str] = []
        self._script: dict[str, str | None] | None = None
        self._script_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, attrs)
        if tag == "script":
            self._script, self._script_text = dict(attrs), []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, attrs)
        if tag == "script":  # <script/> does not close in HTML: it is still a script element
            self._check_script(dict(attrs), "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self._check_script(self._script, "".join(self._script_text))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_text.append(data)
        else:
            self.text.append(data)

    def close(self) -> None:
        super().close()
        if self._script is not None:
            self.problems.append(f"unclosed <script {self._script}>")

    def _element(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._FORBIDDEN:
            self.problems.append(f"<{tag}> element")
        if tag == "meta":
            equiv = (dict(attrs).get("http-equiv") or "").lower()
            if equiv and equiv != "content-security-policy":
                self.problems.append(f"<meta http-equiv={equiv!r}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...> event handler")
            elif name == "style":
                self.problems.append(f"<{tag} style=...> inline style")
            elif name in self._URL_ATTRIBUTES and value is not None:
                candidates = value.split(",") if name == "srcset" else [value]
                for candidate in candidates:
                    scheme = url_scheme(candidate.strip().split(" ")[0])
                    if scheme not in (None, "http", "https", "mailto"):
                        self.problems.append(f"<{tag} {name}={value!r}> unsafe URL")

    def _check_script(self, attrs: dict[str, str | None], text: str) -> None:
        src, kind = attrs.get("src"), (attrs.get("type") or "").lower()
        if src is not None:
            if not src.startswith(self.assets) or kind not in ("", "module"):
                self.problems.append(f"<script src={src!r} type={kind!r}> is not one of ours")
        elif kind in ("application/ld+json", "application/json"):
            try:
                json.loads(text)
            except ValueError:
                self.problems.append(f"<script type={kind!r}> does not hold JSON: {text[:80]!r}")
        else:
            self.problems.append(f"inline <script type={kind!r}>: {text[:80]!r}")


def url_scheme(url: str) -> str | None:
    """The scheme a browser would see: controls and spaces trimmed, tabs and newlines removed."""
    cleaned = re.sub(r"[\t\n\r]", "", url).strip("".join(chr(c) for c in range(0x21)))
    match = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", cleaned)
    return match[1].lower() if match else None


def audit_html(html: str, assets: str = ASSETS) -> list[str]:
    """Everything live in ``html`` that the guide did not put there itself.

    Allowed: ``<script src>`` under our assets path, JSON data blocks that parse,
    http(s)/mailto/relative URLs; nothing else that runs, loads or restyles.
    """
    audit = _Audit(assets)
    audit.feed(html)
    audit.close()
    return audit.problems


def page_text(html: str) -> str:
    """The text a reader sees (entities decoded, scripts left out)."""
    audit = _Audit(ASSETS)
    audit.feed(html)
    audit.close()
    return "".join(audit.text)


def audit_site(site: Path) -> dict[str, list[str]]:
    """Problems per HTML page of a built site (only pages that have some)."""
    found = {}
    for page in sorted(site.rglob("*.html")):
        problems = audit_html(page.read_text(encoding="utf-8"))
        if problems:
            found[page.relative_to(site).as_posix()] = problems
    return found


def diagnostics(err: str, severity: str = "error") -> list[str]:
    """The printed diagnostics of one severity, each with its hint line if it has one."""
    blocks: list[str] = []
    for line in err.splitlines():
        if line.startswith("    hint: ") and blocks:
            blocks[-1] += "\n" + line
        elif re.match(r"^.+?:\d+:\d+: (error|warning): ", line):
            blocks.append(line)
    return [b for b in blocks if re.match(rf"^.+?:\d+:\d+: {severity}: ", b)]


def write(project: Path, rel: str, data: str | bytes) -> Path:
    path = project / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_bytes(data.encode("utf-8"))
    return path


def refused(project: Path, guide: Guide, *args: str | Path, command: str = "build") -> CliResult:
    """Run a build that must fail on content: exit 1, no traceback, ``site/`` untouched."""
    site = project / "site"
    before = snapshot(site)
    assert before, "the project must have a previous site/ for this check"
    result = guide(command, "--root", project, *args)
    assert result.code == 1, result.err
    assert "Traceback" not in result.err
    assert FAILED in result.err
    assert snapshot(site) == before
    assert not list(project.glob(".site-build-*"))
    return result


def tree(folder: Path) -> list[str]:
    """Every path (files and folders) below ``folder``."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini project built once; tests get copies of it (cheaper than a build each)."""
    root = tmp_path_factory.mktemp("pristine") / "mini"
    shutil.copytree(FIXTURES / "mini" / "content", root / "content")
    shutil.copytree(REPO / "templates", root / "templates")
    assert main(["build", "--root", str(root)]) == 0
    return root


@pytest.fixture
def built(pristine: Path, tmp_path: Path) -> Path:
    """A fresh copy of the mini project with a good build in site/."""
    root = tmp_path / "mini"
    shutil.copytree(pristine, root, symlinks=True)
    return root


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every file opened through ``open``/``Path.open`` while the test runs (resolved)."""
    seen: list[Path] = []
    real = io.open

    def spy(file: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, str | bytes | os.PathLike):
            seen.append(Path(os.fsdecode(file)).resolve())
        return real(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy)
    monkeypatch.setattr(io, "open", spy)
    return seen


def _secret(tmp_path: Path, opened: list[Path], name: str = "secret.md") -> Path:
    """A file outside the project whose contents must never be read (from here on)."""
    secret = tmp_path / "outside" / name
    secret.parent.mkdir(exist_ok=True)
    secret.write_text(
        f"---\ntitle: {SECRET}\nsummary: {SECRET}.\ndate: 2026-01-01\n---\n{SECRET}\n"
    )
    opened.clear()  # writing it does not count
    return secret


def _never_leaked(project: Path, result: CliResult, opened: list[Path], secret: Path) -> None:
    assert SECRET not in result.out + result.err
    assert secret.resolve() not in opened, "the symlink's target was opened"
    for data in snapshot(project / "site").values():
        assert SECRET.encode() not in data


# --------------------------------------------------------------------------- the auditor


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        '<script src="https://evil.example/x.js"></script>',
        '<script src="/guide/assets/../x.js" type="text/vbscript"></script>',
        '<script type="application/ld+json">{"a": </script>',
        "<script/>",
        "<img src=x onerror=alert(1)>",
        "<a href=' java&#x09;script:alert(1)'>x</a>",
        "<a href='JaVaScRiPt:alert(1)'>x</a>",
        "<img srcset='a.png 1x, javascript:alert(1) 2x'>",
        "<iframe src='https://evil.example/'></iframe>",
        "<meta http-equiv='refresh' content='0;url=https://evil.example/'>",
        "<p style='color:red'>x</p>",
        "<base href='https://evil.example/'>",
    ],
)
def test_the_audit_sees_live_markup(html: str) -> None:
    """The checks below are only as good as this auditor: it must flag each of these."""
    assert audit_html(html) != []


def test_the_audit_passes_our_own_pages(pristine: Path) -> None:
    site = pristine / "site"
    assert audit_site(site) == {}
    pages = [p.read_text() for p in site.rglob("*.html")]
    assert len(pages) > 20
    assert sum(p.count('type="application/ld+json"') for p in pages) >= 3


# --------------------------------------------------------------------------- raw HTML

RAW_HTML = [
    pytest.param("<script>alert(1)</script>", 1, "<script>", id="script"),
    pytest.param("Text <img src=x onerror=alert(1)> here.", 6, "<img>", id="img-onerror"),
    pytest.param('<iframe src="https://evil.example/"></iframe>', 1, "<iframe>", id="iframe"),
]


@pytest.mark.parametrize(("line", "column", "tag"), RAW_HTML)
def test_raw_html_is_shown_as_text(
    built: Path, guide: Guide, line: str, column: int, tag: str
) -> None:
    write(built, ARTICLE, HEAD + XREF + line + "\n")
    result = guide("build", "--root", built)
    assert result.code == 0, result.err
    page = (built / "site/articles/x/index.html").read_text()
    assert audit_html(page) == []
    assert line in page_text(page)  # shown to the reader as the characters typed
    assert audit_site(built / "site") == {}


@pytest.mark.parametrize(("line", "column", "tag"), RAW_HTML)
def test_raw_html_is_reported_at_its_place(
    project: Path, guide: Guide, line: str, column: int, tag: str
) -> None:
    write(project, ARTICLE, HEAD + XREF + line + "\n")
    result = guide("check", "--root", project)
    assert result.code == 0, result.err
    assert [w for w in diagnostics(result.err, "warning") if "[raw-html]" in w] == [
        f"{ARTICLE}:8:{column}: warning: raw HTML '{tag}' is shown as text, not rendered [raw-html]\n"
        + (
            "    hint: use Markdown, or allow the tag under markdown.allow_html in site.yaml"
            if tag == "<img>"
            else f"    hint: {tag} can never be allowed (it could run script); use Markdown"
        )
    ]


def _quiet_strict(project: Path) -> None:
    """Silence the lints the mini fixture trips (few muscles, an example.org address), so
    ``--strict`` passes on it."""
    site_yaml = project / "content/site.yaml"
    site_yaml.write_text(
        site_yaml.read_text() + "lints:\n  untrained-muscle: 'off'\n  placeholder: 'off'\n"
    )


def test_strict_baseline_passes(project: Path, guide: Guide) -> None:
    """The control for the --strict tests: without hostile input, --strict passes."""
    _quiet_strict(project)
    write(project, ARTICLE, HEAD + XREF)
    result = guide("build", "--root", project, "--strict")
    assert result.code == 0, result.err
    assert result.err == ""


def test_raw_html_fails_strict(project: Path, guide: Guide) -> None:
    _quiet_strict(project)
    assert guide("build", "--root", project, "--strict").code == 0
    write(project, ARTICLE, HEAD + XREF + "<script>alert(1)</script>\n")
    refused(project, guide, "--strict")


# --------------------------------------------------------------------------- unsafe links

LINKS = [
    # (markdown line 8, column of the URL as typed, the URL as the message prints it)
    pytest.param("Click [here](javascript:alert(1)) now.", 14, "javascript:alert(1)", id="javascript"),
    pytest.param("Click [here](vbscript:msgbox(1)) now.", 14, "vbscript:msgbox(1)", id="vbscript"),
    pytest.param(
        "Click [here](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) now.",
        14,
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        id="data-base64",
    ),
    pytest.param(
        "Click [here](data:text/html,<script>alert(1)</script>) now.",
        14,
        "data:text/html,%3Cscript%3Ealert(1)%3C/script%3E",  # as markdown-it normalised it
        id="data-html",
    ),
    pytest.param("Click [here](JAVASCRIPT:alert(1)) now.", 14, "JAVASCRIPT:alert(1)", id="upper-case"),
    pytest.param("Click [here]( javascript:alert(1)) now.", 15, "javascript:alert(1)", id="leading-space"),
    pytest.param(
        "Click [here](jav&#x61;script:alert(1)) now.", 14, "javascript:alert(1)", id="entity-encoded"
    ),
    pytest.param("Click <javascript:alert(1)> now.", 8, "javascript:alert(1)", id="autolink"),
    pytest.param("![here](javascript:alert(1))", 9, "javascript:alert(1)", id="image"),
]  # fmt: skip


@pytest.mark.parametrize(("line", "column", "shown"), LINKS)
def test_unsafe_link_is_never_emitted(
    built: Path, guide: Guide, line: str, column: int, shown: str
) -> None:
    write(built, ARTICLE, HEAD + XREF + line + "\n")
    result = guide("build", "--root", built)
    assert result.code == 0, result.err
    page = (built / "site/articles/x/index.html").read_text()
    assert audit_html(page) == []
    assert audit_site(built / "site") == {}
    assert "alert(1)" not in "".join(re.findall(r'(?:href|src)="([^"]*)"', page)).lower()


@pytest.mark.parametrize(("line", "column", "shown"), LINKS)
def test_unsafe_link_is_reported_at_its_place(
    project: Path, guide: Guide, line: str, column: int, shown: str
) -> None:
    write(project, ARTICLE, HEAD + XREF + line + "\n")
    result = guide("check", "--root", project)
    assert result.code == 0, result.err
    assert [w for w in diagnostics(result.err, "warning") if "[unsafe-link]" in w] == [
        f"{ARTICLE}:8:{column}: warning: link to '{shown}' {UNSAFE_LINK}\n"
        "    hint: link to a web page instead"
    ]


def test_unsafe_link_fails_strict(project: Path, guide: Guide) -> None:
    _quiet_strict(project)
    write(project, ARTICLE, HEAD + XREF + "Click [here](javascript:alert(1)) now.\n")
    result = guide("check", "--root", project, "--strict")
    assert result.code == 1
    assert f"{ARTICLE}:8:14: error: link to 'javascript:alert(1)' {UNSAFE_LINK}" in result.err


# --------------------------------------------------------------------------- front matter to HTML


def _plant_front_matter_payload(project: Path) -> None:
    quoted = json.dumps(PAYLOAD)
    write(
        project,
        ARTICLE,
        f"---\ntitle: {quoted}\nsummary: {json.dumps('S ' + PAYLOAD)}\ndate: 2026-01-01\n"
        "tags: [knee]\n---\nSee [[exercise:goblet-squat]] and [[article:legs-first]].\n\n"
        "![[exercise:goblet-squat]]\n",
    )
    card = project / "content/exercises/goblet-squat.md"
    text = card.read_text()
    for old, new in (
        ("title: Goblet squat", f"title: {json.dumps('G ' + PAYLOAD)}"),
        (
            "summary: A front-loaded squat for the quadriceps and glutes.",
            f"summary: {json.dumps('GS ' + PAYLOAD)}",
        ),
        ("  - Stand up tall.", f"  - {json.dumps('C ' + PAYLOAD)}"),
    ):
        assert old in text
        text = text.replace(old, new)
    card.write_text(text)


class _Head(HTMLParser):
    """The <h1> text, meta descriptions and JSON-LD of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.h1: list[str] = []
        self.meta: dict[str, str] = {}
        self.ld: list[Any] = []
        self._in: str | None = None
        self._data: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta":
            key = values.get("name") or values.get("property")
            if key:
                self.meta[key] = values.get("content") or ""
        elif tag == "h1" or (tag == "script" and values.get("type") == "application/ld+json"):
            self._in, self._data = tag, []

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in == "h1":
            self.h1.append("".join(self._data))
        elif tag == self._in == "script":
            self.ld.append(json.loads("".join(self._data)))
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in is not None:
            self._data.append(data)


def _head(page: Path) -> _Head:
    parsed = _Head()
    parsed.feed(page.read_text())
    parsed.close()
    return parsed


def test_front_matter_is_escaped_in_every_page(built: Path, guide: Guide) -> None:
    _plant_front_matter_payload(built)
    result = guide("build", "--root", built)
    assert result.code == 0, result.err
    site = built / "site"
    assert audit_site(site) == {}

    article = _head(site / "articles/x/index.html")
    assert "".join(article.h1) == PAYLOAD
    for key in ("description", "og:description", "twitter:description"):
        assert article.meta[key] == "S " + PAYLOAD
    assert article.meta["og:title"] == PAYLOAD
    assert [(ld["headline"], ld["description"]) for ld in article.ld] == [(PAYLOAD, "S " + PAYLOAD)]

    card = _head(site / "exercises/goblet-squat/index.html")
    assert "".join(card.h1) == "G " + PAYLOAD
    assert card.meta["description"] == "GS " + PAYLOAD
    (howto,) = card.ld
    assert (howto["name"], howto["description"]) == ("G " + PAYLOAD, "GS " + PAYLOAD)
    embedded = (site / "articles/x/index.html").read_text()
    assert "G " + PAYLOAD in page_text(embedded)  # the embedded card and the [[xref]] label


def test_front_matter_in_feed_titles_is_escaped(built: Path, guide: Guide) -> None:
    _plant_front_matter_payload(built)
    assert guide("build", "--root", built).code == 0
    feed = (built / "site/feed.xml").read_text()
    (entry,) = [e for e in feed.split("<entry>") if "/guide/articles/x/" in e]
    titles = re.findall(r"<title>([^<]*)</title>", entry)
    summaries = re.findall(r"<summary>([^<]*)</summary>", entry)
    assert [unescape(t) for t in titles] == [PAYLOAD]
    assert [unescape(s) for s in summaries] == ["S " + PAYLOAD]


def test_feed_is_well_formed_and_inert(built: Path, guide: Guide) -> None:
    _plant_front_matter_payload(built)
    body = (built / ARTICLE).read_text() + "\n<script>alert(2)</script>\n"
    write(built, ARTICLE, body)
    assert guide("build", "--root", built).code == 0
    atom = "{http://www.w3.org/2005/Atom}"
    root = ET.parse(built / "site/feed.xml").getroot()
    entries = root.findall(f"{atom}entry")
    assert entries
    for entry in entries:
        content = entry.find(f"{atom}content")
        assert content is not None
        assert content.get("type") == "html"
        assert list(content) == [], "HTML content must be escaped text, not XML elements"
        assert audit_html(content.text or "") == []
    titles = [e.findtext(f"{atom}title") for e in entries]
    assert PAYLOAD in titles


def test_template_syntax_in_content_is_literal(built: Path, guide: Guide) -> None:
    write(
        built,
        ARTICLE,
        '---\ntitle: "{{ 7*7 }} {% raw %}"\nsummary: "{{ config }}"\ndate: 2026-01-01\n---\n'
        + XREF
        + "{{ 7*7 }} {% include 'base.html' %} {{ site.root }}\n",
    )
    result = guide("build", "--root", built)
    assert result.code == 0, result.err
    text = page_text((built / "site/articles/x/index.html").read_text())
    assert "{{ 7*7 }} {% include 'base.html' %} {{ site.root }}" in text
    assert "49" not in text
    assert str(built) not in text


# --------------------------------------------------------------------------- YAML


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system",
        "!!python/object/new:os.system",
        "!!python/name:os.system",
        "!!python/module:os",
    ],
)
def test_python_tags_are_refused(built: Path, guide: Guide, tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "pwned"
    write(
        built,
        ARTICLE,
        f'---\ntitle: Hostile\nsummary: {tag} ["touch {marker}"]\ndate: 2026-01-01\n---\n{XREF}',
    )
    errors = diagnostics(refused(built, guide).err)
    assert (
        f"{ARTICLE}:3:10: error: YAML tag '{tag}' is not allowed here\n"
        "    hint: front matter is plain data: remove the tag"
    ) in errors
    assert all(e.startswith(f"{ARTICLE}:3:") for e in errors), errors
    assert not marker.exists()


def test_alias_bomb_is_refused(built: Path, guide: Guide) -> None:
    levels = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i, name in enumerate("bcdefghi"):
        prior = "abcdefghi"[i]
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{prior}"] * 9) + "]")
    write(
        built,
        ARTICLE,
        "---\ntitle: T\nsummary: S.\ndate: 2026-01-01\n" + "\n".join(levels) + "\n---\n" + XREF,
    )
    started = time.perf_counter()
    errors = diagnostics(refused(built, guide).err)
    assert time.perf_counter() - started < 20
    assert errors == [
        f"{ARTICLE}:2:1: error: YAML expands to more than {DEFAULT_MAX_NODES} values\n"
        "    hint: anchors and aliases ('&x', '*x') may not multiply the document; write it out"
    ]


def test_tab_indentation_is_explained(built: Path, guide: Guide) -> None:
    write(
        built,
        ARTICLE,
        "---\ntitle: T\nsummary: S.\ndate: 2026-01-01\ntags:\n\t- knee\n---\n" + XREF,
    )
    assert diagnostics(refused(built, guide).err) == [
        f"{ARTICLE}:6:1: error: invalid YAML: found character '\\t' that cannot start any token "
        "(while scanning for the next token)\n"
        "    hint: YAML indentation must use spaces, not tabs"
    ]


def test_duplicate_key_is_refused(built: Path, guide: Guide) -> None:
    write(built, ARTICLE, "---\ntitle: T\nsummary: S.\ndate: 2026-01-01\ntitle: U\n---\n" + XREF)
    assert diagnostics(refused(built, guide).err) == [
        f"{ARTICLE}:5:1: error: duplicate key 'title'\n"
        "    hint: each field may appear once; remove or merge the repeats"
    ]


def test_merge_key_is_refused(built: Path, guide: Guide) -> None:
    write(
        built,
        ARTICLE,
        "---\ntitle: T\nsummary: S.\ndate: 2026-01-01\n<<: {draft: false}\n---\n" + XREF,
    )
    assert diagnostics(refused(built, guide).err) == [
        f"{ARTICLE}:5:1: error: YAML merge keys ('<<') are not supported\n"
        "    hint: write the fields out in full"
    ]


def test_deeply_nested_yaml_is_a_located_error(built: Path, guide: Guide) -> None:
    write(
        built,
        ARTICLE,
        "---\ntitle: T\nsummary: S.\ndate: 2026-01-01\ntags: "
        + "[" * 500
        + "]" * 500
        + "\n---\n"
        + XREF,
    )
    assert diagnostics(refused(built, guide).err) == [
        f"{ARTICLE}:2:1: error: invalid YAML: nested too deeply\n"
        "    hint: front matter needs at most a few levels of lists and mappings"
    ]


@pytest.mark.parametrize("escape", ["\\ud83d", "\\ud83c\\udfc3"], ids=["lone", "json-pair"])
def test_surrogate_escape_is_a_located_error(built: Path, guide: Guide, escape: str) -> None:
    write(built, ARTICLE, f'---\ntitle: "Run {escape}"\nsummary: S.\ndate: 2026-01-01\n---\n{XREF}')
    assert diagnostics(refused(built, guide).err) == [
        f"{ARTICLE}:2:8: error: text contains an escape that is not a character (like the surrogate \\ud83d)\n"
        "    hint: type the character itself instead of its UTF-16 escape"
    ]


@pytest.mark.parametrize("character", ["\x7f", "\x00", "\x9b", "\ufffe"])
def test_unprintable_character_is_a_located_error(
    built: Path, guide: Guide, character: str
) -> None:
    write(built, ARTICLE, f"---\ntitle: T\nsummary: S{character}.\ndate: 2026-01-01\n---\n{XREF}")
    assert diagnostics(refused(built, guide).err) == [
        f"{ARTICLE}:3:11: error: invalid YAML: character U+{ord(character):04X} is not allowed\n"
        "    hint: delete the invisible control character (retype the line)"
    ]


# --------------------------------------------------------------------------- size limits

LIMITS = "limits:\n  max_file_bytes: 8000\n  max_front_matter_bytes: 1000\n"


@pytest.fixture
def limited(built: Path, guide: Guide) -> Path:
    """The project with small limits that every fixture file still fits in."""
    site_yaml = built / "content/site.yaml"
    site_yaml.write_text(site_yaml.read_text() + LIMITS)
    result = guide("build", "--root", built)
    assert result.code == 0, result.err
    return built


def test_file_over_the_size_limit_is_refused_unread(limited: Path, guide: Guide) -> None:
    path = write(limited, ARTICLE, HEAD + XREF + "word " * 2000 + "\n")
    size = path.stat().st_size
    assert size > 8000
    assert diagnostics(refused(limited, guide).err) == [
        f"{ARTICLE}:1:1: error: file is {size} bytes, over the limit of 8000\n"
        "    hint: split it, or raise limits.max_file_bytes in site.yaml"
    ]


def test_front_matter_over_the_size_limit_is_refused(limited: Path, guide: Guide) -> None:
    write(limited, ARTICLE, f"---\ntitle: T\nsummary: {'s' * 1200}\ndate: 2026-01-01\n---\n{XREF}")
    assert diagnostics(refused(limited, guide).err) == [
        f"{ARTICLE}:2:1: error: front matter is over the limit of 1000 bytes\n"
        "    hint: move long text into the body"
    ]


HOSTILE_BODIES = {  # each well under the default 1 MB limit
    "repeated-headings": "## Same heading\n\n" * 20_000,
    "unclosed-xrefs": "[[" * 80_000 + "\n",
    "unclosed-xref-lines": "[[a\n" * 60_000,
}
CHECK_BUDGET = 10.0  # seconds; a linear parse of these bodies takes about one


@dataclass(frozen=True)
class _Checked:
    timed_out: bool
    code: int | None
    err: str


@pytest.fixture(scope="module")
def hostile_checks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, _Checked]:
    """``guide check`` on each hostile body, all in parallel, each within CHECK_BUDGET."""
    top = tmp_path_factory.mktemp("slow")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    running: dict[str, subprocess.Popen[bytes]] = {}
    results: dict[str, _Checked] = {}
    try:
        for name, body in HOSTILE_BODIES.items():
            root = top / name
            shutil.copytree(FIXTURES / "mini" / "content", root / "content")
            shutil.copytree(REPO / "templates", root / "templates")
            write(root, ARTICLE, HEAD + XREF + body)
            with (top / f"{name}.err").open("wb") as log:  # a file: a full pipe would stall it
                running[name] = subprocess.Popen(
                    [sys.executable, "-m", "generator", "check", "--root", str(root)],
                    cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=log,
                )  # fmt: skip
        deadline = time.monotonic() + CHECK_BUDGET
        for name, process in running.items():
            try:
                code: int | None = process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                code = None
            results[name] = _Checked(code is None, code, (top / f"{name}.err").read_text())
    finally:
        for process in running.values():
            if process.poll() is None:
                process.kill()
            process.wait()
    return results


@pytest.mark.parametrize(
    "name",
    [
        "repeated-headings",
        "unclosed-xrefs",
        "unclosed-xref-lines",
    ],
)
def test_hostile_body_is_checked_quickly(hostile_checks: dict[str, _Checked], name: str) -> None:
    checked = hostile_checks[name]
    assert not checked.timed_out, f"guide check took over {CHECK_BUDGET} s on {name}"
    assert checked.code in (0, 1), checked.err
    assert "Traceback" not in checked.err


# --------------------------------------------------------------------------- paths


def test_symlinked_card_leading_outside_is_refused_unread(
    built: Path, guide: Guide, tmp_path: Path, opened: list[Path]
) -> None:
    secret = _secret(tmp_path, opened)
    (built / "content/exercises/leak.md").symlink_to(secret)
    result = refused(built, guide)
    assert diagnostics(result.err) == [
        "content/exercises/leak.md:1:1: error: links to a file outside content/\n"
        "    hint: copy the file in instead"
    ]
    _never_leaked(built, result, opened, secret)


def test_symlinked_static_file_leading_outside_is_refused_unread(
    built: Path, guide: Guide, tmp_path: Path, opened: list[Path]
) -> None:
    secret = _secret(tmp_path, opened, "secret.txt")
    (built / "content/static/leak.txt").symlink_to(secret)
    result = refused(built, guide)
    assert diagnostics(result.err) == [
        "content/static/leak.txt:1:1: error: links to a file outside content/"
    ]
    _never_leaked(built, result, opened, secret)


def test_symlinked_static_folder_leading_outside_is_reported(
    built: Path, guide: Guide, tmp_path: Path, opened: list[Path]
) -> None:
    secret = _secret(tmp_path, opened, "secret.txt")
    (built / "content/static/leak").symlink_to(secret.parent, target_is_directory=True)
    result = guide("build", "--root", built)
    _never_leaked(built, result, opened, secret)
    assert result.code == 1
    assert diagnostics(result.err)[0].startswith("content/static/leak"), result.err


def test_symlinked_plan_input_is_refused_unread(
    built: Path, guide: Guide, tmp_path: Path, opened: list[Path]
) -> None:
    secret = _secret(tmp_path, opened, "secret.yaml")
    (built / "content/plans").mkdir()
    (built / "content/plans/distances.yaml").symlink_to(secret)
    result = refused(built, guide)
    assert (
        "content/plans/distances.yaml:1:1: error: links to a file outside content/\n"
        "    hint: copy the file in instead"
    ) in diagnostics(result.err)
    _never_leaked(built, result, opened, secret)


def test_preview_overlay_never_shows_a_refused_symlink_target(
    project: Path, tmp_path: Path
) -> None:
    from generator.preview.serve import STATUS, Preview  # imports tornado

    secret = _secret(tmp_path, [])
    (project / "content/articles/leak.md").symlink_to(secret)
    preview = Preview(project, "127.0.0.1", 8000)
    assert preview.rebuild() is False
    status = (preview.out / STATUS).read_text()
    assert "content/articles/leak.md:1:1" in status
    assert SECRET not in status


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("evil.html", "<script>alert(document.domain)</script>"),
        ("evil.svg", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    ],
    ids=["html", "svg"],
)
def test_static_files_that_run_script_are_refused(
    built: Path, guide: Guide, name: str, data: str
) -> None:
    write(built, f"content/static/{name}", data)
    errors = diagnostics(refused(built, guide).err)
    assert errors and errors[0].startswith(f"content/static/{name}:1:1: error: "), errors


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("root", "contains the project"),
        ("content", "is inside the project's content/ folder"),
        ("templates", "is inside the project's templates/ folder"),
        ("parent", "contains the project"),
    ],
    ids=["root", "content", "templates", "parent"],
)
def test_out_folder_that_holds_sources_is_refused(
    built: Path, guide: Guide, where: str, message: str
) -> None:
    out = {"root": built, "content": built / "content", "templates": built / "templates",
           "parent": built.parent}[where]  # fmt: skip
    top = built.parent
    before, paths = snapshot(top), tree(top)
    result = guide("build", "--root", built, "--out", out)
    assert result.code == 2, result.err
    assert result.err == f"guide: output folder {out} {message}" + (
        f"; choose e.g. {built / 'site'}\n" if message == "contains the project" else "\n"
    )
    assert snapshot(top) == before
    assert tree(top) == paths


def test_file_names_must_be_slugs(built: Path, guide: Guide) -> None:
    card = (built / "content/exercises/goblet-squat.md").read_text()
    squat = card.replace("title: Goblet squat", "title: Squat").replace(
        "progressions: [split-squat]\n", ""
    )
    write(built, "content/exercises/squat.md", squat)
    write(built, "content/exercises/Squat.md", squat.replace("title: Squat", "title: Other squat"))
    write(built, "content/exercises/Bad Name.md", squat.replace("title: Squat", "title: Bad"))
    assert diagnostics(refused(built, guide).err) == [
        "content/exercises/Bad Name.md:1:1: error: file name 'Bad Name.md' is not a valid slug\n"
        "    hint: use lowercase letters, digits and hyphens: bad-name.md",
        "content/exercises/Squat.md:1:1: error: file name 'Squat.md' is not a valid slug\n"
        "    hint: use lowercase letters, digits and hyphens: squat.md",
    ]


def test_path_like_reference_is_just_broken(built: Path, guide: Guide, opened: list[Path]) -> None:
    write(built, ARTICLE, HEAD + "See [[../../etc/passwd]].\n\n![[exercise:../../../etc/passwd]]\n")
    result = refused(built, guide)
    assert diagnostics(result.err) == [
        f"{ARTICLE}:6:5: error: broken cross-reference [[../../etc/passwd]]\n"
        "    hint: no page has that slug",
        f"{ARTICLE}:8:1: error: broken cross-reference ![[exercise:../../../etc/passwd]]\n"
        "    hint: no page has that slug",
    ]
    assert not [p for p in opened if p.name == "passwd"]


# --------------------------------------------------------------------------- broken files

GOBLET = "content/exercises/goblet-squat.md"
BROKEN = [
    pytest.param(
        ARTICLE,
        b"---\ntitle: T\nsummary: S\xe9.\ndate: 2026-01-01\n---\nSee [[exercise:goblet-squat]].\n",
        f"{ARTICLE}:3:11: error: invalid UTF-8 (byte 0xe9)\n    hint: save the file as UTF-8",
        id="invalid-utf8",
    ),
    pytest.param(
        ARTICLE, b"", f"{ARTICLE}:1:1: error: file is empty\n    hint: start with '---', the fields, '---'",
        id="empty",
    ),
    pytest.param(
        ARTICLE,
        b"---\n- title: T\n- summary: S.\n---\nSee [[exercise:goblet-squat]].\n",
        f"{ARTICLE}:2:1: error: front matter must be a mapping of fields\n"
        "    hint: write one 'field: value' per line between the '---' lines",
        id="list-front-matter",
    ),
    pytest.param(
        ARTICLE,
        b"---\ntitle: T\nsummary: S.\ndate: 2026-01-01\nSee [[exercise:goblet-squat]].\n",
        f"{ARTICLE}:1:1: error: front matter opened with '---' on line 1 is never closed\n"
        "    hint: add a line '---' after the last field",
        id="unclosed-front-matter",
    ),
    pytest.param(
        GOBLET,
        "equipment: dumbbell",
        f"{GOBLET}:9:12: error: equipment must be a list, not str\n    hint: e.g. [a, b]",
        id="string-for-list",
    ),
    pytest.param(
        ARTICLE,
        b"---\ntitle: T\nsummary: S.\ndate: 2026-02-30\n---\nSee [[exercise:goblet-squat]].\n",
        f"{ARTICLE}:4:7: error: date: '2026-02-30' is not a real date\n    hint: check the month and day",
        id="impossible-date",
    ),
    pytest.param(
        ARTICLE,
        b"---\ntitle: T\nsummary: S.\ndate: soon\n---\nSee [[exercise:goblet-squat]].\n",
        f"{ARTICLE}:4:7: error: date: 'soon' is not a date\n    hint: write YYYY-MM-DD",
        id="malformed-date",
    ),
    pytest.param(
        ARTICLE,
        b"---\ntitle: T\nsummary: S.\ndate: 2026-01-01\nauthor: Me\n---\nSee [[exercise:goblet-squat]].\n",
        f"{ARTICLE}:5:1: error: unknown field 'author' in front matter\n"
        "    hint: allowed fields: title, summary, date, updated, tags, draft, language, direction, series",
        id="unknown-field",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("rel", "data", "expected"), BROKEN)
def test_broken_file_gives_one_located_error(
    built: Path, guide: Guide, rel: str, data: bytes | str, expected: str
) -> None:
    if isinstance(data, str):  # an edit of the existing file
        path = built / rel
        old = {"equipment: dumbbell": "equipment: [dumbbell]"}[data]
        assert old in path.read_text()
        path.write_text(path.read_text().replace(old, data))
    else:
        write(built, rel, data)
    assert diagnostics(refused(built, guide).err) == [expected]


@pytest.mark.parametrize(
    "transform",
    [
        pytest.param(lambda b: b.replace(b"\n", b"\r\n"), id="crlf"),
        pytest.param(lambda b: b.replace(b"\n", b"\r"), id="cr"),
        pytest.param(lambda b: b"\xef\xbb\xbf" + b, id="bom"),
        pytest.param(lambda b: b"\xef\xbb\xbf" + b.replace(b"\n", b"\r\n"), id="bom-crlf"),
    ],
)
def test_bom_and_line_endings_build_the_same_site(
    project: Path, guide: Guide, tmp_path: Path, transform: Callable[[bytes], bytes]
) -> None:
    assert guide("build", "--root", project, "--out", tmp_path / "lf").code == 0
    changed = 0
    for path in sorted((project / "content").rglob("*")):
        if path.suffix in (".md", ".yaml"):
            path.write_bytes(transform(path.read_bytes()))
            changed += 1
    assert changed >= 6
    result = guide("build", "--root", project, "--out", tmp_path / "other")
    assert result.code == 0, result.err
    assert snapshot(tmp_path / "other") == snapshot(tmp_path / "lf")


# --------------------------------------------------------------------------- diagnostics

_STDERR_LINE = re.compile(
    r"^(content/\S+:\d+:\d+: (error|warning): .*|    hint: .*|\d+ error\(s\), \d+ warning\(s\)"
    rf"|{re.escape(FAILED)})$"
)


def test_diagnostics_never_span_lines(built: Path, guide: Guide) -> None:
    write(
        built,
        ARTICLE,
        '---\ntitle: T\nsummary: S.\ndate: 2026-01-01\n"x\\n::error file=README.md::forged": 1\n---\n'
        + XREF,
    )
    result = refused(built, guide)
    assert [line for line in result.err.splitlines() if not _STDERR_LINE.match(line)] == []


def test_summary_counts_what_it_prints(project: Path, guide: Guide) -> None:
    _quiet_strict(project)
    write(project, ARTICLE, HEAD + XREF + "[a](javascript:x) and [a](javascript:x)\n")
    result = guide("check", "--root", project)
    assert result.code == 0
    printed = len(diagnostics(result.err, "warning"))
    assert f"0 error(s), {printed} warning(s)" in result.err


def test_documented_lint_level_off_works_unquoted(project: Path, guide: Guide) -> None:
    site_yaml = project / "content/site.yaml"
    site_yaml.write_text(site_yaml.read_text() + "lints:\n  untrained-muscle: off\n")
    result = guide("check", "--root", project)
    assert result.code == 0, result.err
    assert "[untrained-muscle]" not in result.err


# --------------------------------------------------------------------------- nothing lost


def test_killed_build_leaves_the_previous_site(built: Path, guide: Guide) -> None:
    for i in range(300):  # enough pages that the write phase lasts a while
        write(
            built,
            f"content/articles/bulk-{i:03d}.md",
            f"---\ntitle: Bulk {i}\nsummary: Bulk article {i}.\ndate: 2026-01-01\n---\n"
            + XREF
            + "Some words about strength. " * 60
            + "\n",
        )
    assert guide("build", "--root", built).code == 0
    site = built / "site"
    before = snapshot(site)
    legs = built / "content/articles/legs-first.md"
    legs.write_text(legs.read_text().replace("title: Legs first", "title: Legs first, revised"))

    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "--root", str(built)],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    staged: Path | None = None
    try:
        deadline = time.monotonic() + 120
        while staged is None and process.poll() is None and time.monotonic() < deadline:
            for folder in built.glob(".site-build-*"):
                try:
                    if any(folder.iterdir()):  # mid-write: some files are already in it
                        staged = folder
                except FileNotFoundError:
                    pass
            time.sleep(0.001)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)  # the build and its pagefind child
        process.wait()
    assert staged is not None, "the build ended before its staging folder was seen"
    assert process.returncode == -signal.SIGKILL
    assert staged.is_dir()  # the kill left the half-written folder behind...
    assert snapshot(site) == before  # ...and the previous site complete and unchanged

    result = guide("build", "--root", built)
    assert result.code == 0, result.err
    assert list(built.glob(".site-build-*")) == []
    assert "Legs first, revised" in (site / "articles/legs-first/index.html").read_text()


# --------------------------------------------------------------------------- guide new


def test_new_never_overwrites(project: Path, guide: Guide) -> None:
    card = project / GOBLET
    before = card.read_bytes()
    paths = tree(project)
    result = guide("new", "exercise", "Goblet squat", "--root", project)
    assert result.code == 2
    assert result.err == (
        f"guide: the slug 'goblet-squat' is taken by {GOBLET}; slugs are shared by every kind"
        " of page, so choose another title\n"
    )
    assert card.read_bytes() == before
    assert tree(project) == paths


def test_new_keeps_a_path_like_title_inside(project: Path, guide: Guide) -> None:
    top = project.parent
    paths = tree(top)
    result = guide("new", "article", "../../evil", "--root", project)
    assert result.code == 0, result.err
    assert (
        result.out == "created content/articles/evil.md (a draft until you remove 'draft: true')\n"
    )
    assert sorted(set(tree(top)) - set(paths)) == ["mini/content/articles/evil.md"]
    assert 'title: "../../evil"' in (project / "content/articles/evil.md").read_text()


# --------------------------------------------------------------------------- reproducible


def _texts(data: bytes) -> Iterator[bytes]:
    yield data
    if data[:2] == b"\x1f\x8b":  # pagefind's gzipped index files
        yield gzip.decompress(data)


def test_builds_are_reproducible_across_folders_time_zones_and_dates(tmp_path: Path) -> None:
    roots = [tmp_path / "first" / "mini", tmp_path / "second-elsewhere" / "guide-copy"]
    runs = [("UTC", 1_800_000_000), ("Pacific/Auckland", 1_900_000_000)]
    newest = max(
        re.findall(r"^date: (\S+)", p.read_text(), re.M)[0]
        for p in (FIXTURES / "mini/content/articles").glob("*.md")
        if "2999" not in p.read_text()
    )
    for root, (zone, epoch) in zip(roots, runs, strict=True):
        assert datetime.fromtimestamp(epoch, UTC).date().isoformat() > newest
        shutil.copytree(FIXTURES / "mini" / "content", root / "content")
        shutil.copytree(REPO / "templates", root / "templates")
        env = {**os.environ, "TZ": zone, "SOURCE_DATE_EPOCH": str(epoch), "PYTHONPATH": str(REPO)}
        done = subprocess.run(
            [sys.executable, "-m", "generator", "build", "--root", str(root)],
            cwd=root, env=env, capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
    first, second = (snapshot(root / "site") for root in roots)
    assert len(first) > 50
    assert first == second
    needles = [str(tmp_path).encode(), *(str(root).encode() for root in roots)]
    for rel, data in first.items():
        for text in _texts(data):
            for needle in needles:
                assert needle not in text, (rel, needle)
