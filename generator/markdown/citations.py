"""An article's Sources section: its list items, and who each source is.

Read once when a body is parsed (so in the workers, and cached with the body):
the references page and its lint then only compare keys.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_SOURCES_HEADING = re.compile(r"^#{2,6}[ \t]+Sources[ \t#]*$", re.IGNORECASE)
_HEADING = re.compile(r"^#{1,6}[ \t]")
_ITEM = re.compile(r"^[-*+][ \t]+(.*\S)")
_YEAR = re.compile(r"\((\d{4})[a-z]?\)\.?")
_AUTHOR_END = re.compile(r",| et al\b| &| and |\(")
_INITIALS = re.compile(r"(\s+[A-Z]{1,3}\.?)+$")


class Citation(NamedTuple):  # a named tuple: bodies hold them, and they pickle fastest
    """One list item of a body's Sources section."""

    text: str  # the Markdown of the item
    line: int  # 0-based body line
    key: tuple[str, str, str]  # identity(text)


def citations(body: str) -> list[Citation]:
    """The items of the body's Sources section (an article's own list of what it relies on)."""
    found: list[Citation] = []
    if "ources" not in body and "OURCES" not in body:  # most bodies have none: skip the walk
        return found
    inside = False
    for number, line in enumerate(body.split("\n")):
        if _SOURCES_HEADING.match(line):
            inside = True
        elif _HEADING.match(line):
            inside = False
        elif inside and (item := _ITEM.match(line)):
            found.append(Citation(item.group(1), number, identity(item.group(1))))
    return found


def identity(text: str) -> tuple[str, str, str]:
    """(first author's surname, year, title) in a form that ignores how they were typed."""
    year_match = _YEAR.search(text)
    if year_match is None:
        return (words(text), "", "")
    author = _AUTHOR_END.split(text[: year_match.start()], maxsplit=1)[0]
    author = _INITIALS.sub("", author.strip())  # "Blagrove RC" is "Blagrove, R. C."
    title = re.split(r"(?<=[.?!])\s", text[year_match.end() :].strip(), maxsplit=1)[0]
    return (words(author), year_match.group(1), words(title))


def words(text: str) -> str:
    """The text's words, case-folded and space-separated: what two spellings share."""
    return " ".join(re.findall(r"\w+", text.casefold()))
