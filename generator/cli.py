"""The ``guide`` command: build, check (and later serve, new).

Exit codes: 0 success, 1 content errors, 2 usage errors. Content problems are
printed as ``path:line:col: severity: message`` and never as a traceback.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from generator.build import BuildOptions, build
from generator.diagnostics import BuildFailed, Diagnostics, Severity
from generator.output import UnsafeOutput
from generator.search import SearchIndexFailed
from generator.urls import InvalidBaseUrl

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def _report(diagnostics: Diagnostics) -> None:
    for diagnostic in diagnostics.sorted():
        print(diagnostic.format(), file=sys.stderr)
    errors = diagnostics.count(Severity.ERROR)
    warnings = diagnostics.count(Severity.WARNING)
    if errors or warnings:
        print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="guide", description="Build the runners' strength guide.")
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
        if name == "build":
            command.add_argument("--out", type=Path, help="output folder (default: ROOT/site)")
            command.add_argument("--base-url", help="override base_url from site.yaml")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root: Path = args.root.resolve()
    if not (root / "content").is_dir():
        print(f"guide: no content/ folder in {root}", file=sys.stderr)
        return EXIT_USAGE
    options = BuildOptions(
        root=root,
        out=(getattr(args, "out", None) or root / "site"),
        base_url=getattr(args, "base_url", None),
        drafts=args.drafts,
        strict=args.strict,
        write=args.command == "build",
    )
    started = time.perf_counter()
    try:
        result = build(options)
    except BuildFailed as failed:
        _report(failed.diagnostics)
        print("build failed; nothing was written", file=sys.stderr)
        return EXIT_CONTENT
    except SearchIndexFailed as exc:
        print(f"guide: {exc}; the previous site is unchanged", file=sys.stderr)
        return EXIT_CONTENT
    except (UnsafeOutput, InvalidBaseUrl) as exc:
        print(f"guide: {exc}", file=sys.stderr)
        return EXIT_USAGE
    _report(result.diagnostics)
    elapsed = time.perf_counter() - started
    if options.write:
        files = len(result.files) + len(result.copies)
        print(f"built {files} files into {options.out} in {elapsed:.2f} s")
    else:
        print(f"checked in {elapsed:.2f} s: no errors")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
