"""The code's layers, checked from its own import statements.

``scripts/`` holds only the commands a person runs and the MkDocs hook files;
everything else lives in four packages, each importing only those below it:

    core  <  content  <  web  <  outputs  <  the commands and hooks

No module imports another in a circle, ``__init__`` files import nothing, and
no file passes 500 lines. Imports under ``if TYPE_CHECKING:`` are for type
hints only and never run, so they are not counted.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

SCRIPTS = ROOT / "scripts"
LAYERS = ("core", "content", "web", "outputs")
MAX_LINES = 500
MAX_COMMANDS = 12


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _runtime_nodes(tree: ast.AST):
    """Every node, except what sits under ``if TYPE_CHECKING:``."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            stack.extend(node.orelse)
            continue
        yield node
        stack.extend(ast.iter_child_nodes(node))


def imports_of(path: Path, known: set[str]) -> set[str]:
    """The project modules ``path`` imports when it runs (``from scripts.x import y`` names y if y is a module)."""
    found = set()
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("scripts")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("scripts"):
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in known else node.module)
    return found & known


def graph() -> dict[str, set[str]]:
    files = {module_name(p): p for p in SCRIPTS.rglob("*.py")}
    known = set(files)
    return {name: imports_of(path, known) - {name} for name, path in files.items()}


def layer(name: str) -> int:
    parts = name.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 2 and parts[1] in LAYERS else len(LAYERS)


def test_no_module_imports_another_in_a_circle() -> None:
    edges = graph()
    cycles = []

    def visit(node: str, path: list[str], seen: set[str]) -> None:
        for nxt in sorted(edges.get(node, ())):
            if nxt in path:
                cycles.append(path[path.index(nxt) :] + [nxt])
            elif nxt not in seen:
                seen.add(nxt)
                visit(nxt, [*path, nxt], seen)

    for start in sorted(edges):
        visit(start, [start], {start})
    assert not cycles, "import circles: " + "; ".join(" -> ".join(c) for c in cycles[:5])


def test_each_layer_imports_only_the_layers_below_it() -> None:
    wrong = [
        f"{name} ({LAYERS[layer(name)] if layer(name) < len(LAYERS) else 'commands'}) imports {dep}"
        for name, deps in graph().items()
        for dep in deps
        if layer(dep) > layer(name) or (layer(dep) == len(LAYERS) and layer(name) < len(LAYERS))
    ]
    assert wrong == []


def test_package_init_files_import_nothing_of_ours() -> None:
    edges = graph()
    assert {
        n: d for n, d in edges.items() if (SCRIPTS.parent / (n.replace(".", "/") + "/__init__.py")).exists() and d
    } == {}


def test_scripts_holds_only_commands_and_hooks_and_no_file_is_too_long() -> None:
    top = sorted(p.name for p in SCRIPTS.glob("*.py"))
    assert len(top) <= MAX_COMMANDS, top
    assert {p.name for p in SCRIPTS.iterdir() if p.is_dir() and p.name != "__pycache__"} == set(LAYERS)
    long = {
        str(p.relative_to(ROOT)): n for p in SCRIPTS.rglob("*.py") if (n := len(p.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}


def test_the_layer_check_finds_a_circle_and_an_upward_import(tmp_path: Path) -> None:
    """The checks above can fail: an upward import is an edge they report."""
    (tmp_path / "a.py").write_text(
        "from scripts.web import render\nif TYPE_CHECKING:\n    from scripts.outputs import pack\n"
    )
    known = {"scripts.web.render", "scripts.outputs.pack"}
    assert imports_of(tmp_path / "a.py", known) == {"scripts.web.render"}
    assert layer("scripts.web.render") > layer("scripts.content.banks")
