"""What a reader does, in a real browser: theme, finder, search, keyboard, CSP."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect


def _csp_violations(page: Page) -> list[str]:
    found: list[str] = []
    page.on(
        "console",
        lambda msg: found.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    return found


def test_dark_mode_toggle_persists_across_pages(page: Page, base_url: str) -> None:
    page.emulate_media(color_scheme="light")
    page.goto(base_url)
    toggle = page.locator(".theme-toggle")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-pressed", "false")
    toggle.click()
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.goto(base_url + "exercises/")
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == background
    expect(page.locator(".theme-toggle")).to_have_attribute("aria-pressed", "true")


def test_no_flash_saved_theme_applies_before_first_paint(page: Page, base_url: str) -> None:
    page.emulate_media(color_scheme="light")
    page.goto(base_url)
    page.evaluate("localStorage.setItem('theme', 'dark')")
    page.goto(base_url + "muscles/", wait_until="commit")
    page.wait_for_selector("body")
    assert page.evaluate("document.documentElement.getAttribute('data-theme')") == "dark"


def test_finder_filters_by_muscle_and_equipment(page: Page, base_url: str) -> None:
    page.goto(base_url + "exercises/")
    cards = page.locator("#exercise-cards > li")
    total = cards.count()
    assert total >= 45
    expect(page.locator("#finder-box")).to_have_attribute("open", "")  # open on a wide screen
    page.select_option("select[name=muscle]", "achilles-tendon")
    page.check("input[name=equipment][value=bodyweight]")
    visible = page.locator("#exercise-cards > li:visible")
    shown = visible.count()
    assert 0 < shown < total
    titles = visible.locator(".card-title").all_inner_texts()
    assert "Eccentric heel drop" in titles
    assert "Seated calf raise" not in titles  # needs a dumbbell and a bench
    expect(page.locator("[data-count]")).to_have_text(str(shown))
    assert "muscle=achilles-tendon" in page.url
    page.reload()
    assert page.locator("#exercise-cards > li:visible").count() == shown
    page.click("text=Clear filters")
    expect(page.locator("#exercise-cards > li:visible")).to_have_count(total)


def test_finder_filter_pages_work_without_javascript(page_without_js: Page, base_url: str) -> None:
    tab = page_without_js
    tab.goto(base_url + "exercises/")
    expect(tab.locator("#finder")).to_be_hidden()
    tab.click(".browse >> text=Plyometric")
    assert re.search(r"finder/category/plyometric/$", tab.url)
    titles = tab.locator(".card-title").all_inner_texts()
    assert "Pogo hops" in titles and "Goblet squat" not in titles


def test_search_finds_a_known_page(page: Page, base_url: str) -> None:
    page.goto(base_url)
    page.fill("#site-search-q", "copenhagen")
    page.press("#site-search-q", "Enter")
    page.wait_for_url(re.compile(r"search/\?q=copenhagen"))
    first = page.locator("#search-results li a").first
    expect(first).to_be_visible(timeout=10_000)
    titles = page.locator("#search-results li a").all_inner_texts()
    assert any("Copenhagen" in t for t in titles)
    expect(page.locator("#search-results mark").first).to_be_visible()


def test_keyboard_reaches_controls_with_visible_focus(page: Page, base_url: str) -> None:
    page.goto(base_url + "exercises/")
    reached: list[str] = []
    for _ in range(40):
        page.keyboard.press("Tab")
        info = page.evaluate(
            """() => { const el = document.activeElement; const s = getComputedStyle(el);
                 return {name: el.tagName + (el.className ? '.' + el.className : '') + ':' + (el.getAttribute('name') || el.textContent.trim().slice(0, 20)),
                         outline: s.outlineStyle, width: parseFloat(s.outlineWidth)}; }"""
        )
        reached.append(info["name"])
        assert info["outline"] != "none" and info["width"] >= 2, info
    joined = " | ".join(reached)
    assert "skip-link" in joined
    assert "theme-toggle" in joined
    assert "INPUT" in joined and "SELECT" in joined


def test_pages_raise_no_csp_violations(page: Page, base_url: str) -> None:
    violations = _csp_violations(page)
    for path in ["", "exercises/", "exercises/goblet-squat/", "articles/why-runners-should-lift/",
                 "muscles/", "search/?q=hip", "plans/"]:  # fmt: skip
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
    assert violations == []


def test_body_map_highlights_the_cards_muscles(page: Page, base_url: str) -> None:
    page.goto(base_url + "exercises/copenhagen-plank/")
    primary = page.locator(".body-map .muscle.is-primary")
    secondary = page.locator(".body-map .muscle.is-secondary")
    assert {primary.nth(i).get_attribute("data-muscle") for i in range(primary.count())} == {
        "adductors"
    }
    listed = page.locator("dt:has-text('Secondary') + dd a").all_inner_texts()
    names = {secondary.nth(i).get_attribute("data-muscle") for i in range(secondary.count())}
    assert len(names) == len(listed) > 0
    strong = primary.first.evaluate("e => getComputedStyle(e).fill")
    light = secondary.first.evaluate("e => getComputedStyle(e).fill")
    plain = page.locator(".body-map .muscle:not(.is-primary):not(.is-secondary)").first.evaluate(
        "e => getComputedStyle(e).fill"
    )
    assert len({strong, light, plain}) == 3  # three visibly different fills
    description = page.locator(".body-map svg desc").text_content() or ""
    assert "Primary: Adductors" in description


def test_muscle_index_map_links_to_muscle_pages(page: Page, base_url: str) -> None:
    page.goto(base_url + "muscles/")
    link = page.locator(".body-map a:has([data-muscle='soleus'])").first
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/muscles/soleus/")
    assert page.locator(".body-map .muscle.is-primary[data-muscle='soleus']").count() >= 1


def test_no_page_requests_anything_from_another_host(page: Page, base_url: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for path in ["", "exercises/", "exercises/goblet-squat/", "articles/calves-and-ankles/",
                 "muscles/", "plans/", "plans/10k-beginner-3d-bodyweight/", "search/?q=calf"]:  # fmt: skip
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
    outside = [u for u in requested if not u.startswith((base_url, "data:", "blob:"))]
    assert len(requested) > 20
    assert outside == []
