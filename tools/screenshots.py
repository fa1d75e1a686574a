"""Screenshots of the guide for the README: `make screenshots` refreshes docs/screenshots/.

Builds the guide into a temporary folder, serves it on loopback and photographs
three pages in light and dark mode at phone and desktop width with Debian's
Chromium through Playwright.
"""

from __future__ import annotations

import sys
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Literal

from playwright.sync_api import sync_playwright

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


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """No request log."""


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        build(BuildOptions(root=ROOT, out=site))
        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        OUT.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            for name, route in PAGES.items():
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
            for scheme in SCHEMES:
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
    print(f"wrote {len(PAGES) * len(SIZES) * 2 + 2} screenshots into {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
