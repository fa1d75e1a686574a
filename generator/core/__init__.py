"""Small shared pieces every stage uses: diagnostics, the build cache, the worker pool, URLs.

Layer 1 of the pipeline (see docs/architecture.md): it imports nothing from
``generator``; everything above may import it.
"""
