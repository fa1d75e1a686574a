"""Raw HTML in Markdown, when ``site.yaml`` allows some: keep only listed tags and attributes.

By default the guide escapes all raw HTML. A site may opt in to harmless tags
(``markdown.allow_html: {abbr: [title], kbd: []}``); then each HTML fragment is
re-emitted tag by tag: an allowed tag keeps only its allowed attributes (values
escaped, URLs limited to safe schemes), anything else is shown as text.
Scripting elements and event attributes can never be allowed, whatever the
settings say (the loader reports such settings as errors).

The allowed tags stay balanced: a closing tag that closes nothing the author
opened is shown as text (it would otherwise close the page's own layout), and
a tag left open is closed where its paragraph, or the body, ends. An allowed
``id`` may not repeat an id the page already has.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser

NEVER = frozenset({"script", "style", "iframe", "object", "embed", "form", "input", "button",
                   "textarea", "select", "link", "meta", "base", "svg", "math", "template",
                   "frame", "frameset", "applet", "noscript"})  # fmt: skip
URL_ATTRIBUTES = frozenset({"href", "src", "cite", "action", "formaction", "poster", "srcset"})
FOOTNOTE_ID = re.compile(r"^fn(?:ref)?[0-9]+(?::[0-9]+)?$")  # ids the footnotes take
VOID = frozenset({"area", "br", "col", "hr", "img", "wbr", "source", "track"})

Allow = Mapping[str, tuple[str, ...]]


def never_allowed(tag: str, attribute: str = "") -> bool:
    """Can this tag (or this attribute on it) run script? Then no setting may allow it."""
    return tag in NEVER or attribute.lower().startswith("on") or attribute.lower() == "srcdoc"


@dataclass
class Balance:
    """What one body has opened and not yet closed, and the ids it has used."""

    open_tags: list[str] = field(default_factory=list)
    taken_ids: set[str] = field(default_factory=set)  # ids an allowed ``id=`` may not repeat
    ids: list[str] = field(default_factory=list)  # the ids raw HTML gave elements

    def closers(self) -> str:
        """Closing tags for everything still open, innermost first; nothing stays open."""
        tags, self.open_tags = self.open_tags, []
        return "".join(f"</{tag}>" for tag in reversed(tags))


class _Sanitiser(HTMLParser):
    """Rebuilds one fragment from allowed parts; records what it refused."""

    def __init__(self, allow: Allow, safe_url: Callable[[str], bool], balance: Balance) -> None:
        super().__init__(convert_charrefs=False)
        self.allow = allow
        self.safe_url = safe_url
        self.balance = balance
        self.out: list[str] = []
        self.refused: list[str] = []

    def _allowed(self, tag: str) -> bool:
        return tag in self.allow and not never_allowed(tag)

    def _refuse(self, raw: str, what: str) -> None:
        self.refused.append(what)
        self.out.append(escape(raw))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self.get_starttag_text() or f"<{tag}>", closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self.get_starttag_text() or f"<{tag}/>", closed=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], raw: str, closed: bool) -> None:
        if not self._allowed(tag):
            self._refuse(raw, f"<{tag}")
            return
        kept = []
        for name, value in attrs:
            if name not in self.allow[tag] or never_allowed(tag, name):
                self.refused.append(f"{name}= on <{tag}>")
                continue
            if name in URL_ATTRIBUTES and not self.safe_url(value or ""):
                self.refused.append(f"{name}= on <{tag}>: its URL scheme is not allowed")
                continue
            if name == "id":
                if not value or value in self.balance.taken_ids or FOOTNOTE_ID.match(value):
                    self.refused.append(f"{name}= on <{tag}>: the page already has that id")
                    continue
                self.balance.taken_ids.add(value)
                self.balance.ids.append(value)
            kept.append(f' {name}="{escape(value or "")}"')
        self.out.append(f"<{tag}{''.join(kept)}{' /' if closed else ''}>")
        if not closed and tag not in VOID:
            self.balance.open_tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        raw = f"</{tag}>"
        if not self._allowed(tag):
            self._refuse(raw, f"</{tag}")
        elif tag in self.balance.open_tags:  # close it, and whatever was left open inside it
            while (inner := self.balance.open_tags.pop()) != tag:
                self.out.append(f"</{inner}>")
            self.out.append(raw)
        elif tag not in VOID:  # closes nothing the author opened: the page's own layout
            self._refuse(raw, f"</{tag}")

    def handle_data(self, data: str) -> None:
        self.out.append(escape(data, quote=False))

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self._refuse(f"<!--{data}-->", "<!--")

    def handle_decl(self, decl: str) -> None:
        self._refuse(f"<!{decl}>", "<!")

    def handle_pi(self, data: str) -> None:
        self._refuse(f"<?{data}>", "<?")

    def unknown_decl(self, data: str) -> None:
        self._refuse(f"<![{data}]>", "<![")


def sanitise(
    fragment: str, allow: Allow, safe_url: Callable[[str], bool], balance: Balance | None = None
) -> tuple[str, list[str]]:
    """The fragment with only allowed tags and attributes, and what was refused.

    With a ``balance`` shared across a body's fragments, tags stay open for the
    caller to close (:meth:`Balance.closers`); without one, the fragment is
    balanced on its own.
    """
    alone = balance is None
    state = balance if balance is not None else Balance()
    parser = _Sanitiser(allow, safe_url, state)
    parser.feed(fragment)
    parser.close()
    tail = parser.rawdata  # an unfinished tag left in the buffer
    html = "".join(parser.out) + escape(tail)
    return (html + state.closers() if alone else html), parser.refused
