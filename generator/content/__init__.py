"""Content in: reading files, located YAML, the JSON Schemas, typed records, the loader.

Layer 3: turns ``content/`` into immutable records, reporting every problem
at its ``path:line:col``. May import ``core`` and ``markdown``.
"""
