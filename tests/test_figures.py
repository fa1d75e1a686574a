"""Figures drawn from the cards' pose descriptions: goldens, every card, and one located
failure per plausibility check."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

from generator.content.loader import ContentLoader, LoadOptions, make_exercise
from generator.content.models import Exercise
from generator.content.schema import exercise_validator
from generator.content.sources import Limits, split_document
from generator.core.diagnostics import Diagnostics
from generator.figures import BASE_POSES, FIGURE_SCHEMA, JOINTS, PARTS, PROPS, load_figure

REPO = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden" / "figures"
GOLDEN_CARDS = ("copenhagen-plank", "depth-jump", "hip-thrust", "lateral-band-walk",
                "single-arm-dumbbell-row")  # fmt: skip
MUSCLES = ("quadriceps", "glute-max", "adductors")
CARD = """---
title: Test card
summary: A card to test figures.
category: strength
pattern: squat
muscles:
  primary: [quadriceps]
equipment: [box]
level: beginner
laterality: bilateral
cues: [One, Two, Three]
dose:
  strength: 4 x 6
figure:
  positions:
    - pose: standing
      label: stand tall
    - pose: squat
      label: sit down
      angles: {tilt: 40, hip: 110}
---
Body
"""


@pytest.fixture(scope="module")
def cards() -> dict[str, Exercise]:
    """The real guide's cards, loaded the way a build loads them."""
    diagnostics = Diagnostics()
    content = ContentLoader(REPO, diagnostics, LoadOptions()).load()
    assert content is not None
    assert not diagnostics.has_errors(), [d.format() for d in diagnostics.items]
    return {card.slug: card for card in content.exercises}


def _html(card: Exercise) -> str:
    assert card.figure is not None
    return str(card.figure.html(card.slug, card.primary, card.cues))


def test_every_card_has_a_figure_that_renders_small(cards: dict[str, Exercise]) -> None:
    assert len(cards) >= 70
    sizes = {}
    for slug, card in cards.items():
        html = _html(card)
        assert html.count("<svg") >= 1 and 'style="' not in html and "<style" not in html, slug
        assert "visually-hidden" in html and f"fig-{slug}-1" in html, slug
        sizes[slug] = sum(len(svg) for svg in re.findall(r"<svg.*?</svg>", html, re.S))
    assert max(sizes.values()) <= 8192, max(sizes.items(), key=lambda item: item[1])


@pytest.mark.parametrize("slug", GOLDEN_CARDS)
def test_figure_matches_golden(cards: dict[str, Exercise], slug: str) -> None:
    """Run ``UPDATE_GOLDEN=1 pytest tests/test_figures.py`` after an intended change."""
    html = _html(cards[slug]) + "\n"
    golden = GOLDEN / f"{slug}.html"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(html)
    assert html == golden.read_text()


def test_text_alternative_is_the_labels_then_the_cues(cards: dict[str, Exercise]) -> None:
    html = _html(cards["side-plank"])
    caption = re.search(r'<figcaption class="visually-hidden">(.*?)</figcaption>', html)
    assert caption is not None
    assert caption.group(1).startswith(
        "Start: on your side, elbow under the shoulder, legs stacked. "
        "End: lift the hips until the body is one straight line. Cues: "
    )


def _errors(text: str) -> list[str]:
    diagnostics = Diagnostics()
    doc = split_document(text, "content/exercises/x.md", diagnostics, Limits())
    assert doc is not None
    made = make_exercise(exercise_validator(MUSCLES), "x", doc, diagnostics)
    errors = [d.format() for d in diagnostics.sorted()]
    assert (made is None) == bool(errors)
    return errors


def test_a_possible_pose_loads() -> None:
    assert _errors(CARD) == []


def test_figure_is_required() -> None:
    text = CARD[: CARD.index("figure:")] + "---\nBody\n"
    assert _errors(text) == [
        "content/exercises/x.md:2:1: error: missing required field 'figure'\n"
        "    hint: add 'figure:' to the front matter"
    ]


def test_joint_outside_its_range_fails_at_the_angle() -> None:
    errors = _errors(CARD.replace("{tilt: 40, hip: 110}", "{tilt: 40, hip: 150}"))
    assert errors[0].startswith(
        "content/exercises/x.md:20:31: error: hip 150 degrees is outside the normal range -30 to 120"
    )
    assert "hint: use at most 120" in errors[0]
    assert not any("far-hip" in e for e in errors)  # one problem for the key that set both sides


