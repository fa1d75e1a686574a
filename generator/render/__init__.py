"""Pages drawn: which pages exist, the Jinja environment, dependency fingerprints, plan pages.

Layer 6: builds the list of :class:`~generator.render.page.Page` and turns each
into bytes; it never writes files. May import every layer below it
(``core``, ``markdown``, ``content``, ``plans``, ``site``).
"""
