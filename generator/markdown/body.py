"""Markdown bodies: parsed once into HTML with holes plus side data; holes filled later.

A body's HTML depends on the whole library only where it references other
pages (their titles and URLs); everything else depends on its text alone. So
parsing renders the text at once, leaving a hole at each reference, and the
build fills the holes once every reference has been checked. Parsing can then
run anywhere (another process, an earlier build) and keep nothing heavy.
"""

from __future__ import annotations

import html
import re
import string
import unicodedata
from dataclasses import dataclass, field
from functools import cache, partial
from typing import Any, NamedTuple, Protocol
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererProtocol
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.footnote import footnote_plugin

from generator.core.diagnostics import Location
from generator.markdown.citations import citations
from generator.markdown.sanitize import FOOTNOTE_ID, Balance, sanitise
from generator.markdown.xref import HOLE, Embedder, Reference, Resolver, references, xref_plugin

WORDS_PER_MINUTE = 220
CHARACTERS_PER_MINUTE = 300  # scripts written without spaces (Chinese, Japanese, Thai, ...)
# Scripts written without spaces between words: their text is counted by character.
_UNSPACED = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0002fa1f]"
)
_PUNCTUATION = string.punctuation + "\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u00ab\u00bb"
AllowHtml = tuple[tuple[str, tuple[str, ...]], ...]  # hashable form of markdown.allow_html


class BodySource(Protocol):
    """Where a body came from: enough to point an error at its line (a ``content.sources.Document``)."""

    @property
    def path(self) -> str: ...
    @property
    def body(self) -> str: ...
    @property
    def body_line(self) -> int: ...


class Heading(NamedTuple):  # a named tuple: bodies hold many, and they pickle fastest
    level: int
    id: str
    text: str
    line: int  # 0-based body line


class Link(NamedTuple):
    """A Markdown link or image, kept for safety checks and lints."""

    href: str
    line: int
    image: bool
    alt: str = ""


class ParsedBody:
    """A body after parsing: what the build checks, and its HTML with holes for links.

    Parsing renders the body at once, leaving a hole (``\\x00N\\x00``, N the
    reference's index) wherever a ``[[...]]`` stands, because only those parts
    depend on the rest of the site. The token tree is dropped straight away: it
    is many times the size of the text, and nothing after parsing needs it. So a
    body is parsed once per text, in any process, and kept or cached small.
    """

    def __init__(self, doc: BodySource, env: dict[str, Any], html: str) -> None:
        survey: Survey = env["survey"]
        self.doc = doc
        self.html = html
        self.references: list[Reference] = list(references(env))
        self.unsafe_links = survey.unsafe_links
        self.characters = survey.characters  # in scripts written without spaces
        self.words = survey.words + survey.characters  # as schema.org's wordCount counts them
        self.headings = survey.headings
        self.links = survey.links
        self.raw_html: list[tuple[int, str]] = [*env.get("refused_html", []), *survey.raw_html]
        self.steps = survey.steps
        self.citations = tuple(citations(doc.body))  # the Sources section's items
        self.empty_headers = survey.empty_headers
        # Every id the body gives an element (headings, footnotes): anchors a link may target.
        self.ids: tuple[str, ...] = tuple(survey.ids)

    @property
    def reading_minutes(self) -> int:
        spaced = self.words - self.characters
        return max(1, round(spaced / WORDS_PER_MINUTE + self.characters / CHARACTERS_PER_MINUTE))

    def first_ordered_list(self) -> list[str]:
        """Plain text of the first numbered list's items: a card's "how to" steps."""
        return self.steps

    def link_location(self, line: int, url: str) -> Location:
        """Where a link's URL starts as the author typed it (before markdown-it normalised it)."""
        lines = self.doc.body.split("\n")
        text = lines[line] if 0 <= line < len(lines) else ""
        starts = [m.end() for m in re.finditer(r"\]\(\s*|<(?=[A-Za-z][A-Za-z0-9+.-]*:)", text)]
        scheme = url.split(":", 1)[0].lower()
        for start in starts:
            if unquote(html.unescape(text[start:])).lower().startswith(scheme):
                return Location(self.doc.path, self.doc.body_line + line, start + 1)
        return self.location(line, url)

    def location(self, line: int, needle: str = "") -> Location:
        """File location of a body line, with the column of ``needle`` when found."""
        lines = self.doc.body.split("\n")
        text = lines[line] if 0 <= line < len(lines) else ""
        column = text.find(needle) + 1 if needle and needle in text else 1
        return Location(self.doc.path, self.doc.body_line + line, column)


SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_TAG_START = re.compile(r"<(/?[A-Za-z][A-Za-z0-9-]*|!--|!\[CDATA\[|![A-Za-z]|\?)")


def is_safe_url(url: str) -> bool:
    """Only http(s), mailto, relative and fragment URLs may reach a page."""
    match = _SCHEME.match(url.strip())
    return match is None or match[1].lower() in SAFE_SCHEMES


def count_words(text: str) -> tuple[int, int]:
    """Words between spaces, and characters of scripts written without spaces.

    A word is a run of letters and their marks once punctuation is stripped
    (``हिन्दी`` is one word, though its vowel signs are not letters); each
    character of Chinese, Japanese, Thai, Lao, Khmer or Burmese counts alone.
    """
    if text.isascii():  # the usual case, and the old count: letters between spaces
        return sum(1 for token in text.split() if token.strip(_PUNCTUATION).isalpha()), 0
    characters = len(_UNSPACED.findall(text))
    spaced = _UNSPACED.sub(" ", text) if characters else text
    words = 0
    for token in spaced.split():
        bare = token.strip(_PUNCTUATION)
        if bare.isalpha() or (
            bare and not bare.isascii() and all(unicodedata.category(c)[0] in "LM" for c in bare)
        ):
            words += 1
    return words, characters


_KEPT = frozenset("-_ \u200c\u200d")  # hyphen, underscore, space, zero-width (non-)joiner


def _heading_slug(title: str) -> str:
    """An id from a heading's text: every letter, digit and mark kept (``हिन्दी-भाषा``)."""
    kept = "".join(c for c in title.lower() if c in _KEPT or unicodedata.category(c)[0] in "LNM")
    slug = kept.strip().replace(" ", "-")
    return re.sub(r"-{2,}", "-", slug).strip("-") or "section"


@cache
def markdown_parser(allow_html: AllowHtml = ()) -> MarkdownIt:
    """The one Markdown configuration: CommonMark, tables, footnotes, anchors, cross-references.

    Raw HTML is off, shown as text rather than trusted, unless ``site.yaml``
    allows some tags: then it is parsed and sanitised down to the allowed ones.
    """
    options = {"html": bool(allow_html), "linkify": False, "typographer": False}
    md = MarkdownIt("commonmark", options)
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin)
    md.use(xref_plugin)
    md.validateLink = lambda url: True  # type: ignore[method-assign]  # the survey decides
    md.core.ruler.push("survey", _survey)
    md.add_render_rule("link_open", _render_link_open)
    md.add_render_rule("image", _render_image)
    if allow_html:  # before the survey, which must know the ids raw HTML took
        md.core.ruler.before("survey", "sanitise_html", partial(_sanitise_html, dict(allow_html)))
    return md


