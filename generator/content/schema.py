"""The content contract as JSON Schema: one source of truth for the validator and editors.

The build validates front matter against these schemas with the ``jsonschema``
library, and ``guide schemas`` writes the very same dictionaries to
``schemas/`` for editors, so what an author's editor underlines is exactly what
the build rejects. Messages are rewritten for authors, with hints.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from generator.content.sources import DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_FRONT_MATTER_BYTES
from generator.content.yamlsource import Located
from generator.core.diagnostics import Diagnostics, did_you_mean
from generator.figures import FIGURE_SCHEMA

Schema = dict[str, Any]

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
DOSE_PATTERN = r"^[1-9][0-9]? x [1-9][0-9]{0,2}(?:-[1-9][0-9]{0,2})?(?: (?:s|m))?(?: each side)?$"
SUMMARY_MAX = 160
LANGUAGE_PATTERN = r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$"
DIRECTIONS = ("ltr", "rtl")
# Languages written right to left (primary subtags), and scripts that are, whatever the language.
RTL_LANGUAGES = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ku", "ps", "sd",
                           "syr", "ug", "ur", "yi"})  # fmt: skip
RTL_SCRIPTS = frozenset({"arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg"})

REGIONS: dict[str, str] = {
    "hips": "Hips",
    "core": "Core",
    "calves-ankle": "Calves and ankle",
    "posterior-chain": "Posterior chain",
    "thigh": "Thigh",
    "foot": "Foot",
    "upper-body": "Upper body",
}
CATEGORIES = ("strength", "plyometric", "core", "balance", "mobility", "soft-tissue")
PATTERNS = (
    "squat",
    "hinge",
    "lunge",
    "step-up",
    "single-leg-squat",
    "bridge",
    "knee-flexion",
    "hip-flexion",
    "abduction",
    "adduction",
    "calf-raise",
    "dorsiflexion",
    "foot",
    "anti-extension",
    "anti-rotation",
    "anti-lateral-flexion",
    "rotation",
    "carry",
    "push",
    "pull",
    "hop",
    "bound",
    "jump",
    "skip",
    "balance",
    "mobility",
    "release",
)
EQUIPMENT = (
    "bodyweight",
    "mat",
    "wall",
    "step",
    "box",
    "bench",
    "dumbbell",
    "kettlebell",
    "barbell",
    "trap-bar",
    "band",
    "cable",
    "machine",
    "medicine-ball",
    "stability-ball",
    "wobble-board",
    "foam-roller",
)
BASIC_EQUIPMENT = ("bodyweight", "mat", "wall", "step")  # what every reader has at home
LEVELS = ("beginner", "intermediate", "advanced")
LATERALITY = ("bilateral", "unilateral")
BLOCKS = ("hypertrophy", "strength", "power", "maintenance")
LINT_LEVELS = ("error", "warning", "off")


def _text(description: str, **extra: Any) -> Schema:
    return {"type": "string", "minLength": 1, "description": description, **extra}


def _list(items: Schema, description: str, **extra: Any) -> Schema:
    return {"type": "array", "items": items, "description": description, **extra}


def _slug(description: str) -> Schema:
    return {"type": "string", "pattern": SLUG_PATTERN, "description": description}


def _enum(values: Iterable[str], description: str) -> Schema:
    return {"type": "string", "enum": list(values), "description": description}


def _tags() -> Schema:
    return _list(_slug("a lowercase tag"), "Free tags (lowercase, hyphens).", uniqueItems=True)


def _object(properties: dict[str, Schema], required: Sequence[str], title: str) -> Schema:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": title,
        "type": "object",
        "properties": properties,
        "required": list(required),
        "additionalProperties": False,
    }


def exercise_schema(muscle_ids: Sequence[str]) -> Schema:
    """Front matter of ``content/exercises/<slug>.md``."""
    muscle = (
        _enum(muscle_ids, "A muscle id from muscles.yaml.")
        if muscle_ids
        else _slug("A muscle id from muscles.yaml.")
    )
    dose = {"type": "string", "pattern": DOSE_PATTERN, "description": "SETS x REPS, e.g. 3 x 8-10"}
    return _object(
        {
            "title": _text("The exercise's name."),
            "summary": _text(f"One sentence, at most {SUMMARY_MAX} characters."),
            "category": _enum(CATEGORIES, "What kind of work the exercise is."),
            "pattern": _enum(PATTERNS, "The movement pattern."),
            "muscles": {
                "type": "object",
                "description": "Muscles trained, by id from muscles.yaml.",
                "properties": {
                    "primary": _list(muscle, "Prime movers.", minItems=1, uniqueItems=True),
                    "secondary": _list(muscle, "Assisting muscles.", uniqueItems=True),
                },
                "required": ["primary"],
                "additionalProperties": False,
            },
            "equipment": _list(
                _enum(EQUIPMENT, "An equipment item."),
                "Everything the exercise needs.",
                minItems=1,
                uniqueItems=True,
            ),
            "level": _enum(LEVELS, "Who the exercise suits."),
            "laterality": _enum(LATERALITY, "Both legs together or one at a time."),
            "cues": _list(
                _text("A coaching cue."), "Short coaching cues (at least 3).", minItems=1
            ),
            "mistakes": _list(_text("A common fault."), "Common faults."),
            "dose": {
                "type": "object",
                "description": "Sets x reps per training block.",
                "properties": dict.fromkeys(BLOCKS, dose),
                "minProperties": 1,
                "additionalProperties": False,
            },
            "progressions": _list(_slug("An exercise slug."), "Harder variants.", uniqueItems=True),
            "regressions": _list(_slug("An exercise slug."), "Easier variants.", uniqueItems=True),
            "tags": _tags(),
            "stage": {
                "type": "integer",
                "minimum": 1,
                "maximum": 3,
                "description": "Plyometric ladder stage: 1 low and rhythmic, 2 bigger jumps "
                "and bounds, 3 single-leg and reactive (plyometric cards only).",
            },
            "figure": FIGURE_SCHEMA,
            "draft": {"type": "boolean", "description": "Drafts are built only with --drafts."},
        },
        [
            "title",
            "summary",
            "category",
            "pattern",
            "muscles",
            "equipment",
            "level",
            "laterality",
            "cues",
            "dose",
            "figure",
        ],
        "Exercise card front matter",
    ) | {  # a plyometric card states its stage; no other card has one
        "if": {"properties": {"category": {"const": "plyometric"}}, "required": ["category"]},
        "then": {"required": ["stage"]},
        "else": {"not": {"required": ["stage"]}},
    }


def article_schema() -> Schema:
    """Front matter of ``content/articles/<slug>.md``."""
    date = {
        "type": "string",
        "pattern": DATE_PATTERN,
        "format": "date",
        "description": "YYYY-MM-DD",
    }
    return _object(
        {
            "title": _text("The article's title."),
            "summary": _text(f"One sentence, at most {SUMMARY_MAX} characters."),
            "date": date,
            "updated": date,
            "tags": _tags(),
            "draft": {"type": "boolean", "description": "Drafts are built only with --drafts."},
            "language": {
                "type": "string",
                "pattern": LANGUAGE_PATTERN,
                "description": "BCP 47 tag of the article's language when it is not the guide's, "
                "e.g. ar or pt-BR.",
            },
            "direction": _enum(
                DIRECTIONS,
                "Text direction; by default right to left for Arabic, Hebrew, Persian, Urdu and "
                "other right-to-left languages, else left to right.",
            ),
            "series": {
                "type": "object",
                "description": "Articles sharing a series name get previous/next links.",
                "properties": {
                    "name": _text("The series name."),
                    "order": {"type": "integer", "minimum": 1, "description": "Position."},
                },
                "required": ["name", "order"],
                "additionalProperties": False,
            },
        },
        ["title", "summary", "date"],
        "Article front matter",
    )


def muscles_schema() -> Schema:
    """``content/muscles.yaml``: the closed muscle taxonomy."""
    muscle = {
        "type": "object",
        "properties": {
            "id": _slug("The muscle's id, used in cards and URLs."),
            "name": _text("The name readers see."),
            "region": _enum(REGIONS, "The body region."),
            "description": _text("What the muscle does for a runner."),
        },
        "required": ["id", "name", "region", "description"],
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Muscle taxonomy",
        "type": "array",
        "items": muscle,
        "minItems": 1,
    }


def site_schema() -> Schema:
    """``content/site.yaml``: the guide's settings."""
    return _object(
        {
            "title": _text("The guide's name."),
            "description": _text("One sentence for search engines and feeds."),
            "base_url": _text("Where the guide is published, e.g. https://example.org/guide/"),
            "language": _text("BCP 47 language tag of the guide, e.g. en."),
            "author": _text("Who publishes the guide."),
            "lints": {
                "type": "object",
                "description": "Per-rule levels: error, warning or off.",
                # YAML 1.1 reads an unquoted off as false: accept it as "off"
                "additionalProperties": {
                    "enum": [*LINT_LEVELS, False],
                    "description": "The rule's level.",
                },
            },
            "markdown": {
                "type": "object",
                "description": "Markdown options.",
                "properties": {
                    "allow_html": {
                        "type": "object",
                        "description": "Raw HTML tags allowed in Markdown, with their attributes.",
                        "additionalProperties": _list(_text("attribute"), "Allowed attributes."),
                    }
                },
                "additionalProperties": False,
            },
            "limits": {
                "type": "object",
                "description": "Size limits for content files.",
                "properties": {
                    "max_file_bytes": {
                        "type": "integer",
                        "minimum": 1000,
                        "description": f"Largest content file read, in bytes (default {DEFAULT_MAX_FILE_BYTES}).",
                    },
                    "max_front_matter_bytes": {
                        "type": "integer",
                        "minimum": 100,
                        "description": "Largest front matter read, in bytes "
                        f"(default {DEFAULT_MAX_FRONT_MATTER_BYTES}).",
                    },
                },
                "additionalProperties": False,
            },
        },
        ["title", "description", "base_url", "language", "author"],
        "Site settings",
    )


