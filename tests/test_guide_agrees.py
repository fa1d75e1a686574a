"""R24: the guide agrees with itself. What the articles say about week-one sets, the first
plyometric session, maintenance and the taper is what the 144 plans do.

Each test reads the sentence or table row an article uses and checks it against both
the rule's number in generator/plans/rules.py and the published plans, so changing
either side alone fails here.
"""

from __future__ import annotations

from pathlib import Path

from generator.plans import Plan
from generator.plans.rules import (
    FIRST_WEEK_SETS,
    MAINTENANCE_MAX_CONTACTS,
    MARATHON_NO_SQUAT_DAYS,
    NO_HEAVY_DAYS,
    PLYO_CONTACTS,
    PLYO_START,
)
from tests.test_plan_generation import library, published

ARTICLES = Path(__file__).parent.parent / "content" / "articles"


def article(slug: str) -> str:
    return " ".join((ARTICLES / f"{slug}.md").read_text().split())


def plyo_sessions(plan: Plan) -> list[tuple[int, int]]:
    """(week, contacts) of every plyometric session, in date order."""
    return [
        (w.number, s.plyo_contacts)
        for w in plan.weeks
        for d in w.days
        for s in d.strength
        if s.plyo_contacts
    ]


def test_week_one_sets() -> None:
    intro = FIRST_WEEK_SETS["beginner"]
    first_month = article("your-first-month")
    assert f"| 1 | {intro} | learn the movements" in first_month
    assert "our beginner plans start: two sets of each exercise in week 1" in first_month
    assert "2 sets in a beginner's first week" in article("progressive-overload-and-periodisation")
    for plan in published():
        sets = [e.sets for d in plan.weeks[0].days for s in d.strength for e in s.exercises]
        if plan.level == "beginner":
            assert max(sets) == intro, plan.id
        else:
            assert max(sets) == 3, plan.id  # the hypertrophy doses, as the table says


def test_the_first_plyometric_session() -> None:
    text = article("plyometrics-for-runners")
    for level, start in PLYO_START.items():
        low, high = PLYO_CONTACTS[level]
        assert f"| {level.capitalize()} | {start} | {low}-{high} |" in text
    assert "at most 60 foot contacts" in article("your-first-month")
    assert "usually from week 5" in article("your-first-month")
    for plan in published():
        sessions = plyo_sessions(plan)
        assert sessions, plan.id
        week, contacts = sessions[0]
        assert contacts <= PLYO_START[plan.level], plan.id
        if plan.level == "beginner":
            assert week >= 5, plan.id


def test_maintenance_keeps_the_weight_cuts_the_sets_and_keeps_a_few_low_jumps() -> None:
    cards = library().cards
    text = article("strength-tapering-and-in-season-maintenance")
    assert f"{MAINTENANCE_MAX_CONTACTS} contacts at most" in text
    assert "two sets of each lift at RPE 7-8 with the weight of your strength block" in text
    for plan in published():
        for week in plan.weeks:
            if week.block != "maintenance" or week.number == plan.weeks_total or week.deload:
                continue
            (session,) = [s for d in week.days for s in d.strength]
            jumps = [e for e in session.exercises if cards[e.slug].category == "plyometric"]
            assert len(jumps) == 1 and cards[jumps[0].slug].stage == 1, (plan.id, week.number)
            assert 0 < session.plyo_contacts <= MAINTENANCE_MAX_CONTACTS
            lifts = [e for e in session.exercises if cards[e.slug].category == "strength"]
            assert all(e.sets <= 2 for e in lifts), (plan.id, week.number)
            loaded = [e for e in lifts if not e.reps.endswith(" s")]  # holds: held cleanly
            assert all("keep the weight" in e.load for e in loaded), (plan.id, week.number)


def test_the_taper() -> None:
    text = article("strength-tapering-and-in-season-maintenance")
    assert f"No heavy lifts and no plyometrics in the final {NO_HEAVY_DAYS} days." in text
    assert f"no heavy squats or deadlifts in the final {MARATHON_NO_SQUAT_DAYS} days" in text
    assert "each taper week runs less than the one before" in text
    assert "the maintenance session takes over in the two biggest running weeks" in text
    for plan in published():
        taper = [w for w in plan.weeks if w.phase == "taper"]
        before = plan.weeks[taper[0].number - 2]
        assert before.loading, plan.id
        minutes = [before.run_minutes] + [w.run_minutes for w in taper]
        assert minutes == sorted(minutes, reverse=True), plan.id
        if plan.distance in ("half", "marathon"):
            top = sorted((w for w in plan.weeks if w.loading), key=lambda w: w.run_minutes)[-2:]
            assert all(w.block == "maintenance" for w in top), plan.id


def test_the_twelve_week_half_marathon_example() -> None:
    text = article("progressive-overload-and-periodisation")
    assert "| 1-2 | Hypertrophy and strength-endurance |" in text
    assert "| 3-5 | Strength | week 4 is a deload" in text
    assert "| 6-8 | Power | plyometrics at their peak; week 8 is a deload |" in text
    assert "| 9-11 | Maintenance |" in text
    expected = ["hypertrophy"] * 2 + ["strength"] * 3 + ["power"] * 3 + ["maintenance"] * 4
    beginner = ["hypertrophy"] * 4 + ["strength-power"] * 4 + ["maintenance"] * 4
    for plan in published():
        if plan.distance == "half":
            blocks = [w.block for w in plan.weeks]
            assert blocks == (beginner if plan.level == "beginner" else expected), plan.id
            assert [w.number for w in plan.weeks if w.deload] == [4, 8], plan.id
        if plan.distance == "5k":
            assert "strength-power" in {w.block for w in plan.weeks}, plan.id
