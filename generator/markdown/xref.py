"""A markdown-it plugin for wiki-style cross-references and card embeds.

``[[slug]]``, ``[[kind:slug]]`` and ``[[kind:slug|label]]`` become links;
a line holding only ``![[exercise:slug]]`` becomes an embedded card summary.
Parsing records every reference in ``env["xrefs"]`` with its line, so the build
can check them all before anything is rendered; rendering leaves a hole
(``\x00N\x00``, N the index in that list) that is filled once the whole site is
known. CommonMark turns every NUL of the source into U+FFFD, so a hole can
never be forged by content.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NamedTuple

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererProtocol
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

KINDS = ("exercise", "article", "muscle", "region", "plan")
_INNER = re.compile(r"^(?:(?P<kind>[a-z]+):)?(?P<slug>[^\s|\]]+)(?:\|(?P<label>[^\]\n]*))?$")
_EMBED_LINE = re.compile(r"^!\[\[(?P<inner>[^\]\n]+)\]\][ \t]*$")


class Reference(NamedTuple):  # a named tuple: bodies hold many, and they pickle fastest
    """One ``[[...]]`` as written: where it is and what it asks for."""

    kind: str | None
    slug: str
    label: str | None
    line: int  # 0-based line within the Markdown body
    markup: str
    embed: bool = False


HOLE = re.compile("\x00([0-9]+)\x00")
Resolver = Callable[[Reference], tuple[str, str] | None]  # -> (url, title)
Embedder = Callable[[Reference], str]  # -> HTML


def _parse_inner(inner: str) -> tuple[str | None, str, str | None] | None:
    match = _INNER.match(inner.strip())
    if match is None:
        return None
    return match["kind"], match["slug"], match["label"]


def _inline_rule(state: StateInline, silent: bool) -> bool:
    src, start = state.src, state.pos
    if not src.startswith("[[", start):
        return False
    # Where the last search found no "]]": every later "[[" in this text has none either.
    # Remembering it keeps a body full of unclosed "[[" linear instead of quadratic.
    unclosed = state.env.get("_xref_unclosed")
    if unclosed is not None and unclosed[0] is src and start >= unclosed[1]:
        return False
    end = src.find("]]", start + 2)
    if end < 0:
        state.env["_xref_unclosed"] = (src, start)
        return False
    newline = src.find("\n", start, end)
    if newline >= 0:
        return False
    parsed = _parse_inner(src[start + 2 : end])
    if parsed is None:
        return False
    if not silent:
        token = state.push("xref", "", 0)
        token.markup = src[start : end + 2]
        token.meta = {"parsed": parsed, "offset": src.count("\n", 0, start)}
    state.pos = end + 2
    return True


def _embed_rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    begin = state.bMarks[start_line] + state.tShift[start_line]
    line = state.src[begin : state.eMarks[start_line]]
    match = _EMBED_LINE.match(line)
    if match is None or state.sCount[start_line] - state.blkIndent >= 4:
        return False
    parsed = _parse_inner(match["inner"])
    if parsed is None:
        return False
    if silent:
        return True
    token = state.push("xref_embed", "", 0)
    token.markup = line.strip()
    token.meta = {"parsed": parsed}
    token.map = [start_line, start_line + 1]
    state.line = start_line + 1
    return True


def _collect_rule(state: StateCore) -> None:
    """Record every reference with its body line in ``env["xrefs"]``."""
    found: list[Reference] = state.env.setdefault("xrefs", [])
    for block in state.tokens:
        if block.type == "xref_embed" and block.map:
            kind, slug, label = block.meta["parsed"]
            embedded = Reference(kind, slug, label, block.map[0], block.markup, embed=True)
            block.meta["index"] = len(found)
            found.append(embedded)
        elif block.type == "inline" and block.map:
            for child in block.children or ():
                if child.type == "xref":
                    kind, slug, label = child.meta["parsed"]
                    line = block.map[0] + child.meta["offset"]
                    ref = Reference(kind, slug, label, line, child.markup)
                    child.meta["index"] = len(found)
                    found.append(ref)


def _render_hole(
    renderer: RendererProtocol, tokens: list[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    """A hole for :func:`generator.markdown.body.render_body` to fill once the site is known."""
    return f"\x00{tokens[idx].meta['index']}\x00"


def xref_plugin(md: MarkdownIt) -> None:
    """Install the ``[[...]]`` inline rule, the ``![[...]]`` block rule and their renderers."""
    md.inline.ruler.before("link", "xref", _inline_rule)
    md.block.ruler.before("paragraph", "xref_embed", _embed_rule, {"alt": ["paragraph"]})
    md.core.ruler.after("inline", "xref_collect", _collect_rule)
    md.add_render_rule("xref", _render_hole)
    md.add_render_rule("xref_embed", _render_hole)


def references(env: dict[str, Any]) -> list[Reference]:
    """The references a parse recorded, in document order."""
    refs: list[Reference] = env.get("xrefs", [])
    return refs
