"""The cross-reference plugin, driven by fixture files like mdit-py-plugins' own tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.sources import Document
from generator.content.yamlsource import Located
from generator.core.diagnostics import Diagnostics
from generator.core.urls import Urls
from generator.markdown.body import parse_body, render_body
from generator.markdown.xref import Reference

CASES = Path(__file__).parent / "fixtures" / "xref" / "cases.txt"
TITLES = {
    ("exercise", "goblet-squat"): "Goblet squat",
    ("exercise", "split-squat"): "Split squat",
    ("muscle", "glute-med"): "Gluteus medius",
    ("article", "legs-first"): "Legs first",
}
PREFIX = {"exercise": "exercises", "muscle": "muscles", "article": "articles"}
URLS = Urls("https://example.org/guide/")


def _cases() -> list[tuple[str, str, str]]:
    blocks = CASES.read_text().split("\n.\n\n")
    cases = []
    for block in blocks:
        title, source, expected = block.strip("\n").split("\n.\n")[:3]
        cases.append(
            (title, source.removesuffix("\n.") + "\n", expected.removesuffix("\n.") + "\n")
        )
    return cases


def _doc(body: str, body_line: int = 5) -> Document:
    return Document("content/articles/x.md", Located({}, "content/articles/x.md"), body, body_line)


def _resolve(ref: Reference) -> tuple[str, str] | None:
    for (kind, slug), title in TITLES.items():
        if slug == ref.slug and ref.kind in (None, kind):
            return URLS.path(f"{PREFIX[kind]}/{slug}/"), title
    return None


def _embed(ref: Reference) -> str:
    return f'<div class="embed">{ref.slug}</div>\n'


@pytest.mark.parametrize(("title", "source", "expected"), _cases(), ids=[c[0] for c in _cases()])
def test_fixture(title: str, source: str, expected: str) -> None:
    assert render_body(parse_body(_doc(source)), _resolve, _embed) == expected


def test_references_carry_their_file_line_and_column() -> None:
    body = "Intro\n\nA paragraph that spans\ntwo lines and links [[muscle:soleus|the soleus]].\n\n![[exercise:goblet-squat]]\n"
    parsed = parse_body(_doc(body, body_line=7))
    found = [
        (r.kind, r.slug, r.label, r.embed, str(parsed.location(r.line, r.markup)))
        for r in parsed.references
    ]
    assert found == [
        ("muscle", "soleus", "the soleus", False, "content/articles/x.md:10:21"),
        ("exercise", "goblet-squat", None, True, "content/articles/x.md:12:1"),
    ]


def test_unresolved_reference_renders_as_plain_text() -> None:
    html = render_body(parse_body(_doc("See [[nothing-here]].\n")), _resolve, _embed)
    assert html == "<p>See [[nothing-here]].</p>\n"


def test_diagnostics_are_untouched_by_parsing() -> None:
    diagnostics = Diagnostics()
    parse_body(_doc("[[a]] [[b:c]]\n"))
    assert diagnostics.items == []
