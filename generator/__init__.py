"""Static-site generator for the runners' strength guide."""

__version__ = "0.1.0"
