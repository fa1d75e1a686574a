"""The pages every plan links to: the run-session definitions and the strength warm-up.

Both are drawn from the same records the plans are written from
(``content/plans/sessions.yaml`` and ``warmup.yaml``, see ``generator.plans.guidance``),
so a plan's "tempo run" and the page defining it cannot drift apart.
"""

from __future__ import annotations

from typing import Any

from generator.content.schema import LEVELS
from generator.plans.guidance import Guidance
from generator.plans.model import DEFINITIONS_ROUTE, WARMUP_ROUTE
from generator.render.page import Page

# The order a runner meets them in: easy running first, then the faster sessions.
SESSION_ORDER = ("recovery", "easy", "long", "strides", "tempo", "intervals", "hills",
                 "race-pace", "race")  # fmt: skip


def guidance_pages(guidance: Guidance) -> list[Page]:
    """The run-sessions page and the printable warm-up page."""
    crumbs = [{"title": "Plans", "route": "plans/"}]
    sessions = [guidance.sessions[slug] for slug in SESSION_ORDER]
    context: dict[str, Any] = {"sessions": sessions, "levels": LEVELS}
    return [
        Page(
            route=DEFINITIONS_ROUTE,
            template="run-sessions.html",
            title="Run sessions: what each one is and how hard",
            description="Every run in our plans defined: purpose, structure by level, "
            "and effort by RPE and the talk test.",
            searchable=True,
            deps=("global", "plans"),
            context={
                **context,
                "breadcrumbs": [*crumbs, {"title": "Run sessions", "route": DEFINITIONS_ROUTE}],
            },
        ),
        Page(
            route=WARMUP_ROUTE,
            template="warm-up.html",
            title=guidance.warmup.title,
            description=guidance.warmup.summary,
            searchable=True,
            deps=("global", "plans", "cards"),
            context={
                "routine": guidance.warmup,
                "breadcrumbs": [*crumbs, {"title": "Warm-up", "route": WARMUP_ROUTE}],
            },
        ),
    ]