def _sanitise_html(allow: dict[str, tuple[str, ...]], state: StateCore) -> None:
    """Reduce every raw HTML token to the allowed tags, balanced; note what was refused, by line.

    Block-level HTML may span blocks (``<details>``, Markdown, ``</details>``), so
    its open tags are tracked across the body and closed at its end; inline
    HTML is closed where its paragraph ends.
    """
    refused: list[tuple[int, str]] = state.env.setdefault("refused_html", [])
    local: LocalFiles = state.env["local"]
    blocks = Balance(taken_ids=set(local.reserved_ids))
    for block in state.tokens:
        line = block.map[0] if block.map else 0
        if block.type == "html_block":
            block.content, problems = sanitise(block.content, allow, is_safe_url, blocks)
            refused.extend((line, what) for what in problems)
        children = [c for c in block.children or () if c.type == "html_inline"]
        if not children or block.children is None:
            continue
        inline = Balance(taken_ids=blocks.taken_ids)
        for token in children:
            token.content, problems = sanitise(token.content, allow, is_safe_url, inline)
            refused.extend((line, what) for what in problems)
        if inline.open_tags:
            block.children.append(Token("html_inline", "", 0, content=inline.closers()))
        blocks.ids.extend(inline.ids)
    if blocks.open_tags:
        state.tokens.append(Token("html_block", "", 0, content=blocks.closers()))
    state.env["raw_ids"] = blocks.ids


@dataclass
class Survey:
    """What one walk over a body's tokens finds; ``ParsedBody`` keeps it, the tokens go."""

    headings: list[Heading] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    unsafe_links: list[tuple[int, str]] = field(default_factory=list)  # (body line, URL)
    raw_html: list[tuple[int, str]] = field(default_factory=list)  # shown as text
    steps: list[str] = field(default_factory=list)  # the first numbered list's items
    ids: list[str] = field(default_factory=list)  # every element id the body renders
    empty_headers: list[int] = field(default_factory=list)  # body lines of empty table headers
    words: int = 0  # separated by spaces
    characters: int = 0  # of scripts written without spaces


def _survey(state: StateCore) -> None:
    """One walk over the tokens, instead of one per concern, into ``env["survey"]``.

    It gives h2-h4 their ids, unwraps links with unsafe URLs, counts the words
    and notes the headings, links, raw HTML and the first numbered list.
    """
    survey = state.env["survey"] = Survey()
    tokens = state.tokens
    local: LocalFiles = state.env["local"]
    raw_ids: list[str] = state.env.get("raw_ids", [])
    ids = _HeadingIds({*local.reserved_ids, *raw_ids})
    texts: list[str] = []  # the words a reader sees, counted once at the end
    depth = 0  # of numbered lists; -1 once the first one with items (the steps) is closed
    for i, token in enumerate(tokens):
        if token.type == "inline":
            line = token.map[0] if token.map else 0
            texts.extend(c.content for c in token.children or () if c.type == "text")
            opener = tokens[i - 1] if i and tokens[i - 1].type == "heading_open" else None
            if opener is not None and opener.tag in ("h2", "h3", "h4"):
                opener.attrSet("id", ids.next(_inline_text(token, references=True)))
            token.children = _without_unsafe_links(token.children or [], line, survey)
            _note_inline(token.children, line, survey)
            if not state.md.options["html"]:  # with an allow-list, the sanitiser reports
                _note_raw_html(token, line, survey)
            if opener is not None:
                anchor = str(opener.attrGet("id") or "")
                survey.headings.append(
                    Heading(int(opener.tag[1]), anchor, _inline_text(token, holes=True), line)
                )
            if depth == 1 and token.level == 3:  # ordered list > item > paragraph > inline
                survey.steps.append(_inline_text(token, references=True))
            if i and tokens[i - 1].type == "th_open" and not token.content.strip():
                survey.empty_headers.append(line)
        elif token.type == "text":
            texts.append(token.content)
        elif token.type == "footnote_open":
            survey.ids.append(f"fn{token.meta['id'] + 1}")
        elif token.type == "ordered_list_open" and depth >= 0:
            depth += 1
        elif token.type == "ordered_list_close" and depth > 0:
            depth -= 1
            if depth == 0 and survey.steps:
                depth = -1
    survey.ids[:0] = [h.id for h in survey.headings]
    survey.ids.extend(raw_ids)
    survey.words, survey.characters = count_words(" ".join(texts))


