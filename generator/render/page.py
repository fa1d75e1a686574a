"""One output file of the guide, as page builders describe it and the renderer draws it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Page:
    """One output file: where it goes, which template draws it, and with what."""

    route: str
    template: str
    title: str
    description: str = ""
    context: Mapping[str, Any] | Callable[[], Mapping[str, Any]] = field(default_factory=dict)
    in_sitemap: bool = True
    lastmod: str | None = None
    searchable: bool = False  # indexed by Pagefind
    deps: tuple[str, ...] = ("*",)  # dependency keys, see dependencies.py; "*" = always render
