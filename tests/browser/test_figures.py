"""Movement figures in a real browser: the loop respects reduced motion and print, and the
figure follows the dark theme with near limbs stronger than far ones."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

CARD = "exercises/copenhagen-plank/"


def _rgb(css: str) -> tuple[float, float, float]:
    """A computed colour as 0-1 floats: Chromium writes color-mix() results as color(srgb ...)."""
    numbers = [float(n) for n in re.findall(r"[\d.]+", css)[:3]]
    scale = 1.0 if css.startswith("color(") else 255.0
    r, g, b = (n / scale for n in numbers)
    return r, g, b


def _luminance(css: str) -> float:
    r, g, b = _rgb(css)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.fixture
def tab(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A desktop-sized tab with the colour scheme and motion preference the test asks for."""
    scheme, motion = request.param
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, color_scheme=scheme, reduced_motion=motion
    )
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("tab", [("light", "reduce")], indirect=True)
def test_reduced_motion_shows_only_the_still_positions(tab: Page, base_url: str) -> None:
    tab.goto(base_url + CARD)
    assert tab.locator(".movement-steps .fig").count() == 2
    assert all(tab.locator(".movement-steps .fig").nth(i).is_visible() for i in range(2))
    assert not tab.locator(".movement-loop").is_visible()


@pytest.mark.parametrize("tab", [("light", "no-preference")], indirect=True)
def test_the_loop_plays_when_motion_is_welcome_but_not_in_print(tab: Page, base_url: str) -> None:
    tab.goto(base_url + CARD)
    loop = tab.locator(".movement-loop")
    assert loop.is_visible()
    names = loop.locator("use").evaluate_all("us => us.map(u => getComputedStyle(u).animationName)")
    assert names == ["fig-two", "fig-two"]
    tab.emulate_media(media="print")
    assert not loop.is_visible()
    assert tab.locator(".movement-steps .fig").first.is_visible()


@pytest.mark.parametrize("tab", [("light", "reduce"), ("dark", "reduce")], indirect=True)
def test_figure_follows_the_theme_near_limbs_stronger(tab: Page, base_url: str) -> None:
    tab.goto(base_url + "exercises/split-squat/")  # a side view: one near and one far leg
    figure = tab.locator(".movement-steps .fig").first
    near = figure.locator("path.f-n").first.evaluate("e => getComputedStyle(e).stroke")
    far = figure.locator("path.f-f").first.evaluate("e => getComputedStyle(e).stroke")
    muscle = figure.locator("path.f-m.f-n").first.evaluate("e => getComputedStyle(e).stroke")
    page_bg = tab.evaluate("getComputedStyle(document.body).backgroundColor")
    background = _luminance(page_bg)
    dark = tab.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
    assert (background < 0.2) == dark
    # near limbs stand out more from the page than far limbs, in either theme
    assert abs(_luminance(near) - background) > abs(_luminance(far) - background) + 0.15
    accent = tab.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--accent')")
    assert _rgb(muscle) == pytest.approx(_rgb(_hex(accent)), abs=0.01)  # the body map's colour


def _hex(value: str) -> str:
    value = value.strip().lstrip("#")
    return "rgb({}, {}, {})".format(*(int(value[i : i + 2], 16) for i in (0, 2, 4)))
