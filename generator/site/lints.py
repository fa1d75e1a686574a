"""Content-quality lints: each rule has an id and a level an author can change in site.yaml.

Like MkDocs' ``validation:`` settings, ``lints: {orphan-exercise: error}`` raises
a rule to an error and ``off`` silences it; ``--strict`` turns every warning
into an error.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from generator.core.diagnostics import Diagnostics, Location, did_you_mean
from generator.content.models import Article, Exercise
from generator.content.schema import SUMMARY_MAX
from generator.site.assemble import Site
from generator.site.bibliography import written_differently
from generator.markdown.sanitize import never_allowed
from generator.site.links import broken_links, remote_images


@dataclass(frozen=True, slots=True)
class Finding:
    location: Location
    message: str
    hint: str = ""


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    default: str
    description: str
    check: Callable[[Site], Iterator[Finding]]


def _summary_length(site: Site) -> Iterator[Finding]:
    items: list[Exercise | Article] = [*site.exercises.values(), *site.articles.values()]
    for item in items:
        if len(item.summary) > SUMMARY_MAX:
            yield Finding(
                item.doc.meta.location(("summary",)),
                f"summary is {len(item.summary)} characters, over {SUMMARY_MAX}",
                "search results and link previews cut it off; shorten it to one sentence",
            )


def _few_cues(site: Site) -> Iterator[Finding]:
    for exercise in site.exercises.values():
        if len(exercise.cues) < 3:
            yield Finding(
                exercise.doc.meta.location(("cues",)),
                f"only {len(exercise.cues)} coaching cue(s); a card needs at least 3",
            )


def _ladder_symmetry(site: Site) -> Iterator[Finding]:
    for exercise in site.exercises.values():
        for field_name, other_field in (
            ("progressions", "regressions"),
            ("regressions", "progressions"),
        ):
            for i, slug in enumerate(getattr(exercise, field_name)):
                other = site.exercises.get(slug)
                if other is not None and exercise.slug not in getattr(other, other_field):
                    yield Finding(
                        exercise.doc.meta.location((field_name, i)),
                        f"'{slug}' is listed in {field_name} but does not list "
                        f"'{exercise.slug}' in its {other_field}",
                        f"add '{exercise.slug}' to {other_field} in {other.doc.path}",
                    )


def _orphan_exercise(site: Site) -> Iterator[Finding]:
    for exercise in site.exercises.values():
        sources = site.library.linking_to(("exercise", exercise.slug))
        if not any(e.kind in ("article", "plan") for e in sources):
            yield Finding(
                Location(exercise.doc.path),
                "no article or plan uses this card",
                "reference it from an article with [[exercise:" + exercise.slug + "]]",
            )


def _untrained_muscle(site: Site) -> Iterator[Finding]:
    for muscle in site.muscles.values():
        primary, _ = site.trained_by(muscle.slug)
        if not primary:
            yield Finding(
                Location("content/muscles.yaml"),
                f"no exercise card trains '{muscle.slug}' as a primary muscle",
            )


def _article_without_references(site: Site) -> Iterator[Finding]:
    for article in site.articles.values():
        if not site.bodies[("article", article.slug)].references:
            yield Finding(
                Location(article.doc.path, article.doc.body_line),
                "article has no cross-references",
                "link the cards it discusses with [[exercise:slug]]",
            )


def _image_alt(site: Site) -> Iterator[Finding]:
    for parsed in site.bodies.values():
        for link in parsed.links:
            if link.image and not link.alt.strip():
                yield Finding(
                    parsed.location(link.line, "!["),
                    f"image {link.href} has no alt text",
                    "describe the picture: ![A runner in a split squat](...)",
                )


def _unsafe_link(site: Site) -> Iterator[Finding]:
    for parsed in site.bodies.values():
        for line, url in parsed.unsafe_links:
            yield Finding(
                parsed.link_location(line, url),
                f"link to '{url[:60]}' removed: only http, https, mailto, relative and # links are allowed",
                "link to a web page instead",
            )


def _raw_html(site: Site) -> Iterator[Finding]:
    for parsed in site.bodies.values():
        for line, what in parsed.raw_html:
            attribute, _, rest = what.partition("= on <")
            if rest:  # the tag is allowed and rendered; only this attribute was dropped
                tag, _, reason = rest.partition(">")
                where = parsed.location(line, f"{attribute}=")
                yield Finding(
                    where,
                    f"raw HTML: the attribute {attribute}= was removed from <{tag}>{reason}",
                    "event attributes can never be allowed"
                    if never_allowed(tag, attribute)
                    else reason and "fix the value, or remove the attribute"
                    or f"allow it with markdown.allow_html.{tag} in site.yaml",
                )
                continue
            name = what.lstrip("</").lower()
            yield Finding(
                parsed.location(line, what),
                f"raw HTML '{what}{'>' if what[-1:].isalnum() else ''}' is shown as text, not rendered",
                f"<{name}> can never be allowed (it could run script); use Markdown"
                if never_allowed(name)
                else "use Markdown, or allow the tag under markdown.allow_html in site.yaml",
            )


def _broken_link(site: Site) -> Iterator[Finding]:
    for problem in broken_links(site):
        yield Finding(problem.location, problem.message, problem.hint)


def _remote_image(site: Site) -> Iterator[Finding]:
    for problem in remote_images(site):
        yield Finding(problem.location, problem.message, problem.hint)


PLACEHOLDER = re.compile(r"\bTODO\b")  # what `guide new` writes wherever the author has to


def _strings(
    value: object, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every text value of front matter with its path (``("cues", 0)``)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, (*path, i))


def _placeholder(site: Site) -> Iterator[Finding]:
    """Text from ``guide new``'s archetype that the author has not replaced yet."""
    items: list[Exercise | Article] = [*site.exercises.values(), *site.articles.values()]
    hint = "replace the TODO text, or keep the page a draft (draft: true) until it is ready"
    for item in items:
        for path, text in _strings(item.doc.meta.data):
            if PLACEHOLDER.search(text):
                yield Finding(
                    item.doc.meta.location(path), f"placeholder left in {_dotted(path)}", hint
                )
        if "TODO" not in item.doc.body:  # the usual case: no line walk
            continue
        for i, line in enumerate(item.doc.body.split("\n")):
            if match := PLACEHOLDER.search(line):
                where = Location(item.doc.path, item.doc.body_line + i, match.start() + 1)
                yield Finding(where, "placeholder left in the body", hint)


