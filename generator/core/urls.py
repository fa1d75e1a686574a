"""Routes, URLs and output paths, honouring a base URL that may carry a subpath.

A *route* is a page's address inside the guide, without the base: ``""`` for the
home page, ``"exercises/goblet-squat/"`` for a card, ``"feed.xml"`` for a file.
Every link the guide prints goes through :class:`Urls`, so publishing under
``https://example.org/guide/`` moves every internal link under ``/guide/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote, urlsplit

PLACEHOLDER_HOSTS = ("example.org", "example.com", "example.net", "example", "invalid")


class InvalidBaseUrl(ValueError):
    """The configured base URL cannot prefix links."""


@dataclass(frozen=True, slots=True)
class Urls:
    """Builds links for one base URL."""

    base_url: str

    def __post_init__(self) -> None:
        parts = urlsplit(self.base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise InvalidBaseUrl(f"base URL must be an absolute http(s) URL, not {self.base_url!r}")
        object.__setattr__(self, "base_url", self.base_url.rstrip("/") + "/")

    @property
    def placeholder(self) -> bool:
        """Is the host one reserved for examples (RFC 2606)? Then the guide is not deployable:
        its feed, sitemap and canonical links would point to nobody's site."""
        host = (urlsplit(self.base_url).hostname or "").rstrip(".")
        return any(host == h or host.endswith("." + h) for h in PLACEHOLDER_HOSTS)

    @property
    def base_path(self) -> str:
        """The path part of the base URL, always starting and ending with ``/``."""
        return _base_path(self.base_url)

    def path(self, route: str) -> str:
        """The root-relative link to a route, e.g. ``/guide/exercises/squat/``."""
        return _base_path(self.base_url) + _quoted(route)

    def absolute(self, route: str) -> str:
        """The full URL of a route, for canonical links, feeds and the sitemap."""
        return self.base_url + _quoted(route)


# Pages print the same few thousand links over and over: remember them.
@lru_cache(maxsize=256)
def _base_path(base_url: str) -> str:
    return urlsplit(base_url).path or "/"


@lru_cache(maxsize=1 << 16)
def _quoted(route: str) -> str:
    return quote(route.lstrip("/"), safe="/#.-_~")


def output_file(route: str) -> str:
    """The file a route is written to: ``a/b/`` -> ``a/b/index.html``; files stay as they are."""
    if route == "" or route.endswith("/"):
        return route + "index.html"
    return route
