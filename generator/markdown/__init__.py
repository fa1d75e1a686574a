"""Markdown bodies: the markdown-it-py parser, ``[[...]]`` cross-references, the raw-HTML allow-list.

Layer 2: a body is parsed once into HTML with a hole at each cross-reference,
filled later when the whole site is known. May import ``core`` only.
"""
