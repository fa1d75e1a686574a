"""Screenshots of the guide for the README: `make screenshots` refreshes docs/screenshots/.

Builds the guide into a temporary folder, serves it on loopback and photographs
three pages in light and dark mode at phone and desktop width with Debian's
Chromium through Playwright, then a contact sheet of every card's movement
figure (figures-1.png, figures-2.png, ...) to look at them all at once.
`--figures` writes only the contact sheets.
"""

from __future__ import annotations

import html
import re
import sys
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Literal

from playwright.sync_api import Browser, sync_playwright

from generator.build import BuildOptions, build

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
PAGES = {
    "home": "",
    "exercise": "exercises/copenhagen-plank/",
    "plan": "plans/half-intermediate-4d-home/",
    "plans": "plans/",
    "finder": "exercises/",
}
WORKOUT = "plans/half-intermediate-4d-home/"  # a strength day's session, on a phone
SCHEMES: tuple[Literal["light", "dark"], ...] = ("light", "dark")
SIZES = {"phone": (390, 844), "desktop": (1280, 900)}
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-sync"]
CARDS_PER_SHEET = 18
_FIGURE = re.compile(r'<figure class="movement">.*?</figure>', re.S)
_TITLE = re.compile(r"<h1>(.*?)</h1>", re.S)
_STYLE = re.compile(r'<link rel="stylesheet" href="([^"]+)"')


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """No request log."""


def contact_sheets(browser: Browser, site: Path, base: str) -> list[Path]:
    """Every card's figure, still positions only, on sheets of CARDS_PER_SHEET in a grid."""
    cells = []
    stylesheet = ""
    for page in sorted((site / "exercises").glob("*/index.html")):
        text = page.read_text()
        figure, title, style = _FIGURE.search(text), _TITLE.search(text), _STYLE.search(text)
        if figure is None or title is None or style is None:
            raise SystemExit(f"no figure on {page.relative_to(site)}")
        stylesheet = style.group(1)
        slug = html.escape(page.parent.name)
        cells.append(f'<div class="sheet-cell"><p class="sheet-name">{title.group(1)} '
                     f'<span>{slug}</span></p>{figure.group()}</div>')  # fmt: skip
    layout = (".sheet { display: grid; grid-template-columns: repeat(3, 1fr); gap: 10px; padding: 10px; }"
              ".sheet-cell { border: 1px solid var(--line); border-radius: 8px; padding: 6px; background: var(--surface); }"
              ".sheet-name { margin: 0 0 4px; font-weight: 700; font-size: 14px; } .sheet-name span { font-weight: 400; color: var(--muted); }"
              ".sheet .movement-steps p { font-size: 11px; }")  # fmt: skip
    (site / "sheet.css").write_text(layout)
    written = []
    context = browser.new_context(viewport={"width": 1800, "height": 900}, reduced_motion="reduce",
                                  color_scheme="light", device_scale_factor=1)  # fmt: skip
    tab = context.new_page()
    for number, start in enumerate(range(0, len(cells), CARDS_PER_SHEET), 1):
        body = "".join(cells[start : start + CARDS_PER_SHEET])
        (site / f"sheet-{number}.html").write_text(
            f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Figures {number}</title>'
            f'<link rel="stylesheet" href="{stylesheet}"><link rel="stylesheet" href="/sheet.css">'
            f'</head><body><div class="sheet">{body}</div></body></html>'
        )
        tab.goto(f"{base}sheet-{number}.html", wait_until="networkidle")
        path = OUT / f"figures-{number}.png"
        tab.screenshot(path=str(path), full_page=True)
        written.append(path)
    context.close()
    return written


def main() -> int:
    only_figures = "--figures" in sys.argv[1:]
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        build(BuildOptions(root=ROOT, out=site))
        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        OUT.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            sheets = contact_sheets(browser, site, base)
            for name, route in ({} if only_figures else PAGES).items():
                for size, (width, height) in SIZES.items():
                    for scheme in SCHEMES:
                        context = browser.new_context(
                            viewport={"width": width, "height": height},
                            color_scheme=scheme,
                            device_scale_factor=1,
                        )
                        page = context.new_page()
                        page.goto(base + route, wait_until="networkidle")
                        page.screenshot(path=str(OUT / f"{name}-{scheme}-{size}.png"))
                        context.close()
            for scheme in () if only_figures else SCHEMES:
                context = browser.new_context(
                    viewport={"width": 390, "height": 844}, color_scheme=scheme
                )
                page = context.new_page()
                page.goto(base + WORKOUT, wait_until="networkidle")
                page.locator(
                    ".plan-week.is-shown .plan-day:has(.session-strength) .day-start"
                ).first.click()
                dialog = page.locator("dialog.workout")
                while not dialog.locator(".workout-step-title a").count():
                    dialog.get_by_role("button", name="Next").click()
                dialog.locator(".set-tick").first.click()
                page.screenshot(path=str(OUT / f"workout-{scheme}-phone.png"))
                context.close()
            browser.close()
        server.shutdown()
    pages = 0 if only_figures else len(PAGES) * len(SIZES) * 2 + len(SCHEMES)
    print(
        f"wrote {pages} screenshots and {len(sheets)} contact sheets into {OUT.relative_to(ROOT)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
