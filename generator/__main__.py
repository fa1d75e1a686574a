"""``python -m generator build`` is ``guide build``."""

import sys

from generator.cli import main

sys.exit(main())
