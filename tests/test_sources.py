"""Reading files and splitting front matter: encodings, line endings, malformed fences."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.sources import Document, Limits, read_text, split_document
from generator.core.diagnostics import Diagnostics


def _read(tmp_path: Path, data: bytes) -> tuple[str | None, Diagnostics]:
    file = tmp_path / "a.md"
    file.write_bytes(data)
    diagnostics = Diagnostics()
    return read_text(file, "content/a.md", diagnostics, Limits(), tmp_path), diagnostics


def _split(text: str) -> tuple[Document | None, list[str]]:
    diagnostics = Diagnostics()
    doc = split_document(text, "content/a.md", diagnostics, Limits())
    return doc, [d.format() for d in diagnostics.items]


def test_bom_and_crlf_are_normalised(tmp_path: Path) -> None:
    text, diagnostics = _read(tmp_path, b"\xef\xbb\xbf---\r\ntitle: A\r\n---\r\nBody\r\n")
    assert text == "---\ntitle: A\n---\nBody\n"
    assert not diagnostics.items


def test_invalid_utf8_is_located(tmp_path: Path) -> None:
    text, diagnostics = _read(tmp_path, b"---\ntitle: ok\n---\nline four \xff here\n")
    assert text is None
    assert (
        diagnostics.items[0]
        .format()
        .startswith("content/a.md:4:11: error: invalid UTF-8 (byte 0xff)")
    )


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    file = tmp_path / "big.md"
    file.write_bytes(b"x" * 2000)
    diagnostics = Diagnostics()
    assert (
        read_text(file, "content/big.md", diagnostics, Limits(max_file_bytes=1000), tmp_path)
        is None
    )
    assert "over the limit of 1000" in diagnostics.items[0].message


def test_symlink_out_of_content_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("password")
    inside = tmp_path / "content"
    inside.mkdir()
    (inside / "a.md").symlink_to(secret)
    diagnostics = Diagnostics()
    assert read_text(inside / "a.md", "content/a.md", diagnostics, Limits(), inside) is None
    assert "outside content/" in diagnostics.items[0].message


def test_split_reports_body_line() -> None:
    doc, errors = _split("---\ntitle: A\nsummary: B\n---\nfirst body line\n")
    assert not errors
    assert doc is not None
    assert doc.body_line == 5
    assert doc.body == "first body line\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "content/a.md:1:1: error: file is empty"),
        ("title: A\n", "content/a.md:1:1: error: missing front matter"),
        (
            "---\ntitle: A\nbody\n",
            "content/a.md:1:1: error: front matter opened with '---' on line 1 is never closed",
        ),
        (
            "---\n- a\n- b\n---\n",
            "content/a.md:2:1: error: front matter must be a mapping of fields",
        ),
        ("---\ntitle: A\n\tsummary: B\n---\n", "content/a.md:3:1: error: invalid YAML"),
    ],
)
def test_malformed_front_matter(text: str, expected: str) -> None:
    doc, errors = _split(text)
    assert doc is None
    assert len(errors) == 1
    assert errors[0].startswith(expected)
