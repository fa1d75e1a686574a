"""The JSON Schema of a card's ``figure:`` block, built from the vocabulary (editor completion)."""

from __future__ import annotations

from typing import Any

from generator.figures.vocabulary import ANGLES, BASE_POSES, JOINTS, PARTS, PROPS, SIDED, VIEWS


def _angle(name: str) -> dict[str, Any]:
    joint = JOINTS[name.removeprefix("near-").removeprefix("far-")]
    side = (
        ""
        if name in JOINTS and name not in SIDED
        else (" (both sides)" if name in SIDED else f" ({name.split('-')[0]} side only)")
    )
    return {
        "type": "number",
        "description": f"Degrees: {joint.meaning}{side}; normal {joint.low:g} to {joint.high:g}.",
    }


POSITION_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "One key position of the movement.",
    "properties": {
        "pose": {
            "type": "string",
            "enum": list(BASE_POSES),
            "description": "The base pose it starts from.",
        },
        "label": {
            "type": "string",
            "minLength": 1,
            "description": "A short phrase readers see, e.g. 'hips lifted'.",
        },
        "name": {
            "type": "string",
            "minLength": 1,
            "description": "Overrides Start / Middle / End.",
        },
        "angles": {
            "type": "object",
            "description": "Joint angles that differ from the base pose, in degrees.",
            "properties": {name: _angle(name) for name in ANGLES},
            "additionalProperties": False,
        },
        "contacts": {
            "type": "object",
            "description": "Body parts touching a surface or holding a prop (replaces the pose's).",
            "properties": {
                part: {"type": "string", "enum": list(PROPS), "description": PARTS[part].meaning}
                for part in PARTS
            },
            "additionalProperties": False,
        },
        "x": {"type": "number", "description": "Where along the floor the position stands (H)."},
        "lift": {
            "type": "number",
            "minimum": 0,
            "description": "Height in the air when nothing touches (H).",
        },
    },
    "required": ["pose", "label"],
    "additionalProperties": False,
}

FIGURE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "The movement drawn from key positions (see 'Drawing the movement' in docs/writing.md).",
    "properties": {
        "view": {
            "type": "string",
            "enum": list(VIEWS),
            "description": "side, or front for lateral movements.",
        },
        "props": {
            "description": "Props, optionally with a fixed position along the floor (H).",
            "oneOf": [
                {
                    "type": "array",
                    "items": {"type": "string", "enum": list(PROPS)},
                    "uniqueItems": True,
                },
                {
                    "type": "object",
                    "propertyNames": {"enum": list(PROPS)},
                    "additionalProperties": {"type": ["number", "null"]},
                },
            ],
        },
        "positions": {
            "type": "array",
            "items": POSITION_SCHEMA,
            "minItems": 1,
            "maxItems": 4,
            "description": "Key positions in order: start, (middle), end.",
        },
    },
    "required": ["positions"],
    "additionalProperties": False,
}
