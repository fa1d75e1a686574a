"""``guide new``: a new exercise card or article from an archetype, never overwriting.

Like Hugo's archetypes, the new file carries every required field with a comment
saying what goes there, so an author fills it in rather than looking it up.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

KINDS = {"exercise": "exercises", "article": "articles"}


class ScaffoldRefused(Exception):
    """The new file cannot be written (slug taken, bad title)."""


def slugify(title: str) -> str:
    """``"Nordic Hamstring Curl"`` -> ``"nordic-hamstring-curl"`` (accents folded)."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")


def new_content(root: Path, kind: str, title: str, today: str) -> Path:
    """Write ``content/<kind>s/<slug>.md`` from ``templates/archetypes/<kind>.md``."""
    slug = slugify(title)
    if not slug:
        raise ScaffoldRefused(f"cannot make a slug from {title!r}: use letters or digits")
    folder = root / "content" / KINDS[kind]
    folder.mkdir(parents=True, exist_ok=True)
    taken = {p.stem.lower(): p for p in folder.glob("*.md")}
    if slug in taken:
        raise ScaffoldRefused(
            f"{taken[slug].relative_to(root)} already exists; choose another title"
        )
    env = Environment(
        loader=FileSystemLoader(root / "templates" / "archetypes"),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,  # writes Markdown source, not HTML
    )
    text = env.get_template(f"{kind}.md").render(
        title=title, slug=slug, date=today, pattern="squat", muscle="quadriceps"
    )
    path = folder / f"{slug}.md"
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)  # never overwrite
    except FileExistsError as exc:
        raise ScaffoldRefused(f"{path.relative_to(root)} already exists") from exc
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    return path
