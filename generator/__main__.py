"""``python -m generator build`` is ``guide build``."""

from generator.cli import run

run()
