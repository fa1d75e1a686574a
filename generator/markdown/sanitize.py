"""Raw HTML in Markdown, when ``site.yaml`` allows some: keep only listed tags and attributes.

By default the guide escapes all raw HTML. A site may opt in to harmless tags
(``markdown.allow_html: {abbr: [title], kbd: []}``); then each HTML fragment is
re-emitted tag by tag: an allowed tag keeps only its allowed attributes (values
escaped, URLs limited to safe schemes), anything else is shown as text.
Scripting elements can never be allowed, whatever the settings say.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from html import escape
from html.parser import HTMLParser

NEVER = frozenset({"script", "style", "iframe", "object", "embed", "form", "input", "button",
                   "textarea", "select", "link", "meta", "base", "svg", "math", "template",
                   "frame", "frameset", "applet", "noscript"})  # fmt: skip
URL_ATTRIBUTES = frozenset({"href", "src", "cite", "action", "formaction", "poster", "srcset"})

Allow = Mapping[str, tuple[str, ...]]


class _Sanitiser(HTMLParser):
    """Rebuilds one fragment from allowed parts; records what it refused."""

    def __init__(self, allow: Allow, safe_url: Callable[[str], bool]) -> None:
        super().__init__(convert_charrefs=False)
        self.allow = allow
        self.safe_url = safe_url
        self.out: list[str] = []
        self.refused: list[str] = []

    def _allowed(self, tag: str) -> bool:
        return tag in self.allow and tag not in NEVER

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
            if name not in self.allow[tag] or name.startswith("on"):
                self.refused.append(f"{name}= on <{tag}>")
                continue
            if name in URL_ATTRIBUTES and not self.safe_url(value or ""):
                self.refused.append(f"{name}= on <{tag}>")
                continue
            kept.append(f' {name}="{escape(value or "")}"')
        self.out.append(f"<{tag}{''.join(kept)}{' /' if closed else ''}>")

    def handle_endtag(self, tag: str) -> None:
        if self._allowed(tag):
            self.out.append(f"</{tag}>")
        else:
            self._refuse(f"</{tag}>", f"</{tag}")

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


def sanitise(fragment: str, allow: Allow, safe_url: Callable[[str], bool]) -> tuple[str, list[str]]:
    """The fragment with only allowed tags and attributes, and what was refused."""
    parser = _Sanitiser(allow, safe_url)
    parser.feed(fragment)
    parser.close()
    tail = parser.rawdata  # an unfinished tag left in the buffer
    return "".join(parser.out) + escape(tail), parser.refused
