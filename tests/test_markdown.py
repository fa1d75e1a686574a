"""Markdown bodies: images carry their size and load lazily; local links follow the base path."""

from __future__ import annotations

from generator.content.sources import Document
from generator.content.yamlsource import Located
from generator.markdown.body import LocalFiles, parse_body, render_body

LOCAL = LocalFiles("/guide/", (("static/a.png", 640, 480),))


def _html(body: str) -> str:
    doc = Document("content/articles/x.md", Located({}, "content/articles/x.md"), body, 4)
    return render_body(parse_body(doc, (), LOCAL), lambda ref: None, lambda ref: "")


def test_local_image_gets_size_lazy_loading_and_base_path() -> None:
    assert _html('![A squat](/static/a.png "Deep")\n') == (
        '<p><img src="/guide/static/a.png" alt="A squat" loading="lazy" decoding="async" '
        'width="640" height="480" title="Deep"></p>\n'
    )


def test_unknown_image_has_no_invented_size() -> None:
    assert 'width="' not in _html("![Chart](https://example.org/c.png)\n")
    assert 'src="https://example.org/c.png"' in _html("![Chart](https://example.org/c.png)\n")


def test_root_relative_links_move_under_base_path_others_stay() -> None:
    html = _html(
        "[a](/exercises/) [b](https://example.org/x) [c](#top) [d](//cdn.example/x) [e](notes/)\n"
    )
    assert '<a href="/guide/exercises/">a</a>' in html
    assert '<a href="https://example.org/x">b</a>' in html
    assert '<a href="#top">c</a>' in html
    assert '<a href="//cdn.example/x">d</a>' in html
    assert '<a href="notes/">e</a>' in html


def test_alt_text_is_escaped() -> None:
    assert 'alt="&quot;&gt;&lt;script&gt;"' in _html('![">\\<script>](/static/a.png)\n')
