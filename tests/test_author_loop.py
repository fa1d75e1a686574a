"""Issue 17: the author's loop, defect by defect (each test failed before its fix)."""

from __future__ import annotations

import importlib.metadata
import json
import re
import signal
import socket
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from generator.content.schema import with_settings_reference
from generator.content.sources import Document
from generator.content.yamlsource import Located, load_located
from generator.core.diagnostics import Diagnostics
from generator.markdown.body import LocalFiles, count_words, parse_body, render_body
from tests.conftest import REPO, CliResult

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


# 1. Cards can be drafts; text `guide new` wrote and nobody replaced is reported.

QUIET = "lints:\n  untrained-muscle: off\n"  # the mini guide trains few muscles on purpose


def test_new_card_is_a_draft_and_its_placeholders_fail_a_strict_build(
    project: Path, guide: Guide
) -> None:
    (project / "content/site.yaml").write_text((project / "content/site.yaml").read_text() + QUIET)
    assert guide("check", "--root", project, "--strict").code == 0
    created = guide("new", "exercise", "Single-Leg Box Squat", "--root", project)
    assert created.code == 0, created.err
    rel = "content/exercises/single-leg-box-squat.md"
    assert "draft: true" in (project / rel).read_text()
    assert guide("build", "--root", project, "--no-search", "--jobs", "1").code == 0
    assert not (project / "site/exercises/single-leg-box-squat").exists()
    published = [p for p in (project / "site").rglob("*") if p.is_file()]
    assert not [p for p in published if b"single-leg-box-squat" in p.read_bytes()]
    drafts = guide("build", "--root", project, "--no-search", "--jobs", "1", "--drafts")
    assert drafts.code == 0, drafts.err
    assert (project / "site/exercises/single-leg-box-squat/index.html").is_file()
    _edit(project, rel, "draft: true\n", "")
    strict = guide("check", "--root", project, "--strict")
    assert strict.code == 1
    assert (
        f"{rel}:6:10: error: placeholder left in summary [placeholder]\n"
        "    hint: replace the TODO text, or keep the page a draft (draft: true) until it is ready"
        in strict.err
    )
    assert (
        f"{rel}:26:14: error: placeholder left in figure.positions[0].label [placeholder]"
        in strict.err
    )
    assert f"{rel}:31:5: error: placeholder left in cues[0] [placeholder]" in strict.err
    assert f"{rel}:52:4: error: placeholder left in the body [placeholder]" in strict.err


def test_a_draft_card_is_left_out_of_lists_and_links_to_it_name_the_draft(
    project: Path, guide: Guide
) -> None:
    _edit(
        project,
        "content/exercises/split-squat.md",
        "title: Split squat\n",
        "title: Split squat\ndraft: true\n",
    )
    result = guide("check", "--root", project)
    assert result.code == 1
    assert "broken cross-reference ![[exercise:split-squat]]" in result.err
    assert (
        "'split-squat' is a draft or scheduled; publish it, or preview with --drafts" in result.err
    )
    assert guide("check", "--root", project, "--drafts").code == 0


# 2. A slug is taken by any kind, drafts included; `guide new` says so and names similar cards.


def test_new_refuses_a_slug_any_kind_uses(project: Path, guide: Guide) -> None:
    for title, owner in (
        ("Goblet squat", "content/exercises/goblet-squat.md"),
        ("Glute med", "the muscle 'glute-med' in content/muscles.yaml"),
        ("Hips", "the region 'hips'"),
        ("A draft", "content/articles/a-draft.md"),
    ):
        refused = guide("new", "article", title, "--root", project)
        assert refused.code == 2, title
        assert f"is taken by {owner}" in refused.err
    assert not (project / "content/articles/goblet-squat.md").exists()


def test_new_names_existing_cards_with_similar_titles(project: Path, guide: Guide) -> None:
    created = guide("new", "exercise", "Squat, split (rear foot)", "--root", project)
    assert created.code == 0
    assert created.out.splitlines()[1] == (
        "note: existing cards with a similar title: content/exercises/split-squat.md (Split squat)"
    )


def test_a_draft_that_repeats_a_slug_fails_plain_check(project: Path, guide: Guide) -> None:
    (project / "content/articles/goblet-squat.md").write_text(
        "---\ntitle: Goblets\nsummary: S.\ndate: 2026-01-01\ndraft: true\n---\nBody\n"
    )
    result = guide("check", "--root", project)
    assert result.code == 1
    assert (
        "content/articles/goblet-squat.md:1:1: error: duplicate slug 'goblet-squat': article"
        " (a draft or scheduled) clashes with exercise from content/exercises/goblet-squat.md"
        in result.err
    )


