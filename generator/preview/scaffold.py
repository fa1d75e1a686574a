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

from generator.content.schema import REGIONS
from generator.content.yamlsource import load_located
from generator.core.diagnostics import Diagnostics

KINDS = {"exercise": "exercises", "article": "articles"}
_TITLE = re.compile(r"^title:\s*[\"']?(.*?)[\"']?\s*$", re.MULTILINE)


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
    taken = taken_slugs(root)
    if slug in taken:
        raise ScaffoldRefused(
            f"the slug '{slug}' is taken by {taken[slug]}; slugs are shared by every kind"
            " of page, so choose another title"
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


def _yaml(path: Path) -> object:
    """A content YAML file's data, or None when it is missing or broken (the build says why)."""
    if not path.is_file():
        return None
    located = load_located(path.read_text(encoding="utf-8"), path.name, Diagnostics())
    return located.data if located is not None else None


def taken_slugs(root: Path) -> dict[str, str]:
    """Every slug in use, by any kind of page (drafts included), and what uses it."""
    content = root / "content"
    taken = {slug: f"the region '{slug}'" for slug in REGIONS}
    distances = _yaml(content / "plans" / "distances.yaml")
    if isinstance(distances, dict):
        taken.update({str(slug): f"the plan '{slug}'" for slug in distances})
    muscles = _yaml(content / "muscles.yaml")
    for muscle in muscles if isinstance(muscles, list) else ():
        if isinstance(muscle, dict) and "id" in muscle:
            taken[str(muscle["id"])] = f"the muscle '{muscle['id']}' in content/muscles.yaml"
    for folder in KINDS.values():
        for path in sorted((content / folder).glob("*.md")):
            taken[path.stem.lower()] = path.relative_to(root).as_posix()
    return taken


def similar_cards(root: Path, title: str) -> list[str]:
    """Existing cards whose slugs share most words with ``title``'s (in any order): the new
    card may repeat one ("Single-Leg Box Squat" and box-single-leg-squat)."""
    words = set(slugify(title).split("-"))
    found = []
    for path in sorted((root / "content" / "exercises").glob("*.md")):
        if path.stem == slugify(title):
            continue  # the card itself, just written
        other = set(path.stem.split("-"))
        shared = len(words & other)
        if words == other or (shared >= 2 and shared / min(len(words), len(other)) >= 0.75):
            match = _TITLE.search(path.read_text(encoding="utf-8", errors="replace")[:2000])
            name = f" ({match[1]})" if match else ""
            found.append(f"{path.relative_to(root).as_posix()}{name}")
    return found
