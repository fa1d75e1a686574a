"""Schema validation messages: every mistake at its exact line, with a hint where one helps."""

from __future__ import annotations

from generator.content.schema import article_schema, exercise_schema, validate
from generator.content.sources import Limits, split_document
from generator.core.diagnostics import Diagnostics, Location

MUSCLES = ["glute-max", "glute-med", "quadriceps", "soleus"]
GOOD_CARD = """---
title: Goblet squat
summary: A squat.
category: strength
pattern: squat
muscles:
  primary: [quadriceps]
  secondary: [glute-max]
equipment: [dumbbell]
level: beginner
laterality: bilateral
cues: [One, Two, Three]
dose:
  strength: 4 x 6
figure:
  positions:
    - {pose: standing, label: stand tall}
    - {pose: squat, label: sit down}
---
Body
"""


def _errors(text: str, schema: dict[str, object]) -> list[str]:
    diagnostics = Diagnostics()
    doc = split_document(text, "content/exercises/x.md", diagnostics, Limits())
    assert doc is not None
    validate(doc.meta, schema, diagnostics)
    return [d.format() for d in diagnostics.sorted()]


def test_good_card_is_valid() -> None:
    assert _errors(GOOD_CARD, exercise_schema(MUSCLES)) == []


def test_unknown_muscle_points_at_the_item_with_suggestion() -> None:
    text = GOOD_CARD.replace("secondary: [glute-max]", "secondary: [glute-maxx, gluteus-med]")
    assert _errors(text, exercise_schema(MUSCLES)) == [
        "content/exercises/x.md:8:15: error: muscles.secondary[0]: unknown value 'glute-maxx'\n"
        "    hint: did you mean 'glute-max'?",
        "content/exercises/x.md:8:27: error: muscles.secondary[1]: unknown value 'gluteus-med'\n"
        "    hint: did you mean 'glute-med'?",
    ]


def test_missing_field_and_bad_dose_are_all_reported() -> None:
    text = GOOD_CARD.replace("level: beginner\n", "").replace("4 x 6", "four sets")
    errors = _errors(text, exercise_schema(MUSCLES))
    assert "content/exercises/x.md:2:1: error: missing required field 'level'" in errors[0]
    assert errors[1].startswith(
        "content/exercises/x.md:13:13: error: dose.strength: 'four sets' is not a dose"
    )


def test_unknown_field_suggests_the_right_name() -> None:
    text = GOOD_CARD.replace("cues:", "cue:")
    errors = _errors(text, exercise_schema(MUSCLES))
    assert (
        "content/exercises/x.md:12:1: error: unknown field 'cue' in front matter\n    hint: did you mean 'cues'?"
        in errors
    )


def test_wrong_type_names_the_expected_type() -> None:
    text = GOOD_CARD.replace("equipment: [dumbbell]", "equipment: dumbbell")
    assert _errors(text, exercise_schema(MUSCLES))[0].startswith(
        "content/exercises/x.md:9:12: error: equipment must be a list, not str"
    )


def test_impossible_date() -> None:
    text = "---\ntitle: T\nsummary: S\ndate: 2026-02-30\n---\n"
    assert _errors(text, article_schema()) == [
        "content/exercises/x.md:4:7: error: date: '2026-02-30' is not a real date\n    hint: check the month and day"
    ]


def test_location_format() -> None:
    assert str(Location("content/a.md", 3, 7)) == "content/a.md:3:7"


def test_a_plyometric_card_states_its_stage_and_no_other_card_has_one() -> None:
    jump = GOOD_CARD.replace("category: strength", "category: plyometric")
    assert _errors(jump, exercise_schema(MUSCLES)) == [
        "content/exercises/x.md:2:1: error: missing required field 'stage'\n"
        "    hint: add 'stage:' to the front matter"
    ]
    assert _errors(jump.replace("level:", "stage: 2\nlevel:"), exercise_schema(MUSCLES)) == []
    too_high = _errors(jump.replace("level:", "stage: 4\nlevel:"), exercise_schema(MUSCLES))
    assert len(too_high) == 1 and "stage" in too_high[0]
    staged = _errors(GOOD_CARD.replace("level:", "stage: 1\nlevel:"), exercise_schema(MUSCLES))
    assert staged == [
        "content/exercises/x.md:2:1: error: 'stage' is only for plyometric cards\n"
        "    hint: remove 'stage' from the front matter"
    ]
