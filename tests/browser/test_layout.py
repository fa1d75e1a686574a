"""Layout the guide's own content cannot provoke, but an author's can (issue 17)."""

from __future__ import annotations

from playwright.sync_api import Page, ViewportSize

from tests.conftest import REPO

PHONE: ViewportSize = {"width": 375, "height": 700}


def test_a_long_code_line_scrolls_inside_its_block_on_a_phone(page: Page) -> None:
    """12: one long line in a code block must not widen the whole page."""
    css = (REPO / "templates/assets/style.css").read_text()
    code = "run --distance=42195 " * 40
    page.set_viewport_size(PHONE)
    page.set_content(
        f"<!doctype html><html><head><meta name='viewport' content='width=device-width'>"
        f"<style>{css}</style></head><body><main class='wrap'><article><div class='with-toc'>"
        f"<div class='prose'><p>Text.</p><pre><code>{code}</code></pre></div></div></article>"
        "</main></body></html>"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    pre_scroll = page.evaluate("document.querySelector('pre').scrollWidth")
    assert pre_scroll > PHONE["width"]  # the line is still there, scrolled within its block


def _overlay(page: Page, column: int) -> None:
    """A page of the preview whose last save failed, with the real dev.js and stylesheet."""
    assets = REPO / "templates/assets"
    long_line = "summary: " + "a very long summary that goes on " * 12
    status = {
        "ok": False,
        "errors": [
            {
                "where": f"content/articles/x.md:3:{column}",
                "column": column,
                "severity": "error",
                "message": "summary is too long",
                "hint": "",
                "lines": [
                    {"number": 1, "text": "---", "here": False},
                    {"number": 2, "text": "title: T", "here": False},
                    {"number": 3, "text": "level beginner", "here": True},
                    {"number": 4, "text": "after the highlighted line", "here": False},
                    {"number": 5, "text": long_line, "here": False},
                ],
            }
        ],
    }
    html = (
        "<!doctype html><html><head><link rel='stylesheet' href='/style.css'>"
        "<script src='/dev.js' data-status='/status.json' defer></script></head>"
        "<body><main class='wrap'><p>The previous version.</p></main></body></html>"
    )
    page.route("http://guide.test/page/", lambda r: r.fulfill(body=html, content_type="text/html"))
    page.route("http://guide.test/style.css", lambda r: r.fulfill(path=assets / "style.css"))
    page.route("http://guide.test/dev.js", lambda r: r.fulfill(path=assets / "dev.js"))
    page.route("http://guide.test/status.json", lambda r: r.fulfill(json=status))
    page.set_viewport_size(PHONE)
    page.goto("http://guide.test/page/")
    page.wait_for_selector(".dev-overlay")


def test_error_overlay_shows_every_line_wraps_marks_the_column_and_closes(page: Page) -> None:
    """17: the line after the highlighted one, wrapping, a caret, and a way to close it."""
    _overlay(page, column=7)
    tops = page.eval_on_selector_all(
        ".dev-line", "lines => lines.map(l => l.getBoundingClientRect().top)"
    )
    assert len(tops) == 6 and tops == sorted(set(tops)), (
        tops
    )  # 5 lines and a caret, each its own row
    assert page.inner_text(".dev-caret") == "      " + " " * 6 + "^"
    source = page.query_selector(".dev-source")
    assert source is not None
    assert source.evaluate("pre => pre.scrollWidth <= pre.clientWidth")  # long lines wrap
    page.keyboard.press("Escape")
    assert page.query_selector(".dev-overlay") is None
    _overlay(page, column=1)
    page.click("text=Close")
    assert page.query_selector(".dev-overlay") is None