# 8. Heading ids never repeat an id the page already has.


def _body(
    text: str, allow: dict[str, tuple[str, ...]] | None = None, reserved: tuple[str, ...] = ()
) -> str:
    doc = Document("content/articles/x.md", Located({}, "x"), text, 5)
    parsed = parse_body(
        doc, tuple(sorted((allow or {}).items())), LocalFiles(reserved_ids=reserved)
    )
    return render_body(parsed, lambda r: None, lambda r: "")


def _duplicate_ids(html: str) -> list[str]:
    ids = re.findall(r'\sid="([^"]*)"', html)
    return sorted({i for i in ids if ids.count(i) > 1})


def test_heading_ids_never_repeat_template_or_footnote_ids(project: Path, guide: Guide) -> None:
    _edit(
        project,
        ARTICLE,
        "## Where to begin",
        "## Main content\n\n## Related heading\n\n## fn1\n\nA note.[^a]\n\n[^a]: The note.\n\n"
        "## Where to begin",
    )
    assert guide("build", "--root", project, "--no-search", "--jobs", "1").code == 0
    html = (project / "site/articles/legs-first/index.html").read_text()
    assert 'id="related-heading"' in html and 'id="fn1"' in html  # the template's and footnote's
    assert _duplicate_ids(html) == []
    assert '<h2 id="main-content-1">Main content</h2>' in html
    assert '<h2 id="fn1-1">fn1</h2>' in html


def test_an_id_a_template_builds_from_data_is_never_written_twice(
    project: Path, guide: Guide
) -> None:
    """The body map's ids are made by the template ("{{ uid }}-title"): the finished page is checked."""
    card = project / "content/exercises/goblet-squat.md"
    card.write_text(card.read_text() + "\n## Bodymap title\n\nText.\n")
    result = guide("build", "--root", project, "--no-search", "--jobs", "1")
    assert result.code == 1
    assert (
        "templates/exercise.html:1:1: error: page exercises/goblet-squat/ would have id "
        "'bodymap-title' twice\n    hint: rename the heading (or raw HTML id) whose id repeats"
    ) in result.err
    assert not (project / "site").exists()


# 9. Allowed raw HTML stays balanced; scripting can never be allowed; ids stay unique.


def test_stray_closing_tags_are_text_and_open_tags_are_closed() -> None:
    html = _body(
        'Read <a href="/articles/">the list\n\nNext.\n\n</div></div></div>\n\n<div>\n\nOpen.\n',
        {"a": ("href",), "div": ()},
    )
    assert '<p>Read <a href="/articles/">the list</a></p>' in html
    assert "&lt;/div&gt;&lt;/div&gt;&lt;/div&gt;" in html
    assert html.count("<div>") == html.count("</div>") == 1


def test_allowed_ids_never_repeat_page_ids_and_headings_avoid_them() -> None:
    html = _body(
        '<a id="where">x</a> <a id="main-content">y</a> <a id="fn1">z</a> <a id="where">w</a>\n\n'
        "## Where\n",
        {"a": ("id",)},
        reserved=("main-content",),
    )
    assert _duplicate_ids(html + '<main id="main-content">') == []
    assert '<h2 id="where-1">Where</h2>' in html


def test_scripting_in_allow_html_is_an_error_in_site_yaml(project: Path, guide: Guide) -> None:
    site = project / "content/site.yaml"
    site.write_text(
        site.read_text() + "markdown:\n  allow_html:\n    script: [src]\n    a: [href, onclick]\n"
    )
    result = guide("check", "--root", project)
    assert result.code == 1
    assert "content/site.yaml:8:5: error: <script> can never be allowed in Markdown" in result.err
    assert (
        "content/site.yaml:9:15: error: the attribute onclick= on <a> can never be allowed"
        in result.err
    )


# 18. A table header cell with no text is reported; the guide has none.


def test_empty_table_header_is_reported(project: Path, guide: Guide) -> None:
    _edit(project, ARTICLE, "| Block | Dose |", "| | Dose |")
    result = guide("check", "--root", project)
    assert (
        f"{ARTICLE}:16:1: warning: a table header cell is empty: screen readers announce the"
        " column without a name [empty-table-header]"
    ) in result.err


def test_the_guide_has_no_empty_table_header() -> None:
    text = (REPO / "content/articles/calves-and-ankles.md").read_text()
    assert not re.search(r"^\|\s*\|", text, re.MULTILINE)


# 7. Messages say what happened: strict errors are errors, check writes nothing anyway,
# grammar, every close suggestion, references of a file with bad front matter, JSON ends.


