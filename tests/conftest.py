"""Shared fixtures: throwaway projects built from the mini fixture and the real templates."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.cli import main

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[[str], Path]:
    """Copy a fixture's content/ and the real templates into a fresh project folder."""

    def make(fixture: str = "mini") -> Path:
        root = tmp_path / fixture
        shutil.copytree(FIXTURES / fixture / "content", root / "content")
        shutil.copytree(REPO / "templates", root / "templates")
        return root

    return make


@pytest.fixture
def project(make_project: Callable[[str], Path]) -> Path:
    return make_project("mini")


@pytest.fixture
def guide(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run the ``guide`` command in-process and capture what it prints."""

    def run(*args: str | Path) -> CliResult:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` as relative path -> bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
