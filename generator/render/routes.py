"""Every route the guide publishes, known before anything is drawn.

The link check needs it: a plain Markdown link (``[x](/exercises/goblet-squat/)``)
or image is broken unless a page, a plan file or a static file answers at that route.
"""

from __future__ import annotations

from generator.render.pages import all_pages
from generator.render.plan_pages import plan_pages
from generator.site.assemble import Site


def published_routes(site: Site) -> frozenset[str]:
    """Routes of every page, plan file and static file of this build."""
    pages = all_pages(site, plan_pages(site, site.plans) if site.plans else [])
    routes = {page.route for page in pages}
    routes.update(f"static/{rel}" for rel in site.content.static_files)
    if site.plans is not None:
        routes.update(site.plans.files)
    return frozenset(routes)