def test_strict_labels_and_counts_warnings_as_errors(project: Path, guide: Guide) -> None:
    _edit(project, "content/exercises/split-squat.md", "  - Long stance.\n", "")
    result = guide("check", "--root", project, "--strict")
    assert result.code == 1
    assert "content/exercises/split-squat.md:12:1: error: only 2 coaching cue(s)" in result.err
    assert ": warning: " not in result.err
    assert result.err.splitlines()[-2:] == ["24 error(s), 0 warning(s)", "check failed"]
    assert "nothing was written" not in result.err


def test_hints_use_an_and_name_every_equally_close_choice(project: Path, guide: Guide) -> None:
    _edit(project, ARTICLE, "Strong legs", "[[split-squat]] [[muscle:glutes]] Strong legs")
    _edit(project, ARTICLE, "Strong legs", "[[muscle:split-squat]] Strong legs")
    result = guide("check", "--root", project)
    assert "hint: 'split-squat' is an exercise: write [[exercise:split-squat]]" in result.err
    assert "hint: did you mean 'glute-max' or 'glute-med'?" in result.err


def test_references_are_checked_even_when_the_front_matter_is_broken(
    project: Path, guide: Guide
) -> None:
    _edit(project, ARTICLE, "date: 2026-01-15", "date: someday")
    _edit(project, ARTICLE, "Strong legs", "[[exercise:goblet-sqat]] Strong legs")
    result = guide("check", "--root", project)
    assert f"{ARTICLE}:4:7: error: date: 'someday' is not a date" in result.err
    assert f"{ARTICLE}:8:1: error: broken cross-reference [[exercise:goblet-sqat]]" in result.err


def test_json_has_an_end_column_and_no_empty_rule(project: Path, guide: Guide) -> None:
    _edit(project, ARTICLE, "Strong legs", "[[exercise:goblet-sqat]] Strong legs")
    result = guide("check", "--root", project, "--format", "json")
    found = [d for d in json.loads(result.out) if d["path"] == ARTICLE]
    assert [(d["column"], d["end_column"], d["rule"]) for d in found] == [(1, 25, None)]


# 4. YAML mistakes are reported on their own line, with a hint that fits.


def _yaml_errors(text: str) -> list[str]:
    found = Diagnostics()
    load_located(text, "content/exercises/x.md", found, line_offset=1)
    return [d.format() for d in found.items]


def test_a_missing_colon_is_reported_on_its_own_line() -> None:
    lines = ["title: T", "summary: S", "category: strength", "pattern: squat", "muscles:",
             "  primary: [quadriceps]", "equipment: [box]", "level beginner", "laterality: x"]  # fmt: skip
    assert _yaml_errors("\n".join(lines) + "\n") == [
        "content/exercises/x.md:9:1: error: invalid YAML: no ':' after the field name in"
        " 'level beginner'\n    hint: write 'level: beginner'"
    ]
    assert _yaml_errors("title Lateral step-down\nsummary: S\n") == [
        "content/exercises/x.md:2:1: error: invalid YAML: no ':' after the field name in"
        " 'title Lateral step-down'\n    hint: write 'title: Lateral step-down'"
    ]


def test_a_colon_inside_a_value_still_gets_the_quoting_hint() -> None:
    assert _yaml_errors("title: Squat: the basics\n")[0].endswith(
        "hint: a value containing ': ' must be quoted, e.g. title: \"Squat: the basics\""
    )


def test_a_three_space_indent_gets_an_indentation_hint() -> None:
    errors = _yaml_errors("muscles:\n  primary: [a]\n   secondary: [b]\nlevel: x\n")
    assert errors == [
        "content/exercises/x.md:4:4: error: invalid YAML: did not find expected key (while"
        " parsing a block mapping)\n    hint: this line is indented differently from the field"
        " above it: fields of one mapping start in the same column (the guide indents by 2 spaces)"
    ]


# 5. site.yaml: every problem at its line, in its own words; a reference made from the schema.


def _site_yaml(project: Path, old: str, new: str) -> None:
    _edit(project, "content/site.yaml", old, new)


def test_site_yaml_problems_are_located_and_worded_for_site_yaml(
    project: Path, guide: Guide
) -> None:
    _site_yaml(
        project,
        "author: Test Author\n",
        "author: Test Author\ntheme: dark\nlints:\n  orphan-exercse: error\n",
    )
    result = guide("check", "--root", project)
    assert result.code == 1
    assert "content/site.yaml:6:1: error: unknown field 'theme' in site.yaml" in result.err