def test_contact_that_does_not_touch_fails_at_the_contact() -> None:
    text = CARD.replace("      label: stand tall\n", "      label: stand tall\n"
                        "      contacts: {feet: floor, hands: floor}\n")  # fmt: skip
    assert _errors(text) == [
        "content/exercises/x.md:18:38: error: contact 'hands' does not touch the floor: 70 cm above it\n"
        "    hint: adjust the angles so the part reaches its surface, or remove the contact"
    ]


def test_body_below_the_floor_fails_at_the_position() -> None:
    text = CARD.replace("    - pose: standing\n      label: stand tall\n",
                        "    - pose: supine\n      label: lie down\n      angles: {hip: -30}\n")  # fmt: skip
    assert _errors(text) == [
        "content/exercises/x.md:18:7: error: the near knee is 16 cm below the floor\n"
        "    hint: change the angles, or list the part under contacts so it rests on the floor"
    ]


def test_body_inside_a_prop_fails() -> None:
    text = CARD.replace("figure:\n", "figure:\n  props: {box: 0}\n")
    errors = _errors(text)
    assert errors[0].startswith(
        "content/exercises/x.md:17:7: error: the near knee is inside the box"
    )


def test_figure_outside_its_frame_fails_at_the_position() -> None:
    text = CARD.replace("    - pose: standing\n      label: stand tall\n",
                        "    - pose: airborne\n      label: fly\n      lift: 1.0\n")  # fmt: skip
    assert _errors(text) == [
        "content/exercises/x.md:16:7: error: the figure reaches 2.05 H high, above its frame (1.75 H)\n"
        "    hint: lower the arms or the lift"
    ]


def test_misspelt_joint_and_pose_get_did_you_mean_hints() -> None:
    text = CARD.replace("hip: 110", "hipp: 110").replace("pose: squat", "pose: sqaut")
    errors = _errors(text)
    assert any("unknown value 'sqaut'" in e and "did you mean 'squat'?" in e for e in errors), (
        errors
    )
    assert any(
        e.startswith("content/exercises/x.md:20:26: error: unknown field 'hipp'")
        and "did you mean 'hip'?" in e
        for e in errors
    ), errors


def test_misspelt_prop_gets_a_hint_despite_the_two_shapes_of_props() -> None:
    errors = _errors(CARD.replace("figure:\n", "figure:\n  props: [mat, benchh]\n"))
    assert errors == [
        "content/exercises/x.md:15:16: error: figure.props[1]: unknown value 'benchh'\n"
        "    hint: did you mean 'bench'?"
    ]


def test_schema_offers_the_vocabulary_for_completion() -> None:
    position = FIGURE_SCHEMA["properties"]["positions"]["items"]
    assert position["properties"]["pose"]["enum"] == list(BASE_POSES)
    assert "near-knee" in position["properties"]["angles"]["properties"]
    assert "bench" in position["properties"]["contacts"]["properties"]["feet"]["enum"]
    assert FIGURE_SCHEMA["properties"]["view"]["enum"] == ["side", "front"]


def test_the_example_in_the_authors_guide_is_a_possible_pose() -> None:
    text = (REPO / "docs" / "writing.md").read_text()
    found = re.search(r"```yaml\n(figure:.*?)```", text, re.S)
    assert found is not None
    figure, problems = load_figure(yaml.safe_load(found.group(1))["figure"])
    assert problems == [] and figure is not None


def test_the_authors_guide_lists_the_whole_vocabulary() -> None:
    text = (REPO / "docs" / "writing.md").read_text()
    section = text[text.index("## Drawing the movement") : text.index("## Cross-references")]
    for name in (*BASE_POSES, *JOINTS, *PARTS, *PROPS):
        assert f"`{name}`" in section, name


def test_parsing_plain_data_reports_paths_without_the_schema() -> None:
    figure, problems = load_figure({"positions": [{"pose": "standing", "label": "a",
                                                   "angles": {"kneee": 10}}]})  # fmt: skip
    assert figure is None
    assert [(p.path, p.hint) for p in problems] == [
        (("figure", "positions", 0, "angles", "kneee"), "did you mean 'knee'?")
    ]
