"""Layout the guide's own content cannot provoke, but an author's can (issue 17)."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.conftest import REPO

PHONE = {"width": 375, "height": 700}


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