def test_unknown_lint_rule_is_reported_at_its_line(project: Path, guide: Guide) -> None:
    _site_yaml(
        project, "author: Test Author\n", "author: Test Author\nlints:\n  orphan-exercse: error\n"
    )
    result = guide("check", "--root", project)
    assert "content/site.yaml:7:3: error: unknown lint rule 'orphan-exercse'" in result.err
    assert "hint: did you mean 'orphan-exercise'?" in result.err


def test_a_base_url_without_scheme_is_a_located_content_error(project: Path, guide: Guide) -> None:
    _site_yaml(project, "base_url: https://example.org/guide/", "base_url: example.org")
    result = guide("build", "--root", project)
    assert result.code == 1
    assert (
        "content/site.yaml:3:11: error: base_url must be an absolute http or https URL, not"
        " 'example.org'"
    ) in result.err


def test_a_strict_build_refuses_an_example_base_url(project: Path, guide: Guide) -> None:
    _site_yaml(project, "author: Test Author\n", "author: Test Author\n" + QUIET)
    strict = guide("build", "--root", project, "--strict", "--no-search")
    assert strict.code == 1
    assert (
        "content/site.yaml:3:11: error: base_url https://example.org/guide/ is a placeholder"
    ) in strict.err
    assert not (project / "site").exists()
    real = ("--base-url", "https://strides.run/guide/")
    assert guide("build", "--root", project, "--strict", "--no-search", *real).code == 0
    assert guide("check", "--root", project, "--strict").code == 0  # check publishes nothing


def test_settings_reference_in_the_writing_guide_is_made_from_the_schema() -> None:
    text = (REPO / "docs/writing.md").read_text()
    assert with_settings_reference(text) == text, "run `make schemas` to refresh docs/writing.md"
    for setting in (
        "`base_url`",
        "`lints.<name>`",
        "`markdown.allow_html`",
        "`limits.max_file_bytes`",
    ):
        assert setting in text


# 6. Raw HTML messages say what happened, and text that only looks like HTML is not reported.


def _raw_html_warnings(project: Path, guide: Guide, body_line: str, allow: str = "") -> list[str]:
    if allow:
        _site_yaml(project, "author: Test Author\n", "author: Test Author\n" + allow)
    _edit(project, ARTICLE, "Strong legs absorb landings.", body_line)
    result = guide("check", "--root", project)
    lines = result.err.splitlines()
    return [
        line + "\n" + hint
        for line, hint in zip(lines, [*lines[1:], ""], strict=True)
        if "[raw-html]" in line
    ]


def test_text_that_only_looks_like_html_is_not_raw_html(project: Path, guide: Guide) -> None:
    line = "Press \\<CFML\\>, &lt;Enter&gt; and `<kbd>` when x<y."
    assert _raw_html_warnings(project, guide, line) == []


def test_a_closing_tag_is_named_in_full(project: Path, guide: Guide) -> None:
    assert _raw_html_warnings(project, guide, "An </LI> alone.") == [
        f"{ARTICLE}:8:4: warning: raw HTML '</LI>' is shown as text, not rendered [raw-html]\n"
        "    hint: use Markdown, or allow the tag under markdown.allow_html in site.yaml"
    ]


def test_script_hint_never_suggests_allowing_it(project: Path, guide: Guide) -> None:
    warnings = _raw_html_warnings(project, guide, "<script>alert(1)</script> here.")
    assert warnings == [
        f"{ARTICLE}:8:1: warning: raw HTML '<script>' is shown as text, not rendered [raw-html]\n"
        "    hint: <script> can never be allowed (it could run script); use Markdown"
    ]


def test_a_dropped_attribute_is_not_called_text(project: Path, guide: Guide) -> None:
    allow = "markdown:\n  allow_html:\n    b: []\n"
    warnings = _raw_html_warnings(project, guide, 'A <b onclick="x()">bold</b> word.', allow)
    assert warnings == [
        f"{ARTICLE}:8:6: warning: raw HTML: the attribute onclick= was removed from <b>"
        " [raw-html]\n    hint: event attributes can never be allowed"
    ]


# 10. Alt text keeps its line breaks as spaces.


def test_alt_text_keeps_the_space_of_a_line_break() -> None:
    html = _body("![A runner\nin a split squat](/static/a.png)\n")
    assert 'alt="A runner in a split squat"' in html


# 11. A heading with a cross-reference keeps it in the contents and in its id.


def test_heading_with_a_reference_keeps_it_in_toc_and_id(project: Path, guide: Guide) -> None:
    _edit(
        project,
        ARTICLE,
        "## Where to begin",
        "## Using [[article:single-legs]] well\n\n## Two\n\n## Three\n\n## Where to begin",
    )
    assert guide("build", "--root", project, "--no-search", "--jobs", "1").code == 0
    html = (project / "site/articles/legs-first/index.html").read_text()
    assert '<a href="#using-single-legs-well">Using One leg at a time well</a>' in html
    assert '<h2 id="using-single-legs-well">Using <a class="xref"' in html


