"""``guide serve`` driven for real: edits show up, errors overlay the page, nothing crashes it."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import FIXTURES, REPO

ARTICLE = "content/articles/legs-first.md"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return str(response.read().decode())
    except (urllib.error.URLError, ConnectionError):
        return ""


def _wait_for(check: Callable[[], bool], seconds: float) -> float:
    """Seconds until ``check`` holds; fails the test when it never does."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if check():
            return time.monotonic() - started
        time.sleep(0.02)
    raise AssertionError(f"not within {seconds} s")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "mini" / "content", root / "content")
    shutil.copytree(REPO / "templates", root / "templates")
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--root", str(root), "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}/"
    try:
        _wait_for(lambda: "Legs first" in _get(base + "articles/legs-first/"), 30)
        yield root, base
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()
        output = (tmp_path / "serve.log").read_text()
        assert "Traceback" not in output, output


def _edit(root: Path, old: str, new: str) -> None:
    path = root / ARTICLE
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def _status(base: str) -> dict[str, object]:
    text = _get(base + "_guide/status.json")
    return json.loads(text) if text else {}


def test_edit_error_fix_cycle_without_restart(served: tuple[Path, str], page: Page) -> None:
    root, base = served
    page.goto(base + "articles/legs-first/")
    expect(page.locator("h1")).to_have_text("Legs first")

    _edit(root, "Strong legs absorb landings.", "Springy legs absorb landings.")
    seconds = _wait_for(lambda: "Springy legs" in _get(base + "articles/legs-first/"), 1.0)
    assert seconds < 1.0
    expect(page.locator("main")).to_contain_text("Springy legs")  # livereload reloaded it
    # A text-only save takes the fast path: the page first, the rest in the background.
    log = root.parent / "serve.log"
    _wait_for(lambda: "articles/legs-first/index.html written in" in log.read_text(), 2.0)
    _wait_for(lambda: _status(base).get("ok") is True, 2.0)

    # The fast path and the rebuild behind it may each have reloaded the page: wait until its
    # livereload socket has shaken hands again, or the server has no page to tell of the failure.
    page.wait_for_function(
        "() => window.LiveReload && LiveReload.connector && LiveReload.connector.protocol > 0",
        timeout=5000,
    )
    with page.expect_navigation(timeout=5000):  # livereload reloads the open page on failure too
        _edit(root, "[[exercise:goblet-squat|goblet squat]]", "[[exercise:goblet-sqat]]")
    assert _status(base).get("ok") is False
    errors = _status(base)["errors"]
    assert isinstance(errors, list)
    assert errors[0]["where"] == "content/articles/legs-first.md:8:46"
    assert "broken cross-reference" in errors[0]["message"]
    page.goto(base + "exercises/goblet-squat/")
    overlay = page.locator("#guide-error-overlay")
    expect(overlay).to_be_visible()
    expect(overlay).to_contain_text("content/articles/legs-first.md:8:46")
    expect(overlay).to_contain_text("[[exercise:goblet-sqat]]")
    assert "Springy legs" in _get(base + "articles/legs-first/")  # last good build still served

    _edit(root, "[[exercise:goblet-sqat]]", "[[exercise:goblet-squat]]")
    _wait_for(lambda: _status(base).get("ok") is True, 2.0)
    # livereload reloads the open page by itself; the overlay goes with the errors
    expect(page.locator("#guide-error-overlay")).to_have_count(0, timeout=5000)


def test_server_survives_what_editors_do_to_files(served: tuple[Path, str]) -> None:
    root, base = served
    article = root / ARTICLE
    original = article.read_text()

    article.write_text(original[:25])  # half-written save: front matter never closed
    _wait_for(lambda: _status(base).get("ok") is False, 2.0)
    article.write_bytes(b"\xff\xfe garbage \x00")
    _wait_for(lambda: "invalid UTF-8" in json.dumps(_status(base)), 2.0)
    article.unlink()  # deleted: the references to it break
    _wait_for(lambda: "legs-first" in json.dumps(_status(base)), 2.0)
    article.write_text(original)
    _wait_for(lambda: _status(base).get("ok") is True, 2.0)

    renamed = article.with_name("legs-second.md")
    article.rename(renamed)
    fixed = (
        (root / "content/articles/single-legs.md").read_text().replace("legs-first", "legs-second")
    )
    (root / "content/articles/single-legs.md").write_text(fixed)
    _wait_for(lambda: "Legs first" in _get(base + "articles/legs-second/"), 2.0)
    _wait_for(lambda: _get(base + "articles/legs-first/") == "", 2.0)
    assert _status(base).get("ok") is True


def test_css_edit_is_swapped_in_without_reloading_the_page(
    served: tuple[Path, str], page: Page
) -> None:
    root, base = served
    page.goto(base + "articles/legs-first/")
    page.wait_for_function("() => window.LiveReload !== undefined", timeout=5000)
    page.evaluate("window.__stillHere = true")
    stylesheet = root / "templates/assets/style.css"
    stylesheet.write_text(
        stylesheet.read_text() + "\nbody { border-top: 7px solid rgb(1, 2, 3); }\n"
    )
    page.wait_for_function(
        "() => getComputedStyle(document.body).borderTopColor === 'rgb(1, 2, 3)'", timeout=5000
    )
    assert page.evaluate("window.__stillHere === true")  # same document: no full reload