def text_direction(language: str) -> str:
    """``rtl`` for a language tag written right to left (``ar``, ``fa-IR``, ``ku-Arab``)."""
    parts = language.lower().split("-")
    if any(part in RTL_SCRIPTS for part in parts[1:]):
        return "rtl"
    latin_kurdish = parts[0] == "ku" and "arab" not in parts[1:]
    return "rtl" if parts[0] in RTL_LANGUAGES and not latin_kurdish else "ltr"


def settings_reference() -> str:
    """The ``site.yaml`` settings as a Markdown table, made from :func:`site_schema` so the
    author's reference in docs/writing.md cannot drift from what the build accepts."""
    rows = ["| setting | required | value |", "|---|---|---|"]

    def walk(schema: Schema, prefix: str, required: Sequence[str]) -> None:
        for name, spec in schema.get("properties", {}).items():
            key = f"{prefix}{name}"
            rows.append(f"| `{key}` | {'yes' if name in required else 'no'} | {_described(spec)} |")
            walk(spec, f"{key}.", spec.get("required", ()))
            extra = spec.get("additionalProperties")
            if isinstance(extra, dict):
                rows.append(f"| `{key}.<name>` | no | {_described(extra)} |")

    walk(site_schema(), "", site_schema()["required"])
    return "\n".join(rows) + "\n"