def _dotted(path: tuple[str | int, ...]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")


def _empty_table_header(site: Site) -> Iterator[Finding]:
    for parsed in site.bodies.values():
        for line in parsed.empty_headers:
            yield Finding(
                parsed.location(line, "|"),
                "a table header cell is empty: screen readers announce the column without a name",
                "name what the column (or the row labels below it) holds",
            )


def _heading_levels(site: Site) -> Iterator[Finding]:
    for parsed in site.bodies.values():
        previous = 1
        for heading in parsed.headings:
            if heading.level == 1:
                yield Finding(
                    parsed.location(heading.line),
                    "a '#' heading in the body; the title is the page's only h1",
                    "start the body's headings at '##'",
                )
            elif heading.level > previous + 1:
                yield Finding(
                    parsed.location(heading.line),
                    f"heading level jumps from h{previous} to h{heading.level}",
                    f"use {'#' * (previous + 1)} here",
                )
            previous = heading.level


def _duplicate_titles(site: Site) -> Iterator[Finding]:
    seen: dict[str, list[str]] = defaultdict(list)
    items: list[Exercise | Article] = [*site.exercises.values(), *site.articles.values()]
    for item in items:
        seen[item.title.casefold()].append(item.doc.path)
    for item in items:
        paths = seen[item.title.casefold()]
        if len(paths) > 1 and paths[0] != item.doc.path:
            yield Finding(
                item.doc.meta.location(("title",)),
                f"title '{item.title}' is also used by {paths[0]}",
                "readers and search results cannot tell the two apart",
            )


def _source_written_differently(site: Site) -> Iterator[Finding]:
    for where, text, first in written_differently(site):
        yield Finding(
            where,
            f"source '{text[:50]}' is written differently at {first.path}:{first.line}",
            "write a source the same way everywhere, so the references page lists it once",
        )


RULES: tuple[Rule, ...] = (
    Rule("summary-length", "warning", "a summary over 160 characters", _summary_length),
    Rule("few-cues", "warning", "an exercise card with fewer than 3 cues", _few_cues),
    Rule(
        "ladder-symmetry",
        "warning",
        "progression/regression links that are one-way",
        _ladder_symmetry,
    ),
    Rule("orphan-exercise", "warning", "a card no article or plan references", _orphan_exercise),
    Rule("untrained-muscle", "warning", "a muscle no card trains as primary", _untrained_muscle),
    Rule(
        "article-no-xref",
        "warning",
        "an article without cross-references",
        _article_without_references,
    ),
    Rule("image-alt", "warning", "an image without alt text", _image_alt),
    Rule("unsafe-link", "warning", "a link with a scheme other than http(s)/mailto", _unsafe_link),
    Rule(
        "broken-link",
        "error",
        "a Markdown link or image to a page, file or #anchor that does not exist",
        _broken_link,
    ),
    Rule(
        "remote-image", "warning", "an image from another site (the CSP blocks it)", _remote_image
    ),
    Rule("raw-html", "warning", "raw HTML in Markdown (shown as text)", _raw_html),
    Rule(
        "heading-levels", "warning", "an h1 in a body or a skipped heading level", _heading_levels
    ),
    Rule("empty-table-header", "warning", "a table header cell with no text", _empty_table_header),
    Rule("placeholder", "warning", "text `guide new` wrote that was not replaced", _placeholder),
    Rule("duplicate-title", "warning", "two pages with the same title", _duplicate_titles),
    Rule(
        "duplicate-source",
        "warning",
        "one source written two ways in articles' Sources sections",
        _source_written_differently,
    ),
)


def run_lints(site: Site, diagnostics: Diagnostics) -> None:
    """Run every rule at its configured level."""
    levels = site.content.site.lints
    known = {rule.id for rule in RULES}
    for rule_id in levels:
        if rule_id not in known:
            diagnostics.error(
                site.content.site.locations.get(f"lints.{rule_id}", Location("content/site.yaml")),
                f"unknown lint rule '{rule_id}'",
                hint=did_you_mean(rule_id, known) or f"rules: {', '.join(sorted(known))}",
            )
    for rule in RULES:
        level = levels.get(rule.id, rule.default)
        if level == "off":
            continue
        report = diagnostics.error if level == "error" else diagnostics.warning
        for finding in rule.check(site):
            report(finding.location, finding.message, hint=finding.hint, rule=rule.id)
