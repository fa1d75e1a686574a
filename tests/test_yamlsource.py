"""Located YAML: positions, duplicate keys, forbidden tags, alias bombs."""

from __future__ import annotations

import pytest
import yaml

from generator.content import yamlsource
from generator.content.yamlsource import load_located
from generator.core.diagnostics import Diagnostics


@pytest.fixture(autouse=True, params=["libyaml", "python"])
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test runs with libyaml (used when installed) and the pure-Python fallback."""
    if request.param == "python":
        monkeypatch.setattr(yamlsource, "_Loader", yaml.SafeLoader)
    else:
        monkeypatch.setattr(yamlsource, "_Loader", yaml.CSafeLoader)
    return str(request.param)


def _load(text: str, **kwargs: int) -> tuple[object, list[str]]:
    diagnostics = Diagnostics()
    located = load_located(text, "f.yaml", diagnostics, **kwargs)
    return located, [d.format() for d in diagnostics.items]


def test_positions_of_nested_values() -> None:
    located, errors = _load(
        "title: A\nmuscles:\n  primary: [a, b]\n  secondary:\n    - c\n", line_offset=1
    )
    assert not errors
    assert located is not None
    assert str(located.location(("muscles", "primary", 1))) == "f.yaml:4:16"  # type: ignore[attr-defined]
    assert str(located.location(("muscles", "secondary", 0))) == "f.yaml:6:7"  # type: ignore[attr-defined]
    assert str(located.location(("missing", "deeper"))) == "f.yaml:2:1"  # type: ignore[attr-defined]


def test_dates_stay_text() -> None:
    located, _ = _load("date: 2026-02-30\n")
    assert located.data == {"date": "2026-02-30"}  # type: ignore[attr-defined]


def test_duplicate_key_is_an_error() -> None:
    _, errors = _load("title: A\ntitle: B\n")
    assert errors == [
        "f.yaml:2:1: error: duplicate key 'title'\n    hint: each field may appear once; remove or merge the repeats"
    ]


def test_python_tags_are_refused() -> None:
    _, errors = _load("title: !!python/object/apply:os.system ['echo hi']\n")
    assert len(errors) == 1
    assert errors[0].startswith(
        "f.yaml:1:8: error: YAML tag '!!python/object/apply:os.system' is not allowed"
    )


def test_billion_laughs_is_bounded() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 9):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        bomb += f"{cur}: &{cur} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
    located, errors = _load(bomb, max_nodes=10_000)
    assert located is None
    assert "expands to more than 10000 values" in errors[0]


def test_syntax_error_is_located_with_hint() -> None:
    _, errors = _load("title: Squat: the basics\n", line_offset=1)
    assert errors[0].startswith(
        "f.yaml:2:13: error: invalid YAML: mapping values are not allowed here"
    )
    assert "must be quoted" in errors[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\n\tb: 2\n", "f.yaml:2:1: error: invalid YAML: found"),  # the hint names tabs
        (
            "title: Squat: basics\n",
            "f.yaml:1:13: error: invalid YAML: mapping values are not allowed here",
        ),
        (
            "a: b\nc: \u00e9\u00e9\x07\n",
            "f.yaml:2:6: error: invalid YAML: character U+0007 is not allowed",
        ),
        (
            'a: "\\ud83d"\n',
            "f.yaml:1:4: error: text contains an escape that is not a character (like the surrogate \\ud83d)",
        ),
    ],
    ids=["tab", "colon", "control-after-accents", "surrogate"],
)
def test_syntax_errors_read_the_same_with_either_loader(text: str, expected: str) -> None:
    _, errors = _load(text)
    assert len(errors) == 1
    assert errors[0].startswith(expected), errors[0]
    if "\t" in text:
        assert errors[0].endswith("hint: YAML indentation must use spaces, not tabs")