SETTINGS_START = "<!-- settings reference: made by `make schemas` from the schema; do not edit -->"
SETTINGS_END = "<!-- end of the settings reference -->"


def with_settings_reference(markdown: str) -> str:
    """``markdown`` (docs/writing.md) with the text between the markers made anew."""
    head, start, rest = markdown.partition(SETTINGS_START)
    _old, end, tail = rest.partition(SETTINGS_END)
    if not start or not end:
        return markdown
    return f"{head}{start}\n{settings_reference()}{end}{tail}"


def _described(spec: Schema) -> str:
    """A setting's description and the values it takes, for the settings reference."""
    text = str(spec.get("description", ""))
    if "enum" in spec:
        text += " One of: " + ", ".join(f"`{v}`" for v in spec["enum"] if v is not False) + "."
    if "minimum" in spec:
        text += f" A whole number, at least {spec['minimum']}."
    if spec.get("type") == "array":
        text += " A list."
    return text.replace("|", "\\|").strip()


def _field(error: ValidationError, whole: str = "front matter") -> str:
    path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
    return path.lstrip(".") or whole


def _message(error: ValidationError, whole: str = "front matter") -> tuple[str, str]:
    """An author-facing message and hint for one schema violation (``whole``: what the
    document is called when the problem is at its top, "front matter" or "site.yaml")."""
    where, value = _field(error, whole), error.instance
    schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    kind = error.validator
    if kind == "required":
        missing = str(error.message).split("'")[1]
        return f"missing required field '{missing}'", f"add '{missing}:' to the front matter"
    if kind == "not" and isinstance(error.validator_value, dict):  # a field only some records have
        fields = ", ".join(f"'{f}'" for f in error.validator_value.get("required", []))
        return f"{fields} is only for plyometric cards", f"remove {fields} from the front matter"
    if kind == "additionalProperties":
        known = list(schema.get("properties", {}))
        extra = sorted(set(value) - set(known)) if isinstance(value, dict) else []
        name = extra[0] if extra else "?"
        hint = did_you_mean(str(name), known) or f"allowed fields: {', '.join(known)}"
        return f"unknown field '{name}' in {where}", hint
    if kind == "enum":
        choices = [str(c) for c in schema.get("enum", [])]
        hint = did_you_mean(str(value), choices)
        if not hint and len(choices) <= 30:
            hint = f"choose one of: {', '.join(choices)}"
        return f"{where}: unknown value '{value}'", hint
    if kind == "type":
        expected = {"array": "a list", "object": "a mapping", "string": "text"}.get(
            str(error.validator_value), str(error.validator_value)
        )
        example = "e.g. [a, b]" if expected == "a list" else ""
        return f"{where} must be {expected}, not {type(value).__name__}", example
    if kind == "pattern":
        if schema.get("pattern") == DOSE_PATTERN:
            return (
                f"{where}: '{value}' is not a dose",
                "write SETS x REPS, e.g. '3 x 8-10', '2 x 30 s'",
            )
        if schema.get("pattern") == DATE_PATTERN:
            return f"{where}: '{value}' is not a date", "write YYYY-MM-DD"
        if schema.get("pattern") == LANGUAGE_PATTERN:
            return f"{where}: '{value}' is not a language tag", "write e.g. en, ar, pt-BR"
        return (
            f"{where}: '{value}' is not a valid slug",
            "use lowercase letters, digits and hyphens",
        )
    if kind == "format" and re.match(DATE_PATTERN, str(value)):
        return f"{where}: '{value}' is not a real date", "check the month and day"
    if kind == "format":
        return f"{where}: '{value}' is not a date", "write YYYY-MM-DD"
    if kind == "minItems":
        return f"{where} needs at least {error.validator_value} item(s)", ""
    if kind == "minLength":
        return f"{where} must not be empty", ""
    if kind == "uniqueItems":
        return f"{where} lists the same item twice", "remove the repeat"
    if kind == "minProperties":
        return f"{where} needs at least one entry", ""
    return f"{where}: {error.message}", ""


