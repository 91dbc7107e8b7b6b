"""The kg/gaps modules import each other without a circle: no sibling imported inside a function
to hide one, the module-level imports form no cycle, and each module imports on its own."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
GAPS = ROOT / "kg" / "gaps"
MODULES = sorted(p.stem for p in GAPS.glob("*.py") if p.stem != "__init__")


def _sibling_imports(path: Path) -> tuple[set[str], list[str]]:
    """(siblings imported at module level, ``line: module`` of siblings imported inside a function)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top: set[str] = set()
    nested: list[str] = []
    functions = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    inside = {id(n) for f in functions for n in ast.walk(f) if n is not f}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            names = [node.module] if node.module else [a.name for a in node.names]
            found = {n.split(".")[0] for n in names if n.split(".")[0] in MODULES}
            if id(node) in inside:
                nested += [f"{node.lineno}: {n}" for n in found]
            else:
                top |= found
    return top, nested


def test_every_module_is_listed():
    assert {"facts", "index", "suggest", "composition", "rules", "vocab"} <= set(MODULES)


def test_no_sibling_is_imported_inside_a_function():
    hidden = {m: nested for m in MODULES if (nested := _sibling_imports(GAPS / f"{m}.py")[1])}
    assert not hidden, f"function-level imports of kg.gaps modules (a hidden import circle): {hidden}"


def test_module_level_imports_form_no_cycle():
    graph = {m: _sibling_imports(GAPS / f"{m}.py")[0] for m in MODULES}
    state: dict[str, int] = {}

    def visit(m: str, path: list[str]) -> None:
        state[m] = 1
        for n in sorted(graph[m]):
            assert state.get(n) != 1, "import circle: " + " -> ".join(path + [m, n])
            if n not in state:
                visit(n, path + [m])
        state[m] = 2

    for m in MODULES:
        if m not in state:
            visit(m, [])


def test_the_checks_above_find_a_hidden_circle(tmp_path):
    """The function-level detection can fail: a module importing a sibling in a function is seen."""
    src = tmp_path / "x.py"
    src.write_text("from .facts import fold\n\ndef f():\n    from .suggest import suggest\n")
    assert _sibling_imports(src) == ({"facts"}, ["4: suggest"])


@pytest.mark.parametrize("module", MODULES)
def test_each_module_imports_alone(module):
    """Imported first in a fresh interpreter (no other module of the package loaded before)."""
    done = subprocess.run([sys.executable, "-c", f"import kg.gaps.{module}"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("module", ["kg.read.lookups", "kg.read.scope", "kg.read.membership", "kg.read.candidates"])
def test_each_read_module_imports_alone(module):
    done = subprocess.run([sys.executable, "-c", f"import {module}"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
