"""One index of everything that can be linked, with collision checks and backlinks.

Slugs share one namespace across kinds, so a bare ``[[slug]]`` can never be
ambiguous: a second page claiming a slug is an error naming the first. The
index resolves every cross-reference once, reports the broken ones at their
exact place, and remembers who links to whom for the "used in" lists.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.core.diagnostics import Diagnostics, Location, a_or_an, did_you_mean
from generator.markdown.body import ParsedBody
from generator.markdown.xref import KINDS, Reference

ROUTE_PREFIX = {
    "exercise": "exercises",
    "article": "articles",
    "muscle": "muscles",
    "region": "regions",
    "plan": "plans",
}


@dataclass(frozen=True, slots=True)
class Entry:
    """Something a page can link to."""

    kind: str
    slug: str
    title: str
    source: str  # project-relative file it came from (for collision messages)

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.slug)

    @property
    def route(self) -> str:
        return f"{ROUTE_PREFIX[self.kind]}/{self.slug}/"


@dataclass
class Library:
    """Every linkable entry by slug, plus the backlinks found while resolving."""

    entries: dict[str, Entry] = field(default_factory=dict)
    backlinks: dict[tuple[str, str], set[tuple[str, str]]] = field(
        default_factory=lambda: defaultdict(set)
    )
    hidden: frozenset[str] = frozenset()  # drafts and scheduled articles, not linkable yet

    def add(self, entry: Entry, where: Location, diagnostics: Diagnostics) -> None:
        """Register ``entry``; a slug already taken (by any kind) is an error at ``where``."""
        taken = self.entries.get(entry.slug)
        if taken is not None:
            diagnostics.error(
                where,
                f"duplicate slug '{entry.slug}': {entry.kind} clashes with {taken.kind} "
                f"from {taken.source}",
                hint="slugs are shared by all kinds of page; rename one of the files",
            )
            return
        self.entries[entry.slug] = entry

    def add_all(self, entries: Iterable[tuple[Entry, Location]], diagnostics: Diagnostics) -> None:
        for entry, where in entries:
            self.add(entry, where, diagnostics)

    def check_hidden(
        self, hidden: Iterable[tuple[str, str, str]], diagnostics: Diagnostics
    ) -> None:
        """Drafts and scheduled pages are not linkable yet, but their slugs are taken:
        a clash is reported now, not on the day the draft is published."""
        seen: dict[str, tuple[str, str]] = {}
        for kind, slug, path in hidden:
            taken = self.entries.get(slug)
            other = (taken.kind, taken.source) if taken is not None else seen.get(slug)
            if other is not None:
                diagnostics.error(
                    Location(path),
                    f"duplicate slug '{slug}': {kind} (a draft or scheduled) clashes with "
                    f"{other[0]} from {other[1]}",
                    hint="slugs are shared by all kinds of page; rename one of the files",
                )
            seen.setdefault(slug, (kind, path))

    def get(self, kind: str, slug: str) -> Entry | None:
        entry = self.entries.get(slug)
        return entry if entry is not None and entry.kind == kind else None

    def lookup(self, ref: Reference) -> Entry | None:
        entry = self.entries.get(ref.slug)
        if entry is None or (ref.kind is not None and entry.kind != ref.kind):
            return None
        return entry

    def link(self, source: tuple[str, str], target: tuple[str, str]) -> None:
        """Remember that ``source`` links to ``target`` (for "used in" lists)."""
        if source != target:
            self.backlinks[target].add(source)

    def linking_to(self, target: tuple[str, str], kind: str | None = None) -> list[Entry]:
        """Entries linking to ``target``, optionally of one kind, sorted by title."""
        found = [self.entries[s] for k, s in self.backlinks.get(target, ()) if s in self.entries]
        return sorted((e for e in found if kind is None or e.kind == kind), key=_title_key)

    def resolve_references(
        self, source: tuple[str, str], parsed: ParsedBody, diagnostics: Diagnostics
    ) -> None:
        """Check every ``[[...]]`` in a body; record backlinks; report the broken ones."""
        for ref in parsed.references:
            if ref.kind is not None and ref.kind not in KINDS:
                diagnostics.error(
                    parsed.location(ref.line, ref.markup),
                    f"unknown kind '{ref.kind}' in {ref.markup}",
                    hint=did_you_mean(ref.kind, KINDS) or f"kinds: {', '.join(KINDS)}",
                )
                continue
            entry = self.lookup(ref)
            if entry is None:
                diagnostics.error(
                    parsed.location(ref.line, ref.markup),
                    f"broken cross-reference {ref.markup}",
                    hint=self._hint(ref),
                )
                continue
            if ref.embed and entry.kind != "exercise":
                diagnostics.error(
                    parsed.location(ref.line, ref.markup),
                    f"only exercise cards can be embedded, not {a_or_an(entry.kind)}",
                    hint=f"link it instead: [[{entry.kind}:{entry.slug}]]",
                )
                continue
            self.link(source, entry.key)

    def _hint(self, ref: Reference) -> str:
        if ref.slug in self.hidden and ref.kind in (None, "article", "exercise"):
            return f"'{ref.slug}' is a draft or scheduled; publish it, or preview with --drafts"
        entry = self.entries.get(ref.slug)
        if entry is not None:
            return f"'{ref.slug}' is {a_or_an(entry.kind)}: write [[{entry.kind}:{ref.slug}]]"
        candidates = [e.slug for e in self.entries.values() if ref.kind in (None, e.kind)]
        return did_you_mean(ref.slug, candidates) or "no page has that slug"


def _title_key(entry: Entry) -> tuple[str, str]:
    return (entry.title.casefold(), entry.slug)