def _specific(error: ValidationError) -> ValidationError:
    """For a value matching none of oneOf's shapes, the deepest problem in the shape of its
    type (``props: [benchh]`` is an unknown prop, not "not valid under any schema")."""
    if error.validator not in ("oneOf", "anyOf") or not error.context:
        return error
    same_type = [e for e in error.context if e.validator != "type" or e.relative_path]
    return max(same_type or error.context, key=lambda e: len(e.absolute_path))


def validator(schema: Schema) -> Draft202012Validator:
    """A reusable validator: building one costs more than validating a file with it."""
    return Draft202012Validator(schema, format_checker=FormatChecker())


@cache
def article_validator() -> Draft202012Validator:
    """The validator of article front matter, built once per process (the loader's and the
    preview's fast path's)."""
    return validator(article_schema())


@cache
def exercise_validator(muscle_ids: tuple[str, ...]) -> Draft202012Validator:
    """The validator of card front matter for one taxonomy, built once per taxonomy."""
    return validator(exercise_schema(muscle_ids))


def validate(
    data: Located, schema: Schema | Draft202012Validator, diagnostics: Diagnostics
) -> bool:
    """Check ``data`` against ``schema``; every violation becomes a located error."""
    checker = schema if isinstance(schema, Draft202012Validator) else validator(schema)
    ok = True
    for found in sorted(checker.iter_errors(data.data), key=lambda e: list(map(str, e.path))):
        ok = False
        error = _specific(found)
        key = tuple(error.absolute_path)
        where = data.location(key)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            known = set(
                error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
            )
            where = data.key_location((*key, *sorted(set(error.instance) - known)[:1]))
        whole = "front matter" if data.path.endswith(".md") else data.path.rsplit("/", 1)[-1]
        message, hint = _message(error, whole)
        diagnostics.error(where, message, hint=hint)
    return ok


def editor_schemas(muscle_ids: Sequence[str]) -> dict[str, Schema]:
    """The schemas as files for editors (``guide schemas`` writes them to ``schemas/``)."""
    return {
        "exercise.schema.json": exercise_schema(muscle_ids),
        "article.schema.json": article_schema(),
        "muscles.schema.json": muscles_schema(),
        "site.schema.json": site_schema(),
    }
