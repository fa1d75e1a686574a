"""The generator's packages form layers, and imports run one way: down.

Every module's imports are read with ``ast`` (``TYPE_CHECKING`` imports and
imports inside functions included), so a cycle or an import against the order
fails here, naming the two files, before it can tangle the pipeline.
"""

from __future__ import annotations

import ast
from pathlib import Path

GENERATOR = Path(__file__).resolve().parent.parent / "generator"

# Bottom to top; docs/architecture.md explains each. A module may import its own
# layer and the layers below it, never one above.
LAYERS = (
    "core",
    "markdown",
    "figures",
    "content",
    "plans",
    "site",
    "render",
    "publish",
    "build",
    "preview",
    "cli",
)
MODULES = ("build", "cli")  # layers that are one module each; every other layer is a package
TOP_LEVEL = {"__init__": "core", "build": "build", "cli": "cli", "__main__": "cli"}

Graph = dict[str, set[str]]  # module -> modules it imports (generator's own only)


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules(root: Path) -> dict[str, Path]:
    return {module_name(path, root): path for path in sorted(root.rglob("*.py"))}


def imports_of(path: Path, name: str, known: dict[str, Path]) -> set[str]:
    """The generator modules ``path`` imports; ``from pkg import mod`` counts as ``pkg.mod``."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base)
    return {m for m in found if m in known and m != name}


def layer_of(name: str) -> str:
    parts = name.split(".")
    if len(parts) == 1:
        return TOP_LEVEL["__init__"]
    return TOP_LEVEL.get(parts[1], parts[1])


def import_graph(root: Path) -> tuple[Graph, dict[str, Path]]:
    known = modules(root)
    return {name: imports_of(path, name, known) for name, path in known.items()}, known


def upward_imports(graph: Graph) -> list[tuple[str, str]]:
    """Every (importer, imported) pair where the imported module sits in a higher layer."""
    rank = {layer: i for i, layer in enumerate(LAYERS)}
    return sorted(
        (source, target)
        for source, targets in graph.items()
        for target in targets
        if rank[layer_of(target)] > rank[layer_of(source)]
    )


def find_cycle(graph: Graph) -> list[str]:
    """One import cycle as [a, b, ..., a], or [] when there is none."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return []

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return []


def test_every_module_belongs_to_a_known_layer() -> None:
    graph, _ = import_graph(GENERATOR)
    assert {layer_of(name) for name in graph} <= set(LAYERS)
    packages = {p.name for p in GENERATOR.iterdir() if (p / "__init__.py").exists()}
    assert packages == set(LAYERS) - set(MODULES)


def test_every_package_says_what_it_does_and_what_it_may_import() -> None:
    for package in sorted(set(LAYERS) - set(MODULES)):
        doc = ast.get_docstring(ast.parse((GENERATOR / package / "__init__.py").read_text()))
        assert doc, f"generator/{package}/__init__.py has no docstring"
        assert "import" in doc.lower(), f"generator/{package}/__init__.py: say what it may import"


def test_imports_run_down_the_layers() -> None:
    graph, files = import_graph(GENERATOR)
    wrong = [
        f"{files[a].relative_to(GENERATOR.parent)} ({layer_of(a)}) imports "
        f"{files[b].relative_to(GENERATOR.parent)} ({layer_of(b)})"
        for a, b in upward_imports(graph)
    ]
    assert not wrong, "imports against the layer order:\n" + "\n".join(wrong)


def test_no_import_cycles() -> None:
    graph, files = import_graph(GENERATOR)
    cycle = find_cycle(graph)
    assert not cycle, "import cycle: " + " -> ".join(
        str(files[m].relative_to(GENERATOR.parent)) for m in cycle
    )


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "generator"
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def test_the_checks_catch_an_upward_import_and_a_cycle(tmp_path: Path) -> None:
    """The checker itself: a planted upward import and a planted cycle are both found."""
    root = _tree(
        tmp_path,
        {
            "__init__.py": "",
            "core/__init__.py": "",
            "core/urls.py": "from generator.render import page\n",
            "render/__init__.py": "",
            "render/page.py": "from ..core import urls\n",
            "site/__init__.py": "",
            "site/a.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import generator.site.b\n",
            "site/b.py": "def f() -> None:\n    from generator.site import a\n",
        },
    )
    graph, _ = import_graph(root)
    assert upward_imports(graph) == [("generator.core.urls", "generator.render.page")]
    assert find_cycle(graph) in (
        ["generator.core.urls", "generator.render.page", "generator.core.urls"],
        ["generator.render.page", "generator.core.urls", "generator.render.page"],
    )
    del graph["generator.core.urls"]
    assert find_cycle(graph) == ["generator.site.a", "generator.site.b", "generator.site.a"]
