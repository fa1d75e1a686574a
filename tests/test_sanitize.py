"""Opt-in raw HTML: only allowed tags and attributes survive; scripting never does."""

from __future__ import annotations

from generator.content.sources import Document
from generator.content.yamlsource import Located
from generator.markdown.body import is_safe_url, parse_body, render_body
from generator.markdown.sanitize import sanitise

ALLOW = {"abbr": ("title",), "a": ("href",), "kbd": (), "script": ("src",)}


def test_allowed_tags_keep_allowed_attributes_only() -> None:
    html, refused = sanitise(
        '<abbr title="Rate of perceived exertion" onclick="x()">RPE</abbr>', ALLOW, is_safe_url
    )
    assert html == '<abbr title="Rate of perceived exertion">RPE</abbr>'
    assert refused == ["onclick= on <abbr>"]


def test_unsafe_urls_are_dropped_from_allowed_tags() -> None:
    html, refused = sanitise('<a href=" JavaScript:alert(1)">x</a>', ALLOW, is_safe_url)
    assert html == "<a>x</a>"
    assert refused == ["href= on <a>: its URL scheme is not allowed"]


def test_scripting_elements_are_never_allowed_even_if_listed() -> None:
    html, refused = sanitise(
        '<script src="/x.js"></script><iframe src="/x"></iframe>', ALLOW, is_safe_url
    )
    assert "<script" not in html and "<iframe" not in html
    assert html.startswith("&lt;script")
    assert refused == ["<script", "</script", "<iframe", "</iframe"]


def test_comments_and_attribute_quotes_are_escaped() -> None:
    html, refused = sanitise('<!-- x --><abbr title="a&quot;b">y</abbr>', ALLOW, is_safe_url)
    assert html == '&lt;!-- x --&gt;<abbr title="a&quot;b">y</abbr>'
    assert refused == ["<!--"]


def test_markdown_with_allow_list_renders_allowed_tags_and_reports_the_rest() -> None:
    allow = (("kbd", ()),)
    doc = Document(
        "content/articles/x.md",
        Located({}, "x"),
        'Press <kbd>Esc</kbd>.\n\n<div onclick="x">no</div>\n',
        5,
    )
    parsed = parse_body(doc, allow)
    html = render_body(parsed, lambda r: None, lambda r: "")
    assert "<kbd>Esc</kbd>" in html
    assert "&lt;div onclick=&quot;x&quot;&gt;" in html
    assert parsed.raw_html == [(2, "<div"), (2, "</div")]


def test_without_allow_list_everything_is_text() -> None:
    doc = Document("content/articles/x.md", Located({}, "x"), "Press <kbd>Esc</kbd>.\n", 5)
    parsed = parse_body(doc)
    assert "&lt;kbd&gt;Esc&lt;/kbd&gt;" in render_body(parsed, lambda r: None, lambda r: "")
    assert parsed.raw_html == [(0, "<kbd")]
