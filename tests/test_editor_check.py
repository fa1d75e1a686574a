"""``guide check --stdin PATH --format json``: one unsaved buffer, checked as the build would.

The editor extension (tools/vscode-guide) underlines exactly what this prints,
so these tests pin the contract: exact ``line``/``column``, only that file's
problems, exit codes, and nothing written anywhere in the project.
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.preview import editor_check
from tests.conftest import REPO, CliResult, snapshot

Guide = Callable[..., CliResult]
CARD = "content/exercises/goblet-squat.md"
ARTICLE = "content/articles/legs-first.md"


@pytest.fixture
def check(
    guide: Guide, monkeypatch: pytest.MonkeyPatch, project: Path
) -> Callable[..., tuple[int, list[dict[str, Any]]]]:
    """Run ``guide check --stdin REL --format json`` on ``project`` with ``text`` as the buffer."""

    def run(rel: str, text: str | bytes, *flags: str) -> tuple[int, list[dict[str, Any]]]:
        data = text.encode() if isinstance(text, str) else text
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
        result = guide("check", "--root", project, "--stdin", rel, "--format", "json", *flags)
        assert "Traceback" not in result.err
        found: list[dict[str, Any]] = json.loads(result.out)
        return result.code, found

    return run


def _disk(project: Path, rel: str) -> str:
    return (project / rel).read_text()


def test_unknown_muscle_at_its_line_and_column(check: Any, project: Path) -> None:
    before = snapshot(project)
    buffer = _disk(project, CARD).replace("secondary: [adductors]", "secondary: [adductor]")
    code, found = check(CARD, buffer)
    assert code == 1
    assert found == [
        {
            "path": CARD,
            "line": 8,
            "column": 15,
            "end_column": 23,
            "severity": "error",
            "message": "muscles.secondary[0]: unknown value 'adductor'",
            "hint": "did you mean 'adductors'?",
            "rule": None,
        }
    ]
    assert snapshot(project) == before, "the file on disk and the project are untouched"
    assert not (project / "site").exists()


def test_clean_buffer_gives_an_empty_list(check: Any, project: Path) -> None:
    code, found = check(CARD, _disk(project, CARD))
    assert (code, found) == (0, [])


def test_broken_cross_reference_in_the_body(check: Any, project: Path) -> None:
    buffer = _disk(project, ARTICLE).replace(
        "[[exercise:goblet-squat|goblet squat]]", "[[exercise:goblet-sqat]]"
    )
    code, found = check(ARTICLE, buffer)
    assert code == 1
    assert [(d["line"], d["column"], d["message"], d["hint"]) for d in found] == [
        (8, 45, "broken cross-reference [[exercise:goblet-sqat]]", "did you mean 'goblet-squat'?")
    ]


def test_the_buffer_replaces_the_file_on_disk(check: Any, project: Path) -> None:
    good = _disk(project, CARD)
    (project / CARD).write_text(good.replace("level: beginner", "level: expert"))
    assert check(CARD, good) == (0, [])
    code, found = check(CARD, good.replace("level: beginner", "level: novice"))
    assert code == 1
    assert [(d["line"], d["column"], d["message"]) for d in found] == [
        (10, 8, "level: unknown value 'novice'")
    ]
    assert "level: expert" in _disk(project, CARD)


def test_errors_in_other_files_are_not_reported(
    check: Any, project: Path, guide: Guide, monkeypatch: pytest.MonkeyPatch
) -> None:
    split = "content/exercises/split-squat.md"
    (project / split).write_text(_disk(project, split).replace("level: beginner", "level: expert"))
    assert check(CARD, _disk(project, CARD)) == (0, [])
    whole = guide("check", "--root", project, "--format", "json")
    assert whole.code == 1
    everything = json.loads(whole.out)
    errors = [(d["path"], d["line"], d["column"]) for d in everything if d["severity"] == "error"]
    assert errors == [(split, 10, 8)]
    assert CARD not in {d["path"] for d in everything}


def test_cross_references_resolve_against_the_project_on_disk(check: Any, project: Path) -> None:
    """The buffer links to the rest of the content as it is saved, drafts only with --drafts."""
    added = "See [[article:a-draft]] and [[exercise:split-squat]]."
    buffer = _disk(project, ARTICLE) + f"\n{added}\n"
    code, found = check(ARTICLE, buffer)
    assert code == 1
    assert [(d["line"], d["column"]) for d in found] == [(buffer.split("\n").index(added) + 1, 5)]
    assert "a-draft" in found[0]["message"]
    assert check(ARTICLE, buffer, "--drafts") == (0, [])


def test_a_new_file_not_yet_on_disk_gets_its_warnings(check: Any, project: Path) -> None:
    rel = "content/exercises/wall-sit.md"
    split = _disk(project, "content/exercises/split-squat.md")
    buffer = split.replace("title: Split squat", "title: Wall sit").replace(
        "regressions: [goblet-squat]\n", ""
    )
    code, found = check(rel, buffer)
    assert code == 0
    assert found == [
        {
            "path": rel,
            "line": 1,
            "column": 1,
            "end_column": 4,
            "severity": "warning",
            "message": "no article or plan uses this card",
            "hint": "reference it from an article with [[exercise:wall-sit]]",
            "rule": "orphan-exercise",
        }
    ]
    strict_code, strict_found = check(rel, buffer, "--strict")
    assert (strict_code, strict_found) == (1, [{**found[0], "severity": "error"}])
    assert not (project / rel).exists()


def test_crlf_bom_and_bad_bytes_are_read_as_the_build_reads_them(check: Any, project: Path) -> None:
    text = _disk(project, CARD).replace("secondary: [adductors]", "secondary: [adductor]")
    code, found = check(CARD, "\ufeff" + text.replace("\n", "\r\n"))
    assert code == 1
    assert [(d["line"], d["column"]) for d in found] == [(8, 15)]
    code, found = check(CARD, text.encode().replace(b"Goblet", b"Gobl\xffet", 1))
    assert code == 1
    assert [(d["line"], d["column"], d["message"]) for d in found] == [
        (2, 12, "invalid UTF-8 (byte 0xff)")
    ]


def test_nothing_is_left_in_the_temporary_folder(
    check: Any, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    check(CARD, "---\nnot: closed\n")
    assert list(scratch.iterdir()) == []


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("templates/base.html", "is not a file inside"),
        ("content/../README.md", "is not a file inside"),
        ("content/exercises", "is a folder, not a file"),
    ],
)
def test_paths_outside_content_are_usage_errors(
    guide: Guide, project: Path, monkeypatch: pytest.MonkeyPatch, path: str, message: str
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"---\n---\n")))
    result = guide("check", "--root", project, "--stdin", path, "--format", "json")
    assert result.code == 2
    assert message in result.err
    assert result.out == ""


def test_a_folder_linked_from_outside_is_never_written_into(
    guide: Guide, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "outside"
    (project / "content/exercises").rename(outside)
    (project / "content/exercises").symlink_to(outside, target_is_directory=True)
    before = snapshot(outside)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"---\ntitle: x\n---\n")))
    result = guide("check", "--root", project, "--stdin", CARD, "--format", "json")
    assert result.code == 2
    assert "links out of content/" in result.err
    assert snapshot(outside) == before


def test_absolute_path_inside_the_project(check: Any, project: Path) -> None:
    code, found = check(str(project / CARD), "---\ntitle: x\n---\n")
    assert code == 1
    assert {d["path"] for d in found} == {CARD}


def test_text_format_and_a_real_process(project: Path) -> None:
    """End to end: a separate process, the buffer on its standard input."""
    buffer = _disk(project, CARD).replace("level: beginner", "level: expert")
    command = [sys.executable, "-m", "generator", "check", "--root", str(project), "--stdin", CARD]
    text = subprocess.run(
        command, input=buffer, capture_output=True, text=True, cwd=REPO, check=False
    )
    assert text.returncode == 1
    assert f"{CARD}:10:8: error: level: unknown value 'expert'" in text.stderr
    assert "1 error(s), 0 warning(s)" in text.stderr
    as_json = subprocess.run(
        [*command, "--format", "json"], input=buffer, capture_output=True, text=True, check=False
    )
    assert as_json.returncode == 1
    assert [d["line"] for d in json.loads(as_json.stdout)] == [10]
    assert as_json.stderr == ""


@pytest.mark.skipif(not hasattr(signal, "SIGTERM"), reason="needs POSIX signals")
def test_sigterm_becomes_a_clean_exit_and_the_handler_is_restored() -> None:
    """A check the editor cancels must still run its ``finally`` (removing its copy)."""

    def sentinel(signum: int, frame: object) -> None:
        raise AssertionError("the check's own handler should have run")

    original = signal.signal(signal.SIGTERM, sentinel)
    cleaned = False
    try:
        with pytest.raises(SystemExit) as stopped, editor_check.terminable():
            try:
                os.kill(os.getpid(), signal.SIGTERM)  # the handler runs before the next line
            finally:
                cleaned = True
        assert stopped.value.code == 128 + signal.SIGTERM
        assert cleaned
        assert signal.getsignal(signal.SIGTERM) is sentinel
    finally:
        signal.signal(signal.SIGTERM, original)