# 13. An article may have its own language, and with it its text direction.


def test_an_arabic_article_is_marked_right_to_left(project: Path, guide: Guide) -> None:
    _edit(project, ARTICLE, "date: 2026-01-15\n", "date: 2026-01-15\nlanguage: ar\n")
    _edit(
        project, "content/articles/single-legs.md", "title:", "language: ja\ndirection: ltr\ntitle:"
    )
    assert guide("build", "--root", project, "--no-search", "--jobs", "1").code == 0
    html = (project / "site/articles/legs-first/index.html").read_text()
    assert '<article class="article" lang="ar" dir="rtl">' in html
    assert '"inLanguage": "ar"' in html
    other = (project / "site/articles/single-legs/index.html").read_text()
    assert '<article class="article" lang="ja" dir="ltr">' in other


def test_a_language_must_be_a_language_tag(project: Path, guide: Guide) -> None:
    _edit(project, ARTICLE, "date: 2026-01-15\n", "date: 2026-01-15\nlanguage: Arabic!\n")
    result = guide("check", "--root", project)
    assert f"{ARTICLE}:5:11: error: language: 'Arabic!' is not a language tag" in result.err


# 14. Scripts without spaces are counted by character; heading ids keep every mark.


def test_japanese_text_is_counted_by_character() -> None:
    doc = Document("content/articles/x.md", Located({}, "x"), "走るよ。" * 5500 + "\n", 5)
    parsed = parse_body(doc)
    assert parsed.words == 16_500
    assert parsed.reading_minutes == 55  # 300 characters a minute
    assert count_words("हिन्दी भाषा, and English.") == (4, 0)


def test_heading_ids_keep_combining_marks_and_joiners() -> None:
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # mi-khaham, with a ZWNJ
    html = _body(f"## हिन्दी भाषा\n\n## {persian}\n")
    assert '<h2 id="हिन्दी-भाषा">' in html
    assert f'<h2 id="{persian}">' in html


# 16. A port already in use: one line, exit 2, before any build.


def test_serve_on_a_taken_port_says_so_in_one_line(project: Path, guide: Guide) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = guide("serve", "--root", project, "--port", str(port))
    assert result.code == 2
    assert result.err == (
        f"guide: cannot serve on 127.0.0.1:{port}: already in use; choose another port with"
        f" --port {port + 1}\n"
    )
    assert result.out == ""
    assert not (project / ".cache/serve").exists()  # nothing was built


# 19. Setup: the license as an SPDX string (no setuptools warning); guide --version.


def test_license_is_an_spdx_string_for_a_setuptools_that_reads_it() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())
    assert project["project"]["license"] == "MIT"
    assert "setuptools>=77" in project["build-system"]["requires"]


def test_version_prints_the_package_version() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "generator", "--version"], capture_output=True, text=True, cwd=REPO
    )
    assert done.returncode == 0
    assert done.stdout == f"guide {importlib.metadata.version('runners-strength-guide')}\n"


# 15. guide serve: a progress line, clean output, the site's 404 page, a warm start.


def _serve_once(project: Path, port: int) -> tuple[str, int, str]:
    """Start ``guide serve``, fetch a missing page, stop it: (output, 404 status, 404 body)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--root", str(project), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=REPO,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/articles/", timeout=2):
                    break
            except OSError:
                time.sleep(0.05)
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/no-such-page/", timeout=2)
            status, body = 200, ""
        except urllib.error.HTTPError as missing:
            status, body = missing.code, missing.read().decode()
    finally:
        process.send_signal(signal.SIGINT)
        output = process.communicate(timeout=30)[0]
    return output, status, body


def test_serve_prints_progress_serves_the_404_page_and_starts_warm(project: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    output, status, body = _serve_once(project, port)
    assert status == 404
    assert "<title>Page not found" in body
    lines = output.splitlines()
    assert lines[0] == "building the preview into .cache/serve/ ..."
    assert re.fullmatch(
        r"rebuilt in \d+ ms: \d+ page\(s\) rendered, \d+ file\(s\) written", lines[1]
    )
    assert lines[2] == f"serving http://127.0.0.1:{port}/ (Ctrl+C to stop)"
    assert len(lines) == 3, output  # no log lines of the server's own
    again, _status, _body = _serve_once(project, port)
    assert "rebuilt in" in again and ": 0 page(s) rendered, 0 file(s) written" in again, again