class _HeadingIds:
    """Heading ids from their text, numbered when repeated (``a``, ``a-1``, ``a-2``).

    An id the page already has (its template's, its footnotes', raw HTML's) is
    never repeated: the heading gets the next number instead. Counting per base
    slug keeps this linear, however often a heading repeats.
    """

    def __init__(self, taken: set[str]) -> None:
        self.counts: dict[str, int] = {}
        self.used: set[str] = taken

    def next(self, title: str) -> str:
        base = _heading_slug(title)
        n = self.counts.get(base, 0)
        slug = base if n == 0 else f"{base}-{n}"
        while slug in self.used or FOOTNOTE_ID.match(slug):
            n += 1
            slug = f"{base}-{n}"
        self.counts[base] = n + 1
        self.used.add(slug)
        return slug


def _without_unsafe_links(children: list[Token], line: int, survey: Survey) -> list[Token]:
    """Unwrap links and images whose URL scheme is not allowed, noting where they were.

    The link's text (an image's alt text) stays; only the dangerous URL goes.
    """
    kept: list[Token] = []
    closing = 0
    for child in children:
        if child.type in ("link_open", "image"):
            url = str(child.attrGet("href") or child.attrGet("src") or "")
            if not is_safe_url(url):
                survey.unsafe_links.append((line, url))
                if child.type == "image":
                    kept.append(Token("text", "", 0, content=child.content))
                else:
                    closing += 1
                continue
        elif child.type == "link_close" and closing:
            closing -= 1
            continue
        kept.append(child)
    return kept


@cache
def _html_detector() -> MarkdownIt:
    """CommonMark with raw HTML on: it alone decides what in a text is an HTML tag
    (``x<y``, ``\\<b\\>``, ``&lt;b&gt;`` and code spans are not)."""
    return MarkdownIt("commonmark", {"html": True})


def _note_raw_html(token: Token, line: int, survey: Survey) -> None:
    """Raw HTML in one inline's source, which the page shows as text (HTML is off).

    Each tag is noted once: an opening tag, or a closing tag nobody opened.
    """
    source = token.content
    if "<" not in source:
        return
    opened: set[str] = set()
    position = 0
    for child in _html_detector().parseInline(source)[0].children or ():
        if child.type != "html_inline":
            continue
        start = source.find(child.content, position)
        position = start + len(child.content) if start >= 0 else position
        found = _TAG_START.match(child.content)
        if found is None:
            continue
        tag = "<" + found[1]
        name = found[1].lower()
        if name.startswith("/") and name[1:] in opened:
            continue
        opened.add(name)
        survey.raw_html.append((line + source.count("\n", 0, max(start, 0)), tag))


def _note_inline(children: list[Token], line: int, survey: Survey) -> None:
    """Links and images in one inline token's children."""
    here = line  # the body line of the current child
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            here += 1  # what follows a line break is on the paragraph's next line
        elif child.type == "link_open":
            survey.links.append(Link(str(child.attrGet("href") or ""), here, image=False))
        elif child.type == "image":
            alt = _alt_text(child)
            survey.links.append(Link(str(child.attrGet("src") or ""), here, True, alt))
        elif child.type == "footnote_ref":
            sub = child.meta.get("subId", -1)
            survey.ids.append(f"fnref{child.meta['id'] + 1}" + (f":{sub}" if sub > 0 else ""))


def _inline_text(token: Token, references: bool = False, holes: bool = False) -> str:
    """The plain text of an inline token: a reference counts as its label or slug
    (``references``, for ids), or as a hole filled with its target's title later (``holes``)."""
    parts = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "xref" and holes:
            parts.append(f"\x00{child.meta['index']}\x00")
        elif child.type == "xref" and references:
            _kind, slug, label = child.meta["parsed"]
            parts.append(label or slug.replace("-", " "))
    return "".join(parts)


