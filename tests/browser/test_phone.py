"""The guide on a 390 x 844 phone: header, plan dates, week switcher, workout mode, offline."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from datetime import date, timedelta
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Literal

import pytest
from icalendar import Calendar
from playwright.sync_api import Browser, BrowserContext, Page, Route, ViewportSize, expect

from generator.build import BuildOptions, build
from tests.browser.conftest import _QuietHandler
from tests.conftest import REPO

PLAN = "half-intermediate-4d-home"
PHONE: ViewportSize = {"width": 390, "height": 844}
NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip


def label(day: date) -> str:
    return f"{NAMES[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"


@pytest.fixture
def phone_context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport=PHONE, accept_downloads=True, service_workers="allow")
    yield context
    context.close()


@pytest.fixture
def phone(phone_context: BrowserContext) -> Page:
    return phone_context.new_page()


def plan_json(site_dir: Path, plan_id: str = PLAN) -> dict:  # type: ignore[type-arg]
    data: dict = json.loads((site_dir / "plans" / f"{plan_id}.json").read_text())  # type: ignore[type-arg]
    return data


def pick_race(page: Page, race: date) -> None:
    page.fill("#race-date", race.isoformat())
    page.dispatch_event("#race-date", "change")


@pytest.mark.parametrize("path", ["", "plans/", f"plans/{PLAN}/", "exercises/", "search/"])
def test_header_is_one_short_row_on_a_phone(phone: Page, base_url: str, path: str) -> None:
    phone.goto(base_url + path)
    box = phone.locator(".site-header").bounding_box()
    assert box is not None and box["height"] <= 64
    expect(phone.locator("#site-menu")).to_be_hidden()
    phone.click(".menu-button")
    expect(phone.locator("#site-menu a", has_text="Exercises")).to_be_visible()
    expect(phone.locator(".search-link")).to_be_visible()


def test_menu_opens_without_javascript(page_without_js: Page, base_url: str) -> None:
    page_without_js.set_viewport_size(PHONE)
    page_without_js.goto(base_url)
    expect(page_without_js.locator("#site-menu")).to_be_hidden()
    page_without_js.click(".menu-button")
    expect(page_without_js.locator("#site-menu a", has_text="Plans")).to_be_visible()


def test_anchors_land_below_the_header(phone: Page, base_url: str) -> None:
    phone.goto(base_url + f"plans/{PLAN}/#week-5")
    header = phone.locator(".site-header").bounding_box()
    nav = phone.locator(".week-nav").bounding_box()
    heading = phone.locator("#week-5-title").bounding_box()
    assert header and nav and heading
    assert heading["y"] >= header["y"] + header["height"]
    assert heading["y"] >= nav["y"] + nav["height"]  # and below the sticky week bar
    phone.goto(base_url + "articles/why-runners-should-lift/")
    target = phone.locator(".toc a").nth(1)
    anchor = target.get_attribute("href")
    assert anchor and anchor.startswith("#")
    target.click()
    box = phone.locator(anchor).bounding_box()
    header = phone.locator(".site-header").bounding_box()
    assert box and header and box["y"] >= header["height"]


def test_race_date_turns_the_plan_into_dates_and_marks_today(
    phone: Page, base_url: str, site_dir: Path
) -> None:
    plan = plan_json(site_dir)
    today = date.today()
    start = today - timedelta(days=today.weekday())  # Monday of week 1: today is in week 1
    race = start + timedelta(days=(plan["race"]["week"] - 1) * 7 + plan["race"]["day"] - 1)
    phone.goto(base_url + f"plans/{PLAN}/")
    pick_race(phone, race)
    today_cell = phone.locator(".plan-day.is-today")
    expect(today_cell).to_have_count(1)
    expect(today_cell.locator(".day-name")).to_have_text(label(today))
    expect(phone.locator("#week-1")).to_have_class(re.compile("is-this-week"))
    expect(phone.locator("#week-1 .this-week")).to_have_text("This week")
    expect(phone.locator("#week-1 .plan-day").first.locator(".day-name")).to_have_text(label(start))
    phone.reload()
    expect(phone.locator("#race-date")).to_have_value(race.isoformat())
    expect(phone.locator(".plan-day.is-today .day-name")).to_have_text(label(today))
    expect(phone.locator("#week-1")).to_be_visible()
    expect(phone.locator("#week-2")).to_be_hidden()
    assert phone.evaluate("window.scrollY") > 0  # scrolled to today
    expect(phone.locator("#race-warning")).to_be_hidden()  # a plan that starts this week


def test_a_reader_weeks_into_the_plan_is_not_warned(
    phone_context: BrowserContext, base_url: str, site_dir: Path
) -> None:
    plan = plan_json(site_dir)
    today = date.today()
    start = today - timedelta(days=today.weekday() + 21)  # today is in week 4
    race = start + timedelta(days=(plan["race"]["week"] - 1) * 7 + plan["race"]["day"] - 1)
    phone_context.add_init_script(
        f"localStorage.setItem('ss-race:half', '{race.isoformat()}');"
        f"localStorage.setItem('ss-race-picked:half', '{start.isoformat()}');"
    )
    phone = phone_context.new_page()
    phone.goto(base_url + f"plans/{PLAN}/")
    expect(phone.locator("#week-4")).to_have_class(re.compile("is-this-week"))
    expect(phone.locator("#week-4")).to_be_visible()
    expect(phone.locator(".plan-day.is-today .day-name")).to_have_text(label(today))
    expect(phone.locator("#race-warning")).to_be_hidden()
    expect(phone.locator("#week-1 .plan-day").first).to_have_class(re.compile("is-past"))


def test_week_switcher_shows_one_week_at_a_time(phone: Page, base_url: str) -> None:
    phone.goto(base_url + f"plans/{PLAN}/")
    expect(phone.locator(".plan-week:visible")).to_have_count(1)
    expect(phone.locator("#week-1")).to_be_visible()
    phone.click(".week-step[data-step='1']")
    expect(phone.locator("#week-2")).to_be_visible()
    expect(phone.locator("#week-1")).to_be_hidden()
    phone.select_option("#week-pick", "9")
    expect(phone.locator("#week-9")).to_be_visible()
    phone.click(".week-step[data-step='-1']")
    expect(phone.locator("#week-8")).to_be_visible()
    expect(phone.locator(".plan-week:visible")).to_have_count(1)
    link = phone.locator("#week-8 .exercises a").first.bounding_box()
    assert link and link["height"] >= 44  # exercise links are easy to tap
    for selector in (".week-step", "#week-pick", ".is-shown .day-start", ".menu-button"):
        box = phone.locator(selector).first.bounding_box()
        assert box and box["width"] >= 44 and box["height"] >= 44, selector


def _open_strength_day(page: Page) -> None:
    day = page.locator(".plan-week.is-shown .plan-day:has(.session-strength)").first
    day.locator(".day-start").click()
    expect(page.locator("dialog.workout")).to_be_visible()


def test_workout_ticks_survive_a_reload(phone: Page, base_url: str) -> None:
    phone.goto(base_url + f"plans/{PLAN}/")
    _open_strength_day(phone)
    dialog = phone.locator("dialog.workout")
    while not dialog.locator(".workout-step-title a").count():  # the first exercise
        dialog.get_by_role("button", name="Next").click()
    expect(dialog.locator(".workout-dose")).to_contain_text(" x ")
    expect(dialog.locator(".workout-cues li").first).to_be_visible()
    title = dialog.locator(".workout-step-title").text_content()
    dialog.locator(".set-tick").nth(0).click()
    dialog.locator(".set-tick").nth(1).click()
    expect(dialog.locator(".set-tick[aria-pressed='true']")).to_have_count(2)
    phone.reload()
    _open_strength_day(phone)
    while dialog.locator(".workout-step-title").text_content() != title:
        dialog.get_by_role("button", name="Next").click()
    expect(dialog.locator(".set-tick[aria-pressed='true']")).to_have_count(2)
    expect(dialog.locator(".set-tick").nth(2)).to_have_attribute("aria-pressed", "false")


def test_rest_timer_counts_down_after_a_set(phone: Page, base_url: str) -> None:
    phone.add_init_script(  # headless Chromium has no screen to keep awake: record the asks
        "window.lockAsks = 0; Object.defineProperty(navigator, 'wakeLock', {value: {request() {"
        " window.lockAsks += 1; return Promise.resolve({release() { return Promise.resolve(); },"
        " addEventListener() {}}); }}});"
    )
    phone.clock.install()
    phone.goto(base_url + f"plans/{PLAN}/")
    _open_strength_day(phone)
    assert phone.evaluate("window.lockAsks") == 1  # the screen stays on during the session
    dialog = phone.locator("dialog.workout")
    while not dialog.locator(".workout-step-title a").count():
        dialog.get_by_role("button", name="Next").click()
    dialog.locator(".set-tick").first.click()
    timer = dialog.locator(".timer-text")
    expect(timer).to_have_text(re.compile(r"Rest [1-3]:\d\d"))
    first = timer.text_content()
    phone.clock.run_for(5000)
    assert timer.text_content() != first
    phone.clock.run_for(200_000)
    expect(timer).to_have_text("Rest over: next set.")


def test_too_close_race_warns_and_exports_only_from_today(
    phone: Page, base_url: str, site_dir: Path
) -> None:
    plan = plan_json(site_dir)
    race = date.today() + timedelta(days=30)
    phone.goto(base_url + f"plans/{PLAN}/")
    pick_race(phone, race)
    warning = phone.locator("#race-warning")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text(f"needs {plan['weeks_total']} weeks")
    phone.click("text=Download .ics")
    expect(phone.locator("#calendar-status")).to_contain_text("Not exported")
    phone.click("#start-partway")
    expect(phone.locator("#start-partway")).to_have_attribute("aria-pressed", "true")
    with phone.expect_download() as info:
        phone.click("text=Download .ics")
    calendar = Calendar.from_ical(Path(info.value.path()).read_bytes())
    dates = [e.decoded("DTSTART") for e in calendar.walk() if e.name == "VEVENT"]
    assert dates and min(dates) >= date.today() and max(dates) == race


def test_saturday_race_moves_the_long_run_on_page_and_in_the_calendar(
    phone: Page, base_url: str, site_dir: Path
) -> None:
    plan = plan_json(site_dir)
    far = date.today() + timedelta(days=plan["weeks_total"] * 7 + 14)
    race = far + timedelta(days=(5 - far.weekday()) % 7)  # a Saturday
    phone.goto(base_url + f"plans/{PLAN}/")
    pick_race(phone, race)
    expect(phone.locator("#long-run-day")).to_have_value("6")
    page_dates = {}
    for week in range(1, plan["weeks_total"] + 1):
        for li in phone.locator(f"#week-{week} .plan-day").all():
            page_dates[(week, int(li.get_attribute("data-day") or 0))] = li.locator(
                ".day-name"
            ).text_content()
    with phone.expect_download() as info:
        phone.click("text=Download .ics")
    calendar = Calendar.from_ical(Path(info.value.path()).read_bytes())
    events = [e for e in calendar.walk() if e.name == "VEVENT"]
    assert events
    for event in events:
        week, day = (int(p[1:]) for p in str(event["UID"]).split("@")[0].split("-")[-3:-1])
        assert page_dates[(week, day)] == label(event.decoded("DTSTART"))
        if str(event["SUMMARY"]).startswith("Long run"):
            assert event.decoded("DTSTART").weekday() == 5  # Saturday, like the race
    # The reader picks Sunday long runs instead: the page and the file follow.
    phone.select_option("#long-run-day", "7")
    expect(phone.locator("#week-1 .plan-day[data-day='7'] .day-name")).to_contain_text("Sunday")
    with phone.expect_download() as info:
        phone.click("text=Download .ics")
    calendar = Calendar.from_ical(Path(info.value.path()).read_bytes())
    longs = [e for e in calendar.walk() if str(e.get("SUMMARY", "")).startswith("Long run")]
    assert longs and all(e.decoded("DTSTART").weekday() == 6 for e in longs)
    races = [e for e in calendar.walk() if str(e.get("SUMMARY", "")) == "Race day"]
    assert [e.decoded("DTSTART") for e in races] == [race]


def _controlled(page: Page, url: str) -> None:
    """Open a page and wait until our service worker controls it."""
    page.goto(url)
    page.evaluate("navigator.serviceWorker.ready")
    if not page.evaluate("!!navigator.serviceWorker.controller"):
        page.reload()
    assert page.evaluate("!!navigator.serviceWorker.controller")


def test_visited_page_and_kept_plan_open_offline(
    phone_context: BrowserContext, phone: Page, base_url: str
) -> None:
    _controlled(phone, base_url)
    phone.goto(base_url + "articles/why-runners-should-lift/")
    title = phone.locator("h1").text_content()
    phone.goto(base_url + f"plans/{PLAN}/")
    keep = phone.locator("#keep-offline")
    keep.click()
    expect(keep).to_have_text("Kept offline")
    phone.goto(base_url)
    phone.evaluate("caches.delete('ss-pages')")  # only the kept plan's own cache is left for it
    phone_context.set_offline(True)
    phone.goto(base_url + f"plans/{PLAN}/")
    expect(phone.locator("h1")).to_contain_text("Half marathon")
    expect(phone.locator("#week-1")).to_be_visible()
    phone.goto(base_url + "exercises/")  # never opened: the offline page says so
    expect(phone.locator("h1")).to_have_text("You are offline")
    phone_context.set_offline(False)
    phone.goto(base_url + "articles/why-runners-should-lift/")
    phone_context.set_offline(True)
    phone.reload()
    expect(phone.locator("h1")).to_have_text(title or "")
    phone_context.set_offline(False)


def test_service_worker_is_served_from_the_root_and_the_manifest_has_png_icons(
    site_dir: Path,
) -> None:
    worker = (site_dir / "sw.js").read_text()
    assert 'addEventListener("fetch"' in worker
    manifest = json.loads((site_dir / "manifest.webmanifest").read_text())
    sizes = {(i["sizes"], i.get("purpose", "any")) for i in manifest["icons"]}
    assert {("192x192", "maskable"), ("512x512", "maskable"), ("192x192", "any")} <= sizes
    for icon in manifest["icons"]:
        assert (site_dir / icon["src"].lstrip("/")).is_file()
    home = (site_dir / "index.html").read_text()
    assert 'rel="apple-touch-icon"' in home


def test_finder_puts_results_first_and_the_likeliest_fit_on_top(phone: Page, base_url: str) -> None:
    phone.goto(base_url + "exercises/?region=calves-ankle&equipment=bodyweight")
    first = phone.locator("#exercise-cards > li:visible").first.bounding_box()
    assert first and first["y"] < 844  # the filters are folded away above the results
    levels = phone.locator("#exercise-cards > li:visible").evaluate_all(
        "cards => cards.map(c => c.dataset.level)"
    )
    rank = {"beginner": 0, "intermediate": 1, "advanced": 2}
    assert levels and levels == sorted(levels, key=rank.__getitem__)
    assert levels[0] == "beginner"
    expect(phone.locator(".finder-summary")).to_contain_text(f"{len(levels)} of")
    # Several items at once: a dumbbell and a bench open up cards that need both.
    phone.goto(base_url + "exercises/?equipment=dumbbell,bench")
    titles = phone.locator("#exercise-cards > li:visible .card-title").all_inner_texts()
    assert "Seated calf raise" in titles  # needs a dumbbell and a bench
    phone.goto(base_url + "exercises/?equipment=dumbbell")
    titles = phone.locator("#exercise-cards > li:visible .card-title").all_inner_texts()
    assert "Seated calf raise" not in titles
    # Within a level, cards whose main movers are in the chosen region come first.
    phone.goto(base_url + "exercises/?region=calves-ankle&level=beginner")
    primary = phone.locator("#exercise-cards > li:visible").evaluate_all(
        "cards => cards.map(c => c.dataset.primaryRegion.split(' ').includes('calves-ankle'))"
    )
    assert primary == sorted(primary, reverse=True) and primary[0]


LAYOUT_SHIFT = """new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 1500);
})"""


def test_search_labels_every_result_and_pages_through_all(phone: Page, base_url: str) -> None:
    phone.goto(base_url + "search/?q=calf")
    results = phone.locator("#search-results > li")
    expect(results).to_have_count(10, timeout=10_000)
    status = phone.locator("#search-status").text_content() or ""
    total = int(status.split()[0])
    assert total > 10
    kinds = set(phone.locator(".result-kind").all_text_contents())
    assert kinds and kinds <= {"Exercise", "Article", "Muscle", "Region", "Plan"}
    shown = 10
    while shown < total:
        phone.click("#search-more")
        shown = min(total, shown + 10)
        expect(results).to_have_count(shown)
    expect(phone.locator("#search-more")).to_be_hidden()
    urls = results.locator("a").evaluate_all("links => links.map(a => a.href)")
    assert len(set(urls)) == total  # no result twice
    assert phone.locator(".result-kind").count() == total
    expect(phone.locator("#search-status")).not_to_contain_text("showing")
    # Muscle pages are excerpted from their description, not from card labels.
    phone.goto(base_url + "search/?q=soleus")
    expect(results.first).to_be_visible(timeout=10_000)
    assert "Beginner ·" not in (phone.locator("#search-results").text_content() or "")
    assert phone.evaluate(LAYOUT_SHIFT) < 0.01


def _axe(page: Page, axe_source: str) -> list[str]:
    page.evaluate(axe_source)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']}: {v['help']} ({', '.join(n['target'][0] for n in v['nodes'][:3])})"
        for v in result["violations"]
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_on_a_phone_with_menus_warnings_and_the_workout_open(
    phone: Page, base_url: str, axe_source: str, scheme: Literal["light", "dark"]
) -> None:
    phone.emulate_media(color_scheme=scheme)
    phone.goto(base_url + f"plans/{PLAN}/")
    phone.click(".menu-button")
    pick_race(phone, date.today() + timedelta(days=30))  # too close: the warning shows
    expect(phone.locator("#race-warning")).to_be_visible()
    assert _axe(phone, axe_source) == []
    _open_strength_day(phone)
    assert _axe(phone, axe_source) == []
    phone.goto(base_url + "exercises/?equipment=dumbbell")
    phone.click(".finder-summary")
    assert _axe(phone, axe_source) == []
    phone.goto(base_url + "plans/")
    assert _axe(phone, axe_source) == []


@pytest.mark.parametrize(
    "path", ["", "plans/marathon-advanced-6d-gym/", "exercises/", "search/?q=calf"]
)
def test_nothing_shifts_while_a_page_loads(phone: Page, base_url: str, path: str) -> None:
    phone.goto(base_url + path, wait_until="networkidle")
    assert phone.evaluate(LAYOUT_SHIFT) < 0.01


def test_workout_uses_warmup_effort_and_load_when_the_plan_has_them(
    phone: Page, base_url: str
) -> None:
    """The plan data may carry a warm-up, a run's workout and effort, and a load per exercise."""

    def enrich(route: Route) -> None:
        response = route.fetch()
        html = response.text()
        start = html.index('<script type="application/json" id="plan-data">') + 47
        end = html.index("</script>", start)
        info = json.loads(html[start:end])
        day = next(d for d in info["plan"]["weeks"][0]["days"]
                   if any(s["kind"] == "strength" for s in d["sessions"]))  # fmt: skip
        for session in day["sessions"]:
            if session["kind"] == "run":
                session["workout"] = "10 min easy, 6 x 90 s uphill, jog down"
                session["effort"] = "hard but even"
            if session["kind"] == "strength":
                first = session["exercises"][0]["slug"]
                session["warmup"] = {"routine": "lower-body-primer",
                                     "exercises": [{"slug": first, "sets": 1, "reps": "8"}]}  # fmt: skip
                session["exercises"][0]["load"] = "RPE 7, two reps in reserve"
        body = html[:start] + json.dumps(info) + html[end:]
        route.fulfill(response=response, body=body)

    phone.route(f"**/plans/{PLAN}/", enrich)
    phone.goto(base_url + f"plans/{PLAN}/")
    _open_strength_day(phone)
    dialog = phone.locator("dialog.workout")
    expect(dialog.locator(".workout-step")).to_contain_text("6 x 90 s uphill")
    expect(dialog.locator(".workout-step")).to_contain_text("Effort: hard but even")
    dialog.get_by_role("button", name="Next").click()
    expect(dialog.locator(".workout-step-title")).to_have_text("Warm-up: lower body primer")
    expect(dialog.locator(".set-tick")).to_have_count(1)
    dialog.get_by_role("button", name="Next").click()
    expect(dialog.locator(".workout-dose")).to_contain_text("RPE 7, two reps in reserve")


