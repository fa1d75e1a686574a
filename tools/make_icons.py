"""Draw the guide's PNG app icons (the logo's zigzag on teal) with the standard library only.

Run once after changing the logo: ``python tools/make_icons.py``. It writes
``templates/assets/icon-192.png``, ``icon-512.png`` (both full-bleed, so they
serve as maskable icons: the figure sits well inside the central safe zone) and
``apple-touch-icon.png`` (180 px). The PNGs are committed; the build only hashes
and publishes them like every other theme asset.
"""

from __future__ import annotations

import math
import struct
import zlib
from itertools import pairwise
from pathlib import Path

ASSETS = Path(__file__).resolve().parent.parent / "templates" / "assets"
TEAL = (15, 118, 110)
WHITE = (255, 255, 255)
ZIGZAG = [(8, 21), (13, 11), (17, 18), (20, 14), (24, 21)]  # the logo's path, 32-unit box
STROKE = 2.5
SAMPLES = 3  # per axis, for anti-aliased edges


def _distance(px: float, py: float) -> float:
    """Distance from a point to the zigzag, in logo units."""
    best = math.inf
    for (ax, ay), (bx, by) in pairwise(ZIGZAG):
        dx, dy = bx - ax, by - ay
        t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
        best = min(best, math.hypot(px - ax - t * dx, py - ay - t * dy))
    return best


def draw(size: int) -> bytes:
    """An RGB PNG of ``size`` x ``size``: the zigzag, about half as wide, centred on a teal square."""
    scale = 32 / (size * 0.95)
    offset = size * 0.025
    rows = []
    for y in range(size):
        row = bytearray([0])  # filter type: none
        for x in range(size):
            hits = 0
            for sy in range(SAMPLES):
                for sx in range(SAMPLES):
                    ux = (x + (sx + 0.5) / SAMPLES - offset) * scale
                    uy = (y + (sy + 0.5) / SAMPLES - offset) * scale + 0.5
                    hits += _distance(ux, uy) <= STROKE / 2
            a = hits / SAMPLES**2
            row += bytes(round(t + (w - t) * a) for t, w in zip(TEAL, WHITE, strict=True))
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def main() -> None:
    for name, size in (("icon-192.png", 192), ("icon-512.png", 512), ("apple-touch-icon.png", 180)):
        (ASSETS / name).write_bytes(draw(size))


if __name__ == "__main__":
    main()
