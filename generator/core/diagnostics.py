"""Problems found in content, collected rather than raised.

Every stage of the build reports into one :class:`Diagnostics` so that an author
sees all mistakes at once, each pointing at a file, line and column, the way a
compiler does. Only when a stage is done does the orchestrator decide to stop.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import PurePosixPath


class Severity(StrEnum):
    """How bad a problem is; warnings become errors under ``--strict``."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True, order=True)
class Location:
    """A place in a source file: a project-relative path, 1-based line and column."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem: where, how bad, what, and how to fix it."""

    location: Location
    severity: Severity
    message: str
    hint: str = ""
    rule: str = ""

    def format(self) -> str:
        """Render as ``path:line:col: severity: message [rule]`` plus a hint line.

        Control characters from content are shown escaped, so a value can never
        forge an extra line (a fake diagnostic, or a CI workflow command).
        """
        rule = f" [{self.rule}]" if self.rule else ""
        text = f"{_printable(str(self.location))}: {self.severity.value}: {_printable(self.message)}{rule}"
        if self.hint:
            text += f"\n    hint: {_printable(self.hint)}"
        return text


@dataclass
class Diagnostics:
    """The collector every build stage writes into."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, location: Location, message: str, hint: str = "", rule: str = "") -> None:
        self.items.append(Diagnostic(location, Severity.ERROR, message, hint, rule))

    def warning(self, location: Location, message: str, hint: str = "", rule: str = "") -> None:
        self.items.append(Diagnostic(location, Severity.WARNING, message, hint, rule))

    def extend(self, other: Iterable[Diagnostic]) -> None:
        self.items.extend(other)

    def promote_warnings(self) -> None:
        """``--strict``: every warning is an error, and is labelled and counted as one."""
        self.items = [
            replace(d, severity=Severity.ERROR) if d.severity is Severity.WARNING else d
            for d in self.items
        ]

    def has_errors(self, strict: bool = False) -> bool:
        """True when the build must stop (warnings count only when strict)."""
        return any(d.severity is Severity.ERROR or strict for d in self.items)

    def sorted(self) -> list[Diagnostic]:
        """Stable order for output: by file, then line, column and message."""
        return sorted(set(self.items), key=lambda d: (d.location, d.severity.value, d.message))

    def count(self, severity: Severity) -> int:
        """How many distinct problems of a severity (repeats are printed once, counted once)."""
        return sum(1 for d in set(self.items) if d.severity is severity)


class BuildFailed(Exception):
    """Raised by the orchestrator once content errors were collected."""

    def __init__(self, diagnostics: Diagnostics) -> None:
        super().__init__(f"{diagnostics.count(Severity.ERROR)} error(s)")
        self.diagnostics = diagnostics


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _printable(text: str) -> str:
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode(), text)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A 'did you mean X?' hint for a misspelt identifier, or '' when nothing is close.

    Choices exactly as close as the best are all named (``glutes``: ``glute-max``
    or ``glute-med``): naming one would pick for the author at random.
    """
    close = difflib.get_close_matches(word, sorted(choices), n=3, cutoff=0.6)
    if not close:
        return ""
    score = _similarity(word, close[0])
    tied = sorted(c for c in close if _similarity(word, c) == score)
    return "did you mean " + " or ".join(f"'{c}'" for c in tied) + "?"


def _similarity(word: str, other: str) -> float:
    return difflib.SequenceMatcher(None, word, other).ratio()


def a_or_an(noun: str) -> str:
    """``an exercise``, ``a muscle``: the article a kind's name takes."""
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def relative_path(path: PurePosixPath | str, root: PurePosixPath | str) -> str:
    """A path as the author sees it: relative to the project root, with forward slashes."""
    p, r = PurePosixPath(path), PurePosixPath(root)
    try:
        return str(p.relative_to(r))
    except ValueError:
        return str(p)
