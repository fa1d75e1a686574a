"""A YAML settings file under ``content/``, read safely and checked against its JSON Schema.

The plan inputs and the plan guidance files are such files; both read them here.
"""

from __future__ import annotations

from pathlib import Path

from generator.content import schema
from generator.content.sources import Limits, read_text
from generator.content.yamlsource import Located, load_located
from generator.core.diagnostics import Diagnostics


def read_settings(
    root: Path, rel: str, spec: schema.Schema, diagnostics: Diagnostics
) -> Located | None:
    """The file at ``root/rel`` as located YAML, or None with every problem reported."""
    text = read_text(root / rel, rel, diagnostics, Limits(), root / "content")
    if text is None:
        return None
    located = load_located(text, rel, diagnostics)
    if located is None or not schema.validate(located, spec, diagnostics):
        return None
    return located