def test_level_helper_recommends_a_level_and_sets_the_picker(phone: Page, base_url: str) -> None:
    phone.goto(base_url + "plans/")
    result = phone.locator("#level-result")
    expect(result).to_contain_text("Beginner")
    phone.select_option("#level-helper select[name=years]", "2")
    phone.select_option("#level-helper select[name=long]", "2")
    phone.select_option("#level-helper select[name=lifting]", "2")
    expect(result).to_contain_text("Advanced")
    expect(phone.locator("#plan-picker select[name=level]")).to_have_value("advanced")
    phone.select_option("#level-helper select[name=lifting]", "0")  # no lifting yet: not advanced
    expect(result).to_contain_text("Intermediate")
    size = phone.evaluate(
        "getComputedStyle(document.querySelector('#plan-picker select')).fontSize"
    )
    assert float(size.rstrip("px")) >= 16
    expect(phone.locator(".equipment-list")).to_contain_text("foam roller")
    table = phone.locator(".plan-table").first.bounding_box()
    assert table and table["x"] + table["width"] <= 390  # every column on screen


def test_service_worker_honours_a_base_path(browser: Browser, tmp_path: Path) -> None:
    """A guide published under /guide/ registers its worker there and reads offline there."""
    out = tmp_path / "guide"
    build(BuildOptions(root=REPO, out=out, base_url="https://example.org/guide/", search=False))
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    root = f"http://127.0.0.1:{server.server_address[1]}/guide/"
    context = browser.new_context(viewport=PHONE, service_workers="allow")
    try:
        tab = context.new_page()
        tab.goto(root)
        assert tab.evaluate("navigator.serviceWorker.ready.then(r => r.scope)") == root
        _controlled(tab, root)
        tab.goto(root + "articles/")
        title = tab.locator("h1").text_content()
        context.set_offline(True)
        tab.reload()
        expect(tab.locator("h1")).to_have_text(title or "")
    finally:
        context.close()
        server.shutdown()


def test_load_chart_is_readable_on_a_small_phone(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    try:
        tab = context.new_page()
        tab.goto(base_url + "plans/marathon-advanced-6d-gym/")
        sizes = tab.locator(".plan-chart text").evaluate_all(
            """texts => texts.map(t => {
                const svg = t.ownerSVGElement;
                const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                return parseFloat(getComputedStyle(t).fontSize) * scale;
            })"""
        )
        assert sizes and min(sizes) >= 12
        axis = tab.locator(".plan-chart text.chart-axis").all_text_contents()
        assert "0" in axis and any(v.isdigit() and int(v) >= 100 for v in axis)  # values on it
        details = tab.locator(".chart-data")
        tab.click(".chart-data summary")
        expect(details.locator("table")).to_be_visible()
        marker = tab.evaluate(
            "getComputedStyle(document.querySelector('.chart-data summary')).display"
        )
        assert marker == "list-item"  # the disclosure triangle is shown
    finally:
        context.close()
