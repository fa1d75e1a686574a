"""The assembled site: one library index of every linkable slug, the plans made and registered, references resolved, lints.

Layer 5: after it, the guide is known to be consistent and nothing is read from
disk. May import ``core``, ``markdown``, ``content`` and ``plans``.
"""
