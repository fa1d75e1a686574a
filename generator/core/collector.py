"""Python's cyclic garbage collector, paused while a build makes its long-lived objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector for the duration of a build (or an unpickling).

    A build makes millions of objects that all live until it ends (parsed
    files, the site index, the pages) and hardly any reference cycles, so
    every pass of the collector walks the same live objects again for nothing:
    at 5,000 pages that is several percent of a cold build. Worse, a forked
    worker that collects touches every object it inherited, so the kernel
    copies the parent's whole heap into it. Paused, workers inherit the pause.
    Afterwards the collector runs as usual, so a long preview session frees
    whatever cycles its builds left.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
