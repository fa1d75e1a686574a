"""Safe YAML loading that remembers where every value came from.

PyYAML's safe loader returns plain data and forgets positions, so an error in
"muscles.primary[1]" could not point at its line. Here the document is composed
into nodes first and built by hand: each value's position is kept in a map keyed
by its path, tags outside plain data are refused, duplicate keys are reported
(PyYAML silently keeps the last one), dates stay strings so the schema can check
them, and alias expansion is bounded against "billion laughs" documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.error import Mark
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.core.diagnostics import Diagnostics, Location

PathKey = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_TAG + t for t in ("map", "seq", "str", "int", "float", "bool", "null")}
_TIMESTAMP = _TAG + "timestamp"
DEFAULT_MAX_NODES = 20_000
_SURROGATE = re.compile("[\ud800-\udfff]")
_BAD_ESCAPE_PROBLEM = "found invalid Unicode character escape code"  # libyaml's words
_BAD_ESCAPE = (
    "text contains an escape that is not a character (like the surrogate \\ud83d)",
    "type the character itself instead of its UTF-16 escape",
)
_TOO_DEEP = (
    "invalid YAML: nested too deeply",
    "front matter needs at most a few levels of lists and mappings",
)


@dataclass(frozen=True, slots=True)
class Located:
    """Loaded YAML data plus the position of every key and value in it."""

    data: Any
    path: str
    positions: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def key_location(self, key: PathKey) -> Location:
        """Where the key naming the value at ``key`` is (unknown fields are reported there)."""
        found = self.key_positions.get(key)
        return Location(self.path, found[0], found[1]) if found else self.location(key)

    def location(self, key: PathKey = ()) -> Location:
        """Where the value at ``key`` is; falls back to its nearest located parent."""
        for end in range(len(key), -1, -1):
            found = self.positions.get(key[:end])
            if found is not None:
                return Location(self.path, found[0], found[1])
        return Location(self.path, 1, 1)


class _TooLarge(Exception):
    """The document expands to more nodes than allowed."""


class _Builder:
    """Turns a composed node graph into plain Python data, recording positions."""

    def __init__(self, path: str, line_offset: int, diagnostics: Diagnostics, max_nodes: int):
        self.path = path
        self.line_offset = line_offset
        self.diagnostics = diagnostics
        self.max_nodes = max_nodes
        self.visited = 0
        self.positions: dict[PathKey, tuple[int, int]] = {}
        self.key_positions: dict[PathKey, tuple[int, int]] = {}
        self.scalars = yaml.SafeLoader("")

    def location(self, node: Node) -> Location:
        mark = node.start_mark
        return Location(self.path, mark.line + 1 + self.line_offset, mark.column + 1)

    def build(self, node: Node, key: PathKey) -> Any:
        self.visited += 1
        if self.visited > self.max_nodes:
            raise _TooLarge
        here = self.location(node)
        if isinstance(node, ScalarNode):
            self.positions[key] = (here.line, here.column)  # point at the value itself
        else:
            self.positions.setdefault(key, (here.line, here.column))  # keep its key's line
        if isinstance(node, MappingNode):
            return self._mapping(node, key)
        if isinstance(node, SequenceNode):
            self._check_tag(node, _TAG + "seq")
            return [self.build(item, (*key, i)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _check_tag(self, node: Node, expected: str) -> None:
        if node.tag != expected:
            self.diagnostics.error(
                self.location(node),
                f"YAML tag '{node.tag.replace(_TAG, '!!')}' is not allowed here",
                hint="front matter is plain data: remove the tag",
            )

    def _mapping(self, node: MappingNode, key: PathKey) -> dict[Any, Any]:
        self._check_tag(node, _TAG + "map")
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                self.diagnostics.error(
                    self.location(key_node),
                    "YAML merge keys ('<<') are not supported",
                    hint="write the fields out in full",
                )
                continue
            if not isinstance(key_node, ScalarNode):
                self.diagnostics.error(self.location(key_node), "a key must be a plain word")
                continue
            name = self._scalar(key_node)
            if not isinstance(name, str | int):
                self.diagnostics.error(self.location(key_node), "a key must be a plain word")
                continue
            if name in result:
                self.diagnostics.error(
                    self.location(key_node),
                    f"duplicate key '{name}'",
                    hint="each field may appear once; remove or merge the repeats",
                )
                continue
            where = self.location(key_node)
            self.positions[(*key, name)] = (where.line, where.column)
            self.key_positions[(*key, name)] = (where.line, where.column)
            result[name] = self.build(value_node, (*key, name))
        return result

    def _scalar(self, node: Node) -> Any:
        if node.tag == _TIMESTAMP:
            return node.value  # dates stay text; the schema validates them
        if node.tag not in _ALLOWED_TAGS:
            self._check_tag(node, _TAG + "str")
            return None
        try:
            value = self.scalars.construct_object(node)
        except (yaml.YAMLError, ValueError) as exc:
            self.diagnostics.error(self.location(node), f"invalid value: {exc}")
            return None
        if isinstance(value, str) and _SURROGATE.search(value):
            self.diagnostics.error(self.location(node), *_BAD_ESCAPE)
            return None
        return value


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml composes ~15x faster


def _compose(text: str) -> Node | None:
    loader = _Loader(text)
    try:
        node: Node | None = loader.get_single_node()
        return node
    finally:
        loader.dispose()


def _character_at(text: str, mark: Mark | None) -> str:
    """The character a syntax error points at, quoted ('' if out of range)."""
    if mark is None:
        return ""
    lines = text.split("\n")
    if mark.line < len(lines) and mark.column < len(lines[mark.line]):
        return repr(lines[mark.line][mark.column])
    return ""


_FIELD_ONLY = re.compile(r"^\s*[A-Za-z_][\w-]*\s*$")  # a line's text up to its ':' is a bare name


def _missing_colon(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, str] | None:
    """The 0-based line and text of a ``field value`` line that lacks its colon, if that is
    what the error is about.

    YAML reads such a line as the start of a longer key: libyaml then reports
    the *next* line (a key it could not finish, or a ``:`` it did not expect
    there), which would point the author at a line that is fine.
    """
    lines = text.split("\n")
    problem, mark = exc.problem or "", exc.problem_mark
    if problem == "could not find expected ':'" and exc.context_mark is not None:
        line = exc.context_mark.line
    elif "mapping values are not allowed" in problem and mark is not None:
        if not _field_before_colon(exc, text) or mark.line == 0:
            return None  # a ': ' inside a value: the quoting hint is right
        line = mark.line - 1
        while line > 0 and not lines[line].strip():
            line -= 1
    else:
        return None
    written = lines[line] if line < len(lines) else ""
    if ":" in written or len(written.split()) < 2 or written.lstrip().startswith(("-", "#")):
        return None
    return line, written


def _field_before_colon(exc: yaml.YAMLError, text: str) -> bool:
    """Is the unexpected ':' the one after a bare field name (so not inside a value)?"""
    mark = getattr(exc, "problem_mark", None)
    lines = text.split("\n")
    if mark is None or mark.line >= len(lines):
        return False
    return bool(_FIELD_ONLY.match(lines[mark.line][: mark.column]))


def _explain(exc: yaml.YAMLError, text: str) -> tuple[str, str]:
    """A short message and a hint for a YAML syntax error.

    libyaml words a few errors differently from the pure-Python loader (and
    leaves out the offending character); they are normalised here so authors
    see the same message whichever loader is installed.
    """
    problem = getattr(exc, "problem", None) or str(exc)
    if problem == _BAD_ESCAPE_PROBLEM:
        return _BAD_ESCAPE
    if problem == "found character that cannot start any token":
        character = _character_at(text, getattr(exc, "problem_mark", None))
        problem = f"found character {character} that cannot start any token".replace("  ", " ")
    problem = problem.replace("not allowed in this context", "not allowed here")
    context = getattr(exc, "context", None)
    message = f"invalid YAML: {problem}" + (f" ({context})" if context else "")
    hint = ""
    if "\\t" in problem or "tab" in problem:
        hint = "YAML indentation must use spaces, not tabs"
    elif "mapping values are not allowed" in problem and _field_before_colon(exc, text):
        hint = "this field is indented more than the one above it: line them up"
    elif "mapping values are not allowed" in problem:
        hint = "a value containing ': ' must be quoted, e.g. title: \"Squat: the basics\""
    elif "did not find expected key" in problem and "block mapping" in (context or ""):
        hint = (
            "this line is indented differently from the field above it: fields of one "
            "mapping start in the same column (the guide indents by 2 spaces)"
        )
    elif "expected <block end>" in problem or "could not find expected" in problem:
        hint = "check the indentation and that quotes and brackets are closed"
    return message, hint


def load_located(
    text: str,
    path: str,
    diagnostics: Diagnostics,
    *,
    line_offset: int = 0,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> Located | None:
    """Parse ``text`` (which starts ``line_offset`` lines into ``path``) safely.

    Returns None when the text cannot be read as YAML; the reason is in
    ``diagnostics``. An empty document gives ``Located(None)``.
    """
    try:
        node = _compose(text)
    except yaml.reader.ReaderError:
        # libyaml reports a byte offset; find the character in the text instead
        bad = yaml.reader.Reader.NON_PRINTABLE.search(text)
        position = bad.start() if bad else 0
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        diagnostics.error(
            Location(path, line + line_offset, column),
            f"invalid YAML: character U+{ord(bad.group()):04X} is not allowed"
            if bad
            else "invalid YAML: a character that is not allowed",
            hint="delete the invisible control character (retype the line)",
        )
        return None
    except RecursionError:
        diagnostics.error(Location(path, 1 + line_offset, 1), *_TOO_DEEP)
        return None
    except yaml.MarkedYAMLError as exc:
        missing = _missing_colon(exc, text)
        if missing is not None:
            line, written = missing
            field, _, value = written.strip().partition(" ")
            diagnostics.error(
                Location(path, line + 1 + line_offset, len(written) - len(written.lstrip()) + 1),
                f"invalid YAML: no ':' after the field name in '{written.strip()}'",
                hint=f"write '{field}: {value.strip()}'",
            )
            return None
        unclosed = exc.context and ("flow" in exc.context or "quoted" in exc.context)
        mark = (exc.context_mark if unclosed else None) or exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message, hint = _explain(exc, text)
        diagnostics.error(Location(path, line + line_offset, column), message, hint=hint)
        return None
    except yaml.YAMLError as exc:
        message, hint = _explain(exc, text)
        diagnostics.error(Location(path, 1 + line_offset, 1), message, hint=hint)
        return None
    if node is None:
        return Located(None, path)
    builder = _Builder(path, line_offset, diagnostics, max_nodes)
    reported = len(diagnostics.items)
    try:
        data = builder.build(node, ())
    except RecursionError:
        diagnostics.error(Location(path, 1 + line_offset, 1), *_TOO_DEEP)
        return None
    except _TooLarge:
        diagnostics.error(
            Location(path, 1 + line_offset, 1),
            f"YAML expands to more than {max_nodes} values",
            hint="anchors and aliases ('&x', '*x') may not multiply the document; write it out",
        )
        return None
    if len(diagnostics.items) > reported:
        return None  # already explained; checking the damaged data would only add noise
    return Located(data, path, builder.positions, builder.key_positions)
