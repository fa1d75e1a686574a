"""Reference resolution: every ``[[...]]`` in a body and every card's ladder, checked and backlinked.

Runs once plans are registered, so a link to a plan resolves like any other.
"""

from __future__ import annotations

from generator.core.diagnostics import Diagnostics, did_you_mean
from generator.site.assemble import Site


def check_references(site: Site, diagnostics: Diagnostics) -> None:
    """Resolve every body's ``[[...]]`` and every card's ladder; record backlinks."""
    for key, parsed in [*site.bodies.items(), *site.content.invalid_bodies.items()]:
        site.library.resolve_references(key, parsed, diagnostics)
    for exercise in site.exercises.values():
        for field_name in ("progressions", "regressions"):
            for i, slug in enumerate(getattr(exercise, field_name)):
                if site.library.get("exercise", slug) is None:
                    diagnostics.error(
                        exercise.doc.meta.location((field_name, i)),
                        f"{field_name}: no exercise card '{slug}'",
                        hint=(
                            f"'{slug}' is a draft; publish it, or preview with --drafts"
                            if slug in site.library.hidden
                            else did_you_mean(slug, site.exercises) or "add the card, or remove it"
                        ),
                    )
                else:
                    site.library.link(("exercise", exercise.slug), ("exercise", slug))
