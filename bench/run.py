"""Time cold (and warm) builds of the same corpus with our generator, Hugo, Pelican and MkDocs.

Why this shape: a single timing on a shared 2-core machine says little, so every
build runs in a fresh process from a clean state, several times, interleaved
round by round with the other tools (so a burst of background load hits every
tool, not one), and we report medians. Memory is the peak resident set of the
whole process tree (our build runs Pagefind as a child), sampled from /proc and
checked against the kernel's own ``ru_maxrss`` from ``wait4``.

    bench/.venv/bin/python bench/run.py                  # N = 1,000 and 5,000, 5 runs
    bench/.venv/bin/python bench/run.py --quick          # N = 200, 2 runs: a smoke test

It installs nothing: ``make bench`` creates ``bench/.venv`` with the other tools.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # a sibling module, not an installed package

BENCH = corpus.BENCH
REPO = corpus.REPO
WORK = corpus.WORK
OUT = WORK / "out"
SET_ASIDE = WORK / "set-aside"  # earlier runs' outputs, deleted after the last run
LOGS = WORK / "logs"
RESULTS = BENCH / "results"
ALL_TOOLS = ("ours", "ours-nosearch", "hugo", "hugo-feeds", "hugo-pagefind", "pelican", "mkdocs")
EDITED = "content/articles"  # the first article here is the one "edit one article" rows change
# Our articles are dated 2015-2024; a fixed "today" keeps the published set independent of the clock.
SOURCE_DATE_EPOCH = "1767225600"  # 2026-01-01
SAMPLE_SECONDS = 0.05
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True, slots=True)
class Paths:
    """Where the executables are; nothing is looked up on PATH, so results name what ran."""

    guide: Path
    hugo: Path
    pelican: Path
    mkdocs: Path


@dataclass(frozen=True, slots=True)
class Tool:
    """How to build one corpus with one tool, and what a cold start must delete first."""

    name: str
    label: str
    fmt: str  # which corpus format it reads
    command: Callable[[Paths, Path, Path], list[str]]  # (paths, root, out) -> argv
    caches: Callable[[Path], list[Path]]  # root -> folders and files that act as caches
    warm: bool = False  # keep the output and caches of the previous run
    prepare: Callable[[Path], None] | None = None  # root -> an edit made before the timed run


def _ours(paths: Paths, root: Path, out: Path) -> list[str]:
    return [str(paths.guide), "build", "--root", str(root), "--out", str(out)]


def _ours_without_search(paths: Paths, root: Path, out: Path) -> list[str]:
    return [*_ours(paths, root, out), "--no-search"]


def _hugo(config: str) -> Callable[[Paths, Path, Path], list[str]]:
    def command(paths: Paths, root: Path, out: Path) -> list[str]:
        return [
            str(paths.hugo), "--quiet", "--source", str(root), "--config", str(root / config),
            "--destination", str(out), "--cacheDir", str(root / ".hugo-cache"),
        ]  # fmt: skip

    return command


def _hugo_pagefind(paths: Paths, root: Path, out: Path) -> list[str]:
    """Hugo, then the Pagefind CLI over its output: the search setup Hugo's own users run.

    The same ``pagefind`` package our generator uses (from the project's venv).
    """
    hugo = " ".join(f"'{part}'" for part in _hugo("hugo.toml")(paths, root, out))
    pagefind = f"'{paths.guide.parent / 'python'}' -m pagefind --site '{out}' --quiet"
    return ["/bin/sh", "-c", f"{hugo} && {pagefind}"]


def _edited_article(root: Path) -> Path:
    return sorted((root / EDITED).glob("*.md"))[0]


def _edit_known_words(root: Path) -> None:
    """Add (or, every other run, remove) a copy of the article's last paragraph: no new word."""
    path = _edited_article(root)
    text = path.read_text(encoding="utf-8")
    last = text.rstrip("\n").rsplit("\n\n", 1)[-1]
    copy = f"\n\n{last}\n"
    if text.endswith(copy) and text[: -len(copy)].rstrip("\n").endswith(last):
        path.write_text(text[: -len(copy)].rstrip("\n") + "\n", encoding="utf-8")
    else:
        path.write_text(text.rstrip("\n") + copy, encoding="utf-8")


def _edit_new_word(root: Path) -> None:
    """Add a sentence with a word no page has yet (a new one every run)."""
    path = _edited_article(root)
    stamp = time.time_ns()
    path.write_text(path.read_text(encoding="utf-8") + f"\nRevision note zq{stamp}.\n")


def _ours_edited(name: str, what: str, edit: Callable[[Path], None]) -> Tool:
    """Ours with search, built again over the previous output and cache after ``edit``."""
    return Tool(
        name, f"ours, with search, {what}", "ours", _ours, lambda r: [r / ".cache"], True, edit
    )


def _pelican(paths: Paths, root: Path, out: Path) -> list[str]:
    return [str(paths.pelican), "content", "-s", "pelicanconf.py", "-o", str(out), "-q"]


def _mkdocs(paths: Paths, root: Path, out: Path) -> list[str]:
    return [str(paths.mkdocs), "build", "-q", "-f", "mkdocs.yml", "-d", str(out)]


TOOLS: dict[str, Tool] = {
    t.name: t
    for t in (
        Tool("ours", "ours, with search (cold)", "ours", _ours, lambda r: [r / ".cache"]),
        Tool(
            "ours-warm", "ours, with search (warm)", "ours", _ours, lambda r: [r / ".cache"], True
        ),
        _ours_edited(
            "ours-edit-first",
            "first edit after a cold build (no spare yet)",
            _edit_known_words,
        ),
        _ours_edited("ours-edit", "one article edited", _edit_known_words),
        _ours_edited("ours-edit-new", "one article edited (a new word)", _edit_new_word),
        Tool(
            "ours-nosearch",
            "ours, no search (cold)",
            "ours",
            _ours_without_search,
            lambda r: [r / ".cache"],
        ),
        Tool(
            "hugo",
            "Hugo, no feeds",
            "hugo",
            _hugo("hugo.toml"),
            lambda r: [r / ".hugo-cache", r / "resources", r / ".hugo_build.lock"],
        ),
        Tool(
            "hugo-feeds",
            "Hugo, with tag feeds",
            "hugo",
            _hugo("hugo-feeds.toml"),
            lambda r: [r / ".hugo-cache", r / "resources", r / ".hugo_build.lock"],
        ),
        Tool(
            "hugo-pagefind",
            "Hugo + Pagefind (cold)",
            "hugo",
            _hugo_pagefind,
            lambda r: [r / ".hugo-cache", r / "resources", r / ".hugo_build.lock"],
        ),
        Tool(
            "hugo-pagefind-edit",
            "Hugo + Pagefind, one article edited",
            "hugo",
            _hugo_pagefind,
            lambda r: [r / ".hugo-cache", r / "resources", r / ".hugo_build.lock"],
            warm=True,
            prepare=_edit_known_words,
        ),
        Tool(
            "pelican",
            "Pelican, no feeds",
            "pelican",
            _pelican,
            lambda r: [r / "cache", r / "__pycache__"],
        ),
        Tool("mkdocs", "MkDocs", "mkdocs", _mkdocs, lambda r: [r / ".cache"]),
    )
}


@dataclass(slots=True)
class Run:
    """One measured build."""

    wall_s: float
    cpu_s: float  # user + system of the whole tree, from wait4
    maxrss_mb: float  # largest single process (kernel ru_maxrss)
    tree_rss_mb: float  # largest sum of RSS over the live tree (sampled; counts shared pages twice)
    loadavg_before: float
    other_cpu_s: float  # CPU time the rest of the machine used meanwhile: interference
    tree_pss_mb: float = 0.0  # largest sum of PSS over the live tree (sampled; shared pages split)

    @property
    def peak_mb(self) -> float:
        """The tree's peak memory: proportional set sizes summed, so that pages a forked
        worker shares with its parent count once; ru_maxrss (the largest single process)
        is a lower bound when the sampler missed a spike."""
        return max(self.maxrss_mb, self.tree_pss_mb)


@dataclass(slots=True)
class Cell:
    """All runs of one tool at one size."""

    requested: int  # --runs
    target: int  # fewer for a slow tool
    runs: list[Run] = field(default_factory=list)
    files: int = 0
    note: str = ""

    def median(self, attr: str) -> float:
        return float(statistics.median(float(getattr(r, attr)) for r in self.runs))

    def as_json(self) -> dict[str, Any]:
        return {
            "runs": [
                {
                    "wall_s": round(r.wall_s, 3),
                    "cpu_s": round(r.cpu_s, 3),
                    "maxrss_mb": round(r.maxrss_mb, 1),
                    "tree_rss_mb": round(r.tree_rss_mb, 1),
                    "tree_pss_mb": round(r.tree_pss_mb, 1),
                    "loadavg_before": r.loadavg_before,
                    "other_cpu_s": round(r.other_cpu_s, 2),
                }
                for r in self.runs
            ],
            "median_wall_s": round(self.median("wall_s"), 3),
            "min_wall_s": round(min(r.wall_s for r in self.runs), 3),
            "median_cpu_s": round(self.median("cpu_s"), 3),
            "peak_rss_mb": round(max(r.peak_mb for r in self.runs), 1),
            "output_files": self.files,
            "note": self.note,
        }


class TreeSampler(threading.Thread):
    """Polls the memory of a process and all its descendants; keeps the largest sums seen.

    Two sums: RSS, and PSS from ``smaps_rollup``. Forked workers share most of
    their pages with the parent, and RSS counts such a page once per process;
    PSS divides it among them, so the PSS sum is what the tree really occupies.
    """

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_bytes = 0
        self.peak_pss_bytes = 0
        self.done = threading.Event()

    @staticmethod
    def _children(pid: int) -> list[int]:
        found: list[int] = []
        try:
            for task in Path(f"/proc/{pid}/task").iterdir():
                found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
        return found

    @staticmethod
    def _pss_bytes(pid: int) -> int:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
        except (OSError, IndexError, ValueError):
            pass
        return 0

    def _tree_bytes(self) -> tuple[int, int]:
        rss, pss, stack = 0, 0, [self.pid]
        while stack:
            pid = stack.pop()
            try:
                rss += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_BYTES
            except (OSError, IndexError, ValueError):
                continue
            pss += self._pss_bytes(pid)
            stack += self._children(pid)
        return rss, pss

    def run(self) -> None:
        while not self.done.wait(SAMPLE_SECONDS):
            rss, pss = self._tree_bytes()
            self.peak_bytes = max(self.peak_bytes, rss)
            self.peak_pss_bytes = max(self.peak_pss_bytes, pss)


def busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy since boot (all cores, from /proc/stat)."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(f) for f in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def measure(argv: list[str], cwd: Path, log: Path) -> Run:
    """Run ``argv`` once in a fresh process; raise with the log's tail if it fails."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    load = os.getloadavg()[0]
    os.sync()  # don't let the last run's writeback land inside this one's timing
    with log.open("w") as sink:
        busy = busy_seconds()
        started = time.perf_counter()
        process = subprocess.Popen(argv, cwd=cwd, env=env, stdout=sink, stderr=subprocess.STDOUT)
        sampler = TreeSampler(process.pid)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        busy = busy_seconds() - busy
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        sampler.done.set()
        sampler.join()
    if process.returncode != 0:
        tail = log.read_text(errors="replace")[-2000:]
        raise RuntimeError(f"{' '.join(argv)} exited {process.returncode}:\n{tail}")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(
        wall_s=wall,
        cpu_s=cpu,
        maxrss_mb=usage.ru_maxrss / 1024,  # kilobytes on Linux
        tree_rss_mb=sampler.peak_bytes / 2**20,
        tree_pss_mb=sampler.peak_pss_bytes / 2**20,
        loadavg_before=round(load, 2),
        other_cpu_s=max(0.0, busy - cpu),
    )


def _set_aside(path: Path) -> None:
    """Move an earlier run's output or cache out of the way; it is deleted after the last run.

    Deleting thousands of files makes the next thousands of file creations in
    that part of the disk slower for a while (seen on this VM's ext4, mounted
    with ``discard``: up to 1 ms per file instead of 0.07). Deleted between runs,
    every run would pay for the previous one's output, in a different amount
    for each tool. A rename costs nothing.
    """
    if path.exists() or path.is_symlink():
        SET_ASIDE.mkdir(parents=True, exist_ok=True)
        path.rename(Path(tempfile.mkdtemp(dir=SET_ASIDE)) / path.name)


def _count_files(folder: Path) -> int:
    return sum(len(files) for _, _, files in os.walk(folder))


def build_once(tool: Tool, paths: Paths, root: Path, out: Path) -> Run:
    """A cold start sets the output and every cache aside first; a warm one keeps them."""
    if not tool.warm:  # our spare and search workspace, kept beside the output, are caches too
        kept = [out.with_name(f".{out.name}-{name}") for name in ("spare", "search")]
        for path in [out, *kept, *tool.caches(root)]:
            _set_aside(path)
    if tool.prepare is not None:
        tool.prepare(root)
    LOGS.mkdir(parents=True, exist_ok=True)
    log = LOGS / f"{tool.name}-{root.name.rsplit('-', 1)[1]}.log"
    return measure(tool.command(paths, root, out), root, log)


def _version(argv: list[str]) -> str:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=60, check=False)
    except OSError as exc:
        return f"unavailable: {exc}"
    lines = [ln for ln in (done.stdout + done.stderr).splitlines() if ln.strip()]
    return lines[-1].strip() if lines else "unknown"


def versions(paths: Paths, tools: Sequence[str]) -> dict[str, str]:
    """What exactly ran, for the JSON record."""
    found = {"python": platform.python_version()}
    if "ours" in tools:
        python = paths.guide.parent / "python"
        found["ours"] = _version(
            [
                str(python),
                "-c",
                "import importlib.metadata as m; print(m.version('runners-strength-guide'))",
            ]
        )
    if {"hugo", "hugo-feeds", "hugo-pagefind"} & set(tools):
        found["hugo"] = _version([str(paths.hugo), "version"])
    if "pelican" in tools:
        found["pelican"] = _version([str(paths.pelican), "--version"])
    if "mkdocs" in tools:
        found["mkdocs"] = _version([str(paths.mkdocs), "--version"])
    if "pelican" in tools:
        python = paths.pelican.parent / "python"
        found["markdown"] = _version(
            [str(python), "-c", "import markdown; print(markdown.__version__)"]
        )
    return found


def find_paths(bench_venv: Path, guide: Path) -> Paths:
    """The tools' executables; Hugo's real binary rather than its Python launcher."""
    binaries = sorted(bench_venv.glob("lib/python*/site-packages/hugo/binaries/hugo"))
    hugo = binaries[0] if binaries else bench_venv / "bin" / "hugo"
    return Paths(guide, hugo, bench_venv / "bin" / "pelican", bench_venv / "bin" / "mkdocs")


# --- reporting -----------------------------------------------------------------------------


def _seconds(value: float) -> str:
    return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


def _pages(size: int) -> str:
    return f"{size:,} pages"


def _ratio(ours: dict[int, Cell], theirs: Cell, size: int) -> str:
    if size not in ours:
        return "—"
    return f"{ours[size].median('wall_s') / theirs.median('wall_s'):.2f}"


def table(results: dict[str, dict[int, Cell]], sizes: Sequence[int]) -> str:
    """The Markdown summary: median wall time per size, memory and ratios at the largest size.

    Two ratios: against our build without the search index, which is what Hugo
    and Pelican also do (like for like), and against our full build with it.
    """
    big = sizes[-1]
    head = [
        "tool",
        *(_pages(s) for s in sizes),
        f"peak memory at {big:,}",
        "ours no search / theirs",
        "ours with search / theirs",
    ]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, cells in results.items():
        row = [TOOLS[name].label]
        for size in sizes:
            cell = cells.get(size)
            runs = f" ({len(cell.runs)} runs)" if cell and len(cell.runs) != cell.requested else ""
            row.append(_seconds(cell.median("wall_s")) + runs if cell else "not run")
        largest = max((s for s in sizes if s in cells), default=None)
        if largest is None:
            row += ["", "", ""]
        else:
            at = "" if largest == big else f" (at {largest:,})"
            row.append(f"{max(r.peak_mb for r in cells[largest].runs):,.0f} MB{at}")
            if name.startswith("ours"):
                row += ["—", "—"]
            else:
                for ours in ("ours-nosearch", "ours"):
                    ratio = _ratio(results.get(ours, {}), cells[largest], largest)
                    row.append(ratio + at if ratio != "—" else ratio)
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def cpu_table(results: dict[str, dict[int, Cell]], sizes: Sequence[int]) -> str:
    """CPU seconds (user + system), which background load on the machine disturbs less."""
    lines = [
        "| tool | " + " | ".join(_pages(s) for s in sizes) + " |",
        "|---|" + "---|" * len(sizes),
    ]
    for name, cells in results.items():
        row = [_seconds(cells[s].median("cpu_s")) if s in cells else "not run" for s in sizes]
        lines.append(f"| {TOOLS[name].label} | " + " | ".join(row) + " |")
    return "\n".join(lines)


def targets(results: dict[str, dict[int, Cell]], size: int) -> list[str]:
    """The search targets (issue #18) and the no-search guard, at ``size`` pages, from this run."""

    def wall(name: str) -> float | None:
        cell = results.get(name, {}).get(size)
        return cell.median("wall_s") if cell else None

    def peak(name: str) -> float | None:
        cell = results.get(name, {}).get(size)
        return max(r.peak_mb for r in cell.runs) if cell else None

    checks: list[tuple[str, float | None, float, str]] = []
    hp, hugo, pelican = wall("hugo-pagefind"), wall("hugo"), wall("pelican")
    for name, limit, what in (
        ("ours-edit", 0.25, "one article edited, with search / Hugo + Pagefind cold"),
        ("ours-edit-first", 0.25, "first edit after a cold build / Hugo + Pagefind cold"),
        ("ours-edit-new", 0.25, "edited with a new word, with search / Hugo + Pagefind cold"),
        ("ours", 1.25, "cold with search / Hugo + Pagefind cold"),
    ):
        mine = wall(name)
        checks.append((what, mine / hp if mine and hp else None, limit, "at most"))
    nosearch = wall("ours-nosearch")
    checks.append(
        ("cold no search / Hugo", nosearch / hugo if nosearch and hugo else None, 3.0, "at most")
    )
    checks.append(
        (
            "Pelican / cold no search",
            pelican / nosearch if pelican and nosearch else None,
            3.0,
            "at least",
        )
    )
    checks.append(("peak memory cold with search, MB", peak("ours"), 800, "at most"))
    checks.append(("peak memory cold no search, MB", peak("ours-nosearch"), 400, "at most"))
    lines = []
    for what, value, limit, sense in checks:
        if value is None:
            lines.append(f"{what}: not measured")
            continue
        ok = value <= limit if sense == "at most" else value >= limit
        lines.append(f"{what}: {value:.2f} ({sense} {limit:g}): {'met' if ok else 'MISSED'}")
    return lines


def growth(results: dict[str, dict[int, Cell]], sizes: Sequence[int]) -> dict[str, float]:
    """time(largest) / time(smallest) per tool: 5.0 would be linear for 1,000 -> 5,000."""
    small, big = sizes[0], sizes[-1]
    return {
        name: round(cells[big].median("wall_s") / cells[small].median("wall_s"), 2)
        for name, cells in results.items()
        if small in cells and big in cells and small != big
    }


# --- main ----------------------------------------------------------------------------------


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,5000", help="article counts (default 1000,5000)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per tool and size")
    parser.add_argument("--tools", default=",".join(ALL_TOOLS), help=",".join(ALL_TOOLS))
    parser.add_argument("--quick", action="store_true", help="smoke test: N=200, 2 runs")
    parser.add_argument("--mkdocs-5000", action="store_true", help="also run MkDocs above 1,000")
    parser.add_argument(
        "--slow-seconds",
        type=float,
        default=60.0,
        help="a tool whose first run at a size takes longer gets --slow-runs runs there",
    )
    parser.add_argument("--slow-runs", type=int, default=3)
    parser.add_argument("--no-warm", action="store_true", help="skip the warm runs of ours")
    parser.add_argument("--bench-venv", type=Path, default=BENCH / ".venv")
    parser.add_argument("--guide", type=Path, default=REPO / ".venv" / "bin" / "guide")
    parser.add_argument("--output", type=Path, help="JSON file (default results/latest.json)")
    parser.add_argument(
        "--report",
        type=Path,
        metavar="JSON",
        help="build nothing: print the tables of an earlier run and refresh them in that file",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.runs = "200", 2
    args.size_list = sorted({int(s) for s in args.sizes.split(",") if s})
    args.tool_list = [t for t in args.tools.split(",") if t]
    unknown = set(args.tool_list) - set(ALL_TOOLS)
    if unknown:
        parser.error(f"unknown tool(s): {', '.join(sorted(unknown))}")
    if args.runs < 1 or args.slow_runs < 1:
        parser.error("--runs and --slow-runs must be at least 1")
    if args.output is None:
        args.output = RESULTS / ("quick.json" if args.quick else "latest.json")
    return args


def _plan(args: argparse.Namespace, size: int) -> list[str]:
    """Tools to run at ``size``, in round order; the warm run directly follows a cold one."""
    names: list[str] = []
    for name in args.tool_list:
        if name == "mkdocs" and size > 1000 and not args.mkdocs_5000:
            continue
        names.append(name)
        if name == "ours" and not args.no_warm:
            # right after the cold run, whose output and cache they keep
            # the first edit leaves the spare that later builds are staged in
            names += ["ours-warm", "ours-edit-first", "ours-edit", "ours-edit-new"]
        if name == "hugo-pagefind" and not args.no_warm:
            names.append("hugo-pagefind-edit")
    return names


def _check_tools(paths: Paths, tools: Sequence[str]) -> None:
    needed = {"ours": paths.guide, "ours-nosearch": paths.guide}
    needed |= {"hugo": paths.hugo, "hugo-feeds": paths.hugo, "hugo-pagefind": paths.hugo}
    needed |= {"pelican": paths.pelican, "mkdocs": paths.mkdocs}
    missing = [f"{t}: {needed[t]}" for t in tools if not needed[t].exists()]
    if missing:
        sys.exit(
            "missing executables (run `make bench` to create the venvs):\n  " + "\n  ".join(missing)
        )


def load_results(record: dict[str, Any]) -> tuple[dict[str, dict[int, Cell]], list[int]]:
    """The cells of a saved run, so its tables can be printed again without building."""
    requested = int(record["config"]["runs"])
    results: dict[str, dict[int, Cell]] = {}
    for name in [n for n in TOOLS if n in record["results"]]:
        for size, saved in record["results"][name].items():
            runs = [Run(**{k: float(v) for k, v in r.items()}) for r in saved["runs"]]
            cell = Cell(requested, len(runs), runs, int(saved["output_files"]), str(saved["note"]))
            results.setdefault(name, {})[int(size)] = cell
    return results, [int(s) for s in record["config"]["sizes"]]


def print_report(
    results: dict[str, dict[int, Cell]], sizes: Sequence[int], record: dict[str, Any]
) -> None:
    """Print the tables and store them (and the growth factors) in ``record``."""
    record["table"] = table(results, sizes)
    record["cpu_table"] = cpu_table(results, sizes)
    record["growth"] = growth(results, sizes)
    print("\nMedian wall time (cold: no output or cache left from an earlier run)\n")
    print(record["table"])
    if record["growth"]:
        small, big = sizes[0], sizes[-1]
        print(f"\nGrowth time({big:,}) / time({small:,}), {big / small:g}x would be linear:")
        for name, factor in record["growth"].items():
            print(f"  {TOOLS[name].label:<22} {factor:.1f}x")
    print("\nMedian CPU time (user + system, whole process tree)\n")
    print(record["cpu_table"])
    record["targets"] = targets(results, sizes[-1])
    print(f"\nTargets at {sizes[-1]:,} pages (medians of this run):")
    for line in record["targets"]:
        print(f"  {line}")


def _save(path: Path, record: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False) + "\n")


def _rereport(path: Path) -> int:
    saved: dict[str, Any] = json.loads(path.read_text())
    print_report(*load_results(saved), saved)
    _save(path, saved)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse_args(argv)
    if args.report:
        return _rereport(args.report)
    paths = find_paths(args.bench_venv, args.guide)
    _check_tools(paths, args.tool_list)
    started = time.perf_counter()
    env_info: dict[str, Any] = {
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "loadavg_start": [round(x, 2) for x in os.getloadavg()],
        "versions": versions(paths, args.tool_list),
    }
    if env_info["loadavg_start"][0] > 0.5:
        print(f"note: load average is {env_info['loadavg_start'][0]}; timings will be noisy")
    shutil.rmtree(SET_ASIDE, ignore_errors=True)  # left by an interrupted run, before the corpora
    results: dict[str, dict[int, Cell]] = {}
    for size in args.size_list:
        plan = _plan(args, size)
        formats = sorted({TOOLS[n].fmt for n in plan})
        roots = corpus.write_all(size, formats)
        print(f"\nN = {size:,}: corpus written for {', '.join(formats)}")
        cells = {name: Cell(args.runs, args.runs) for name in plan}
        for round_no in range(1, args.runs + 1):
            for name in plan:
                tool, cell = TOOLS[name], cells[name]
                if len(cell.runs) >= cell.target:
                    continue
                root = roots[tool.fmt]
                out = OUT / f"{tool.fmt}-{size}"  # ours-warm reuses the cold run's output
                run = build_once(tool, paths, root, out)
                cell.runs.append(run)
                if round_no == 1:
                    cell.files = _count_files(out)
                    if run.wall_s > args.slow_seconds and args.slow_runs < cell.target:
                        cell.target = args.slow_runs
                        cell.note = (
                            f"{args.slow_runs} runs: first run took over {args.slow_seconds:g} s"
                        )
                print(
                    f"  {tool.label:<22} run {len(cell.runs)}/{cell.target}: "
                    f"{run.wall_s:7.2f} s wall, {run.cpu_s:7.2f} s cpu, {run.peak_mb:7.0f} MB, "
                    f"others used {run.other_cpu_s:.1f} cpu-s meanwhile",
                    flush=True,
                )
        for name, cell in cells.items():
            results.setdefault(name, {})[size] = cell
    for folder in (OUT, SET_ASIDE):  # a few GB at 5,000 pages
        shutil.rmtree(folder, ignore_errors=True)
    env_info["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    record: dict[str, Any] = {
        "config": {
            "sizes": args.size_list,
            "runs": args.runs,
            "slow_seconds": args.slow_seconds,
            "slow_runs": args.slow_runs,
            "tools": args.tool_list,
            "source_date_epoch": SOURCE_DATE_EPOCH,
        },
        "environment": env_info,
        "results": {
            n: {str(s): c.as_json() for s, c in cells.items()} for n, cells in results.items()
        },
        "total_seconds": round(time.perf_counter() - started, 1),
    }
    print_report(results, args.size_list, record)
    _save(args.output, record)
    print(f"\nwrote {os.path.relpath(args.output)} in {record['total_seconds']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
