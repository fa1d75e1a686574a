"""Plans in the browser: the picker, the calendar download, and the printed layout."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from icalendar import Calendar
from playwright.sync_api import Page, expect

PLAN = "marathon-intermediate-4d-gym"


def test_picker_goes_to_the_chosen_plan(page: Page, base_url: str) -> None:
    page.goto(base_url + "plans/")
    page.select_option("select[name=distance]", "half")
    page.select_option("select[name=level]", "beginner")
    page.select_option("select[name=days]", "3")
    page.select_option("select[name=equipment]", "bodyweight")
    page.click("text=Show my plan")
    page.wait_for_url("**/plans/half-beginner-3d-bodyweight/")
    expect(page.locator("h1")).to_contain_text("Half marathon")


def test_calendar_download_has_one_event_per_session(
    page: Page, base_url: str, site_dir: Path
) -> None:
    far = date.today() + timedelta(weeks=20)
    race_day = far + timedelta(days=6 - far.weekday())  # a Sunday the whole plan fits before
    page.goto(base_url + f"plans/{PLAN}/")
    page.fill("#race-date", race_day.isoformat())
    with page.expect_download() as info:
        page.click("text=Download .ics")
    download = info.value
    assert download.suggested_filename == f"{PLAN}.ics"
    calendar = Calendar.from_ical(Path(download.path()).read_bytes())
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    plan = json.loads((site_dir / "plans" / f"{PLAN}.json").read_text())
    sessions = [(w, d, s) for w in plan["weeks"] for d in w["days"] for s in d["sessions"]]
    assert len(events) == len(sessions)
    assert len({str(e["UID"]) for e in events}) == len(events)
    race = [e for e in events if str(e["SUMMARY"]) == "Race day"]
    assert len(race) == 1 and race[0].decoded("DTSTART") == race_day
    race_index = (plan["race"]["week"] - 1) * 7 + plan["race"]["day"]
    for event in events:  # UID "<plan>-w<week>-d<day>-<n>@...": each event on its own day
        week, day = (int(part[1:]) for part in str(event["UID"]).split("@")[0].split("-")[-3:-1])
        expected = race_day + timedelta(days=(week - 1) * 7 + day - race_index)
        assert event.decoded("DTSTART") == expected
        assert expected.isoweekday() == day
    strength = [e for e in events if "strength" in str(e["SUMMARY"]).lower()]
    assert strength and " x " in str(strength[0]["DESCRIPTION"])
    described = {str(e["SUMMARY"]): str(e["DESCRIPTION"]) for e in events}
    runs = [s for _, _, s in sessions if s["kind"] == "run" and s["type"] != "race"]
    tempo = next(s for s in runs if s["type"] in ("tempo", "intervals", "hills"))
    text = described[f"{tempo['type'].capitalize()} run, {tempo['minutes']} min"]
    assert tempo["workout"] in text and tempo["effort"] in text and "run-sessions/#" in text
    lifted = [s for _, _, s in sessions if s["kind"] == "strength"]
    loads = {e["load"] for s in lifted for e in s["exercises"]}
    all_text = " ".join(str(e["DESCRIPTION"]) for e in events)
    assert all(load in all_text for load in loads) and "plans/warm-up/" in all_text
    expect(page.locator("#calendar-status")).to_contain_text(f"{PLAN}.ics")


def test_plan_prints_one_week_per_page_without_navigation(page: Page, base_url: str) -> None:
    page.goto(base_url + f"plans/{PLAN}/")
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".calendar-export")).to_be_hidden()
    assert (
        page.evaluate("getComputedStyle(document.querySelector('#week-2')).breakBefore") == "page"
    )
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.tick')).display") == "inline-block"
    )
    weeks = page.locator(".plan-week").count()
    pdf = page.pdf(format="A4")
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") >= weeks


def test_plan_page_is_readable_without_javascript(page_without_js: Page, base_url: str) -> None:
    tab = page_without_js
    tab.goto(base_url + "plans/")
    expect(tab.locator("#plan-picker")).to_be_hidden()
    tab.click(f"a[href$='/plans/{PLAN}/']")
    expect(tab.locator("#week-1")).to_be_visible()
    expect(tab.locator("#calendar-export")).to_be_hidden()
    assert tab.locator(".plan-week").count() >= 16


def test_every_plan_is_published_as_json(site_dir: Path) -> None:
    index = json.loads((site_dir / "plans" / "index.json").read_text())
    ids = [p["id"] for p in index["plans"]]
    assert len(ids) == len(set(ids)) == 144
    for plan_id in ids:
        plan = json.loads((site_dir / "plans" / f"{plan_id}.json").read_text())
        assert plan["id"] == plan_id
        assert set(plan) >= {
            "id",
            "distance",
            "level",
            "run_days",
            "equipment",
            "weeks_total",
            "weeks",
            "race",
        }
        assert len(plan["weeks"]) == plan["weeks_total"]
        assert all(len(week["days"]) == 7 for week in plan["weeks"])
        assert (site_dir / "plans" / plan_id / "index.html").is_file()