def _alt_text(image: Token) -> str:
    """An image's alt text as written, line breaks kept as spaces."""
    return _inline_text(image) if image.children else image.content


@dataclass(frozen=True, slots=True)
class LocalFiles:
    """How a body's own links reach the site: the base path, and image sizes from content/static.

    Plain data, so that it can be part of the key under which a parsed body is
    reused: a body parsed for another base path or other images is parsed again.
    """

    base_path: str = "/"
    images: tuple[tuple[str, int, int], ...] = ()  # ("static/a.png", width, height), sorted
    reserved_ids: tuple[str, ...] = ()  # ids the page templates use: headings avoid them

    def url(self, href: str) -> str:
        """Root-relative links (``/static/x.png``) move under the base path; others stay."""
        if href.startswith("/") and not href.startswith("//"):
            return self.base_path + href.lstrip("/")
        return href

    def image_size(self, src: str) -> tuple[int, int] | None:
        """Size of an image under content/static (``/static/a.png`` or ``static/a.png``)."""
        relative = src.lstrip("/")
        for path, width, height in self.images:
            if path == relative:
                return width, height
        return None


@cache
def _inline_parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False})  # its own link check refuses unsafe schemes


def render_inline(text: str) -> str:
    """One line of Markdown (emphasis, code, links) as HTML, raw HTML escaped: a citation, say."""
    html: str = _inline_parser().renderInline(text)
    return html


def parse_body(
    doc: BodySource, allow_html: AllowHtml = (), local: LocalFiles | None = None
) -> ParsedBody:
    """Parse one body, render its HTML with holes for references, and summarise it."""
    env: dict[str, Any] = {"local": local or LocalFiles()}
    md = markdown_parser(allow_html)
    tokens = md.parse(doc.body, env)
    html: str = md.renderer.render(tokens, md.options, env)
    return ParsedBody(doc, env, html)


def _render_link_open(
    renderer: RendererProtocol, tokens: list[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    local: LocalFiles = env["local"]
    token.attrSet("href", local.url(str(token.attrGet("href") or "")))
    return str(renderer.renderToken(tokens, idx, options, env))  # type: ignore[attr-defined]


def _render_image(
    renderer: RendererProtocol, tokens: list[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    """Images load lazily and carry their size, so the page does not jump as they arrive."""
    token = tokens[idx]
    local: LocalFiles = env["local"]
    src = str(token.attrGet("src") or "")
    alt = _alt_text(token)
    attrs = {"src": local.url(src), "alt": alt, "loading": "lazy", "decoding": "async"}
    size = local.image_size(src)
    if size:
        attrs["width"], attrs["height"] = str(size[0]), str(size[1])
    if token.attrGet("title"):
        attrs["title"] = str(token.attrGet("title"))
    return "<img " + " ".join(f'{k}="{escapeHtml(v)}"' for k, v in attrs.items()) + ">"


def heading_text(parsed: ParsedBody, heading: Heading, resolve: Resolver) -> str:
    """A heading's plain text with each reference as its label or its target's title."""

    def fill(hole: re.Match[str]) -> str:
        ref = parsed.references[int(hole[1])]
        target = resolve(ref)
        return ref.label or (target[1] if target else ref.slug)

    return HOLE.sub(fill, heading.text)


def render_body(parsed: ParsedBody, resolve: Resolver, embed: Embedder) -> str:
    """The body's HTML with every reference filled in through ``resolve`` and ``embed``."""

    def fill(hole: re.Match[str]) -> str:
        ref = parsed.references[int(hole[1])]
        if ref.embed:
            return embed(ref)
        target = resolve(ref)
        if target is None:
            return escapeHtml(ref.markup)
        url, title = target
        label = ref.label if ref.label else title
        return f'<a class="xref" href="{escapeHtml(url)}">{escapeHtml(label)}</a>'

    return HOLE.sub(fill, parsed.html)
