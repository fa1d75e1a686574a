"""The ``guide`` command end to end on a small project: errors, exit codes, untouched output."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO, CliResult, snapshot

Guide = Callable[..., CliResult]


def _break(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text()
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1))


@pytest.fixture
def built(project: Path, guide: Guide) -> Path:
    """The project with a good build in site/, to check failed builds leave it alone."""
    assert guide("build", "--root", project).code == 0
    return project / "site"


def test_build_writes_the_site(project: Path, guide: Guide) -> None:
    result = guide("build", "--root", project)
    assert result.code == 0, result.err
    assert re.search(r"built \d+ files into .*site in", result.out)
    site = project / "site"
    for page in ["index.html", "articles/legs-first/index.html", "exercises/goblet-squat/index.html",
                 "muscles/glute-med/index.html", "regions/thigh/index.html", "tags/knee/index.html",
                 "404.html", "sitemap.xml", "feed.xml", "robots.txt", "static/hello.txt"]:  # fmt: skip
        assert (site / page).is_file(), page
    assert not (site / "articles/a-draft").exists()
    assert not (site / "articles/future-post").exists()


@pytest.mark.parametrize(
    ("rel", "old", "new", "expected"),
    [
        (
            "content/articles/legs-first.md",
            "[[exercise:goblet-squat|goblet squat]]",
            "[[exercise:goblet-sqat]]",
            "content/articles/legs-first.md:8:45: error: broken cross-reference [[exercise:goblet-sqat]]\n"
            "    hint: did you mean 'goblet-squat'?",
        ),
        (
            "content/exercises/goblet-squat.md",
            "secondary: [adductors]",
            "secondary: [adductor]",
            "content/exercises/goblet-squat.md:8:15: error: muscles.secondary[0]: unknown value 'adductor'\n"
            "    hint: did you mean 'adductors'?",
        ),
        (
            "content/exercises/split-squat.md",
            "level: beginner",
            "level: [beginner",
            "content/exercises/split-squat.md:10:8: error: invalid YAML",
        ),
        (
            "content/articles/single-legs.md",
            "title: One leg at a time",
            "title: Goblet squat",
            "content/articles/single-legs.md:2:8: error: title 'Goblet squat' is also used by",
        ),
    ],
    ids=["broken-reference", "unknown-muscle", "malformed-yaml", "duplicate-title-warning"],
)
def test_content_errors_are_located(
    project: Path, built: Path, guide: Guide, rel: str, old: str, new: str, expected: str
) -> None:
    before = snapshot(built)
    _break(project, rel, old, new)
    result = guide("build", "--root", project, "--strict")
    assert result.code == 1
    assert expected in result.err
    assert "Traceback" not in result.err
    assert "build failed; nothing was written" in result.err
    assert snapshot(built) == before


def test_duplicate_slug_across_kinds(project: Path, built: Path, guide: Guide) -> None:
    before = snapshot(built)
    (project / "content/articles/goblet-squat.md").write_text(
        "---\ntitle: Squats\nsummary: About squats.\ndate: 2026-01-01\n---\n[[exercise:split-squat]]\n"
    )
    result = guide("build", "--root", project)
    assert result.code == 1
    assert (
        "content/articles/goblet-squat.md:1:1: error: duplicate slug 'goblet-squat': article clashes "
        "with exercise from content/exercises/goblet-squat.md"
    ) in result.err
    assert snapshot(built) == before


def test_every_error_is_reported_not_just_the_first(project: Path, guide: Guide) -> None:
    _break(
        project,
        "content/articles/legs-first.md",
        "[[exercise:goblet-squat|goblet squat]]",
        "[[nope]]",
    )
    _break(project, "content/articles/single-legs.md", "[[split-squat]]", "[[muscle:split-squat]]")
    _break(project, "content/exercises/goblet-squat.md", "level: beginner", "level: expert")
    (project / "content/exercises/Bad Name.md").write_text("---\ntitle: x\n---\n")
    result = guide("check", "--root", project)
    assert result.code == 1
    lines = [line for line in result.err.splitlines() if ": error: " in line]
    assert [line.split(": error: ")[0] for line in lines] == [
        "content/articles/legs-first.md:8:45",
        "content/articles/single-legs.md:9:36",
        "content/exercises/Bad Name.md:1:1",
        "content/exercises/goblet-squat.md:10:8",
    ]
    assert "hint: 'split-squat' is an exercise: write [[exercise:split-squat]]" in result.err
    assert "4 error(s)" in result.err


def test_check_writes_nothing(project: Path, guide: Guide) -> None:
    result = guide("check", "--root", project)
    assert result.code == 0, result.err
    assert not (project / "site").exists()


def test_warnings_pass_unless_strict(project: Path, guide: Guide) -> None:
    _break(project, "content/exercises/split-squat.md", "  - Long stance.\n", "")
    assert guide("check", "--root", project).code == 0
    strict = guide("check", "--root", project, "--strict")
    assert strict.code == 1
    assert "content/exercises/split-squat.md:12:1: error: only 2 coaching cue(s)" in strict.err


def test_drafts_flag_includes_drafts_and_future(project: Path, guide: Guide) -> None:
    assert guide("build", "--root", project, "--drafts").code == 0
    assert (project / "site/articles/a-draft/index.html").is_file()
    assert (project / "site/articles/future-post/index.html").is_file()


def test_usage_errors_exit_2(project: Path, guide: Guide, tmp_path: Path) -> None:
    assert guide("build", "--root", tmp_path / "nowhere").code == 2
    assert guide("build", "--root", project, "--base-url", "not-a-url").code == 2
    refused = guide("build", "--root", project, "--out", project / "content" / "site")
    assert refused.code == 2
    assert "inside the project's content/ folder" in refused.err
    with pytest.raises(SystemExit) as exit_info:
        guide("frobnicate")
    assert exit_info.value.code == 2


def test_base_url_subpath_keeps_every_link_inside(project: Path, guide: Guide) -> None:
    assert guide("build", "--root", project, "--base-url", "https://example.org/guide/").code == 0
    site = project / "site"
    links = 0
    for page in site.rglob("*.html"):
        for url in re.findall(r'(?:href|src)="([^"]+)"', page.read_text()):
            if url.startswith("#"):
                continue
            links += 1
            assert url.startswith(("/guide/", "https://example.org/guide/")), (page, url)
            if url.startswith("/guide/"):
                target = site / url.removeprefix("/guide/").split("#")[0]
                assert target.is_file() or (target / "index.html").is_file(), (page, url)
    assert links > 100


def test_two_builds_are_byte_identical(project: Path, guide: Guide, tmp_path: Path) -> None:
    assert guide("build", "--root", project, "--out", tmp_path / "one").code == 0
    assert guide("build", "--root", project, "--out", tmp_path / "two").code == 0
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")


def test_python_dash_m_runs_the_same_command(project: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--root", str(project)],
        capture_output=True, text=True, cwd=REPO, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "no errors" in result.stdout


def test_new_writes_a_valid_card_and_never_overwrites(project: Path, guide: Guide) -> None:
    created = guide("new", "exercise", "Nordic Hamstring Curl", "--root", project)
    assert created.code == 0, created.err
    card = project / "content/exercises/nordic-hamstring-curl.md"
    text = card.read_text()
    assert 'title: "Nordic Hamstring Curl"' in text
    for field_name in ("summary:", "category:", "pattern:", "muscles:", "equipment:", "level:",
                       "laterality:", "cues:", "dose:"):  # fmt: skip
        assert field_name in text
    again = guide("new", "exercise", "Nordic hamstring curl", "--root", project)
    assert again.code == 2
    assert "is taken by content/exercises/nordic-hamstring-curl.md" in again.err
    assert card.read_text() == text
    article = guide("new", "article", "../../Squats: the basics!", "--root", project)
    assert article.code == 0
    assert (project / "content/articles/squats-the-basics.md").is_file()
    checked = guide("check", "--root", project, "--drafts")
    assert checked.code == 0, checked.err


def test_schemas_for_editors_match_the_validator(tmp_path: Path, guide: Guide) -> None:
    shutil.copytree(REPO / "content", tmp_path / "content")
    assert guide("schemas", "--root", tmp_path).code == 0
    for written in sorted((tmp_path / "schemas").glob("*.json")):
        committed = REPO / "schemas" / written.name
        assert committed.read_text() == written.read_text(), f"run `make schemas`: {written.name}"
    assert len(list((tmp_path / "schemas").glob("*.json"))) == 9


def test_link_to_a_draft_names_the_draft(project: Path, guide: Guide) -> None:
    _break(
        project,
        "content/articles/legs-first.md",
        "Strong legs",
        "See [[article:a-draft]]. Strong legs",
    )
    result = guide("check", "--root", project)
    assert result.code == 1
    assert (
        "content/articles/legs-first.md:8:5: error: broken cross-reference [[article:a-draft]]"
        in result.err
    )
    assert "'a-draft' is a draft or scheduled; publish it, or preview with --drafts" in result.err
    assert guide("check", "--root", project, "--drafts").code == 0


def test_a_plan_that_breaks_a_rule_fails_the_build(
    tmp_path: Path, guide: Guide, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.plans import Violation
    from generator.site import plans as site_plans

    for name in ("content", "templates"):
        shutil.copytree(REPO / name, tmp_path / name)

    def strict_coach(plan: object, *args: object) -> list[Violation]:
        plan_id = getattr(plan, "id", "")
        return (
            [Violation(plan_id, 3, 5, "R5", "heavy legs the day before the long run")]
            if plan_id == "10k-beginner-3d-home"
            else []
        )

    monkeypatch.setattr(site_plans, "check_plan", strict_coach)
    result = guide("check", "--root", tmp_path)
    assert result.code == 1
    assert "content/plans/distances.yaml:1:1: error: " in result.err
    line = next(x for x in result.err.splitlines() if "10k-beginner-3d-home" in x)
    assert "week 3" in line and "day 5" in line and "[R5]" in line
