"""What a build may reuse from the previous one, keyed so that reuse can never be wrong.

Every entry is stored under a digest of everything that produced it: a parsed
file (front matter and body) under its text, the schema it was checked against
and the settings its body was rendered for; the plans under their inputs; a
page's bytes under the fingerprint of its dependencies (see ``dependencies.py``).
A changed input changes the key, so a stale entry is simply never found. Each
build keeps only the entries it used, so a long preview session does not grow
without bound.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from generator.core.diagnostics import Diagnostic

T = TypeVar("T")


@dataclass
class Memo(Generic[T]):
    """A key -> value store that forgets what the current build did not ask for."""

    previous: dict[Any, T] = field(default_factory=dict)
    current: dict[Any, T] = field(default_factory=dict)

    def get(self, key: Any, make: Callable[[], T]) -> T:
        if key in self.current:
            return self.current[key]
        value = self.previous[key] if key in self.previous else make()
        self.current[key] = value
        return value

    def has(self, key: Any) -> bool:
        return key in self.current or key in self.previous

    def lookup(self, key: Any) -> T | None:
        """The stored value without making one (pages: rendered only when missing)."""
        found = self.current.get(key, self.previous.get(key))
        if found is not None:
            self.current[key] = found
        return found

    def store(self, key: Any, value: T) -> None:
        self.current[key] = value

    def next_build(self) -> None:
        """Start a new build: what the last one used becomes what this one may reuse."""
        self.previous, self.current = self.current, {}


# A parse result plus the problems it reported, replayed when the result is reused.
Parsed = tuple[Any, tuple[Diagnostic, ...]]


@dataclass
class BuildCache:
    """Reusable results, carried from build to build by the preview, and on disk by ``store.py``."""

    documents: Memo[Parsed] = field(default_factory=Memo)
    plans: Memo[Parsed] = field(default_factory=Memo)
    pages: Memo[bytes] = field(default_factory=Memo)
    environments: Memo[Any] = field(default_factory=Memo)

    def kept(self) -> BuildCache:
        """What the next ``guide build`` may reuse: parsed files and plans, not pages or templates."""
        return BuildCache(
            documents=Memo(current=self.documents.current), plans=Memo(current=self.plans.current)
        )

    def snapshot(self) -> BuildCache:
        """What the next preview session may reuse: parsed files, plans and drawn pages.

        Copies of the maps, taken at once, so that they can be saved while the
        preview goes on building.
        """
        return BuildCache(
            documents=Memo(current=dict(self.documents.current)),
            plans=Memo(current=dict(self.plans.current)),
            pages=Memo(current=dict(self.pages.current)),
        )

    def next_build(self) -> None:
        for memo in (self.documents, self.plans, self.pages, self.environments):
            memo.next_build()
