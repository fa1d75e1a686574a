"""The ``guide`` command: build, check (and later serve, new).

Exit codes: 0 success, 1 content errors, 2 usage errors. Content problems are
printed as ``path:line:col: severity: message`` and never as a traceback.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from generator.build import BuildOptions, build, build_date
from generator.content.loader import ContentLoader, LoadOptions
from generator.content.schema import editor_schemas, with_settings_reference
from generator.core.diagnostics import BuildFailed, Diagnostics, Severity
from generator.core.parallel import default_jobs
from generator.core.urls import InvalidBaseUrl
from generator.plans import distances_schema, equipment_schema
from generator.plans.guidance import loads_schema, sessions_schema, warmup_schema
from generator.preview import editor_check
from generator.preview.scaffold import KINDS, ScaffoldRefused, new_content, similar_cards
from generator.publish.search import SearchIndexFailed
from generator.publish.staged import UnsafeOutput

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def _report(diagnostics: Diagnostics) -> None:
    for diagnostic in diagnostics.sorted():
        print(diagnostic.format(), file=sys.stderr)
    errors = diagnostics.count(Severity.ERROR)
    warnings = diagnostics.count(Severity.WARNING)
    if errors or warnings:
        print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)


def _version() -> str:
    """The installed package's version (the source tree's when it is not installed)."""
    try:
        return importlib.metadata.version("runners-strength-guide")
    except importlib.metadata.PackageNotFoundError:
        return "(not installed)"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="guide", description="Build the runners' strength guide.")
    parser.add_argument("--version", action="version", version=f"guide {_version()}")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, text in (
        ("build", "build the guide into the output folder"),
        ("check", "validate the content without writing anything"),
    ):
        command = commands.add_parser(name, help=text, description=text)
        command.add_argument("--root", type=Path, default=Path.cwd(), help="project folder")
        command.add_argument(
            "--drafts", action="store_true", help="include drafts and future articles"
        )
        command.add_argument("--strict", action="store_true", help="treat warnings as errors")
        if name == "check":  # the editor's loop: see generator/editor_check.py
            command.add_argument(
                "--stdin",
                metavar="PATH",
                help="check standard input as if it were the file at PATH; report that file only",
            )
            command.add_argument(
                "--format",
                choices=editor_check.FORMATS,
                default="text",
                help="json: a list of {path, line, column, severity, message, hint, rule}",
            )
        if name == "build":
            command.add_argument("--out", type=Path, help="output folder (default: ROOT/site)")
            command.add_argument("--base-url", help="override base_url from site.yaml")
            command.add_argument(
                "--jobs", type=int, default=default_jobs(), help="processes (default: all cores)"
            )
            command.add_argument(
                "--no-cache", action="store_true", help="ignore and keep no cache in .cache/build/"
            )
            command.add_argument(
                "--no-search", action="store_true", help="skip the search index (Pagefind)"
            )
    new = commands.add_parser("new", help="start a new exercise card or article")
    new.add_argument("kind", choices=sorted(KINDS))
    new.add_argument("title", help='e.g. "Nordic Hamstring Curl"')
    new.add_argument("--root", type=Path, default=Path.cwd(), help="project folder")
    serve_command = commands.add_parser("serve", help="live preview that rebuilds on every save")
    serve_command.add_argument("--root", type=Path, default=Path.cwd(), help="project folder")
    serve_command.add_argument("--host", default="127.0.0.1", help="address (default: loopback)")
    serve_command.add_argument("--port", type=int, default=8000)
    serve_command.add_argument("--no-drafts", action="store_true", help="hide drafts")
    schemas = commands.add_parser("schemas", help="write JSON Schemas for editors into schemas/")
    schemas.add_argument("--root", type=Path, default=Path.cwd(), help="project folder")
    return parser


def _new(root: Path, kind: str, title: str) -> int:
    try:
        path = new_content(root, kind, title, build_date())
    except ScaffoldRefused as exc:
        print(f"guide: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"created {path.relative_to(root)} (a draft until you remove 'draft: true')")
    similar = similar_cards(root, title)
    if similar:
        print("note: existing cards with a similar title: " + ", ".join(similar))
    return EXIT_OK


def _schemas(root: Path) -> int:
    diagnostics = Diagnostics()
    content = ContentLoader(root, diagnostics, LoadOptions()).load()
    muscle_ids = [m.slug for m in content.muscles] if content else []
    folder = root / "schemas"
    folder.mkdir(exist_ok=True)
    schemas = {
        **editor_schemas(muscle_ids),
        "distances.schema.json": distances_schema(),
        "equipment.schema.json": equipment_schema(),
        "sessions.schema.json": sessions_schema(),
        "warmup.schema.json": warmup_schema(),
        "loads.schema.json": loads_schema(),
    }
    for name, schema in schemas.items():
        (folder / name).write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {len(schemas)} schemas into {folder}")
    guide = root / "docs" / "writing.md"
    if guide.is_file():
        guide.write_text(with_settings_reference(guide.read_text(encoding="utf-8")))
        print(f"refreshed the settings reference in {guide}")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root: Path = args.root.resolve()
    if not (root / "content").is_dir():
        print(f"guide: no content/ folder in {root}", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "new":
        return _new(root, args.kind, args.title)
    if args.command == "schemas":
        return _schemas(root)
    if args.command == "serve":
        from generator.preview.serve import serve  # imports tornado only when serving

        return serve(root, args.host, args.port, drafts=not args.no_drafts)
    if args.command == "check" and (args.stdin is not None or args.format == "json"):
        return editor_check.run(root, args.stdin, args.format, args.drafts, args.strict)
    options = BuildOptions(
        root=root,
        out=(getattr(args, "out", None) or root / "site"),
        base_url=getattr(args, "base_url", None),
        drafts=args.drafts,
        strict=args.strict,
        write=args.command == "build",
        persist=args.command == "build" and not args.no_cache,
        search=not getattr(args, "no_search", False),
        jobs=max(1, getattr(args, "jobs", 1)),
    )
    started = time.perf_counter()
    try:
        result = build(options)
    except BuildFailed as failed:
        _report(failed.diagnostics)
        print(
            "build failed; nothing was written" if options.write else "check failed",
            file=sys.stderr,
        )
        return EXIT_CONTENT
    except SearchIndexFailed as exc:
        print(f"guide: {exc}; the previous site is unchanged", file=sys.stderr)
        return EXIT_CONTENT
    except (UnsafeOutput, InvalidBaseUrl) as exc:
        print(f"guide: {exc}", file=sys.stderr)
        return EXIT_USAGE
    _report(result.diagnostics)
    elapsed = time.perf_counter() - started
    if result.cache_note:
        print(f"guide: {result.cache_note}", file=sys.stderr)
    if options.write:
        drawn = f"{result.rendered} pages drawn, {result.reused} unchanged"
        print(f"built {result.file_count} files into {options.out} in {elapsed:.2f} s ({drawn})")
    else:
        print(f"checked in {elapsed:.2f} s: no errors")
    return EXIT_OK


def run() -> None:
    """The ``guide`` command: run, then leave without tearing the build's memory down.

    A big build leaves hundreds of thousands of objects behind; freeing them one
    by one at exit adds a visible pause after the work is done and written. Like
    mypy, the command flushes its output and ends the process directly instead.
    """
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
