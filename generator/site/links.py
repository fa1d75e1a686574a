"""Plain Markdown links and images checked against what the build publishes.

``[[...]]`` references are resolved by the library; this checks the rest: every
root-relative or relative link and image must reach a route the build writes
(a page, a plan file, a static file), and a ``#fragment`` on a page with a body
must name an id that page has. Remote images are reported separately: the
page's Content-Security-Policy (``img-src 'self'``) would block them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit

from generator.core.diagnostics import Location, did_you_mean
from generator.markdown.body import ParsedBody
from generator.site.assemble import Site
from generator.site.library import ROUTE_PREFIX

_BASE = "http://guide.invalid/"  # resolves relative links the way a browser would


@dataclass(frozen=True, slots=True)
class LinkProblem:
    location: Location
    message: str
    hint: str = ""


def _route_of(key: tuple[str, str]) -> str:
    return f"{ROUTE_PREFIX[key[0]]}/{key[1]}/"


def _resolve(href: str, own_route: str) -> tuple[str, str] | None:
    """(route, fragment) of an internal link, or None for one that leaves the guide."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("//"):
        return None
    target = urlsplit(urljoin(_BASE + own_route, href))
    return unquote(target.path).lstrip("/"), unquote(target.fragment)


def _existing(route: str, routes: frozenset[str]) -> str | None:
    """The published route a link reaches (hosts add the slash and serve index.html)."""
    for candidate in (route, route + "/", route.removesuffix("index.html")):
        if candidate in routes:
            return candidate
    return None


def broken_links(site: Site) -> Iterator[LinkProblem]:
    """Every internal link or image whose route, file or anchor does not exist."""
    if not site.routes:
        return
    by_route = {_route_of(key): body for key, body in site.bodies.items()}
    reserved = frozenset(site.content.local.reserved_ids)
    for key, parsed in site.bodies.items():
        own = _route_of(key)
        for link in parsed.links:
            resolved = _resolve(link.href, own)
            if resolved is None:
                continue
            route, fragment = resolved
            found = own if route == own else _existing(route, site.routes)
            what = "image" if link.image else "link"
            if found is None:
                yield LinkProblem(
                    parsed.link_location(link.line, link.href),
                    f"broken {what} '{link.href}': the guide has no {'file' if link.image else 'page'} /{route}",
                    _closest("/", route, site.routes) or _hint(route, link.image),
                )
                continue
            target = by_route.get(found)
            if fragment and target is not None and fragment not in _ids(target, reserved):
                yield LinkProblem(
                    parsed.link_location(link.line, link.href),
                    f"broken {what} '{link.href}': /{found} has no heading or element '#{fragment}'",
                    _closest("#", fragment, target.ids) or "link to one of the page's headings",
                )


def _ids(body: ParsedBody, reserved: frozenset[str]) -> frozenset[str]:
    return reserved.union(body.ids)


def _closest(prefix: str, wrong: str, known: Iterable[str]) -> str:
    """'did you mean '/exercises/goblet-squat/'?' for a link as the author writes it."""
    close = did_you_mean(wrong, known)
    return close.replace("'", "'" + prefix, 1) if close else ""


def _hint(route: str, image: bool) -> str:
    if image or route.startswith("static/"):
        return "put the file in content/static/ and link it as /static/name"
    return "link pages with [[kind:slug]] cross-references, which are checked and titled for you"


def remote_images(site: Site) -> Iterator[LinkProblem]:
    """Images loaded from another site: the page's own security policy blocks them."""
    for parsed in site.bodies.values():
        for link in parsed.links:
            if link.image and urlsplit(link.href).scheme in ("http", "https"):
                yield LinkProblem(
                    parsed.link_location(link.line, link.href),
                    f"remote image '{link.href[:80]}' will not load: the page's "
                    "Content-Security-Policy allows images from the guide itself only",
                    "download it (if its licence allows) into content/static/ and link /static/name",
                )
