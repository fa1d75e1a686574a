"""Output published: pages drawn into a staged folder, search indexed, swapped in atomically, the cache stored.

Layer 7: the only stage that writes ``site/`` or ``.cache/build/``. May import
every layer below it (``core`` to ``render``).
"""
