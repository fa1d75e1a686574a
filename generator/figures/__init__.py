"""Figures of the movement, drawn at build time from the pose description in each card.

A card's ``figure:`` front matter names base poses and the joint angles that
differ; this package parses it, solves the skeleton (segment lengths from
Drillis and Contini), rests it on the floor or its props, checks that the pose
is humanly possible and draws it as inline SVG.

Layer 2b, below ``content`` (which validates and loads figures) and above
``markdown``: may import ``core`` only (diagnostics' did-you-mean).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from generator.figures.checks import check_figure
from generator.figures.draw import Html, render
from generator.figures.kinematics import Layout, layout
from generator.figures.model import Figure, KeyPath, Position, Problem, parse_figure
from generator.figures.schema import FIGURE_SCHEMA
from generator.figures.vocabulary import BASE_POSES, JOINTS, PARTS, PROPS, VIEWS

__all__ = ["BASE_POSES", "FIGURE_SCHEMA", "JOINTS", "PARTS", "PROPS", "VIEWS", "CardFigure",
           "Figure", "Html", "KeyPath", "Layout", "Position", "Problem", "load_figure"]  # fmt: skip


@dataclass(frozen=True, slots=True)
class CardFigure:
    """A card's figure, parsed and placed; the template asks it for its HTML."""

    layout: Layout

    def html(self, slug: str, primary: Sequence[str], cues: Sequence[str]) -> Html:
        return render(self.layout, slug, primary, cues)


def load_figure(data: Any) -> tuple[CardFigure | None, list[Problem]]:
    """Parse, place and check a ``figure`` mapping; None when any problem was found."""
    figure, problems = parse_figure(data)
    if figure is None:
        return None, problems
    placed = layout(figure)
    problems = check_figure(placed)
    return (None if problems else CardFigure(placed)), problems
