"""Every third-party module the code imports belongs to a distribution pyproject.toml declares.

The package (``kg/``, ``loaders/``, ``app.py``, ``tools/``) may import only its runtime
dependencies (``[project] dependencies``): ``pip install ancrage`` installs nothing else. Tests
and benchmarks may also import the ``dev`` extra. Imports are read from the source (ast), so an
import inside a function counts as much as one at the top of a module.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE_CODE = ("kg", "loaders", "app.py", "tools")
DEV_CODE = ("tests", "bench")
#: Imported when present, never required: a comparison the bench makes only if it is importable.
NOT_DEPENDENCIES = {"pyrudof": "bench/bench_validation.py compares pyrudof's SHACL engine when it is installed"}
SKIP_DIRS = {"target", "node_modules", "__pycache__", ".venv"}


def _name(requirement: str) -> str:
    """A requirement's distribution name, normalised (PEP 503)."""
    return re.sub(r"[-_.]+", "-", re.match(r"\s*([A-Za-z0-9._-]+)", requirement).group(1)).lower()


def declared() -> tuple[set[str], set[str]]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = {_name(r) for r in project["dependencies"]}
    dev = {_name(r) for r in project["optional-dependencies"]["dev"]}
    return runtime, dev


def python_files(*areas: str) -> list[Path]:
    files = []
    for area in areas:
        path = REPO / area
        found = [path] if path.is_file() else sorted(path.rglob("*.py"))
        files += [f for f in found if not SKIP_DIRS & set(f.relative_to(REPO).parts)]
    return files


def imported(path: Path) -> dict[str, int]:
    """Top-level names of the absolute imports in a file, with the line of the first one."""
    names: dict[str, int] = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module]
        else:
            continue
        for module in modules:
            names.setdefault(module.split(".")[0], node.lineno)
    return names


def local_modules() -> set[str]:
    """Modules of this repository: files and folders, and modules a conftest registers under a name
    (``spec_from_file_location("name", …)``, ``sys.modules.setdefault("name", …)``)."""
    names = {"app"}
    for path in python_files("kg", "loaders", "tools", "tests", "bench"):
        names.add(path.stem)
        names.update(path.relative_to(REPO).parts[:-1])
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
                    and ast.unparse(node.func).endswith(("spec_from_file_location", "sys.modules.setdefault"))):
                names.add(node.args[0].value)
    return names


def undeclared(areas: tuple[str, ...], allowed: set[str]) -> list[str]:
    providers = importlib.metadata.packages_distributions()
    local = local_modules()
    problems = []
    for path in python_files(*areas):
        for name, line in imported(path).items():
            if name in sys.stdlib_module_names or name in local or name in NOT_DEPENDENCIES:
                continue
            where = f"{path.relative_to(REPO)}:{line}"
            distributions = {_name(d) for d in providers.get(name, ())}
            if not distributions:
                problems.append(f"{where}: `import {name}` is provided by no installed distribution")
            elif not distributions & allowed:
                problems.append(f"{where}: `import {name}` comes from {' or '.join(sorted(distributions))}, "
                                f"not declared in pyproject.toml")
    return problems


def test_the_package_imports_only_its_runtime_dependencies():
    runtime, _dev = declared()
    problems = undeclared(PACKAGE_CODE, runtime)
    assert not problems, "\n".join(problems)


def test_tests_and_benches_import_only_declared_distributions():
    runtime, dev = declared()
    problems = undeclared(DEV_CODE, runtime | dev)
    assert not problems, "\n".join(problems)


def test_an_undeclared_import_is_named(tmp_path, monkeypatch):
    """The check itself: a dev-only or an unknown distribution imported by the package is named."""
    (tmp_path / "kg").mkdir()
    (tmp_path / "kg" / "bad.py").write_text("import yaml\n\ndef f():\n    from playwright import sync_api\n"
                                            "    import not_a_module_anywhere\n", encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "REPO", tmp_path)
    problems = undeclared(("kg",), {"pyyaml"})
    assert problems == ["kg/bad.py:4: `import playwright` comes from playwright, not declared in pyproject.toml",
                        "kg/bad.py:5: `import not_a_module_anywhere` is provided by no installed distribution"]


@pytest.mark.parametrize("requirement, name", [("PyYAML>=6", "pyyaml"), ("neo4j-rust-ext>=5.20", "neo4j-rust-ext"),
                                               ("markdown_it.py >=3", "markdown-it-py")])
def test_requirement_names_are_normalised(requirement, name):
    assert _name(requirement) == name
